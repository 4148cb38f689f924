#pragma once

// The "Theme and readability" group every source shows above its Look group: a theme preset (themes.hpp)
// and what keeps texts readable on a bright scene (a text outline, a backing plate). Also the locale's
// words for numbers and nouns ("1 coin", "46,810 coins").

#include <obs-data.h>
#include <obs-properties.h>

#include "obs/sources/themes.hpp"
#include "view/draw-types.hpp"
#include "view/plural.hpp"

namespace livegifts::obs {

// Adds the group to `props` (theme list, text outline colour and width, backing plate colour and
// opacity; colour fields shown only when their part is on).
void addStyleGroup(obs_properties_t *props, ThemedSource source);
// Defaults: Custom theme (the colours as they are), a subtle dark outline on, no plate.
void setStyleDefaults(obs_data_t *settings);
// The outline and plate of the settings.
view::TextEffects readTextEffects(obs_data_t *settings);

// Writes the colours of the theme chosen in "theme" into `settings` when it is another than the one
// last applied ("theme_applied"); Custom writes nothing. True when colours were written. What the
// theme list's modified callback runs (OBS also calls it when the properties open: nothing changes
// then, as the choice is the one already applied).
bool applyChosenTheme(obs_data_t *settings, ThemedSource source);

// The words of the locale OBS loaded (read once; obs_module_get_string).
const view::Wording &localeWording();

} // namespace livegifts::obs
