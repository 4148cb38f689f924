#pragma once

// Texts that must not be cut (amounts, a goal's progress): given the room their text needs once it is measured
// (measuring needs the fonts: the raster worker does it and calls these before painting).

#include "view/draw-types.hpp"

namespace livegifts::view {

// The smallest share of its size a text's font is made to fit its box.
constexpr int kLeastFitPercent = 60;

// Two texts on one line, `left` then `right` (a name and its amount, a goal's title and its progress): `right`,
// whose text is `rightWidth` pixels wide in its font, grows to the left to hold it and `left` shrinks (its end
// elided), down to a third of the room the two share. Past that, `right` is given a smaller font (shrinkToFit).
void fitRightText(TextItem &left, TextItem &right, int rightWidth);

// A text `textWidth` pixels wide in its font and wider than its box: its font is made smaller in proportion, down
// to kLeastFitPercent of its size (and 8 pixels); it is elided only past that.
void shrinkToFit(TextItem &item, int textWidth);

} // namespace livegifts::view
