#pragma once

// Which parts of a sprite hold pixels (pure pixel arithmetic, no libobs or Qt). A GPU driver on the CPU (Mesa's
// llvmpipe) spends its time per pixel a quad covers, transparent or not: a row of text over nothing is mostly
// nothing. Drawing a sprite as the few rectangles that hold its pixels gives the same picture for far fewer
// pixels.

#include <cstdint>
#include <vector>

namespace livegifts::obs {

// A rectangle of texels: columns [x, x + width), rows [y, y + height).
struct CoverRect {
	int x = 0, y = 0, width = 0, height = 0;
	bool operator==(const CoverRect &) const = default;
};

// Disjoint rectangles of an image of premultiplied RGBA rows (width * 4 bytes each, alpha last) that hold
// every texel with any alpha and every texel beside one (one texel around, so a quad drawn scaled or at a
// fraction of a pixel, sampled with bilinear filtering, draws every pixel the whole image would). Empty when
// the whole image is as cheap: most of it is covered, it is small, or it would take too many rectangles.
std::vector<CoverRect> coverRects(const uint8_t *rgba, int width, int height);

// Calls part(rect) for each rectangle of `cover`, or once with the whole width × height image when `cover` is
// empty (RasterImage::cover's meaning).
template <typename Part>
void forEachCoverRect(const std::vector<CoverRect> &cover, int width, int height, Part &&part)
{
	if (cover.empty()) {
		part(CoverRect{0, 0, width, height});
		return;
	}
	for (const CoverRect &rect : cover) {
		part(rect);
	}
}

// The corners (0 or 1 each way) of a quad as two separate triangles, in the order gs_draw_sprite's strip has them.
inline constexpr int kQuadCorners[6][2] = {{0, 0}, {1, 0}, {0, 1}, {1, 0}, {1, 1}, {0, 1}};

// `a` without what `b` covers, as up to four disjoint rectangles added to `out`.
void subtractRect(const CoverRect &a, const CoverRect &b, std::vector<CoverRect> &out);
// `a` within (0, 0, width, height); width 0 when nothing is left.
CoverRect clipRect(const CoverRect &a, int width, int height);

} // namespace livegifts::obs
