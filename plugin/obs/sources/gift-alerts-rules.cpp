// Gift Alerts: the gift rule slots' properties, defaults and reading.
#include "obs/sources/gift-alerts-events.hpp"

#include "obs/plugin-support.hpp"
#include "obs/runtime.hpp"
#include "obs/sources/settings-util.hpp"
#include "obs/sources/sound-properties.hpp"

#include "view/gift-rules.hpp"

#include <util/bmem.h>

#include "core/utf8-path.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

namespace livegifts::obs {

namespace {

// Rule i's settings: "rule<i>_enabled" (the group's check box), "_match" ("gift" or "coins"), "_gift",
// "_min_coins", "_max_coins", "_line1".."_line3", "_picture", "_color_start", "_color_end",
// "_duration_ms", "_sound" (a sound choice, sound-properties.hpp; "default": the gift tier's sound).
std::string ruleKey(int rule, const char *suffix)
{
	return "rule" + std::to_string(rule) + suffix;
}

// The bundled catalogue (read when the properties open, on the UI thread; never in update).
std::vector<view::GiftChoice> loadCatalogue()
{
	char *path = obs_module_file("gifts/catalogue.json");
	const std::string file = path != nullptr ? path : "";
	bfree(path);
	if (file.empty()) {
		return {};
	}
	std::ifstream in(pathFromUtf8(file), std::ios::binary);
	std::stringstream text;
	text << in.rdbuf();
	std::string error;
	std::vector<view::GiftChoice> catalogue = view::parseGiftCatalogue(text.str(), &error);
	if (!error.empty()) {
		LG_LOG(LOG_WARNING, "gift catalogue %s: %s", file.c_str(), error.c_str());
	}
	return catalogue;
}

// Shows the gift list or the coin range of each rule, as its match says.
bool matchChanged(obs_properties_t *props, obs_property_t *, obs_data_t *settings)
{
	for (int rule = 1; rule <= view::kGiftRuleCount; ++rule) {
		const bool byGift = getString(settings, ruleKey(rule, "_match").c_str()) != "coins";
		obs_property_set_visible(obs_properties_get(props, ruleKey(rule, "_gift").c_str()), byGift);
		obs_property_set_visible(obs_properties_get(props, ruleKey(rule, "_min_coins").c_str()), !byGift);
		obs_property_set_visible(obs_properties_get(props, ruleKey(rule, "_max_coins").c_str()), !byGift);
	}
	return true;
}

} // namespace

void addGiftRuleProperties(obs_properties_t *props)
{
	// The gifts seen in this ledger's history and the catalogue's, by name and price.
	const std::vector<view::GiftChoice> choices =
	    view::giftChoices(loadCatalogue(), Runtime::instance().snapshot()->allTime.gifts);
	for (int rule = 1; rule <= view::kGiftRuleCount; ++rule) {
		obs_properties_t *group = obs_properties_create();
		obs_property_t *match = addStringList(
		    group, ruleKey(rule, "_match").c_str(), "LiveGifts.Alerts.Rule.Match",
		    {{"LiveGifts.Alerts.Rule.MatchGift", "gift"}, {"LiveGifts.Alerts.Rule.MatchCoins", "coins"}});
		obs_property_set_modified_callback(match, matchChanged);
		obs_property_t *gift =
		    obs_properties_add_list(group, ruleKey(rule, "_gift").c_str(), text("LiveGifts.Alerts.Rule.Gift"),
					    OBS_COMBO_TYPE_LIST, OBS_COMBO_FORMAT_INT);
		for (const view::GiftChoice &choice : choices) {
			obs_property_list_add_int(
			    gift, view::choiceLabel(choice, text("LiveGifts.Coin"), text("LiveGifts.Coins")).c_str(),
			    choice.giftId);
		}
		obs_properties_add_int(group, ruleKey(rule, "_min_coins").c_str(),
				       text("LiveGifts.Alerts.Rule.MinCoins"), 0, 1000000000, 1);
		obs_properties_add_int(group, ruleKey(rule, "_max_coins").c_str(),
				       text("LiveGifts.Alerts.Rule.MaxCoins"), 0, 1000000000, 1);
		obs_properties_add_text(group, ruleKey(rule, "_line1").c_str(), text("LiveGifts.Alerts.Line1"),
					OBS_TEXT_DEFAULT);
		obs_properties_add_text(group, ruleKey(rule, "_line2").c_str(), text("LiveGifts.Alerts.Line2"),
					OBS_TEXT_DEFAULT);
		obs_properties_add_text(group, ruleKey(rule, "_line3").c_str(), text("LiveGifts.Alerts.Line3"),
					OBS_TEXT_DEFAULT);
		obs_properties_add_text(group, ruleKey(rule, "_help").c_str(), text("LiveGifts.Alerts.Rule.LinesHelp"),
					OBS_TEXT_INFO);
		obs_properties_add_path(group, ruleKey(rule, "_picture").c_str(), text("LiveGifts.Alerts.Rule.Picture"),
					OBS_PATH_FILE, text("LiveGifts.Alerts.Rule.PictureFilter"), nullptr);
		obs_properties_add_color_alpha(group, ruleKey(rule, "_color_start").c_str(),
					       text("LiveGifts.Alerts.AccentStart"));
		obs_properties_add_color_alpha(group, ruleKey(rule, "_color_end").c_str(),
					       text("LiveGifts.Alerts.AccentEnd"));
		obs_properties_add_int(group, ruleKey(rule, "_duration_ms").c_str(),
				       text("LiveGifts.Alerts.KindDuration"), 0, 120000, 100);
		addSoundChoice(group, ruleKey(rule, "_sound"), "LiveGifts.Alerts.Sound",
			       "LiveGifts.Alerts.Sound.AsGift");
		// "Gift rule %1": the locale puts the rule's number where its language wants it.
		std::string title = text("LiveGifts.Alerts.Rule.Group");
		const std::size_t at = title.find("%1");
		if (at == std::string::npos) {
			title += " " + std::to_string(rule);
		} else {
			title.replace(at, 2, std::to_string(rule));
		}
		obs_properties_add_group(props, ruleKey(rule, "_enabled").c_str(), title.c_str(), OBS_GROUP_CHECKABLE,
					 group);
	}
}

void giftRuleDefaults(obs_data_t *settings)
{
	for (int rule = 1; rule <= view::kGiftRuleCount; ++rule) {
		obs_data_set_default_bool(settings, ruleKey(rule, "_enabled").c_str(), false);
		obs_data_set_default_string(settings, ruleKey(rule, "_match").c_str(), "gift");
		obs_data_set_default_int(settings, ruleKey(rule, "_gift").c_str(), 5655); // Rose
		obs_data_set_default_int(settings, ruleKey(rule, "_min_coins").c_str(), 1000);
		obs_data_set_default_int(settings, ruleKey(rule, "_max_coins").c_str(), 0);
		setColorDefault(settings, ruleKey(rule, "_color_start").c_str(), 0xFFE066);
		setColorDefault(settings, ruleKey(rule, "_color_end").c_str(), 0xFF3DCE);
		obs_data_set_default_int(settings, ruleKey(rule, "_duration_ms").c_str(), 0);
		setSoundChoiceDefaults(settings, ruleKey(rule, "_sound"), "default");
	}
}

void readGiftRules(obs_data_t *settings, AlertConfig &config)
{
	config.queue.rules.clear();
	config.style.rules.clear();
	for (int rule = 1; rule <= view::kGiftRuleCount; ++rule) {
		view::GiftRule match;
		match.enabled = obs_data_get_bool(settings, ruleKey(rule, "_enabled").c_str());
		if (getString(settings, ruleKey(rule, "_match").c_str()) == "coins") {
			match.minCoins = std::max<long long>(0, getInt(settings, ruleKey(rule, "_min_coins").c_str()));
			match.maxCoins = std::max<long long>(0, getInt(settings, ruleKey(rule, "_max_coins").c_str()));
		} else {
			match.giftId = getInt(settings, ruleKey(rule, "_gift").c_str());
			match.enabled = match.enabled && match.giftId > 0;
		}
		match.durationMs =
		    std::clamp<long long>(getInt(settings, ruleKey(rule, "_duration_ms").c_str()), 0, 120000);
		match.sound = readSoundChoice(settings, ruleKey(rule, "_sound"));
		config.queue.rules.push_back(match);

		view::CardLook look;
		look.line1 = getString(settings, ruleKey(rule, "_line1").c_str());
		look.line2 = getString(settings, ruleKey(rule, "_line2").c_str());
		look.line3 = getString(settings, ruleKey(rule, "_line3").c_str());
		look.picture = getString(settings, ruleKey(rule, "_picture").c_str());
		look.accent = {getColor(settings, ruleKey(rule, "_color_start").c_str()),
			       getColor(settings, ruleKey(rule, "_color_end").c_str())};
		config.style.rules.push_back(std::move(look));
	}
}

void upgradeGiftRuleSettings(obs_data_t *settings)
{
	for (int rule = 1; rule <= view::kGiftRuleCount; ++rule) {
		upgradeSoundChoice(settings, ruleKey(rule, "_sound"));
	}
}

} // namespace livegifts::obs
