#pragma once

// From a painted QImage to the RasterImage the GPU side uploads (raster worker thread).

#include "obs/render/raster.hpp"

#include <QImage>
#include <QRect>

#include <memory>
#include <vector>

namespace livegifts::obs {

// Bounds of the pixels with any alpha in a premultiplied ARGB image; empty when nothing was painted.
QRect paintedBounds(const QImage &image);

// The part `bounds` of a premultiplied ARGB canvas as premultiplied RGBA rows, placed at
// (originX + bounds.x, originY + bounds.y) in source coordinates. Empty bounds give an empty image.
std::shared_ptr<RasterImage> toRasterImage(const QImage &canvas, const QRect &bounds, int originX = 0, int originY = 0);

// The part `bounds` of a premultiplied ARGB canvas whose top-left corner lies at (x, y) in source coordinates:
// painted text before it becomes a RasterImage. A card or a row draws it into its own canvas as it is, with no
// copy, no conversion to RGBA and no cover rectangles (Composer::image).
struct PaintedPart {
	QImage canvas;
	QRect bounds;
	int x = 0;
	int y = 0;
};

// rasterizeText's painting, before the RasterImage (raster.cpp).
PaintedPart paintText(const std::vector<TextItem> &items, int canvasWidth, int canvasHeight);

} // namespace livegifts::obs
