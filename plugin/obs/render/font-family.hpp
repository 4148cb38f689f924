#pragma once

// Which fonts a line of text is painted with (raster worker; needs a Qt application object).

#include <QStringList>

#include <string>

namespace livegifts::obs {

// The streamer's font family as this computer has it, then the colour emoji font. A family this computer
// lacks or knows only by an alias ("Sans Serif", "Arial", "Segoe UI" on Linux) becomes the family the font
// system substitutes for it: Qt skips a family it cannot find in a list, which would make the emoji font
// the first one and paint digits, spaces, '#' and '*' with its grey glyphs.
QStringList paintFamilies(const std::string &family);

// The colour emoji font's family: emoji sequences (view/emoji-runs) are painted with it alone.
QString emojiFamily();

} // namespace livegifts::obs
