#include "core/raw-value.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include "core/utf8.hpp"

namespace livegifts::detail {

namespace {

// Integers within this range are exact in a double: a float is an integer only inside it.
constexpr double floatIntegerLimit = 9.0e18;

// True when a float literal's digits (before any exponent) are all zero: "0.0", "-0e5", "0.000".
bool literalIsZero(std::string_view literal)
{
	for (char c : literal) {
		if (c == 'e' || c == 'E') {
			break;
		}
		if (c >= '1' && c <= '9') {
			return false;
		}
	}
	return true;
}

bool floatToInt(const RawValue &value, std::int64_t &out)
{
	const double parsed = value.real;
	// A literal too small for a double (1e-400) reads as 0: it is not the integer 0.
	if (parsed == 0 && !literalIsZero(value.text)) {
		return false;
	}
	// The range check comes before the cast: a double outside int64's range must never be cast.
	if (!(parsed >= -floatIntegerLimit && parsed <= floatIntegerLimit) || std::trunc(parsed) != parsed) {
		return false;
	}
	out = static_cast<std::int64_t>(parsed);
	return true;
}

bool stringToInt(std::string_view text, std::int64_t &out)
{
	while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
		text.remove_prefix(1);
	}
	while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
		text.remove_suffix(1);
	}
	if (!text.empty() && text.front() == '+') {
		text.remove_prefix(1);
	}
	if (text.empty()) {
		return false;
	}
	std::int64_t parsed = 0;
	const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
	if (ec != std::errc() || end != text.data() + text.size()) {
		return false;
	}
	out = parsed;
	return true;
}

} // namespace

bool toInt(const RawValue &value, std::int64_t &out)
{
	switch (value.type) {
	case ValueType::Int:
		out = value.integer;
		return true;
	case ValueType::UInt:
		if (value.unsignedInteger > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
			return false;
		}
		out = static_cast<std::int64_t>(value.unsignedInteger);
		return true;
	case ValueType::String:
		return stringToInt(value.text, out);
	case ValueType::Float:
		return floatToInt(value, out);
	default:
		return false;
	}
}

bool namesNoUser(const RawValue &value)
{
	std::int64_t id = 0;
	return !toInt(value, id) || id <= 0;
}

bool toBool(const RawValue &value, bool &out)
{
	switch (value.type) {
	case ValueType::Bool:
		out = value.boolean;
		return true;
	case ValueType::Int:
	case ValueType::UInt:
	case ValueType::String: {
		if (value.type == ValueType::String && (value.text == "true" || value.text == "false")) {
			out = value.text == "true";
			return true;
		}
		std::int64_t number = 0;
		if (!toInt(value, number) || (number != 0 && number != 1)) {
			return false;
		}
		out = number == 1;
		return true;
	}
	default:
		return false;
	}
}

bool toText(const RawValue &value, std::string &out)
{
	switch (value.type) {
	case ValueType::String:
	case ValueType::Float:
		out = value.text;
		return true;
	case ValueType::Int:
		out = std::to_string(value.integer);
		return true;
	case ValueType::UInt:
		out = std::to_string(value.unsignedInteger);
		return true;
	default:
		return false;
	}
}

bool takeText(RawValue &value, std::string &out)
{
	if (value.type == ValueType::String) {
		out.swap(value.text);
		return true;
	}
	return toText(value, out);
}

std::string_view typeName(ValueType type)
{
	switch (type) {
	case ValueType::Absent:
		return "absent";
	case ValueType::Int:
	case ValueType::UInt:
	case ValueType::Float:
		return "a number";
	case ValueType::Bool:
		return "a boolean";
	case ValueType::String:
		return "a string";
	case ValueType::Null:
		return "null";
	case ValueType::Container:
		return "an object or array";
	}
	return "?";
}

std::string describe(const RawValue &value)
{
	if (value.type == ValueType::String) {
		std::string shown = value.text.substr(0, 40);
		return "\"" + repairUtf8(shown) + "\" (not a number)";
	}
	if (value.type == ValueType::Absent) {
		return "missing";
	}
	return std::string(typeName(value.type));
}

bool toIntIn(const RawValue &value, std::int64_t least, std::int64_t most, std::int64_t &out)
{
	std::int64_t whole = 0;
	if (!toInt(value, whole) || whole < least || whole > most) {
		return false;
	}
	out = whole;
	return true;
}

std::string whyNotIn(const RawValue &value, std::int64_t least, std::int64_t most)
{
	const std::string outOfRange =
	    " is out of range (" + std::to_string(least) + " to " + std::to_string(most) + ")";
	std::int64_t whole = 0;
	if (toInt(value, whole)) {
		return std::to_string(whole) + outOfRange;
	}
	switch (value.type) {
	case ValueType::UInt:
		return std::to_string(value.unsignedInteger) + outOfRange;
	case ValueType::Float: {
		// The literal as sent (a float's digits are ASCII), cut: a literal may be long.
		const std::string shown = value.text.empty() ? std::to_string(value.real) : value.text.substr(0, 40);
		// A literal too small for a double (1e-400) reads as 0: a fraction, as 1.5 is.
		const bool fraction =
		    value.real == 0 || (std::isfinite(value.real) && std::trunc(value.real) != value.real);
		return shown + (fraction ? " is not a whole number" : outOfRange);
	}
	default:
		return "is " + describe(value);
	}
}

} // namespace livegifts::detail
