#pragma once

// Gift Alerts: the alerts waiting their turn, kept with the source while it is away. OBS saves a source (its
// private settings) when its scene collection is switched away and when it is removed (for Undo); the alerts
// waiting then are kept there with the run of OBS they were saved in, and taken back when the source is loaded
// again in the same run (a collection switched back, an Undo of the removal). A new run of OBS starts without
// them: yesterday's alerts do not play at the start of today's stream.

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
	// Video thread, after the queue's update: takes back alerts load() handed over, then keeps a copy of the
	// waiting alerts for save() when they changed (nothing copied or allocated while they stay the same).
	void follow(view::AlertQueue &queue);
	// UI thread (OBS's save and load), with the source's private settings and this run of OBS.
	void save(obs_data_t *privateSettings, int64_t run) const;
	void load(obs_data_t *privateSettings, int64_t run, obs_source_t *source);

private:
	uint64_t fingerprint_ = 0;                          // video thread: waitingFingerprint() of what waiting_ holds
	bool kept_ = false;                                 // video thread: waiting_ holds alerts
	SharedSlot<const std::deque<view::Alert>> waiting_; // video thread stores, UI thread loads
	Handoff<std::vector<view::Alert>> restore_;         // UI thread puts, video thread takes
};

} // namespace livegifts::obs
