#pragma once

// OBS's log as the run writes it: every line still goes to stderr, and is kept so that a spec can ask for
// lines it must hold ("expect_log": ["text", ...], each in exactly one line, or {"text": "...", "lines": N} in N
// lines), such as the one a missing sound file gives.

#include <nlohmann/json.hpp>

namespace render_host {

// Installs the log handler (call once, before libobs starts).
void captureLog();
// True when every "expect_log" text of the spec is in as many lines of the log as wanted; prints each one that is not.
bool checkLog(const nlohmann::json &spec);

} // namespace render_host
