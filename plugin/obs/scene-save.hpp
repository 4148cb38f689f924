#pragma once

// Asks OBS to save the scene collection soon, as OBS's own windows do after a change the streamer makes, for
// state that lives in a source's settings and that a crash must not lose (a Gift vs Gift round just started,
// stopped or reset). OBS's save calls every source's save callback and writes the collection safely (a new
// file, then renamed).
//
// Threads: requestSceneSave() from any thread (the video thread too): it only queues one task for OBS's UI
// thread, and requests made while that task waits are the same save. Nothing happens without OBS's frontend
// (a bare libobs host such as the render tests has no UI thread to save on).

namespace livegifts::obs {

// UI thread: the frontend is there (obs_module_load found it) or going (OBS exits, the module unloads).
void setSceneSaveAvailable(bool available);
// Any thread; never waits.
void requestSceneSave();

} // namespace livegifts::obs
