#pragma once

// The settings a SetGoal request of the vendor API changes on a Goal Bar: each field it names, checked; a
// field it leaves out keeps the source's value. Pure: no libobs (vendor-requests.cpp applies it).

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace livegifts::obs::api {

// The Goal Bar's own range for its numbers.
inline constexpr std::int64_t kMaxGoalNumber = 2000000000;

struct GoalChange {
	std::optional<std::string> title;
	std::optional<std::int64_t> target; // 1 to kMaxGoalNumber
	std::optional<std::int64_t> start;  // 0 to kMaxGoalNumber
	// The goal's "Count the whole room" (setting `whole_room`; coin and gift goals read it).
	std::optional<bool> wholeRoom;
};

// Whether the change names anything at all (a SetGoal naming nothing is refused).
bool changesSomething(const GoalChange &change);

// The text field `key` of `request`: `fallback` when absent, nullopt when present but not text (the request
// is refused: a wrong type never reads as a default).
std::optional<std::string> textField(const nlohmann::json &request, const char *key, std::string fallback = {});

// The longest text a request's free-text fields may hold, as core/limits.hpp bounds what a frame's fields keep:
// a goal title and a source name limits::maxNameBytes, a goal id limits::maxIdBytes (in bytes of UTF-8).
std::size_t maxTextBytes(std::string_view key);

// The first of `request`'s text fields ("title", "goalId", "sourceName") longer than maxTextBytes, else null:
// such a request is refused ("too-long") before anything reads it.
const char *overlongField(const nlohmann::json &request);

// The change `request` asks for (`title`, `target`, `start`, `wholeRoom`); nullopt when one of them is of
// the wrong type or out of range, a title longer than maxTextBytes too (the request is refused, nothing changes).
std::optional<GoalChange> parseGoalChange(const nlohmann::json &request);

} // namespace livegifts::obs::api
