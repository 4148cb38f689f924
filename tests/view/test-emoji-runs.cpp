// Which parts of a text are emoji sequences, drawn from the colour emoji font as one picture.

#include <catch2/catch.hpp>

#include "view/emoji-runs.hpp"

#include <string>
#include <vector>

using livegifts::view::EmojiRun;
using livegifts::view::emojiRuns;

TEST_CASE("Emoji sequences are found whole; text around them and text-style characters are not", "[emojiruns]")
{
	using Runs = std::vector<EmojiRun>;
	CHECK(emojiRuns(u"") == Runs{});
	CHECK(emojiRuns(u"Layla Haddad") == Runs{});
	CHECK(emojiRuns(u"ليلى 李 क्‍ष") == Runs{}); // a joiner inside a script is the script's
	// A heart made emoji by its selector; with a flame joined (5 code units: 2764 FE0F 200D D83D DD25).
	CHECK(emojiRuns(u"a\u2764\uFE0Fb") == Runs{{1, 2}});
	CHECK(emojiRuns(u"a\u2764\uFE0F\u200D\U0001F525b") == Runs{{1, 5}});
	CHECK(emojiRuns(u"\U0001F3F3\uFE0F\u200D\U0001F308") == Runs{{0, 6}});           // a rainbow flag
	CHECK(emojiRuns(u"\U0001F468\u200D\U0001F469\u200D\U0001F467") == Runs{{0, 8}}); // a family
	CHECK(emojiRuns(u"\U0001F44D\U0001F3FD!") == Runs{{0, 4}});                      // a skin tone
	CHECK(emojiRuns(u"\U0001F1EF\U0001F1F5\U0001F1EB") == Runs{{0, 4}});          // a flag; a lone indicator is not
	CHECK(emojiRuns(u"#\uFE0F\u20E3 1\u20E3") == Runs{{0, 3}, {4, 2}});           // keycaps
	CHECK(emojiRuns(u"\u2B50\u26A1x\U0001F525") == Runs{{0, 1}, {1, 1}, {3, 2}}); // emoji by default
	// A symbol that is text by default is left to the line's fonts; text style asked is a run of its own, which
	// no joiner extends.
	CHECK(emojiRuns(u"\u2764 \u263A") == Runs{});
	CHECK(emojiRuns(u"\u2764\uFE0E \u2B50\uFE0E\u200D\U0001F525") == Runs{{0, 2, true}, {3, 2, true}, {6, 2}});
	CHECK(emojiRuns(u"a\uFE0E") == Runs{});
	CHECK(emojiRuns(u"b\uFE0F 1\uFE0F \u00A9\uFE0F") == Runs{{6, 2}}); // no ASCII letter or digit is one alone
	// England's flag: a black flag with tags.
	CHECK(emojiRuns(u"\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F") == Runs{{0, 14}});
	// A joiner at the end or a lone surrogate does not run past the text.
	CHECK(emojiRuns(u"\U0001F525\u200D") == Runs{{0, 2}});
	const std::u16string lone(1, static_cast<char16_t>(0xD83D));
	CHECK(emojiRuns(lone) == Runs{});
}

TEST_CASE("Variation selectors are taken out of the runs only, which move to match", "[emojiruns]")
{
	using livegifts::view::withoutVariationSelectors;
	const std::u16string text = u"a\u2764\uFE0F\u200D\U0001F525 b\uFE0F #\uFE0F\u20E3";
	std::vector<EmojiRun> runs = emojiRuns(text);
	REQUIRE(runs == std::vector<EmojiRun>{{1, 5}, {10, 3}});
	const std::u16string joined = withoutVariationSelectors(text, runs);
	CHECK(joined == u"a\u2764\u200D\U0001F525 b\uFE0F #\u20E3"); // the selector after "b" is not a run's
	CHECK(runs == std::vector<EmojiRun>{{1, 4}, {9, 2}});
	std::vector<EmojiRun> none;
	CHECK(withoutVariationSelectors(u"x\uFE0F", none) == u"x\uFE0F");
	// A text-style run loses its selector as an emoji run does.
	const std::u16string styled = u"\u2764\uFE0E and \u2764\uFE0F";
	std::vector<EmojiRun> both = emojiRuns(styled);
	REQUIRE(both == std::vector<EmojiRun>{{0, 2, true}, {7, 2}});
	CHECK(withoutVariationSelectors(styled, both) == u"\u2764 and \u2764");
	CHECK(both == std::vector<EmojiRun>{{0, 1, true}, {6, 1}});
}
