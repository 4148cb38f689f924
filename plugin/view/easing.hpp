#pragma once

// Easing curves for the sources' animations: t in 0..1 to progress (0 at t = 0, 1 at t = 1).

#include <algorithm>
#include <cmath>

namespace livegifts::view::ease {

inline float clamp01(float t)
{
	return std::clamp(t, 0.0f, 1.0f);
}

inline float outCubic(float t)
{
	const float u = 1.0f - clamp01(t);
	return 1.0f - u * u * u;
}

inline float inCubic(float t)
{
	t = clamp01(t);
	return t * t * t;
}

inline float inOutCubic(float t)
{
	t = clamp01(t);
	return t < 0.5f ? 4.0f * t * t * t : 1.0f - std::pow(-2.0f * t + 2.0f, 3.0f) / 2.0f;
}

// Overshoots a little past 1 before settling (a "pop").
inline float outBack(float t)
{
	constexpr float c1 = 1.70158f;
	constexpr float c3 = c1 + 1.0f;
	const float u = clamp01(t) - 1.0f;
	return 1.0f + c3 * u * u * u + c1 * u * u;
}

// A bump that rises and falls back to 0 over t = 0..1 (peak 1 at t = 0.35).
inline float bump(float t)
{
	t = clamp01(t);
	constexpr float peak = 0.35f;
	return t < peak ? outCubic(t / peak) : 1.0f - inOutCubic((t - peak) / (1.0f - peak));
}

} // namespace livegifts::view::ease
