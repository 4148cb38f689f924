#pragma once

#include <algorithm>
#include <charconv>
#include <clocale>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace livegifts::detail {

// A strict JSON scanner for the hot path of FrameParser. It calls a handler the way nlohmann's SAX
// parser does, but skips the text of objects and arrays the handler is not interested in
// (`handler.active()` false: no key wanted; `handler.wantsScalar()` false: no value wanted) without
// building strings, eight bytes at a time.
//
// It accepts only a subset of what nlohmann accepts (no byte-order mark, no lone surrogates, ...) and
// produces the same calls for it; on anything else it returns false and the caller parses the frame
// again with nlohmann, which gives the authoritative result and error message.
template <typename Handler>
class JsonScanner {
public:
	bool scan(std::string_view text, Handler &handler)
	{
		p_ = text.data();
		end_ = p_ + text.size();
		h_ = &handler;
		stack_.clear();
		return run();
	}

	// Gives back the capacity a large frame left in the buffers.
	void release()
	{
		std::vector<std::uint8_t>().swap(stack_);
		std::string().swap(scratch_);
		std::string().swap(literal_);
		std::string().swap(localized_);
	}

private:
	static constexpr std::uint64_t ones = 0x0101010101010101ULL;
	static constexpr std::uint64_t highs = 0x8080808080808080ULL;

	// True when one of the 8 bytes of `w` needs a closer look inside a string: '"', '\\', a control
	// character or a non-ASCII byte.
	static bool special(std::uint64_t w)
	{
		const std::uint64_t quote = w ^ (ones * '"');
		const std::uint64_t slash = w ^ (ones * '\\');
		const std::uint64_t hasQuote = (quote - ones) & ~quote;
		const std::uint64_t hasSlash = (slash - ones) & ~slash;
		const std::uint64_t hasControl = (w - ones * 0x20) & ~w;
		return ((hasQuote | hasSlash | hasControl) & highs) != 0 || (w & highs) != 0;
	}

