#pragma once

// One line of text painted as QPainter::drawText paints it, with its emoji sequences drawn whole from the colour
// emoji font and the characters asked in text style from text fonts (view/emoji-runs). Any thread with a Qt
// application object (the raster worker paints cards and rows with it, the UI thread the dock's lists).

#include "view/emoji-runs.hpp"

#include <QRect>
#include <QString>

#include <memory>
#include <vector>

class QFont;
class QPaintDevice;
class QPainter;
class QTextLayout;

namespace livegifts::obs {

// A line ready to paint: its text with the variation selectors taken out of its emoji runs
// (withoutVariationSelectors), and those runs.
struct EmojiLine {
	QString shown;
	std::vector<view::EmojiRun> emoji;
};

EmojiLine emojiLine(const QString &text);

// A line with emoji sequences laid out once, to paint one or more times (the text, then its outline's coverage)
// and to measure: its shaping is most of its cost, each colour emoji's bitmap decoded to measure it. The device
// gives the resolution (any QImage: they share one).
class LaidLine {
public:
	LaidLine(const QFont &font, const EmojiLine &line, int flags, QPaintDevice *device);
	~LaidLine();
	LaidLine(const LaidLine &) = delete;
	LaidLine &operator=(const LaidLine &) = delete;
	// The width its text takes (0 when there is nothing to lay out).
	qreal width() const { return width_; }
	// As drawTextLine paints the line in `box`.
	void draw(QPainter &painter, const QRect &box, QRect *painted = nullptr) const;

private:
	std::unique_ptr<QTextLayout> layout_;
	int flags_ = 0;
	bool valid_ = false;
	qreal width_ = 0.0;
	qreal ascent_ = 0.0; // of the line as drawText counts it (the item's own font included)
	qreal height_ = 0.0;
	qreal lineAscent_ = 0.0; // of the laid-out line alone
};

// Paints `line` in `box` in `font`, placed as drawText places one line: aligned by `flags` (Qt::Alignment),
// centred vertically, clipped to the box only when it does not fit. `painted`: the line's rectangle.
void drawTextLine(QPainter &painter, const QFont &font, const EmojiLine &line, const QRect &box, int flags,
		  QRect *painted = nullptr);

} // namespace livegifts::obs
