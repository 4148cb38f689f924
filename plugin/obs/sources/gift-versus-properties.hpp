#pragma once

// The Gift vs Gift source's settings: the sides (gift ids, names), the round's length, the look; the
// Start / Stop / Reset buttons (they act on the source whose private data the properties carry).

#include <obs-module.h>

#include "view/gift-versus.hpp"
#include "view/plural.hpp"

#include <cstdint>
#include <vector>

namespace livegifts::obs {

struct GiftVersusConfig {
	std::vector<view::VersusSide> sides;
	std::int64_t durationMs = 60'000;
	view::VersusStyle style;
	view::Wording words;
};

GiftVersusConfig readGiftVersusConfig(obs_data_t *settings);
obs_properties_t *giftVersusProperties(void *data);
void giftVersusDefaults(obs_data_t *settings);

// What the buttons, hotkeys and procedures ask of a round (defined with the source; any thread).
enum class VersusCommand : uint32_t { Start = 1, Stop = 2, Reset = 4 };
void commandVersus(void *data, VersusCommand command);

} // namespace livegifts::obs
