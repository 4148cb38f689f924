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

// The keys of the default look and the value tiers, with their labels.
struct LookSound {
	const char *key;
	const char *labelKey;
	bool tier; // may be "as the default look"
};

constexpr std::array<LookSound, 3> kLooks = {{{"sound", "LiveGifts.Alerts.Sound", false},
					      {"tier1_sound", "LiveGifts.Alerts.Tier1.Sound", true},
					      {"tier2_sound", "LiveGifts.Alerts.Tier2.Sound", true}}};

bool isBundled(const std::string &choice)
{
	return std::find_if(kBundled.begin(), kBundled.end(), [&](const char *name) { return choice == name; }) !=
	       kBundled.end();
}

// Older versions saved a file path where the choice is now.
bool isOldPath(const std::string &choice)
{
	return !choice.empty() && choice != kInherit && choice != kNone && choice != kFile && !isBundled(choice);
}

std::string bundledPath(const std::string &name)
{
	// The module's data folder is known once loaded: a string, no file is touched here.
	const char *data = obs_get_module_data_path(obs_current_module());
	return std::string(data != nullptr ? data : ".") + "/sounds/" + name + ".wav";
}

// The file picker shows only for "your own file" (its key is the choice's key + "_file").
bool choiceChanged(obs_properties_t *props, obs_property_t *list, obs_data_t *settings)
{
	const std::string key = obs_property_name(list);
	obs_property_t *file = obs_properties_get(props, (key + "_file").c_str());
	if (file != nullptr) {
		obs_property_set_visible(file, getString(settings, key.c_str()) == kFile);
	}
	return true;
}

} // namespace

void addSoundChoice(obs_properties_t *group, const std::string &key, const char *labelKey, const char *inheritLabelKey)
{
	obs_property_t *list =
	    obs_properties_add_list(group, key.c_str(), text(labelKey), OBS_COMBO_TYPE_LIST, OBS_COMBO_FORMAT_STRING);
	if (inheritLabelKey != nullptr) {
		obs_property_list_add_string(list, text(inheritLabelKey), kInherit);
	}
	obs_property_list_add_string(list, text("LiveGifts.Alerts.Sound.None"), kNone);
	obs_property_list_add_string(list, text("LiveGifts.Alerts.Sound.Chime"), "chime");
	obs_property_list_add_string(list, text("LiveGifts.Alerts.Sound.Coin"), "coin");
	obs_property_list_add_string(list, text("LiveGifts.Alerts.Sound.Fanfare"), "fanfare");
	obs_property_list_add_string(list, text("LiveGifts.Alerts.Sound.Pop"), "pop");
	obs_property_list_add_string(list, text("LiveGifts.Alerts.Sound.OwnFile"), kFile);
	obs_property_set_modified_callback(list, choiceChanged);
	obs_properties_add_path(group, (key + "_file").c_str(), text("LiveGifts.Alerts.SoundFile"), OBS_PATH_FILE,
				text("LiveGifts.Alerts.SoundFilter"), nullptr);
	obs_properties_add_int_slider(group, (key + "_volume").c_str(), text("LiveGifts.Alerts.SoundVolume"), 0, 100,
				      1);
}

void setSoundChoiceDefaults(obs_data_t *settings, const std::string &key, const char *choice)
{
	obs_data_set_default_string(settings, key.c_str(), choice);
	obs_data_set_default_string(settings, (key + "_file").c_str(), "");
	obs_data_set_default_int(settings, (key + "_volume").c_str(), 80);
}

std::optional<view::SoundSpec> readSoundChoice(obs_data_t *settings, const std::string &key)
{
	const std::string choice = getString(settings, key.c_str());
	if (choice == kInherit) {
		return std::nullopt;
	}
	view::SoundSpec sound;
	sound.volume =
	    static_cast<float>(std::clamp<long long>(getInt(settings, (key + "_volume").c_str()), 0, 100)) / 100.0f;
	if (choice == kFile) {
		sound.path = getString(settings, (key + "_file").c_str());
	} else if (isBundled(choice)) {
		sound.path = bundledPath(choice);
	} else if (isOldPath(choice)) {
		sound.path = choice;
	}
	return sound; // "none": silent
}

void upgradeSoundChoice(obs_data_t *settings, const std::string &key)
{
	const std::string choice = getString(settings, key.c_str());
	if (isOldPath(choice)) {
		obs_data_set_string(settings, (key + "_file").c_str(), choice.c_str());
		obs_data_set_string(settings, key.c_str(), kFile);
	}
}

void addAlertSoundProperties(obs_properties_t *props)
{
	obs_properties_t *sounds = obs_properties_create();
	for (const LookSound &look : kLooks) {
		addSoundChoice(sounds, look.key, look.labelKey,
			       look.tier ? "LiveGifts.Alerts.Sound.AsDefault" : nullptr);
	}
	obs_properties_add_text(sounds, "sound_help", text("LiveGifts.Alerts.SoundHelp"), OBS_TEXT_INFO);
	obs_properties_add_group(props, "sounds", text("LiveGifts.Alerts.Sounds"), OBS_GROUP_NORMAL, sounds);
}

void setAlertSoundDefaults(obs_data_t *settings)
{
	const std::array<const char *, 3> choices = {"chime", "coin", "fanfare"};
	for (size_t i = 0; i < kLooks.size(); ++i) {
		setSoundChoiceDefaults(settings, kLooks[i].key, choices[i]);
	}
}

void readAlertSounds(obs_data_t *settings, view::AlertQueueOptions &queue)
{
	queue.sound = readSoundChoice(settings, kLooks[0].key).value_or(view::SoundSpec{});
	queue.tierSounds.clear();
	for (size_t level = 1; level < kLooks.size(); ++level) {
		if (std::optional<view::SoundSpec> sound = readSoundChoice(settings, kLooks[level].key)) {
			queue.tierSounds[static_cast<int>(level)] = std::move(*sound);
		}
	}
}

} // namespace livegifts::obs
