#pragma once

// The module's frontend part: the "Live Gifts" dock (Docks menu) and the module-wide hotkeys (reconnect,
// start stream, end stream, saved with the scene collection). Only when OBS runs with its frontend and a
// QApplication: a bare libobs host (the render tests, a QGuiApplication, no frontend) gets neither and no
// widget is ever created there.

namespace livegifts::obs::dock {

// obs_module_load (UI thread).
void loadFrontend();
// obs_module_unload.
void unloadFrontend();

} // namespace livegifts::obs::dock
