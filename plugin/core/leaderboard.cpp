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

void Leaderboard::split(std::uint32_t t, std::uint32_t key, std::uint32_t &l, std::uint32_t &r)
{
	if (t == nil) {
		l = r = nil;
		return;
	}
	if (before(t, key)) {
		split(nodes_[t].right, key, nodes_[t].right, r);
		l = t;
	} else {
		split(nodes_[t].left, key, l, nodes_[t].left);
		r = t;
	}
}

std::uint32_t Leaderboard::merge(std::uint32_t l, std::uint32_t r)
{
	if (l == nil) {
		return r;
	}
	if (r == nil) {
		return l;
	}
	if (priority(l) > priority(r)) {
		nodes_[l].right = merge(nodes_[l].right, r);
		return l;
	}
	nodes_[r].left = merge(l, nodes_[r].left);
	return r;
}

std::uint32_t Leaderboard::insert(std::uint32_t t, std::uint32_t index)
{
	if (t == nil) {
		return index;
	}
	if (priority(index) > priority(t)) {
		split(t, index, nodes_[index].left, nodes_[index].right);
		return index;
	}
	if (before(index, t)) {
		nodes_[t].left = insert(nodes_[t].left, index);
	} else {
		nodes_[t].right = insert(nodes_[t].right, index);
	}
	return t;
}

std::uint32_t Leaderboard::erase(std::uint32_t t, std::uint32_t index)
{
	if (t == nil) {
		return nil;
	}
	if (t == index) {
		return merge(nodes_[t].left, nodes_[t].right);
	}
	if (before(index, t)) {
		nodes_[t].left = erase(nodes_[t].left, index);
	} else {
		nodes_[t].right = erase(nodes_[t].right, index);
	}
	return t;
}

bool Leaderboard::add(std::uint32_t index, std::int64_t coins, std::int64_t gifts, std::uint64_t reach)
{
	if (!contains(index)) {
		set(index, coins, gifts, reach);
		return true;
	}
	if (coins == 0) {
		return addCapped(nodes_[index].gifts, gifts);
	}
	root_ = erase(root_, index);
	Standing &s = nodes_[index];
	const bool coinsFit = addCapped(s.coins, coins);
	const bool giftsFit = addCapped(s.gifts, gifts);
	s.reach = reach;
	s.left = s.right = nil;
	root_ = insert(root_, index);
	return coinsFit && giftsFit;
}

void Leaderboard::set(std::uint32_t index, std::int64_t coins, std::int64_t gifts, std::uint64_t reach)
{
	if (index >= nodes_.size()) {
		nodes_.resize(static_cast<std::size_t>(index) + 1);
	}
	if (contains(index)) {
		root_ = erase(root_, index);
		--size_;
	}
	Standing &s = nodes_[index];
	s.coins = coins;
	s.gifts = gifts;
	s.reach = reach == 0 ? 1 : reach;
	s.left = s.right = nil;
	root_ = insert(root_, index);
	++size_;
}

void Leaderboard::clear()
{
	nodes_.clear();
	root_ = nil;
	size_ = 0;
}

std::size_t Leaderboard::rankOf(std::uint32_t index) const
{
	if (!contains(index)) {
		return 0;
	}
	std::size_t found = 0;
	forEachRanked(0, [&](std::uint32_t i, std::size_t rank, const Standing &) {
		if (i == index) {
			found = rank;
		}
	});
	return found;
}

} // namespace livegifts
