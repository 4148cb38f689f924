#pragma once

// Steps that read a Goal Bar's goal (its "live_gifts_goal" procedure: the engine's numbers, not pixels)
// and compare it with what the spec expects.

#include <obs.h>

#include <nlohmann/json.hpp>

namespace render_host {

// The goal of `source` as {"id", "known", "current", "target", "reached", "done", "times_reached", "stage",
// "events"} (null when the source has no such procedure).
nlohmann::json describeGoal(obs_source_t *source);

// {"expect_goal": {"source": "name", "current": N, ..., "id_differs_from": "other"}}: every key given
// matches within 10 s (the engine applies goal changes on its own thread). `other` is the source named by
// "id_differs_from" (or nullptr). Prints what it saw.
bool expectGoal(obs_source_t *source, const nlohmann::json &want, obs_source_t *other);

} // namespace render_host
