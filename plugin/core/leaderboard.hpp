#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/snapshot.hpp"

namespace livegifts {

// Supporters of one scope ranked three ways at once: by coins, by gift count and by likes sent, each with
// ties broken by who reached their amount first (lower `reach` stamp of that measure). Three treaps
// threaded through one array indexed by the supporter's directory index: O(log n) expected per update,
// 72 bytes per supporter (amount, reach stamp and two links per measure), deterministic (priorities are a
// hash of the index).
//
// A supporter is ranked by a measure once it moved it: by coins and gifts from their first gift (a gift
// of 0 coins too), by likes from their first like.
class Leaderboard {
public:
	static constexpr std::uint32_t nil = UINT32_MAX;

	struct Standing {
		std::array<std::int64_t, kRankByCount> amount{}; // by RankBy
		std::array<std::uint64_t, kRankByCount> reach{}; // 0: not ranked by that measure
		std::array<std::uint32_t, kRankByCount> left{nil, nil, nil};
		std::array<std::uint32_t, kRankByCount> right{nil, nil, nil};

		std::int64_t coins() const { return amount[0]; }
		std::int64_t gifts() const { return amount[1]; }
		std::int64_t likes() const { return amount[2]; }
		std::int64_t of(RankBy by) const { return amount[static_cast<std::size_t>(by)]; }
		std::uint64_t reachOf(RankBy by) const { return reach[static_cast<std::size_t>(by)]; }
	};

	// What a supporter has, as restored from the ledger (reach 0: not ranked by that measure).
	struct Values {
		std::array<std::int64_t, kRankByCount> amount{};
		std::array<std::uint64_t, kRankByCount> reach{};
	};

	// Adds a gift's coins and units to a supporter's totals (ranking them by coins and gifts when new).
	// `reach` stamps the moment an amount changed; it must be larger than every stamp used before. A
	// measure whose amount does not change keeps its stamp. False when a sum stopped at its cap
	// (see checked.hpp).
	bool addGift(std::uint32_t index, std::int64_t coins, std::int64_t units, std::uint64_t reach);
	// Adds likes sent (a like message's likeCount); nothing for a count of 0 or less.
	bool addLikes(std::uint32_t index, std::int64_t likes, std::uint64_t reach);
	// Puts a supporter on the boards with exact values (restoring from the ledger).
	void set(std::uint32_t index, const Values &values);

	// Ranked by at least one measure.
	bool contains(std::uint32_t index) const
	{
		if (index >= nodes_.size()) {
			return false;
		}
		const Standing &s = nodes_[index];
		return s.reach[0] != 0 || s.reach[1] != 0 || s.reach[2] != 0;
	}
	bool contains(std::uint32_t index, RankBy by) const
	{
		return index < nodes_.size() && nodes_[index].reachOf(by) != 0;
	}
	const Standing &standing(std::uint32_t index) const { return nodes_[index]; }
	// Supporters ranked by coins (everyone who sent a gift).
	std::size_t size() const { return size(RankBy::Coins); }
	std::size_t size(RankBy by) const { return sizes_[static_cast<std::size_t>(by)]; }
	void clear();
	std::size_t memoryBytes() const { return nodes_.capacity() * sizeof(Standing); }
	// Reserves room for indexes below `count`.
	void reserve(std::size_t count) { nodes_.reserve(count); }

	// Calls f(index, rank, standing) for the first `limit` supporters in rank order by `by` (0 = all).
	template <typename F>
	void forEachRanked(RankBy by, std::size_t limit, F &&f) const
	{
		const auto m = static_cast<std::size_t>(by);
		std::vector<std::uint32_t> stack;
		std::uint32_t node = roots_[m];
		std::size_t rank = 0;
		while (node != nil || !stack.empty()) {
			while (node != nil) {
				stack.push_back(node);
				node = nodes_[node].left[m];
			}
			node = stack.back();
			stack.pop_back();
			++rank;
			f(node, rank, nodes_[node]);
			if (limit != 0 && rank >= limit) {
				return;
			}
			node = nodes_[node].right[m];
		}
	}
	// By coins.
	template <typename F>
	void forEachRanked(std::size_t limit, F &&f) const
	{
		forEachRanked(RankBy::Coins, limit, std::forward<F>(f));
	}

	// Rank of a supporter by `by` (1-based), 0 when absent. O(n): for tests and tools.
	std::size_t rankOf(std::uint32_t index, RankBy by = RankBy::Coins) const;

private:
	bool before(std::size_t m, std::uint32_t a, std::uint32_t b) const
	{
		const Standing &x = nodes_[a];
		const Standing &y = nodes_[b];
		return x.amount[m] != y.amount[m] ? x.amount[m] > y.amount[m] : x.reach[m] < y.reach[m];
	}
	static std::uint32_t priority(std::uint32_t index);
	// Splits `t` into nodes ranked before `key` and the others (measure m).
	void split(std::size_t m, std::uint32_t t, std::uint32_t key, std::uint32_t &l, std::uint32_t &r);
	std::uint32_t merge(std::size_t m, std::uint32_t l, std::uint32_t r);
	std::uint32_t insert(std::size_t m, std::uint32_t t, std::uint32_t index);
	std::uint32_t erase(std::size_t m, std::uint32_t t, std::uint32_t index);
	// Adds `delta` to measure m of a supporter (ranking them when new); a change restamps it.
	bool addTo(std::size_t m, std::uint32_t index, std::int64_t delta, std::uint64_t reach);
	void grow(std::uint32_t index);

	std::vector<Standing> nodes_;
	std::array<std::uint32_t, kRankByCount> roots_{nil, nil, nil};
	std::array<std::size_t, kRankByCount> sizes_{};
};

} // namespace livegifts
