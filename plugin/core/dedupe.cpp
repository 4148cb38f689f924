#include "core/dedupe.hpp"

#include "core/supporters.hpp"

#include <algorithm>
#include <limits>

namespace livegifts {

MsgIdDedupe::MsgIdDedupe(std::size_t capacity)
    : capacity_(std::clamp<std::size_t>(capacity, 1, std::numeric_limits<std::uint32_t>::max() / 4))
{
}

std::size_t MsgIdDedupe::home(std::uint64_t hash) const
{
	// Fibonacci hashing: the top bits of the product, so every bit of the hash takes part.
	return static_cast<std::size_t>((hash * 0x9E3779B97F4A7C15ULL) >> shift_);
}

std::size_t MsgIdDedupe::find(std::uint64_t hash) const
{
	const std::size_t mask = table_.size() - 1;
	std::size_t at = home(hash);
	while (table_[at] != kEmpty && ring_[table_[at] - 1] != hash) {
		at = (at + 1) & mask;
	}
	return at;
}

bool MsgIdDedupe::contains(std::string_view msgId) const
{
	if (table_.empty()) {
		return false;
	}
	return table_[find(hashText(msgId))] != kEmpty;
}

void MsgIdDedupe::rehash(std::size_t entries)
{
	std::size_t size = 16;
	unsigned bits = 4;
	while (size < 2 * entries) {
		size *= 2;
		++bits;
	}
	table_.assign(size, kEmpty);
	table_.shrink_to_fit();
	shift_ = 64 - bits;
	for (std::size_t i = 0; i < ring_.size(); ++i) {
		table_[find(ring_[i])] = static_cast<std::uint32_t>(i + 1);
	}
}

void MsgIdDedupe::erase(std::size_t at)
{
	const std::size_t mask = table_.size() - 1;
	std::size_t hole = at;
	for (std::size_t next = (hole + 1) & mask; table_[next] != kEmpty; next = (next + 1) & mask) {
		// The entry at `next` may move into the hole unless its home lies cyclically in (hole, next].
		const std::size_t want = home(ring_[table_[next] - 1]);
		const bool stays = hole <= next ? (hole < want && want <= next) : (hole < want || want <= next);
		if (!stays) {
			table_[hole] = table_[next];
			hole = next;
		}
	}
	table_[hole] = kEmpty;
}

void MsgIdDedupe::insert(std::string_view msgId)
{
	const std::uint64_t hash = hashText(msgId);
	const std::size_t at = table_.empty() ? 0 : find(hash);
	if (!table_.empty() && table_[at] != kEmpty) {
		return;
	}
	if (ring_.size() < capacity_) {
		if (ring_.size() == ring_.capacity()) {
			// Grows by doubling but never past the capacity: the window's memory is what it holds.
			ring_.reserve(std::min(capacity_, std::max<std::size_t>(16, ring_.capacity() * 2)));
		}
		ring_.push_back(hash);
		if (2 * ring_.size() > table_.size()) {
			rehash(ring_.size()); // also places the new hash
			return;
		}
		table_[at] = static_cast<std::uint32_t>(ring_.size()); // the free slot the look-up ended on
		return;
	}
	erase(find(ring_[next_])); // the oldest goes; the erase can open a slot nearer home, so look again
	ring_[next_] = hash;
	table_[find(hash)] = static_cast<std::uint32_t>(next_ + 1);
	next_ = (next_ + 1) % capacity_;
	forgot_ = true;
}

void MsgIdDedupe::clear()
{
	std::vector<std::uint64_t>().swap(ring_);
	std::vector<std::uint32_t>().swap(table_);
	shift_ = 64;
	next_ = 0;
	forgot_ = false;
}

} // namespace livegifts
