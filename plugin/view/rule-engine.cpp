#include "view/rule-engine.hpp"

#include "core/recipient.hpp"

#include <algorithm>

namespace livegifts::view {

namespace {

std::uint64_t lastActivitySeq(const Snapshot &snapshot)
{
	return snapshot.activity.empty() ? 0 : snapshot.activity.back().seq;
}

std::uint64_t lastGoalSeq(const Snapshot &snapshot)
{
	return snapshot.goalEvents.empty() ? 0 : snapshot.goalEvents.back().seq;
}

std::string topIdOf(const Snapshot &snapshot)
{
	return snapshot.stream.top.empty() ? std::string() : snapshot.stream.top.front().id;
}

bool giftMatches(std::int64_t wanted, std::int64_t giftId)
{
	return wanted == 0 || wanted == giftId;
}

// Whether a gift to `recipient` passes a rule's filter (Host: the host's totals' own; Unknown counts there).
bool recipientMatches(GiftRecipients wanted, RecipientKind recipient)
{
	switch (wanted) {
	case GiftRecipients::Host:
		return countsForHost(recipient);
	case GiftRecipients::Guests:
		return recipient == RecipientKind::Guest;
	case GiftRecipients::Anyone:
		break;
	}
	return true;
}

constexpr std::size_t kSupporterMemory = 4096; // per rule; older cooldowns are forgotten past it

} // namespace

struct RuleEngine::Happening {
	enum class Kind { Gift, Follow, Share, Subscribe, Like, Goal, Top } kind = Kind::Gift;
	std::string userId;
	std::string nickname;
	std::string avatarUrl;
	std::int64_t giftId = 0;
	std::string giftName;
	std::string giftImageUrl;
	RecipientKind recipient = RecipientKind::Unknown; // Gift: whom it is for
	std::string guest;                                // Gift to a guest: "@handle", else name, else id
	std::int64_t count = 0;                           // Gift: units of the combo so far
	std::int64_t prevCount = 0;                       // Gift: units seen before this entry
	std::int64_t coins = 0;                           // Gift: coins of the combo so far; Top: the supporter's coins
	std::int64_t deltaCoins = 0;                      // Gift: coins this entry adds
	bool final = true;                                // Gift: the combo ended (or was never one)
	bool firstGift = false;                           // Gift: the supporter's first to the host this stream
	std::int64_t likesBefore = 0;
	std::int64_t likesAfter = 0;
	std::string goalId;
};

Millis busyTimeOf(const std::vector<RuleAction> &actions)
{
	Millis longest = 0;
	for (const RuleAction &action : actions) {
		if (action.kind == ActionKind::ShowSource || action.kind == ActionKind::SwitchScene ||
		    action.kind == ActionKind::EnableFilter) {
			longest = std::max(longest, action.durationMs);
		}
	}
	return longest;
}

void RuleEngine::setRules(std::vector<Rule> rules)
{
	std::vector<RuleState> states;
	for (const Rule &rule : rules) {
		RuleState state;
		auto old = std::find_if(states_.begin(), states_.end(),
					[&rule](const RuleState &s) { return s.rule.id == rule.id; });
		if (old != states_.end()) {
			state = std::move(*old);
			if (!(state.rule.trigger == rule.trigger) || state.rule.supporters != rule.supporters) {
				state.window.clear();
				state.windowCoins = 0;
			}
		}
		state.rule = rule;
		if (!rule.enabled) {
			state.queue.clear();
		}
		state.stats.queued = state.queue.size();
		states.push_back(std::move(state));
	}
	states_ = std::move(states);
	rules_ = std::move(rules);
}

void RuleEngine::start(const Snapshot &snapshot)
{
	started_ = true;
	activitySeq_ = lastActivitySeq(snapshot);
	goalSeq_ = lastGoalSeq(snapshot);
	topId_ = topIdOf(snapshot);
	newStream(snapshot.streamId, snapshot);
	for (const GiftActivity &entry : snapshot.activity) {
		if (entry.test || entry.kind != ActivityKind::Gift) {
			continue;
		}
		if (entry.final) {
			streakCounts_.erase(entry.streakKey);
		} else {
			streakCounts_[entry.streakKey] = entry.count;
		}
	}
}

void RuleEngine::newStream(std::int64_t streamId, const Snapshot &snapshot)
{
	streamId_ = streamId;
	gifted_.clear();
	likeTotal_ = 0;
	if (snapshot.streamId != streamId) {
		return;
	}
	// What this stream already holds when the engine starts watching (a restart mid-stream).
	for (const auto *list : {&snapshot.stream.top, &snapshot.stream.topGifts}) {
		for (const SupporterEntry &entry : *list) {
			gifted_.insert(entry.id);
		}
	}
	likeTotal_ = snapshot.stream.totals.roomLikeTotal;
	for (const GiftActivity &entry : snapshot.activity) {
		if (!entry.test && entry.kind == ActivityKind::Like) {
			likeTotal_ = std::max(likeTotal_, entry.likeTotal);
		}
	}
}

std::vector<RuleFiring> RuleEngine::update(const Snapshot &snapshot, Millis now)
{
	std::vector<RuleFiring> out;
	if (!started_ || lastActivitySeq(snapshot) < activitySeq_ || lastGoalSeq(snapshot) < goalSeq_) {
		streakCounts_.clear();
		start(snapshot);
		return tick(now);
	}
	if (snapshot.streamId != streamId_) {
		streamId_ = snapshot.streamId;
		gifted_.clear();
		likeTotal_ = 0;
	}
	std::vector<Happening> happenings;
	for (const GiftActivity *entry : snapshot.activitySince(activitySeq_)) {
		if (entry->test) {
			continue;
		}
		Happening h;
		h.userId = entry->userId;
		h.nickname = entry->nickname;
		h.avatarUrl = entry->avatarUrl;
		switch (entry->kind) {
		case ActivityKind::Gift: {
			h.kind = Happening::Kind::Gift;
			h.giftId = entry->giftId;
			h.giftName = entry->giftName;
			h.giftImageUrl = entry->giftImageUrl;
			h.recipient = entry->recipient;
			if (entry->recipient == RecipientKind::Guest) {
				h.guest = recipientLabel(entry->recipientUniqueId, entry->recipientNickname,
							 entry->recipientId);
			}
			h.count = entry->count;
			h.final = entry->final;
			h.coins = entry->coins;
			const auto seen = streakCounts_.find(entry->streakKey);
			h.prevCount = seen == streakCounts_.end() ? 0 : seen->second;
			h.deltaCoins = std::max<std::int64_t>(0, h.count - h.prevCount) * entry->diamondCount;
			if (entry->final) {
				if (seen != streakCounts_.end()) {
					streakCounts_.erase(seen);
				}
			} else {
				streakCounts_[entry->streakKey] = std::max(h.prevCount, h.count);
			}
			// A gift to a guest is the guest's: it is no supporter's first gift to the host.
			h.firstGift = countsForHost(entry->recipient) && !entry->userId.empty() &&
				      gifted_.insert(entry->userId).second;
			break;
		}
		case ActivityKind::Follow:
			h.kind = Happening::Kind::Follow;
			break;
		case ActivityKind::Share:
			h.kind = Happening::Kind::Share;
			break;
		case ActivityKind::Subscribe:
			h.kind = Happening::Kind::Subscribe;
			break;
		case ActivityKind::Like:
			h.kind = Happening::Kind::Like;
			h.likesBefore = likeTotal_;
			likeTotal_ = std::max(likeTotal_, entry->likeTotal);
			h.likesAfter = likeTotal_;
			break;
		case ActivityKind::SuperFanJoin:
		case ActivityKind::SuperFanBox:
		case ActivityKind::SuperFanOther:
		case ActivityKind::BattleResult:
			// No rule trigger reads these yet.
			continue;
		}
		happenings.push_back(std::move(h));
	}
	activitySeq_ = std::max(activitySeq_, lastActivitySeq(snapshot));
	for (const GoalReached &reached : snapshot.goalEvents) {
		if (reached.seq > goalSeq_) {
			Happening h;
			h.kind = Happening::Kind::Goal;
			h.goalId = reached.goalId;
			happenings.push_back(std::move(h));
		}
	}
	goalSeq_ = std::max(goalSeq_, lastGoalSeq(snapshot));
	const std::string topId = topIdOf(snapshot);
	if (!topId.empty() && topId != topId_) {
		Happening h;
		h.kind = Happening::Kind::Top;
		h.userId = topId;
		h.nickname = snapshot.stream.top.front().nickname;
		h.coins = snapshot.stream.top.front().coins;
		happenings.push_back(std::move(h));
	}
	topId_ = topId;

	out = tick(now); // what waited goes before what is new
	for (const Happening &h : happenings) {
		for (RuleState &state : states_) {
			consider(state, h, now, out);
		}
	}
	return out;
}

bool RuleEngine::matches(RuleState &state, const Happening &h, Millis now)
{
	const RuleTrigger &t = state.rule.trigger;
	using K = Happening::Kind;
	if (h.kind == K::Gift && giftTrigger(t.kind) && !recipientMatches(t.giftsTo, h.recipient)) {
		return false; // a gift to someone the rule does not watch (it counts in no window either)
	}
	switch (t.kind) {
	case TriggerKind::Gift:
		return h.kind == K::Gift && h.final && giftMatches(t.giftId, h.giftId);
	case TriggerKind::MinCoins:
		return h.kind == K::Gift && h.final && giftMatches(t.giftId, h.giftId) && h.coins >= t.amount;
	case TriggerKind::Streak:
		return h.kind == K::Gift && giftMatches(t.giftId, h.giftId) && t.amount > 0 && h.prevCount < t.amount &&
		       h.count >= t.amount;
	case TriggerKind::CoinsInWindow: {
		if (h.kind != K::Gift || h.deltaCoins <= 0 || !giftMatches(t.giftId, h.giftId)) {
			return false;
		}
		state.window.emplace_back(now, h.deltaCoins);
		state.windowCoins += h.deltaCoins;
		while (!state.window.empty() && state.window.front().first <= now - t.windowMs) {
			state.windowCoins -= state.window.front().second;
			state.window.pop_front();
		}
		if (t.amount <= 0 || state.windowCoins < t.amount) {
			return false;
		}
		state.window.clear(); // the next firing needs the amount again
		state.windowCoins = 0;
		return true;
	}
	case TriggerKind::Follow:
		return h.kind == K::Follow;
	case TriggerKind::Share:
		return h.kind == K::Share;
	case TriggerKind::Subscribe:
		return h.kind == K::Subscribe;
	case TriggerKind::LikeMilestone:
		return h.kind == K::Like && t.amount > 0 && h.likesBefore / t.amount < h.likesAfter / t.amount;
	case TriggerKind::GoalReached:
		return h.kind == K::Goal && (t.goalId.empty() || t.goalId == h.goalId);
	case TriggerKind::NewTopSupporter:
		return h.kind == K::Top;
	case TriggerKind::FirstGift:
		return h.kind == K::Gift && h.firstGift;
	}
	return false;
}

void RuleEngine::consider(RuleState &state, const Happening &h, Millis now, std::vector<RuleFiring> &out)
{
	const Rule &rule = state.rule;
	if (!rule.enabled) {
		return;
	}
	const std::string key = supporterKey(h.userId);
	if (!rule.supporters.empty() &&
	    (key.empty() || std::find(rule.supporters.begin(), rule.supporters.end(), key) == rule.supporters.end())) {
		return;
	}
	if (!matches(state, h, now)) {
		return;
	}
	if (rule.cooldownMs > 0 && state.hasFired && now - state.lastFiredMs < rule.cooldownMs) {
		++state.stats.cooldownSkips;
		return;
	}
	if (rule.supporterCooldownMs > 0 && !key.empty()) {
		const auto last = state.supporterLast.find(key);
		if (last != state.supporterLast.end() && now - last->second < rule.supporterCooldownMs) {
			++state.stats.cooldownSkips;
			return;
		}
		if (state.supporterLast.size() >= kSupporterMemory) {
			for (auto it = state.supporterLast.begin(); it != state.supporterLast.end();) {
				it = now - it->second >= rule.supporterCooldownMs ? state.supporterLast.erase(it)
										  : std::next(it);
			}
		}
		state.supporterLast[key] = now;
	}
	state.hasFired = true;
	state.lastFiredMs = now;
	RuleFiring firing;
	firing.ruleId = rule.id;
	firing.ruleName = rule.name;
	firing.actions = rule.actions;
	firing.userId = h.userId;
	firing.nickname = h.nickname;
	firing.avatarUrl = h.avatarUrl;
	firing.giftId = h.giftId;
	firing.giftName = h.giftName;
	firing.giftImageUrl = h.giftImageUrl;
	firing.recipient = h.guest;
	firing.count = h.count;
	firing.coins = h.coins;
	firing.matchedMs = now;
	accept(state, std::move(firing), now, out);
}

void RuleEngine::accept(RuleState &state, RuleFiring firing, Millis now, std::vector<RuleFiring> &out)
{
	const bool busy = now < state.stats.busyUntilMs || !state.queue.empty();
	if (!busy) {
		begin(state, std::move(firing), now, out);
		return;
	}
	if (state.rule.busy == BusyMode::Skip || state.queue.size() >= kQueueCap) {
		++state.stats.busySkips;
		return;
	}
	state.queue.push_back(std::move(firing));
	state.stats.queued = state.queue.size();
}

void RuleEngine::begin(RuleState &state, RuleFiring firing, Millis now, std::vector<RuleFiring> &out)
{
	++state.stats.fired;
	state.stats.busyUntilMs = now + busyTimeOf(firing.actions);
	out.push_back(std::move(firing));
}

std::vector<RuleFiring> RuleEngine::tick(Millis now)
{
	std::vector<RuleFiring> out;
	for (RuleState &state : states_) {
		while (!state.queue.empty() && now >= state.stats.busyUntilMs) {
			RuleFiring firing = std::move(state.queue.front());
			state.queue.pop_front();
			begin(state, std::move(firing), now, out);
		}
		state.stats.queued = state.queue.size();
	}
	return out;
}

bool RuleEngine::waiting() const
{
	return std::any_of(states_.begin(), states_.end(), [](const RuleState &state) { return !state.queue.empty(); });
}

RuleFiring RuleEngine::test(const std::string &ruleId, Millis now)
{
	RuleFiring firing;
	firing.ruleId = ruleId;
	firing.test = true;
	firing.matchedMs = now;
	for (RuleState &state : states_) {
		if (state.rule.id == ruleId) {
			firing.ruleName = state.rule.name;
			firing.actions = state.rule.actions; // not counted as fired: "fired" is what the stream did
		}
	}
	return firing;
}

void RuleEngine::settle(const std::string &ruleId, Millis busyUntilMs)
{
	for (RuleState &state : states_) {
		if (state.rule.id == ruleId && busyUntilMs < state.stats.busyUntilMs) {
			state.stats.busyUntilMs = busyUntilMs;
		}
	}
}

RuleStats RuleEngine::stats(const std::string &ruleId) const
{
	for (const RuleState &state : states_) {
		if (state.rule.id == ruleId) {
			return state.stats;
		}
	}
	return {};
}

} // namespace livegifts::view
