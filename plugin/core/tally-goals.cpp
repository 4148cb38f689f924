// Goals: their counters, registration, resets and reaching (hold, repeat, next stage).
#include "core/tally.hpp"

#include <algorithm>

namespace livegifts {

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
		markGoal(goalId);
		if (recording()) {
			log_.reset(ResetKind::Goal, goalId);
		}
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
	markGoal(spec.id);
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
				markGoal(id);
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
			markGoal(id);
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

} // namespace livegifts
