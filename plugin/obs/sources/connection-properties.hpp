#pragma once

// The "Connection" group every Live Gifts source shows until the dock exists. Its fields are bound to
// the one global connection of the runtime: a source copies the global values into its settings when it
// is created, and a change made in any source's properties is applied globally.

#include <obs-module.h>

namespace livegifts::obs {

void addConnectionProperties(obs_properties_t *props);
void setConnectionDefaults(obs_data_t *settings);
// Copies the runtime's connection into the settings (create).
void loadConnectionIntoSettings(obs_data_t *settings);
// Applies the settings' connection to the runtime when it differs (update; no I/O here).
void applyConnectionFromSettings(obs_data_t *settings);

} // namespace livegifts::obs
