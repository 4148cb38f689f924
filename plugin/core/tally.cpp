#include "core/tally.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace livegifts {

std::string streakKeyOf(std::string_view userId, std::int64_t giftId, std::string_view groupId)
{
	std::string key;
	key.reserve(userId.size() + groupId.size() + 24);
	key.append(userId);
	key += '|';
	key += std::to_string(giftId);
	key += '|';
	key.append(groupId);
	return key;
}

Tally::Tally(TallyOptions options, Logger *logger)
    : options_(options), logger_(logger != nullptr ? logger : &nullLogger()), dedupe_(options.dedupeCapacity)
{
	options_.closedStreakMemoryMs = std::max(options_.closedStreakMemoryMs, options_.streakQuietTimeoutMs);
	options_.endedStreakMemoryMs = std::max<Millis>(options_.endedStreakMemoryMs, 0);
}

bool Tally::isDuplicate(const std::string &msgId)
{
	if (dedupe_.contains(msgId)) {
		return true;
	}
	if ((ledgerMayKnowMore_ || dedupe_.forgotSome()) && ledgerLookup_ && ledgerLookup_(msgId)) {
		return true;
	}
	return false;
}

void Tally::noteUnknown(const std::string &wireName)
{
	auto [it, inserted] = unknown_.try_emplace(wireName.empty() ? std::string("?") : wireName, 0);
	++it->second;
	if (inserted) {
		logger_->log(LogLevel::Info, "unknown event '" + it->first + "' (counted, not used)");
	}
}

Tally::Outcome Tally::apply(const Event &event, Millis now)
{
	// Counted by what arrived: a TLC 1.x `social` stays social even when it is read as a follow.
	const EventKind arrived = event.arrivedAs;
	++stats_.events[static_cast<std::size_t>(arrived != EventKind::Unknown ? arrived : event.kind)];
	++changes_;
	if (event.kind == EventKind::StreamEnd) {
		++stats_.streamEnds;
	}
	if (event.kind == EventKind::Unknown || event.kind == EventKind::Control || event.kind == EventKind::Social) {
		// Counted only (they do not move time either). An unclassified social message must not claim the
		// msgId its follow/share twin has.
		if (event.kind == EventKind::Unknown) {
			noteUnknown(event.wireName);
		}
		return Outcome::Ignored;
	}
	// Duplicates change nothing, not even the time at which quiet streaks close.
	if (!event.msgId.empty()) {
		if (isDuplicate(event.msgId)) {
			++stats_.duplicates;
			return Outcome::Duplicate;
		}
		dedupe_.insert(event.msgId);
	}
	tick(now);

	if (event.kind == EventKind::RoomUser) {
		for (Scope *s : {&stream_, &allTime_}) {
			s->totals.viewersLast = event.viewerCount;
			s->totals.viewersPeak = std::max(s->totals.viewersPeak, event.viewerCount);
		}
		markTotals();
		return Outcome::Updated;
	}
	if (event.kind == EventKind::StreamEnd) {
		if (!event.msgId.empty()) {
			addRow(LedgerRow{event.msgId, event.kind, streamId_, {}, 0, 0, 0, 0, {}, event.createTimeMs});
		}
		endStream(now);
		return Outcome::Updated;
	}
	ensureStream(now);

	Outcome outcome = Outcome::Counted;
	LedgerRow row{event.msgId, event.kind, streamId_, event.user.id, 0, 0, 0, 0, {}, event.createTimeMs};
	switch (event.kind) {
	case EventKind::Gift:
		applyGift(event, now, outcome);
		evaluateGoals();
		return outcome;
	case EventKind::Like:
		for (Scope *s : {&stream_, &allTime_}) {
			s->totals.likesReceived += event.likeCount;
			s->totals.roomLikeTotal = std::max(s->totals.roomLikeTotal, event.totalLikeCount);
		}
		row.likes = event.likeCount;
		break;
	case EventKind::Follow:
		++stream_.totals.follows;
		++allTime_.totals.follows;
		break;
	case EventKind::Share:
		++stream_.totals.shares;
		++allTime_.totals.shares;
		break;
	case EventKind::Subscribe:
		++stream_.totals.subscribers;
		++allTime_.totals.subscribers;
		break;
	case EventKind::Member:
		++stream_.totals.joins;
		++allTime_.totals.joins;
		break;
	case EventKind::Chat:
		++stream_.totals.chats;
		++allTime_.totals.chats;
		break;
	default:
		return Outcome::Ignored;
	}
	markTotals();
	if (!event.msgId.empty()) {
		addRow(std::move(row));
	}
	evaluateGoals();
	return outcome;
}

