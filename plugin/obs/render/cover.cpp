#include "obs/render/cover.hpp"

#include <algorithm>
#include <cstddef>

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

bool painted(const uint8_t *rgba, int width, int x, int y)
{
	return rgba[(static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 4 +
		    3] != 0;
}

// Rows [from, to) of the image that hold a pixel within columns [x0, x1): the first and one past the last, or
// (to, to) when none does.
std::pair<int, int> paintedRows(const uint8_t *rgba, int width, int x0, int x1, int from, int to)
{
	int first = to;
	int last = to;
	for (int y = from; y < to; ++y) {
		for (int x = x0; x < x1; ++x) {
			if (painted(rgba, width, x, y)) {
				if (first == to) {
					first = y;
				}
				last = y + 1;
				break;
			}
		}
	}
	return {first, first == to ? to : last};
}

} // namespace

std::vector<CoverRect> coverRects(const uint8_t *rgba, int width, int height)
{
	std::vector<CoverRect> rects;
	if (!rgba || width <= 0 || height <= 0 || static_cast<long long>(width) * height < kSmall) {
		return rects;
	}
	std::vector<uint8_t> columns(static_cast<std::size_t>(width));
	long long covered = 0;
	for (int top = 0; top < height; top += kBand) {
		const int bottom = std::min(height, top + kBand);
		// Columns with a pixel in the band or in the row beside it, widened by one column each way.
		const int scanTop = std::max(0, top - 1);
		const int scanBottom = std::min(height, bottom + 1);
		std::fill(columns.begin(), columns.end(), uint8_t{0});
		for (int y = scanTop; y < scanBottom; ++y) {
			for (int x = 0; x < width; ++x) {
				if (painted(rgba, width, x, y)) {
					for (int near = std::max(0, x - 1); near <= std::min(width - 1, x + 1);
					     ++near) {
						columns[static_cast<std::size_t>(near)] = 1;
					}
				}
			}
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
