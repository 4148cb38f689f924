#pragma once

// The procedures that feed raw frames into the engine and drive a source's clock by hand
// (live_gifts_submit_frame, live_gifts_set_time) are for the render-host and smoke tests only. A shipped
// module registers them only when the environment variable LIVE_GIFTS_TEST_HOOKS names a folder that holds
// the module's config folder: the test's own throw-away OBS config, so whatever they count goes into the
// ledger the test chose, never into a streamer's. Read once, at module load.

#include <string>

namespace livegifts::obs {

// Reads LIVE_GIFTS_TEST_HOOKS and the module's config folder (obs_module_load, before any source exists).
void readTestHooksSwitch();

// Whether the test procedures are registered on new sources (any thread, after module load).
bool testHooksEnabled();

// Pure: true when `configFolder` lies inside `switchValue`, an absolute folder other than a filesystem root.
bool testHooksAllowed(const std::string &switchValue, const std::string &configFolder);

} // namespace livegifts::obs
