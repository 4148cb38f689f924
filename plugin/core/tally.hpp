#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/battle.hpp"
#include "core/clock.hpp"
#include "core/dedupe.hpp"
#include "core/event.hpp"
#include "core/gift-catalogue.hpp"
#include "core/goal-types.hpp"
#include "core/journal-batch.hpp"
#include "core/journal.hpp"
#include "core/leaderboard.hpp"
#include "core/logger.hpp"
#include "core/snapshot.hpp"
#include "core/supporters.hpp"

namespace livegifts {

// An engine time that is not known yet (a replay before its first timestamp). Streaks stamped with it
// get their quiet period from the first known time; tick() does nothing with it.
inline constexpr Millis unknownTime = INT64_MIN;

// Stream boundaries: how many streams a Snapshot lists (the newest; the open one among them).
inline constexpr std::size_t kStreamHistory = 64;

// How many earlier reset points of a goal undoGoalReset can go back to.
inline constexpr std::size_t kGoalUndoDepth = 16;

struct TallyOptions {
	Millis streakQuietTimeoutMs = 5000;
	std::size_t dedupeCapacity = 200000;
	std::size_t topN = 100;
	std::size_t activityCapacity = 256;
	// Streaks closed by the timeout or a stream end are remembered this long (a late end then adds only what
	// was not counted), and so are streaks that got their end message (a late update sent before the end adds
	// nothing): a message held up by a reconnect can come minutes late. A streak with neither a group id nor
	// the sender's times is told from the next combo of its gift only by a lower count, so once ended it is
	// remembered for a shorter while (a later combo of the same size would otherwise add nothing). At most
	// rememberedStreaksMost ended ones of each of those two kinds, the oldest forgotten first (a storm of
	// one-gift combos from new senders stays bounded); closed ones are not capped, since a late end of one
	// forgotten would count its whole combo again.
	Millis closedStreakMemoryMs = 10 * 60 * 1000;
	Millis endedStreakMemoryMs = 10 * 60 * 1000;
	Millis untoldEndedStreakMemoryMs = 30 * 1000;
	std::size_t rememberedStreaksMost = 10000;
	// Keep what the journal must be told (writeJournal). Off for memory-only engines.
	bool recordWrites = true;
	// Stream boundaries: the same room after more than this without any event starts a new stream.
	Millis streamSilenceMs = 30 * 60 * 1000;
};

// The counting engine itself: single-threaded, no I/O, every decision of design.md's counting rules.
// The Engine facade runs one on its worker thread; tests and the benchmark drive one directly.
// What must be persisted goes out through writeJournal(); a persisted state comes back through the
// JournalRestore calls (before any event).
class Tally final : public JournalRestore {
public:
	explicit Tally(TallyOptions options = {}, Logger *logger = nullptr);

	enum class Outcome {
		Counted,   // added to totals
		Updated,   // changed state without adding (streak in progress, viewers, ...)
		Duplicate, // msgId seen before
		Ignored,   // nothing to do (unknown, control, ...)
		Held,      // the ledger could not say whether the msgId was seen: nothing changed, apply it later
	};

	// Applies one normalised event at engine time `now` (closing quiet streaks first).
	Outcome apply(const Event &event, Millis now);
	// Closes streaks quiet for the timeout.
	void tick(Millis now);
	// The engine time at which tick() next has something to do, or INT64_MAX.
	Millis nextDeadline() const;
	// Closes every open streak with its last count (stream end, end of input).
	void closeOpenStreaks(Millis now);

	// Stream boundaries: `cause` is recorded as why the stream started (and why an open one ended).
	void startStream(Millis now, StreamCause cause = StreamCause::Manual, std::string roomId = {});
	void endStream(Millis now, StreamCause cause = StreamCause::Manual);
	// A goal's explicit reset: it counts from zero from now (GoalScope::Stream: until the stream ends).
	// The reset point before it is kept (kGoalUndoDepth of them) for undoGoalReset.
	void resetGoal(const std::string &goalId);
	void undoGoalReset(const std::string &goalId);
	// Adds `delta` to the goal's counter (never below zero); it may reach a target as counting does.
	void adjustGoal(const std::string &goalId, std::int64_t delta);
	void resetStream(Millis now);
	void resetAll(Millis now);
	// The explicit reset of the "since reset" ranking: it ranks from zero from now; this stream and all
	// time are untouched. Recorded (a `resets` row), so a restart ranks exactly as before.
	void resetSupporters();
	// Registers or edits a goal. An edit never changes its progress and never fires GoalReached: stage,
	// target and reached are recomputed from the current value.
	void setGoal(const GoalSpec &spec);
	void removeGoal(const std::string &goalId);
	// Publishes a test entry in the activity (a Test button): it gets the next seq and `test` set, and
	// changes nothing else (no totals, goals, supporters, dedupe or journal).
	void showTest(GiftActivity entry, Millis now);

