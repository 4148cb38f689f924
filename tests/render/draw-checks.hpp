#pragma once

// Steps that check how a source draws rather than what: a still source draws its parts into its cache
// once and then only the cached texture (its "live_gifts_cache_renders" procedure counts the former).

#include "capture.hpp"

#include <obs.h>

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

namespace render_host {

// {"wait_ready": ["name", ...]}: waits until the named sources have nothing left to paint or upload.
// {"expect_late_first_frames": {"name": N}}: a Gift Alerts source started N alerts whose pixels were not
// ready for the frame that started them (its "live_gifts_alert_figures" procedure); {"expect_gpu_holding":
// {"name": H}}: what its card and combo hold on the GPU (0 nothing, 1 a texture with its upload buffer, 2 a
// settled texture alone).
// {"expect_late_rows": {"name": N}}: a Top Supporters source applied N changed rows before their new pixels
// were painted (its "live_gifts_late_rows" procedure). {"expect_late_texts": {"name": N}}: a Goal Bar applied N
// new texts (moving its bar) before they were painted (its "live_gifts_late_texts" procedure).
// {"expect_draws": {"name": N, ...}, "draw_frames": F (default 30)}: while F more frames were rendered, each
// named source drew, with at most N draw calls a frame on average (its "live_gifts_draw_calls" procedure).
// {"expect_still": ["name", ...], "still_frames": N (default 30)}: every named source drew its parts into
// its cache at least once, and not once more while N more frames were rendered. Prints what it saw.
// {"expect_nearest": {"name": N}, "nearest_frames": F (default 30)}: over F more frames each named source drew N
// draws a frame sampling the nearest texel (the "nearest" of its "live_gifts_draw_calls" procedure).
// {"remember_frame": "label"} keeps the newest frame; {"expect_same_frame": "label"}: the newest frame equals the
// one kept, to the bit.
bool checkDrawStep(const nlohmann::json &step, const std::function<obs_source_t *(const std::string &)> &sourceNamed,
		   const Capture &capture);

} // namespace render_host
