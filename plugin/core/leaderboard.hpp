#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace livegifts {

// Supporters ranked by coins, ties broken by who reached their amount first (lower `reach` stamp).
// A treap stored in one array indexed by the supporter's directory index: O(log n) expected per
// update, 32 bytes per supporter, deterministic (priorities are a hash of the index).
class Leaderboard {
public:
	static constexpr std::uint32_t nil = UINT32_MAX;

	struct Standing {
		std::int64_t coins = 0;
		std::int64_t gifts = 0;
		std::uint64_t reach = 0; // 0: not on the board
		std::uint32_t left = nil;
		std::uint32_t right = nil;
	};

	// Adds to a supporter's totals (inserting them when new). `reach` stamps the moment the amount
	// changed; it must be larger than every stamp used before. A change of gifts only keeps the stamp.
	// False when a sum stopped at its cap (see checked.hpp).
	bool add(std::uint32_t index, std::int64_t coins, std::int64_t gifts, std::uint64_t reach);
	// Puts a supporter on the board with exact values (restoring from the ledger).
	void set(std::uint32_t index, std::int64_t coins, std::int64_t gifts, std::uint64_t reach);

	bool contains(std::uint32_t index) const { return index < nodes_.size() && nodes_[index].reach != 0; }
	const Standing &standing(std::uint32_t index) const { return nodes_[index]; }
	std::size_t size() const { return size_; }
	void clear();
	std::size_t memoryBytes() const { return nodes_.capacity() * sizeof(Standing); }
	// Reserves room for indexes below `count`.
	void reserve(std::size_t count) { nodes_.reserve(count); }

	// Calls f(index, rank, standing) for the first `limit` supporters in rank order (0 = all).
	template <typename F>
	void forEachRanked(std::size_t limit, F &&f) const
	{
		std::vector<std::uint32_t> stack;
		std::uint32_t node = root_;
		std::size_t rank = 0;
		while (node != nil || !stack.empty()) {
			while (node != nil) {
				stack.push_back(node);
				node = nodes_[node].left;
			}
			node = stack.back();
			stack.pop_back();
			++rank;
			f(node, rank, nodes_[node]);
			if (limit != 0 && rank >= limit) {
				return;
			}
			node = nodes_[node].right;
		}
	}

	// Rank of a supporter on the board (1-based), 0 when absent. O(n): for tests and tools.
	std::size_t rankOf(std::uint32_t index) const;

private:
	bool before(std::uint32_t a, std::uint32_t b) const
	{
		const Standing &x = nodes_[a];
		const Standing &y = nodes_[b];
		return x.coins != y.coins ? x.coins > y.coins : x.reach < y.reach;
	}
	static std::uint32_t priority(std::uint32_t index);
	// Splits `t` into nodes ranked before `key` and the others.
	void split(std::uint32_t t, std::uint32_t key, std::uint32_t &l, std::uint32_t &r);
	std::uint32_t merge(std::uint32_t l, std::uint32_t r);
	std::uint32_t insert(std::uint32_t t, std::uint32_t index);
	std::uint32_t erase(std::uint32_t t, std::uint32_t index);

	std::vector<Standing> nodes_;
	std::uint32_t root_ = nil;
	std::size_t size_ = 0;
};

} // namespace livegifts
