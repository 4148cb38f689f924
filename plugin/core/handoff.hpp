#pragma once

// "One thread writes, another takes the newest": the hand-off between a source's update() (settings
// copied on whatever thread OBS calls it from) and its video_tick, or between any producer and a consumer
// that must never wait. put() replaces a value not yet taken; take() returns it once.
//
// Threads: put from any thread; take from the consumer only. take() never blocks: it try-locks, and
// when the writer holds the lock at that instant it returns nothing and the next call picks the value up.

#include <mutex>
#include <optional>
#include <utility>

namespace livegifts {

template <typename T>
class Handoff {
public:
	void put(T value)
	{
		std::lock_guard lock(mutex_);
		value_ = std::move(value);
	}

	std::optional<T> take()
	{
		std::unique_lock lock(mutex_, std::try_to_lock);
		if (!lock.owns_lock() || !value_) {
			return std::nullopt;
		}
		std::optional<T> taken = std::move(value_);
		value_.reset();
		return taken;
	}

private:
	std::mutex mutex_; // guards value_; held only to move a value in or out
	std::optional<T> value_;
};

} // namespace livegifts
