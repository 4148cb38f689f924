#include "obs/render/text-outline.hpp"

#include "obs/render/raster-image.hpp"
#include "obs/render/scratch.hpp"

#include <QColor>

#if defined(__SSE2__) || defined(_M_X64)
#define LIVE_GIFTS_SSE2
#include <emmintrin.h>
#elif defined(__ARM_NEON)
#define LIVE_GIFTS_NEON
#include <arm_neon.h>
#endif

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <utility>
#include <vector>

namespace livegifts::obs {

namespace {

struct Offset {
	int dx;
	int dy;
	float weight; // 1 inside the disc, falling to 0 over its last pixel
};

std::vector<Offset> discOffsets(int width)
{
	std::vector<Offset> offsets;
	const float radius = static_cast<float>(width) + 0.5f;
	const int reach = outlineReach(width);
	for (int dy = -reach; dy <= reach; ++dy) {
		for (int dx = -reach; dx <= reach; ++dx) {
			const float d = std::sqrt(static_cast<float>(dx * dx + dy * dy));
			const float weight = std::clamp(radius - d, 0.0f, 1.0f);
			if (weight > 0.0f) {
				offsets.push_back({dx, dy, weight});
			}
		}
	}
	return offsets;
}

// The disc's offsets by weight. A pixel's outline is the largest alpha x weight over the offsets; as a
// product grows with its alpha, that is, per weight, the largest alpha among that weight's offsets (a max
// of bytes, whole rows at a time) times the weight, and then the largest of those few products.
struct WeightGroup {
	float weight = 0.0f;
	std::vector<std::pair<int, int>> offsets; // dx, dy
	std::array<float, 256> product{};         // alpha x weight, as the per-pixel float product
	std::array<QRgb, 256> pixel{};            // the outline pixel of that product
};

std::vector<WeightGroup> weightGroups(int width, view::Rgba color)
{
	std::vector<WeightGroup> groups;
	for (const Offset &o : discOffsets(width)) {
		auto group = std::find_if(groups.begin(), groups.end(),
					  [&o](const WeightGroup &g) { return g.weight == o.weight; });
		if (group == groups.end()) {
			groups.emplace_back();
			group = std::prev(groups.end());
			group->weight = o.weight;
		}
		group->offsets.emplace_back(o.dx, o.dy);
	}
	const float scale = static_cast<float>(color.a) / (255.0f * 255.0f);
	for (WeightGroup &group : groups) {
		for (int alpha = 0; alpha < 256; ++alpha) {
			const float best = static_cast<float>(alpha) * group.weight;
			group.product[static_cast<size_t>(alpha)] = best;
			const float a = best * scale; // 0..1
			const auto premul = [a](uint8_t c) {
				return static_cast<int>(std::lround(static_cast<float>(c) * a));
			};
			group.pixel[static_cast<size_t>(alpha)] =
			    best <= 0.0f ? 0u
					 : qRgba(premul(color.r), premul(color.g), premul(color.b),
						 static_cast<int>(std::lround(255.0f * a)));
		}
	}
	return groups;
}

// dst[i] = max(dst[i], src[i]) over n bytes, 16 at a time where the processor has byte maxima.
void maxInto(uint8_t *dst, const uint8_t *src, int n)
{
	int i = 0;
#if defined(LIVE_GIFTS_SSE2)
	for (; i + 16 <= n; i += 16) {
		const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i *>(dst + i));
		const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i *>(src + i));
		_mm_storeu_si128(reinterpret_cast<__m128i *>(dst + i), _mm_max_epu8(a, b));
	}
#elif defined(LIVE_GIFTS_NEON)
	for (; i + 16 <= n; i += 16) {
		vst1q_u8(dst + i, vmaxq_u8(vld1q_u8(dst + i), vld1q_u8(src + i)));
	}
#endif
	for (; i < n; ++i) {
		dst[i] = std::max(dst[i], src[i]);
	}
}

// Whether 16 bytes are all zero.
bool noneSet(const uint8_t *bytes)
{
	uint64_t a = 0;
	uint64_t b = 0;
	std::memcpy(&a, bytes, sizeof a);
	std::memcpy(&b, bytes + sizeof a, sizeof b);
	return (a | b) == 0;
}

// The painted area's alpha with a margin of twice the disc's reach, so every offset of every pixel the outline
// can reach reads inside the buffer (zeros around the painted area), and each row's covered columns.
struct AlphaBuffer {
	int width = 0;
	int height = 0;
	int margin = 0;
	ScratchBytes alpha;
	std::vector<int> first; // per row, the first covered column (first > last: none)
	std::vector<int> last;

