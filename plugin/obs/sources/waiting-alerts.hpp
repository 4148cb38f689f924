#pragma once

// Gift Alerts: the alerts waiting their turn, kept with the source while it is away. OBS saves a source (its
// private settings) when its scene collection is switched away and when it is removed (for Undo); the alerts
// waiting then are kept there with the run of OBS they were saved in, and taken back when a new source is
// loaded from them in the same run (a collection switched back, an Undo of the removal). A new run of OBS
// starts without them: yesterday's alerts do not play at the start of today's stream.
//
// Each list kept has a token of its own, and a list is taken back once in a run of OBS: OBS keeps the data of
// an Undo to use again after a Redo, and it brings no alert twice. When the source that took a list is gone
// (a Redo removed it), an Undo again takes what it saved as it went, the alerts still waiting then. (OBS also calls
// load on sources that live on, a scene's Undo loading every source of the scene again: makeSourceInfo passes that on
// to new sources only.)

#include "core/handoff.hpp"
#include "core/shared-slot.hpp"
#include "view/alert-queue.hpp"

#include <obs-module.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

namespace livegifts::obs {

class WaitingAlerts {
public:
	WaitingAlerts() = default;
	~WaitingAlerts();
	WaitingAlerts(const WaitingAlerts &) = delete;
	WaitingAlerts &operator=(const WaitingAlerts &) = delete;

	// Video thread, after the queue's update: takes back alerts load() handed over, then keeps a copy of the
	// waiting alerts for save() when they changed (nothing copied or allocated while they stay the same).
	void follow(view::AlertQueue &queue);
	// UI thread (OBS's save and load), with the source's private settings and this run of OBS.
	void save(obs_data_t *privateSettings, int64_t run);
	void load(obs_data_t *privateSettings, int64_t run, obs_source_t *source);

private:
	struct Kept {
		std::deque<view::Alert> alerts;
		int64_t token = 0; // this list's, unique in the run of OBS
	};
	uint64_t fingerprint_ = 0;                  // video thread: waitingFingerprint() of what waiting_ holds
	bool kept_ = false;                         // video thread: waiting_ holds alerts
	SharedSlot<const Kept> waiting_;            // follow() or load() store, save() loads
	Handoff<std::vector<view::Alert>> restore_; // load() puts, follow() takes
	int64_t takenToken_ = 0; // UI thread (load, save, the destructor): the list this source took back, 0: none
};

} // namespace livegifts::obs
