// Tally: battles, superfans and TikTok's own goal. None of them is coins: they never touch coin totals,
// supporters or coin goals.

#include "core/tally.hpp"

namespace livegifts {

Tally::Outcome Tally::applyRoomExtra(const Event &event)
{
	switch (event.kind) {
	case EventKind::Battle:
	case EventKind::BattleScore: {
		const BattleState *changed = battles_.apply(event);
		if (changed == nullptr) {
			return Outcome::Ignored;
		}
		if (recording()) {
			log_.battle(*changed);
		}
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
