#pragma once

// One line of text painted as QPainter::drawText paints it, with its emoji sequences drawn whole from the colour
// emoji font and the characters asked in text style from text fonts (view/emoji-runs). Any thread with a Qt
// application object (the raster worker paints cards and rows with it, the UI thread the dock's lists).

#include "view/emoji-runs.hpp"

#include <QRect>
#include <QString>

#include <vector>

class QFont;
class QPainter;

namespace livegifts::obs {

// A line ready to paint: its text with the variation selectors taken out of its emoji runs
// (withoutVariationSelectors), and those runs.
struct EmojiLine {
	QString shown;
	std::vector<view::EmojiRun> emoji;
};

EmojiLine emojiLine(const QString &text);

// Paints `line` in `box` in `font`, placed as drawText places one line: aligned by `flags` (Qt::Alignment),
// centred vertically, clipped to the box only when it does not fit. `painted`: the line's rectangle.
void drawTextLine(QPainter &painter, const QFont &font, const EmojiLine &line, const QRect &box, int flags,
		  QRect *painted = nullptr);

} // namespace livegifts::obs
