#include "core/normalize.hpp"

#include <nlohmann/json.hpp>

#include "core/json-scan.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>

namespace livegifts {

namespace {

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
constexpr std::size_t slotCount = static_cast<std::size_t>(Slot::Last);

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

constexpr std::array frameKeys{
    slotKey("event", Slot::EventName, 3),
    slotKey("type", Slot::TypeName, 3),
    childKey("data", Ctx::Data),
    childKey("messages", Ctx::Messages),
};

constexpr std::array dataKeys{
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

constexpr std::array commonKeys{
    slotKey("msgId", Slot::MsgId, 2),
    slotKey("createTime", Slot::CreateTime, 2),
    slotKey("method", Slot::Method, 2),
    childKey("displayText", Ctx::DisplayText),
};

constexpr std::array displayTextKeys{
    slotKey("key", Slot::DisplayType, 2),
};

constexpr std::array userKeys{
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

constexpr std::array pictureKeys{
    KeyAction{"url", Slot::None, 0, Ctx::UrlList, Slot::None, 0},
    KeyAction{"urlList", Slot::None, 0, Ctx::UrlList, Slot::None, 0},
    KeyAction{"giftPictureUrl", Slot::None, 0, Ctx::None, Slot::None, 0},
};

constexpr std::array giftKeys{
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

constexpr std::array giftDetailsKeys{
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

enum class ValueType : std::uint8_t { Absent, Int, UInt, Float, Bool, String, Null, Container };

struct RawValue {
	ValueType type = ValueType::Absent;
	std::uint8_t prio = 0;
	bool boolean = false;
	std::int64_t integer = 0;
	std::uint64_t unsignedInteger = 0;
	std::string text; // strings, and the literal text of floats

	bool present() const { return type != ValueType::Absent; }
};

// One message being collected.
struct Record {
	std::array<RawValue, slotCount> slots;
	bool hadMessages = false;
	bool hadData = false;

	void reset()
	{
		for (auto &slot : slots) {
			slot.type = ValueType::Absent;
			slot.prio = 0;
			slot.text.clear();
		}
		hadMessages = false;
		hadData = false;
	}
	const RawValue &operator[](Slot slot) const { return slots[static_cast<std::size_t>(slot)]; }
	RawValue &operator[](Slot slot) { return slots[static_cast<std::size_t>(slot)]; }
};

bool toInt(const RawValue &value, std::int64_t &out)
{
	switch (value.type) {
	case ValueType::Int:
		out = value.integer;
		return true;
	case ValueType::UInt:
		if (value.unsignedInteger > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
			return false;
		}
		out = static_cast<std::int64_t>(value.unsignedInteger);
		return true;
	case ValueType::String: {
		std::string_view text = value.text;
		while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
			text.remove_prefix(1);
		}
		while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
			text.remove_suffix(1);
		}
		if (!text.empty() && text.front() == '+') {
			text.remove_prefix(1);
		}
		if (text.empty()) {
			return false;
		}
		std::int64_t parsed = 0;
		const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
		if (ec != std::errc() || end != text.data() + text.size()) {
			return false;
		}
		out = parsed;
		return true;
	}
	case ValueType::Float: {
		double parsed = 0;
		const auto [end, ec] =
		    std::from_chars(value.text.data(), value.text.data() + value.text.size(), parsed);
		if (ec != std::errc() || parsed != static_cast<double>(static_cast<std::int64_t>(parsed)) ||
		    parsed > 9.0e18 || parsed < -9.0e18) {
			return false;
		}
		(void)end;
		out = static_cast<std::int64_t>(parsed);
		return true;
	}
	default:
		return false;
	}
}

bool toBool(const RawValue &value, bool &out)
{
	switch (value.type) {
	case ValueType::Bool:
		out = value.boolean;
		return true;
	case ValueType::Int:
	case ValueType::UInt:
	case ValueType::String: {
		if (value.type == ValueType::String && (value.text == "true" || value.text == "false")) {
			out = value.text == "true";
			return true;
		}
		std::int64_t number = 0;
		if (!toInt(value, number) || (number != 0 && number != 1)) {
			return false;
		}
		out = number == 1;
		return true;
	}
	default:
		return false;
	}
}

bool toText(const RawValue &value, std::string &out)
{
	switch (value.type) {
	case ValueType::String:
	case ValueType::Float:
		out = value.text;
		return true;
	case ValueType::Int:
		out = std::to_string(value.integer);
		return true;
	case ValueType::UInt:
		out = std::to_string(value.unsignedInteger);
		return true;
	default:
		return false;
	}
}

// Like toText, but moves a string out of the record (which is reset before reuse).
bool takeText(RawValue &value, std::string &out)
{
	if (value.type == ValueType::String) {
		out.swap(value.text);
		return true;
	}
	return toText(value, out);
}

bool containsText(std::string_view haystack, std::string_view needle)
{
	return haystack.find(needle) != std::string_view::npos;
}

std::string_view typeName(ValueType type)
{
	switch (type) {
	case ValueType::Absent:
		return "absent";
	case ValueType::Int:
	case ValueType::UInt:
	case ValueType::Float:
		return "a number";
	case ValueType::Bool:
		return "a boolean";
	case ValueType::String:
		return "a string";
	case ValueType::Null:
		return "null";
	case ValueType::Container:
		return "an object or array";
	}
	return "?";
}

constexpr std::int64_t maxUnitPrice = 1'000'000'000;
constexpr std::int64_t maxRepeat = 1'000'000'000;

} // namespace

struct FrameParser::Handler {
	struct Level {
		Ctx ctx;
		Slot target; // Picture/UrlList: the slot their URL goes to
		std::uint8_t prio;
		bool taken; // UrlList: first string already used
	};

	std::vector<Level> stack;
	std::vector<Record> records; // pool; recordDepth of them are in use
	std::size_t recordDepth = 0;
	std::size_t ignoreDepth = 0;        // > 0: inside an object/array nobody cares about
	const KeyAction *pending = nullptr; // action of the key just read
	std::vector<Event> *out = nullptr;
	ParseResult *result = nullptr;
	std::string syntaxError;
	bool sawRoot = false;

	void begin(std::vector<Event> &events, ParseResult &res)
	{
		stack.clear();
		recordDepth = 0;
		ignoreDepth = 0;
		pending = nullptr;
		out = &events;
		result = &res;
		syntaxError.clear();
		sawRoot = false;
	}

	Record &record() { return records[recordDepth - 1]; }

	// For the fast scanner: whether keys matter here, and whether the next scalar does.
	bool active() const { return ignoreDepth == 0 && !stack.empty(); }
	bool wantsScalar() const
	{
		if (ignoreDepth > 0 || stack.empty()) {
			return stack.empty() && ignoreDepth == 0;
		}
		const Level &level = stack.back();
		return pending != nullptr || level.ctx == Ctx::Messages || (level.ctx == Ctx::UrlList && !level.taken);
	}

	void pushRecord()
	{
		if (records.size() == recordDepth) {
			records.emplace_back();
		}
		records[recordDepth].reset();
		++recordDepth;
	}

	// A scalar arrived; `fill` writes it into a RawValue.
	template <typename Fill>
	bool scalar(Fill &&fill)
	{
		if (ignoreDepth > 0 || stack.empty()) {
			return true;
		}
		Level &level = stack.back();
		if (level.ctx == Ctx::Messages) {
			result->errors.push_back({"bundle element is not an object"});
			return true;
		}
		if (level.ctx == Ctx::UrlList) {
			if (!level.taken) {
				level.taken = true;
				assign(level.target, level.prio, fill);
			}
			return true;
		}
		const KeyAction *action = pending;
		pending = nullptr;
		if (action == nullptr) {
			return true;
		}
		if (level.ctx == Ctx::Picture) {
			assign(level.target, level.prio, fill);
			return true;
		}
		if (action->slot != Slot::None) {
			assign(action->slot, action->prio, fill);
		}
		return true;
	}

	template <typename Fill>
	void assign(Slot slot, std::uint8_t prio, Fill &&fill)
	{
		if (recordDepth == 0 || slot == Slot::None) {
			return;
		}
		RawValue &value = record()[slot];
		if (value.present() && value.prio >= prio) {
			return;
		}
		value.prio = prio;
		fill(value);
	}

	bool null()
	{
		return scalar([](RawValue &v) { v.type = ValueType::Null; });
	}
	bool boolean(bool b)
	{
		return scalar([b](RawValue &v) {
			v.type = ValueType::Bool;
			v.boolean = b;
		});
	}
	bool number_integer(std::int64_t n)
	{
		return scalar([n](RawValue &v) {
			v.type = ValueType::Int;
			v.integer = n;
		});
	}
	bool number_unsigned(std::uint64_t n)
	{
		return scalar([n](RawValue &v) {
			v.type = ValueType::UInt;
			v.unsignedInteger = n;
		});
	}
	bool number_float(double, const std::string &literal)
	{
		return scalar([&literal](RawValue &v) {
			v.type = ValueType::Float;
			v.text = literal;
		});
	}
	bool string(std::string &s)
	{
		return scalar([&s](RawValue &v) {
			v.type = ValueType::String;
			v.text.swap(s);
		});
	}
	bool binary(nlohmann::json::binary_t &)
	{
		pending = nullptr;
		return true;
	}

	// An object or array starts. `isObject` tells which.
	bool open(bool isObject)
	{
		if (ignoreDepth > 0) {
			++ignoreDepth;
			return true;
		}
		if (stack.empty()) {
			sawRoot = true;
			if (!isObject) {
				result->errors.push_back({"frame is not a JSON object"});
				result->frameOk = false;
				++ignoreDepth;
				return true;
			}
			pushRecord();
			stack.push_back({Ctx::Frame, Slot::None, 0, false});
			return true;
		}
		Level &level = stack.back();
		if (level.ctx == Ctx::Messages) {
			if (isObject) {
				pushRecord();
				stack.push_back({Ctx::Frame, Slot::None, 0, false});
			} else {
				result->errors.push_back({"bundle element is not an object"});
				++ignoreDepth;
			}
			return true;
		}
		const KeyAction *action = pending;
		pending = nullptr;
		if (action == nullptr) {
			++ignoreDepth;
			return true;
		}
		if (action->slot != Slot::None) {
			// a scalar was expected: remember the wrong type
			assign(action->slot, action->prio, [](RawValue &v) { v.type = ValueType::Container; });
		}
		const Ctx child = action->child;
		const bool wantsArray = child == Ctx::Messages || child == Ctx::UrlList;
		if (child == Ctx::None || wantsArray == isObject) {
			++ignoreDepth;
			return true;
		}
		if (child == Ctx::Data) {
			record().hadData = true;
		} else if (child == Ctx::Messages) {
			record().hadMessages = true;
		}
		Slot target = action->childSlot;
		std::uint8_t prio = action->childPrio;
		if (child == Ctx::UrlList) {
			target = level.target;
			prio = level.prio;
		}
		stack.push_back({child, target, prio, false});
		return true;
	}

	bool close()
	{
		if (ignoreDepth > 0) {
			--ignoreDepth;
			return true;
		}
		pending = nullptr;
		if (stack.empty()) {
			return true;
		}
		const Ctx ctx = stack.back().ctx;
		stack.pop_back();
		if (ctx == Ctx::Frame) {
			finish(record());
			--recordDepth;
		}
		return true;
	}

	bool start_object(std::size_t) { return open(true); }
	bool end_object() { return close(); }
	bool start_array(std::size_t) { return open(false); }
	bool end_array() { return close(); }

	bool key(std::string &k)
	{
		if (ignoreDepth > 0 || stack.empty()) {
			return true;
		}
		switch (stack.back().ctx) {
		case Ctx::Frame:
			pending = lookup(frameKeys, k);
			if (pending == nullptr) {
				pending = lookup(dataKeys, k);
			}
			break;
		case Ctx::Data:
			pending = lookup(dataKeys, k);
			break;
		case Ctx::Common:
			pending = lookup(commonKeys, k);
			break;
		case Ctx::DisplayText:
			pending = lookup(displayTextKeys, k);
			break;
		case Ctx::User:
			pending = lookup(userKeys, k);
			break;
		case Ctx::Picture:
			pending = lookup(pictureKeys, k);
			break;
		case Ctx::Gift:
			pending = lookup(giftKeys, k);
			break;
		case Ctx::GiftDetails:
			pending = lookup(giftDetailsKeys, k);
			break;
		default:
			pending = nullptr;
			break;
		}
		return true;
	}

	bool parse_error(std::size_t, const std::string &, const nlohmann::detail::exception &ex)
	{
		syntaxError = ex.what();
		return false;
	}

	void messageError(std::string text) { result->errors.push_back({std::move(text)}); }

	// A message object ended: turn its record into an Event (or an error).
	void finish(Record &rec)
	{
		std::string name;
		for (Slot slot : {Slot::EventName, Slot::TypeName, Slot::Method}) {
			if (rec[slot].type == ValueType::String && !rec[slot].text.empty()) {
				name = rec[slot].text;
				break;
			}
		}
		if (name.empty()) {
			if (rec.hadMessages && !rec.hadData) {
				return; // a bundle's outer object
			}
			messageError("message has no event, type or common.method name");
			return;
		}
		Event ev;
		ev.kind = eventKindFromWireName(name);
		ev.wireName = std::move(name);

		if (rec[Slot::MsgId].present() && !toText(rec[Slot::MsgId], ev.msgId)) {
			messageError("'" + ev.wireName + "': msgId is " + std::string(typeName(rec[Slot::MsgId].type)));
			return;
		}
		if (rec[Slot::CreateTime].present()) {
			std::int64_t created = 0;
			if (toInt(rec[Slot::CreateTime], created)) {
				ev.createTimeMs = created;
			}
		}
		takeText(rec[Slot::Handle], ev.user.id);
		takeText(rec[Slot::NumericId], ev.user.numericId);
		takeText(rec[Slot::Nickname], ev.user.nickname);
		takeText(rec[Slot::Avatar], ev.user.avatarUrl);
		if (ev.user.id.empty()) {
			ev.user.id = ev.user.numericId;
		}

		switch (ev.kind) {
		case EventKind::Gift:
			if (!finishGift(rec, ev)) {
				return;
			}
			break;
		case EventKind::Like: {
			const RawValue &count =
			    rec[Slot::LikeCount].present() ? rec[Slot::LikeCount] : rec[Slot::Count];
			if (!toInt(count, ev.likeCount) || ev.likeCount < 0) {
				messageError("like: likeCount is " + describe(count));
				return;
			}
			const RawValue &total =
			    rec[Slot::TotalLikeCount].present() ? rec[Slot::TotalLikeCount] : rec[Slot::Total];
			if (total.present() && (!toInt(total, ev.totalLikeCount) || ev.totalLikeCount < 0)) {
				messageError("like: totalLikeCount is " + describe(total));
				return;
			}
			break;
		}
		case EventKind::Social: {
			std::string display;
			toText(rec[Slot::DisplayType], display);
			std::int64_t action = 0;
			toInt(rec[Slot::Action], action);
			if (containsText(display, "follow") || (display.empty() && action == 1)) {
				ev.kind = EventKind::Follow;
			} else if (containsText(display, "share") || (display.empty() && action == 3)) {
				ev.kind = EventKind::Share;
			}
			break;
		}
		case EventKind::RoomUser: {
			const RawValue &viewers =
			    rec[Slot::ViewerCount].present() ? rec[Slot::ViewerCount] : rec[Slot::Total];
			if (!toInt(viewers, ev.viewerCount) || ev.viewerCount < 0) {
				messageError("roomUser: viewerCount is " + describe(viewers));
				return;
			}
			break;
		}
		case EventKind::Control:
			toInt(rec[Slot::Action], ev.action);
			// Euler frames carry no separate streamEnd: action 3/4 is the end of the stream.
			if (ev.wireName == "WebcastControlMessage" && (ev.action == 3 || ev.action == 4)) {
				ev.kind = EventKind::StreamEnd;
			}
			break;
		default:
			break;
		}
		out->push_back(std::move(ev));
	}

	static std::string describe(const RawValue &value)
	{
		if (value.type == ValueType::String) {
			std::string shown = value.text.substr(0, 40);
			return "\"" + repairUtf8(shown) + "\" (not a number)";
		}
		if (value.type == ValueType::Absent) {
			return "missing";
		}
		return std::string(typeName(value.type));
	}

	bool finishGift(Record &rec, Event &ev)
	{
		if (!toInt(rec[Slot::GiftId], ev.giftId) || ev.giftId <= 0) {
			messageError("gift: giftId is " + describe(rec[Slot::GiftId]));
			return false;
		}
		if (ev.user.id.empty()) {
			messageError("gift " + std::to_string(ev.giftId) + ": no sender (uniqueId/displayId/userId)");
			return false;
		}
		if (!toInt(rec[Slot::Diamonds], ev.diamondCount) || ev.diamondCount < 0 ||
		    ev.diamondCount > maxUnitPrice) {
			messageError("gift " + std::to_string(ev.giftId) + ": diamondCount is " +
				     describe(rec[Slot::Diamonds]));
			return false;
		}
		if (rec[Slot::RepeatCount].present() && (!toInt(rec[Slot::RepeatCount], ev.repeatCount) ||
							 ev.repeatCount < 1 || ev.repeatCount > maxRepeat)) {
			messageError("gift " + std::to_string(ev.giftId) + ": repeatCount is " +
				     describe(rec[Slot::RepeatCount]));
			return false;
		}
		if (rec[Slot::GiftType].present()) {
			std::int64_t type = 0;
			if (!toInt(rec[Slot::GiftType], type) || type < 0 || type > 1000) {
				messageError("gift " + std::to_string(ev.giftId) + ": giftType is " +
					     describe(rec[Slot::GiftType]));
				return false;
			}
			ev.giftType = static_cast<int>(type);
		}
		if (rec[Slot::RepeatEnd].present() && rec[Slot::RepeatEnd].type != ValueType::Null &&
		    !toBool(rec[Slot::RepeatEnd], ev.repeatEnd)) {
			messageError("gift " + std::to_string(ev.giftId) + ": repeatEnd is " +
				     describe(rec[Slot::RepeatEnd]));
			return false;
		}
		takeText(rec[Slot::GiftName], ev.giftName);
		takeText(rec[Slot::GiftImage], ev.giftImageUrl);
		takeText(rec[Slot::GroupId], ev.groupId);
		if (ev.groupId == "0") {
			ev.groupId.clear();
		}
		return true;
	}
};

struct FrameParser::Scanner : detail::JsonScanner<FrameParser::Handler> {};

FrameParser::FrameParser(std::size_t maxFrameBytes)
    : handler_(std::make_unique<Handler>()), scanner_(std::make_unique<Scanner>()), maxFrameBytes_(maxFrameBytes)
{
}

FrameParser::~FrameParser() = default;

ParseResult FrameParser::parse(std::string_view frame, std::vector<Event> &out)
{
	ParseResult result;
	if (frame.size() > maxFrameBytes_) {
		result.frameOk = false;
		result.errors.push_back({"frame too large (" + std::to_string(frame.size()) + " bytes, limit " +
					 std::to_string(maxFrameBytes_) + ")"});
		return result;
	}
	const std::size_t firstNew = out.size();
	auto run = [&](std::string_view text) {
		handler_->begin(out, result);
		return nlohmann::json::sax_parse(text.begin(), text.end(), handler_.get(),
						 nlohmann::json::input_format_t::json, true);
	};
	if (fastPath_) {
		handler_->begin(out, result);
		if (scanner_->scan(frame, *handler_)) {
			if (!handler_->sawRoot) {
				result.frameOk = false;
				result.errors.push_back({"frame is not a JSON object"});
			}
			return result;
		}
		// Not for the fast path (malformed, or unusual): nlohmann decides and explains.
		out.resize(firstNew);
		result = ParseResult{};
	}
	bool ok = run(frame);
	if (!ok && !isValidUtf8(frame)) {
		// Keep the message: replace broken bytes and try again.
		out.resize(firstNew);
		result.errors.clear();
		result.frameOk = true;
		result.repairedUtf8 = true;
		const std::string repaired = repairUtf8(frame);
		ok = run(repaired);
	}
	if (ok && !handler_->sawRoot) {
		result.frameOk = false;
		result.errors.push_back({"frame is not a JSON object"});
	}
	if (!ok) {
		// A syntax error: events of a half-read bundle are dropped with the frame, as a whole.
		out.resize(firstNew);
		result.frameOk = false;
		std::string message = handler_->syntaxError.empty() ? "malformed JSON" : handler_->syntaxError;
		if (message.size() > 300) {
			message.resize(300);
			message += "...";
		}
		result.errors.insert(result.errors.begin(), ParseError{repairUtf8(message)});
	}
	return result;
}

EventKind eventKindFromWireName(std::string_view name)
{
	struct Entry {
		std::string_view name;
		EventKind kind;
	};
	static constexpr std::array<Entry, 28> table{{
	    {"gift", EventKind::Gift},
	    {"WebcastGiftMessage", EventKind::Gift},
	    {"like", EventKind::Like},
	    {"WebcastLikeMessage", EventKind::Like},
	    {"follow", EventKind::Follow},
	    {"share", EventKind::Share},
	    {"social", EventKind::Social},
	    {"WebcastSocialMessage", EventKind::Social},
	    {"subscribe", EventKind::Subscribe},
	    {"subNotify", EventKind::Subscribe},
	    {"WebcastSubNotifyMessage", EventKind::Subscribe},
	    {"member", EventKind::Member},
	    {"WebcastMemberMessage", EventKind::Member},
	    {"join", EventKind::Member},
	    {"roomUser", EventKind::RoomUser},
	    {"WebcastRoomUserSeqMessage", EventKind::RoomUser},
	    {"viewerCount", EventKind::RoomUser},
	    {"chat", EventKind::Chat},
	    {"comment", EventKind::Chat},
	    {"WebcastChatMessage", EventKind::Chat},
	    {"streamEnd", EventKind::StreamEnd},
	    {"liveEnd", EventKind::StreamEnd},
	    {"controlMessage", EventKind::Control},
	    {"WebcastControlMessage", EventKind::Control},
	    {"control", EventKind::Control},
	    {"subscription", EventKind::Subscribe},
	    {"sub", EventKind::Subscribe},
	    {"end", EventKind::StreamEnd},
	}};
	for (const auto &entry : table) {
		if (entry.name == name) {
			return entry.kind;
		}
	}
	return EventKind::Unknown;
}

std::string_view eventKindName(EventKind kind)
{
	switch (kind) {
	case EventKind::Gift:
		return "gift";
	case EventKind::Like:
		return "like";
	case EventKind::Follow:
		return "follow";
	case EventKind::Share:
		return "share";
	case EventKind::Social:
		return "social";
	case EventKind::Subscribe:
		return "subscribe";
	case EventKind::Member:
		return "member";
	case EventKind::RoomUser:
		return "roomUser";
	case EventKind::Chat:
		return "chat";
	case EventKind::StreamEnd:
		return "streamEnd";
	case EventKind::Control:
		return "control";
	case EventKind::Unknown:
		return "unknown";
	}
	return "unknown";
}

namespace {

// Length of the valid UTF-8 sequence at `p` (1..4), or 0 when it is invalid.
std::size_t utf8SequenceLength(const unsigned char *p, std::size_t left)
{
	const unsigned char c = p[0];
	if (c < 0x80) {
		return 1;
	}
	auto cont = [&](std::size_t i) { return i < left && (p[i] & 0xC0) == 0x80; };
	if (c >= 0xC2 && c <= 0xDF) {
		return cont(1) ? 2 : 0;
	}
	if (c >= 0xE0 && c <= 0xEF) {
		if (!cont(1) || !cont(2)) {
			return 0;
		}
		if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F)) {
			return 0; // overlong or surrogate
		}
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (!cont(1) || !cont(2) || !cont(3)) {
			return 0;
		}
		if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F)) {
			return 0;
		}
		return 4;
	}
	return 0;
}

} // namespace

bool isValidUtf8(std::string_view text)
{
	const auto *p = reinterpret_cast<const unsigned char *>(text.data());
	std::size_t left = text.size();
	while (left > 0) {
		if (p[0] < 0x80) {
			++p;
			--left;
			continue;
		}
		const std::size_t n = utf8SequenceLength(p, left);
		if (n == 0) {
			return false;
		}
		p += n;
		left -= n;
	}
	return true;
}

std::string repairUtf8(std::string_view text)
{
	std::string out;
	out.reserve(text.size());
	const auto *p = reinterpret_cast<const unsigned char *>(text.data());
	std::size_t left = text.size();
	while (left > 0) {
		const std::size_t n = utf8SequenceLength(p, left);
		if (n == 0) {
			out += "\xEF\xBF\xBD";
			++p;
			--left;
			continue;
		}
		out.append(reinterpret_cast<const char *>(p), n);
		p += n;
		left -= n;
	}
	return out;
}

} // namespace livegifts
