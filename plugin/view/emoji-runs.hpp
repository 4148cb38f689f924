#pragma once

// Where a text holds emoji that must be drawn from the colour emoji font as one picture: a text font that has
// a monochrome glyph for "❤" or "🏳" would otherwise take it, and a sequence split between two fonts
// ("❤️‍🔥", "🏳️‍🌈", "#️⃣") shows as its parts.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace livegifts::view {

struct EmojiRun {
	std::size_t start = 0;  // in UTF-16 code units
	std::size_t length = 0; // likewise
	// Text style asked (a character and U+FE0E, "❤︎"): drawn from a text font, never the colour emoji one.
	bool textStyle = false;
	bool operator==(const EmojiRun &) const = default;
};

// The emoji sequences of `text` (UTF-16): a pictograph, or a character made emoji by the emoji variation
// selector (U+FE0F), a keycap, a skin tone or tags, with what a zero-width joiner joins to it; a pair of
// regional indicators (a flag). A character past ASCII that the text variation selector (U+FE0E) follows is a
// run of its own, in text style.
std::vector<EmojiRun> emojiRuns(std::u16string_view text);

// `text` without the variation selectors inside its `runs` (U+FE0F in an emoji run, U+FE0E in a text-style
// one), which are moved to match. The colour emoji font joins its sequences without them, and has no glyph of
// its own for one: left in, a selector is taken from another font and splits "❤️‍🔥" into a heart and a flame.
std::u16string withoutVariationSelectors(std::u16string_view text, std::vector<EmojiRun> &runs);

} // namespace livegifts::view
