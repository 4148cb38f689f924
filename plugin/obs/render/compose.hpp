#pragma once

// A whole piece (a leaderboard row, an alert card) painted into one image on the raster worker: panels,
// pictures and text together, so render draws one sprite instead of stacking several quads over the
// same pixels (every blended pixel costs CPU where the GPU is Mesa's llvmpipe).

#include "obs/render/raster-image.hpp"
#include "obs/render/raster.hpp"

#include <QImage>

#include <memory>

namespace livegifts::obs {

class Composer {
public:
	// A transparent canvas of width x height placed at (x, y) in source coordinates.
	Composer(int x, int y, int width, int height);
	// A canvas starting as a copy of `from` (another Composer's canvas), placed at (x, y).
	Composer(int x, int y, const QImage &from);

	// A rounded rectangle (canvas coordinates) filled with a left-to-right gradient.
	void roundedRect(float x, float y, float w, float h, float radius, Rgba start, Rgba end);
	// A raster result (source coordinates), optionally clipped to the circle inscribed in its box.
	void image(const RasterImage &image, bool circle = false);
	// Painted text (source coordinates), drawn straight from its canvas.
	void image(const PaintedPart &part);

	// The canvas as sprite pixels; crop trims fully transparent borders.
	std::shared_ptr<const RasterImage> finish(bool crop) const;
	// The canvas as painted so far.
	const QImage &canvas() const { return canvas_; }

private:
	int x_;
	int y_;
	QImage canvas_;
};

} // namespace livegifts::obs
