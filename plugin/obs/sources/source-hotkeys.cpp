#include "obs/sources/source-hotkeys.hpp"

#include "obs/plugin-support.hpp"
#include "obs/sources/gift-alerts-controls.hpp"
#include "obs/sources/goal-bar-properties.hpp"
#include "obs/sources/settings-util.hpp"

#include <obs.hpp>

#include <string>
#include <utility>

namespace livegifts::obs {

SourceHotkeys::SourceHotkeys(SourceHotkeys &&other) noexcept
    : ids_(std::exchange(other.ids_, {})), pairs_(std::exchange(other.pairs_, {}))
{
}

SourceHotkeys &SourceHotkeys::operator=(SourceHotkeys &&other) noexcept
{
	if (this != &other) {
		clear();
		ids_ = std::exchange(other.ids_, {});
		pairs_ = std::exchange(other.pairs_, {});
	}
	return *this;
}

void SourceHotkeys::add(obs_hotkey_id id)
{
	if (id != OBS_INVALID_HOTKEY_ID) {
		ids_.push_back(id);
	}
}

void SourceHotkeys::addPair(obs_hotkey_pair_id id)
{
	if (id != OBS_INVALID_HOTKEY_PAIR_ID) {
		pairs_.push_back(id);
	}
}

void SourceHotkeys::clear()
{
	for (const obs_hotkey_id id : ids_) {
		obs_hotkey_unregister(id);
	}
	for (const obs_hotkey_pair_id id : pairs_) {
		obs_hotkey_pair_unregister(id);
	}
	ids_.clear();
	pairs_.clear();
}

namespace {

template <AlertControl control>
void onAlertHotkey(void *data, obs_hotkey_id, obs_hotkey_t *, bool pressed)
{
	if (pressed) {
		guarded("alerts hotkey", [&] { controlAlerts(data, control); });
	}
}

// One half of the pause / resume pair: acts, and says so, only when it changes something (so one key
// bound to both halves toggles).
template <bool pause>
bool onPauseHalf(void *data, obs_hotkey_pair_id, obs_hotkey_t *, bool pressed)
{
	bool acted = false;
	if (pressed) {
		guarded("alerts hotkey", [&] {
			if (alertsPaused(data) != pause) {
				controlAlerts(data, pause ? AlertControl::Pause : AlertControl::Resume);
				acted = true;
			}
		});
	}
	return acted;
}

void onGoalReset(void *data, obs_hotkey_id, obs_hotkey_t *, bool pressed)
{
	if (pressed) {
		guarded("goal hotkey", [&] { resetGoalOf(data); });
	}
}

// One half of the Top Supporters pair: shows this stream's (or all time's) supporters by updating the
// source's "scope" setting (saved with it, as if chosen in its properties).
template <bool allTime>
bool onScopeHalf(void *data, obs_hotkey_pair_id, obs_hotkey_t *, bool pressed)
{
	bool acted = false;
	if (pressed) {
		guarded("top supporters hotkey", [&] {
			auto *source = static_cast<obs_source_t *>(data);
			OBSDataAutoRelease settings(obs_source_get_settings(source));
			// From "since reset" too: each half shows its own scope.
			const char *wanted = allTime ? "all_time" : "stream";
			if (getString(settings, "scope") != wanted) {
				OBSDataAutoRelease change(obs_data_create());
				obs_data_set_string(change, "scope", wanted);
				obs_source_update(source, change);
				acted = true;
			}
		});
	}
	return acted;
}

// A key bound to the old toggling pause hotkey (the pair's first half keeps its name) and nothing bound
// to resume: the key goes on both halves, which toggles. Once per source.
void keepOldToggle(obs_hotkey_pair_id pair, obs_data_t *settings)
{
	if (pair == OBS_INVALID_HOTKEY_PAIR_ID || obs_data_get_bool(settings, "hotkeys_paired")) {
		return;
	}
	obs_data_set_bool(settings, "hotkeys_paired", true);
	obs_data_array_t *pause = nullptr;
	obs_data_array_t *resume = nullptr;
	obs_hotkey_pair_save(pair, &pause, &resume);
	OBSDataArrayAutoRelease pauseKeys(pause);
	OBSDataArrayAutoRelease resumeKeys(resume);
	if (pauseKeys && obs_data_array_count(pauseKeys) > 0 &&
	    (!resumeKeys || obs_data_array_count(resumeKeys) == 0)) {
		obs_hotkey_pair_load(pair, pauseKeys, pauseKeys);
	}
}

} // namespace

SourceHotkeys registerGiftAlertHotkeys(obs_source_t *source, void *data, obs_data_t *settings)
{
	SourceHotkeys hotkeys;
	const obs_hotkey_pair_id pause = obs_hotkey_pair_register_source(
	    source, "live_gifts_alerts_pause", text("LiveGifts.Alerts.HotkeyPause"), "live_gifts_alerts_resume",
	    text("LiveGifts.Alerts.HotkeyResume"), onPauseHalf<true>, onPauseHalf<false>, data, data);
	keepOldToggle(pause, settings);
	hotkeys.addPair(pause);
	hotkeys.add(obs_hotkey_register_source(source, "live_gifts_alerts_skip", text("LiveGifts.Alerts.HotkeySkip"),
					       onAlertHotkey<AlertControl::Skip>, data));
	hotkeys.add(obs_hotkey_register_source(source, "live_gifts_alerts_test", text("LiveGifts.Alerts.HotkeyTest"),
					       onAlertHotkey<AlertControl::Test>, data));
	return hotkeys;
}

SourceHotkeys registerGoalBarHotkeys(obs_source_t *source, void *data)
{
	SourceHotkeys hotkeys;
	hotkeys.add(obs_hotkey_register_source(source, "live_gifts_goal_reset", text("LiveGifts.Goal.HotkeyReset"),
					       onGoalReset, data));
	return hotkeys;
}

SourceHotkeys registerTopSupportersHotkeys(obs_source_t *source)
{
	SourceHotkeys hotkeys;
	hotkeys.addPair(obs_hotkey_pair_register_source(
	    source, "live_gifts_top_stream", text("LiveGifts.Top.HotkeyStream"), "live_gifts_top_all_time",
	    text("LiveGifts.Top.HotkeyAllTime"), onScopeHalf<false>, onScopeHalf<true>, source, source));
	return hotkeys;
}

} // namespace livegifts::obs
