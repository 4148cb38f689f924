#include "obs/render/raster-image.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#endif

namespace livegifts::obs {

namespace {

constexpr uint64_t kAlphaPair = 0xFF000000FF000000ull;

uint64_t pairAt(const uint32_t *row, int x)
{
	uint64_t pair = 0;
	std::memcpy(&pair, row + x, sizeof pair);
	return pair;
}

// The first pixel in [from, to) of a row with a non-zero alpha (the top byte of each 32-bit pixel), or `to`;
// four pixels at a time.
int firstAlpha(const uint32_t *row, int from, int to)
{
	int x = from;
	while (x + 4 <= to && ((pairAt(row, x) | pairAt(row, x + 2)) & kAlphaPair) == 0) {
		x += 4;
	}
	for (; x < to; ++x) {
		if ((row[x] >> 24) != 0) {
			return x;
		}
	}
	return to;
}

// The last such pixel in [from, to), or from - 1.
int lastAlpha(const uint32_t *row, int from, int to)
{
	int x = to;
	while (x - 4 >= from && ((pairAt(row, x - 4) | pairAt(row, x - 2)) & kAlphaPair) == 0) {
		x -= 4;
	}
	for (--x; x >= from; --x) {
		if ((row[x] >> 24) != 0) {
			return x;
		}
	}
	return from - 1;
}

// n pixels 0xAARRGGBB (in memory on a little-endian machine: B, G, R, A) to the bytes R, G, B, A.
void swapRedBlue(const uint32_t *from, uint8_t *to, int n)
{
	int i = 0;
#if defined(__SSE2__) || defined(_M_X64)
	const __m128i greenAlpha = _mm_set1_epi32(static_cast<int>(0xFF00FF00u));
	const __m128i low = _mm_set1_epi32(0xFF);
	for (; i + 4 <= n; i += 4) {
		const __m128i p = _mm_loadu_si128(reinterpret_cast<const __m128i *>(from + i));
		const __m128i red = _mm_and_si128(_mm_srli_epi32(p, 16), low);
		const __m128i blue = _mm_slli_epi32(_mm_and_si128(p, low), 16);
		const __m128i q = _mm_or_si128(_mm_and_si128(p, greenAlpha), _mm_or_si128(red, blue));
		_mm_storeu_si128(reinterpret_cast<__m128i *>(to + 4 * static_cast<size_t>(i)), q);
	}
#endif
	for (; i < n; ++i) {
		const uint32_t p = from[i];
		const uint32_t q = (p & 0xFF00FF00u) | ((p >> 16) & 0xFFu) | ((p & 0xFFu) << 16);
		std::memcpy(to + 4 * static_cast<size_t>(i), &q, sizeof q);
	}
}

} // namespace

QRect paintedBounds(const QImage &image)
{
	const int w = image.width();
	const int h = image.height();
	const auto rowAt = [&image](int y) { return reinterpret_cast<const uint32_t *>(image.constScanLine(y)); };
	int top = 0;
	while (top < h && firstAlpha(rowAt(top), 0, w) == w) {
		++top;
	}
	if (top == h) {
		return QRect();
	}
	int bottom = h - 1;
	while (firstAlpha(rowAt(bottom), 0, w) == w) {
		--bottom;
	}
	// Columns: each row is searched only outside the columns already known to be painted.
	int left = w;
	int right = -1;
	for (int y = top; y <= bottom; ++y) {
		const uint32_t *row = rowAt(y);
		left = firstAlpha(row, 0, left);
		right = std::max(right, lastAlpha(row, right + 1, w));
	}
	return QRect(QPoint(left, top), QPoint(right, bottom));
}

namespace {

std::shared_ptr<RasterImage> copyPart(const QImage &canvas, const QRect &bounds, int originX, int originY)
{
	auto result = std::make_shared<RasterImage>();
	if (bounds.isEmpty()) {
		return result;
	}
	if (!canvas.rect().contains(bounds)) {
		// Over the canvas's edge (not what painting hands over): what lies outside is transparent, as Qt's
		// copy.
		const QImage copied = canvas.copy(bounds).convertToFormat(QImage::Format_RGBA8888_Premultiplied);
		return copyPart(copied, copied.rect(), originX + bounds.x(), originY + bounds.y());
	}
	const QRect part = bounds;
	result->x = originX + part.x();
	result->y = originY + part.y();
	result->width = part.width();
	result->height = part.height();
	const size_t rowBytes = static_cast<size_t>(part.width()) * 4;
	result->rgba.resize(rowBytes * static_cast<size_t>(part.height()));
	uint8_t *out = result->rgba.data();
	if (canvas.format() == QImage::Format_RGBA8888_Premultiplied) {
		for (int row = part.top(); row <= part.bottom(); ++row, out += rowBytes) {
			std::memcpy(out, canvas.constScanLine(row) + static_cast<size_t>(part.x()) * 4, rowBytes);
		}
		return result;
	}
	// Straight from the canvas's rows into the result (no cropped copy, no converted copy): premultiplied
	// ARGB words (0xAARRGGBB) become premultiplied R, G, B, A bytes, as QImage's own conversion does.
	const QImage argb = canvas.format() == QImage::Format_ARGB32_Premultiplied
				? canvas
				: canvas.convertToFormat(QImage::Format_ARGB32_Premultiplied);
	for (int row = part.top(); row <= part.bottom(); ++row, out += rowBytes) {
		const auto *in = reinterpret_cast<const uint32_t *>(argb.constScanLine(row)) + part.x();
		if (Q_BYTE_ORDER == Q_LITTLE_ENDIAN) {
			swapRedBlue(in, out, part.width());
			continue;
		}
		uint8_t *to = out;
		for (int x = 0; x < part.width(); ++x) {
			const uint32_t pixel = in[x];
			*to++ = static_cast<uint8_t>(pixel >> 16);
			*to++ = static_cast<uint8_t>(pixel >> 8);
			*to++ = static_cast<uint8_t>(pixel);
			*to++ = static_cast<uint8_t>(pixel >> 24);
		}
	}
	return result;
}

} // namespace

std::shared_ptr<RasterImage> toRasterImage(const QImage &canvas, const QRect &bounds, int originX, int originY)
{
	auto result = copyPart(canvas, bounds, originX, originY);
	result->cover = coverRects(result->rgba.data(), result->width, result->height);
	return result;
}

} // namespace livegifts::obs
