#pragma once

// The hotkeys of each source (OBS's Settings -> Hotkeys, one entry per source; OBS saves and loads their
// bindings with the source): Gift Alerts pause / resume (a pair: bind one key to both to toggle), skip and
// test; Goal Bar reset of its goal; Top Supporters this stream / all time (a pair).

#include <obs-module.h>

#include <vector>

namespace livegifts::obs {

// The hotkeys registered for one source, unregistered when this is destroyed (declare it last in a
// source, so no hotkey reaches a source being torn down).
class SourceHotkeys {
public:
	SourceHotkeys() = default;
	~SourceHotkeys() { clear(); }
	SourceHotkeys(const SourceHotkeys &) = delete;
	SourceHotkeys &operator=(const SourceHotkeys &) = delete;
	SourceHotkeys(SourceHotkeys &&other) noexcept;
	SourceHotkeys &operator=(SourceHotkeys &&other) noexcept;

	void add(obs_hotkey_id id);
	void addPair(obs_hotkey_pair_id id);
	void clear();
	size_t size() const { return ids_.size() + 2 * pairs_.size(); }

private:
	std::vector<obs_hotkey_id> ids_;        // written by the owner's constructor, read by its destructor
	std::vector<obs_hotkey_pair_id> pairs_; // likewise
};

// `data` is the source's private data (what controlAlerts, resetGoalOf take). Gift Alerts had one pause
// hotkey that toggled before the pause / resume pair: a source saved then gets its key on both halves
// once (so it still toggles), noted in `settings` ("hotkeys_paired").
SourceHotkeys registerGiftAlertHotkeys(obs_source_t *source, void *data, obs_data_t *settings);
SourceHotkeys registerGoalBarHotkeys(obs_source_t *source, void *data);
SourceHotkeys registerTopSupportersHotkeys(obs_source_t *source);

} // namespace livegifts::obs
