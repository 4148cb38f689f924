// Goals: their counters, registration, resets and reaching (hold, repeat, next stage).
#include "core/tally.hpp"

#include "core/checked.hpp"

#include <algorithm>
#include <limits>

namespace livegifts {

GoalRecord *Tally::findGoal(const std::string &goalId)
{
	if (auto it = goals_.find(goalId); it != goals_.end()) {
		return &it->second;
	}
	if (auto it = dormant_.find(goalId); it != dormant_.end()) {
		return &it->second;
	}
	return nullptr;
}

void Tally::resetGoal(const std::string &goalId)
{
	GoalRecord *goal = findGoal(goalId);
	if (goal == nullptr) {
		logger_->log(LogLevel::Warning, "reset of unknown goal '" + goalId + "' ignored");
		return;
	}
	goal->undo.push_back(goal->progress);
	if (goal->undo.size() > kGoalUndoDepth) {
		goal->undo.erase(goal->undo.begin());
	}
	goal->progress = GoalProgress{};
	goal->progress.reset = true;
	goal->progress.mark = allTimeCounters();
	goal->progress.markStream = streamId_;
	settleGoal(*goal);
	markGoal(goalId);
	if (recording()) {
		log_.reset(ResetKind::Goal, goalId);
	}
	++changes_;
	logger_->log(LogLevel::Info, "goal '" + goalId + "' reset");
}

namespace {

// Adds the manual adjustments of `from` to `into`, counter by counter (adjustGoal writes only these).
void addAdjustments(GoalCounters &into, const GoalCounters &from)
{
	addCapped(into.coins, from.coins);
	addCapped(into.likes, from.likes);
	addCapped(into.follows, from.follows);
	addCapped(into.shares, from.shares);
	addCapped(into.subscribers, from.subscribers);
	addCapped(into.superFans, from.superFans);
	for (const auto &[giftId, units] : from.giftUnits) {
		addCapped(into.giftUnits[giftId], units);
	}
}

} // namespace

void Tally::undoGoalReset(const std::string &goalId)
{
	GoalRecord *goal = findGoal(goalId);
	if (goal == nullptr || goal->undo.empty()) {
		logger_->log(LogLevel::Warning, "goal '" + goalId + "' has no reset to undo");
		return;
	}
	// The reset goes, the streamer's adjustments made since stay: they are acts of their own, kept in the ledger.
	GoalProgress restored = std::move(goal->undo.back());
	goal->undo.pop_back();
	const GoalProgress &since = goal->progress;
	addAdjustments(restored.adjust, since.adjust);
	if (since.adjustStream == streamId_) {
		if (restored.adjustStream != streamId_) {
			restored.streamAdjust = GoalCounters{};
			restored.adjustStream = streamId_;
		}
		addAdjustments(restored.streamAdjust, since.streamAdjust);
	}
	goal->progress = std::move(restored);
	settleGoal(*goal);
	markGoal(goalId);
	if (recording()) {
		log_.goalAction(goalId, GoalAction::UndoReset, 0);
	}
	++changes_;
	logger_->log(LogLevel::Info, "goal '" + goalId + "' reset undone");
}

void Tally::adjustGoal(const std::string &goalId, std::int64_t delta)
{
	GoalRecord *goal = findGoal(goalId);
	if (goal == nullptr) {
		logger_->log(LogLevel::Warning, "adjustment of unknown goal '" + goalId + "' ignored");
		return;
	}
	if (goalMirrors(goal->spec.kind)) {
		logger_->log(LogLevel::Warning, "goal '" + goalId + "' shows what TikTok tells: adjustment ignored");
		return;
	}
	// Never below zero: taking away more than there is takes what there is.
	delta = std::max(delta, -std::max<std::int64_t>(counter(*goal), 0));
	if (delta == 0) {
		return;
	}
	GoalProgress &p = goal->progress;
	std::int64_t &adjust = p.adjust.at(goal->spec.kind, goal->spec.giftId);
	if (!addCapped(adjust, delta)) {
		logger_->log(LogLevel::Error, "goal '" + goalId + "': adjustment stopped at the largest number (" +
						  std::to_string(adjust) + ")");
	}
	if (p.adjustStream != streamId_) {
		p.streamAdjust = GoalCounters{};
		p.adjustStream = streamId_;
	}
	addCapped(p.streamAdjust.at(goal->spec.kind, goal->spec.giftId), delta);
	markGoal(goalId);
	if (recording()) {
		log_.goalAction(goalId, GoalAction::Adjust, delta);
	}
	++changes_;
	logger_->log(LogLevel::Info, "goal '" + goalId + "' adjusted by " + std::to_string(delta));
	// Added progress counts like gifts do (it may reach a target); a dormant goal settles when registered.
	evaluateGoals();
}

void Tally::setGoal(const GoalSpec &spec)
{
	if (spec.id.empty()) {
		return;
	}
	auto it = goals_.find(spec.id);
	bool settle = false;
	if (it == goals_.end()) {
		auto dormant = dormant_.find(spec.id);
		GoalRecord goal;
		if (dormant != dormant_.end()) {
			goal = std::move(dormant->second);
			dormant_.erase(dormant);
		} else {
			goal.origin = allTimeCounters();
		}
		goal.spec = spec;
		it = goals_.emplace(spec.id, std::move(goal)).first;
		settle = true;
	}
	GoalRecord &goal = it->second;
	if (settle || !(goal.spec == spec)) {
		// An edit never restarts progress and never "reaches": stage, target and reached follow from
		// the value as it is.
		goal.spec = spec;
		settleGoal(goal);
		markGoal(spec.id);
		++changes_;
	}
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
				settleGoal(goal);
				markGoal(id);
			}
		}
	}
}

