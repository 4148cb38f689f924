#include "obs/render/compose.hpp"

#include "obs/render/raster-image.hpp"
#include "obs/render/scratch.hpp"

#include <QColor>
#include <QLinearGradient>
#include <QPainter>

#include <algorithm>

namespace livegifts::obs {

namespace {

QColor toQColor(Rgba c)
{
	return QColor(c.r, c.g, c.b, c.a);
}

} // namespace

Composer::Composer(int x, int y, int width, int height) : x_(x), y_(y), canvas_(transparentScratch(width, height)) {}

Composer::Composer(int x, int y, const QImage &from) : x_(x), y_(y), canvas_(scratchCopy(from)) {}

void Composer::roundedRect(float x, float y, float w, float h, float radius, Rgba start, Rgba end)
{
	if (w <= 0.0f || h <= 0.0f || (start.a == 0 && end.a == 0)) {
		return;
	}
	QPainter painter(&canvas_);
	painter.setRenderHint(QPainter::Antialiasing);
	painter.setPen(Qt::NoPen);
	QLinearGradient gradient(QPointF(x, 0.0), QPointF(x + w, 0.0));
	gradient.setColorAt(0.0, toQColor(start));
	gradient.setColorAt(1.0, toQColor(end));
	painter.setBrush(gradient);
	const qreal r = std::min<qreal>(radius, std::min(w, h) / 2.0);
	painter.drawRoundedRect(QRectF(x, y, w, h), r, r);
}

void Composer::image(const RasterImage &image, bool circle)
{
	if (image.empty()) {
		return;
	}
	const QImage source(image.rgba.data(), image.width, image.height, image.width * 4,
			    QImage::Format_RGBA8888_Premultiplied);
	QPainter painter(&canvas_);
	const QPointF at(image.x - x_, image.y - y_);
	if (!circle) {
		painter.drawImage(at, source);
		return;
	}
	// An antialiased disc as the mask (clip paths have hard edges).
	QImage masked = transparentScratch(image.width, image.height);
	{
		QPainter mask(&masked);
		mask.setRenderHint(QPainter::Antialiasing);
		mask.setPen(Qt::NoPen);
		mask.setBrush(Qt::white);
		mask.drawEllipse(QRectF(0, 0, image.width, image.height));
		mask.setCompositionMode(QPainter::CompositionMode_SourceIn);
		mask.drawImage(0, 0, source);
	}
	painter.drawImage(at, masked);
}

void Composer::image(const PaintedPart &part)
{
	if (part.bounds.isEmpty() || part.canvas.isNull()) {
		return;
	}
	QPainter painter(&canvas_);
	painter.drawImage(QPoint(part.x + part.bounds.x() - x_, part.y + part.bounds.y() - y_), part.canvas,
			  part.bounds);
}

std::shared_ptr<const RasterImage> Composer::finish(bool crop) const
{
	return toRasterImage(canvas_, crop ? paintedBounds(canvas_) : canvas_.rect(), x_, y_);
}

} // namespace livegifts::obs
