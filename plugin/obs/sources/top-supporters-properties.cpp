#include "obs/sources/top-supporters-properties.hpp"

#include "obs/plugin-support.hpp"
#include "obs/runtime.hpp"
#include "obs/sources/settings-util.hpp"
#include "obs/sources/style-group.hpp"
#include "obs/sources/tooltips.hpp"

#include <algorithm>

namespace livegifts::obs {

view::TopStyle readTopStyle(obs_data_t *settings)
{
	view::TopStyle style;
	style.width = static_cast<int>(std::clamp<long long>(getInt(settings, "width"), 120, 4096));
	style.rowHeight = static_cast<int>(std::clamp<long long>(getInt(settings, "row_height"), 20, 400));
	style.rowGap = static_cast<int>(std::clamp<long long>(getInt(settings, "row_gap"), 0, 200));
	style.count = static_cast<int>(std::clamp<long long>(getInt(settings, "count"), 1, view::kMaxSupporterRows));
	style.scope = scopeOf(getString(settings, "scope"));
	style.rankBy = rankByOf(getString(settings, "rank_by"));
	style.title = getString(settings, "title");
	style.coinsFormat = getString(settings, "coins_format");
	style.font = getFont(settings, "font");
	style.textColor = getColor(settings, "text_color");
	style.coinsColor = getColor(settings, "coins_color");
	style.rowColor = getColor(settings, "row_color");
	style.trackColor = getColor(settings, "track_color");
	style.bar.start = getColor(settings, "bar_color_start");
	style.bar.end = getColor(settings, "bar_color_end");
	style.medals = {getColor(settings, "gold_color"), getColor(settings, "silver_color"),
			getColor(settings, "bronze_color")};
	style.radius = static_cast<float>(getInt(settings, "corner_radius"));
	style.showAvatars = obs_data_get_bool(settings, "show_avatars");
	style.showBars = obs_data_get_bool(settings, "show_bars");
	style.effects = readTextEffects(settings);
	style.words = localeWording();
	return style;
}

SupporterScope scopeOf(const std::string &name)
{
	if (name == "all_time") {
		return SupporterScope::AllTime;
	}
	return name == "since_reset" ? SupporterScope::SinceReset : SupporterScope::Stream;
}

RankBy rankByOf(const std::string &name)
{
	if (name == "gifts") {
		return RankBy::Gifts;
	}
	return name == "likes" ? RankBy::Likes : RankBy::Coins;
}

namespace {

// The reset button is there when the list shows the ranking it resets.
bool scopeModified(obs_properties_t *props, obs_property_t *, obs_data_t *settings)
{
	obs_property_set_visible(obs_properties_get(props, "reset_ranking"),
				 getString(settings, "scope") == "since_reset");
	return true;
}

} // namespace

obs_properties_t *topSupportersProperties(void *)
{
	obs_properties_t *props = obs_properties_create();

	obs_properties_t *list = obs_properties_create();
	obs_properties_add_int(list, "count", text("LiveGifts.Top.Count"), 1, view::kMaxSupporterRows, 1);
	obs_property_set_modified_callback(addStringList(list, "scope", "LiveGifts.Top.Scope",
							 {{"LiveGifts.Scope.Stream", "stream"},
							  {"LiveGifts.Scope.SinceReset", "since_reset"},
							  {"LiveGifts.Scope.AllTime", "all_time"}}),
					   scopeModified);
	// OBS's properties cannot ask before acting: the label says what it does (the dock's button asks).
	obs_properties_add_button2(
	    list, "reset_ranking", text("LiveGifts.Top.ResetRanking"),
	    [](obs_properties_t *, obs_property_t *, void *) {
		    guarded("reset ranking", [] { Runtime::instance().resetSupporters(); });
		    return false;
	    },
	    nullptr);
	addStringList(list, "rank_by", "LiveGifts.Top.RankBy",
		      {{"LiveGifts.Top.RankBy.Coins", "coins"},
		       {"LiveGifts.Top.RankBy.Gifts", "gifts"},
		       {"LiveGifts.Top.RankBy.Likes", "likes"}});
	obs_properties_add_text(list, "title", text("LiveGifts.Top.Title"), OBS_TEXT_DEFAULT);
	obs_properties_add_text(list, "coins_format", text("LiveGifts.Top.CoinsFormat"), OBS_TEXT_DEFAULT);
	obs_properties_add_bool(list, "show_avatars", text("LiveGifts.Top.ShowAvatars"));
	obs_properties_add_bool(list, "show_bars", text("LiveGifts.Top.ShowBars"));
	obs_properties_add_group(props, "list", text("LiveGifts.Top.List"), OBS_GROUP_NORMAL, list);

	addStyleGroup(props, ThemedSource::TopSupporters);
	obs_properties_t *look = obs_properties_create();
	obs_properties_add_int(look, "width", text("LiveGifts.Width"), 120, 4096, 1);
	obs_properties_add_int(look, "row_height", text("LiveGifts.Top.RowHeight"), 20, 400, 1);
	obs_properties_add_int(look, "row_gap", text("LiveGifts.Top.RowGap"), 0, 200, 1);
	obs_properties_add_font(look, "font", text("LiveGifts.Font"));
	obs_properties_add_color_alpha(look, "text_color", text("LiveGifts.TextColor"));
	obs_properties_add_color_alpha(look, "coins_color", text("LiveGifts.Top.CoinsColor"));
	obs_properties_add_color_alpha(look, "gold_color", text("LiveGifts.Top.GoldColor"));
	obs_properties_add_color_alpha(look, "silver_color", text("LiveGifts.Top.SilverColor"));
	obs_properties_add_color_alpha(look, "bronze_color", text("LiveGifts.Top.BronzeColor"));
	obs_properties_add_color_alpha(look, "row_color", text("LiveGifts.Top.RowColor"));
	obs_properties_add_color_alpha(look, "bar_color_start", text("LiveGifts.Top.BarStart"));
	obs_properties_add_color_alpha(look, "bar_color_end", text("LiveGifts.Top.BarEnd"));
	obs_properties_add_color_alpha(look, "track_color", text("LiveGifts.Top.Track"));
	obs_properties_add_int_slider(look, "corner_radius", text("LiveGifts.CornerRadius"), 0, 200, 1);
	obs_properties_add_group(props, "look", text("LiveGifts.Look"), OBS_GROUP_NORMAL, look);
	addTopSupportersTooltips(props);

	return props;
}

void topSupportersDefaults(obs_data_t *settings)
{
	obs_data_set_default_int(settings, "count", 5);
	obs_data_set_default_string(settings, "scope", "stream");
	obs_data_set_default_string(settings, "rank_by", "coins");
	obs_data_set_default_string(settings, "title", obs_module_text("LiveGifts.Top.DefaultTitle"));
	obs_data_set_default_string(settings, "coins_format", obs_module_text("LiveGifts.Top.DefaultCoins"));
	obs_data_set_default_bool(settings, "show_avatars", true);
	obs_data_set_default_bool(settings, "show_bars", true);
	obs_data_set_default_int(settings, "width", 560);
	obs_data_set_default_int(settings, "row_height", 64);
	obs_data_set_default_int(settings, "row_gap", 8);
	setFontDefault(settings, "font", "Noto Sans", 28, true);
	setColorDefault(settings, "text_color", 0xFFFFFF);
	setColorDefault(settings, "coins_color", 0xFFD66B);
	setColorDefault(settings, "gold_color", 0xFFC629);
	setColorDefault(settings, "silver_color", 0xD3DCE6);
	setColorDefault(settings, "bronze_color", 0xE0955A);
	setColorDefault(settings, "row_color", 0x17121F, 0xC8);
	setColorDefault(settings, "bar_color_start", 0xFE2C55);
	setColorDefault(settings, "bar_color_end", 0x25F4EE);
	setColorDefault(settings, "track_color", 0xFFFFFF, 0x26);
	obs_data_set_default_int(settings, "corner_radius", 16);
	setStyleDefaults(settings);
}

} // namespace livegifts::obs
