#include "obs/sources/coin-jar-properties.hpp"

#include "obs/plugin-support.hpp"
#include "obs/sources/settings-util.hpp"
#include "obs/sources/style-group.hpp"
#include "obs/sources/tooltips.hpp"

#include <algorithm>

namespace livegifts::obs {

CoinJarConfig readCoinJarConfig(obs_data_t *settings)
{
	CoinJarConfig config;
	config.width = static_cast<int>(std::clamp<long long>(getInt(settings, "width"), 64, 4096));
	config.height = static_cast<int>(std::clamp<long long>(getInt(settings, "height"), 64, 4096));
	config.jar.baseRadius = static_cast<float>(std::clamp<long long>(getInt(settings, "body_size"), 4, 200)) / 2.0f;
	config.jar.maxBodies = static_cast<std::size_t>(std::clamp<long long>(getInt(settings, "max_bodies"), 10, 400));
	config.showCount = obs_data_get_bool(settings, "show_count");
	config.font = getFont(settings, "font");
	config.textColor = getColor(settings, "text_color");
	config.glassColor = getColor(settings, "glass_color");
	config.layerStart = getColor(settings, "layer_color_start");
	config.layerEnd = getColor(settings, "layer_color_end");
	config.effects = readTextEffects(settings);
	config.words = localeWording();
	return config;
}

obs_properties_t *coinJarProperties(void *)
{
	obs_properties_t *props = obs_properties_create();
	addStyleGroup(props, ThemedSource::CoinJar);
	addStyleGroupTooltips(props);
	obs_properties_t *look = obs_properties_create();
	obs_properties_add_int(look, "width", text("LiveGifts.Width"), 64, 4096, 1);
	obs_properties_add_int(look, "height", text("LiveGifts.Height"), 64, 4096, 1);
	obs_properties_add_int_slider(look, "body_size", text("LiveGifts.CoinJar.BodySize"), 4, 200, 1);
	obs_properties_add_int(look, "max_bodies", text("LiveGifts.CoinJar.MaxBodies"), 10, 400, 1);
	obs_properties_add_bool(look, "show_count", text("LiveGifts.CoinJar.ShowCount"));
	obs_properties_add_font(look, "font", text("LiveGifts.Font"));
	obs_properties_add_color_alpha(look, "text_color", text("LiveGifts.TextColor"));
	obs_properties_add_color_alpha(look, "glass_color", text("LiveGifts.CoinJar.Glass"));
	obs_properties_add_color_alpha(look, "layer_color_start", text("LiveGifts.CoinJar.LayerStart"));
	obs_properties_add_color_alpha(look, "layer_color_end", text("LiveGifts.CoinJar.LayerEnd"));
	obs_properties_add_group(props, "look", text("LiveGifts.Look"), OBS_GROUP_NORMAL, look);
	return props;
}

void coinJarDefaults(obs_data_t *settings)
{
	obs_data_set_default_int(settings, "width", 420);
	obs_data_set_default_int(settings, "height", 560);
	obs_data_set_default_int(settings, "body_size", 40);
	obs_data_set_default_int(settings, "max_bodies", 120);
	obs_data_set_default_bool(settings, "show_count", true);
	setFontDefault(settings, "font", "Noto Sans", 34, true);
	setColorDefault(settings, "text_color", 0xFFFFFF);
	setColorDefault(settings, "glass_color", 0xBFE8FF, 0x40);
	setColorDefault(settings, "layer_color_start", 0xFFC629);
	setColorDefault(settings, "layer_color_end", 0xFF8A1F);
	setStyleDefaults(settings);
}

} // namespace livegifts::obs
