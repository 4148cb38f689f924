#pragma once

// Where the engine publishes its latest Snapshot for every reader.

#include <memory>
#include <mutex>

#include "core/snapshot.hpp"

namespace livegifts {

// A swap of one pointer under a mutex that is never held for more than that copy (no I/O, no allocation, no
// destruction): readers on the video thread never wait for the worker's work.
// (libstdc++ 12's std::atomic<std::shared_ptr> releases its internal lock with relaxed order after a load,
// which ThreadSanitizer rightly reports, and Apple's libc++ has none. A spin flag with atomic
// wait/notify_one was used before; a render test once hung with a futex error from libstdc++ 12's waiter
// pool, so this uses a plain mutex.)
class SnapshotSlot {
public:
	std::shared_ptr<const Snapshot> load() const
	{
		std::lock_guard lock(mutex_);
		return ptr_;
	}
	void store(std::shared_ptr<const Snapshot> next)
	{
		{
			std::lock_guard lock(mutex_);
			ptr_.swap(next);
		}
		// `next` now holds the previous snapshot; it is released here, outside the lock.
	}

private:
	mutable std::mutex mutex_; // guards ptr_ only, for the length of one pointer copy; any thread
	std::shared_ptr<const Snapshot> ptr_;
};

} // namespace livegifts
