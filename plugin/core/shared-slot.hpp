#pragma once

// A shared_ptr that one thread replaces and others read: the engine's latest Snapshot, the runtime's engine,
// a source's latest raster image.
//
// The mutex is held only for one pointer copy or swap: no I/O, no allocation, no destruction under it (a
// replaced value is released after the lock is let go), so a reader on the video thread never waits for the
// writer's work.
// (Not std::atomic<std::shared_ptr>: Apple's libc++ has none, and libstdc++ 12's releases its internal lock
// with relaxed order after a load, which ThreadSanitizer rightly reports. A spin flag with atomic
// wait/notify_one was used before; a render test once hung with a futex error from libstdc++ 12's waiter
// pool, so this is a plain mutex.)

#include <memory>
#include <mutex>
#include <utility>

namespace livegifts {

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
	mutable std::mutex mutex_; // guards ptr_, for the length of one pointer copy; any thread
	std::shared_ptr<T> ptr_;
};

} // namespace livegifts
