#pragma once

// The wire-key tables of the frame parser: for each object the parser walks into, which keys matter and
// where their values go. Data, not branches: a new wire field is a row here (and a differential test).

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace livegifts::detail {

// Where a value goes in the message record.
enum class Slot : std::uint8_t {
	None,
	EventName,
	TypeName,
	Method,
	MsgId,
	CreateTime,
	Handle,
	NumericId,
	Nickname,
	Avatar,
	GiftId,
	GiftName,
	GiftImage,
	Diamonds,
	GiftType,
	RepeatCount,
	RepeatEnd,
	GroupId,
	LikeCount,
	TotalLikeCount,
	ViewerCount,
	Count,
	Total,
	DisplayType,
	Action,
	Last,
};
inline constexpr std::size_t slotCount = static_cast<std::size_t>(Slot::Last);

// The object or array the parser is in.
enum class Ctx : std::uint8_t {
	Frame,    // an envelope, Euler frame, bundle element or bare message object
	Messages, // the array of a bundle
	Data,
	Common,
	DisplayText,
	User,
	Picture, // {url:[...]} / {urlList:[...]} / {giftPictureUrl:"..."}
	UrlList, // array whose first string is the value
	Gift,
	GiftDetails,
	None, // no child context
};

// What a key means in a context: a value slot (scalars), a child context (objects/arrays) or both.
struct KeyAction {
	std::string_view key;
	Slot slot = Slot::None;
	std::uint8_t prio = 0;
	Ctx child = Ctx::None;
	Slot childSlot = Slot::None;
	std::uint8_t childPrio = 0;
};

constexpr KeyAction slotKey(std::string_view key, Slot slot, std::uint8_t prio)
{
	return KeyAction{key, slot, prio, Ctx::None, Slot::None, 0};
}

constexpr KeyAction childKey(std::string_view key, Ctx child, Slot childSlot = Slot::None, std::uint8_t childPrio = 0)
{
	return KeyAction{key, Slot::None, 0, child, childSlot, childPrio};
}

inline constexpr std::array frameKeys{
    slotKey("event", Slot::EventName, 3),
    slotKey("type", Slot::TypeName, 3),
    childKey("data", Ctx::Data),
    childKey("messages", Ctx::Messages),
};

inline constexpr std::array dataKeys{
    slotKey("msgId", Slot::MsgId, 3),
    slotKey("createTime", Slot::CreateTime, 3),
    slotKey("timestamp", Slot::CreateTime, 1),
    slotKey("uniqueId", Slot::Handle, 3),
    slotKey("userId", Slot::NumericId, 3),
    slotKey("nickname", Slot::Nickname, 3),
    slotKey("profilePictureUrl", Slot::Avatar, 3),
    slotKey("giftId", Slot::GiftId, 3),
    slotKey("giftName", Slot::GiftName, 3),
    slotKey("giftPictureUrl", Slot::GiftImage, 3),
    slotKey("diamondCount", Slot::Diamonds, 3),
    slotKey("giftType", Slot::GiftType, 3),
    slotKey("repeatCount", Slot::RepeatCount, 3),
    slotKey("repeatEnd", Slot::RepeatEnd, 3),
    slotKey("groupId", Slot::GroupId, 3),
    slotKey("likeCount", Slot::LikeCount, 3),
    slotKey("totalLikeCount", Slot::TotalLikeCount, 3),
    slotKey("viewerCount", Slot::ViewerCount, 3),
    slotKey("count", Slot::Count, 3),
    slotKey("total", Slot::Total, 3),
    slotKey("displayType", Slot::DisplayType, 3),
    slotKey("action", Slot::Action, 3),
    childKey("common", Ctx::Common),
    childKey("user", Ctx::User),
    childKey("gift", Ctx::Gift),
    childKey("giftDetails", Ctx::GiftDetails),
};

inline constexpr std::array commonKeys{
    slotKey("msgId", Slot::MsgId, 2),
    slotKey("createTime", Slot::CreateTime, 2),
    slotKey("method", Slot::Method, 2),
    childKey("displayText", Ctx::DisplayText),
};

inline constexpr std::array displayTextKeys{
    slotKey("key", Slot::DisplayType, 2),
};

inline constexpr std::array userKeys{
    slotKey("uniqueId", Slot::Handle, 3),
    slotKey("displayId", Slot::Handle, 2),
    slotKey("userId", Slot::NumericId, 2),
    slotKey("id", Slot::NumericId, 1),
    slotKey("idStr", Slot::NumericId, 1),
    slotKey("nickname", Slot::Nickname, 2),
    slotKey("profilePictureUrl", Slot::Avatar, 3),
    childKey("profilePicture", Ctx::Picture, Slot::Avatar, 2),
    childKey("avatarThumb", Ctx::Picture, Slot::Avatar, 2),
};

inline constexpr std::array pictureKeys{
    KeyAction{"url", Slot::None, 0, Ctx::UrlList, Slot::None, 0},
    KeyAction{"urlList", Slot::None, 0, Ctx::UrlList, Slot::None, 0},
    KeyAction{"giftPictureUrl", Slot::None, 0, Ctx::None, Slot::None, 0},
};

inline constexpr std::array giftKeys{
    slotKey("id", Slot::GiftId, 2),
    slotKey("gift_id", Slot::GiftId, 1),
    slotKey("name", Slot::GiftName, 2),
    slotKey("diamondCount", Slot::Diamonds, 2),
    slotKey("diamond_count", Slot::Diamonds, 1),
    slotKey("type", Slot::GiftType, 2),
    slotKey("gift_type", Slot::GiftType, 1),
    slotKey("repeat_count", Slot::RepeatCount, 1),
    slotKey("repeat_end", Slot::RepeatEnd, 1),
    childKey("image", Ctx::Picture, Slot::GiftImage, 2),
    childKey("icon", Ctx::Picture, Slot::GiftImage, 1),
};

inline constexpr std::array giftDetailsKeys{
    slotKey("giftId", Slot::GiftId, 2),     slotKey("id", Slot::GiftId, 2),
    slotKey("giftName", Slot::GiftName, 3), slotKey("diamondCount", Slot::Diamonds, 3),
    slotKey("giftType", Slot::GiftType, 3), childKey("giftImage", Ctx::Picture, Slot::GiftImage, 3),
};

template <std::size_t N>
const KeyAction *lookup(const std::array<KeyAction, N> &table, const std::string &key)
{
	for (const auto &action : table) {
		if (action.key.size() == key.size() && std::memcmp(action.key.data(), key.data(), key.size()) == 0) {
			return &action;
		}
	}
	return nullptr;
}

} // namespace livegifts::detail