void Tally::evaluateGoals()
{
	for (auto &entry : goals_) {
		// Named, not a structured binding: the lambda below captures them (Clang 14 cannot capture bindings).
		const std::string &id = entry.first;
		auto &goal = entry.second;
		const std::int64_t current = saturatingAdd(counter(goal), headStart(goal.spec));
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
		if (goalMirrors(goal.spec.kind)) {
			// What TikTok tells: its target may move, and a new battle starts from zero. Held, never
			// repeated or staged; a "win the battle" goal is never reached (its result is an alert of its
			// own).
			const std::int64_t target = mirroredTarget(goal).value_or(goal.spec.target);
			const bool reached = goal.spec.kind != GoalKind::BattleWin && target > 0 && current >= target;
			if (target != goal.target) {
				goal.target = target;
				changed = true;
			}
			if (reached && !goal.reached) {
				goal.reached = true;
				reachedEvent(target, goal.spec.title);
			} else if (!reached && goal.reached) {
				goal.reached = false;
				changed = true;
			}
		} else {
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
				const std::int64_t step =
				    goal.spec.repeatStep > 0 ? goal.spec.repeatStep : goal.spec.target;
				int guard = 0;
				while (step > 0 && goal.target > 0 && current >= goal.target && guard++ < 100000) {
					if (goal.reached && goal.target == std::numeric_limits<std::int64_t>::max()) {
						break; // reached at the largest number: there is no next target
					}
					reachedEvent(goal.target, goal.spec.title);
					goal.reached = true;
					if (!addCapped(goal.target, step)) {
						break; // the next target lies beyond the largest number
					}
				}
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
	if (goal.spec.kind == GoalKind::TikTokGoal && state.title.empty() && tiktokGoal_) {
		state.title = tiktokGoal_->description; // mirrors what TikTok shows
	}
	state.current = saturatingAdd(counter(goal), headStart(goal.spec));
	state.target = goal.target;
	if (goal.target > 0) {
		state.fraction =
		    std::clamp(static_cast<double>(state.current) / static_cast<double>(goal.target), 0.0, 1.0);
	} else {
		state.fraction = 1.0;
	}
	state.percent = state.fraction * 100.0;
	state.reached = goal.spec.onReach == GoalOnReach::Repeat
			    ? goal.reached
			    : (goal.reached || (goal.target > 0 && state.current >= goal.target));
	state.done = goal.spec.onReach == GoalOnReach::Next && goal.reached;
	if (state.done) {
		state.fraction = 1.0;
	}
	state.timesReached = goal.timesReached;
	state.wholeRoom = goal.spec.wholeRoom && goalCanCountRoom(goal.spec.kind);
	state.resetsToUndo = goal.undo.size();
	state.stageIndex = goal.stage;
	state.stageCount = goal.spec.onReach == GoalOnReach::Next ? goal.spec.stages.size() + 1 : 1;
	if (goalMirrors(goal.spec.kind)) {
		state.stageIndex = 0;
		state.stageCount = 1;
		state.done = false;
	}
	if (goal.spec.kind == GoalKind::BattlePoints || goal.spec.kind == GoalKind::BattleWin) {
		const BattleState *battle = battles_.last();
		state.battleKnown = battle != nullptr;
		state.battleEnded = battle != nullptr && battle->ended;
		if (battle != nullptr) {
			state.opponent = battleSides(battle->teams, battleSideOf(goal.spec, *battle)).theirPoints;
		}
	}
	if (goal.spec.kind == GoalKind::BattleWin) {
		// Your share of both sides' points: the bar's split; an even split before any point.
		const std::int64_t both =
		    saturatingAdd(std::max<std::int64_t>(state.current, 0), std::max<std::int64_t>(state.opponent, 0));
		state.target = state.opponent;
		state.fraction =
		    both > 0 ? static_cast<double>(std::max<std::int64_t>(state.current, 0)) / static_cast<double>(both)
			     : 0.5;
		state.percent = state.fraction * 100.0;
		const BattleState *battle = battles_.last();
		state.reached =
		    battle != nullptr && battleOutcome(*battle, battleSideOf(goal.spec, *battle)) == BattleOutcome::Win;
	}
	return state;
}

} // namespace livegifts
