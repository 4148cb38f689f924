#pragma once

// The journal between the counting (Tally) and the ledger (SQLite): what must be persisted, as values, and
// the way a persisted state comes back. Tally writes through Journal and restores through JournalRestore;
// the Ledger consumes a JournalBatch and drives a JournalRestore. Neither sees the other's insides.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/event.hpp"
#include "core/goal-types.hpp"
#include "core/snapshot.hpp"
#include "core/stream-cause.hpp"

namespace livegifts {

// A message the ledger stores once (msgId UNIQUE). Streak updates that add nothing have units 0.
struct MessageRecord {
	std::string msgId;
	EventKind kind = EventKind::Unknown;
	std::int64_t streamId = 0;
	std::string userId;
	std::int64_t giftId = 0;
	std::int64_t units = 0; // counted gift units (0 for a streak in progress)
	std::int64_t coins = 0;
	std::int64_t likes = 0;
	std::string streakKey;
	std::int64_t createTimeMs = 0;
	// Gift: its recipient, as recipientKindName() says (empty for other kinds and rows older than recipients,
	// read as "unknown"), and the guest's numeric id.
	// (initialised, so a brace list of the fields before them needs none for them)
	std::string recipient = {};
	std::string recipientId = {};
};

// A streak as it is kept (so a restart continues it).
struct StreakRecord {
	std::string key;
	std::string userId;
	std::int64_t giftId = 0;
	std::int64_t diamondCount = 0;
	std::int64_t lastCount = 0;
	std::int64_t counted = 0;
	bool open = false;
	bool ended = false;
	// Who the combo is for (recipientKindName; empty reads as "unknown"), and the guest's id and names.
	std::string recipient = {};
	std::string recipientId = {};
	std::string recipientUniqueId = {};
	std::string recipientNickname = {};
};

// The counters a goal can read, as all-time values (in the current epoch) at one moment: a goal's reset
// point holds all of them, so changing what a goal counts and changing it back never loses progress.
struct GoalCounters {
	std::int64_t coins = 0;
	std::int64_t likes = 0;
	std::int64_t follows = 0;
	std::int64_t shares = 0;
	std::int64_t subscribers = 0;
	std::int64_t superFans = 0; // GoalKind::SuperFans
	// GoalKind::Coins with GoalSpec::wholeRoom: the coins of every gift in the room (host, nobody named and
	// guests). False: a reset point of an earlier version, which did not hold it (its restore fills it in).
	std::int64_t roomCoins = 0;
	bool roomKnown = true;
	std::map<std::int64_t, std::int64_t> giftUnits; // by gift id (GoalKind::GiftCount)
	// GoalKind::GiftCount with GoalSpec::wholeRoom: the room's units by gift id (host, nobody named and
	// guests). False: a reset point of an earlier version, which did not hold them (its restore fills them in).
	std::map<std::int64_t, std::int64_t> roomGiftUnits;
	bool roomUnitsKnown = true;
	// What at() gives for a mirrored kind (goalMirrors): never kept, stays 0 (adjustGoal skips those kinds).
	std::int64_t mirrored = 0;