void Tally::applyGift(const Event &event, Millis now, Outcome &outcome)
{
	bool changed = false;
	const std::uint32_t supporter =
	    directory_.intern(event.user.id, event.user.nickname, event.user.avatarUrl, changed);
	if (changed) {
		if (options_.recordWrites) {
			pending_.users.insert(supporter);
		}
	}
	LedgerRow row{event.msgId, EventKind::Gift,   streamId_, event.user.id, event.giftId, 0, 0, 0,
		      {},          event.createTimeMs};

	noteGiftInfo(event.giftId, event.giftName, event.giftImageUrl);
	if (!event.streakable()) {
		countGift(supporter, event.giftId, event.diamondCount, event.repeatCount);
		row.units = event.repeatCount;
		row.coins = event.repeatCount * event.diamondCount;
		const std::uint64_t hash =
		    event.msgId.empty() ? hashText("once:" + std::to_string(++oneShotCounter_)) : hashText(event.msgId);
		pushActivity(hash, supporter, event.giftId, event.diamondCount, event.repeatCount, false, true, now);
		if (!event.msgId.empty()) {
			addRow(std::move(row));
		}
		outcome = Outcome::Counted;
		return;
	}

	const std::string key = streakKeyOf(event.user.id, event.giftId, event.groupId);
	auto [it, inserted] = streaks_.try_emplace(key);
	Streak &streak = it->second;
	StreakRecord &rec = streak.record;
	if (inserted) {
		rec.key = key;
		rec.userId = event.user.id;
		rec.giftId = event.giftId;
		streak.groupId = event.groupId;
		streak.hash = hashText(key);
	}
	streak.supporter = supporter;
	rec.diamondCount = event.diamondCount;
	// Without a combo group id a new combo of the same gift restarts its count.
	if (event.groupId.empty() && !rec.open && rec.counted > 0 && event.repeatCount < rec.lastCount) {
		rec.lastCount = 0;
		rec.counted = 0;
		rec.ended = false;
	}
	row.streakKey = key;

	if (!event.repeatEnd) {
		outcome = Outcome::Updated;
		if (rec.open || event.repeatCount > rec.counted) {
			rec.lastCount = std::max(rec.lastCount, event.repeatCount);
			rec.open = true;
			streak.lastSeen = now;
			openQueue_.emplace_back(now, key);
			pushActivity(streak.hash, supporter, event.giftId, event.diamondCount, rec.lastCount, true,
				     false, now);
		}
	} else {
		const std::int64_t delta = event.repeatCount - rec.counted;
		if (delta > 0) {
			countGift(supporter, event.giftId, event.diamondCount, delta);
			rec.counted += delta;
			row.units = delta;
			row.coins = delta * event.diamondCount;
			outcome = Outcome::Counted;
		} else {
			outcome = Outcome::Updated;
		}
		rec.lastCount = std::max(rec.lastCount, event.repeatCount);
		rec.open = false;
		rec.ended = true;
		streak.lastSeen = now;
		endedQueue_.emplace_back(now, key);
		pushActivity(streak.hash, supporter, event.giftId, event.diamondCount,
			     std::max(event.repeatCount, rec.counted), true, true, now);
	}
	if (options_.recordWrites) {
		pending_.streaks.insert(key);
	}
	if (!event.msgId.empty()) {
		addRow(std::move(row));
	}
}

