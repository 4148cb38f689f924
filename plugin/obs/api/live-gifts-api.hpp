#pragma once

// The "live-gifts" vendor of obs-websocket: requests for other tools (Streamer.bot, Touch Portal, scripts)
// and vendor events. README "An API for other tools" documents them.

namespace livegifts::obs::api {

// obs_module_post_load (UI thread): registers the vendor and its requests and starts the event thread
// (which also creates the runtime, so requests work before any of our sources exists). Without
// obs-websocket: one log line, nothing else.
void startApi();
// OBS_FRONTEND_EVENT_EXIT (obs-websocket still loaded): stops events, unregisters the requests.
// obs_module_unload: stops events and forgets the vendor without calling obs-websocket (it may be gone).
void stopApi(bool websocketLoaded);

} // namespace livegifts::obs::api