	void skipWhitespace()
	{
		while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) {
			++p_;
		}
	}

	static int hex(char c)
	{
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		if (c >= 'a' && c <= 'f') {
			return c - 'a' + 10;
		}
		if (c >= 'A' && c <= 'F') {
			return c - 'A' + 10;
		}
		return -1;
	}

	bool readHex4(unsigned &value)
	{
		if (end_ - p_ < 4) {
			return false;
		}
		value = 0;
		for (int i = 0; i < 4; ++i) {
			const int digit = hex(p_[i]);
			if (digit < 0) {
				return false;
			}
			value = (value << 4) | static_cast<unsigned>(digit);
		}
		p_ += 4;
		return true;
	}

	// Length of the valid UTF-8 sequence at p_ (2..4), 0 when invalid.
	std::size_t utf8Length() const
	{
		const auto *u = reinterpret_cast<const unsigned char *>(p_);
		const std::size_t left = static_cast<std::size_t>(end_ - p_);
		auto cont = [&](std::size_t i) { return i < left && (u[i] & 0xC0) == 0x80; };
		const unsigned char c = u[0];
		if (c >= 0xC2 && c <= 0xDF) {
			return cont(1) ? 2 : 0;
		}
		if (c >= 0xE0 && c <= 0xEF) {
			if (!cont(1) || !cont(2) || (c == 0xE0 && u[1] < 0xA0) || (c == 0xED && u[1] > 0x9F)) {
				return 0;
			}
			return 3;
		}
		if (c >= 0xF0 && c <= 0xF4) {
			if (!cont(1) || !cont(2) || !cont(3) || (c == 0xF0 && u[1] < 0x90) ||
			    (c == 0xF4 && u[1] > 0x8F)) {
				return 0;
			}
			return 4;
		}
		return 0;
	}

	static void appendUtf8(std::string &out, unsigned cp)
	{
		if (cp < 0x80) {
			out += static_cast<char>(cp);
		} else if (cp < 0x800) {
			out += static_cast<char>(0xC0 | (cp >> 6));
			out += static_cast<char>(0x80 | (cp & 0x3F));
		} else if (cp < 0x10000) {
			out += static_cast<char>(0xE0 | (cp >> 12));
			out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
			out += static_cast<char>(0x80 | (cp & 0x3F));
		} else {
			out += static_cast<char>(0xF0 | (cp >> 18));
			out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
			out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
			out += static_cast<char>(0x80 | (cp & 0x3F));
		}
	}

	// Reads a string after its opening quote; `out` gets its value unless null.
	bool readString(std::string *out)
	{
		if (out != nullptr) {
			out->clear();
		}
		for (;;) {
			const char *run = p_;
			while (end_ - p_ >= 8) {
				std::uint64_t w = 0;
				std::memcpy(&w, p_, 8);
				if (special(w)) {
					break;
				}
				p_ += 8;
			}
			while (p_ < end_) {
				const auto c = static_cast<unsigned char>(*p_);
				if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) {
					break;
				}
				++p_;
			}
			if (out != nullptr) {
				out->append(run, static_cast<std::size_t>(p_ - run));
			}
			if (p_ >= end_) {
				return false;
			}
			const auto c = static_cast<unsigned char>(*p_);
			if (c == '"') {
				++p_;
				return true;
			}
			if (c < 0x20) {
				return false;
			}
			if (c >= 0x80) {
				const std::size_t n = utf8Length();
				if (n == 0) {
					return false;
				}
				if (out != nullptr) {
					out->append(p_, n);
				}
				p_ += n;
				continue;
			}
			// an escape
			if (end_ - p_ < 2) {
				return false;
			}
			const char e = p_[1];
			p_ += 2;
			char plain = 0;
			switch (e) {
			case '"':
				plain = '"';
				break;
			case '\\':
				plain = '\\';
				break;
			case '/':
				plain = '/';
				break;
			case 'b':
				plain = '\b';
				break;
			case 'f':
				plain = '\f';
				break;
			case 'n':
				plain = '\n';
				break;
			case 'r':
				plain = '\r';
				break;
			case 't':
				plain = '\t';
				break;
			case 'u': {
				unsigned cp = 0;
				if (!readHex4(cp)) {
					return false;
				}
				if (cp >= 0xDC00 && cp <= 0xDFFF) {
					return false;
				}
				if (cp >= 0xD800 && cp <= 0xDBFF) {
					unsigned low = 0;
					if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') {
						return false;
					}
					p_ += 2;
					if (!readHex4(low) || low < 0xDC00 || low > 0xDFFF) {
						return false;
					}
					cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
				}
				if (out != nullptr) {
					appendUtf8(*out, cp);
				}
				continue;
			}
			default:
				return false;
			}
			if (out != nullptr) {
				*out += plain;
			}
		}
	}

	bool readNumber()
	{
		const char *start = p_;
		bool negative = false;
		if (*p_ == '-') {
			negative = true;
			++p_;
		}
		if (p_ >= end_) {
			return false;
		}
		if (*p_ == '0') {
			++p_;
		} else if (*p_ >= '1' && *p_ <= '9') {
			while (p_ < end_ && *p_ >= '0' && *p_ <= '9') {
				++p_;
			}
		} else {
			return false;
		}
		bool isFloat = false;
		if (p_ < end_ && *p_ == '.') {
			isFloat = true;
			++p_;
			if (p_ >= end_ || *p_ < '0' || *p_ > '9') {
				return false;
			}
			while (p_ < end_ && *p_ >= '0' && *p_ <= '9') {
				++p_;
			}
		}
		if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
			isFloat = true;
			++p_;
			if (p_ < end_ && (*p_ == '+' || *p_ == '-')) {
				++p_;
			}
			if (p_ >= end_ || *p_ < '0' || *p_ > '9') {
				return false;
			}
			while (p_ < end_ && *p_ >= '0' && *p_ <= '9') {
				++p_;
			}
		}
		const bool wanted = h_->wantsScalar();
		// nlohmann rejects numbers that overflow a double anywhere in the text: so must we.
		const bool maybeHuge = isFloat || (p_ - start) > 19;
		if (!wanted && !maybeHuge) {
			return true;
		}
		if (!isFloat && wanted) {
			if (negative) {
				std::int64_t value = 0;
				const auto r = std::from_chars(start, p_, value);
				if (r.ec == std::errc()) {
					return h_->number_integer(value);
				}
			} else {
				std::uint64_t value = 0;
				const auto r = std::from_chars(start, p_, value);
				if (r.ec == std::errc()) {
					return h_->number_unsigned(value);
				}
			}
		}
		literal_.assign(start, p_);
		const double value = toDouble(literal_);
		if (!std::isfinite(value)) {
			return false;
		}
		if (!wanted) {
			return true;
		}
		return h_->number_float(value, literal_);
	}

	// strtod follows LC_NUMERIC, which a host application may have set (Qt does on Linux): the decimal
	// point is swapped for the locale's, as nlohmann's lexer does. (No from_chars for floating point: not
	// every standard library has it.)
	double toDouble(const std::string &literal)
	{
		const std::lconv *conv = std::localeconv();
		const char point = conv != nullptr && conv->decimal_point != nullptr && conv->decimal_point[0] != '\0'
				       ? conv->decimal_point[0]
				       : '.';
		if (point == '.') {
			return std::strtod(literal.c_str(), nullptr);
		}
		localized_ = literal;
		std::replace(localized_.begin(), localized_.end(), '.', point);
		return std::strtod(localized_.c_str(), nullptr);
	}

	bool literal(std::string_view word)
	{
		if (static_cast<std::size_t>(end_ - p_) < word.size() ||
		    std::memcmp(p_, word.data(), word.size()) != 0) {
			return false;
		}
		p_ += word.size();
		return true;
	}

	bool run()
	{
		skipWhitespace();
		for (;;) {
			// a value
			if (p_ >= end_) {
				return false;
			}
			switch (*p_) {
			case '{':
				++p_;
				if (!h_->start_object(std::size_t(-1))) {
					return false;
				}
				skipWhitespace();
				if (p_ < end_ && *p_ == '}') {
					++p_;
					if (!h_->end_object()) {
						return false;
					}
					break;
				}
				stack_.push_back(1);
				if (!readKey()) {
					return false;
				}
				continue;
			case '[':
				++p_;
				if (!h_->start_array(std::size_t(-1))) {
					return false;
				}
				skipWhitespace();
				if (p_ < end_ && *p_ == ']') {
					++p_;
					if (!h_->end_array()) {
						return false;
					}
					break;
				}
				stack_.push_back(0);
				continue;
			case '"': {
				++p_;
				const bool wanted = h_->wantsScalar();
				if (!readString(wanted ? &scratch_ : nullptr)) {
					return false;
				}
				if (wanted && !h_->string(scratch_)) {
					return false;
				}
				break;
			}
			case 't':
				if (!literal("true") || !h_->boolean(true)) {
					return false;
				}
				break;
			case 'f':
				if (!literal("false") || !h_->boolean(false)) {
					return false;
				}
				break;
			case 'n':
				if (!literal("null") || !h_->null()) {
					return false;
				}
				break;
			default:
				if (*p_ != '-' && (*p_ < '0' || *p_ > '9')) {
					return false;
				}
				if (!readNumber()) {
					return false;
				}
				break;
			}
			// after a value: close containers, or go on to the next element
			for (;;) {
				skipWhitespace();
				if (stack_.empty()) {
					return p_ == end_;
				}
				if (p_ >= end_) {
					return false;
				}
				const bool inObject = stack_.back() == 1;
				if (*p_ == ',') {
					++p_;
					skipWhitespace();
					if (inObject && !readKey()) {
						return false;
					}
					break;
				}
				if (inObject && *p_ == '}') {
					++p_;
					stack_.pop_back();
					if (!h_->end_object()) {
						return false;
					}
					continue;
				}
				if (!inObject && *p_ == ']') {
					++p_;
					stack_.pop_back();
					if (!h_->end_array()) {
						return false;
					}
					continue;
				}
				return false;
			}
		}
	}

	// Reads `"key" :` and leaves p_ at the value.
	bool readKey()
	{
		skipWhitespace();
		if (p_ >= end_ || *p_ != '"') {
			return false;
		}
		++p_;
		const bool active = h_->active();
		if (!readString(active ? &scratch_ : nullptr)) {
			return false;
		}
		if (active && !h_->key(scratch_)) {
			return false;
		}
		skipWhitespace();
		if (p_ >= end_ || *p_ != ':') {
			return false;
		}
		++p_;
		skipWhitespace();
		return true;
	}

	const char *p_ = nullptr;
	const char *end_ = nullptr;
	Handler *h_ = nullptr;
	std::vector<std::uint8_t> stack_;
	std::string scratch_;
	std::string literal_;
	std::string localized_;
};

} // namespace livegifts::detail