void Tally::countGift(std::uint32_t supporter, std::int64_t giftId, std::int64_t diamondCount, std::int64_t units)
{
	const std::int64_t coins = diamondCount * units;
	const std::uint64_t reach = nextReach_++;
	const auto info = giftInfo_.find(giftId);
	for (bool allTime : {false, true}) {
		Scope &s = scope(allTime);
		s.board.add(supporter, coins, units, reach);
		GiftTotal &gift = s.gifts[giftId];
		gift.giftId = giftId;
		if (info != giftInfo_.end()) {
			if (!info->second.name.empty() && gift.name != info->second.name) {
				gift.name = info->second.name;
			}
			if (!info->second.imageUrl.empty() && gift.imageUrl != info->second.imageUrl) {
				gift.imageUrl = info->second.imageUrl;
			}
		}
		gift.diamondCount = diamondCount;
		gift.count += units;
		gift.coins += coins;
		s.totals.coins += coins;
		s.totals.gifts += units;
	}
	if (options_.recordWrites) {
		pending_.streamSupporters.insert(supporter);
		pending_.allTimeSupporters.insert(supporter);
		pending_.streamGifts.insert(giftId);
		pending_.allTimeGifts.insert(giftId);
	}
	markTotals();
}

void Tally::noteGiftInfo(std::int64_t giftId, std::string_view name, std::string_view imageUrl)
{
	GiftInfo &info = giftInfo_[giftId];
	if (!name.empty() && info.name != name) {
		info.name = name;
	}
	if (!imageUrl.empty() && info.imageUrl != imageUrl) {
		info.imageUrl = imageUrl;
	}
}

void Tally::pushActivity(std::uint64_t streakHash, std::uint32_t supporter, std::int64_t giftId,
			 std::int64_t diamondCount, std::int64_t count, bool streakable, bool final, Millis now)
{
	if (options_.activityCapacity == 0) {
		return;
	}
	if (activity_.size() >= options_.activityCapacity) {
		activity_.pop_front();
	}
	ActivityRecord entry;
	entry.seq = nextActivitySeq_++;
	entry.streakHash = streakHash;
	entry.supporter = supporter;
	entry.giftId = giftId;
	entry.diamondCount = diamondCount;
	entry.count = count;
	entry.streakable = streakable;
	entry.final = final;
	entry.time = now;
	activity_.push_back(entry);
}

void Tally::addRow(LedgerRow row)
{
	if (options_.recordWrites) {
		pending_.rows.push_back(std::move(row));
	}
}

void Tally::markTotals()
{
	pending_.streamTotals = true;
	pending_.allTimeTotals = true;
	++changes_;
}

void Tally::closeStreak(const std::string &key, Streak &streak, Millis now)
{
	StreakRecord &rec = streak.record;
	const std::int64_t delta = rec.lastCount - rec.counted;
	if (delta > 0) {
		const std::string msgId = "streak-close:" + key + ":" + std::to_string(rec.lastCount);
		if (!isDuplicate(msgId)) {
			dedupe_.insert(msgId);
			ensureStream(now);
			countGift(streak.supporter, rec.giftId, rec.diamondCount, delta);
			addRow(LedgerRow{msgId, EventKind::Gift, streamId_, rec.userId, rec.giftId, delta,
					 delta * rec.diamondCount, 0, key, 0});
		}
		rec.counted = rec.lastCount;
	}
	rec.open = false;
	streak.lastSeen = now;
	closedQueue_.emplace_back(now, key);
	if (options_.recordWrites) {
		pending_.streaks.insert(key);
	}
	pushActivity(streak.hash, streak.supporter, rec.giftId, rec.diamondCount, rec.lastCount, true, true, now);
	++changes_;
}

void Tally::tick(Millis now)
{
	if (now == unknownTime) {
		return;
	}
	bool closed = false;
	while (!openQueue_.empty() && openQueue_.front().first == unknownTime) {
		// stamped before the time was known: the quiet period starts now
		auto it = streaks_.find(openQueue_.front().second);
		if (it != streaks_.end() && it->second.record.open && it->second.lastSeen == unknownTime) {
			it->second.lastSeen = now;
			openQueue_.emplace_back(now, it->first);
		}
		openQueue_.pop_front();
	}
	while (!openQueue_.empty()) {
		const auto &[seen, key] = openQueue_.front();
		if (seen + options_.streakQuietTimeoutMs > now) {
			break;
		}
		auto it = streaks_.find(key);
		if (it != streaks_.end() && it->second.record.open && it->second.lastSeen == seen) {
			++stats_.streaksClosedByTimeout;
			closeStreak(key, it->second, now);
			closed = true;
		}
		openQueue_.pop_front();
	}
	if (closed) {
		evaluateGoals();
	}
	purgeStreaks(now);
}

