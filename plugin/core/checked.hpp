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

} // namespace livegifts