	// Stops keeping journal writes (no ledger, or it failed) and drops what was kept.
	void stopRecordingWrites();

	// The ledger, asked about msgIds the in-memory dedupe no longer remembers. Failed: it cannot answer
	// (the message is Held, never counted as unseen).
	enum class Lookup { Unseen, Seen, Failed };
	void setLedgerLookup(std::function<Lookup(std::string_view)> lookup) { ledgerLookup_ = std::move(lookup); }

	// Reading state
	bool streamOpen() const { return streamOpen_; }
	std::int64_t streamId() const { return streamId_; }
	std::int64_t epoch() const { return epoch_; }
	// Stream boundaries: the open (or last) stream's room and why it started; the engine time of the
	// last event (unknownTime before any).
	const std::string &streamRoom() const { return streamRoom_; }
	StreamCause streamStartedBy() const { return startedBy_; }
	Millis lastEventAt() const { return lastEventAt_; }
	// After a restore: places the restored stream's last event on the engine's time line, its createTime
	// (eventTime: the engine runs on createTimes) or its wall-clock storage time seen from `now`/`wallNow`.
	void anchorRestoredStream(bool eventTime, Millis now, Millis wallNow);
	const RoomTotals &totals(bool allTime) const { return scope(allTime).totals; }
	const Leaderboard &board(bool allTime) const { return scope(allTime).board; }
	// SinceReset before any reset: all time's.
	const Leaderboard &board(SupporterScope which) const;
	bool sinceResetActive() const { return sinceResetActive_; }
	std::int64_t supporterResets() const { return supporterResets_; }
	const std::map<std::int64_t, GiftTotal> &gifts(bool allTime) const { return scope(allTime).gifts; }
	const SupporterDirectory &directory() const { return directory_; }
	std::vector<SupporterEntry> supporters(bool allTime, std::size_t limit) const
	{
		return supporters(allTime ? SupporterScope::AllTime : SupporterScope::Stream, RankBy::Coins, limit);
	}
	std::vector<SupporterEntry> supporters(SupporterScope which, RankBy by, std::size_t limit) const;
	const InputStats &stats() const { return stats_; }
	InputStats &stats() { return stats_; }
	std::uint64_t changeCount() const { return changes_; }
	void noteChange() { ++changes_; }
	void noteUnknown(const std::string &wireName);
	const std::map<std::string, std::int64_t> &unknownEvents() const { return unknown_; }
	const BattleBoard &battles() const { return battles_; }
	const std::optional<TikTokGoal> &tiktokGoal() const { return tiktokGoal_; }
	// Registered goals by id.
	const std::unordered_map<std::string, GoalRecord> &goals() const { return goals_; }
	// A goal's record, registered or dormant, or nullptr.
	const GoalRecord *goalRecord(const std::string &goalId) const;
	GoalState goalState(const GoalRecord &goal) const;
	const StreakRecord *streak(const std::string &key) const;
	std::size_t openStreaks() const;
	std::uint64_t nextReach() const { return nextReach_; }
	// Journal scope keys: the open stream's id and the all-time epoch as a negative number.
	ScopeKey streamScopeKey() const { return streamId_; }
	ScopeKey allTimeScopeKey() const { return -epoch_; }

	// Fills everything but `version`, stats extras and ledger fields of a snapshot. `previous`, a snapshot this
	// Tally filled before (or null), lends the activity entries and rankings that did not change since.
	void fillSnapshot(Snapshot &snapshot, const Snapshot *previous = nullptr) const;

	// Tells `journal` everything not yet told (in the order JournalBatch::sendTo describes), then forgets it.
	void writeJournal(Journal &journal);
	// Whether writeJournal() has anything to tell.
	bool hasUnwritten() const;

