#include "obs/sources/gift-alerts-properties.hpp"

#include "obs/plugin-support.hpp"
#include "obs/sources/gift-alerts-events.hpp"
#include "obs/sources/gift-alerts-controls.hpp"
#include "obs/sources/settings-util.hpp"
#include "obs/sources/sound-properties.hpp"
#include "obs/sources/style-group.hpp"
#include "obs/sources/tooltips.hpp"

#include "view/alert-tier.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace livegifts::obs {

AlertConfig readAlertConfig(obs_data_t *settings)
{
	AlertConfig config;
	view::AlertStyle &style = config.style;
	style.width = static_cast<int>(std::clamp<long long>(getInt(settings, "width"), 64, 4096));
	style.height = static_cast<int>(std::clamp<long long>(getInt(settings, "height"), 32, 4096));
	style.font = getFont(settings, "font");
	style.textColor = getColor(settings, "text_color");
	style.secondaryColor = getColor(settings, "secondary_color");
	style.background = getColor(settings, "background_color");
	style.radius = static_cast<float>(getInt(settings, "corner_radius"));
	style.accents[0] = {getColor(settings, "accent_start"), getColor(settings, "accent_end")};
	style.accents[1] = {getColor(settings, "tier1_color_start"), getColor(settings, "tier1_color_end")};
	style.accents[2] = {getColor(settings, "tier2_color_start"), getColor(settings, "tier2_color_end")};
	style.line1 = getString(settings, "line1");
	style.line2 = getString(settings, "line2");
	style.line3 = getString(settings, "line3");
	style.combo = getString(settings, "combo_format");
	style.showAvatars = obs_data_get_bool(settings, "show_avatars");
	style.showGiftImages = obs_data_get_bool(settings, "show_gift_images");
	style.in = view::motionFrom(getString(settings, "animation_in"));
	style.out = view::motionFrom(getString(settings, "animation_out"));
	style.effects = readTextEffects(settings);
	style.words = localeWording();

	view::AlertQueueOptions &queue = config.queue;
	queue.minCoins = std::max<long long>(0, getInt(settings, "min_coins"));
	queue.showGuestGifts = obs_data_get_bool(settings, "show_guest_gifts");
	queue.durationMs = std::clamp<long long>(getInt(settings, "duration_ms"), 500, 120000);
	queue.introMs = std::clamp<long long>(getInt(settings, "intro_ms"), 0, 5000);
	queue.outroMs = std::clamp<long long>(getInt(settings, "outro_ms"), 0, 5000);
	std::vector<std::int64_t> minimums;
	std::vector<Millis> durations;
	for (int tier = 1; tier <= view::kAlertTierCount; ++tier) {
		const std::string prefix = "tier" + std::to_string(tier);
		minimums.push_back(getInt(settings, (prefix + "_min_coins").c_str()));
		durations.push_back(
		    std::clamp<long long>(getInt(settings, (prefix + "_duration_ms").c_str()), 0, 120000));
	}
	queue.tiers = view::tiersFrom(minimums, durations);
	readAlertSounds(settings, queue);
	queue.mergeBelowCoins = std::max<long long>(0, getInt(settings, "merge_below_coins"));
	queue.minHoldMs = std::clamp<long long>(getInt(settings, "min_hold_ms"), 500, 120000);
	queue.maxWaitMs = std::clamp<long long>(getInt(settings, "max_wait_s"), 0, 3600) * 1000;
	readEventAlerts(settings, config);
	readGiftRules(settings, config);
	return config;
}

namespace {

// A Control button: the work happens on the source's next tick.
template <AlertControl control>
void addButton(obs_properties_t *props, const char *name, const char *label, void *data)
{
	obs_properties_add_button2(
	    props, name, text(label),
	    [](obs_properties_t *, obs_property_t *, void *source) {
		    if (source != nullptr) {
			    guarded("alerts button", [&] { controlAlerts(source, control); });
		    }
		    return false;
	    },
	    data);
}

void addMotionList(obs_properties_t *props, const char *name, const char *label)
{
	addStringList(props, name, label,
		      {{"LiveGifts.Alerts.Animation.Slide", "slide"},
		       {"LiveGifts.Alerts.Animation.Fade", "fade"},
		       {"LiveGifts.Alerts.Animation.Pop", "pop"}});
}

} // namespace

