#pragma once

// What a cached drawing was made from: the whole list of values it depends on, compared value by value. A
// cache redraws when any value differs. Unlike a hash of the values (or their XOR: versions 2 and 0 read
// like 3 and 1), two different lists never look the same, so a cache never shows a stale picture.

#include <bit>
#include <cstdint>
#include <vector>

namespace livegifts::view {

class DrawKey {
public:
	// Starts a new list; the storage is kept, so a key rebuilt every frame does not allocate.
	void clear() { values_.clear(); }
	DrawKey &add(std::uint64_t value)
	{
		values_.push_back(value);
		return *this;
	}
	// A float by its bits (any change of the value is a change of the key).
	DrawKey &addFloat(float value) { return add(std::bit_cast<std::uint32_t>(value)); }
	std::size_t size() const { return values_.size(); }
	bool operator==(const DrawKey &other) const = default;

private:
	std::vector<std::uint64_t> values_;
};

} // namespace livegifts::view
