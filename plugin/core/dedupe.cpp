#include "core/dedupe.hpp"

#include "core/supporters.hpp"

namespace livegifts {

MsgIdDedupe::MsgIdDedupe(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity)
{
	set_.reserve(capacity_ < 4096 ? capacity_ : 4096);
}

bool MsgIdDedupe::contains(std::string_view msgId) const
{
	return set_.count(hashText(msgId)) != 0;
}

void MsgIdDedupe::insert(std::string_view msgId)
{
	const std::uint64_t hash = hashText(msgId);
	if (!set_.insert(hash).second) {
		return;
	}
	if (ring_.size() < capacity_) {
		ring_.push_back(hash);
		return;
	}
	set_.erase(ring_[next_]);
	ring_[next_] = hash;
	next_ = (next_ + 1) % capacity_;
	forgot_ = true;
}

void MsgIdDedupe::clear()
{
	set_.clear();
	ring_.clear();
	next_ = 0;
	forgot_ = false;
}

} // namespace livegifts
