#include "view/emoji-runs.hpp"

#include "core/utf8.hpp"

#include <utility>

namespace livegifts::view {

namespace {

// A code point at `i` (a lone surrogate stands for itself); `units` its length in code units.
char32_t codePointAt(std::u16string_view text, std::size_t i, std::size_t &units)
{
	const char16_t high = text[i];
	if (high >= 0xD800 && high <= 0xDBFF && i + 1 < text.size()) {
		const char16_t low = text[i + 1];
		if (low >= 0xDC00 && low <= 0xDFFF) {
			units = 2;
			return 0x10000 + ((static_cast<char32_t>(high) - 0xD800) << 10) +
			       (static_cast<char32_t>(low) - 0xDC00);
		}
	}
	units = 1;
	return high;
}

// Shown as emoji without a selector: the pictographs' planes, and the characters of the basic plane whose default
// presentation is emoji (Unicode's Emoji_Presentation).
bool emojiByDefault(char32_t cp)
{
	static constexpr std::pair<char32_t, char32_t> kRanges[] = {
	    {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F201, 0x1F201},
	    {0x1F21A, 0x1F21A}, {0x1F22F, 0x1F22F}, {0x1F232, 0x1F236}, {0x1F238, 0x1F23A}, {0x1F250, 0x1F251},
	    {0x1F300, 0x1F3FA}, {0x1F400, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7F0}, {0x1F90C, 0x1F9FF},
	    {0x1FA70, 0x1FAFF}, {0x231A, 0x231B},   {0x23E9, 0x23EC},   {0x23F0, 0x23F0},   {0x23F3, 0x23F3},
	    {0x25FD, 0x25FE},   {0x2614, 0x2615},   {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},
	    {0x26A1, 0x26A1},   {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
	    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},   {0x26FA, 0x26FA},
	    {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},   {0x2728, 0x2728},   {0x274C, 0x274C},
	    {0x274E, 0x274E},   {0x2753, 0x2755},   {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},
	    {0x27BF, 0x27BF},   {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},
	};
	return inCodePointRanges(cp, kRanges);
}

bool isSkinTone(char32_t cp)
{
	return cp >= 0x1F3FB && cp <= 0x1F3FF;
}

bool isTag(char32_t cp)
{
	return cp >= 0xE0020 && cp <= 0xE007F;
}

bool isRegionalIndicator(char32_t cp)
{
	return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

constexpr char32_t kEmojiStyle = 0xFE0F;
constexpr char32_t kTextStyle = 0xFE0E;
constexpr char32_t kKeycap = 0x20E3;
constexpr char32_t kJoiner = 0x200D;

} // namespace

std::vector<EmojiRun> emojiRuns(std::u16string_view text)
{
	std::vector<EmojiRun> runs;
	std::size_t i = 0;
	while (i < text.size()) {
		std::size_t units = 0;
		const char32_t first = codePointAt(text, i, units);
		std::size_t end = i + units;
		if (isRegionalIndicator(first)) {
			std::size_t next = 0;
			if (end < text.size() && isRegionalIndicator(codePointAt(text, end, next))) {
				runs.push_back({i, end + next - i});
				i = end + next;
				continue;
			}
			i = end;
			continue;
		}
		bool emoji = emojiByDefault(first);
		bool textStyle = false;
		// What follows the first character and belongs to it: selectors, a keycap, skin tones, tags, and each
		// character a joiner joins (with its own).
		while (end < text.size()) {
			std::size_t next = 0;
			const char32_t cp = codePointAt(text, end, next);
			if (cp == kEmojiStyle) {
				emoji =
				    emoji || first >= 0xA9; // from "©": no letter or digit of ASCII has an emoji form
				end += next;
			} else if (isSkinTone(cp) || isTag(cp)) {
				emoji = true;
				end += next;
			} else if (cp == kKeycap) {
				emoji = emoji || (first >= U'0' && first <= U'9') || first == U'#' || first == U'*';
				end += next;
			} else if (cp == kTextStyle) {
				textStyle = true;
				end += next;
			} else if (cp == kJoiner && end + next < text.size() && emoji && !textStyle) {
				std::size_t joined = 0;
				codePointAt(text, end + next, joined);
				end += next + joined;
			} else {
				break;
			}
		}
		if (textStyle && first >= 0xA9) {
			runs.push_back({i, end - i, true});
		} else if (emoji && !textStyle) {
			runs.push_back({i, end - i});
		}
		i = end;
	}
	return runs;
}

std::u16string withoutVariationSelectors(std::u16string_view text, std::vector<EmojiRun> &runs)
{
	std::u16string out;
	out.reserve(text.size());
	std::size_t done = 0; // of `text`, copied
	for (EmojiRun &run : runs) {
		out.append(text.substr(done, run.start - done));
		const std::size_t start = out.size();
		const char16_t selector =
		    run.textStyle ? static_cast<char16_t>(kTextStyle) : static_cast<char16_t>(kEmojiStyle);
		for (std::size_t i = run.start; i < run.start + run.length; ++i) {
			if (text[i] != selector) {
				out.push_back(text[i]);
			}
		}
		done = run.start + run.length;
		run.start = start;
		run.length = out.size() - start;
	}
	out.append(text.substr(done));
	return out;
}

} // namespace livegifts::view
