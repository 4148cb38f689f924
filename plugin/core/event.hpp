#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/recipient.hpp"

namespace livegifts {

// What a normalised message is about. Every wire shape maps onto one of these.
enum class EventKind {
	Gift,
	Like,
	Follow,
	Share,
	Social,    // TLC `social` / WebcastSocialMessage that is neither a recognisable follow nor share
	Subscribe, // `subscribe`, TLC 2.5 `subNotify`, WebcastSubNotifyMessage
	Member,    // a viewer joined
	RoomUser,  // viewer count update (idempotent, 1.x carries no msgId)
	Chat,      // kept for counts only
	StreamEnd,
	Control, // TLC `controlMessage` (informational; TLC sends streamEnd separately)
	// Appended kinds (core/battle.hpp reads them); never coins.
	Battle,      // `linkMicBattle` / WebcastLinkMicBattle: a battle starts, ends, its result
	BattleScore, // `linkMicArmies` / WebcastLinkMicArmies: the running points of a battle's teams
	SuperFan,    // `superFan`, `superFanJoin`, `superFanBox` (and the barrage/envelope they come from)
	GoalUpdate,  // `goalUpdate` / WebcastGoalUpdateMessage: TikTok's own LIVE goal
	Unknown,
};
inline constexpr int eventKindCount = static_cast<int>(EventKind::Unknown) + 1;

// Stable lower-camel name of a kind ("gift", "roomUser", "streamEnd", ...), used in summaries and logs.
std::string_view eventKindName(EventKind kind);
// Maps a wire name (envelope event, Euler type or common.method) to a kind; Unknown when it names none.
EventKind eventKindFromWireName(std::string_view name);

// The user an event comes from. `id` is the @handle (uniqueId / displayId), the supporter key.
struct EventUser {
	std::string id;
	std::string numericId; // TikTok's numeric user id, when present
	std::string nickname;
	std::string avatarUrl;
	// The @handle the message came with when `id` is the handle its account was first seen with (a renamed
	// viewer, set by Tally::apply); empty otherwise. What alerts show as the handle.
	std::string shownId;

	const std::string &shownHandle() const { return shownId.empty() ? id : shownId; }
};

// One team of a battle as a message tells it: the host (anchor) whose side it is, and its points.
// Points are battle points (multipliers applied), never coins.
struct BattleTeamUpdate {
	std::string hostId;
	std::int64_t points = 0;
	bool hasPoints = false;
	int result = -1; // -1 not told, 0 win, 1 lose, 2 draw (BattleResult.result)
};

enum class BattlePhase { Unknown, Running, Ended };
enum class SuperFanKind { Other, Join, Box };

// One normalised message. Fields that a kind does not use stay at their defaults.
struct Event {
	EventKind kind = EventKind::Unknown;
	// The kind its wire name says, before its content is read: a TLC 1.x `social` arrives as Social even
	// when it is read as a Follow (kind); a WebcastControlMessage that ends the stream arrives as Control.
	// Input statistics count by it.
	EventKind arrivedAs = EventKind::Unknown;
	std::string wireName;          // the event/type/method name as it arrived (for unknown events and logs)
	std::string msgId;             // empty when the message has none (1.x roomUser)
	std::int64_t createTimeMs = 0; // sender's timestamp, 0 when absent
	EventUser user;

	// Stream boundaries: the room the message comes from (TLC 2.x `common.roomId`, else the `room_id` of its
	// `monitorExtra` text; TLC 1.x gifts' `monitorExtra.room_id` (a number JSON.parse rounded to a double: its
	// digits as they arrived), Euler `room_id`, an envelope's roomId). Empty when the message names none ("0"
	// and "-1" name none).
	std::string roomId;

	// Gift
	std::int64_t giftId = 0;
	std::string giftName;
	std::string giftImageUrl;
	std::int64_t diamondCount = 0; // unit price in coins
	int giftType = 0;              // 1 = streakable
	std::int64_t repeatCount = 1;
	bool repeatEnd = false;
	std::string groupId; // identifies one combo, empty when absent

	// Like
	std::int64_t likeCount = 0;
	std::int64_t totalLikeCount = 0;

	// RoomUser
	std::int64_t viewerCount = 0;

	// Control (WebcastControlMessage action; 3 and 4 mean the stream ended)
	std::int64_t action = 0;

	// Gift: a battle multiplier (matchInfo.multiplierValue; 0 when none). Points only, never coins.
	std::int64_t battleMultiplier = 0;

	// Battle, BattleScore
	std::string battleId;
	BattlePhase battlePhase = BattlePhase::Unknown;
	std::vector<BattleTeamUpdate> battleTeams;

	// SuperFan
	SuperFanKind superFan = SuperFanKind::Other;

	// GoalUpdate: TikTok's own goal (its first sub-goal's progress and target)
	std::string goalId;
	std::string goalDescription;
	std::int64_t goalProgress = 0;
	std::int64_t goalTarget = 0;

	// Gift: who it is for (core/recipient.hpp): the host, a guest, or Unknown when the message names no one.
	// Its hostId is the room's host as the message names it (the Tally remembers it for later messages).
	Recipient recipient;

	// Gift helpers
	bool streakable() const { return giftType == 1; }
	bool streakInProgress() const { return streakable() && !repeatEnd; }
};

} // namespace livegifts
