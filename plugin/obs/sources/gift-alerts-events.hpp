#pragma once

// Gift Alerts settings for the other kinds of event (follows, shares, subscribers, like milestones) and the
// gift rules: their properties, defaults and reading them into the view's types (no I/O when reading).

#include <obs-module.h>

#include "obs/sources/gift-alerts-properties.hpp"

#include "view/sound-spec.hpp"

#include <string>

namespace livegifts::obs {

// One checkable group per kind: template lines, accent, duration, sound and its volume; likes every N.
void addEventAlertProperties(obs_properties_t *props);
void eventAlertDefaults(obs_data_t *settings);
void readEventAlerts(obs_data_t *settings, AlertConfig &config);

// One checkable group per rule slot: one gift (picked from the gifts seen so far and the bundled catalogue)
// or a coin range; template lines, picture, accent, duration, sound and its volume.
void addGiftRuleProperties(obs_properties_t *props);
void giftRuleDefaults(obs_data_t *settings);
void readGiftRules(obs_data_t *settings, AlertConfig &config);

// "<prefix>_sound" (a file) and "<prefix>_sound_volume" (0..100 %): the properties and reading them.
void addSoundProperties(obs_properties_t *group, const std::string &prefix);
view::SoundSpec readSound(obs_data_t *settings, const std::string &prefix);

} // namespace livegifts::obs
