#include "view/pixel-grid.hpp"

#include <cmath>

namespace livegifts::view {

namespace {

// Far below what moves a sample to another texel, far above a float's error in a canvas-sized translation.
constexpr float kSlack = 1.0f / 1024.0f;
// Past this, a float's step nears kSlack: such a move is not checked, it is refused.
constexpr float kLargest = 1 << 20;

bool near(float value, float wanted)
{
	return std::fabs(value - wanted) <= kSlack;
}

bool wholePixels(float value)
{
	return std::isfinite(value) && std::fabs(value) < kLargest && near(value, std::round(value));
}

bool sameSize(int width, int height, int otherWidth, int otherHeight)
{
	return width > 0 && height > 0 && width == otherWidth && height == otherHeight;
}

} // namespace

bool texelsOnPixels(const DrawPlacement &p, float x, float y)
{
	if (p.targetWidth <= 0 || p.targetHeight <= 0 || p.viewportX != 0 || p.viewportY != 0 ||
	    p.viewportWidth != p.targetWidth || p.viewportHeight != p.targetHeight) {
		return false;
	}
	if (!sameSize(p.targetWidth, p.targetHeight, p.canvasWidth, p.canvasHeight) &&
	    !sameSize(p.targetWidth, p.targetHeight, p.sourceWidth, p.sourceHeight)) {
		return false;
	}
	const auto &m = p.world;
	// Rows x and y are the unit axes (no scale, turn or shear), no perspective, and t.w is 1.
	const bool moveOnly = near(m[0], 1.0f) && near(m[1], 0.0f) && near(m[3], 0.0f) && near(m[4], 0.0f) &&
			      near(m[5], 1.0f) && near(m[7], 0.0f) && near(m[15], 1.0f);
	return moveOnly && wholePixels(m[12] + x) && wholePixels(m[13] + y);
}

} // namespace livegifts::view
