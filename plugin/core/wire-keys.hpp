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
	BattleId,
	BattleStatus,
	Multiplier,
	ContentKey,
	BusinessType,
	GoalId,
	GoalDescription,
	GoalProgress,
	GoalTarget,
	// A gift's recipient (recipient-mapping.cpp). The id slots never take "no one" (0, -1, empty, null):
	// a field that names no one leaves the next field its say.
	RecipientUser,     // toUser / to_user: id, userId, idStr
	RecipientMember,   // toMemberId(Int), to_member_id, TLC 1.x receiverUserId, giftExtra
	RecipientExtra,    // monitorInfo.toUserId, monitorExtra.to_user_id (1.x: a JSON object, ids rounded)
	RecipientHandle,   // toUser.displayId / uniqueId
	RecipientNickname, // toUser.nickname, toMemberNickname
	AnchorId,          // the room's host: monitorInfo.anchorId, monitorExtra.anchor_id, Euler anchor_id
	MonitorExtraText,  // TLC 2.x monitorExtra: a JSON text, read by recipient-mapping.cpp
	RoomId,            // stream boundaries: common.roomId, data/envelope roomId / room_id, monitorExtra.room_id
	// Team slots: they go to the record's current battle team (battle-keys.hpp), not to `slots`.
	TeamHost,
	TeamPoints,
	TeamUserScore,
	TeamResult,
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
	// Battles, goals, superfans (battle-keys.hpp has their tables)
	Teams,          // either of the next two, by what opens: an array or an object
	TeamList,       // array of team objects (1.x battleArmies/battleUsers, 2.x armies/anchorsInfo wrappers)
	TeamMap,        // object keyed by host id, each value a team (2.x armies, battleResult)
	Team,           // one team: a new team of the record
	TeamValue,      // the `value` of a {key, value} wrapper (or a team's group or user): the same team
	TeamGroups,     // TLC 2.0 raw battleItems[].battleGroups: array of the same team's {points, users}
	ArmyUsers,      // array of a team's supporters (userArmies)
	ArmyUser,       // one of them: its score adds to the team's when the team has no total
	BattleSettings, // battleSettings {battleId, status}
	MatchInfo,      // a gift's matchInfo {multiplierValue}
	Goal,           // goalUpdate's goal
	SubGoals,       // its subGoals array
	SubGoal,
	ContentText,  // barrage content / commonBarrageContent {key}
	EnvelopeInfo, // envelopeInfo {businessType}
	// A gift's recipient
	ToUser,       // toUser / to_user {id, displayId, nickname, ...}
	MonitorInfo,  // TLC 2.x monitorInfo {toUserId, anchorId}
	MonitorExtra, // TLC 1.x monitorExtra as an object {to_user_id, anchor_id} (2.x: a string, MonitorExtraText)
	GiftExtra,    // giftExtra {receiverUserId / toUserId, anchorId}
	None,         // no child context
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
    childKey("event", Ctx::Common), // the 1.x schema's header, raw (TLC 2.0's default connection)
    childKey("user", Ctx::User),
    childKey("gift", Ctx::Gift),
    childKey("giftDetails", Ctx::GiftDetails),
    // battles (also snake_case, as Euler's raw JSON may name them)
    slotKey("battleId", Slot::BattleId, 3),
    slotKey("battle_id", Slot::BattleId, 2),
    slotKey("battleStatus", Slot::BattleStatus, 3),
    childKey("battleSettings", Ctx::BattleSettings),
    childKey("battle_settings", Ctx::BattleSettings),
    childKey("battleSetting", Ctx::BattleSettings), // TLC 2.1
    childKey("armies", Ctx::Teams),
    childKey("battleArmies", Ctx::Teams),
    childKey("battleUsers", Ctx::Teams),
    childKey("battleResult", Ctx::Teams),
    childKey("battle_result", Ctx::Teams),
    childKey("anchorsInfo", Ctx::Teams),
    childKey("anchorInfo", Ctx::Teams),  // TLC 2.1: a map by host id
    childKey("battleItems", Ctx::Teams), // raw 1.x schema (TLC 2.0) an array, TLC 2.1 a map by host id
    childKey("matchInfo", Ctx::MatchInfo),
    childKey("match_info", Ctx::MatchInfo),
    // TikTok's goal, superfans
    childKey("goal", Ctx::Goal),
    childKey("content", Ctx::ContentText),
    childKey("commonBarrageContent", Ctx::ContentText),
    childKey("envelopeInfo", Ctx::EnvelopeInfo),
    // a gift's recipient (camelCase: TLC; snake_case: Euler's raw JSON)
    slotKey("receiverUserId", Slot::RecipientMember, 3),
    slotKey("toMemberId", Slot::RecipientMember, 3),
    slotKey("to_member_id", Slot::RecipientMember, 3),
    slotKey("toMemberIdInt", Slot::RecipientMember, 2),
    slotKey("to_member_id_int", Slot::RecipientMember, 2),
    slotKey("toMemberNickname", Slot::RecipientNickname, 1),
    slotKey("to_member_nickname", Slot::RecipientNickname, 1),
    slotKey("anchorId", Slot::AnchorId, 1),
    slotKey("anchor_id", Slot::AnchorId, 1),
    childKey("toUser", Ctx::ToUser),
    childKey("to_user", Ctx::ToUser),
    childKey("monitorInfo", Ctx::MonitorInfo),
    childKey("monitor_info", Ctx::MonitorInfo),
    KeyAction{"monitorExtra", Slot::MonitorExtraText, 2, Ctx::MonitorExtra, Slot::None, 0},
    KeyAction{"monitor_extra", Slot::MonitorExtraText, 2, Ctx::MonitorExtra, Slot::None, 0},
    childKey("giftExtra", Ctx::GiftExtra),
    childKey("gift_extra", Ctx::GiftExtra),
    // stream boundaries: the room (an envelope's, Euler's room_id; TLC 1.x gifts only in monitorExtra)
    slotKey("roomId", Slot::RoomId, 2),
    slotKey("room_id", Slot::RoomId, 2),
};