	// The counter `kind` reads (`giftId` for GoalKind::GiftCount; `room`: GoalSpec::wholeRoom).
	std::int64_t get(GoalKind kind, std::int64_t giftId, bool room = false) const;
	std::int64_t &at(GoalKind kind, std::int64_t giftId);
	bool operator==(const GoalCounters &) const = default;
};

// Where a goal counts from: its last explicit reset (if any) and the manual adjustments made since.
struct GoalProgress {
	bool reset = false;          // `mark` is an explicit reset (else the goal counts as its scope says)
	GoalCounters mark;           // all-time counters at the reset
	std::int64_t markStream = 0; // the stream open at the reset (GoalScope::Stream counts from it until it ends)
	GoalCounters adjust;         // manual adjustments since the reset, per counter
	GoalCounters streamAdjust;   // the part of `adjust` made during `adjustStream`
	std::int64_t adjustStream = 0;
	bool operator==(const GoalProgress &) const = default;
};

// A goal's progress as it is kept. Edits (kind, gift, scope, target, stages, on reach) never change
// `origin` or `progress`; only a reset, an undo, an adjustment or a reset of everything do.
struct GoalRecord {
	GoalSpec spec;
	GoalCounters origin;            // all-time counters when the goal was first registered (SinceReset)
	GoalProgress progress;          // the newest reset point
	std::vector<GoalProgress> undo; // earlier reset points, the newest last (undoGoalReset)
	std::int64_t base = 0;          // the reset point of the counter `spec` reads (older ledgers)
	std::int64_t target = 0;        // the current target (stage or repeat)
	std::size_t stage = 0;
	std::int64_t timesReached = 0; // never decreases (a source celebrates when it grows)
	bool reached = false;
	std::int64_t streamId = 0; // the stream open when it was last written
	bool progressKnown = true; // false: a row of ledger schema 1 (the reset point comes from `base`)
};

// A manual act on a goal other than a reset, as the ledger records it.
enum class GoalAction { Adjust, UndoReset };

inline std::string_view goalActionName(GoalAction action)
{
	return action == GoalAction::Adjust ? "adjust" : "undo-reset";
}

// A supporter's name and picture.
struct UserRecord {
	std::string id;
	std::string nickname;
	std::string avatarUrl;
	std::string numericId; // TikTok's id of the account ('' when not known)
	std::string handle;    // the @handle the account has now when it differs from `id` (renamed since), else ''
};

// A supporter's standing in one scope: an amount and a reach stamp per ranking (stamp 0: not ranked by it).
struct StandingRecord {
	std::string id;
	std::int64_t coins = 0;
	std::int64_t gifts = 0;
	std::uint64_t reach = 0; // of coins
	std::int64_t likes = 0;
	std::uint64_t giftReach = 0;
	std::uint64_t likeReach = 0;
	bool operator==(const StandingRecord &) const = default;
};

// What an explicit reset applied to. Supporters: the "since reset" ranking of Top Supporters (its target
// is the reset's number, 1 for the first).
enum class ResetKind { Goal, Stream, All, Supporters };

// "goal", "stream", "all", "supporters" (as the ledger stores them).
inline std::string_view resetKindName(ResetKind kind)
{
	switch (kind) {
	case ResetKind::Goal:
		return "goal";
	case ResetKind::Stream:
		return "stream";
	case ResetKind::All:
		return "all";
	case ResetKind::Supporters:
		return "supporters";
	}
	return "goal";
}

// Journal scopes: a stream's aggregates are keyed by its id (> 0), all time by -epoch, the standings since
// the n-th explicit reset of the ranking by sinceResetScopeKey(n) (far below every -epoch).
using ScopeKey = std::int64_t;
inline constexpr ScopeKey sinceResetScopeKey(std::int64_t resetNumber)
{
	return -(ScopeKey{1} << 40) - resetNumber;
}

// Where Tally reports what must be persisted, in the order it happened. Aggregates (standings, gift totals,
// room totals, streaks, goals) are reported with their latest values; a later report replaces an earlier one.
class Journal {
public:
	virtual ~Journal() = default;
	virtual void message(MessageRecord message) = 0;
	virtual void streamStarted(std::int64_t streamId, std::int64_t epoch) = 0;
	virtual void streamEnded(std::int64_t streamId) = 0;
	virtual void reset(ResetKind kind, std::string target) = 0;
	virtual void epochChanged(std::int64_t epoch) = 0;
	virtual void user(UserRecord user) = 0;
	virtual void standing(ScopeKey scope, StandingRecord standing) = 0;
	virtual void giftTotal(ScopeKey scope, GiftTotal gift) = 0;
	virtual void roomTotals(ScopeKey scope, RoomTotals totals) = 0;
	virtual void streak(StreakRecord streak) = 0;
	virtual void streakGone(std::string key) = 0;
	virtual void goal(GoalRecord goal) = 0;
	// A manual adjustment (amount: its delta) or an undone reset of a goal, in order with resets.
	virtual void goalAction(std::string goalId, GoalAction action, std::int64_t amount) = 0;
	// A battle as it is now (core/battle.hpp); a later report of the same seq replaces it.
	virtual void battle(BattleState) {}
	// The gifts one recipient (host, unknown, a guest) got in a scope, with their latest values.
	virtual void recipientTotal(ScopeKey, RecipientTotal) {}
	// Stream boundaries: a stream's room and why it started and ended, as they are now (after its
	// streamStarted; told again when its room becomes known and when it ends).
	virtual void streamInfo(StreamRecord) {}
	// The room's host as the gifts taught it (Recipient::hostId; `rounded`: the id may be a rounded double),
	// told when it changes: the ledger keeps it (meta `host_id`) so a restart knows the host.
	virtual void hostId(std::string /*id*/, bool /*rounded*/) {}
};

// How a persisted state comes back into an empty Tally, before any event: restoreBegin, then any of the
// others, then restoreEnd.
class JournalRestore {
public:
	virtual ~JournalRestore() = default;
	virtual void restoreBegin(std::int64_t epoch, std::int64_t lastStreamId, bool streamOpen) = 0;
	// The newest explicit reset of the ranking (0: none) and whether it was made after the last "reset
	// all" (then the standings since it follow); before any standing.
	virtual void restoreSupportersReset(std::int64_t resetNumber, bool active) = 0;
	virtual void restoreStanding(SupporterScope scope, const UserRecord &user, const StandingRecord &standing) = 0;
	virtual void restoreGift(bool allTime, const GiftTotal &gift) = 0;
	virtual void restoreTotals(bool allTime, const RoomTotals &totals) = 0;
	virtual void restoreStreak(const StreakRecord &record, Millis now) = 0;
	virtual void restoreMsgId(std::string_view msgId) = 0;
	virtual void restoreGoal(const GoalRecord &record) = 0;
	virtual void restoreBattle(const BattleState &) {}
	virtual void restoreRecipientTotal(bool /*allTime*/, const RecipientTotal &) {}
	// Stream boundaries: the last stream's room and causes, and when its last stored event was created
	// (its createTime) and stored (wall clock); 0 when it has none. After restoreBegin.
	virtual void restoreStream(const StreamRecord &, Millis /*lastCreatedAt*/, Millis /*lastStoredAt*/) {}
	// The host the gifts taught (Journal::hostId); not called when the ledger knows none.
	virtual void restoreHostId(const std::string & /*id*/, bool /*rounded*/) {}
	// `ledgerHasOlderMsgIds`: the ledger holds msgIds that were not restored (ask it about misses).
	virtual void restoreEnd(std::uint64_t nextReach, bool ledgerHasOlderMsgIds) = 0;
};

} // namespace livegifts
