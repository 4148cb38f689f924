#pragma once

// Gift Alerts settings for the other kinds of event (follows, shares, subscribers, like milestones) and the
// gift rules: their properties, defaults and reading them into the view's types (no I/O when reading).

#include <obs-module.h>

#include "obs/sources/gift-alerts-properties.hpp"

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
void upgradeGiftRuleSettings(obs_data_t *settings);

// Moves sound file paths saved by older versions (see upgradeSoundChoice) of every kind and rule.
void upgradeEventAlertSettings(obs_data_t *settings);

} // namespace livegifts::obs
