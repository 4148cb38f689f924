#include "core/record-mapping.hpp"

#include "core/battle-mapping.hpp"
#include "core/limits.hpp"
#include "core/utf8.hpp"

#include <limits>

namespace livegifts::detail {

namespace {

constexpr std::int64_t kMaxInt = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMaxGiftType = 1000;

// A picture address longer than limits::maxUrlBytes names nothing worth fetching: dropped.
void dropLongUrl(std::string &url)
{
	if (url.size() > limits::maxUrlBytes) {
		url.clear();
	}
}

bool containsText(std::string_view haystack, std::string_view needle)
{
	return haystack.find(needle) != std::string_view::npos;
}

std::string wireName(const Record &rec)
{
	for (Slot slot : {Slot::EventName, Slot::TypeName, Slot::Method}) {
		if (rec[slot].type == ValueType::String && !rec[slot].text.empty()) {
			return rec[slot].text;
		}
	}
	return {};
}

bool mapGift(Record &rec, Event &ev, std::string &error)
{
	if (!toIntIn(rec[Slot::GiftId], 1, kMaxInt, ev.giftId)) {
		error = "gift: giftId " + whyNotIn(rec[Slot::GiftId], 1, kMaxInt);
		return false;
	}
	const std::string name = "gift " + std::to_string(ev.giftId);
	if (ev.user.id.empty()) {
		error = name + ": no sender (uniqueId/displayId/userId)";
		return false;
	}
	if (!toIntIn(rec[Slot::Diamonds], 0, limits::maxDiamondsPerUnit, ev.diamondCount)) {
		error = name + ": diamondCount " + whyNotIn(rec[Slot::Diamonds], 0, limits::maxDiamondsPerUnit);
		return false;
	}
	if (rec[Slot::RepeatCount].present() &&
	    !toIntIn(rec[Slot::RepeatCount], 1, limits::maxRepeatCount, ev.repeatCount)) {
		error = name + ": repeatCount " + whyNotIn(rec[Slot::RepeatCount], 1, limits::maxRepeatCount);
		return false;
	}
	if (rec[Slot::GiftType].present()) {
		std::int64_t type = 0;
		if (!toIntIn(rec[Slot::GiftType], 0, kMaxGiftType, type)) {
			error = name + ": giftType " + whyNotIn(rec[Slot::GiftType], 0, kMaxGiftType);
			return false;
		}
		ev.giftType = static_cast<int>(type);
	}
	if (rec[Slot::RepeatEnd].present() && rec[Slot::RepeatEnd].type != ValueType::Null &&
	    !toBool(rec[Slot::RepeatEnd], ev.repeatEnd)) {
		error = name + ": repeatEnd is " + describe(rec[Slot::RepeatEnd]);
		return false;
	}
	takeText(rec[Slot::GiftName], ev.giftName);
	cleanDisplayText(ev.giftName);
	takeText(rec[Slot::GiftImage], ev.giftImageUrl);
	dropLongUrl(ev.giftImageUrl);
	takeText(rec[Slot::GroupId], ev.groupId);
	cutUtf8(ev.groupId, limits::maxIdBytes);
	if (ev.groupId == "0") {
		ev.groupId.clear();
	}
	return true;
}

bool mapLike(const Record &rec, Event &ev, std::string &error)
{
	const RawValue &count = rec[Slot::LikeCount].present() ? rec[Slot::LikeCount] : rec[Slot::Count];
	if (!toIntIn(count, 0, kMaxInt, ev.likeCount)) {
		error = "like: likeCount " + whyNotIn(count, 0, kMaxInt);
		return false;
	}
	const RawValue &total = rec[Slot::TotalLikeCount].present() ? rec[Slot::TotalLikeCount] : rec[Slot::Total];
	if (total.present() && !toIntIn(total, 0, kMaxInt, ev.totalLikeCount)) {
		error = "like: totalLikeCount " + whyNotIn(total, 0, kMaxInt);
		return false;
	}
	return true;
}

// A social message is read as a follow or a share when its display text or action says so.
void mapSocial(const Record &rec, Event &ev)
{
	std::string display;
	toText(rec[Slot::DisplayType], display);
	std::int64_t action = 0;
	toInt(rec[Slot::Action], action);
	if (containsText(display, "follow") || (display.empty() && action == 1)) {
		ev.kind = EventKind::Follow;
	} else if (containsText(display, "share") || (display.empty() && action == 3)) {
		ev.kind = EventKind::Share;
	}
}

bool mapRoomUser(const Record &rec, Event &ev, std::string &error)
{
	const RawValue &viewers = rec[Slot::ViewerCount].present() ? rec[Slot::ViewerCount] : rec[Slot::Total];
	if (!toIntIn(viewers, 0, kMaxInt, ev.viewerCount)) {
		error = "roomUser: viewerCount " + whyNotIn(viewers, 0, kMaxInt);
		return false;
	}
	return true;
}

void mapControl(const Record &rec, Event &ev)
{
	toInt(rec[Slot::Action], ev.action);
	// Euler frames carry no separate streamEnd: action 3/4 is the end of the stream.
	if (ev.wireName == "WebcastControlMessage" && (ev.action == 3 || ev.action == 4)) {
		ev.kind = EventKind::StreamEnd;
	}
}

// The room a message names: a string or number (its digits), never "0", "-1" or a fraction. Without one (TLC
// 2.x's common.roomId missing), the room_id of the monitorExtra text, as TLC 1.x gifts carry it in the object.
void mapRoomId(Record &rec, Event &ev)
{
	RawValue &value = rec[Slot::RoomId];
	std::string room;
	if (value.type == ValueType::Float) {
		// 7.51e18 as JSON writes a double: its integer digits
		std::int64_t whole = 0;
		if (toInt(value, whole)) {
			room = std::to_string(whole);
		}
	} else if (value.type != ValueType::Container) {
		takeText(value, room);
	}
	if ((room.empty() || room == "0" || room == "-1") && rec[Slot::MonitorExtraText].type == ValueType::String) {
		room = numberAfter(rec[Slot::MonitorExtraText].text, "room_id");
	}
	while (!room.empty() && (room.front() == ' ' || room.front() == '\t')) {
		room.erase(room.begin());
	}
	while (!room.empty() && (room.back() == ' ' || room.back() == '\t')) {
		room.pop_back();
	}
	if (room.empty() || room == "0" || room == "-1" || room.size() > 64) {
		return;
	}
	ev.roomId = std::move(room);
}

} // namespace

MappingResult mapRecord(Record &rec, Event &ev, std::string &error)
{
	std::string name = wireName(rec);
	if (name.empty()) {
		if (rec.hadMessages && !rec.hadData) {
			return MappingResult::Nothing; // a bundle's outer object
		}
		error = "message has no event, type or common.method name";
		return MappingResult::Error;
	}
	ev.arrivedAs = eventKindFromWireName(name);
	ev.kind = ev.arrivedAs;
	ev.wireName = std::move(name);
	if (!rec.duplicateKey.empty()) {
		// JSON.parse keeps a repeated key's last value, a first-wins reader its first: a relay and we could
		// read two different gifts. No real connector repeats a key; the message is not guessed at.
		error = "'" + ev.wireName + "': key '" + std::string(rec.duplicateKey) +
			"' appears twice in one object; message skipped";
		return MappingResult::Error;
	}

	if (rec[Slot::MsgId].present() && !toText(rec[Slot::MsgId], ev.msgId)) {
		error = "'" + ev.wireName + "': msgId is " + std::string(typeName(rec[Slot::MsgId].type));
		return MappingResult::Error;
	}
	if (ev.msgId == "0") {
		// A protobuf field left unset reads as 0: no id (taken as one, every later message with it would be
		// dropped as a duplicate). The message is told apart by its fingerprint instead, as any without one.
		ev.msgId.clear();
	}
	if (rec[Slot::CreateTime].present()) {
		std::int64_t created = 0;
		if (toInt(rec[Slot::CreateTime], created)) {
			ev.createTimeMs = created;
		}
	}
	mapRoomId(rec, ev);
	takeText(rec[Slot::Handle], ev.user.id);
	cutUtf8(ev.user.id, limits::maxIdBytes);
	takeText(rec[Slot::NumericId], ev.user.numericId);
	cutUtf8(ev.user.numericId, limits::maxIdBytes);
	takeText(rec[Slot::Nickname], ev.user.nickname);
	cleanDisplayText(ev.user.nickname);
	if (blankDisplayText(ev.user.nickname)) {
		ev.user.nickname.clear(); // shown by its handle, as a viewer without a nickname
	}
	takeText(rec[Slot::Avatar], ev.user.avatarUrl);
	dropLongUrl(ev.user.avatarUrl);
	if (ev.user.id.empty()) {
		ev.user.id = ev.user.numericId;
	}

	bool ok = true;
	switch (ev.kind) {
	case EventKind::Gift:
		ok = mapGift(rec, ev, error);
		mapGiftMultiplier(rec, ev);
		mapRecipient(rec, ev);
		break;
	case EventKind::Battle:
	case EventKind::BattleScore:
		mapBattle(rec, ev);
		break;
	case EventKind::GoalUpdate:
		mapGoalUpdate(rec, ev);
		break;
	case EventKind::Like:
		ok = mapLike(rec, ev, error);
		break;
	case EventKind::Social:
		mapSocial(rec, ev);
		break;
	case EventKind::RoomUser:
		ok = mapRoomUser(rec, ev, error);
		break;
	case EventKind::Control:
		mapControl(rec, ev);
		break;
	case EventKind::SuperFan:
	case EventKind::Unknown:
		mapSuperFan(rec, ev); // barrage/envelope messages may be superfan messages
		break;
	default:
		break;
	}
	return ok ? MappingResult::Event : MappingResult::Error;
}

} // namespace livegifts::detail
