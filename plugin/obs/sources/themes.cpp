#include "obs/sources/themes.hpp"

namespace livegifts::obs {

namespace {

// Dark is each source's default look. Each theme also sets the text outline's colour (light under dark
// text).
const std::vector<Theme> kAlertThemes = {
    {"dark",
     "LiveGifts.Theme.Dark",
     {{"outline_color", 0x000000, 0xB4},
      {"text_color", 0xFFFFFF, 0xFF},
      {"secondary_color", 0xE6E1F0, 0xFF},
      {"background_color", 0x17121F, 0xE6},
      {"accent_start", 0xFE2C55, 0xFF},
      {"accent_end", 0x25F4EE, 0xFF},
      {"tier1_color_start", 0xFFC629, 0xFF},
      {"tier1_color_end", 0xFF6A1F, 0xFF},
      {"tier2_color_start", 0xC77DFF, 0xFF},
      {"tier2_color_end", 0xFF3DCE, 0xFF}}},
    {"light",
     "LiveGifts.Theme.Light",
     {{"outline_color", 0xFFFFFF, 0xB4},
      {"text_color", 0x1B1A22, 0xFF},
      {"secondary_color", 0x4A4658, 0xFF},
      {"background_color", 0xFAF8FC, 0xF0},
      {"accent_start", 0xE8175D, 0xFF},
      {"accent_end", 0x0AA5C2, 0xFF},
      {"tier1_color_start", 0xE09A00, 0xFF},
      {"tier1_color_end", 0xE8541A, 0xFF},
      {"tier2_color_start", 0x8B3FD9, 0xFF},
      {"tier2_color_end", 0xD42BA8, 0xFF}}},
    {"neon",
     "LiveGifts.Theme.Neon",
     {{"outline_color", 0x000000, 0xB4},
      {"text_color", 0xF6FFFE, 0xFF},
      {"secondary_color", 0x7DF9FF, 0xFF},
      {"background_color", 0x0A0420, 0xE6},
      {"accent_start", 0xFF00D4, 0xFF},
      {"accent_end", 0x00F0FF, 0xFF},
      {"tier1_color_start", 0xFFF700, 0xFF},
      {"tier1_color_end", 0xFF7A00, 0xFF},
      {"tier2_color_start", 0x39FF14, 0xFF},
      {"tier2_color_end", 0x00C3FF, 0xFF}}},
    {"minimal",
     "LiveGifts.Theme.Minimal",
     {{"outline_color", 0x000000, 0xB4},
      {"text_color", 0xFFFFFF, 0xFF},
      {"secondary_color", 0xD9D9D9, 0xFF},
      {"background_color", 0x000000, 0x8C},
      {"accent_start", 0xFFFFFF, 0xFF},
      {"accent_end", 0xFFFFFF, 0xFF},
      {"tier1_color_start", 0xFFFFFF, 0xFF},
      {"tier1_color_end", 0xFFFFFF, 0xFF},
      {"tier2_color_start", 0xFFFFFF, 0xFF},
      {"tier2_color_end", 0xFFFFFF, 0xFF}}},
};

const std::vector<Theme> kGoalThemes = {
    {"dark",
     "LiveGifts.Theme.Dark",
     {{"outline_color", 0x000000, 0xB4},
      {"text_color", 0xFFFFFF, 0xFF},
      {"fill_color_start", 0xFE3D7A, 0xFF},
      {"fill_color_end", 0x25D4F2, 0xFF},
      {"track_color", 0x181820, 0xB0},
      {"celebrate_color", 0xFFE67F, 0xFF},
      {"opponent_color", 0x3D8BFF, 0xFF}}},
    {"light",
     "LiveGifts.Theme.Light",
     {{"outline_color", 0xFFFFFF, 0xB4},
      {"text_color", 0x1B1A22, 0xFF},
      {"fill_color_start", 0xE8175D, 0xFF},
      {"fill_color_end", 0x0AA5C2, 0xFF},
      {"track_color", 0xFFFFFF, 0xD0},
      {"celebrate_color", 0xFFD23F, 0xFF},
      {"opponent_color", 0x2F6BFF, 0xFF}}},
    {"neon",
     "LiveGifts.Theme.Neon",
     {{"outline_color", 0x000000, 0xB4},
      {"text_color", 0xF6FFFE, 0xFF},
      {"fill_color_start", 0xFF00D4, 0xFF},
      {"fill_color_end", 0x00F0FF, 0xFF},
      {"track_color", 0x0A0420, 0xC8},
      {"celebrate_color", 0x39FF14, 0xFF},
      {"opponent_color", 0x7A5CFF, 0xFF}}},
    {"minimal",
     "LiveGifts.Theme.Minimal",
     {{"outline_color", 0x000000, 0xB4},
      {"text_color", 0xFFFFFF, 0xFF},
      {"fill_color_start", 0xFFFFFF, 0xFF},
      {"fill_color_end", 0xFFFFFF, 0xFF},
      {"track_color", 0x000000, 0x66},
      {"celebrate_color", 0xFFFFFF, 0xFF},
      {"opponent_color", 0x8A8A8A, 0xFF}}},
};

const std::vector<Theme> kTopThemes = {
    {"dark",
     "LiveGifts.Theme.Dark",
     {{"outline_color", 0x000000, 0xB4},
      {"text_color", 0xFFFFFF, 0xFF},
      {"coins_color", 0xFFD66B, 0xFF},
      {"gold_color", 0xFFC629, 0xFF},
      {"silver_color", 0xD3DCE6, 0xFF},
      {"bronze_color", 0xE0955A, 0xFF},
      {"row_color", 0x17121F, 0xC8},
      {"bar_color_start", 0xFE2C55, 0xFF},
      {"bar_color_end", 0x25F4EE, 0xFF},
      {"track_color", 0xFFFFFF, 0x26}}},
    {"light",
     "LiveGifts.Theme.Light",
     {{"outline_color", 0xFFFFFF, 0xB4},
      {"text_color", 0x1B1A22, 0xFF},
      {"coins_color", 0xB36B00, 0xFF},
      {"gold_color", 0xD99A00, 0xFF},
      {"silver_color", 0x7D8A99, 0xFF},
      {"bronze_color", 0xB0642A, 0xFF},
      {"row_color", 0xFAF8FC, 0xE6},
      {"bar_color_start", 0xE8175D, 0xFF},
      {"bar_color_end", 0x0AA5C2, 0xFF},
      {"track_color", 0x000000, 0x1A}}},
    {"neon",
     "LiveGifts.Theme.Neon",
     {{"outline_color", 0x000000, 0xB4},
      {"text_color", 0xF6FFFE, 0xFF},
      {"coins_color", 0x39FF14, 0xFF},
      {"gold_color", 0xFFF700, 0xFF},
      {"silver_color", 0x7DF9FF, 0xFF},
      {"bronze_color", 0xFF7A00, 0xFF},
      {"row_color", 0x0A0420, 0xD2},
      {"bar_color_start", 0xFF00D4, 0xFF},
      {"bar_color_end", 0x00F0FF, 0xFF},
      {"track_color", 0xFFFFFF, 0x1F}}},
    {"minimal",
     "LiveGifts.Theme.Minimal",
     {{"outline_color", 0x000000, 0xB4},
      {"text_color", 0xFFFFFF, 0xFF},
      {"coins_color", 0xFFFFFF, 0xFF},
      {"gold_color", 0xFFFFFF, 0xFF},
      {"silver_color", 0xFFFFFF, 0xFF},
      {"bronze_color", 0xFFFFFF, 0xFF},
      {"row_color", 0x000000, 0x73},
      {"bar_color_start", 0xFFFFFF, 0xFF},
      {"bar_color_end", 0xFFFFFF, 0xFF},
      {"track_color", 0xFFFFFF, 0x26}}},
};

const std::vector<Theme> kJarThemes = {
    {"dark",
     "LiveGifts.Theme.Dark",
     {{"outline_color", 0x000000, 0xB4},
      {"text_color", 0xFFFFFF, 0xFF},
      {"glass_color", 0xBFE8FF, 0x40},
      {"layer_color_start", 0xFFC629, 0xFF},
      {"layer_color_end", 0xFF8A1F, 0xFF}}},
    {"light",
     "LiveGifts.Theme.Light",
     {{"outline_color", 0xFFFFFF, 0xB4},
      {"text_color", 0x1B1A22, 0xFF},
      {"glass_color", 0xFFFFFF, 0x80},
      {"layer_color_start", 0xE09A00, 0xFF},
      {"layer_color_end", 0xE8541A, 0xFF}}},
    {"neon",
     "LiveGifts.Theme.Neon",
     {{"outline_color", 0x000000, 0xB4},
      {"text_color", 0xF6FFFE, 0xFF},
      {"glass_color", 0x00F0FF, 0x38},
      {"layer_color_start", 0xFF00D4, 0xFF},
      {"layer_color_end", 0x00F0FF, 0xFF}}},
    {"minimal",
     "LiveGifts.Theme.Minimal",
     {{"outline_color", 0x000000, 0xB4},
      {"text_color", 0xFFFFFF, 0xFF},
      {"glass_color", 0xFFFFFF, 0x26},
      {"layer_color_start", 0xFFFFFF, 0xC0},
      {"layer_color_end", 0xFFFFFF, 0xC0}}},
};

const std::vector<Theme> kVersusThemes = {
    {"dark",
     "LiveGifts.Theme.Dark",
     {{"outline_color", 0x000000, 0xB4},
      {"text_color", 0xFFFFFF, 0xFF},
      {"color_a", 0xFE2C55, 0xFF},
      {"color_b", 0x25D4F2, 0xFF},
      {"color_c", 0xFFC629, 0xFF},
      {"track_color", 0x181820, 0xB0},
      {"celebrate_color", 0xFFE67F, 0xFF}}},
    {"light",
     "LiveGifts.Theme.Light",
     {{"outline_color", 0xFFFFFF, 0xB4},
      {"text_color", 0x1B1A22, 0xFF},
      {"color_a", 0xE8175D, 0xFF},
      {"color_b", 0x0AA5C2, 0xFF},
      {"color_c", 0xE09A00, 0xFF},
      {"track_color", 0xFFFFFF, 0xD0},
      {"celebrate_color", 0xFFD23F, 0xFF}}},
    {"neon",
     "LiveGifts.Theme.Neon",
     {{"outline_color", 0x000000, 0xB4},
      {"text_color", 0xF6FFFE, 0xFF},
      {"color_a", 0xFF00D4, 0xFF},
      {"color_b", 0x00F0FF, 0xFF},
      {"color_c", 0x39FF14, 0xFF},
      {"track_color", 0x0A0420, 0xC8},
      {"celebrate_color", 0x39FF14, 0xFF}}},
    {"minimal",
     "LiveGifts.Theme.Minimal",
     {{"outline_color", 0x000000, 0xB4},
      {"text_color", 0xFFFFFF, 0xFF},
      {"color_a", 0xFFFFFF, 0xFF},
      {"color_b", 0x9A9A9A, 0xFF},
      {"color_c", 0x5A5A5A, 0xFF},
      {"track_color", 0x000000, 0x66},
      {"celebrate_color", 0xFFFFFF, 0xFF}}},
};

} // namespace

const std::vector<Theme> &themesFor(ThemedSource source)
{
	switch (source) {
	case ThemedSource::GoalBar:
		return kGoalThemes;
	case ThemedSource::TopSupporters:
		return kTopThemes;
	case ThemedSource::CoinJar:
		return kJarThemes;
	case ThemedSource::GiftVersus:
		return kVersusThemes;
	case ThemedSource::GiftAlerts:
		break;
	}
	return kAlertThemes;
}

const Theme *findTheme(ThemedSource source, std::string_view id)
{
	for (const Theme &theme : themesFor(source)) {
		if (id == theme.id) {
			return &theme;
		}
	}
	return nullptr;
}

} // namespace livegifts::obs
