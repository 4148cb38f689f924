#include "obs/sources/gift-alerts-events.hpp"

#include "obs/plugin-support.hpp"
#include "obs/sources/settings-util.hpp"
#include "obs/sources/sound-properties.hpp"

#include "view/event-alerts.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace livegifts::obs {

namespace {

// A kind's settings: "<prefix>_enabled" (the group's check box), "<prefix>_line1".."_line3",
// "<prefix>_color_start"/"_end", "<prefix>_duration_ms", "<prefix>_sound" (a sound choice, sound-properties.hpp).
struct KindInfo {
	const char *prefix;
	const char *locale; // LiveGifts.Alerts.<locale>.*
	bool enabled;       // default
	uint32_t start;
	uint32_t end;
	int durationMs;
};

// Follows, shares, subscribers, new Super Fans and Super Fan boxes are on by default: each is one message per
// viewer, rare next to gifts. Like milestones are off: likes arrive all the time, and a busy room would have
// them interrupt gifts. Other superFan messages (TikTok sends several kinds) and battle results are off.
constexpr std::array<KindInfo, view::kEventKindCount> kinds{{
    {"follow", "Follow", true, 0x25F4EE, 0x3D8BFF, 4000},
    {"share", "Share", true, 0x5BE37D, 0x1FB5A6, 4000},
    {"subscribe", "Subscribe", true, 0xFFC629, 0xFF6A1F, 6000},
    {"likes", "Likes", false, 0xFE2C55, 0xFF8FAB, 4000},
    {"superfan_join", "SuperFanJoin", true, 0xB36BFF, 0xFF5CC8, 6000},
    {"superfan_box", "SuperFanBox", true, 0xFFD23F, 0xB36BFF, 5000},
    {"superfan_other", "SuperFanOther", false, 0xB36BFF, 0x6B8BFF, 4000},
    {"battle", "Battle", false, 0xFF3B5C, 0x3D8BFF, 6000},
}};

std::string key(const char *prefix, const char *suffix)
{
	return std::string(prefix) + suffix;
}

std::string localeKey(const KindInfo &kind, const char *suffix)
{
	return std::string("LiveGifts.Alerts.") + kind.locale + "." + suffix;
}

} // namespace

void addEventAlertProperties(obs_properties_t *props)
{
	for (const KindInfo &kind : kinds) {
		obs_properties_t *group = obs_properties_create();
		const std::string p = kind.prefix;
		obs_properties_add_text(group, key(kind.prefix, "_line1").c_str(), text("LiveGifts.Alerts.Line1"),
					OBS_TEXT_DEFAULT);
		obs_properties_add_text(group, key(kind.prefix, "_line2").c_str(), text("LiveGifts.Alerts.Line2"),
					OBS_TEXT_DEFAULT);
		obs_properties_add_text(group, key(kind.prefix, "_line3").c_str(), text("LiveGifts.Alerts.Line3"),
					OBS_TEXT_DEFAULT);
		if (p == "likes") {
			obs_properties_add_int(group, "likes_every", text("LiveGifts.Alerts.Likes.Every"), 10,
					       100000000, 10);
		}
		if (p == "battle") {
			obs_properties_add_text(group, "battle_win_text", text("LiveGifts.Alerts.Battle.WinText"),
						OBS_TEXT_DEFAULT);
			obs_properties_add_text(group, "battle_lose_text", text("LiveGifts.Alerts.Battle.LoseText"),
						OBS_TEXT_DEFAULT);
			obs_properties_add_text(group, "battle_draw_text", text("LiveGifts.Alerts.Battle.DrawText"),
						OBS_TEXT_DEFAULT);
			obs_properties_add_text(group, "battle_side", text("LiveGifts.Goal.BattleSide"),
						OBS_TEXT_DEFAULT);
		}
		obs_properties_add_color_alpha(group, key(kind.prefix, "_color_start").c_str(),
					       text("LiveGifts.Alerts.AccentStart"));
		obs_properties_add_color_alpha(group, key(kind.prefix, "_color_end").c_str(),
					       text("LiveGifts.Alerts.AccentEnd"));
		obs_properties_add_int(group, key(kind.prefix, "_duration_ms").c_str(),
				       text("LiveGifts.Alerts.KindDuration"), 0, 120000, 100);
		addSoundChoice(group, p + "_sound", "LiveGifts.Alerts.Sound");
		obs_properties_add_group(props, key(kind.prefix, "_enabled").c_str(),
					 text(localeKey(kind, "Group").c_str()), OBS_GROUP_CHECKABLE, group);
	}
}