obs_properties_t *giftAlertsProperties(void *data)
{
	obs_properties_t *props = obs_properties_create();

	obs_properties_t *alerts = obs_properties_create();
	obs_properties_add_int(alerts, "min_coins", text("LiveGifts.Alerts.MinCoins"), 0, 1000000000, 1);
	obs_properties_add_bool(alerts, "show_guest_gifts", text("LiveGifts.Alerts.ShowGuestGifts"));
	obs_properties_add_int(alerts, "duration_ms", text("LiveGifts.Alerts.Duration"), 500, 120000, 100);
	addMotionList(alerts, "animation_in", "LiveGifts.Alerts.AnimationIn");
	addMotionList(alerts, "animation_out", "LiveGifts.Alerts.AnimationOut");
	obs_properties_add_int(alerts, "intro_ms", text("LiveGifts.Alerts.IntroMs"), 0, 5000, 50);
	obs_properties_add_int(alerts, "outro_ms", text("LiveGifts.Alerts.OutroMs"), 0, 5000, 50);
	obs_properties_add_int(alerts, "merge_below_coins", text("LiveGifts.Alerts.MergeBelow"), 0, 1000000000, 1);
	obs_properties_add_int(alerts, "min_hold_ms", text("LiveGifts.Alerts.MinHold"), 500, 120000, 100);
	obs_properties_add_int(alerts, "max_wait_s", text("LiveGifts.Alerts.MaxWait"), 0, 3600, 1);
	obs_properties_add_group(props, "alerts", text("LiveGifts.Alerts.Behaviour"), OBS_GROUP_NORMAL, alerts);

	obs_properties_t *tiers = obs_properties_create();
	obs_properties_add_int(tiers, "tier1_min_coins", text("LiveGifts.Alerts.Tier1.MinCoins"), 0, 1000000000, 1);
	obs_properties_add_int(tiers, "tier1_duration_ms", text("LiveGifts.Alerts.Tier1.Duration"), 0, 120000, 100);
	obs_properties_add_color_alpha(tiers, "tier1_color_start", text("LiveGifts.Alerts.Tier1.ColorStart"));
	obs_properties_add_color_alpha(tiers, "tier1_color_end", text("LiveGifts.Alerts.Tier1.ColorEnd"));
	obs_properties_add_int(tiers, "tier2_min_coins", text("LiveGifts.Alerts.Tier2.MinCoins"), 0, 1000000000, 1);
	obs_properties_add_int(tiers, "tier2_duration_ms", text("LiveGifts.Alerts.Tier2.Duration"), 0, 120000, 100);
	obs_properties_add_color_alpha(tiers, "tier2_color_start", text("LiveGifts.Alerts.Tier2.ColorStart"));
	obs_properties_add_color_alpha(tiers, "tier2_color_end", text("LiveGifts.Alerts.Tier2.ColorEnd"));
	obs_properties_add_group(props, "tiers", text("LiveGifts.Alerts.Tiers"), OBS_GROUP_NORMAL, tiers);

	addAlertSoundProperties(props);

	obs_properties_t *texts = obs_properties_create();
	obs_properties_add_text(texts, "line1", text("LiveGifts.Alerts.Line1"), OBS_TEXT_DEFAULT);
	obs_properties_add_text(texts, "line2", text("LiveGifts.Alerts.Line2"), OBS_TEXT_DEFAULT);
	obs_properties_add_text(texts, "line3", text("LiveGifts.Alerts.Line3"), OBS_TEXT_DEFAULT);
	obs_properties_add_text(texts, "combo_format", text("LiveGifts.Alerts.Combo"), OBS_TEXT_DEFAULT);
	obs_properties_add_text(texts, "template_help", text("LiveGifts.Alerts.TemplateHelp"), OBS_TEXT_INFO);
	obs_properties_add_bool(texts, "show_avatars", text("LiveGifts.Alerts.ShowAvatars"));
	obs_properties_add_bool(texts, "show_gift_images", text("LiveGifts.Alerts.ShowGiftImages"));
	obs_properties_add_group(props, "texts", text("LiveGifts.Alerts.Texts"), OBS_GROUP_NORMAL, texts);

	addStyleGroup(props, ThemedSource::GiftAlerts);
	obs_properties_t *look = obs_properties_create();
	obs_properties_add_int(look, "width", text("LiveGifts.Width"), 64, 4096, 1);
	obs_properties_add_int(look, "height", text("LiveGifts.Height"), 32, 4096, 1);
	obs_properties_add_font(look, "font", text("LiveGifts.Font"));
	obs_properties_add_color_alpha(look, "text_color", text("LiveGifts.TextColor"));
	obs_properties_add_color_alpha(look, "secondary_color", text("LiveGifts.Alerts.SecondaryColor"));
	obs_properties_add_color_alpha(look, "background_color", text("LiveGifts.Alerts.Background"));
	obs_properties_add_color_alpha(look, "accent_start", text("LiveGifts.Alerts.AccentStart"));
	obs_properties_add_color_alpha(look, "accent_end", text("LiveGifts.Alerts.AccentEnd"));
	obs_properties_add_int_slider(look, "corner_radius", text("LiveGifts.CornerRadius"), 0, 200, 1);
	obs_properties_add_group(props, "look", text("LiveGifts.Look"), OBS_GROUP_NORMAL, look);
	addGiftAlertsTooltips(props);

	addEventAlertProperties(props);
	addGiftRuleProperties(props);

	obs_properties_t *control = obs_properties_create();
	addButton<AlertControl::Test>(control, "test", "LiveGifts.Alerts.Test", data);
	addButton<AlertControl::Skip>(control, "skip", "LiveGifts.Alerts.Skip", data);
	addButton<AlertControl::Pause>(control, "pause", "LiveGifts.Alerts.Pause", data);
	addButton<AlertControl::Resume>(control, "resume", "LiveGifts.Alerts.Resume", data);
	obs_properties_add_group(props, "control", text("LiveGifts.Alerts.Control"), OBS_GROUP_NORMAL, control);

	return props;
}

