#pragma once

// The requests of the "live-gifts" vendor (obs-websocket CallVendorRequest): JSON in, JSON out. Every
// answer has "ok"; a refused request answers {"ok": false, "error": "<stable code>", "message": "<localised
// words>"} (obs-websocket 5 gives vendors no status of their own). See README "An API for other tools".
//
// Threads: run on obs-websocket's threads. None waits on I/O or on the engine's worker: they read the
// engine's published snapshot and queue frames and commands (as the dock and the test procedures do).

#include <nlohmann/json.hpp>

namespace livegifts::obs::api {

using Json = nlohmann::json;

Json pushEvent(const Json &request);
Json getSummary(const Json &request);
Json setGoal(const Json &request);
Json resetGoal(const Json &request);
Json testAlert(const Json &request);
Json skipAlert(const Json &request);
Json pauseAlerts(const Json &request);
Json resumeAlerts(const Json &request);
// A Gift vs Gift round started, stopped or reset on every Gift vs Gift source (or the one named).
Json startVersus(const Json &request);
Json stopVersus(const Json &request);
Json resetVersus(const Json &request);

// A refusal: {"ok": false, "error": code, "message": obs_module_text(key)}.
Json refuse(const char *code, const char *key);

} // namespace livegifts::obs::api
