#pragma once

// A value that moves from `from` to `to` over `durationMs` starting at `startMs`: eased in and out, or (Curve::Out)
// moving at once and slowing down to its end.

#include "core/clock.hpp"
#include "view/easing.hpp"

namespace livegifts::view {

enum class Curve { InOut, Out };

struct Tween {
	Curve curve = Curve::InOut;
	float from = 0.0f;
	float to = 0.0f;
	Millis startMs = 0;
	Millis durationMs = 0;

	float at(Millis now) const
	{
		if (durationMs <= 0 || now >= startMs + durationMs) {
			return to;
		}
		const float t = static_cast<float>(now - startMs) / static_cast<float>(durationMs);
		const float eased = curve == Curve::Out ? ease::outCubic(t) : ease::inOutCubic(ease::clamp01(t));
		return from + (to - from) * eased;
	}
	// Still moving (or waiting for its delayed start).
	bool running(Millis now) const { return durationMs > 0 && now < startMs + durationMs && from != to; }
	// Through the current move (1 when still; below 0 while a delayed start waits).
	float progress(Millis now) const
	{
		if (!running(now)) {
			return 1.0f;
		}
		return static_cast<float>(now - startMs) / static_cast<float>(durationMs);
	}
	// Retargets from wherever it is now (no-op when already heading there).
	void retarget(float target, Millis now, Millis duration, Millis delay = 0)
	{
		if (target == to) {
			return;
		}
		from = at(now);
		to = target;
		startMs = now + delay;
		durationMs = duration;
	}
	void snap(float value)
	{
		from = to = value;
		durationMs = 0;
	}
};

} // namespace livegifts::view
