#pragma once

// The Gift Alerts source's sounds: for the default look and each value tier a choice (none, one of the
// bundled sounds in data/sounds, or the streamer's own WAV/MP3/OGG), the file and a volume; their defaults;
// and reading them into the queue's options (no I/O: update() calls it).

#include <obs-module.h>

#include "view/alert-queue.hpp"

namespace livegifts::obs {

// The "Sounds" group.
void addAlertSoundProperties(obs_properties_t *props);
// The chime for the default look, the coin sparkle for tier 1, the fanfare for tier 2, each at 80 %.
void setAlertSoundDefaults(obs_data_t *settings);
// Sets queue.sound and queue.tierSounds (a tier left on "as the default look" is not in tierSounds).
void readAlertSounds(obs_data_t *settings, view::AlertQueueOptions &queue);

} // namespace livegifts::obs
