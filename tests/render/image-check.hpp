#pragma once

// Checks on the captured frame: pixel probes from the spec and the comparison with a golden PNG (or its
// re-blessing with LIVE_GIFTS_BLESS=1).

#include "host-options.hpp"

#include <QImage>

#include <nlohmann/json.hpp>

namespace render_host {

// Pixel probes from the spec: {"x","y","rgb":[r,g,b],"tolerance"} or {"x","y","not_rgb":[r,g,b]}. False when
// one failed.
bool checkProbes(const nlohmann::json &spec, const QImage &actual);

// Compares with options.golden on opaque pixels (the scene has an opaque backdrop): at most
// options.maxBadFraction of the pixels may differ by more than options.tolerance in a channel; a failure
// writes a diff image (red = over tolerance). True without a golden.
bool checkGolden(const Options &options, const QImage &actual);

} // namespace render_host
