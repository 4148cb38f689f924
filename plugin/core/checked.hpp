#pragma once

// Sums that stop at their cap instead of wrapping (signed overflow is undefined behaviour, and a wrapped
// total would show a streamer negative coins).

#include <cstdint>
#include <limits>

namespace livegifts {

// Adds `value` to `total`, stopping at the int64 limits. False when it stopped there (the true sum lies
// beyond: the caller reports an error).
inline bool addCapped(std::int64_t &total, std::int64_t value)
{
	constexpr std::int64_t top = std::numeric_limits<std::int64_t>::max();
	constexpr std::int64_t bottom = std::numeric_limits<std::int64_t>::min();
	if (value > 0 && total > top - value) {
		total = top;
		return false;
	}
	if (value < 0 && total < bottom - value) {
		total = bottom;
		return false;
	}
	total += value;
	return true;
}

// `a + b`, `a - b`, `a * b` stopped at the int64 limits (for values the caller shows, never stores as
// a sum it adds to again without addCapped's report).
inline std::int64_t saturatingAdd(std::int64_t a, std::int64_t b)
{
	addCapped(a, b);
	return a;
}

inline std::int64_t saturatingSub(std::int64_t a, std::int64_t b)
{
	constexpr std::int64_t top = std::numeric_limits<std::int64_t>::max();
	constexpr std::int64_t bottom = std::numeric_limits<std::int64_t>::min();
	if (b < 0 && a > top + b) {
		return top;
	}
	if (b > 0 && a < bottom + b) {
		return bottom;
	}
	return a - b;
}

inline std::int64_t saturatingMul(std::int64_t a, std::int64_t b)
{
	constexpr std::int64_t top = std::numeric_limits<std::int64_t>::max();
	constexpr std::int64_t bottom = std::numeric_limits<std::int64_t>::min();
	if (a == 0 || b == 0) {
		return 0;
	}
	const bool negative = (a < 0) != (b < 0);
	// |a| * |b| > top, checked without overflowing (bottom's magnitude is one more than top's)
	const auto magnitude = [](std::int64_t v) {
		return v < 0 ? static_cast<std::uint64_t>(-(v + 1)) + 1U : static_cast<std::uint64_t>(v);
	};
	const std::uint64_t ma = magnitude(a);
	const std::uint64_t mb = magnitude(b);
	const std::uint64_t limit = negative ? static_cast<std::uint64_t>(top) + 1U : static_cast<std::uint64_t>(top);
	if (ma > limit / mb) {
		return negative ? bottom : top;
	}
	const std::uint64_t product = ma * mb;
	if (negative) {
		return product == static_cast<std::uint64_t>(top) + 1U ? bottom : -static_cast<std::int64_t>(product);
	}
	return static_cast<std::int64_t>(product);
}

} // namespace livegifts
