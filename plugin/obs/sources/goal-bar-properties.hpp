#pragma once

// The Goal Bar source's settings: the properties a streamer edits (goal fields shown or hidden by the
// goal's kind and what happens on reach), their defaults, and reading them into the goal and the view's
// look (no I/O: update() calls it).

#include <obs-module.h>

#include "core/goal-types.hpp"
#include "view/goal-bar.hpp"

#include <string>

namespace livegifts::obs {

struct GoalBarConfig {
	GoalSpec goal;
	view::GoalBarStyle style;
};

GoalBarConfig readGoalBarConfig(obs_data_t *settings);

// `data`: the source's private data (its Reset button calls resetGoalOf with it), or null.
obs_properties_t *goalBarProperties(void *data);
void goalBarDefaults(obs_data_t *settings);

// Resets the goal of the source whose private data is `data` (defined with the source). Any thread (the
// properties' button, a hotkey, obs-websocket).
void resetGoalOf(void *data);
// The title the source's settings give its goal, and its id (the reset question names it). Any thread.
std::string goalTitleOf(void *data);
std::string goalIdOf(void *data);

// The "Like goal" preset in one click: the room's likes this stream, every kLikeGoalStep likes a milestone
// (the bar celebrates and starts on the next one). Writes the source's settings and applies them; with the
// properties window's `props`, the fields the preset shows or hides follow at once. UI thread.
constexpr long long kLikeGoalStep = 1000;
void applyLikeGoalPreset(void *data, obs_properties_t *props = nullptr);
// The preset's settings (what applyLikeGoalPreset writes).
void writeLikeGoalPreset(obs_data_t *settings);

} // namespace livegifts::obs
