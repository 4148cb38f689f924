#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "core/dedupe.hpp"
#include "core/event.hpp"
#include "core/goal-types.hpp"
#include "core/leaderboard.hpp"
#include "core/logger.hpp"
#include "core/snapshot.hpp"
#include "core/supporters.hpp"

namespace livegifts {

// An engine time that is not known yet (a replay before its first timestamp). Streaks stamped with it
// get their quiet period from the first known time; tick() does nothing with it.
inline constexpr Millis unknownTime = INT64_MIN;

struct TallyOptions {
	Millis streakQuietTimeoutMs = 5000;
	std::size_t dedupeCapacity = 200000;
	std::size_t topN = 100;
	std::size_t activityCapacity = 256;
	// Streaks closed by the timeout or a stream end are remembered this long (a late end then adds
	// only what was not counted); streaks that got their end message for a shorter while.
	Millis closedStreakMemoryMs = 10 * 60 * 1000;
	Millis endedStreakMemoryMs = 30 * 1000;
	// Collect what the ledger must write (PendingWrites). Off for memory-only engines.
	bool recordWrites = true;
};

// A message that the ledger stores (msgId UNIQUE). Streak updates that add nothing have units 0.
struct LedgerRow {
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
};

// A streak as the ledger keeps it (so a restart continues it).
struct StreakRecord {
	std::string key;
	std::string userId;
	std::int64_t giftId = 0;
	std::int64_t diamondCount = 0;
	std::int64_t lastCount = 0;
	std::int64_t counted = 0;
	bool open = false;
	bool ended = false;
};

// A goal's progress as the ledger keeps it.
struct GoalRecord {
	GoalSpec spec;
	std::int64_t base = 0; // all-time counter value at the last reset (GoalScope::SinceReset)
	std::int64_t target = 0;
	std::size_t stage = 0;
	std::int64_t timesReached = 0;
	bool reached = false;
	std::int64_t streamId = 0; // the stream the progress belongs to (GoalScope::Stream)
};

// What changed since the ledger last committed.
struct PendingWrites {
	std::vector<LedgerRow> rows;
	struct StreamChange {
		std::int64_t id = 0;
		bool started = false; // else ended
		std::int64_t epoch = 0;
	};
	std::vector<StreamChange> streams;
	struct Reset {
		std::string kind; // "goal", "stream", "all"
		std::string target;
	};
	std::vector<Reset> resets;
	std::set<std::uint32_t> users;            // directory records new or changed
	std::set<std::uint32_t> streamSupporters; // standings changed in the stream scope
	std::set<std::uint32_t> allTimeSupporters;
	std::set<std::int64_t> streamGifts;
	std::set<std::int64_t> allTimeGifts;
	bool streamTotals = false;
	bool allTimeTotals = false;
	std::set<std::string> streaks; // keys (upserted, or deleted when gone)
	std::set<std::string> goals;   // ids (upserted, or deleted when gone)
	bool epochChanged = false;

	// Final values of a scope that was left (stream change, reset all) before its changes were written.
	struct ScopeFlush {
		std::int64_t scope = 0; // ledger scope key: stream id, or -epoch for all time
		struct Supporter {
			std::string id;
			std::int64_t coins = 0;
			std::int64_t gifts = 0;
			std::uint64_t reach = 0;
		};
		std::vector<Supporter> supporters;
		std::vector<GiftTotal> gifts;
		RoomTotals totals;
	};
	std::vector<ScopeFlush> flushed;

	bool empty() const
	{
		return rows.empty() && flushed.empty() && streams.empty() && resets.empty() && users.empty() &&
		       streamSupporters.empty() && allTimeSupporters.empty() && streamGifts.empty() &&
		       allTimeGifts.empty() && !streamTotals && !allTimeTotals && streaks.empty() && goals.empty() &&
		       !epochChanged;
	}
};

// The counting engine itself: single-threaded, no I/O, every decision of design.md's counting rules.
// The Engine facade runs one on its worker thread; tests and the benchmark drive one directly.
class Tally {
public:
	explicit Tally(TallyOptions options = {}, Logger *logger = nullptr);

