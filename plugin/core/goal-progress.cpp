// A goal's counters at a reset point, and how a goal's stage, target and "reached" follow from its value.
#include "core/tally.hpp"

#include "core/checked.hpp"

namespace livegifts {

std::int64_t GoalCounters::get(GoalKind kind, std::int64_t giftId, bool room) const
{
	switch (kind) {
	case GoalKind::Coins:
		return room ? roomCoins : coins;
	case GoalKind::GiftCount: {
		const auto &units = room ? roomGiftUnits : giftUnits;
		const auto it = units.find(giftId);
		return it == units.end() ? 0 : it->second;
	}
	case GoalKind::Likes:
		return likes;
	case GoalKind::Follows:
		return follows;
	case GoalKind::Shares:
		return shares;
	case GoalKind::Subscribers:
		return subscribers;
	case GoalKind::SuperFans:
		return superFans;
	case GoalKind::BattlePoints:
	case GoalKind::BattleWin:
	case GoalKind::TikTokGoal:
		break;
	}
	return 0;
}

std::int64_t &GoalCounters::at(GoalKind kind, std::int64_t giftId)
{
	switch (kind) {
	case GoalKind::Coins:
		return coins;
	case GoalKind::GiftCount:
		return giftUnits[giftId];
	case GoalKind::Likes:
		return likes;
	case GoalKind::Follows:
		return follows;
	case GoalKind::Shares:
		return shares;
	case GoalKind::Subscribers:
		return subscribers;
	case GoalKind::SuperFans:
		return superFans;
	case GoalKind::BattlePoints:
	case GoalKind::BattleWin:
	case GoalKind::TikTokGoal:
		break;
	}
	return mirrored;
}

namespace {

// New super fans: joins and other superFan messages (a box is something a super fan sends, not a new fan).
std::int64_t superFansOf(const RoomTotals &totals)
{
	return saturatingAdd(totals.superFanJoins, totals.superFanOther);
}

} // namespace

std::map<std::int64_t, std::int64_t> Tally::roomUnits(const std::map<std::int64_t, std::int64_t> &hostUnits,
						      const std::map<std::int64_t, std::int64_t> &guestUnits)
{
	std::map<std::int64_t, std::int64_t> room = hostUnits;
	for (const auto &[giftId, units] : guestUnits) {
		std::int64_t &sum = room[giftId];
		sum = saturatingAdd(sum, units);
	}
	return room;
}

// GoalSpec::wholeRoom reads the room's coins or units of a gift (host, nobody named and guests) where the others
// read the host's.
std::int64_t Tally::scopeValue(const Scope &s, GoalKind kind, std::int64_t giftId, bool room)
{
	const RoomTotals &totals = s.totals;
	switch (kind) {
	case GoalKind::Coins:
		return room ? saturatingAdd(totals.coins, s.guestCoins) : totals.coins;
	case GoalKind::GiftCount: {
		const auto it = s.gifts.find(giftId);
		const std::int64_t host = it == s.gifts.end() ? 0 : it->second.count;
		if (!room) {
			return host;
		}
		const auto guests = s.guestUnits.find(giftId);
		return guests == s.guestUnits.end() ? host : saturatingAdd(host, guests->second);
	}
	case GoalKind::Likes:
		return totals.likesReceived;
	case GoalKind::Follows:
		return totals.follows;
	case GoalKind::Shares:
		return totals.shares;
	case GoalKind::Subscribers:
		return totals.subscribers;
	case GoalKind::SuperFans:
		return superFansOf(totals);
	case GoalKind::BattlePoints:
	case GoalKind::BattleWin:
	case GoalKind::TikTokGoal:
		break; // mirrored: Tally::counter reads them
	}
	return 0;
}

GoalCounters Tally::allTimeCounters() const
{
	GoalCounters c;
	c.coins = allTime_.totals.coins;
	c.roomCoins = saturatingAdd(allTime_.totals.coins, allTime_.guestCoins);
	c.likes = allTime_.totals.likesReceived;
	c.follows = allTime_.totals.follows;
	c.shares = allTime_.totals.shares;
	c.subscribers = allTime_.totals.subscribers;
	c.superFans = superFansOf(allTime_.totals);
	for (const auto &[giftId, gift] : allTime_.gifts) {
		c.giftUnits[giftId] = gift.count;
	}
	c.roomGiftUnits = roomUnits(c.giftUnits, allTime_.guestUnits);
	return c;
}

std::int64_t Tally::counter(const GoalRecord &goal) const
{
	const GoalKind kind = goal.spec.kind;
	const std::int64_t gift = goal.spec.giftId;
	const GoalProgress &p = goal.progress;
	if (goalMirrors(kind)) {
		return mirroredValue(goal);
	}
	// Whole room: the room's counters (coins, units of the gift) from the same reset points. Manual
	// adjustments are one number for both (a streamer's +/- stays when the option is switched).
	const bool room = goal.spec.wholeRoom;
	const std::int64_t all = scopeValue(allTime_, kind, gift, room);
	switch (goal.spec.scope) {
	case GoalScope::Stream:
		if (p.reset && p.markStream == streamId_) {
			return saturatingAdd(saturatingSub(all, p.mark.get(kind, gift, room)),
					     p.adjust.get(kind, gift));
		}
		return saturatingAdd(scopeValue(stream_, kind, gift, room),
				     p.adjustStream == streamId_ ? p.streamAdjust.get(kind, gift) : 0);
	case GoalScope::SinceReset:
		return saturatingAdd(saturatingSub(all, (p.reset ? p.mark : goal.origin).get(kind, gift, room)),
				     p.adjust.get(kind, gift));
	case GoalScope::AllTime:
		return saturatingAdd(saturatingSub(all, p.reset ? p.mark.get(kind, gift, room) : 0),
				     p.adjust.get(kind, gift));
	}
	return 0;
}

void Tally::settleGoal(GoalRecord &goal) const
{
	const GoalSpec &spec = goal.spec;
	const std::int64_t current = saturatingAdd(counter(goal), headStart(spec));
	goal.target = mirroredTarget(goal).value_or(spec.target);
	goal.stage = 0;
	goal.reached = false;
	if (goalMirrors(spec.kind)) {
		goal.reached = spec.kind != GoalKind::BattleWin && goal.target > 0 && current >= goal.target;
		goal.streamId = streamId_;
		return;
	}
	switch (spec.onReach) {
	case GoalOnReach::Hold:
		goal.reached = goal.target > 0 && current >= goal.target;
		break;
	case GoalOnReach::Repeat: {
		const std::int64_t step = spec.repeatStep > 0 ? spec.repeatStep : spec.target;
		if (step > 0 && goal.target > 0 && current >= goal.target) {
			goal.target =
			    saturatingAdd(goal.target, saturatingMul((current - goal.target) / step + 1, step));
			goal.reached = true;
		}
		break;
	}
	case GoalOnReach::Next:
		while (goal.target > 0 && current >= goal.target) {
			if (goal.stage < spec.stages.size()) {
				++goal.stage;
				goal.target = spec.stages[goal.stage - 1].target;
			} else {
				goal.reached = true;
				break;
			}
		}
		break;
	}
	goal.streamId = streamId_;
}

} // namespace livegifts
