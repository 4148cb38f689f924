#include "obs/sources/gift-versus-properties.hpp"

#include "obs/plugin-support.hpp"
#include "obs/sources/settings-util.hpp"
#include "obs/sources/style-group.hpp"
#include "obs/sources/tooltips.hpp"

#include <algorithm>

namespace livegifts::obs {

GiftVersusConfig readGiftVersusConfig(obs_data_t *settings)
{
	GiftVersusConfig config;
	config.sides = view::parseSides(getString(settings, "sides"));
	config.durationMs = std::clamp<long long>(getInt(settings, "duration"), 1, 86'400) * 1000;
	view::VersusStyle &style = config.style;
	style.width = static_cast<int>(std::clamp<long long>(getInt(settings, "width"), 64, 4096));
	style.height = static_cast<int>(std::clamp<long long>(getInt(settings, "height"), 48, 4096));
	style.font = getFont(settings, "font");
	style.textColor = getColor(settings, "text_color");
	style.colors = {getColor(settings, "color_a"), getColor(settings, "color_b"), getColor(settings, "color_c")};
	style.track = getColor(settings, "track_color");
	style.celebrate = getColor(settings, "celebrate_color");
	style.radius = static_cast<float>(getInt(settings, "corner_radius"));
	style.effects = readTextEffects(settings);
	style.winsFormat = obs_module_text("LiveGifts.Versus.Wins");
	style.tieText = obs_module_text("LiveGifts.Versus.Tie");
	config.words = localeWording();
	return config;
}

namespace {

template <VersusCommand command>
bool onButton(obs_properties_t *, obs_property_t *, void *data)
{
	if (data != nullptr) {
		guarded("gift vs gift button", [&] { commandVersus(data, command); });
	}
	return false;
}

} // namespace

obs_properties_t *giftVersusProperties(void *data)
{
	obs_properties_t *props = obs_properties_create();
	obs_properties_t *round = obs_properties_create();
	obs_properties_add_text(round, "sides", text("LiveGifts.Versus.Sides"), OBS_TEXT_MULTILINE);
	obs_properties_add_int(round, "duration", text("LiveGifts.Versus.Duration"), 1, 86'400, 1);
	obs_properties_add_button2(round, "start", text("LiveGifts.Versus.Start"), onButton<VersusCommand::Start>,
				   data);
	obs_properties_add_button2(round, "stop", text("LiveGifts.Versus.Stop"), onButton<VersusCommand::Stop>, data);
	obs_properties_add_button2(round, "reset", text("LiveGifts.Versus.Reset"), onButton<VersusCommand::Reset>,
				   data);
	obs_properties_add_group(props, "round", text("LiveGifts.Versus.Round"), OBS_GROUP_NORMAL, round);

	addStyleGroup(props, ThemedSource::GiftVersus);
	addStyleGroupTooltips(props);
	obs_properties_t *look = obs_properties_create();
	obs_properties_add_int(look, "width", text("LiveGifts.Width"), 64, 4096, 1);
	obs_properties_add_int(look, "height", text("LiveGifts.Height"), 48, 4096, 1);
	obs_properties_add_font(look, "font", text("LiveGifts.Font"));
	obs_properties_add_color_alpha(look, "text_color", text("LiveGifts.TextColor"));
	obs_properties_add_color_alpha(look, "color_a", text("LiveGifts.Versus.ColorA"));
	obs_properties_add_color_alpha(look, "color_b", text("LiveGifts.Versus.ColorB"));
	obs_properties_add_color_alpha(look, "color_c", text("LiveGifts.Versus.ColorC"));
	obs_properties_add_color_alpha(look, "track_color", text("LiveGifts.Goal.Track"));
	obs_properties_add_color_alpha(look, "celebrate_color", text("LiveGifts.Goal.Celebrate"));
	obs_properties_add_int_slider(look, "corner_radius", text("LiveGifts.CornerRadius"), 0, 200, 1);
	obs_properties_add_group(props, "look", text("LiveGifts.Look"), OBS_GROUP_NORMAL, look);
	return props;
}

void giftVersusDefaults(obs_data_t *settings)
{
	obs_data_set_default_string(settings, "sides", "5655\n6369");
	obs_data_set_default_int(settings, "duration", 120);
	obs_data_set_default_int(settings, "width", 800);
	obs_data_set_default_int(settings, "height", 190);
	setFontDefault(settings, "font", "Noto Sans", 28, true);
	setColorDefault(settings, "text_color", 0xFFFFFF);
	setColorDefault(settings, "color_a", 0xFE2C55);
	setColorDefault(settings, "color_b", 0x25D4F2);
	setColorDefault(settings, "color_c", 0xFFC629);
	setColorDefault(settings, "track_color", 0x181820, 0xB0);
	setColorDefault(settings, "celebrate_color", 0xFFE67F);
	obs_data_set_default_int(settings, "corner_radius", 22);
	setStyleDefaults(settings);
}

} // namespace livegifts::obs
