#pragma once

// Text rasterising: QPainter on a QImage (never QPixmap: this runs on the raster worker, not the UI
// thread). The result is premultiplied RGBA cropped to what was painted, placed in source coordinates.

#include "obs/render/cover.hpp"
#include "view/draw-types.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace livegifts::obs {

using view::FontSpec;
using view::HAlign;
using view::Rgba;
using view::TextItem;

// Pixels ready for gs_texture_create(GS_RGBA): premultiplied, rows of width*4 bytes.
struct RasterImage {
	int x = 0, y = 0; // top-left in source coordinates
	int width = 0, height = 0;
	std::vector<uint8_t> rgba;
	// The parts that hold its pixels (coverRects): draw these instead of the whole; empty = the whole image.
	std::vector<CoverRect> cover;
	bool empty() const { return width <= 0 || height <= 0; }
};

// Lays out and paints the items on a transparent canvas of canvasWidth x canvasHeight, then crops to the
// painted bounds. Needs a Qt application object to exist (OBS's GUI has one; hosts create one).
std::shared_ptr<const RasterImage> rasterizeText(const std::vector<TextItem> &items, int canvasWidth, int canvasHeight);

// The width in pixels the item's text takes on one line, unelided, in its font (raster worker).
int textWidth(const TextItem &item);

// The same, every layer painted over the whole canvas. rasterizeText paints only the part its text reaches;
// its result must be this one's, pixel for pixel (tests and benchmarks compare them).
std::shared_ptr<const RasterImage> rasterizeTextWhole(const std::vector<TextItem> &items, int canvasWidth,
						      int canvasHeight);

} // namespace livegifts::obs
