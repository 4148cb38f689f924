#pragma once

// From a painted QImage to the RasterImage the GPU side uploads (raster worker thread).

#include "obs/render/raster.hpp"

#include <QImage>
#include <QRect>

#include <memory>

namespace livegifts::obs {

// Bounds of the pixels with any alpha in a premultiplied ARGB image; empty when nothing was painted.
QRect paintedBounds(const QImage &image);

// The part `bounds` of a premultiplied ARGB canvas as premultiplied RGBA rows, placed at
// (originX + bounds.x, originY + bounds.y) in source coordinates. Empty bounds give an empty image.
std::shared_ptr<RasterImage> toRasterImage(const QImage &canvas, const QRect &bounds, int originX = 0, int originY = 0);

} // namespace livegifts::obs
