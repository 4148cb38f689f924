#pragma once

// A goal's spec as the ledger stores it: a JSON object with stable snake_case keys.

#include <string>
#include <string_view>

#include "core/goal-types.hpp"

namespace livegifts {

std::string goalSpecToJson(const GoalSpec &spec);
// False when `text` is not such an object or names an unknown kind, scope or reach behaviour.
bool goalSpecFromJson(std::string_view text, GoalSpec &spec);

} // namespace livegifts
