#include "core/leaderboard.hpp"

#include "core/checked.hpp"

namespace livegifts {

std::uint32_t Leaderboard::priority(std::uint32_t index)
{
	std::uint32_t x = index + 0x9E3779B9u;
	x ^= x >> 16;
	x *= 0x85EBCA6Bu;
	x ^= x >> 13;
	x *= 0xC2B2AE35u;
	x ^= x >> 16;
	return x;
}

void Leaderboard::split(std::size_t m, std::uint32_t t, std::uint32_t key, std::uint32_t &l, std::uint32_t &r)
{
	if (t == nil) {
		l = r = nil;
		return;
	}
	if (before(m, t, key)) {
		split(m, nodes_[t].right[m], key, nodes_[t].right[m], r);
		l = t;
	} else {
		split(m, nodes_[t].left[m], key, l, nodes_[t].left[m]);
		r = t;
	}
}

std::uint32_t Leaderboard::merge(std::size_t m, std::uint32_t l, std::uint32_t r)
{
	if (l == nil) {
		return r;
	}
	if (r == nil) {
		return l;
	}
	if (priority(l) > priority(r)) {
		nodes_[l].right[m] = merge(m, nodes_[l].right[m], r);
		return l;
	}
	nodes_[r].left[m] = merge(m, l, nodes_[r].left[m]);
	return r;
}

std::uint32_t Leaderboard::insert(std::size_t m, std::uint32_t t, std::uint32_t index)
{
	if (t == nil) {
		return index;
	}
	if (priority(index) > priority(t)) {
		split(m, t, index, nodes_[index].left[m], nodes_[index].right[m]);
		return index;
	}
	if (before(m, index, t)) {
		nodes_[t].left[m] = insert(m, nodes_[t].left[m], index);
	} else {
		nodes_[t].right[m] = insert(m, nodes_[t].right[m], index);
	}
	return t;
}

std::uint32_t Leaderboard::erase(std::size_t m, std::uint32_t t, std::uint32_t index)
{
	if (t == nil) {
		return nil;
	}
	if (t == index) {
		return merge(m, nodes_[t].left[m], nodes_[t].right[m]);
	}
	if (before(m, index, t)) {
		nodes_[t].left[m] = erase(m, nodes_[t].left[m], index);
	} else {
		nodes_[t].right[m] = erase(m, nodes_[t].right[m], index);
	}
	return t;
}

void Leaderboard::grow(std::uint32_t index)
{
	if (index >= nodes_.size()) {
		nodes_.resize(static_cast<std::size_t>(index) + 1);
	}
}

bool Leaderboard::addTo(std::size_t m, std::uint32_t index, std::int64_t delta, std::uint64_t reach)
{
	Standing &s = nodes_[index];
	const bool ranked = s.reach[m] != 0;
	if (ranked && delta == 0) {
		return true;
	}
	if (ranked) {
		roots_[m] = erase(m, roots_[m], index);
	} else {
		++sizes_[m];
	}
	const bool fits = addCapped(s.amount[m], delta);
	s.reach[m] = reach == 0 ? 1 : reach;
	s.left[m] = s.right[m] = nil;
	roots_[m] = insert(m, roots_[m], index);
	return fits;
}

bool Leaderboard::addGift(std::uint32_t index, std::int64_t coins, std::int64_t units, std::uint64_t reach)
{
	grow(index);
	const bool coinsFit = addTo(0, index, coins, reach);
	const bool unitsFit = addTo(1, index, units, reach);
	return coinsFit && unitsFit;
}

bool Leaderboard::addLikes(std::uint32_t index, std::int64_t likes, std::uint64_t reach)
{
	if (likes <= 0) {
		return true;
	}
	grow(index);
	return addTo(2, index, likes, reach);
}

void Leaderboard::set(std::uint32_t index, const Values &values)
{
	grow(index);
	for (std::size_t m = 0; m < kRankByCount; ++m) {
		Standing &s = nodes_[index];
		if (s.reach[m] != 0) {
			roots_[m] = erase(m, roots_[m], index);
			--sizes_[m];
		}
		s.amount[m] = values.amount[m];
		s.reach[m] = values.reach[m];
		s.left[m] = s.right[m] = nil;
		if (s.reach[m] != 0) {
			roots_[m] = insert(m, roots_[m], index);
			++sizes_[m];
		}
	}
}

void Leaderboard::clear()
{
	nodes_.clear();
	roots_ = {nil, nil, nil};
	sizes_ = {};
}

std::size_t Leaderboard::rankOf(std::uint32_t index, RankBy by) const
{
	if (!contains(index, by)) {
		return 0;
	}
	std::size_t found = 0;
	forEachRanked(by, 0, [&](std::uint32_t i, std::size_t rank, const Standing &) {
		if (i == index) {
			found = rank;
		}
	});
	return found;
}

} // namespace livegifts
