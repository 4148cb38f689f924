#include "obs/render/text-outline.hpp"

#include "obs/render/raster-image.hpp"

#include <QColor>

#include <algorithm>
#include <cmath>
#include <cstdint>
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
	for (int dy = -width - 1; dy <= width + 1; ++dy) {
		for (int dx = -width - 1; dx <= width + 1; ++dx) {
			const float d = std::sqrt(static_cast<float>(dx * dx + dy * dy));
			const float weight = std::clamp(radius - d, 0.0f, 1.0f);
			if (weight > 0.0f) {
				offsets.push_back({dx, dy, weight});
			}
		}
	}
	return offsets;
}

} // namespace

QImage outlineOf(const QImage &coverage, int width, view::Rgba color)
{
	QImage out(coverage.size(), QImage::Format_ARGB32_Premultiplied);
	out.fill(Qt::transparent);
	const QRect painted = paintedBounds(coverage);
	if (width <= 0 || color.a == 0 || painted.isEmpty()) {
		return out;
	}
	const QImage source = coverage.convertToFormat(QImage::Format_ARGB32_Premultiplied);
	const int w = source.width();
	const int h = source.height();
	std::vector<uint8_t> alpha(static_cast<size_t>(w) * static_cast<size_t>(h));
	for (int y = painted.top(); y <= painted.bottom(); ++y) {
		const auto *row = reinterpret_cast<const QRgb *>(source.constScanLine(y));
		for (int x = painted.left(); x <= painted.right(); ++x) {
			alpha[static_cast<size_t>(y) * static_cast<size_t>(w) + static_cast<size_t>(x)] =
			    static_cast<uint8_t>(qAlpha(row[x]));
		}
	}
	const std::vector<Offset> offsets = discOffsets(width);
	const QRect grown = painted.adjusted(-width - 1, -width - 1, width + 1, width + 1) & source.rect();
	const float scale = static_cast<float>(color.a) / (255.0f * 255.0f);
	for (int y = grown.top(); y <= grown.bottom(); ++y) {
		auto *row = reinterpret_cast<QRgb *>(out.scanLine(y));
		for (int x = grown.left(); x <= grown.right(); ++x) {
			float best = 0.0f;
			for (const Offset &o : offsets) {
				const int sx = x + o.dx;
				const int sy = y + o.dy;
				if (sx < painted.left() || sx > painted.right() || sy < painted.top() ||
				    sy > painted.bottom()) {
					continue;
				}
				const float a =
				    static_cast<float>(alpha[static_cast<size_t>(sy) * static_cast<size_t>(w) +
							     static_cast<size_t>(sx)]) *
				    o.weight;
				best = std::max(best, a);
			}
			if (best <= 0.0f) {
				continue;
			}
			const float a = best * scale; // 0..1
			const auto premul = [a](uint8_t c) {
				return static_cast<int>(std::lround(static_cast<float>(c) * a));
			};
			row[x] = qRgba(premul(color.r), premul(color.g), premul(color.b),
				       static_cast<int>(std::lround(255.0f * a)));
		}
	}
	return out;
}

void paintPlate(QPainter &painter, const QRect &textRect, int pixelSize, view::Rgba color)
{
	if (textRect.isEmpty() || color.a == 0) {
		return;
	}
	const qreal padX = std::max(4.0, pixelSize * 0.35);
	const qreal padY = std::max(2.0, pixelSize * 0.08);
	// Kept on the canvas: a line at its edge gets less padding on that side rather than a cut corner.
	const QRectF plate = QRectF(textRect)
				 .adjusted(-padX, -padY, padX, padY)
				 .intersected(QRectF(0, 0, painter.device()->width(), painter.device()->height()));
	const qreal radius = std::min(plate.height() / 2.0, std::max(4.0, pixelSize * 0.4));
	painter.save();
	painter.setRenderHint(QPainter::Antialiasing);
	painter.setPen(Qt::NoPen);
	painter.setBrush(QColor(color.r, color.g, color.b, color.a));
	painter.drawRoundedRect(plate, radius, radius);
	painter.restore();
}

} // namespace livegifts::obs
