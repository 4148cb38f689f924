#pragma once

// A wire value as the parser met it (number, string, boolean, ...), kept until its message is complete,
// and the coercions the wire formats need: numbers may arrive as strings, booleans as 0/1.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/wire-keys.hpp"

namespace livegifts::detail {

enum class ValueType : std::uint8_t { Absent, Int, UInt, Float, Bool, String, Null, Container };

struct RawValue {
	ValueType type = ValueType::Absent;
	std::uint8_t prio = 0;
	bool boolean = false;
	std::int64_t integer = 0;
	std::uint64_t unsignedInteger = 0;
	double real = 0;  // Float: the value as the JSON parser read it
	std::string text; // strings, and the literal text of floats

	bool present() const { return type != ValueType::Absent; }
};

// One battle team being collected (the team slots of wire-keys.hpp).
struct TeamRecord {
	RawValue host;
	RawValue points;
	RawValue result;
	std::int64_t userScores = 0; // sum of its supporters' scores (when it has no total)
	bool hasUserScores = false;
};

// One message being collected: a value per slot.
struct Record {
	std::array<RawValue, slotCount> slots;
	std::vector<TeamRecord> teams; // battle teams, in the order they opened
	bool hadMessages = false;
	bool hadData = false;
	std::string_view duplicateKey; // a key met twice in one object of the message (a wire-key table's text)

	void reset()
	{
		for (auto &slot : slots) {
			slot.type = ValueType::Absent;
			slot.prio = 0;
			slot.text.clear();
		}
		teams.clear();
		hadMessages = false;
		hadData = false;
		duplicateKey = {};
	}
	const RawValue &operator[](Slot slot) const { return slots[static_cast<std::size_t>(slot)]; }
	RawValue &operator[](Slot slot) { return slots[static_cast<std::size_t>(slot)]; }
};

// An integer: a JSON integer, a float with an integral value within +-9e18, or a string holding a decimal
// integer (spaces/tabs around it and a leading '+' allowed). False for anything else.
bool toInt(const RawValue &value, std::int64_t &out);
// Whether a user-id field names no one: not an integer (null, empty, text), or 0 or below (-1).
bool namesNoUser(const RawValue &value);
// true/false, 0/1, "true"/"false", "0"/"1".
bool toBool(const RawValue &value, bool &out);
// A string, or the text of a number.
bool toText(const RawValue &value, std::string &out);
// Like toText, but moves a string out of the record (which is reset before reuse).
bool takeText(RawValue &value, std::string &out);
// "a number", "a string", ... for error messages.
std::string_view typeName(ValueType type);
// The value for an error message: a quoted string (cut to 40 bytes), "missing" or its type.
std::string describe(const RawValue &value);
// An integer from `least` to `most` (toInt's integers only).
bool toIntIn(const RawValue &value, std::int64_t least, std::int64_t most, std::int64_t &out);
// Why toIntIn refused `value`, to follow a field's name in an error message: "2000000000 is out of range (0 to
// 1000000000)", "1.5 is not a whole number", or "is " and describe()'s words ("is \"abc\" (not a number)").
std::string whyNotIn(const RawValue &value, std::int64_t least, std::int64_t most);

} // namespace livegifts::detail
