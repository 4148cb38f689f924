#include "obs/render/raster-image.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace livegifts::obs {

QRect paintedBounds(const QImage &image)
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

std::shared_ptr<RasterImage> toRasterImage(const QImage &canvas, const QRect &bounds, int originX, int originY)
{
	auto result = std::make_shared<RasterImage>();
	if (bounds.isEmpty()) {
		return result;
	}
	const QImage cropped = canvas.copy(bounds).convertToFormat(QImage::Format_RGBA8888_Premultiplied);
	result->x = originX + bounds.x();
	result->y = originY + bounds.y();
	result->width = cropped.width();
	result->height = cropped.height();
	const size_t rowBytes = static_cast<size_t>(cropped.width()) * 4;
	result->rgba.resize(rowBytes * static_cast<size_t>(cropped.height()));
	for (int row = 0; row < cropped.height(); ++row) {
		std::memcpy(result->rgba.data() + rowBytes * static_cast<size_t>(row), cropped.constScanLine(row),
			    rowBytes);
	}
	return result;
}

} // namespace livegifts::obs
