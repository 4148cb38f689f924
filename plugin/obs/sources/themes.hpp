#pragma once

// Theme presets: colour sets a streamer can choose in one go. Choosing a theme writes its colours into
// the source's settings once (an explicit act in the properties); "Custom" or editing a colour keeps the
// colours as they are, and opening the properties, loading a scene collection or Cancel never writes any.

#include <cstdint>
#include <string_view>
#include <vector>

namespace livegifts::obs {

enum class ThemedSource { GiftAlerts, GoalBar, TopSupporters, CoinJar, GiftVersus };

struct ThemeColor {
	const char *setting; // the colour property's settings key
	uint32_t rgb;        // as in CSS: 0xRRGGBB
	uint8_t alpha;
};

struct Theme {
	const char *id;       // saved in "theme"
	const char *labelKey; // locale key of its name
	std::vector<ThemeColor> colors;
};

constexpr const char *kCustomTheme = "custom";

// The themes of a kind of source (Custom not included: it has no colours).
const std::vector<Theme> &themesFor(ThemedSource source);
// The theme of that id, or nullptr (Custom and unknown ids).
const Theme *findTheme(ThemedSource source, std::string_view id);

} // namespace livegifts::obs