	enum class Outcome {
		Counted,   // added to totals
		Updated,   // changed state without adding (streak in progress, viewers, ...)
		Duplicate, // msgId seen before
		Ignored,   // nothing to do (unknown, control, ...)
	};

	// Applies one normalised event at engine time `now` (closing quiet streaks first).
	Outcome apply(const Event &event, Millis now);
	// Closes streaks quiet for the timeout.
	void tick(Millis now);
	// The engine time at which tick() next has something to do, or INT64_MAX.
	Millis nextDeadline() const;
	// Closes every open streak with its last count (stream end, end of input).
	void closeOpenStreaks(Millis now);

	void startStream(Millis now);
	void endStream(Millis now);
	void resetGoal(const std::string &goalId);
	void resetStream(Millis now);
	void resetAll(Millis now);
	void setGoal(const GoalSpec &spec);
	void removeGoal(const std::string &goalId);

	// Stops collecting ledger writes (no ledger, or it failed) and drops what was collected.
	void stopRecordingWrites()
	{
		options_.recordWrites = false;
		pending_ = PendingWrites{};
	}

	// The ledger, asked about msgIds the in-memory dedupe no longer remembers.
	void setLedgerLookup(std::function<bool(std::string_view)> lookup) { ledgerLookup_ = std::move(lookup); }

	// Reading state
	bool streamOpen() const { return streamOpen_; }
	std::int64_t streamId() const { return streamId_; }
	std::int64_t epoch() const { return epoch_; }
	const RoomTotals &totals(bool allTime) const { return scope(allTime).totals; }
	const Leaderboard &board(bool allTime) const { return scope(allTime).board; }
	const std::map<std::int64_t, GiftTotal> &gifts(bool allTime) const { return scope(allTime).gifts; }
	const SupporterDirectory &directory() const { return directory_; }
	std::vector<SupporterEntry> supporters(bool allTime, std::size_t limit) const;
	const InputStats &stats() const { return stats_; }
	InputStats &stats() { return stats_; }
	std::uint64_t changeCount() const { return changes_; }
	void noteChange() { ++changes_; }
	void noteUnknown(const std::string &wireName);
	const std::map<std::string, std::int64_t> &unknownEvents() const { return unknown_; }
	const std::unordered_map<std::string, GoalRecord> &goals() const { return goals_; }
	// A goal's record, registered or dormant (for the ledger), or nullptr.
	const GoalRecord *goalRecord(const std::string &goalId) const;
	GoalState goalState(const GoalRecord &goal) const;
	const StreakRecord *streak(const std::string &key) const;
	std::size_t openStreaks() const;
	std::uint64_t nextReach() const { return nextReach_; }
	// Ledger scope keys: the open stream's id and the all-time epoch as a negative number.
	std::int64_t streamScopeKey() const { return streamId_; }
	std::int64_t allTimeScopeKey() const { return -epoch_; }

	// Fills everything but `version`, stats extras and ledger fields of a snapshot.
	void fillSnapshot(Snapshot &snapshot) const;

	// Ledger handover: what to write, then forget it.
	PendingWrites &pending() { return pending_; }
	void clearPending() { pending_ = PendingWrites{}; }

	// Restoring from the ledger (before any event). Supporters are restored per scope.
	void restoreBegin(std::int64_t epoch, std::int64_t lastStreamId, bool streamOpen);
	void restoreSupporter(bool allTime, std::string_view id, std::string_view nickname, std::string_view avatarUrl,
			      std::int64_t coins, std::int64_t gifts, std::uint64_t reach);
	void restoreGift(bool allTime, const GiftTotal &gift);
	void restoreTotals(bool allTime, const RoomTotals &totals);
	void restoreStreak(const StreakRecord &record, Millis now);
	void restoreMsgId(std::string_view msgId);
	void restoreGoal(const GoalRecord &record);
	// `ledgerHasOlderMsgIds`: the ledger holds msgIds that were not restored (ask it about misses).
	void restoreEnd(std::uint64_t nextReach, bool ledgerHasOlderMsgIds);

private:
	struct Scope {
		RoomTotals totals;
		Leaderboard board;
		std::map<std::int64_t, GiftTotal> gifts;
		void clear()
		{
			totals = RoomTotals{};
			board.clear();
			gifts.clear();
		}
	};
	struct Streak {
		StreakRecord record;
		std::uint32_t supporter = 0;
		std::string groupId;
		std::uint64_t hash = 0;
		Millis lastSeen = 0;
	};

