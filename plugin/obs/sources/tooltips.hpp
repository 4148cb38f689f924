#pragma once

// The long descriptions OBS shows as a property's tooltip (obs_property_set_long_description), localised
// under `<label key>.Tooltip` keys: what a template's placeholders are, what a scope counts, what
// happens when a goal is reached, how goal stages are written, what a tier or a minimum does.

#include <obs-properties.h>

namespace livegifts::obs {

// Each adds the tooltips of the properties of its source that `props` holds (any group).
void addGiftAlertsTooltips(obs_properties_t *props);
void addGoalBarTooltips(obs_properties_t *props);
void addTopSupportersTooltips(obs_properties_t *props);
// Those of the Theme and readability group every source has (the functions above add them too; Coin Jar and
// Gift vs Gift have these alone: their other fields explain themselves).
void addStyleGroupTooltips(obs_properties_t *props);

} // namespace livegifts::obs
