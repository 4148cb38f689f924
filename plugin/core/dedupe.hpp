#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace livegifts {

// The msgIds seen most recently, bounded: when full, the oldest is forgotten. Stores 64-bit hashes,
// not the ids (a false "seen" needs a 64-bit collision among the remembered ids).
//
// The hashes sit in a ring in arrival order; an open-addressing table (linear probing) of 32-bit ring
// positions finds them. 18.5 bytes per remembered id at the default 200,000 (the core bench; a node-based set
// took 54.5): the window is held for the whole session, full after a busy stream or two.
class MsgIdDedupe {
public:
	explicit MsgIdDedupe(std::size_t capacity);

	bool contains(std::string_view msgId) const;
	// Remembers the id (no effect when already remembered).
	void insert(std::string_view msgId);
	std::size_t size() const { return ring_.size(); }
	std::size_t capacity() const { return capacity_; }
	// Whether an id was ever forgotten (then the ledger must be asked about misses).
	bool forgotSome() const { return forgot_; }
	void clear();
	// Heap bytes held (benchmarks).
	std::size_t memoryBytes() const
	{
		return ring_.capacity() * sizeof(std::uint64_t) + table_.capacity() * sizeof(std::uint32_t);
	}

private:
	static constexpr std::uint32_t kEmpty = 0; // table entries hold a ring position + 1

	std::size_t home(std::uint64_t hash) const;
	// The table entry holding `hash`, or the empty one where it would go.
	std::size_t find(std::uint64_t hash) const;
	// Empties table entry `at`, moving later entries of its probe run back (no tombstones).
	void erase(std::size_t at);
	void rehash(std::size_t entries);

	std::size_t capacity_;
	std::vector<std::uint64_t> ring_;  // remembered hashes; once full, the oldest is at next_
	std::vector<std::uint32_t> table_; // a power of two in size, at most half full
	unsigned shift_ = 64;              // 64 - log2(table size)
	std::size_t next_ = 0;
	bool forgot_ = false;
};

} // namespace livegifts
