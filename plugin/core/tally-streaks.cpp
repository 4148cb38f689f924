// Streaks (giftType 1): in-progress updates, the end, the quiet timeout and how long a closed one is remembered.
#include "core/tally.hpp"

#include "core/checked.hpp"

#include <algorithm>
#include <limits>

namespace livegifts {

void Tally::applyStreak(const Event &event, std::uint32_t supporter, const Recipient &to, MessageRecord &message,
			Millis now, Outcome &outcome)
{
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
	keepRecipient(rec, to);
	const Recipient comboTo = recipientOf(rec);
	streak.supporter = supporter;
	rec.diamondCount = event.diamondCount;
	// Without a combo group id a new combo of the same gift restarts its count. Once an end was seen, with
	// the senders' times known, a message sent after that end starts one (combos of 1, 1, 1 count three
	// times) and one sent before it belongs to the combo that ended (late, it adds nothing); else a count lower
	// than the last starts one. A re-sent message is a duplicate (its msgId or fingerprint) before it gets here.
	if (event.groupId.empty() && !rec.open && rec.counted > 0) {
		const bool timed = rec.ended && streak.endCreateTime > 0 && event.createTimeMs > 0;
		if (timed ? event.createTimeMs > streak.endCreateTime : event.repeatCount < rec.lastCount) {
			rec.lastCount = 0;
			rec.counted = 0;
			rec.ended = false;
			streak.endCreateTime = 0;
		}
	}
	message.streakKey = key;

	if (!event.repeatEnd) {
		outcome = Outcome::Updated;
		if (rec.open || event.repeatCount > rec.counted) {
			rec.lastCount = std::max(rec.lastCount, event.repeatCount);
			rec.open = true;
			streak.lastSeen = now;
			openQueue_.emplace_back(now, key);
			pushActivity(streak.hash, supporter, event.giftId, event.diamondCount, rec.lastCount, true,
				     false, now, comboTo);
		}
	} else {
		const std::int64_t delta = event.repeatCount - rec.counted;
		if (delta > 0) {
			countGift(supporter, event.giftId, event.diamondCount, delta, comboTo);
			rec.counted += delta; // both within limits::maxRepeat
			message.units = delta;
			message.coins = saturatingMul(delta, event.diamondCount);
			outcome = Outcome::Counted;
		} else {
			outcome = Outcome::Updated;
		}
		rec.lastCount = std::max(rec.lastCount, event.repeatCount);
		rec.open = false;
		rec.ended = true;
		streak.endCreateTime = std::max(streak.endCreateTime, event.createTimeMs);
		streak.lastSeen = now;
		const bool told = !streak.groupId.empty() || streak.endCreateTime > 0;
		(told ? endedQueue_ : untoldQueue_).emplace_back(now, key);
		pushActivity(streak.hash, supporter, event.giftId, event.diamondCount,
			     std::max(event.repeatCount, rec.counted), true, true, now, comboTo);
	}
	if (recording()) {
		dirty_.streaks.insert(key);
	}
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
			const Recipient to = recipientOf(rec);
			countGift(streak.supporter, rec.giftId, rec.diamondCount, delta, to);
			addMessage(MessageRecord{msgId, EventKind::Gift, streamId_, rec.userId, rec.giftId, delta,
						 saturatingMul(delta, rec.diamondCount), 0, key, 0,
						 std::string(recipientKindName(to.kind)),
						 to.kind == RecipientKind::Guest ? to.id : std::string()});
		}
		rec.counted = rec.lastCount;
	}
	rec.open = false;
	streak.lastSeen = now;
	closedQueue_.emplace_back(now, key);
	if (recording()) {
		dirty_.streaks.insert(key);
	}
	pushActivity(streak.hash, streak.supporter, rec.giftId, rec.diamondCount, rec.lastCount, true, true, now,
		     recipientOf(rec));
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
	purgeQueue(closedQueue_, options_.closedStreakMemoryMs, std::numeric_limits<std::size_t>::max(), now);
	purgeQueue(endedQueue_, options_.endedStreakMemoryMs, options_.rememberedStreaksMost, now);
	purgeQueue(untoldQueue_, options_.untoldEndedStreakMemoryMs, options_.rememberedStreaksMost, now);
}

void Tally::purgeQueue(std::deque<std::pair<Millis, std::string>> &queue, Millis retention, std::size_t most,
		       Millis now)
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
		if (at + retention > now && queue.size() <= most) {
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

} // namespace livegifts
