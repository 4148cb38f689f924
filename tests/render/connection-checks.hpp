#pragma once

// Spec steps that set and check the module's one connection store:
//   {"set_connection": {...}}  sets it as the dock does (live_gifts_set_connection, connection.json's schema)
//   {"expect_connection": {"kind": "replay", ...}}  the runtime's connection (live_gifts_connection, API key
//       masked) has these values and the connector runs its newest revision (waits up to 10 s for that)
//   {"expect_connection_file": {"kind": ...}}  connection.json in the config folder has these values, is
//       mode 0600 in a 0700 folder (waits up to 10 s for the control thread's save)
//   {"expect_saved_without": ["key", ...]}  what every source of ours saves (obs_save_source) holds none of
//       these settings keys
//   {"expect_procs": {"live_gifts_submit_frame": false, ...}}  every source of ours has (true) or lacks
//       (false) these procedures (the test-only ones are absent without the test switch)
//   {"expect_private_saved": {"name": ["key", ...]}}  what that source saves holds these private settings;
//       {"name": {"key": "text"}}: and the string value of each holds that text
//   {"expect_alerts": {"name": {"paused": true, "queued": 1, "showing": false}}}  what that Gift Alerts
//       source's queue holds (live_gifts_alerts_state); keys left out are not checked

#include "obs-session.hpp"

#include <obs.hpp>

#include <nlohmann/json.hpp>

#include <vector>

namespace render_host {

// False (after printing why) when a check of the step failed; true when it has none.
bool checkConnectionStep(const nlohmann::json &step, obs_source_t *any, const std::vector<OBSSourceAutoRelease> &ours,
			 const ObsSession &session);

} // namespace render_host
