#pragma once

// Our sources as OBS lists them (any thread: OBS's source list lock, no I/O): each source of one kind by its
// name, with the goal a Goal Bar counts. The dock, the API and the rule dialog find sources by these.

#include <string>
#include <vector>

namespace livegifts::obs {

inline constexpr const char *kGoalBarSourceId = "live_gifts_goal_bar";
inline constexpr const char *kGiftAlertsSourceId = "live_gifts_gift_alerts";

struct NamedSource {
	std::string name;
	std::string goalId;   // Goal Bar sources
	std::string goalKind; // Goal Bar sources: goal_kind
};

// Our sources of kind `id` (an unversioned source id, kGoalBarSourceId ...).
std::vector<NamedSource> sourcesOf(const char *id);

} // namespace livegifts::obs