void Tally::purgeStreaks(Millis now)
{
	purgeQueue(closedQueue_, options_.closedStreakMemoryMs, now);
	purgeQueue(endedQueue_, options_.endedStreakMemoryMs, now);
}

void Tally::purgeQueue(std::deque<std::pair<Millis, std::string>> &queue, Millis retention, Millis now)
{
	while (!queue.empty() && queue.front().first == unknownTime) {
		auto it = streaks_.find(queue.front().second);
		if (it != streaks_.end() && !it->second.record.open && it->second.lastSeen == unknownTime) {
			it->second.lastSeen = now;
			queue.emplace_back(now, it->first);
		}
		queue.pop_front();
	}
	while (!queue.empty()) {
		const auto &[at, key] = queue.front();
		if (at + retention > now) {
			break;
		}
		auto it = streaks_.find(key);
		if (it != streaks_.end() && !it->second.record.open && it->second.lastSeen == at) {
			streaks_.erase(it);
		}
		queue.pop_front();
	}
}

Millis Tally::nextDeadline() const
{
	if (openQueue_.empty()) {
		return std::numeric_limits<Millis>::max();
	}
	if (openQueue_.front().first == unknownTime) {
		return std::numeric_limits<Millis>::min();
	}
	return openQueue_.front().first + options_.streakQuietTimeoutMs;
}

void Tally::closeOpenStreaks(Millis now)
{
	std::vector<std::string> keys;
	for (const auto &[key, streak] : streaks_) {
		if (streak.record.open) {
			keys.push_back(key);
		}
	}
	std::sort(keys.begin(), keys.end()); // deterministic order of the closing rows
	for (const auto &key : keys) {
		closeStreak(key, streaks_[key], now);
	}
	if (!keys.empty()) {
		evaluateGoals();
	}
}

std::size_t Tally::openStreaks() const
{
	return static_cast<std::size_t>(
	    std::count_if(streaks_.begin(), streaks_.end(), [](const auto &kv) { return kv.second.record.open; }));
}

const StreakRecord *Tally::streak(const std::string &key) const
{
	auto it = streaks_.find(key);
	return it == streaks_.end() ? nullptr : &it->second.record;
}

void Tally::ensureStream(Millis now)
{
	if (!streamOpen_) {
		startStream(now);
	}
}

void Tally::startStream(Millis now)
{
	if (streamOpen_) {
		endStream(now);
	}
	flushScope(false);
	streamId_ = ++lastStreamId_;
	streamOpen_ = true;
	stream_.clear();
	pending_.streams.push_back({streamId_, true, epoch_});
	pending_.streamTotals = true;
	onStreamChanged();
	++changes_;
	logger_->log(LogLevel::Info, "stream " + std::to_string(streamId_) + " started");
}

void Tally::endStream(Millis now)
{
	closeOpenStreaks(now);
	if (!streamOpen_) {
		return;
	}
	streamOpen_ = false;
	pending_.streams.push_back({streamId_, false, epoch_});
	++changes_;
	logger_->log(LogLevel::Info, "stream " + std::to_string(streamId_) + " ended");
}

void Tally::resetStream(Millis now)
{
	pending_.resets.push_back({"stream", std::to_string(streamId_)});
	startStream(now);
}

void Tally::resetAll(Millis now)
{
	pending_.resets.push_back({"all", std::to_string(epoch_)});
	endStream(now);
	flushScope(true);
	++epoch_;
	pending_.epochChanged = true;
	allTime_.clear();
	pending_.allTimeTotals = true;
	for (auto *goals : {&goals_, &dormant_}) {
		for (auto &[id, goal] : *goals) {
			goal.base = 0;
			restartGoal(goal);
			pending_.goals.insert(id);
		}
	}
	startStream(now);
}

