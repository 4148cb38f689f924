// outlineOf and paintedBounds (plugin/obs/render) give exactly what the plain definitions give: every offset of
// the weighted disc tried for every pixel, every pixel of every row looked at.
#include "obs/render/raster-image.hpp"
#include "obs/render/text-outline.hpp"

#include <QImage>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

using namespace livegifts;

namespace {

QRect plainBounds(const QImage &image)
{
	int top = image.height(), bottom = -1, left = image.width(), right = -1;
	for (int y = 0; y < image.height(); ++y) {
		const auto *row = reinterpret_cast<const uint32_t *>(image.constScanLine(y));
		for (int x = 0; x < image.width(); ++x) {
			if ((row[x] >> 24) != 0) {
				top = std::min(top, y);
				bottom = std::max(bottom, y);
				left = std::min(left, x);
				right = std::max(right, x);
			}
		}
	}
	return bottom < 0 ? QRect() : QRect(QPoint(left, top), QPoint(right, bottom));
}

// The outline by its definition: per pixel, the largest alpha x weight over the disc's offsets, in float.
QImage plainOutline(const QImage &coverage, int width, view::Rgba color)
{
	QImage out(coverage.size(), QImage::Format_ARGB32_Premultiplied);
	out.fill(Qt::transparent);
	if (width <= 0 || color.a == 0) {
		return out;
	}
	const QImage source = coverage.convertToFormat(QImage::Format_ARGB32_Premultiplied);
	const float radius = static_cast<float>(width) + 0.5f;
	const float scale = static_cast<float>(color.a) / (255.0f * 255.0f);
	for (int y = 0; y < out.height(); ++y) {
		auto *row = reinterpret_cast<QRgb *>(out.scanLine(y));
		for (int x = 0; x < out.width(); ++x) {
			float best = 0.0f;
			for (int dy = -width - 1; dy <= width + 1; ++dy) {
				for (int dx = -width - 1; dx <= width + 1; ++dx) {
					const int sx = x + dx;
					const int sy = y + dy;
					if (sx < 0 || sy < 0 || sx >= out.width() || sy >= out.height()) {
						continue;
					}
					const float d = std::sqrt(static_cast<float>(dx * dx + dy * dy));
					const float weight = std::clamp(radius - d, 0.0f, 1.0f);
					const auto *from = reinterpret_cast<const QRgb *>(source.constScanLine(sy));
					best = std::max(best, static_cast<float>(qAlpha(from[sx])) * weight);
				}
			}
			if (best <= 0.0f) {
				continue;
			}
			const float a = best * scale;
			const auto premul = [a](uint8_t c) {
				return static_cast<int>(std::lround(static_cast<float>(c) * a));
			};
			row[x] = qRgba(premul(color.r), premul(color.g), premul(color.b),
				       static_cast<int>(std::lround(255.0f * a)));
		}
	}
	return out;
}

// Transparent, with a few random blobs of random alpha, some touching the edges; now and then nothing at
// all, a single pixel, or everything covered.
QImage randomCoverage(std::mt19937 &random, int w, int h)
{
	QImage image(w, h, QImage::Format_ARGB32_Premultiplied);
	image.fill(Qt::transparent);
	const auto pick = [&random](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random); };
	const int kind = pick(0, 9);
	if (kind == 0) {
		return image;
	}
	if (kind == 1) {
		const int a = pick(1, 255);
		image.setPixel(pick(0, w - 1), pick(0, h - 1), qRgba(a, a, a, a));
		return image;
	}
	if (kind == 2) {
		image.fill(qRgba(255, 255, 255, 255));
		return image;
	}
	for (int blob = pick(1, 6); blob > 0; --blob) {
		const int x0 = pick(-3, w - 1);
		const int y0 = pick(-3, h - 1);
		const int bw = pick(1, std::max(1, w / 2));
		const int bh = pick(1, std::max(1, h / 2));
		for (int y = std::max(0, y0); y < std::min(h, y0 + bh); ++y) {
			for (int x = std::max(0, x0); x < std::min(w, x0 + bw); ++x) {
				const int a = pick(0, 3) == 0 ? 0 : pick(1, 255); // speckled, like anti-aliased text
				image.setPixel(x, y, qRgba(a, a, a, a));
			}
		}
	}
	return image;
}