	// JournalRestore: restoring from the ledger (before any event). Standings are restored per scope.
	void restoreBegin(std::int64_t epoch, std::int64_t lastStreamId, bool streamOpen) override;
	void restoreSupportersReset(std::int64_t resetNumber, bool active) override;
	void restoreStanding(SupporterScope which, const UserRecord &user, const StandingRecord &standing) override;
	void restoreGift(bool allTime, const GiftTotal &gift) override;
	void restoreTotals(bool allTime, const RoomTotals &totals) override;
	void restoreStreak(const StreakRecord &record, Millis now) override;
	void restoreMsgId(std::string_view msgId) override;
	void restoreGoal(const GoalRecord &record) override;
	void restoreBattle(const BattleState &battle) override { battles_.restore(battle); }
	void restoreRecipientTotal(bool allTime, const RecipientTotal &total) override;
	void restoreStream(const StreamRecord &record, Millis lastCreatedAt, Millis lastStoredAt) override;
	void restoreHostId(const std::string &id, bool rounded) override;
	void restoreEnd(std::uint64_t nextReach, bool ledgerHasOlderMsgIds) override;

private:
	struct Scope {
		RoomTotals totals;
		Leaderboard board;
		std::map<std::int64_t, GiftTotal> gifts;
		// Gifts by recipient (tally-recipients.cpp): the host's and nobody named's make up totals.coins/gifts.
		RecipientTotal host{RecipientKind::Host, {}, {}, {}, 0, 0};
		RecipientTotal unknown;
		std::map<std::string, RecipientTotal> guests;    // by guest id
		std::int64_t guestCoins = 0;                     // every guest's coins (GoalSpec::wholeRoom)
		std::map<std::int64_t, std::int64_t> guestUnits; // every guest's units by gift id (the same)
		void clear()
		{
			totals = RoomTotals{};
			board.clear();
			gifts.clear();
			host.coins = host.gifts = unknown.coins = unknown.gifts = 0;
			guests.clear();
			guestCoins = 0;
			guestUnits.clear();
		}
	};
	struct Streak {
		StreakRecord record;
		std::uint32_t supporter = 0;
		std::string groupId;
		std::uint64_t hash = 0;
		Millis lastSeen = 0;
		// The sender's createTime of the message that ended it (0: none seen since this engine started): a
		// later message of the same gift without a group id is a new combo, whatever its count.
		std::int64_t endCreateTime = 0;
	};

	Scope &scope(bool allTime) { return allTime ? allTime_ : stream_; }
	const Scope &scope(bool allTime) const { return allTime ? allTime_ : stream_; }

