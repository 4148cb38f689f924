#pragma once

// The Top Supporters source's settings: the properties a streamer edits, their defaults, and reading
// them into the view's types (no I/O: update() calls it).

#include <obs-module.h>

#include "view/top-supporters.hpp"

namespace livegifts::obs {

view::TopStyle readTopStyle(obs_data_t *settings);

obs_properties_t *topSupportersProperties(void *data);
void topSupportersDefaults(obs_data_t *settings);

} // namespace livegifts::obs