void Tally::flushScope(bool allTime)
{
	auto &supporters = allTime ? pending_.allTimeSupporters : pending_.streamSupporters;
	auto &gifts = allTime ? pending_.allTimeGifts : pending_.streamGifts;
	bool &totals = allTime ? pending_.allTimeTotals : pending_.streamTotals;
	const std::int64_t key = allTime ? allTimeScopeKey() : streamScopeKey();
	if (!options_.recordWrites || key == 0 || (supporters.empty() && gifts.empty() && !totals)) {
		supporters.clear();
		gifts.clear();
		totals = false;
		return;
	}
	const Scope &s = scope(allTime);
	PendingWrites::ScopeFlush flush;
	flush.scope = key;
	for (std::uint32_t index : supporters) {
		if (s.board.contains(index)) {
			const auto &standing = s.board.standing(index);
			flush.supporters.push_back(
			    {std::string(directory_.id(index)), standing.coins, standing.gifts, standing.reach});
		}
	}
	for (std::int64_t giftId : gifts) {
		if (auto it = s.gifts.find(giftId); it != s.gifts.end()) {
			flush.gifts.push_back(it->second);
		}
	}
	flush.totals = s.totals;
	pending_.flushed.push_back(std::move(flush));
	supporters.clear();
	gifts.clear();
	totals = false;
}

std::int64_t Tally::counter(const GoalRecord &goal) const
{
	const Scope &s = goal.spec.scope == GoalScope::Stream ? stream_ : allTime_;
	std::int64_t value = 0;
	switch (goal.spec.kind) {
	case GoalKind::Coins:
		value = s.totals.coins;
		break;
	case GoalKind::GiftCount: {
		auto it = s.gifts.find(goal.spec.giftId);
		value = it == s.gifts.end() ? 0 : it->second.count;
		break;
	}
	case GoalKind::Likes:
		value = s.totals.likesReceived;
		break;
	case GoalKind::Follows:
		value = s.totals.follows;
		break;
	case GoalKind::Shares:
		value = s.totals.shares;
		break;
	case GoalKind::Subscribers:
		value = s.totals.subscribers;
		break;
	}
	if (goal.spec.scope == GoalScope::SinceReset) {
		value -= goal.base;
	}
	return value;
}

void Tally::restartGoal(GoalRecord &goal)
{
	goal.target = goal.spec.target;
	goal.stage = 0;
	goal.timesReached = 0;
	goal.reached = false;
	goal.streamId = streamId_;
}

void Tally::resetGoal(const std::string &goalId)
{
	for (auto *goals : {&goals_, &dormant_}) {
		auto it = goals->find(goalId);
		if (it == goals->end()) {
			continue;
		}
		GoalRecord &goal = it->second;
		goal.base = 0;
		goal.base = goal.spec.scope == GoalScope::SinceReset ? counter(goal) : 0;
		restartGoal(goal);
		pending_.goals.insert(goalId);
		pending_.resets.push_back({"goal", goalId});
		++changes_;
	}
	evaluateGoals();
}

void Tally::setGoal(const GoalSpec &spec)
{
	if (spec.id.empty()) {
		return;
	}
	auto it = goals_.find(spec.id);
	if (it == goals_.end()) {
		auto dormant = dormant_.find(spec.id);
		GoalRecord goal;
		if (dormant != dormant_.end()) {
			goal = std::move(dormant->second);
			dormant_.erase(dormant);
		} else {
			goal.spec = spec;
			goal.base = 0;
			goal.base = spec.scope == GoalScope::SinceReset ? counter(goal) : 0;
			restartGoal(goal);
		}
		it = goals_.emplace(spec.id, std::move(goal)).first;
	}
	GoalRecord &goal = it->second;
	if (!(goal.spec == spec)) {
		const bool sameCounter =
		    goal.spec.kind == spec.kind && goal.spec.giftId == spec.giftId && goal.spec.scope == spec.scope;
		const bool sameProgression =
		    goal.spec.target == spec.target && goal.spec.onReach == spec.onReach &&
		    goal.spec.repeatStep == spec.repeatStep && goal.spec.stages.size() == spec.stages.size() &&
		    std::equal(goal.spec.stages.begin(), goal.spec.stages.end(), spec.stages.begin(),
			       [](const GoalStage &a, const GoalStage &b) { return a.target == b.target; });
		goal.spec = spec;
		if (!sameCounter) {
			goal.base = 0;
			goal.base = spec.scope == GoalScope::SinceReset ? counter(goal) : 0;
		}
		if (!sameCounter || !sameProgression) {
			restartGoal(goal);
		}
	}
	if (goal.spec.scope == GoalScope::Stream && goal.streamId != streamId_) {
		restartGoal(goal);
	}
	pending_.goals.insert(spec.id);
	++changes_;
	evaluateGoals();
}

