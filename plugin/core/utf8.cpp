#include "core/utf8.hpp"

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

} // namespace livegifts