inline constexpr std::array commonKeys{
    slotKey("msgId", Slot::MsgId, 2),
    slotKey("createTime", Slot::CreateTime, 2),
    slotKey("method", Slot::Method, 2),
    slotKey("roomId", Slot::RoomId, 3),
    childKey("displayText", Ctx::DisplayText),
    childKey("eventDetails", Ctx::DisplayText), // the raw 1.x header's {displayType, label}
};

// {key} (TLC 2.x), {displayType} (TLC 2.1's Text, the raw 1.x eventDetails).
inline constexpr std::array displayTextKeys{
    slotKey("key", Slot::DisplayType, 2),
    slotKey("displayType", Slot::DisplayType, 1),
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

inline constexpr std::array battleSettingsKeys{
    slotKey("battleId", Slot::BattleId, 1),
    slotKey("battle_id", Slot::BattleId, 1),
    slotKey("status", Slot::BattleStatus, 2),
};

// A team in any of its shapes: {hostUserId, points} (1.x), {userId, ...} (1.x battleUsers, results),
// {key, value: {...}} wrappers, {hostscore, anchorIdStr, userArmies} (2.x BattleUserArmies),
// {userId, result, score, diamondScore} (2.x BattleResult). diamondScore (coins) is never read. The raw 1.x
// schema (TLC 2.0): {hostUserId, battleGroups: [{points, users}]}, battleUsers' {battleGroup: {user: {userId}}};
// TLC 2.1: {hostScore, anchorIdStr, userArmy}, anchorInfo's {user: {userId}}.
inline constexpr std::array teamKeys{
    slotKey("hostUserId", Slot::TeamHost, 4),    slotKey("anchorIdStr", Slot::TeamHost, 3),
    slotKey("anchor_id_str", Slot::TeamHost, 3), slotKey("key", Slot::TeamHost, 2),
    slotKey("userId", Slot::TeamHost, 1),        slotKey("hostscore", Slot::TeamPoints, 3),
    slotKey("host_score", Slot::TeamPoints, 3),  slotKey("points", Slot::TeamPoints, 2),
    slotKey("score", Slot::TeamPoints, 2),       slotKey("result", Slot::TeamResult, 2),
    childKey("value", Ctx::TeamValue),           childKey("userArmies", Ctx::ArmyUsers),
    childKey("user_armies", Ctx::ArmyUsers),     slotKey("hostScore", Slot::TeamPoints, 3),
    childKey("userArmy", Ctx::ArmyUsers),        childKey("battleGroups", Ctx::TeamGroups),
    childKey("battleGroup", Ctx::TeamValue),     childKey("user", Ctx::TeamValue),
};

inline constexpr std::array armyUserKeys{
    slotKey("score", Slot::TeamUserScore, 1),
};

inline constexpr std::array matchInfoKeys{
    slotKey("multiplierValue", Slot::Multiplier, 2),
    slotKey("multiplier_value", Slot::Multiplier, 2),
};

inline constexpr std::array goalKeys{
    slotKey("idStr", Slot::GoalId, 3),
    slotKey("id", Slot::GoalId, 2),
    slotKey("description", Slot::GoalDescription, 2),
    childKey("subGoals", Ctx::SubGoals),
    childKey("sub_goals", Ctx::SubGoals),
};

inline constexpr std::array subGoalKeys{
    slotKey("progress", Slot::GoalProgress, 2),
    slotKey("target", Slot::GoalTarget, 2),
};

inline constexpr std::array contentTextKeys{
    slotKey("key", Slot::ContentKey, 2), slotKey("displayType", Slot::ContentKey, 1), // TLC 2.1's Text
};

inline constexpr std::array envelopeInfoKeys{
    slotKey("businessType", Slot::BusinessType, 2),
    slotKey("business_type", Slot::BusinessType, 2),
};

inline constexpr std::array toUserKeys{
    slotKey("userId", Slot::RecipientUser, 3),       slotKey("user_id", Slot::RecipientUser, 3),
    slotKey("id", Slot::RecipientUser, 2),           slotKey("idStr", Slot::RecipientUser, 1),
    slotKey("id_str", Slot::RecipientUser, 1),       slotKey("uniqueId", Slot::RecipientHandle, 3),
    slotKey("unique_id", Slot::RecipientHandle, 3),  slotKey("displayId", Slot::RecipientHandle, 2),
    slotKey("display_id", Slot::RecipientHandle, 2), slotKey("nickname", Slot::RecipientNickname, 2),
};

inline constexpr std::array monitorInfoKeys{
    slotKey("toUserId", Slot::RecipientExtra, 2),
    slotKey("to_user_id", Slot::RecipientExtra, 2),
    slotKey("anchorId", Slot::AnchorId, 3),
    slotKey("anchor_id", Slot::AnchorId, 3),
};

// TLC 1.x monitorExtra (JSON.parse'd by the library: its ids are numbers rounded to doubles).
inline constexpr std::array monitorExtraKeys{
    slotKey("to_user_id", Slot::RecipientExtra, 1),
    slotKey("anchor_id", Slot::AnchorId, 2),
    slotKey("room_id", Slot::RoomId, 1),
};

inline constexpr std::array giftExtraKeys{
    slotKey("receiverUserId", Slot::RecipientMember, 2),
    slotKey("receiver_user_id", Slot::RecipientMember, 2),
    slotKey("toUserId", Slot::RecipientMember, 2),
    slotKey("to_user_id", Slot::RecipientMember, 2),
    slotKey("anchorId", Slot::AnchorId, 2),
    slotKey("anchor_id", Slot::AnchorId, 2),
};

// Whether a slot holds a user id that "no one" (0, -1, empty, null) must not take.
constexpr bool isUserIdSlot(Slot slot)
{
	return slot == Slot::RecipientUser || slot == Slot::RecipientMember || slot == Slot::RecipientExtra ||
	       slot == Slot::AnchorId;
}

// Context of the elements of an array context (objects; anything else is skipped).
constexpr Ctx elementOf(Ctx array)
{
	switch (array) {
	case Ctx::TeamList:
		return Ctx::Team;
	case Ctx::ArmyUsers:
		return Ctx::ArmyUser;
	case Ctx::TeamGroups:
		return Ctx::TeamValue;
	case Ctx::SubGoals:
		return Ctx::SubGoal;
	default:
		return Ctx::None;
	}
}

constexpr bool isTeamSlot(Slot slot)
{
	return slot == Slot::TeamHost || slot == Slot::TeamPoints || slot == Slot::TeamUserScore ||
	       slot == Slot::TeamResult;
}

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
