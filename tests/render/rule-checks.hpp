#pragma once

// Steps that drive and check the show rules through our source's procedures (test hooks): set the rules,
// move the rules' clock and wait for their thread, and compare what the rules did (their counts,
// problems) and what OBS shows (a scene item's visibility) with what the spec expects.

#include <obs.h>

#include <nlohmann/json.hpp>

namespace render_host {

// {"set_rules": {rules document}} (fails the run when refused), {"rules_time_ms": N} (the rules' clock set
// to N before the step's frames, then one round of the rules thread waited for after them), {"expect_rules": {"fired":
// {"id": N}, "cooldown_skips": {"id": N}, "problems": [{"rule", "kind", "name", "times"}] (each present),
// "no_problems": true, "ids": [rule ids in order]}}, {"expect_visible": {"source": "name", "visible": bool}} (in
// `scene`), {"write_rules_file": {document} or "text"} (written into rules.json first, as another program would),
// {"expect_rules_file": {"as_written": true, "contains": "words", "unsaved_ids": [ids in rules.json.dock-unsaved]}}.
// `ours` is our first source (whose procedures are called). False when an expectation failed. A step's "rules_time_ms"
// set before anything else of the step happens (its frames are then seen at that time, whenever the rules thread's next
// round comes).
void setRulesTime(const nlohmann::json &step, obs_source_t *ours);

bool runRuleStep(const nlohmann::json &step, obs_source_t *ours, obs_scene_t *scene);

} // namespace render_host
