#pragma once

// Spec steps that act as a streamer does in a source's properties or with a hotkey:
//   {"choose_theme": "name", "theme": "neon"}  chooses a theme in the source's Theme list (the list's
//       modified callback runs on a copy of the settings, which then updates the source, as OBS's dialog does)
//   {"open_properties": "name"}  opens the properties as OBS's dialog does (every modified callback runs on
//       the source's settings, which then update the source)
//   {"hotkey": "live_gifts_goal_reset", "source": "name"}  presses and releases that hotkey of the source
//   {"key": "OBS_KEY_F9"}  presses and releases a key: whatever is bound to it runs
//   {"expect_hotkeys": {"name": ["live_gifts_...", ...]}}  each source registered these hotkeys
//   {"expect_tooltips": {"name": ["property", ...]}}  each property of the source has a localised tooltip
//   {"expect_bindings": {"name": {"live_gifts_...": 1, ...}}}  that many keys are bound to each hotkey
//   {"expect_settings": {"name": {"key": value, ...}}}  each source's settings hold these values (a key
//       never set: its default)

#include <obs.hpp>

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

namespace render_host {

// Runs the property and hotkey actions of a step. False (after printing why) when an expectation failed.
bool runPropertyStep(const nlohmann::json &step, const std::function<obs_source_t *(const std::string &)> &sourceNamed);

} // namespace render_host
