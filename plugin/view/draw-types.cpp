#include "view/draw-types.hpp"

#include <algorithm>
#include <cmath>

namespace livegifts::view {

Rgba Rgba::fromAbgr(uint32_t abgr)
{
	return Rgba{static_cast<uint8_t>(abgr & 0xff), static_cast<uint8_t>((abgr >> 8) & 0xff),
		    static_cast<uint8_t>((abgr >> 16) & 0xff), static_cast<uint8_t>((abgr >> 24) & 0xff)};
}

Rgba mix(Rgba a, Rgba b, float t)
{
	auto lerp = [t](uint8_t x, uint8_t y) {
		return static_cast<uint8_t>(std::lround(static_cast<float>(x) + (static_cast<float>(y) - x) * t));
	};
	return Rgba{lerp(a.r, b.r), lerp(a.g, b.g), lerp(a.b, b.b), lerp(a.a, b.a)};
}

Rgba faded(Rgba color, float opacity)
{
	color.a = static_cast<uint8_t>(std::lround(static_cast<float>(color.a) * std::clamp(opacity, 0.0f, 1.0f)));
	return color;
}

std::optional<FillQuad> fillQuadOf(float x, float y, float w, float h, float fraction, bool vertical)
{
	fraction = std::clamp(fraction, 0.0f, 1.0f);
	if (fraction <= 0.0f) {
		return std::nullopt;
	}
	FillQuad quad;
	quad.x = x;
	quad.w = w;
	quad.h = h;
	quad.fillW = w;
	quad.fillH = h;
	if (vertical) {
		quad.h = h * fraction;
		quad.y = y + h - quad.h;
		quad.originY = h - quad.h;
		quad.fillH = std::max(h * fraction, std::min(w, h));
	} else {
		quad.y = y;
		quad.w = w * fraction;
		quad.fillW = std::max(w * fraction, std::min(w, h));
	}
	return quad;
}

} // namespace livegifts::view