void Tally::removeGoal(const std::string &goalId)
{
	auto it = goals_.find(goalId);
	if (it == goals_.end()) {
		return;
	}
	dormant_[goalId] = std::move(it->second);
	goals_.erase(it);
	++changes_;
}

const GoalRecord *Tally::goalRecord(const std::string &goalId) const
{
	if (auto it = goals_.find(goalId); it != goals_.end()) {
		return &it->second;
	}
	if (auto it = dormant_.find(goalId); it != dormant_.end()) {
		return &it->second;
	}
	return nullptr;
}

void Tally::onStreamChanged()
{
	for (auto *goals : {&goals_, &dormant_}) {
		for (auto &[id, goal] : *goals) {
			if (goal.spec.scope == GoalScope::Stream) {
				restartGoal(goal);
				pending_.goals.insert(id);
			}
		}
	}
}

void Tally::evaluateGoals()
{
	for (auto &[id, goal] : goals_) {
		const std::int64_t current = counter(goal) + goal.spec.start;
		bool changed = false;
		auto reachedEvent = [&](std::int64_t target, const std::string &title) {
			++goal.timesReached;
			changed = true;
			if (options_.activityCapacity > 0) {
				if (goalEvents_.size() >= options_.activityCapacity) {
					goalEvents_.pop_front();
				}
				goalEvents_.push_back({nextGoalEventSeq_++, id, title, target, goal.timesReached});
			}
			logger_->log(LogLevel::Info, "goal '" + id + "' reached " + std::to_string(target));
		};
		switch (goal.spec.onReach) {
		case GoalOnReach::Hold:
			if (!goal.reached && goal.target > 0 && current >= goal.target) {
				goal.reached = true;
				reachedEvent(goal.target, goal.spec.title);
			} else if (goal.reached && current < goal.target) {
				goal.reached = false;
				changed = true;
			}
			break;
		case GoalOnReach::Repeat: {
			const std::int64_t step = goal.spec.repeatStep > 0 ? goal.spec.repeatStep : goal.spec.target;
			int guard = 0;
			while (step > 0 && goal.target > 0 && current >= goal.target && guard++ < 100000) {
				reachedEvent(goal.target, goal.spec.title);
				goal.target += step;
			}
			goal.reached = goal.timesReached > 0;
			break;
		}
		case GoalOnReach::Next: {
			while (goal.target > 0 && current >= goal.target && !goal.reached) {
				const std::string &title =
				    goal.stage == 0 ? goal.spec.title : goal.spec.stages[goal.stage - 1].title;
				reachedEvent(goal.target, title);
				if (goal.stage < goal.spec.stages.size()) {
					++goal.stage;
					goal.target = goal.spec.stages[goal.stage - 1].target;
				} else {
					goal.reached = true;
				}
			}
			break;
		}
		}
		if (changed) {
			pending_.goals.insert(id);
			++changes_;
		}
	}
}

GoalState Tally::goalState(const GoalRecord &goal) const
{
	GoalState state;
	state.id = goal.spec.id;
	state.kind = goal.spec.kind;
	state.title = goal.stage == 0 || goal.stage > goal.spec.stages.size() ? goal.spec.title
									      : goal.spec.stages[goal.stage - 1].title;
	state.current = counter(goal) + goal.spec.start;
	state.target = goal.target;
	if (goal.target > 0) {
		state.fraction =
		    std::clamp(static_cast<double>(state.current) / static_cast<double>(goal.target), 0.0, 1.0);
	} else {
		state.fraction = 1.0;
	}
	state.percent = state.fraction * 100.0;
	state.reached = goal.spec.onReach == GoalOnReach::Repeat ? goal.timesReached > 0
								 : (goal.reached || state.current >= goal.target);
	state.timesReached = goal.timesReached;
	state.stageIndex = goal.stage;
	state.stageCount = goal.spec.onReach == GoalOnReach::Next ? goal.spec.stages.size() + 1 : 1;
	return state;
}

