#pragma once

// The Gift Alerts source's sounds. Every sound setting is one choice: none, one of the bundled sounds in
// data/sounds, the streamer's own WAV/MP3/OGG, or (where it may) "as the default"; its file and a volume.
// Keys: "<key>" (the choice), "<key>_file", "<key>_volume". Used for the default look, each value tier,
// each event kind and each gift rule. Reading does no I/O (update() calls it).

#include <obs-module.h>

#include "view/alert-queue.hpp"

#include <optional>
#include <string>

namespace livegifts::obs {

// A choice list, its file picker (shown for "your own file" only) and its volume slider. With
// `inheritLabelKey` the list starts with that choice ("default"), read as "no sound of its own".
void addSoundChoice(obs_properties_t *group, const std::string &key, const char *labelKey,
		    const char *inheritLabelKey = nullptr);
void setSoundChoiceDefaults(obs_data_t *settings, const std::string &key, const char *choice);
// The sound chosen; nullopt for "default". A file path in "<key>" (what older versions saved there) is read
// as the streamer's own file.
std::optional<view::SoundSpec> readSoundChoice(obs_data_t *settings, const std::string &key);
// Moves a file path saved in "<key>" by older versions to "<key>_file" with the choice "your own file", so
// the properties show it. For the thread that creates the source, before anything reads the settings.
void upgradeSoundChoice(obs_data_t *settings, const std::string &key);

// The "Sounds" group.
void addAlertSoundProperties(obs_properties_t *props);
// The chime for the default look, the coin sparkle for tier 1, the fanfare for tier 2, each at 80 %.
void setAlertSoundDefaults(obs_data_t *settings);
// Sets queue.sound and queue.tierSounds (a tier left on "as the default look" is not in tierSounds).
void readAlertSounds(obs_data_t *settings, view::AlertQueueOptions &queue);

} // namespace livegifts::obs
