#include "obs/render/raster.hpp"

#include "obs/render/font-family.hpp"
#include "obs/render/raster-image.hpp"
#include "obs/render/scratch.hpp"
#include "obs/render/text-line.hpp"
#include "obs/render/text-outline.hpp"

#include <QFont>
#include <QFontMetrics>
#include <QImage>
#include <QPainter>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace livegifts::obs {

namespace {

QFont toQFont(const FontSpec &spec)
{
	QFont font;
	// Emoji come from the colour emoji font before the system's fallback (which may pick a monochrome
	// symbol font); scripts the first family lacks (Arabic, CJK, Devanagari) still fall back per glyph.
	font.setFamilies(paintFamilies(spec.family));
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
	groups.push_back({effects.outlineWidth, effects.outlineColor, transparentScratch(size.width(), size.height())});
	return groups.back();
}

// `top` drawn over `bottom`.
void drawOver(QImage &bottom, const QImage &top, int dx = 0, int dy = 0)
{
	QPainter painter(&bottom);
	painter.drawImage(dx, dy, top);
}

// Every pixel of `image` in the drop shadow's colour, as opaque as it was.
void tintShadow(QImage &image)
{
	QPainter tint(&image);
	tint.setCompositionMode(QPainter::CompositionMode_SourceIn);
	tint.fillRect(image.rect(), QColor(0, 0, 0, 150));
}

// True when `text` shows nothing but "…" (the direction marks and isolates around it show nothing).
bool onlyEllipsis(const QString &text)
{
	bool ellipsis = false;
	for (const QChar c : text) {
		const char16_t unit = c.unicode();
		if (unit == 0x2026 && !ellipsis) {
			ellipsis = true;
		} else if (!(unit == 0x200E || unit == 0x200F || (unit >= 0x2066 && unit <= 0x2069))) {
			return false;
		}
	}
	return ellipsis;
}

// One item as it will be painted.
struct Laid {
	const TextItem *item;
	QFont font;
	EmojiLine line;
	QRect box;
	int flags;
	std::unique_ptr<LaidLine> laidOut; // a line with emoji, laid out once for every layer
};

void drawLine(QPainter &painter, const Laid &laid, QRect *painted)
{
	if (laid.laidOut) {
		laid.laidOut->draw(painter, laid.box, painted);
	} else {
		drawTextLine(painter, laid.font, laid.line, laid.box, laid.flags, painted);
	}
}

// The item's layers painted over `region` of the canvas (canvas coordinates): the plates, the text, and
// each outline look's coverage; `reached` is where the lettering landed (its layout rectangles and every
// pixel of text or coverage), in canvas coordinates, as far as the region shows it.
struct Layers {
	QImage canvas; // plates; made when an item has one
	QImage text;
	std::vector<OutlineGroup> outlines;
	QRect reached;
};

Layers paintLayers(const std::vector<Laid> &laid, const QRect &region, const QRect &canvasRect)
{
	Layers layers;
	const QSize size = region.size();
	const QPoint shift = -region.topLeft(); // canvas coordinates to the images' own
	layers.text = transparentScratch(size.width(), size.height());
	{
		QPainter painter(&layers.text);
		painter.translate(shift);
		painter.setRenderHint(QPainter::Antialiasing);
		painter.setRenderHint(QPainter::TextAntialiasing);
		QPainter plates;
		for (const Laid &line : laid) {
			const TextItem &item = *line.item;
			painter.setFont(line.font);
			painter.setPen(QColor(item.color.r, item.color.g, item.color.b, item.color.a));
			QRect painted;
			drawLine(painter, line, &painted);
			layers.reached = layers.reached.united(painted);
			const view::TextEffects &effects = item.effects;
			if (effects.plate) {
				if (layers.canvas.isNull()) {
					layers.canvas = transparentScratch(size.width(), size.height());
					plates.begin(&layers.canvas);
					plates.translate(shift);
				}
				paintPlate(plates, painted, item.font.pixelSize, effects.plateColor, canvasRect);
			}
			if (effects.outlineWidth > 0 && effects.outlineColor.a > 0) {
				QPainter coverage(&groupFor(layers.outlines, effects, size).coverage);
				coverage.translate(shift);
				coverage.setRenderHint(QPainter::Antialiasing);
				coverage.setRenderHint(QPainter::TextAntialiasing);
				coverage.setFont(line.font);
				coverage.setPen(Qt::white); // a see-through text still gets a whole outline
				drawLine(coverage, line, nullptr);
			}
		}
	}
	layers.reached = layers.reached.united(paintedBounds(layers.text).translated(region.topLeft()));
	for (const OutlineGroup &group : layers.outlines) {
		layers.reached = layers.reached.united(paintedBounds(group.coverage).translated(region.topLeft()));
	}
	return layers;
}

PaintedPart rasterize(const std::vector<TextItem> &items, int canvasWidth, int canvasHeight, bool wholeCanvas)
{
	if (canvasWidth <= 0 || canvasHeight <= 0 || items.empty()) {
		return {};
	}
	// The images below cover only the part of the canvas the text is expected to reach (each line's box
	// and a font size around it) with room for its plates, outlines and shadow, instead of the whole
	// canvas: fewer pixels to clear, blend, outline and scan, and fewer fresh pages for each card. Text
	// that lands outside that (marks stacked far above a line) is painted again on the whole canvas.
	std::vector<Laid> laid;
	laid.reserve(items.size());
	QImage device(1, 1, QImage::Format_ARGB32_Premultiplied); // the resolution lines are laid out at: a QImage's
	QRect expected;
	int margin = 0; // around the lettering: plates, outlines and a pixel of anti-aliasing
	int shadowOffset = 1;
	bool shadow = false;
	for (const TextItem &item : items) {
		if (item.text.empty() || item.width <= 0 || item.height <= 0) {
			continue;
		}
		QFont font = toQFont(item.font);
		const int flags = static_cast<int>(toQt(item.align) | Qt::AlignVCenter) | Qt::TextSingleLine;
		const QString text = QString::fromStdString(item.text);
		EmojiLine line = emojiLine(text);
		std::unique_ptr<LaidLine> laidOut;
		if (!line.emoji.empty()) {
			// Measured as it is painted, from the one layout every layer paints (shaping a colour emoji
			// decodes its bitmap): a line that fits is not shaped again to be elided.
			laidOut = std::make_unique<LaidLine>(font, line, flags, &device);
			if (laidOut->width() > item.width) {
				laidOut.reset();
			}
		}
		if (!laidOut) {
			const QString shown = QFontMetrics(font).elidedText(text, Qt::ElideRight, item.width);
			if (onlyEllipsis(shown) && !onlyEllipsis(text)) {
				continue; // a box too narrow for any of its text: nothing, rather than a lone "…"
			}
			if (shown != text) {
				line = emojiLine(shown);
			}
			if (!line.emoji.empty()) {
				laidOut = std::make_unique<LaidLine>(font, line, flags, &device);
			}
		}
		const QRect box(item.x, item.y, item.width, item.height);
		laid.push_back({&item, std::move(font), std::move(line), box, flags, std::move(laidOut)});
		const int em = std::max(1, item.font.pixelSize);
		expected = expected.united(box.adjusted(-em, -em, em, em));
		const view::TextEffects &effects = item.effects;
		int around = 2;
		if (effects.plate) {
			around += plateReach(item.font.pixelSize);
		}
		if (effects.outlineWidth > 0 && effects.outlineColor.a > 0) {
			around += outlineReach(effects.outlineWidth);
		}
		margin = std::max(margin, around);
		if (item.shadow) {
			shadow = true;
			shadowOffset = std::max(shadowOffset, item.font.pixelSize / 16);
		}
	}
	const QRect canvasRect(0, 0, canvasWidth, canvasHeight);
	expected = expected.intersected(canvasRect);
	if (laid.empty() || expected.isEmpty()) {
		return {};
	}
	const int extra = margin + (shadow ? shadowOffset : 0);
	QRect region =
	    wholeCanvas ? canvasRect : expected.adjusted(-extra, -extra, extra, extra).intersected(canvasRect);
	Layers layers = paintLayers(laid, region, canvasRect);
	if (!expected.contains(layers.reached.intersected(canvasRect)) && region != canvasRect) {
		region = canvasRect;
		layers = paintLayers(laid, region, canvasRect);
	}
	const QSize size = region.size();
	const bool plated = !layers.canvas.isNull(); // anything painted before the lettering
	// The text with its outlines, then a soft drop shadow made from that coverage (colour emoji
	// included) under both, over the plates.
	// (Drawn over a transparent image, an image is that image: the first layer is taken as it is.)
	// Each layer is let go as soon as it is drawn, so its canvas is free for the next one (scratch.hpp).
	QImage lettering;
	for (OutlineGroup &group : layers.outlines) {
		QImage outline = outlineOf(group.coverage, group.width, group.color);
		group.coverage = QImage();
		if (lettering.isNull()) {
			lettering = std::move(outline);
		} else {
			drawOver(lettering, outline);
		}
	}
	layers.outlines.clear();
	if (lettering.isNull()) {
		lettering = std::move(layers.text);
	} else {
		drawOver(lettering, layers.text);
		layers.text = QImage();
	}
	if (!plated && !shadow) {
		const QRect bounds = paintedBounds(lettering);
		return {std::move(lettering), bounds, region.x(), region.y()};
	}
	QImage canvas;
	if (plated) {
		canvas = std::move(layers.canvas);
		if (shadow) {
			QImage shade = scratchCopy(lettering);
			tintShadow(shade);
			drawOver(canvas, shade, shadowOffset, shadowOffset);
		}
	} else {
		// The shadow made in the canvas itself: the lettering moved onto nothing is the lettering, tinted
		// there.
		canvas = transparentScratch(size.width(), size.height());
		drawOver(canvas, lettering, shadowOffset, shadowOffset);
		tintShadow(canvas);
	}
	drawOver(canvas, lettering);
	const QRect bounds = paintedBounds(canvas);
	return {std::move(canvas), bounds, region.x(), region.y()};
}

std::shared_ptr<const RasterImage> toImage(const PaintedPart &part)
{
	return toRasterImage(part.canvas, part.bounds, part.x, part.y);
}

} // namespace

int textWidth(const TextItem &item)
{
	const QFontMetrics metrics(toQFont(item.font));
	return metrics.horizontalAdvance(QString::fromStdString(item.text)) + 1; // + 1: a fraction rounded down
}

PaintedPart paintText(const std::vector<TextItem> &items, int canvasWidth, int canvasHeight)
{
	return rasterize(items, canvasWidth, canvasHeight, false);
}

std::shared_ptr<const RasterImage> rasterizeText(const std::vector<TextItem> &items, int canvasWidth, int canvasHeight)
{
	return toImage(rasterize(items, canvasWidth, canvasHeight, false));
}

std::shared_ptr<const RasterImage> rasterizeTextWhole(const std::vector<TextItem> &items, int canvasWidth,
						      int canvasHeight)
{
	return toImage(rasterize(items, canvasWidth, canvasHeight, true));
}

} // namespace livegifts::obs