std::vector<SupporterEntry> Tally::supporters(bool allTime, std::size_t limit) const
{
	std::vector<SupporterEntry> out;
	const Leaderboard &board = scope(allTime).board;
	out.reserve(limit == 0 ? board.size() : std::min(limit, board.size()));
	board.forEachRanked(limit, [&](std::uint32_t index, std::size_t rank, const Leaderboard::Standing &s) {
		SupporterEntry entry;
		entry.rank = rank;
		entry.id = directory_.id(index);
		entry.nickname = directory_.nickname(index);
		entry.avatarUrl = directory_.avatarUrl(index);
		entry.coins = s.coins;
		entry.gifts = s.gifts;
		entry.reachOrder = s.reach;
		out.push_back(std::move(entry));
	});
	return out;
}

void Tally::fillSnapshot(Snapshot &snapshot) const
{
	snapshot.streamLive = streamOpen_;
	snapshot.streamId = streamId_;
	for (bool allTime : {false, true}) {
		const Scope &s = scope(allTime);
		ScopeView &view = allTime ? snapshot.allTime : snapshot.stream;
		view.totals = s.totals;
		view.top = supporters(allTime, options_.topN == 0 ? 1 : options_.topN);
		view.supporterCount = s.board.size();
		view.gifts.clear();
		view.gifts.reserve(s.gifts.size());
		for (const auto &[id, gift] : s.gifts) {
			view.gifts.push_back(gift);
		}
		std::stable_sort(view.gifts.begin(), view.gifts.end(),
				 [](const GiftTotal &a, const GiftTotal &b) { return a.coins > b.coins; });
	}
	snapshot.goals.clear();
	for (const auto &[id, goal] : goals_) {
		snapshot.goals.emplace(id, goalState(goal));
	}
	snapshot.activity.clear();
	snapshot.activity.reserve(activity_.size());
	for (const auto &record : activity_) {
		GiftActivity entry;
		entry.seq = record.seq;
		char key[20];
		std::snprintf(key, sizeof(key), "%016llx", static_cast<unsigned long long>(record.streakHash));
		entry.streakKey = key;
		entry.userId = directory_.id(record.supporter);
		entry.nickname = directory_.nickname(record.supporter);
		entry.avatarUrl = directory_.avatarUrl(record.supporter);
		entry.giftId = record.giftId;
		if (auto info = giftInfo_.find(record.giftId); info != giftInfo_.end()) {
			entry.giftName = info->second.name;
			entry.giftImageUrl = info->second.imageUrl;
		}
		entry.diamondCount = record.diamondCount;
		entry.count = record.count;
		entry.streakable = record.streakable;
		entry.final = record.final;
		entry.coins = record.count * record.diamondCount;
		entry.timeMs = record.time;
		snapshot.activity.push_back(std::move(entry));
	}
	snapshot.goalEvents.assign(goalEvents_.begin(), goalEvents_.end());
	snapshot.unknownEvents.assign(unknown_.begin(), unknown_.end());
	snapshot.stats = stats_;
}

void Tally::restoreBegin(std::int64_t epoch, std::int64_t lastStreamId, bool streamOpen)
{
	epoch_ = epoch < 1 ? 1 : epoch;
	lastStreamId_ = lastStreamId;
	streamId_ = lastStreamId;
	streamOpen_ = streamOpen && lastStreamId > 0;
}

void Tally::restoreSupporter(bool allTime, std::string_view id, std::string_view nickname, std::string_view avatarUrl,
			     std::int64_t coins, std::int64_t gifts, std::uint64_t reach)
{
	bool changed = false;
	const std::uint32_t index = directory_.intern(id, nickname, avatarUrl, changed);
	scope(allTime).board.set(index, coins, gifts, reach);
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
		endedQueue_.emplace_back(now, record.key);
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
	dormant_[record.spec.id] = record;
}

void Tally::restoreEnd(std::uint64_t nextReach, bool ledgerHasOlderMsgIds)
{
	nextReach_ = std::max<std::uint64_t>(nextReach, 1);
	ledgerMayKnowMore_ = ledgerHasOlderMsgIds;
	pending_ = PendingWrites{};
	++changes_;
}

} // namespace livegifts