	AlphaBuffer(const QImage &source, const QRect &painted, int reach)
	    : width(painted.width() + 4 * reach), height(painted.height() + 4 * reach), margin(2 * reach),
	      alpha(static_cast<size_t>(width) * static_cast<size_t>(height)),
	      first(static_cast<size_t>(height), width), last(static_cast<size_t>(height), -1)
	{
		for (int y = painted.top(); y <= painted.bottom(); ++y) {
			const auto *from = reinterpret_cast<const QRgb *>(source.constScanLine(y)) + painted.left();
			const auto by = static_cast<size_t>(y - painted.top() + margin);
			uint8_t *line = row(static_cast<int>(by)) + margin;
			for (int x = 0; x < painted.width(); ++x) {
				const auto a = static_cast<uint8_t>(qAlpha(from[x]));
				line[x] = a;
				if (a != 0) {
					first[by] = std::min(first[by], x + margin);
					last[by] = std::max(last[by], x + margin);
				}
			}
		}
	}
	uint8_t *row(int y) { return alpha.data() + static_cast<size_t>(y) * static_cast<size_t>(width); }
};

// The disc's weight-1 offsets as runs along rows (dy, dx from -k to k): their largest alpha comes from the
// rows' running maxima over 2k + 1 columns, made once per row and k instead of once per offset.
struct Run {
	int dy;
	int k;
};

std::vector<Run> takeRuns(WeightGroup &group)
{
	std::vector<Run> runs;
	std::vector<std::pair<int, int>> rest;
	for (const auto &[dx, dy] : group.offsets) {
		if (std::any_of(runs.begin(), runs.end(), [dy = dy](const Run &r) { return r.dy == dy; })) {
			continue;
		}
		int k = 0;
		int count = 0;
		for (const auto &[ox, oy] : group.offsets) {
			if (oy == dy) {
				k = std::max(k, std::abs(ox));
				++count;
			}
		}
		if (count == 2 * k + 1) { // a whole run from -k to k
			runs.push_back({dy, k});
		} else {
			for (const auto &[ox, oy] : group.offsets) {
				if (oy == dy) {
					rest.emplace_back(ox, oy);
				}
			}
		}
	}
	group.offsets = std::move(rest);
	return runs;
}

// runMax[k] row y, column x: the largest alpha of row y from column x - k to x + k (k = 0: the alpha).
std::vector<ScratchBytes> runMaxima(AlphaBuffer &buffer, int kMax)
{
	const auto size = buffer.alpha.size();
	std::vector<ScratchBytes> runMax;
	runMax.reserve(static_cast<size_t>(kMax) + 1);
	runMax.emplace_back(0); // k = 0 reads the alpha itself
	for (int k = 1; k <= kMax; ++k) {
		runMax.emplace_back(size);
		for (int y = 0; y < buffer.height; ++y) {
			if (buffer.first[static_cast<size_t>(y)] > buffer.last[static_cast<size_t>(y)]) {
				continue;
			}
			const size_t at = static_cast<size_t>(y) * static_cast<size_t>(buffer.width);
			uint8_t *dst = runMax[static_cast<size_t>(k)].data() + at + k;
			const uint8_t *previous =
			    k == 1 ? buffer.row(y) + k : runMax[static_cast<size_t>(k) - 1].data() + at + k;
			const int n = buffer.width - 2 * k;
			std::copy(previous, previous + n, dst);
			maxInto(dst, buffer.row(y), n);         // column x - k
			maxInto(dst, buffer.row(y) + 2 * k, n); // column x + k
		}
	}
	return runMax;
}

} // namespace

