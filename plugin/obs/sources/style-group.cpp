#include "obs/sources/style-group.hpp"

#include "obs/plugin-support.hpp"
#include "obs/sources/settings-util.hpp"

#include <obs-module.h>

#include <algorithm>
#include <cmath>

namespace livegifts::obs {

namespace {

uint32_t toAbgr(uint32_t rgb, uint8_t alpha)
{
	return (static_cast<uint32_t>(alpha) << 24) | ((rgb & 0xFF) << 16) | (rgb & 0xFF00) | ((rgb >> 16) & 0xFF);
}

bool effectsModified(obs_properties_t *props, obs_property_t *, obs_data_t *settings)
{
	const bool outline = obs_data_get_bool(settings, "text_outline");
	obs_property_set_visible(obs_properties_get(props, "outline_color"), outline);
	obs_property_set_visible(obs_properties_get(props, "outline_width"), outline);
	const bool plate = obs_data_get_bool(settings, "text_plate");
	obs_property_set_visible(obs_properties_get(props, "plate_color"), plate);
	obs_property_set_visible(obs_properties_get(props, "plate_opacity"), plate);
	return true;
}

template <ThemedSource source>
bool themeModified(obs_properties_t *, obs_property_t *, obs_data_t *settings)
{
	bool changed = false;
	guarded("theme", [&] { changed = applyChosenTheme(settings, source); });
	return changed;
}

obs_property_modified_t themeCallback(ThemedSource source)
{
	switch (source) {
	case ThemedSource::GoalBar:
		return themeModified<ThemedSource::GoalBar>;
	case ThemedSource::TopSupporters:
		return themeModified<ThemedSource::TopSupporters>;
	case ThemedSource::CoinJar:
		return themeModified<ThemedSource::CoinJar>;
	case ThemedSource::GiftVersus:
		return themeModified<ThemedSource::GiftVersus>;
	case ThemedSource::GiftAlerts:
		break;
	}
	return themeModified<ThemedSource::GiftAlerts>;
}

} // namespace

void addStyleGroup(obs_properties_t *props, ThemedSource source)
{
	obs_properties_t *group = obs_properties_create();
	obs_property_t *theme = obs_properties_add_list(group, "theme", text("LiveGifts.Theme"), OBS_COMBO_TYPE_LIST,
							OBS_COMBO_FORMAT_STRING);
	obs_property_list_add_string(theme, text("LiveGifts.Theme.Custom"), kCustomTheme);
	for (const Theme &each : themesFor(source)) {
		obs_property_list_add_string(theme, text(each.labelKey), each.id);
	}
	obs_property_set_modified_callback(theme, themeCallback(source));

	obs_property_set_modified_callback(
	    obs_properties_add_bool(group, "text_outline", text("LiveGifts.TextOutline")), effectsModified);
	obs_properties_add_color_alpha(group, "outline_color", text("LiveGifts.TextOutline.Color"));
	obs_properties_add_int_slider(group, "outline_width", text("LiveGifts.TextOutline.Width"), 1, 10, 1);
	obs_property_set_modified_callback(obs_properties_add_bool(group, "text_plate", text("LiveGifts.TextPlate")),
					   effectsModified);
	obs_properties_add_color(group, "plate_color", text("LiveGifts.TextPlate.Color"));
	obs_property_t *opacity =
	    obs_properties_add_int_slider(group, "plate_opacity", text("LiveGifts.TextPlate.Opacity"), 0, 100, 1);
	obs_property_int_set_suffix(opacity, "%");
	obs_properties_add_group(props, "style", text("LiveGifts.Style"), OBS_GROUP_NORMAL, group);
}

void setStyleDefaults(obs_data_t *settings)
{
	obs_data_set_default_string(settings, "theme", kCustomTheme);
	obs_data_set_default_string(settings, "theme_applied", kCustomTheme);
	obs_data_set_default_bool(settings, "text_outline", true);
	setColorDefault(settings, "outline_color", 0x000000, 0xB4);
	obs_data_set_default_int(settings, "outline_width", 2);
	obs_data_set_default_bool(settings, "text_plate", false);
	setColorDefault(settings, "plate_color", 0x000000);
	obs_data_set_default_int(settings, "plate_opacity", 55);
}

view::TextEffects readTextEffects(obs_data_t *settings)
{
	view::TextEffects effects;
	if (obs_data_get_bool(settings, "text_outline")) {
		effects.outlineWidth =
		    static_cast<int>(std::clamp<long long>(getInt(settings, "outline_width"), 1, 10));
		effects.outlineColor = getColor(settings, "outline_color");
	}
	effects.plate = obs_data_get_bool(settings, "text_plate");
	effects.plateColor = getColor(settings, "plate_color");
	const double opacity = static_cast<double>(std::clamp<long long>(getInt(settings, "plate_opacity"), 0, 100));
	effects.plateColor.a = static_cast<uint8_t>(std::lround(opacity * 2.55));
	return effects;
}

bool applyChosenTheme(obs_data_t *settings, ThemedSource source)
{
	const std::string chosen = getString(settings, "theme");
	if (chosen == getString(settings, "theme_applied")) {
		return false; // the properties opening, or the choice already made
	}
	obs_data_set_string(settings, "theme_applied", chosen.c_str());
	const Theme *theme = findTheme(source, chosen);
	if (theme == nullptr) {
		return false; // Custom: the colours stay as they are
	}
	for (const ThemeColor &color : theme->colors) {
		obs_data_set_int(settings, color.setting, toAbgr(color.rgb, color.alpha));
	}
	return true;
}

const view::Wording &localeWording()
{
	static const view::Wording words = view::Wording::fromLocale([](const std::string &key) -> const char * {
		const char *out = nullptr;
		return obs_module_get_string(key.c_str(), &out) ? out : nullptr;
	});
	return words;
}

} // namespace livegifts::obs
