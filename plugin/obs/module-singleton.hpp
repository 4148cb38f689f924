#pragma once

// One object per loaded module (the runtime, the raster worker): created on first use, destroyed by
// shutdown() at module unload. Once created it is found without a lock, so the video thread never waits
// while another thread creates it (creating may read files or open the ledger).

#include <atomic>
#include <memory>
#include <mutex>

namespace livegifts::obs {

template <typename T>
class ModuleSingleton {
public:
	T &get()
	{
		if (T *created = fast_.load(std::memory_order_acquire)) {
			return *created;
		}
		std::lock_guard lock(mutex_);
		if (!owned_) {
			owned_ = std::make_unique<T>();
			fast_.store(owned_.get(), std::memory_order_release);
		}
		return *owned_;
	}

	// The object when created, else null (never creates; no lock).
	T *find() const { return fast_.load(std::memory_order_acquire); }

	// Runs act(object) unless it was never created or is gone; waits while it is being created or destroyed
	// (never creates it). For code that may run while, or after, the module unloads (an object's
	// destructor): find() could return one being destroyed.
	template <typename Act>
	void ifAlive(Act &&act)
	{
		std::lock_guard lock(mutex_);
		if (owned_) {
			act(*owned_);
		}
	}

	void reset()
	{
		std::lock_guard lock(mutex_);
		fast_.store(nullptr, std::memory_order_release);
		owned_.reset();
	}

private:
	std::mutex mutex_;               // guards creating and destroying
	std::unique_ptr<T> owned_;       // under mutex_
	std::atomic<T *> fast_{nullptr}; // set once created: read without a lock (any thread)
};

} // namespace livegifts::obs
