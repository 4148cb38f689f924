#include "obs/render/raster.hpp"

#include "obs/render/raster-image.hpp"
#include "obs/render/text-outline.hpp"

#include <QFont>
#include <QFontMetrics>
#include <QImage>
#include <QPainter>
#include <QString>

#include <algorithm>
#include <utility>

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

QImage transparentImage(QSize size)
{
	QImage image(size, QImage::Format_ARGB32_Premultiplied);
	image.fill(Qt::transparent);
	return image;
}

// The items that share one outline look, painted opaque: the coverage the outline grows from.
struct OutlineGroup {
	int width = 0;
	Rgba color;
	QImage coverage;
};

OutlineGroup &groupFor(std::vector<OutlineGroup> &groups, const view::TextEffects &effects, QSize size)
{
	for (OutlineGroup &group : groups) {
		if (group.width == effects.outlineWidth && group.color == effects.outlineColor) {
			return group;
		}
	}
	groups.push_back({effects.outlineWidth, effects.outlineColor, transparentImage(size)});
	return groups.back();
}

// `top` drawn over `bottom`.
void drawOver(QImage &bottom, const QImage &top, int dx = 0, int dy = 0)
{
	QPainter painter(&bottom);
	painter.drawImage(dx, dy, top);
}

} // namespace

std::shared_ptr<const RasterImage> rasterizeText(const std::vector<TextItem> &items, int canvasWidth, int canvasHeight)
{
	if (canvasWidth <= 0 || canvasHeight <= 0 || items.empty()) {
		return std::make_shared<RasterImage>();
	}
	const QSize size(canvasWidth, canvasHeight);
	QImage canvas = transparentImage(size); // plates, then shadow, outlines and text
	QImage text = transparentImage(size);
	std::vector<OutlineGroup> outlines;
	bool plated = false; // anything painted on the canvas before the lettering
	bool shadow = false;
	int shadowOffset = 1;
	{
		QPainter painter(&text);
		painter.setRenderHint(QPainter::Antialiasing);
		painter.setRenderHint(QPainter::TextAntialiasing);
		QPainter plates(&canvas);
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
			QRect painted;
			painter.drawText(box, flags, shown, &painted);
			const view::TextEffects &effects = item.effects;
			if (effects.plate) {
				plated = true;
				paintPlate(plates, painted, item.font.pixelSize, effects.plateColor);
			}
			if (effects.outlineWidth > 0 && effects.outlineColor.a > 0) {
				QPainter coverage(&groupFor(outlines, effects, size).coverage);
				coverage.setRenderHint(QPainter::Antialiasing);
				coverage.setRenderHint(QPainter::TextAntialiasing);
				coverage.setFont(font);
				coverage.setPen(Qt::white); // a see-through text still gets a whole outline
				coverage.drawText(box, flags, shown);
			}
			if (item.shadow) {
				shadow = true;
				shadowOffset = std::max(shadowOffset, item.font.pixelSize / 16);
			}
		}
	}
	// The text with its outlines, then a soft drop shadow made from that coverage (colour emoji
	// included) under both, over the plates.
	// (Drawn over a transparent image, an image is that image: the first layer is taken as it is.)
	QImage lettering;
	for (const OutlineGroup &group : outlines) {
		QImage outline = outlineOf(group.coverage, group.width, group.color);
		if (lettering.isNull()) {
			lettering = std::move(outline);
		} else {
			drawOver(lettering, outline);
		}
	}
	if (lettering.isNull()) {
		lettering = text;
	} else {
		drawOver(lettering, text);
	}
	if (shadow) {
		QImage shade = lettering;
		{
			QPainter tint(&shade);
			tint.setCompositionMode(QPainter::CompositionMode_SourceIn);
			tint.fillRect(shade.rect(), QColor(0, 0, 0, 150));
		}
		drawOver(canvas, shade, shadowOffset, shadowOffset);
	}
	if (!plated && !shadow) {
		return toRasterImage(lettering, paintedBounds(lettering));
	}
	drawOver(canvas, lettering);
	return toRasterImage(canvas, paintedBounds(canvas));
}

} // namespace livegifts::obs
