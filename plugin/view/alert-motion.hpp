#pragma once

// How a gift alert card moves: in and out with a slide, fade or pop, and the combo count's pulse when a
// live streak grows. Pure functions of the queue's phase and of time.

#include "core/clock.hpp"
#include "view/alert-queue.hpp"

#include <string_view>

namespace livegifts::view {

enum class Motion { Slide, Fade, Pop };

// "slide", "fade" or "pop" (anything else: slide).
Motion motionFrom(std::string_view name);

constexpr float kSlideFraction = 0.35f; // a slide travels this much of the card's width
constexpr Millis kPulseMs = 320;        // the combo count's pulse
constexpr float kPulseScale = 0.32f;    // how much larger the combo count gets at the pulse's peak

// The card's transform in one frame: drawn about its centre, moved by offsetX, scaled by scale.
struct AlertFrame {
	bool visible = false; // false: nothing to draw (no alert, or fully transparent)
	float opacity = 1.0f;
	float scale = 1.0f;
	float offsetX = 0.0f;
	float comboScale = 1.0f;
	bool operator==(const AlertFrame &) const = default;
};

// The card's frame `progress` (0..1) into `phase`; comes in with `in`, goes out with `out`.
// Idle and Hold show the card still and whole (comboScale stays 1: see pulseScale).
AlertFrame alertFrame(AlertPhase phase, float progress, Motion in, Motion out, int cardWidth);

// The combo count's scale `sinceMs` after the count grew: rises to 1 + kPulseScale and settles back to 1
// at kPulseMs (1 before 0 and from kPulseMs on).
float pulseScale(Millis sinceMs);

} // namespace livegifts::view
