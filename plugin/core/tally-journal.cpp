// The journal both ways: what the Tally tells it, and a persisted state coming back (JournalRestore).
#include "core/tally.hpp"

#include "core/checked.hpp"

#include <algorithm>

namespace livegifts {

void Tally::stopRecordingWrites()
{
	options_.recordWrites = false;
	log_.clear();
	dirty_ = Dirty{};
}

bool Tally::hasUnwritten() const
{
	return !log_.empty() || !dirty_.empty();
}

void Tally::emitScope(Journal &journal, bool allTime)
{
	auto &supporters = allTime ? dirty_.allTimeSupporters : dirty_.streamSupporters;
	auto &gifts = allTime ? dirty_.allTimeGifts : dirty_.streamGifts;
	bool &totals = allTime ? dirty_.allTimeTotals : dirty_.streamTotals;
	const ScopeKey key = allTime ? allTimeScopeKey() : streamScopeKey();
	if (key != 0) {
		const Scope &s = scope(allTime);
		for (std::uint32_t index : supporters) {
			if (s.board.contains(index)) {
				journal.standing(key, standingRecord(s.board, index));
			}
		}
		for (std::int64_t giftId : gifts) {
			if (auto it = s.gifts.find(giftId); it != s.gifts.end()) {
				journal.giftTotal(key, it->second);
			}
		}
		if (totals) {
			journal.roomTotals(key, s.totals);
		}
	}
	supporters.clear();
	gifts.clear();
	totals = false;
	emitRecipients(journal, allTime);
}

StandingRecord Tally::standingRecord(const Leaderboard &board, std::uint32_t index) const
{
	const Leaderboard::Standing &s = board.standing(index);
	return {std::string(directory_.id(index)), s.coins(), s.gifts(),
		s.reachOf(RankBy::Coins),          s.likes(), s.reachOf(RankBy::Gifts),
		s.reachOf(RankBy::Likes)};
}

void Tally::emitSinceReset(Journal &journal)
{
	if (sinceResetActive_ && recording()) {
		const ScopeKey key = sinceResetScopeKey(supporterResets_);
		for (std::uint32_t index : dirty_.sinceResetSupporters) {
			if (sinceReset_.contains(index)) {
				journal.standing(key, standingRecord(sinceReset_, index));
			}
		}
	}
	dirty_.sinceResetSupporters.clear();
}

void Tally::writeJournal(Journal &journal)
{
	log_.sendTo(journal);
	log_.clear();
	for (std::uint32_t index : dirty_.users) {
		journal.user({std::string(directory_.id(index)), std::string(directory_.nickname(index)),
			      std::string(directory_.avatarUrl(index)), std::string(directory_.numericId(index)),
			      std::string(directory_.newerHandle(index))});
	}
	emitScope(journal, false);
	emitScope(journal, true);
	emitSinceReset(journal);
	for (const std::string &key : dirty_.streaks) {
		if (const StreakRecord *record = streak(key)) {
			journal.streak(*record);
		} else {
			journal.streakGone(key);
		}
	}
	for (const std::string &id : dirty_.goals) {
		if (const GoalRecord *goal = goalRecord(id)) {
			GoalRecord record = *goal;
			// What a build reading only `base` (ledger schema 1) would need for a SinceReset goal.
			const GoalCounters &mark = record.progress.reset ? record.progress.mark : record.origin;
			record.base = record.spec.scope == GoalScope::SinceReset
					  ? mark.get(record.spec.kind, record.spec.giftId)
					  : 0;
			journal.goal(std::move(record));
		}
	}
	if (dirty_.hostId) {
		journal.hostId(hostId_, hostIdRounded_);
	}
	dirty_ = Dirty{};
}

void Tally::restoreBegin(std::int64_t epoch, std::int64_t lastStreamId, bool streamOpen)
{
	epoch_ = epoch < 1 ? 1 : epoch;
	lastStreamId_ = lastStreamId;
	streamId_ = lastStreamId;
	streamOpen_ = streamOpen && lastStreamId > 0;
	streamRoom_.clear();
	startedBy_ = StreamCause::None;
	endedBy_ = StreamCause::None;
	lastEventAt_ = unknownTime;
	streamLog_.clear();
	if (lastStreamId > 0) {
		streamLog_.push_back(
		    StreamSummary{lastStreamId, {}, StreamCause::None, StreamCause::None, streamOpen_, 0, 0});
	}
}

void Tally::restoreSupportersReset(std::int64_t resetNumber, bool active)
{
	supporterResets_ = resetNumber;
	sinceResetActive_ = active && resetNumber > 0;
}

void Tally::restoreStanding(SupporterScope which, const UserRecord &user, const StandingRecord &standing)
{
	bool changed = false;
	const std::uint32_t index = directory_.intern(user.id, user.nickname, user.avatarUrl, changed);
	directory_.attachNumeric(index, user.numericId);
	directory_.noteHandle(index, user.handle.empty() ? user.id : user.handle);
	Leaderboard::Values values;
	values.amount = {standing.coins, standing.gifts, standing.likes};
	values.reach = {standing.reach, standing.giftReach, standing.likeReach};
	Leaderboard &board =
	    which == SupporterScope::SinceReset ? sinceReset_ : scope(which == SupporterScope::AllTime).board;
	board.set(index, values);
}

void Tally::restoreGift(bool allTime, const GiftTotal &gift)
{
	scope(allTime).gifts[gift.giftId] = gift;
	noteGiftInfo(gift.giftId, gift.name, gift.imageUrl);
}

void Tally::restoreTotals(bool allTime, const RoomTotals &totals)
{
	scope(allTime).totals = totals;
}

void Tally::restoreStreak(const StreakRecord &record, Millis now)
{
	Streak &streak = streaks_[record.key];
	streak.record = record;
	bool changed = false;
	streak.supporter = directory_.intern(record.userId, {}, {}, changed);
	streak.lastSeen = now;
	streak.hash = hashText(record.key);
	if (record.open) {
		openQueue_.emplace_back(now, record.key);
	} else if (record.ended) {
		// A key ends with its group id (streakKeyOf): without one, the shorter memory (the end's time is not
		// kept in the ledger).
		const bool told = !record.key.empty() && record.key.back() != '|';
		(told ? endedQueue_ : untoldQueue_).emplace_back(now, record.key);
	} else {
		closedQueue_.emplace_back(now, record.key);
	}
}

void Tally::restoreMsgId(std::string_view msgId)
{
	dedupe_.insert(msgId);
}

void Tally::restoreGoal(const GoalRecord &record)
{
	GoalRecord &goal = dormant_[record.spec.id] = record;
	if (!goal.progressKnown) {
		// A row of ledger schema 1: only the reset point of the counter it read is known (`base`, for a
		// SinceReset goal); the other counters count from now. All-time totals are restored already.
		goal.origin = allTimeCounters();
		if (goal.spec.scope == GoalScope::SinceReset) {
			goal.origin.at(goal.spec.kind, goal.spec.giftId) = goal.base;
		}
		goal.progress = GoalProgress{};
		goal.undo.clear();
		goal.progressKnown = true;
	}
	// Reset points of an earlier version hold no room counter (coins, or units per gift): guests count from
	// this restore on (the host's and nobody named's as their reset point says).
	auto fillRoom = [this](GoalCounters &c) {
		if (!c.roomKnown) {
			c.roomCoins = saturatingAdd(c.coins, allTime_.guestCoins);
			c.roomKnown = true;
		}
		if (!c.roomUnitsKnown) {
			c.roomGiftUnits = roomUnits(c.giftUnits, allTime_.guestUnits);
			c.roomUnitsKnown = true;
		}
	};
	auto fillProgress = [&fillRoom](GoalProgress &p) {
		fillRoom(p.mark);
		fillRoom(p.adjust);
		fillRoom(p.streamAdjust);
	};
	fillRoom(goal.origin);
	fillProgress(goal.progress);
	for (GoalProgress &p : goal.undo) {
		fillProgress(p);
	}
}

void Tally::restoreEnd(std::uint64_t nextReach, bool ledgerHasOlderMsgIds)
{
	nextReach_ = std::max<std::uint64_t>(nextReach, 1);
	ledgerMayKnowMore_ = ledgerHasOlderMsgIds;
	log_.clear();
	dirty_ = Dirty{};
	++changes_;
}

} // namespace livegifts