	bool isDuplicate(const std::string &msgId);
	void noteCapped();
	Lookup seenBefore(const std::string &msgId);
	Outcome applyIdentified(const Event &event, Millis now);
	Outcome applyKnownSender(const Event &event, Millis now);
	// The sender's record in the directory (created when new), with the account's numeric id attached.
	std::uint32_t internSender(const Event &event, bool &changed);
	void ensureStream(Millis now);
	// Stream boundaries (tally-streams.cpp): before `event` counts, a new room or a long silence ends the
	// open stream and starts another; `opens`: the event starts a stream when none is open.
	void noteStreamBoundary(const Event &event, Millis now, bool opens);
	StreamRecord streamRecord() const;
	void logStream();
	void applyGift(const Event &event, Millis now, Outcome &outcome);
	void countGift(std::uint32_t supporter, std::int64_t giftId, std::int64_t diamondCount, std::int64_t units,
		       const Recipient &to);
	// Recipients (tally-recipients.cpp). The gift's recipient: the host when it names the host remembered
	// from earlier messages; a guest named by a rounded id is the guest already known by the same double.
	Recipient recipientOf(const Event &event);
	// Adds to the recipient's totals in both scopes (a guest's: its units of `giftId` too); false when a sum
	// reached its cap.
	bool countRecipient(const Recipient &to, std::int64_t giftId, std::int64_t coins, std::int64_t units);
	void emitRecipients(Journal &journal, bool allTime);
	void fillRecipients(RecipientsView &view, const Scope &s) const;
	static Recipient recipientOf(const StreakRecord &record);
	static void keepRecipient(StreakRecord &record, const Recipient &to);
	void closeStreak(const std::string &key, Streak &streak, Millis now);
	void pushActivity(std::uint64_t streakHash, std::uint32_t supporter, std::int64_t giftId,
			  std::int64_t diamondCount, std::int64_t count, bool streakable, bool final, Millis now,
			  const Recipient &to);
	// A follow, share, subscriber, like or test entry, kept with its texts.
	void pushOther(GiftActivity entry, Millis now);
	// The gift's stable name and picture (core/gift-catalogue.hpp); giftType 1 teaches that it streaks.
	void noteGiftInfo(std::int64_t giftId, std::string_view name, std::string_view imageUrl, int giftType = 0);
	// Counted as a combo: giftType 1, or no giftType at all for a gift known to streak.
	bool streaks(const Event &event) const
	{
		return event.streakable() || (event.giftType == 0 && catalogue_.streakable(event.giftId));
	}
	void addMessage(MessageRecord message);
	bool recording() const { return options_.recordWrites; }
	void markGoal(const std::string &goalId)
	{
		if (recording()) {
			dirty_.goals.insert(goalId);
		}
	}
	void emitScope(Journal &journal, bool allTime);
	void emitSinceReset(Journal &journal);
	StandingRecord standingRecord(const Leaderboard &board, std::uint32_t index) const;
	void applyLike(const Event &event);
	// Battles, superfans and TikTok's goal (tally-battles.cpp): never coins.
	Outcome applyRoomExtra(const Event &event, Millis now);
	// GoalKind::BattlePoints, BattleWin, TikTokGoal: the value TikTok tells now, and the target it sets
	// (BattleWin: the other side's points; TikTokGoal: TikTok's target when one was seen).
	std::int64_t mirroredValue(const GoalRecord &goal) const;
	std::optional<std::int64_t> mirroredTarget(const GoalRecord &goal) const;
	void fillRankings(ScopeView &view, SupporterScope which, const ScopeView *previous, bool sameNames) const;
	// Whether `shown` still lists the first `limit` supporters of `which` by `by`, as supporters() would.
	bool rankingCurrent(const std::vector<SupporterEntry> &shown, SupporterScope which, RankBy by,
			    std::size_t limit, bool sameNames) const;
	// A gift's activity entry as the record and the names known now make it; whether `entry` is that.
	struct ActivityRecord;
	GiftActivity giftActivity(const ActivityRecord &record) const;
	bool activityCurrent(const GiftActivity &entry, const ActivityRecord &record, bool sameNames) const;
	// Changes whenever a name an activity entry or a ranking shows may have (Snapshot::namesRevision).
	std::uint64_t namesRevision() const { return directory_.revision() + giftInfoRevision_; }
	static std::uint64_t nextId();
	void markTotals();
	std::int64_t counter(const GoalRecord &goal) const; // without the spec's start
	static std::int64_t scopeValue(const Scope &s, GoalKind kind, std::int64_t giftId, bool room);
	// Battle goals: the side the goal names, else the host the gifts taught when the battle has that side
	// (empty: the battle's first side).
	std::string battleSideOf(const GoalSpec &spec, const BattleState &battle) const;
	GoalCounters allTimeCounters() const;
	// The room's units by gift id: the host's (and nobody named's) plus the guests'.
	static std::map<std::int64_t, std::int64_t> roomUnits(const std::map<std::int64_t, std::int64_t> &hostUnits,
							      const std::map<std::int64_t, std::int64_t> &guestUnits);
	GoalRecord *findGoal(const std::string &goalId);
	// Stage, target and reached from the current value, silently (no GoalReached, timesReached kept).
	void settleGoal(GoalRecord &goal) const;
	void evaluateGoals();
	void onStreamChanged();
	void purgeStreaks(Millis now);
	// Forgets the streaks of `queue` remembered longer than `retention`, then the oldest beyond `most`.
	void purgeQueue(std::deque<std::pair<Millis, std::string>> &queue, Millis retention, std::size_t most,
			Millis now);
	// Keeps the final values of the scope's unwritten changes before it is left (its key changes).
	void flushScope(bool allTime);
	void applyStreak(const Event &event, std::uint32_t supporter, const Recipient &to, MessageRecord &message,
			 Millis now, Outcome &outcome);

	TallyOptions options_;
	Logger *logger_;
	std::function<Lookup(std::string_view)> ledgerLookup_;
	bool ledgerMayKnowMore_ = false;

