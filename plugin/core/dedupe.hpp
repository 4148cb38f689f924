#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace livegifts {

// The msgIds seen most recently, bounded: when full, the oldest is forgotten. Stores 64-bit hashes,
// not the ids (a false "seen" needs a 64-bit collision among the remembered ids).
class MsgIdDedupe {
public:
	explicit MsgIdDedupe(std::size_t capacity);

	bool contains(std::string_view msgId) const;
	// Remembers the id (no effect when already remembered).
	void insert(std::string_view msgId);
	std::size_t size() const { return set_.size(); }
	std::size_t capacity() const { return capacity_; }
	// Whether an id was ever forgotten (then the ledger must be asked about misses).
	bool forgotSome() const { return forgot_; }
	void clear();

private:
	std::size_t capacity_;
	std::unordered_set<std::uint64_t> set_;
	std::vector<std::uint64_t> ring_;
	std::size_t next_ = 0;
	bool forgot_ = false;
};

} // namespace livegifts
