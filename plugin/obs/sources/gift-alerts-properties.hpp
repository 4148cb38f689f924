#pragma once

// The Gift Alerts source's settings: the properties a streamer edits, their defaults, and reading them
// into the view's types (no I/O: update() calls it).

#include <obs-module.h>

#include "view/alert-card.hpp"
#include "view/alert-queue.hpp"

namespace livegifts::obs {

struct AlertConfig {
	view::AlertStyle style;
	view::AlertQueueOptions queue;
};

AlertConfig readAlertConfig(obs_data_t *settings);

// `data`: the source's private data (its Control buttons call it), or null.
obs_properties_t *giftAlertsProperties(void *data);
void giftAlertsDefaults(obs_data_t *settings);

} // namespace livegifts::obs
