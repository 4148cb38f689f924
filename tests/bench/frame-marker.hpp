#pragma once

// A bench-only source, last in the scene: each time OBS renders a frame it notes when (os_gettime_ns)
// the graphics thread got past every source above it, keyed by the frame's video time (the timestamp
// the frame later carries to OBS's outputs). When OBS lags, a frame's video time lies behind the wall
// clock; this tells when it was really drawn.

#include <cstdint>

// Registers the source type "live_gifts_bench_marker" (once, before the scene is made).
void registerFrameMarker();

// The wall-clock time at which the frame with this video time was drawn; 0 when not known (too old).
uint64_t frameDrawnNs(uint64_t videoTime);

// When OBS began the frame with this video time (its tick, os_gettime_ns); 0 when not known.
uint64_t frameBegunNs(uint64_t videoTime);

// How many frames OBS began (its tick, os_gettime_ns) after `afterNs` and before the frame with this video time
// began: 0 when that frame is the first one begun after `afterNs` (or began before it); -1 when not known.
int framesBegunBetween(uint64_t afterNs, uint64_t videoTime);
