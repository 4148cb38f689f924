#pragma once

// One object per loaded module (the runtime, the raster worker): created on first use, destroyed by
// shutdown() at module unload. Once created it is found without a lock, so the video thread never waits
// while another thread creates it (creating may read files or open the ledger).
//
// A thread that is not the module's own (obs-websocket's, calling our vendor requests) holds the object through a
// Lease: reset() destroys it only once every lease taken before is given back, and a lease taken once reset()
// began is empty. Taking and giving back a lease takes no lock the video thread could wait on (two atomic
// operations; the last one given back while reset() waits takes a mutex only reset() shares).

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <utility>

namespace livegifts::obs {

template <typename T>
class ModuleSingleton {
public:
	// The object kept alive while held (empty: there was none, or it was going away). A holder must not call
	// get(), ifAlive() or reset() of the same singleton (reset() waits for the lease with their mutex held).
	class Lease {
	public:
		Lease() = default;
		Lease(Lease &&other) noexcept
		    : owner_(std::exchange(other.owner_, nullptr)), object_(std::exchange(other.object_, nullptr))
		{
		}
		Lease &operator=(Lease &&other) noexcept
		{
			if (this != &other) {
				giveBack();
				owner_ = std::exchange(other.owner_, nullptr);
				object_ = std::exchange(other.object_, nullptr);
			}
			return *this;
		}
		Lease(const Lease &) = delete;
		Lease &operator=(const Lease &) = delete;
		~Lease() { giveBack(); }

		T *get() const { return object_; }
		T *operator->() const { return object_; }
		T &operator*() const { return *object_; }
		explicit operator bool() const { return object_ != nullptr; }

	private:
		friend class ModuleSingleton;
		Lease(ModuleSingleton *owner, T *object) : owner_(owner), object_(object) {}
		void giveBack()
		{
			if (owner_ != nullptr) {
				owner_->returnLease();
				owner_ = nullptr;
				object_ = nullptr;
			}
		}

		ModuleSingleton *owner_ = nullptr;
		T *object_ = nullptr;
	};

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

	// The object held until the lease goes (never creates; no lock): for threads reset() does not stop first.
	Lease lease()
	{
		// Counted before it is looked at, and reset() clears it before it looks at the count (both sequentially
		// consistent): either reset() waits for this lease or this lease sees no object.
		leases_.fetch_add(1, std::memory_order_seq_cst);
		T *object = fast_.load(std::memory_order_seq_cst);
		if (object == nullptr) {
			returnLease();
			return {};
		}
		return Lease(this, object);
	}

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

	// Destroys the object once every lease of it is given back.
	void reset()
	{
		std::lock_guard lock(mutex_);
		fast_.store(nullptr, std::memory_order_seq_cst);
		{
			std::unique_lock wait(leaseMutex_);
			returned_.wait(wait, [this] { return leases_.load(std::memory_order_seq_cst) == 0; });
		}
		owned_.reset();
	}

private:
	void returnLease()
	{
		if (leases_.fetch_sub(1, std::memory_order_seq_cst) == 1) {
			// Under the mutex reset() waits with: its wake-up is never lost between its check and its wait.
			std::lock_guard lock(leaseMutex_);
			returned_.notify_all();
		}
	}

	std::mutex mutex_;               // guards creating and destroying
	std::unique_ptr<T> owned_;       // under mutex_
	std::atomic<T *> fast_{nullptr}; // set once created: read without a lock (any thread)
	std::atomic<int> leases_{0};     // leases held (and being taken)
	std::mutex leaseMutex_;          // reset()'s wait for the leases, and the last lease given back
	std::condition_variable returned_;
};

} // namespace livegifts::obs