	SupporterDirectory directory_;
	Scope stream_;
	Scope allTime_;
	// The "since reset" ranking: kept only after an explicit reset (since the last "reset all").
	Leaderboard sinceReset_;
	bool sinceResetActive_ = false;
	std::int64_t supporterResets_ = 0; // explicit resets of the ranking made (its ledger scope key)
	MsgIdDedupe dedupe_;
	std::unordered_map<std::string, Streak> streaks_;
	std::unordered_map<std::string, GoalRecord> goals_;      // registered
	std::unordered_map<std::string, GoalRecord> dormant_;    // restored or removed, kept for a later setGoal
	std::deque<std::pair<Millis, std::string>> openQueue_;   // (lastSeen, key) of streak updates
	std::deque<std::pair<Millis, std::string>> closedQueue_; // (closed without end at, key)
	std::deque<std::pair<Millis, std::string>> endedQueue_;  // (end message at, key)
	std::deque<std::pair<Millis, std::string>> untoldQueue_; // the same, without a group id or times
	// Activity. Gifts are compact (texts are looked up when a snapshot is made); other kinds and tests keep
	// their entry whole in `other`.
	struct ActivityRecord {
		std::shared_ptr<const GiftActivity> other;
		std::uint64_t seq = 0;
		std::uint64_t streakHash = 0;
		std::int64_t giftId = 0;
		std::int64_t diamondCount = 0;
		std::int64_t count = 0;
		Millis time = 0;
		std::uint32_t supporter = 0;
		bool streakable = false;
		bool final = true;
		RecipientKind recipient = RecipientKind::Unknown;
		std::string guestId; // Guest: its names are in guests_
	};
	std::deque<ActivityRecord> activity_;
	// The room's host as the last gift naming it said (its id may be a rounded double; kept in the ledger),
	// and every guest seen with the names last told (worker thread, like all of the Tally).
	std::string hostId_;
	bool hostIdRounded_ = false;
	std::map<std::string, Recipient> guests_;
	struct GiftInfo {
		std::string name;
		std::string imageUrl;
	};
	std::unordered_map<std::int64_t, GiftInfo> giftInfo_;
	std::uint64_t giftInfoRevision_ = 0; // changes whenever a gift's name or picture does
	GiftCatalogue catalogue_;
	std::deque<GoalReached> goalEvents_;
	std::map<std::string, std::int64_t> unknown_;
	InputStats stats_;
	bool warnedForgetting_ = false; // the msgId window forgot ids with no ledger behind it: said once
	BattleBoard battles_;
	std::optional<TikTokGoal> tiktokGoal_;

	// What the journal has not been told yet: values in order (messages, stream changes, resets, final
	// values of left scopes), and what changed in the aggregates (written with their values at the time).
	JournalBatch log_;
	struct Dirty {
		std::set<std::uint32_t> users; // directory records new or changed
		std::set<std::uint32_t> streamSupporters;
		std::set<std::uint32_t> allTimeSupporters;
		std::set<std::uint32_t> sinceResetSupporters;
		std::set<std::int64_t> streamGifts;
		std::set<std::int64_t> allTimeGifts;
		bool streamTotals = false;
		bool allTimeTotals = false;
		std::set<std::string> streamRecipients; // "host", "unknown" or a guest's id
		std::set<std::string> allTimeRecipients;
		std::set<std::string> streaks; // keys (written, or gone)
		std::set<std::string> goals;   // ids
		bool hostId = false;           // hostId_ changed

		bool empty() const
		{
			return users.empty() && streamSupporters.empty() && allTimeSupporters.empty() &&
			       sinceResetSupporters.empty() && streamGifts.empty() && allTimeGifts.empty() &&
			       !streamTotals && !allTimeTotals && streaks.empty() && goals.empty() &&
			       streamRecipients.empty() && allTimeRecipients.empty() && !hostId;
		}
	};
	Dirty dirty_;

	bool streamOpen_ = false;
	std::int64_t streamId_ = 0;
	// Stream boundaries: the open (or last) stream's room and causes, the time of the last event, what a
	// restore said of the last event, and the streams of this run (oldest first, bounded).
	std::string streamRoom_;
	StreamCause startedBy_ = StreamCause::None;
	StreamCause endedBy_ = StreamCause::None;
	Millis lastEventAt_ = unknownTime;
	Millis restoredCreatedAt_ = 0;
	Millis restoredStoredAt_ = 0;
	std::deque<StreamSummary> streamLog_;
	std::int64_t lastStreamId_ = 0;
	std::int64_t epoch_ = 1;
	std::uint64_t nextReach_ = 1;
	std::uint64_t nextActivitySeq_ = 1;
	// Different for every Tally made in the process: a snapshot of another (or of one replaced since) lends
	// nothing, its activity seqs are not this one's.
	std::uint64_t id_ = nextId();
	std::uint64_t nextGoalEventSeq_ = 1;
	std::uint64_t changes_ = 0;
	std::uint64_t oneShotCounter_ = 0;
	bool cappedLogged_ = false;
};

// The streak key of a gift (user, gift, combo group).
std::string streakKeyOf(std::string_view userId, std::int64_t giftId, std::string_view groupId);

} // namespace livegifts
