#pragma once

// A goal's spec and its progress (reset points, adjustments) as the ledger stores them: JSON objects with
// stable snake_case keys.

#include <string>
#include <string_view>

#include "core/goal-types.hpp"
#include "core/journal.hpp"

namespace livegifts {

std::string goalSpecToJson(const GoalSpec &spec);
// False when `text` is not such an object or names an unknown kind, scope or reach behaviour.
bool goalSpecFromJson(std::string_view text, GoalSpec &spec);

// The record's origin, progress and undo list.
std::string goalProgressToJson(const GoalRecord &record);
// Fills those three of `record`; false (record unchanged) when `text` is not such an object.
bool goalProgressFromJson(std::string_view text, GoalRecord &record);

} // namespace livegifts
