#include "obs/render/raster.hpp"

#include "obs/render/raster-image.hpp"

#include <QFont>
#include <QFontMetrics>
#include <QImage>
#include <QPainter>
#include <QString>

#include <algorithm>

namespace livegifts::obs {

namespace {

QFont toQFont(const FontSpec &spec)
{
	QFont font;
	// Emoji come from the colour emoji font before the system's fallback (which may pick a monochrome
	// symbol font); scripts the first family lacks (Arabic, CJK, Devanagari) still fall back per glyph.
	font.setFamilies({QString::fromStdString(spec.family), QStringLiteral("Noto Color Emoji")});
	if (!spec.style.empty()) {
		font.setStyleName(QString::fromStdString(spec.style));
	}
	font.setPixelSize(std::max(1, spec.pixelSize));
	font.setBold(spec.bold);
	font.setItalic(spec.italic);
	font.setHintingPreference(QFont::PreferNoHinting);
	return font;
}

Qt::Alignment toQt(HAlign align)
{
	switch (align) {
	case HAlign::Center:
		return Qt::AlignHCenter;
	case HAlign::Right:
		return Qt::AlignRight | Qt::AlignAbsolute;
	case HAlign::Left:
		break;
	}
	return Qt::AlignLeft | Qt::AlignAbsolute;
}

} // namespace

std::shared_ptr<const RasterImage> rasterizeText(const std::vector<TextItem> &items, int canvasWidth, int canvasHeight)
{
	if (canvasWidth <= 0 || canvasHeight <= 0 || items.empty()) {
		return std::make_shared<RasterImage>();
	}
	QImage canvas(canvasWidth, canvasHeight, QImage::Format_ARGB32_Premultiplied);
	canvas.fill(Qt::transparent);
	bool shadow = false;
	int shadowOffset = 1;
	{
		QPainter painter(&canvas);
		painter.setRenderHint(QPainter::Antialiasing);
		painter.setRenderHint(QPainter::TextAntialiasing);
		for (const TextItem &item : items) {
			if (item.text.empty() || item.width <= 0 || item.height <= 0) {
				continue;
			}
			const QFont font = toQFont(item.font);
			painter.setFont(font);
			const QFontMetrics metrics(font);
			const QString full = QString::fromStdString(item.text);
			const QString shown = metrics.elidedText(full, Qt::ElideRight, item.width);
			const QRect box(item.x, item.y, item.width, item.height);
			const int flags = static_cast<int>(toQt(item.align) | Qt::AlignVCenter) | Qt::TextSingleLine;
			painter.setPen(QColor(item.color.r, item.color.g, item.color.b, item.color.a));
			painter.drawText(box, flags, shown);
			if (item.shadow) {
				shadow = true;
				shadowOffset = std::max(shadowOffset, item.font.pixelSize / 16);
			}
		}
	}
	if (shadow) {
		// A soft drop shadow made from the text's own coverage (colour emoji included), under the text.
		QImage shade = canvas;
		{
			QPainter tint(&shade);
			tint.setCompositionMode(QPainter::CompositionMode_SourceIn);
			tint.fillRect(shade.rect(), QColor(0, 0, 0, 150));
		}
		QImage composed(canvas.size(), QImage::Format_ARGB32_Premultiplied);
		composed.fill(Qt::transparent);
		{
			QPainter painter(&composed);
			painter.drawImage(shadowOffset, shadowOffset, shade);
			painter.drawImage(0, 0, canvas);
		}
		canvas = composed;
	}
	return toRasterImage(canvas, paintedBounds(canvas));
}

} // namespace livegifts::obs
