#include "core/utf8.hpp"

#include "core/limits.hpp"

namespace livegifts {

namespace {

// Length of the valid UTF-8 sequence at `p` (1..4), or 0 when it is invalid.
std::size_t utf8SequenceLength(const unsigned char *p, std::size_t left)
{
	const unsigned char c = p[0];
	if (c < 0x80) {
		return 1;
	}
	auto cont = [&](std::size_t i) { return i < left && (p[i] & 0xC0) == 0x80; };
	if (c >= 0xC2 && c <= 0xDF) {
		return cont(1) ? 2 : 0;
	}
	if (c >= 0xE0 && c <= 0xEF) {
		if (!cont(1) || !cont(2)) {
			return 0;
		}
		if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F)) {
			return 0; // overlong or surrogate
		}
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (!cont(1) || !cont(2) || !cont(3)) {
			return 0;
		}
		if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F)) {
			return 0;
		}
		return 4;
	}
	return 0;
}

// The value of the four hex digits at json[at], or -1.
long hex4(std::string_view json, std::size_t at)
{
	if (at + 4 > json.size()) {
		return -1;
	}
	long value = 0;
	for (std::size_t i = at; i < at + 4; ++i) {
		const char c = json[i];
		int digit = -1;
		if (c >= '0' && c <= '9') {
			digit = c - '0';
		} else if (c >= 'a' && c <= 'f') {
			digit = c - 'a' + 10;
		} else if (c >= 'A' && c <= 'F') {
			digit = c - 'A' + 10;
		}
		if (digit < 0) {
			return -1;
		}
		value = value * 16 + digit;
	}
	return value;
}

// The offset of the next escape of a lone surrogate at or after `from` (its backslash), or npos. Escapes are
// read in pairs of characters from `from` on, so "\\ud800" (an escaped backslash) is no escape.
std::size_t nextLoneSurrogate(std::string_view json, std::size_t from)
{
	std::size_t i = json.find('\\', from);
	while (i != std::string_view::npos) {
		const long cp = i + 1 < json.size() && json[i + 1] == 'u' ? hex4(json, i + 2) : -1;
		if (cp < 0xD800 || cp > 0xDFFF) {
			i = json.find('\\', i + 2);
			continue;
		}
		if (cp <= 0xDBFF && i + 7 < json.size() && json[i + 6] == '\\' && json[i + 7] == 'u') {
			const long low = hex4(json, i + 8);
			if (low >= 0xDC00 && low <= 0xDFFF) {
				i = json.find('\\', i + 12); // a pair
				continue;
			}
		}
		return i;
	}
	return std::string_view::npos;
}

} // namespace

bool isValidUtf8(std::string_view text)
{
	const auto *p = reinterpret_cast<const unsigned char *>(text.data());
	std::size_t left = text.size();
	while (left > 0) {
		if (p[0] < 0x80) {
			++p;
			--left;
			continue;
		}
		const std::size_t n = utf8SequenceLength(p, left);
		if (n == 0) {
			return false;
		}
		p += n;
		left -= n;
	}
	return true;
}

std::string repairUtf8(std::string_view text)
{
	std::string out;
	out.reserve(text.size());
	const auto *p = reinterpret_cast<const unsigned char *>(text.data());
	std::size_t left = text.size();
	while (left > 0) {
		const std::size_t n = utf8SequenceLength(p, left);
		if (n == 0) {
			out += "\xEF\xBF\xBD";
			++p;
			--left;
			continue;
		}
		out.append(reinterpret_cast<const char *>(p), n);
		p += n;
		left -= n;
	}
	return out;
}

bool hasLoneSurrogateEscape(std::string_view json)
{
	return nextLoneSurrogate(json, 0) != std::string_view::npos;
}

std::string repairJsonText(std::string_view json)
{
	std::string out = isValidUtf8(json) ? std::string(json) : repairUtf8(json);
	// repairUtf8 changes no ASCII byte: the escapes are where they were, in the same order.
	for (std::size_t i = nextLoneSurrogate(out, 0); i != std::string::npos; i = nextLoneSurrogate(out, i + 6)) {
		out.replace(i, 6, "\\ufffd");
	}
	return out;
}

std::size_t utf8CutLength(std::string_view text, std::size_t limit)
{
	if (text.size() <= limit) {
		return text.size();
	}
	std::size_t cut = limit;
	while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
		--cut;
	}
	return cut;
}

void cutUtf8(std::string &text, std::size_t limit)
{
	text.resize(utf8CutLength(text, limit));
}

void cleanDisplayText(std::string &text)
{
	cutUtf8(text, limits::maxNameBytes);
	for (std::size_t i = 0; i < text.size(); ++i) {
		const auto c = static_cast<unsigned char>(text[i]);
		if (c < 0x20 || c == 0x7F) {
			text[i] = ' ';
		} else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
			   static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
			// U+0080..U+009F (two bytes) becomes one space.
			text.replace(i, 2, " ");
		}
	}
}

char32_t decodeUtf8(std::string_view text, std::size_t i, std::size_t &length)
{
	length = i < text.size()
		     ? utf8SequenceLength(reinterpret_cast<const unsigned char *>(text.data()) + i, text.size() - i)
		     : 0;
	if (length == 0) {
		return 0;
	}
	const auto lead = static_cast<unsigned char>(text[i]);
	char32_t cp = length == 1 ? lead : lead & (0xFF >> (length + 1));
	for (std::size_t k = 1; k < length; ++k) {
		cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
	}
	return cp;
}

bool inCodePointRanges(char32_t cp, const std::pair<char32_t, char32_t> *ranges, std::size_t count)
{
	for (std::size_t i = 0; i < count; ++i) {
		if (cp >= ranges[i].first && cp <= ranges[i].second) {
			return true;
		}
	}
	return false;
}

bool blankDisplayText(std::string_view text)
{
	for (std::size_t i = 0; i < text.size();) {
		std::size_t length = 0;
		const char32_t cp = decodeUtf8(text, i, length);
		if (length == 0) {
			return false;
		}
		const bool blank = cp == 0x20 || cp == 0xA0 || cp == 0xAD || cp == 0x115F || cp == 0x1160 ||
				   cp == 0x1680 || cp == 0x180E || (cp >= 0x2000 && cp <= 0x200F) ||
				   (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 ||
				   cp == 0x3164 || cp == 0xFEFF || cp == 0xFFA0 || (cp >= 0xFE00 && cp <= 0xFE0F);
		if (!blank) {
			return false;
		}
		i += length;
	}
	return true;
}

void appendHexByte(std::string &out, unsigned char byte, HexCase letters)
{
	const char *digits = letters == HexCase::upper ? "0123456789ABCDEF" : "0123456789abcdef";
	out += digits[byte >> 4];
	out += digits[byte & 0xF];
}

} // namespace livegifts
