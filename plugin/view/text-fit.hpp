#pragma once

// Texts that must not be cut (amounts, a goal's progress): given the room their text needs once it is measured
// (measuring needs the fonts: the raster worker does it and calls these before painting).

#include "view/draw-types.hpp"

#include <functional>

namespace livegifts::view {

// The smallest share of its size a text's font is made to fit its box.
constexpr int kLeastFitPercent = 60;

// Two texts on one line, `left` then `right` (a name and its amount, a goal's title and its progress): `right`,
// whose text is `rightWidth` pixels wide in its font, grows to the left to hold it and `left` shrinks (its end
// elided), down to a third of the room the two share. Past that, `right` is given a smaller font (shrinkToFit).
// True when `right` fits.
bool fitRightText(TextItem &left, TextItem &right, int rightWidth);

// A text `textWidth` pixels wide in its font and wider than its box: its font is made smaller in proportion, down
// to kLeastFitPercent of its size (and 8 pixels); it is elided only past that. True when it fits.
bool shrinkToFit(TextItem &item, int textWidth);

// The width in pixels of an item's text on one line in its font (the raster worker measures).
using MeasureText = std::function<int(const TextItem &)>;

// A text that must not be cut (`right`: an amount, a goal's progress), beside `left` on one line or on a line
// of its own (`left` null), made to fit in turn: as it is (fitRightText, shrinkToFit); then in its shorter form
// (TextItem::shorter), likewise; then, beside `left`, with the whole line (`left` shown no more). Past all that
// it is cut, in its shorter form and smallest font.
void fitWhole(TextItem *left, TextItem &right, const MeasureText &measure);

} // namespace livegifts::view
