// toRasterImage: the painted part of a canvas as premultiplied RGBA rows, byte for byte what QImage's own
// conversion gives, for the canvases the painters make (premultiplied ARGB) and for fetched pictures
// (premultiplied RGBA) and other formats.

#include "obs/render/raster-image.hpp"

#include <catch2/catch.hpp>

#include <QImage>

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

using livegifts::obs::paintedBounds;
using livegifts::obs::RasterImage;
using livegifts::obs::toRasterImage;

namespace {

// Random premultiplied pixels (every channel at most alpha), some fully transparent.
QImage randomCanvas(int width, int height, unsigned seed)
{
	QImage image(width, height, QImage::Format_ARGB32_Premultiplied);
	std::mt19937 random(seed);
	const auto below = [&random](uint32_t bound) { return static_cast<uint32_t>(random() % bound); };
	for (int y = 0; y < height; ++y) {
		auto *row = reinterpret_cast<uint32_t *>(image.scanLine(y));
		for (int x = 0; x < width; ++x) {
			const uint32_t a = below(4) == 0 ? 0 : below(256);
			const uint32_t r = below(a + 1);
			const uint32_t g = below(a + 1);
			const uint32_t b = below(a + 1);
			row[x] = (a << 24) | (r << 16) | (g << 8) | b;
		}
	}
	return image;
}

// What the conversion was before: a cropped copy converted by Qt, row by row.
std::vector<uint8_t> qtRgba(const QImage &canvas, const QRect &bounds)
{
	const QImage cropped = canvas.copy(bounds).convertToFormat(QImage::Format_RGBA8888_Premultiplied);
	std::vector<uint8_t> bytes;
	for (int y = 0; y < cropped.height(); ++y) {
		const uint8_t *row = cropped.constScanLine(y);
		bytes.insert(bytes.end(), row, row + static_cast<size_t>(cropped.width()) * 4);
	}
	return bytes;
}

} // namespace

TEST_CASE("toRasterImage: a part of a premultiplied ARGB canvas, as Qt converts it, placed", "[raster-image]")
{
	const QImage canvas = randomCanvas(97, 41, 7);
	const QRect part(13, 5, 60, 30);
	const auto image = toRasterImage(canvas, part, 100, 200);
	CHECK(image->x == 113);
	CHECK(image->y == 205);
	CHECK(image->width == 60);
	CHECK(image->height == 30);
	CHECK(image->rgba == qtRgba(canvas, part));
	// The whole canvas too.
	CHECK(toRasterImage(canvas, canvas.rect())->rgba == qtRgba(canvas, canvas.rect()));
}

TEST_CASE("toRasterImage: premultiplied RGBA and other formats give the same bytes as Qt's conversion",
	  "[raster-image]")
{
	const QImage argb = randomCanvas(33, 17, 11);
	const QRect part(3, 2, 20, 9);
	const QImage rgba = argb.convertToFormat(QImage::Format_RGBA8888_Premultiplied);
	CHECK(toRasterImage(rgba, part)->rgba == qtRgba(rgba, part));
	const QImage straight = argb.convertToFormat(QImage::Format_ARGB32);
	CHECK(toRasterImage(straight, part)->rgba == qtRgba(straight, part));
}

TEST_CASE("toRasterImage: nothing painted gives an empty image", "[raster-image]")
{
	QImage canvas(20, 10, QImage::Format_ARGB32_Premultiplied);
	canvas.fill(Qt::transparent);
	CHECK(paintedBounds(canvas).isEmpty());
	CHECK(toRasterImage(canvas, paintedBounds(canvas))->empty());
	canvas.setPixel(4, 3, 0xFF102030u);
	const QRect bounds = paintedBounds(canvas);
	CHECK(bounds == QRect(4, 3, 1, 1));
	const auto image = toRasterImage(canvas, bounds);
	CHECK(image->rgba == std::vector<uint8_t>{0x10, 0x20, 0x30, 0xFF});
}