	Scope &scope(bool allTime) { return allTime ? allTime_ : stream_; }
	const Scope &scope(bool allTime) const { return allTime ? allTime_ : stream_; }

	bool isDuplicate(const std::string &msgId);
	void ensureStream(Millis now);
	void applyGift(const Event &event, Millis now, Outcome &outcome);
	void countGift(std::uint32_t supporter, std::int64_t giftId, std::int64_t diamondCount, std::int64_t units);
	void closeStreak(const std::string &key, Streak &streak, Millis now);
	void pushActivity(std::uint64_t streakHash, std::uint32_t supporter, std::int64_t giftId,
			  std::int64_t diamondCount, std::int64_t count, bool streakable, bool final, Millis now);
	void noteGiftInfo(std::int64_t giftId, std::string_view name, std::string_view imageUrl);
	void addRow(LedgerRow row);
	void markTotals();
	std::int64_t counter(const GoalRecord &goal) const;
	void restartGoal(GoalRecord &goal);
	void evaluateGoals();
	void onStreamChanged();
	void purgeStreaks(Millis now);
	void purgeQueue(std::deque<std::pair<Millis, std::string>> &queue, Millis retention, Millis now);
	// Moves the scope's unwritten changes into pending_.flushed before it is cleared.
	void flushScope(bool allTime);

	TallyOptions options_;
	Logger *logger_;
	std::function<bool(std::string_view)> ledgerLookup_;
	bool ledgerMayKnowMore_ = false;

	SupporterDirectory directory_;
	Scope stream_;
	Scope allTime_;
	MsgIdDedupe dedupe_;
	std::unordered_map<std::string, Streak> streaks_;
	std::unordered_map<std::string, GoalRecord> goals_;      // registered
	std::unordered_map<std::string, GoalRecord> dormant_;    // restored or removed, kept for a later setGoal
	std::deque<std::pair<Millis, std::string>> openQueue_;   // (lastSeen, key) of streak updates
	std::deque<std::pair<Millis, std::string>> closedQueue_; // (closed without end at, key)
	std::deque<std::pair<Millis, std::string>> endedQueue_;  // (end message at, key)
	// Gift activity, compact: texts are looked up when a snapshot is made.
	struct ActivityRecord {
		std::uint64_t seq = 0;
		std::uint64_t streakHash = 0;
		std::int64_t giftId = 0;
		std::int64_t diamondCount = 0;
		std::int64_t count = 0;
		Millis time = 0;
		std::uint32_t supporter = 0;
		bool streakable = false;
		bool final = true;
	};
	std::deque<ActivityRecord> activity_;
	struct GiftInfo {
		std::string name;
		std::string imageUrl;
	};
	std::unordered_map<std::int64_t, GiftInfo> giftInfo_;
	std::deque<GoalReached> goalEvents_;
	std::map<std::string, std::int64_t> unknown_;
	InputStats stats_;
	PendingWrites pending_;

	bool streamOpen_ = false;
	std::int64_t streamId_ = 0;
	std::int64_t lastStreamId_ = 0;
	std::int64_t epoch_ = 1;
	std::uint64_t nextReach_ = 1;
	std::uint64_t nextActivitySeq_ = 1;
	std::uint64_t nextGoalEventSeq_ = 1;
	std::uint64_t changes_ = 0;
	std::uint64_t oneShotCounter_ = 0;
};

// The streak key of a gift (user, gift, combo group).
std::string streakKeyOf(std::string_view userId, std::int64_t giftId, std::string_view groupId);

} // namespace livegifts
