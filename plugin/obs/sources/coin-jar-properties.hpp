#pragma once

// The Coin Jar source's settings: properties, defaults and reading them into the jar's look and physics
// options (no I/O: update() calls it).

#include <obs-module.h>

#include "view/coin-jar.hpp"
#include "view/draw-types.hpp"
#include "view/plural.hpp"

namespace livegifts::obs {

struct CoinJarConfig {
	int width = 420;
	int height = 560;
	view::CoinJarOptions jar; // the jar's inside (set from width and height by the source's layout)
	bool showCount = true;
	view::FontSpec font;
	view::Rgba textColor;
	view::Rgba glassColor;
	view::Rgba layerStart;
	view::Rgba layerEnd;
	view::TextEffects effects;
	view::Wording words;
};

CoinJarConfig readCoinJarConfig(obs_data_t *settings);
obs_properties_t *coinJarProperties(void *data);
void coinJarDefaults(obs_data_t *settings);

} // namespace livegifts::obs