bool sameBytes(const QImage &a, const QImage &b)
{
	if (a.size() != b.size() || a.format() != b.format()) {
		return false;
	}
	const auto rowBytes = static_cast<size_t>(a.width()) * 4;
	for (int y = 0; y < a.height(); ++y) {
		if (std::memcmp(a.constScanLine(y), b.constScanLine(y), rowBytes) != 0) {
			return false;
		}
	}
	return true;
}

} // namespace

TEST_CASE("the painted bounds are those of every non-transparent pixel", "[outline]")
{
	std::mt19937 random(20261203);
	for (int round = 0; round < 400; ++round) {
		const int w = std::uniform_int_distribution<int>(1, 70)(random);
		const int h = std::uniform_int_distribution<int>(1, 40)(random);
		const QImage image = randomCoverage(random, w, h);
		INFO("round " << round << ", " << w << "x" << h);
		CHECK(obs::paintedBounds(image) == plainBounds(image));
	}
}

TEST_CASE("the outline is byte for byte the disc's largest weighted alpha", "[outline]")
{
	std::mt19937 random(1203);
	const auto pick = [&random](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random); };
	for (int width = -1; width <= 10; ++width) {
		for (int round = 0; round < 12; ++round) {
			const int w = pick(1, 64);
			const int h = pick(1, 40);
			const QImage coverage = randomCoverage(random, w, h);
			const view::Rgba color{static_cast<uint8_t>(pick(0, 255)), static_cast<uint8_t>(pick(0, 255)),
					       static_cast<uint8_t>(pick(0, 255)),
					       static_cast<uint8_t>(round == 0   ? 0
								    : round == 1 ? 255
										 : pick(1, 255))};
			INFO("width " << width << ", round " << round << ", " << w << "x" << h);
			CHECK(sameBytes(obs::outlineOf(coverage, width, color), plainOutline(coverage, width, color)));
		}
	}
}

TEST_CASE("a canvas's part becomes the same RGBA bytes as Qt's conversion gives", "[outline]")
{
	std::mt19937 random(77);
	const auto pick = [&random](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random); };
	for (int round = 0; round < 200; ++round) {
		const int w = pick(1, 40);
		const int h = pick(1, 20);
		QImage canvas(w, h, QImage::Format_ARGB32_Premultiplied);
		for (int y = 0; y < h; ++y) {
			for (int x = 0; x < w; ++x) {
				const int a = pick(0, 255);
				canvas.setPixel(x, y, qRgba(pick(0, a), pick(0, a), pick(0, a), a));
			}
		}
		// Mostly inside the canvas, now and then over its edge (the missing part transparent).
		const QRect bounds(pick(-2, w - 1), pick(-2, h - 1), pick(1, w + 2), pick(1, h + 2));
		const auto image = obs::toRasterImage(canvas, bounds, 5, 7);
		const QImage expected = canvas.copy(bounds).convertToFormat(QImage::Format_RGBA8888_Premultiplied);
		INFO("round " << round);
		REQUIRE(image->x == 5 + bounds.x());
		REQUIRE(image->y == 7 + bounds.y());
		REQUIRE(image->width == expected.width());
		REQUIRE(image->height == expected.height());
		bool same = true;
		for (int y = 0; y < expected.height(); ++y) {
			same = same &&
			       std::memcmp(image->rgba.data() + static_cast<size_t>(y) * expected.width() * 4,
					   expected.constScanLine(y), static_cast<size_t>(expected.width()) * 4) == 0;
		}
		CHECK(same);
	}
}
