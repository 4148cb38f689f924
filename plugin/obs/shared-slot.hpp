#pragma once

// A shared_ptr that one thread replaces and others read, portable where std::atomic<std::shared_ptr> is
// missing (Apple's libc++). The mutex is held only for one pointer copy or swap: no I/O, no logging, no
// destruction under it (a replaced value is released after the lock is let go), so the video thread that
// reads never waits for the writer's work.

#include <memory>
#include <mutex>
#include <utility>

namespace livegifts::obs {

template <typename T>
class SharedSlot {
public:
	std::shared_ptr<T> load() const
	{
		std::lock_guard lock(mutex_);
		return ptr_;
	}

	void store(std::shared_ptr<T> next)
	{
		{
			std::lock_guard lock(mutex_);
			ptr_.swap(next);
		}
		// `next` now holds the previous value; it is released here, outside the lock.
	}

private:
	mutable std::mutex mutex_; // guards ptr_, for the length of one pointer copy
	std::shared_ptr<T> ptr_;
};

} // namespace livegifts::obs