void giftAlertsDefaults(obs_data_t *settings)
{
	obs_data_set_default_int(settings, "min_coins", 0);
	obs_data_set_default_bool(settings, "show_guest_gifts", false);
	obs_data_set_default_int(settings, "duration_ms", 5000);
	obs_data_set_default_string(settings, "animation_in", "slide");
	obs_data_set_default_string(settings, "animation_out", "fade");
	obs_data_set_default_int(settings, "intro_ms", 450);
	obs_data_set_default_int(settings, "outro_ms", 400);
	obs_data_set_default_int(settings, "merge_below_coins", 100);
	obs_data_set_default_int(settings, "min_hold_ms", 1500);
	obs_data_set_default_int(settings, "max_wait_s", 10);
	obs_data_set_default_int(settings, "tier1_min_coins", 100);
	obs_data_set_default_int(settings, "tier1_duration_ms", 7000);
	setColorDefault(settings, "tier1_color_start", 0xFFC629);
	setColorDefault(settings, "tier1_color_end", 0xFF6A1F);
	obs_data_set_default_int(settings, "tier2_min_coins", 1000);
	obs_data_set_default_int(settings, "tier2_duration_ms", 10000);
	setColorDefault(settings, "tier2_color_start", 0xC77DFF);
	setColorDefault(settings, "tier2_color_end", 0xFF3DCE);
	obs_data_set_default_string(settings, "line1", obs_module_text("LiveGifts.Alerts.DefaultLine1"));
	obs_data_set_default_string(settings, "line2", obs_module_text("LiveGifts.Alerts.DefaultLine2"));
	obs_data_set_default_string(settings, "line3", obs_module_text("LiveGifts.Alerts.DefaultLine3"));
	obs_data_set_default_string(settings, "combo_format", obs_module_text("LiveGifts.Alerts.DefaultCombo"));
	obs_data_set_default_bool(settings, "show_avatars", true);
	obs_data_set_default_bool(settings, "show_gift_images", true);
	obs_data_set_default_int(settings, "width", 640);
	obs_data_set_default_int(settings, "height", 160);
	setFontDefault(settings, "font", "Noto Sans", 36, true);
	setColorDefault(settings, "text_color", 0xFFFFFF);
	setColorDefault(settings, "secondary_color", 0xE6E1F0);
	setColorDefault(settings, "background_color", 0x17121F, 0xE6);
	setColorDefault(settings, "accent_start", 0xFE2C55);
	setColorDefault(settings, "accent_end", 0x25F4EE);
	obs_data_set_default_int(settings, "corner_radius", 28);
	setAlertSoundDefaults(settings);
	setStyleDefaults(settings);
	eventAlertDefaults(settings);
	giftRuleDefaults(settings);
}

} // namespace livegifts::obs
