#pragma once

// What a streamer or automation can ask of a Gift Alerts source besides its settings: test, skip, pause,
// resume and replay the last alert, from the Control buttons, the hotkeys (source-hotkeys.hpp), the dock and
// the proc handler. Requests are taken by the source's next tick.

#include "core/snapshot.hpp"
#include "obs/sources/waiting-alerts.hpp"

#include <obs-module.h>

#include <string>

namespace livegifts::obs {

enum class AlertControl { Test, Skip, Pause, Resume, TogglePause, ReplayLast };

// What the source's queue holds, as its last tick left it (any thread; atomics).
struct AlertQueueState {
	long long queued = 0; // alerts waiting
	bool showing = false; // an alert is on screen
	bool paused = false;
};
AlertQueueState alertQueueState(void *data);

// Asks the source whose private data is `data` (defined with the source). Any thread.
void controlAlerts(void *data, AlertControl control);

// A show rule's own card (view::AlertQueue::pushCustom): `text` its line (a template), `activity` what
// fills it. Queued by the source's next tick, waiting its turn like any alert. Any thread.
void queueRuleCard(void *data, GiftActivity activity, std::string text);

// Whether the source is paused or asked to pause (any thread; the hotkeys are in source-hotkeys.hpp).
bool alertsPaused(void *data);

// OBS's save and load of the source (UI thread): a pause is kept in its private settings with the run of OBS
// it was made in, so it lasts through a scene collection switched away and back and an Undo of the source's
// removal, until resumed or OBS closes (a pause forgotten at the end of a stream does not keep the next
// stream's alerts away). The alerts waiting are kept the same way (waiting-alerts.hpp).
void saveAlertsState(void *data, obs_source_t *source, WaitingAlerts &waiting);
void loadAlertsState(void *data, obs_source_t *source, WaitingAlerts &waiting);

// The same controls for automation (obs-websocket vendor requests, tests):
//   live_gifts_alerts_pause(in bool paused), live_gifts_alerts_skip(), live_gifts_alerts_test(),
//   live_gifts_alerts_replay() (the last alert shown, again),
//   live_gifts_alerts_state(out int queued, out bool showing, out bool paused)
//   live_gifts_alerts_card(in string text, in string nickname, in string user, in string avatar,
//   in string gift, in string gift_image, in string recipient, in int gift_id, in int count, in int coins): a
//   show rule's card (recipient: a guest's name for {recipient}; empty for the host)
//   live_gifts_test_event(in string kind): a test event of that kind ("follow", "bigGift", ... see
//   core/test-events.hpp) shown by every Gift Alerts source, never counted.
void registerAlertProcs(obs_source_t *source, void *data);

} // namespace livegifts::obs