QImage outlineOf(const QImage &coverage, int width, view::Rgba color)
{
	QImage out = transparentScratch(coverage.width(), coverage.height());
	const QRect painted = paintedBounds(coverage);
	if (width <= 0 || color.a == 0 || painted.isEmpty()) {
		return out;
	}
	const QImage source = coverage.convertToFormat(QImage::Format_ARGB32_Premultiplied);
	const int reach = outlineReach(width);
	AlphaBuffer buffer(source, painted, reach);
	const int margin = buffer.margin;
	std::vector<WeightGroup> groups = weightGroups(width, color);
	std::vector<Run> runs;
	size_t whole = groups.size(); // the weight-1 group (the disc's inside), if any
	for (size_t g = 0; g < groups.size(); ++g) {
		if (groups[g].weight == 1.0f) {
			whole = g;
			runs = takeRuns(groups[g]);
		}
	}
	int kMax = 0;
	for (const Run &run : runs) {
		kMax = std::max(kMax, run.k);
	}
	const std::vector<ScratchBytes> runMax = runMaxima(buffer, kMax);
	const auto runRow = [&](int k, int y) {
		return k == 0 ? buffer.row(y)
			      : runMax[static_cast<size_t>(k)].data() +
				    static_cast<size_t>(y) * static_cast<size_t>(buffer.width);
	};
	// The grown area: painted + reach on every side, kept on the image.
	const QRect kept = painted.adjusted(-reach, -reach, reach, reach) & source.rect();
	const auto stride = static_cast<size_t>(kept.width());
	std::vector<uint8_t> maxima((groups.size() + 1) * stride); // per group, then of all groups
	for (int y = kept.top(); y <= kept.bottom(); ++y) {
		const int by = y - painted.top() + margin; // the buffer row of this pixel row
		// Columns this row can reach: covered columns of the rows within reach, widened by the reach.
		int first = buffer.width;
		int last = -1;
		for (int sy = by - reach; sy <= by + reach; ++sy) {
			first = std::min(first, buffer.first[static_cast<size_t>(sy)]);
			last = std::max(last, buffer.last[static_cast<size_t>(sy)]);
		}
		const int x0 = std::max(first - reach, kept.left() - painted.left() + margin);
		const int x1 = std::min(last + reach, kept.right() - painted.left() + margin);
		if (x0 > x1) {
			continue;
		}
		const int n = x1 - x0 + 1;
		std::fill(maxima.begin(), maxima.begin() + static_cast<std::ptrdiff_t>(groups.size() * stride),
			  uint8_t{0});
		for (size_t g = 0; g < groups.size(); ++g) {
			uint8_t *dst = maxima.data() + g * stride;
			for (const auto &[dx, dy] : groups[g].offsets) {
				maxInto(dst, buffer.row(by + dy) + x0 + dx, n);
			}
			if (g == whole) {
				for (const Run &run : runs) {
					maxInto(dst, runRow(run.k, by + run.dy) + x0, n);
				}
			}
		}
		// Any group's largest alpha: pixels no coverage reaches stay transparent, 16 at a time where possible.
		uint8_t *reached = maxima.data() + groups.size() * stride;
		std::copy(maxima.begin(), maxima.begin() + n, reached);
		for (size_t g = 1; g < groups.size(); ++g) {
			maxInto(reached, maxima.data() + g * stride, n);
		}
		auto *row = reinterpret_cast<QRgb *>(out.scanLine(y)) + (x0 - margin + painted.left());
		for (int i = 0; i < n; ++i) {
			if (reached[i] == 0) {
				if ((i & 15) == 0 && i + 16 <= n && noneSet(reached + i)) {
					i += 15;
				}
				continue;
			}
			// Full coverage within the disc's inside: nothing weighs more.
			if (whole < groups.size() && maxima[whole * stride + static_cast<size_t>(i)] == 255) {
				row[i] = groups[whole].pixel[255];
				continue;
			}
			float best = 0.0f;
			QRgb pixel = 0;
			for (size_t g = 0; g < groups.size(); ++g) {
				const uint8_t m = maxima[g * stride + static_cast<size_t>(i)];
				const float product = groups[g].product[m];
				if (product > best) {
					best = product;
					pixel = groups[g].pixel[m];
				}
			}
			row[i] = pixel;
		}
	}
	return out;
}

namespace {

qreal platePadX(int pixelSize)
{
	return std::max(4.0, pixelSize * 0.35);
}

qreal platePadY(int pixelSize)
{
	return std::max(2.0, pixelSize * 0.08);
}

} // namespace

int outlineReach(int width)
{
	return width + 1;
}

int plateReach(int pixelSize)
{
	return static_cast<int>(std::ceil(std::max(platePadX(pixelSize), platePadY(pixelSize))));
}

void paintPlate(QPainter &painter, const QRect &textRect, int pixelSize, view::Rgba color, const QRectF &within)
{
	if (textRect.isEmpty() || color.a == 0) {
		return;
	}
	const qreal padX = platePadX(pixelSize);
	const qreal padY = platePadY(pixelSize);
	// Kept on the canvas: a line at its edge gets less padding on that side rather than a cut corner.
	const QRectF plate = QRectF(textRect).adjusted(-padX, -padY, padX, padY).intersected(within);
	const qreal radius = std::min(plate.height() / 2.0, std::max(4.0, pixelSize * 0.4));
	painter.save();
	painter.setRenderHint(QPainter::Antialiasing);
	painter.setPen(Qt::NoPen);
	painter.setBrush(QColor(color.r, color.g, color.b, color.a));
	painter.drawRoundedRect(plate, radius, radius);
	painter.restore();
}

} // namespace livegifts::obs
