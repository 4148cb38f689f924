#include "obs/sources/sound-properties.hpp"

#include "obs/plugin-support.hpp"
#include "obs/sources/settings-util.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

namespace livegifts::obs {
namespace {

// The sounds the project makes itself (data/sounds/NAME.wav, see packaging/sounds).
constexpr std::array<const char *, 4> kBundled = {"chime", "coin", "fanfare", "pop"};
constexpr const char *kInherit = "default"; // a tier: as the default look
constexpr const char *kNone = "none";
constexpr const char *kFile = "file"; // the streamer's own file

// Setting keys of one look: "" (the default look), "tier1_", "tier2_".
struct SoundKeys {
	const char *prefix;
	const char *labelKey; // the choice's label
	bool tier;
	std::string choice() const { return std::string(prefix) + "sound"; }
	std::string file() const { return std::string(prefix) + "sound_file"; }
	std::string volume() const { return std::string(prefix) + "sound_volume"; }
};

constexpr std::array<SoundKeys, 3> kLooks = {{{"", "LiveGifts.Alerts.Sound", false},
					      {"tier1_", "LiveGifts.Alerts.Tier1.Sound", true},
					      {"tier2_", "LiveGifts.Alerts.Tier2.Sound", true}}};

std::string bundledPath(const std::string &name)
{
	// The module's data folder is known once loaded: a string, no file is touched here.
	const char *data = obs_get_module_data_path(obs_current_module());
	return std::string(data != nullptr ? data : ".") + "/sounds/" + name + ".wav";
}

// The look's sound, or none when a tier is left as the default look.
std::optional<view::SoundSpec> readSound(obs_data_t *settings, const SoundKeys &keys)
{
	const std::string choice = getString(settings, keys.choice().c_str());
	if (keys.tier && choice == kInherit) {
		return std::nullopt;
	}
	view::SoundSpec sound;
	sound.volume =
	    static_cast<float>(std::clamp<long long>(obs_data_get_int(settings, keys.volume().c_str()), 0, 100)) /
	    100.0f;
	if (choice == kFile) {
		sound.path = getString(settings, keys.file().c_str());
	} else if (std::find_if(kBundled.begin(), kBundled.end(), [&](const char *name) { return choice == name; }) !=
		   kBundled.end()) {
		sound.path = bundledPath(choice);
	}
	return sound; // "none" (or an unknown choice): silent
}

// The file picker shows only for "your own file".
bool choiceChanged(void *param, obs_properties_t *props, obs_property_t *, obs_data_t *settings)
{
	const auto *keys = static_cast<const SoundKeys *>(param);
	obs_property_t *file = obs_properties_get(props, keys->file().c_str());
	if (file != nullptr) {
		obs_property_set_visible(file, getString(settings, keys->choice().c_str()) == kFile);
	}
	return true;
}

} // namespace

void addAlertSoundProperties(obs_properties_t *props)
{
	obs_properties_t *sounds = obs_properties_create();
	for (const SoundKeys &keys : kLooks) {
		obs_property_t *list = obs_properties_add_list(sounds, keys.choice().c_str(), text(keys.labelKey),
							       OBS_COMBO_TYPE_LIST, OBS_COMBO_FORMAT_STRING);
		if (keys.tier) {
			obs_property_list_add_string(list, text("LiveGifts.Alerts.Sound.AsDefault"), kInherit);
		}
		obs_property_list_add_string(list, text("LiveGifts.Alerts.Sound.None"), kNone);
		obs_property_list_add_string(list, text("LiveGifts.Alerts.Sound.Chime"), "chime");
		obs_property_list_add_string(list, text("LiveGifts.Alerts.Sound.Coin"), "coin");
		obs_property_list_add_string(list, text("LiveGifts.Alerts.Sound.Fanfare"), "fanfare");
		obs_property_list_add_string(list, text("LiveGifts.Alerts.Sound.Pop"), "pop");
		obs_property_list_add_string(list, text("LiveGifts.Alerts.Sound.OwnFile"), kFile);
		obs_property_set_modified_callback2(list, choiceChanged, const_cast<SoundKeys *>(&keys));
		obs_properties_add_path(sounds, keys.file().c_str(), text("LiveGifts.Alerts.SoundFile"), OBS_PATH_FILE,
					text("LiveGifts.Alerts.SoundFilter"), nullptr);
		obs_properties_add_int_slider(sounds, keys.volume().c_str(), text("LiveGifts.Alerts.SoundVolume"), 0,
					      100, 1);
	}
	obs_properties_add_text(sounds, "sound_help", text("LiveGifts.Alerts.SoundHelp"), OBS_TEXT_INFO);
	obs_properties_add_group(props, "sounds", text("LiveGifts.Alerts.Sounds"), OBS_GROUP_NORMAL, sounds);
}

void setAlertSoundDefaults(obs_data_t *settings)
{
	const std::array<const char *, 3> choices = {"chime", "coin", "fanfare"};
	for (size_t i = 0; i < kLooks.size(); ++i) {
		obs_data_set_default_string(settings, kLooks[i].choice().c_str(), choices[i]);
		obs_data_set_default_string(settings, kLooks[i].file().c_str(), "");
		obs_data_set_default_int(settings, kLooks[i].volume().c_str(), 80);
	}
}

void readAlertSounds(obs_data_t *settings, view::AlertQueueOptions &queue)
{
	queue.sound = readSound(settings, kLooks[0]).value_or(view::SoundSpec{});
	queue.tierSounds.clear();
	for (size_t level = 1; level < kLooks.size(); ++level) {
		if (std::optional<view::SoundSpec> sound = readSound(settings, kLooks[level])) {
			queue.tierSounds[static_cast<int>(level)] = std::move(*sound);
		}
	}
}

} // namespace livegifts::obs
