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

// The colour emoji font's family (the first this computer has of Noto Color Emoji, Apple Color Emoji, Segoe UI
// Emoji and a few others): emoji sequences (view/emoji-runs) are painted with it alone.
QString emojiFamily();

// For a character asked in text style ("❤︎"): `family` (an installed one, as paintFamilies gives), then the
// fonts with monochrome symbols this computer has; never the colour emoji font, which would otherwise be the
// next in the line's list when `family` lacks the character.
QStringList textStyleFamilies(const QString &family);

} // namespace livegifts::obs
