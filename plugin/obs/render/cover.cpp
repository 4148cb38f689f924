#include "obs/render/cover.hpp"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstring>

namespace livegifts::obs {
namespace {

// Rows are looked at in bands of this height; within a band, columns with pixels form spans.
constexpr int kBand = 32;
// Spans closer than this are one rectangle: every rectangle costs the driver a little set-up.
constexpr int kGap = 24;
// More rectangles than this, or covering more than kMostPercent of the image: the whole image instead.
constexpr std::size_t kMostRects = 32;
constexpr int kMostPercent = 85;
// Images under this many texels are drawn whole.
constexpr long long kSmall = 64 * 64;

// The alpha byte of an R, G, B, A texel read as a 32-bit word, whatever the byte order.
constexpr uint32_t kAlphaMask = std::endian::native == std::endian::little ? 0xFF000000u : 0x000000FFu;

const uint8_t *rowAt(const uint8_t *rgba, int width, int y)
{
	return rgba + static_cast<std::size_t>(y) * static_cast<std::size_t>(width) * 4;
}

// Texel x of a row as one 32-bit word (a plain load once compiled).
uint32_t texelAt(const uint8_t *row, int x)
{
	uint32_t texel = 0;
	std::memcpy(&texel, row + static_cast<std::size_t>(x) * 4, sizeof texel);
	return texel;
}

// The alpha of a texel read as one 32-bit word (R, G, B, A in memory), not shifted down.
uint32_t alphaOf(uint32_t texel)
{
	return texel & kAlphaMask;
}

// True when a texel of row y within columns [x0, x1) has any alpha.
bool rowPainted(const uint8_t *rgba, int width, int y, int x0, int x1)
{
	const uint8_t *row = rowAt(rgba, width, y);
	uint32_t any = 0;
	for (int x = x0; x < x1; ++x) {
		any |= texelAt(row, x);
	}
	return alphaOf(any) != 0;
}

// Rows [from, to) of the image that hold a pixel within columns [x0, x1): the first and one past the last, or
// (to, to) when none does.
std::pair<int, int> paintedRows(const uint8_t *rgba, int width, int x0, int x1, int from, int to)
{
	int first = from;
	while (first < to && !rowPainted(rgba, width, first, x0, x1)) {
		++first;
	}
	if (first == to) {
		return {to, to};
	}
	int last = to;
	while (!rowPainted(rgba, width, last - 1, x0, x1)) {
		--last;
	}
	return {first, last};
}

} // namespace

std::vector<CoverRect> coverRects(const uint8_t *rgba, int width, int height)
{
	std::vector<CoverRect> rects;
	if (!rgba || width <= 0 || height <= 0 || static_cast<long long>(width) * height < kSmall) {
		return rects;
	}
	std::vector<uint8_t> columns(static_cast<std::size_t>(width));
	std::vector<uint32_t> seen(static_cast<std::size_t>(width)); // the band's texels of a column, OR-ed
	long long covered = 0;
	for (int top = 0; top < height; top += kBand) {
		const int bottom = std::min(height, top + kBand);
		// Columns with a pixel in the band or in the row beside it, widened by one column each way. The rows
		// are OR-ed a word at a time (a loop the compiler vectorises), then each column looks at its alpha.
		const int scanTop = std::max(0, top - 1);
		const int scanBottom = std::min(height, bottom + 1);
		std::fill(seen.begin(), seen.end(), uint32_t{0});
		for (int y = scanTop; y < scanBottom; ++y) {
			const uint8_t *row = rowAt(rgba, width, y);
			for (int x = 0; x < width; ++x) {
				seen[static_cast<std::size_t>(x)] |= texelAt(row, x);
			}
		}
		for (int x = 0; x < width; ++x) {
			const bool here = alphaOf(seen[static_cast<std::size_t>(x)]) != 0;
			const bool left = x > 0 && alphaOf(seen[static_cast<std::size_t>(x - 1)]) != 0;
			const bool right = x + 1 < width && alphaOf(seen[static_cast<std::size_t>(x + 1)]) != 0;
			columns[static_cast<std::size_t>(x)] = (here || left || right) ? 1 : 0;
		}
		int x = 0;
		while (x < width) {
			while (x < width && columns[static_cast<std::size_t>(x)] == 0) {
				++x;
			}
			if (x == width) {
				break;
			}
			const int start = x;
			int end = x;
			// Extend over gaps shorter than kGap.
			while (x < width) {
				while (x < width && columns[static_cast<std::size_t>(x)] != 0) {
					++x;
				}
				end = x;
				int next = x;
				while (next < width && columns[static_cast<std::size_t>(next)] == 0) {
					++next;
				}
				if (next == width || next - end >= kGap) {
					x = next;
					break;
				}
				x = next;
			}
			// The rows of the band (with one row around) that hold a pixel of the span (with one column
			// around).
			const auto [first, last] = paintedRows(rgba, width, std::max(0, start - 1),
							       std::min(width, end + 1), scanTop, scanBottom);
			if (first >= last) {
				continue;
			}
			CoverRect rect{start, std::max(top, first - 1), end - start, 0};
			rect.height = std::min(bottom, last + 1) - rect.y;
			if (rect.height <= 0) {
				continue;
			}
			// Joined to the rectangle above when it spans the same columns and ends where this begins.
			const auto above = std::find_if(rects.begin(), rects.end(), [&](const CoverRect &r) {
				return r.x == rect.x && r.width == rect.width && r.y + r.height == rect.y;
			});
			if (above != rects.end()) {
				above->height += rect.height;
			} else {
				rects.push_back(rect);
			}
			covered += static_cast<long long>(rect.width) * rect.height;
			if (rects.size() > kMostRects) {
				return {};
			}
		}
	}
	if (covered * 100 >= static_cast<long long>(width) * height * kMostPercent) {
		return {};
	}
	if (rects.empty()) {
		// Nothing painted: one texel, so a draw of it draws nothing visible and costs nothing.
		rects.push_back(CoverRect{0, 0, 1, 1});
	}
	return rects;
}

void subtractRect(const CoverRect &a, const CoverRect &b, std::vector<CoverRect> &out)
{
	const int left = std::max(a.x, b.x);
	const int right = std::min(a.x + a.width, b.x + b.width);
	const int top = std::max(a.y, b.y);
	const int bottom = std::min(a.y + a.height, b.y + b.height);
	if (a.width <= 0 || a.height <= 0) {
		return;
	}
	if (left >= right || top >= bottom) {
		out.push_back(a);
		return;
	}
	if (top > a.y) {
		out.push_back(CoverRect{a.x, a.y, a.width, top - a.y});
	}
	if (bottom < a.y + a.height) {
		out.push_back(CoverRect{a.x, bottom, a.width, a.y + a.height - bottom});
	}
	if (left > a.x) {
		out.push_back(CoverRect{a.x, top, left - a.x, bottom - top});
	}
	if (right < a.x + a.width) {
		out.push_back(CoverRect{right, top, a.x + a.width - right, bottom - top});
	}
}

CoverRect clipRect(const CoverRect &a, int width, int height)
{
	const int left = std::max(a.x, 0);
	const int top = std::max(a.y, 0);
	const int right = std::min(a.x + a.width, width);
	const int bottom = std::min(a.y + a.height, height);
	if (left >= right || top >= bottom) {
		return CoverRect{};
	}
	return CoverRect{left, top, right - left, bottom - top};
}

} // namespace livegifts::obs
