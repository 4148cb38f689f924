#pragma once

// The Top Supporters source's settings: the properties a streamer edits, their defaults, and reading
// them into the view's types (no I/O: update() calls it).

#include <obs-module.h>

#include <string>

#include "view/top-supporters.hpp"

namespace livegifts::obs {

view::TopStyle readTopStyle(obs_data_t *settings);
// "stream", "since_reset", "all_time" (anything else: stream).
SupporterScope scopeOf(const std::string &name);
// "coins", "gifts", "likes" (anything else: coins).
RankBy rankByOf(const std::string &name);

obs_properties_t *topSupportersProperties(void *data);
void topSupportersDefaults(obs_data_t *settings);

} // namespace livegifts::obs
