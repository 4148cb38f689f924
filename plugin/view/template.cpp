#include "view/template.hpp"

#include <string>
#include <utility>

#include "core/utf8.hpp"

namespace livegifts::view {

TemplateVars &TemplateVars::set(std::string name, std::string value)
{
	for (auto &[n, v] : values_) {
		if (n == name) {
			v = std::move(value);
			return *this;
		}
	}
	values_.emplace_back(std::move(name), std::move(value));
	return *this;
}

TemplateVars &TemplateVars::set(std::string name, long long value)
{
	return set(std::move(name), std::to_string(value));
}

const std::string *TemplateVars::find(std::string_view name) const
{
	for (const auto &[n, v] : values_) {
		if (n == name) {
			return &v;
		}
	}
	return nullptr;
}

namespace {

bool isControl(char32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
}

bool isBidiEmbeddingOrIsolate(char32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

// A combining mark that stacks on the letter before it, in the blocks text that piles marks up ("Zalgo") uses:
// generic diacritics, Cyrillic, Hebrew, Arabic, Thai and Lao marks, and the diacritic supplements.
bool isStackingMark(char32_t cp)
{
	constexpr std::pair<char32_t, char32_t> kRanges[] = {
	    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF}, {0x05C1, 0x05C2}, {0x05C4, 0x05C5},
	    {0x05C7, 0x05C7}, {0x0610, 0x061A}, {0x064B, 0x065F}, {0x0670, 0x0670}, {0x06D6, 0x06DC}, {0x06DF, 0x06E4},
	    {0x06E7, 0x06E8}, {0x06EA, 0x06ED}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E}, {0x0EB1, 0x0EB1},
	    {0x0EB4, 0x0EBC}, {0x0EC8, 0x0ECD}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x20D0, 0x20FF}, {0xFE20, 0xFE2F},
	};
	return inCodePointRanges(cp, kRanges);
}

// dropBidi: the value's own bidi embeddings, overrides and isolates are dropped (always when isolated).
std::string cleanValue(std::string_view raw, const TemplateOptions &options, bool dropBidi = false)
{
	const std::string valid = isValidUtf8(raw) ? std::string(raw) : repairUtf8(raw);
	std::string out;
	out.reserve(valid.size() + 8);
	if (options.isolateBidi) {
		out += "\u2068";
	}
	std::size_t codePoints = 0;
	int marks = 0; // stacking marks since the last other character
	for (std::size_t i = 0; i < valid.size();) {
		std::size_t length = 0;
		const char32_t cp = decodeUtf8(valid, i, length);
		length = length == 0 ? 1 : length; // `valid` is valid UTF-8: never 0
		marks = isStackingMark(cp) ? marks + 1 : 0;
		if (marks > kMaxStackedMarks) {
			// A pile of marks would draw over the lines around it: the rest of the pile is dropped.
			i += length;
			continue;
		}
		if (options.maxValueCodePoints != 0 && codePoints == options.maxValueCodePoints) {
			out += "\u2026";
			break;
		}
		if (isControl(cp)) {
			out += ' ';
		} else if ((options.isolateBidi || dropBidi) && isBidiEmbeddingOrIsolate(cp)) {
			// would escape or break the isolate around the value: dropped
		} else {
			out.append(valid, i, length);
		}
		++codePoints;
		i += length;
	}
	if (options.isolateBidi) {
		out += "\u2069";
	}
	return out;
}

bool isNameChar(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
	       c == '-';
}

} // namespace

std::string sanitizeUserText(std::string_view text)
{
	TemplateOptions options;
	options.isolateBidi = false;
	return cleanValue(text, options);
}

std::string viewerName(std::string_view text)
{
	TemplateOptions options;
	options.isolateBidi = false;
	return cleanValue(text, options, true);
}

std::string isolatedUserText(std::string_view text)
{
	return cleanValue(text, TemplateOptions{});
}

std::string renderTemplate(std::string_view text, const TemplateVars &vars, const TemplateOptions &options)
{
	std::string out;
	out.reserve(text.size() + 32);
	std::size_t i = 0;
	while (i < text.size()) {
		const char c = text[i];
		if (c == '{') {
			if (i + 1 < text.size() && text[i + 1] == '{') {
				out += '{';
				i += 2;
				continue;
			}
			std::size_t end = i + 1;
			while (end < text.size() && isNameChar(text[end])) {
				++end;
			}
			if (end < text.size() && text[end] == '}' && end > i + 1) {
				const std::string_view name = text.substr(i + 1, end - i - 1);
				if (const std::string *value = vars.find(name)) {
					out += cleanValue(*value, options);
					i = end + 1;
					continue;
				}
			}
			out += '{';
			++i;
			continue;
		}
		if (c == '}' && i + 1 < text.size() && text[i + 1] == '}') {
			out += '}';
			i += 2;
			continue;
		}
		out += c;
		++i;
	}
	return isValidUtf8(out) ? out : repairUtf8(out);
}

std::string formatCount(long long value, std::string_view separator)
{
	const bool negative = value < 0;
	unsigned long long magnitude =
	    negative ? 0ULL - static_cast<unsigned long long>(value) : static_cast<unsigned long long>(value);
	std::string digits = std::to_string(magnitude);
	std::string out;
	const std::size_t first = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
	out.append(digits, 0, first);
	for (std::size_t i = first; i < digits.size(); i += 3) {
		out.append(separator);
		out.append(digits, i, 3);
	}
	return negative ? "-" + out : out;
}

} // namespace livegifts::view
