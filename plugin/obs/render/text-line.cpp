#include "obs/render/text-line.hpp"

#include "obs/render/font-family.hpp"

#include <QFont>
#include <QFontMetricsF>
#include <QPainter>
#include <QStringList>
#include <QTextCharFormat>
#include <QTextLayout>
#include <QTextOption>
#include <QVector>

#include <algorithm>
#include <string>
#include <string_view>

namespace livegifts::obs {

// Laid out with the colour emoji font as the emoji runs' only family (a text font's monochrome "❤" or half of
// "❤️‍🔥" is never taken) and text fonts alone for a character asked in text style ("❤︎"); placed by draw
// as drawTextLine says.
LaidLine::LaidLine(const QFont &font, const EmojiLine &line, int flags, QPaintDevice *device)
    : layout_(std::make_unique<QTextLayout>(line.shown, font, device)), flags_(flags)
{
	QTextOption option(Qt::AlignLeft | Qt::AlignAbsolute); // the line starts at its left; placed by draw
	option.setWrapMode(QTextOption::NoWrap);
	// As drawText: a right-to-left name reads right to left, unless the flags force a direction.
	option.setTextDirection((flags & Qt::TextForceRightToLeft) != 0   ? Qt::RightToLeft
				: (flags & Qt::TextForceLeftToRight) != 0 ? Qt::LeftToRight
									  : Qt::LayoutDirectionAuto);
	layout_->setTextOption(option);
	QVector<QTextLayout::FormatRange> formats;
	for (const view::EmojiRun &run : line.emoji) {
		QTextLayout::FormatRange range;
		range.start = static_cast<int>(run.start);
		range.length = static_cast<int>(run.length);
		range.format.setFontFamilies(run.textStyle ? textStyleFamilies(font.family())
							   : QStringList{emojiFamily()});
		formats.push_back(range);
	}
	layout_->setFormats(formats);
	// Keeps the shaped glyphs for draw: without it the layout lets them go at endLayout and every draw shapes the
	// line again (and decodes each colour emoji's bitmap again to measure it).
	layout_->setCacheEnabled(true);
	layout_->beginLayout();
	QTextLine textLine = layout_->createLine();
	if (textLine.isValid()) {
		textLine.setLineWidth(1.0e6);
	}
	layout_->endLayout();
	if (!textLine.isValid()) {
		return;
	}
	valid_ = true;
	width_ = textLine.naturalTextWidth();
	// The line's height as drawText counts it: the item's own font is part of every line, emoji only or not.
	const QFontMetricsF metrics(font);
	lineAscent_ = textLine.ascent();
	ascent_ = std::max(lineAscent_, metrics.ascent());
	height_ = ascent_ + std::max(textLine.descent(), metrics.descent());
}

LaidLine::~LaidLine() = default;

void LaidLine::draw(QPainter &painter, const QRect &box, QRect *painted) const
{
	if (!valid_) {
		return;
	}
	qreal x = box.x();
	if ((flags_ & Qt::AlignRight) != 0) {
		x = box.x() + box.width() - width_;
	} else if ((flags_ & Qt::AlignHCenter) != 0) {
		x = box.x() + (box.width() - width_) / 2.0;
	}
	const qreal y = box.y() + (box.height() - height_) / 2.0;
	const QRect bounds = QRectF(x, y, width_, height_).toAlignedRect();
	painter.save();
	if (!box.contains(bounds)) {
		painter.setClipRect(box, Qt::IntersectClip);
	}
	layout_->draw(&painter, QPointF(x, y + ascent_ - lineAscent_)); // on the line's baseline
	painter.restore();
	if (painted) {
		*painted = bounds;
	}
}

EmojiLine emojiLine(const QString &text)
{
	EmojiLine line{text, {}};
	const std::u16string_view units(reinterpret_cast<const char16_t *>(text.utf16()),
					static_cast<std::size_t>(text.size()));
	line.emoji = view::emojiRuns(units);
	if (!line.emoji.empty()) {
		const std::u16string joined = view::withoutVariationSelectors(units, line.emoji);
		line.shown = QString::fromUtf16(joined.data(), static_cast<int>(joined.size()));
	}
	return line;
}

void drawTextLine(QPainter &painter, const QFont &font, const EmojiLine &line, const QRect &box, int flags,
		  QRect *painted)
{
	if (line.emoji.empty()) {
		painter.setFont(font);
		painter.drawText(box, flags, line.shown, painted);
	} else {
		LaidLine(font, line, flags, painter.device()).draw(painter, box, painted);
	}
}

} // namespace livegifts::obs