void eventAlertDefaults(obs_data_t *settings)
{
	for (const KindInfo &kind : kinds) {
		obs_data_set_default_bool(settings, key(kind.prefix, "_enabled").c_str(), kind.enabled);
		obs_data_set_default_string(settings, key(kind.prefix, "_line1").c_str(),
					    obs_module_text(localeKey(kind, "DefaultLine1").c_str()));
		obs_data_set_default_string(settings, key(kind.prefix, "_line2").c_str(),
					    obs_module_text(localeKey(kind, "DefaultLine2").c_str()));
		obs_data_set_default_string(settings, key(kind.prefix, "_line3").c_str(),
					    obs_module_text(localeKey(kind, "DefaultLine3").c_str()));
		setColorDefault(settings, key(kind.prefix, "_color_start").c_str(), kind.start);
		setColorDefault(settings, key(kind.prefix, "_color_end").c_str(), kind.end);
		obs_data_set_default_int(settings, key(kind.prefix, "_duration_ms").c_str(), kind.durationMs);
		setSoundChoiceDefaults(settings, key(kind.prefix, "_sound"), "none");
	}
	obs_data_set_default_int(settings, "likes_every", 1000);
	obs_data_set_default_string(settings, "battle_win_text", obs_module_text("LiveGifts.Alerts.Battle.Win"));
	obs_data_set_default_string(settings, "battle_lose_text", obs_module_text("LiveGifts.Alerts.Battle.Lose"));
	obs_data_set_default_string(settings, "battle_draw_text", obs_module_text("LiveGifts.Alerts.Battle.Draw"));
	obs_data_set_default_string(settings, "battle_side", "");
}

void readEventAlerts(obs_data_t *settings, AlertConfig &config)
{
	for (std::size_t i = 0; i < kinds.size(); ++i) {
		const KindInfo &kind = kinds[i];
		view::EventAlertOptions &options = config.queue.events.kinds[i];
		options.enabled = obs_data_get_bool(settings, key(kind.prefix, "_enabled").c_str());
		options.durationMs =
		    std::clamp<long long>(getInt(settings, key(kind.prefix, "_duration_ms").c_str()), 0, 120000);
		options.sound = readSoundChoice(settings, key(kind.prefix, "_sound")).value_or(view::SoundSpec{});
		view::CardLook &look = config.style.events[i];
		look.line1 = getString(settings, key(kind.prefix, "_line1").c_str());
		look.line2 = getString(settings, key(kind.prefix, "_line2").c_str());
		look.line3 = getString(settings, key(kind.prefix, "_line3").c_str());
		look.accent = {getColor(settings, key(kind.prefix, "_color_start").c_str()),
			       getColor(settings, key(kind.prefix, "_color_end").c_str())};
	}
	config.queue.events.likeEvery = std::max<long long>(1, getInt(settings, "likes_every"));
	config.style.battleResults = {getString(settings, "battle_win_text"), getString(settings, "battle_lose_text"),
				      getString(settings, "battle_draw_text")};
	config.style.battleSide = trimmed(getString(settings, "battle_side"));
}

void upgradeEventAlertSettings(obs_data_t *settings)
{
	for (const KindInfo &kind : kinds) {
		upgradeSoundChoice(settings, key(kind.prefix, "_sound"));
	}
	upgradeGiftRuleSettings(settings);
}

} // namespace livegifts::obs
