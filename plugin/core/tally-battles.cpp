// Tally: battles, superfans and TikTok's own goal. None of them is coins: they never touch coin totals,
// supporters or coin goals.

#include "core/tally.hpp"

namespace livegifts {

std::string Tally::battleSideOf(const GoalSpec &spec, const BattleState &battle) const
{
	if (!spec.battleSide.empty() || hostId_.empty()) {
		return spec.battleSide;
	}
	// The learned host may be a rounded double (1.x gifts): the team the same double names.
	for (const BattleTeam &team : battle.teams) {
		if (sameUserId(team.hostId, false, hostId_, hostIdRounded_)) {
			return team.hostId;
		}
	}
	return {}; // not the host's battle as far as we know: the first side
}

std::int64_t Tally::mirroredValue(const GoalRecord &goal) const
{
	switch (goal.spec.kind) {
	case GoalKind::BattlePoints:
	case GoalKind::BattleWin: {
		const BattleState *battle = battles_.last();
		return battle == nullptr ? 0 : battleSides(battle->teams, battleSideOf(goal.spec, *battle)).ourPoints;
	}
	case GoalKind::TikTokGoal:
		return tiktokGoal_ ? tiktokGoal_->progress : 0;
	default:
		break;
	}
	return 0;
}

std::optional<std::int64_t> Tally::mirroredTarget(const GoalRecord &goal) const
{
	switch (goal.spec.kind) {
	case GoalKind::BattleWin: {
		const BattleState *battle = battles_.last();
		return battle == nullptr ? 0 : battleSides(battle->teams, battleSideOf(goal.spec, *battle)).theirPoints;
	}
	case GoalKind::TikTokGoal:
		if (tiktokGoal_ && tiktokGoal_->target > 0) {
			return tiktokGoal_->target;
		}
		break;
	default:
		break;
	}
	return std::nullopt;
}

Tally::Outcome Tally::applyRoomExtra(const Event &event, Millis now)
{
	switch (event.kind) {
	case EventKind::Battle:
	case EventKind::BattleScore: {
		bool justEnded = false;
		const BattleState *changed = battles_.apply(event, &justEnded);
		if (changed == nullptr) {
			return Outcome::Ignored;
		}
		if (recording()) {
			log_.battle(*changed);
		}
		if (justEnded) {
			GiftActivity shown;
			shown.kind = ActivityKind::BattleResult;
			shown.count = 1;
			shown.battle = *changed;
			shown.battleHostSide = battleSideOf(GoalSpec{}, *changed);
			pushOther(std::move(shown), now);
		}
		evaluateGoals();
		return Outcome::Updated;
	}
	case EventKind::GoalUpdate: {
		if (event.goalId.empty() && event.goalDescription.empty() && event.goalTarget == 0) {
			return Outcome::Ignored;
		}
		TikTokGoal goal{event.goalId, event.goalDescription, event.goalProgress, event.goalTarget};
		if (tiktokGoal_ == goal) {
			return Outcome::Ignored;
		}
		tiktokGoal_ = std::move(goal);
		evaluateGoals();
		return Outcome::Updated;
	}
	case EventKind::SuperFan:
		for (Scope *s : {&stream_, &allTime_}) {
			std::int64_t &counter = event.superFan == SuperFanKind::Join  ? s->totals.superFanJoins
						: event.superFan == SuperFanKind::Box ? s->totals.superFanBoxes
										      : s->totals.superFanOther;
			++counter;
		}
		markTotals();
		{
			GiftActivity shown;
			shown.kind = event.superFan == SuperFanKind::Join  ? ActivityKind::SuperFanJoin
				     : event.superFan == SuperFanKind::Box ? ActivityKind::SuperFanBox
									   : ActivityKind::SuperFanOther;
			shown.userId = event.user.shownHandle();
			shown.nickname = event.user.nickname;
			shown.avatarUrl = event.user.avatarUrl;
			shown.count = 1;
			pushOther(std::move(shown), now);
		}
		if (!event.msgId.empty()) {
			addMessage(MessageRecord{event.msgId,
						 event.kind,
						 streamId_,
						 event.user.id,
						 0,
						 0,
						 0,
						 0,
						 {},
						 event.createTimeMs,
						 {},
						 {}});
		}
		evaluateGoals();
		return Outcome::Counted;
	default:
		return Outcome::Ignored;
	}
}

} // namespace livegifts
