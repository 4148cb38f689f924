#pragma once

// The one hand-off from producers to a worker thread: a queue of items with a condition variable, used by
// the engine, the raster worker, the runtime's control thread and the image fetcher.
//
// Threads: push/pushOrReplace/close from any thread; pop/popUntil from the worker(s). The mutex is held
// only to move an item in or out: never while an item is worked on, never around I/O or logging.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace livegifts {

template <typename T>
class WorkQueue {
public:
	// Adds item at the end. False (and item dropped) once the queue is closed.
	bool push(T item)
	{
		{
			std::lock_guard lock(mutex_);
			if (closed_) {
				return false;
			}
			items_.push_back(std::move(item));
		}
		wake_.notify_one();
		return true;
	}

	// Replaces the first queued item for which same(queued) is true (it keeps its place), or adds item at
	// the end. For "only the newest content matters" queues.
	template <typename Same>
	bool pushOrReplace(T item, Same same)
	{
		{
			std::lock_guard lock(mutex_);
			if (closed_) {
				return false;
			}
			for (T &queued : items_) {
				if (same(queued)) {
					queued = std::move(item);
					return true;
				}
			}
			items_.push_back(std::move(item));
		}
		wake_.notify_one();
		return true;
	}

	// As pushOrReplace, but item goes first, ahead of everything queued (a queued item for which
	// same(queued) is true is dropped): for the work the screen waits on.
	template <typename Same>
	bool pushFrontOrReplace(T item, Same same)
	{
		{
			std::lock_guard lock(mutex_);
			if (closed_) {
				return false;
			}
			std::erase_if(items_, same);
			items_.push_front(std::move(item));
		}
		wake_.notify_one();
		return true;
	}

	// Waits for the next item; nullopt once the queue is closed (items still queued are dropped).
	std::optional<T> pop()
	{
		std::unique_lock lock(mutex_);
		wake_.wait(lock, [this] { return closed_ || !items_.empty(); });
		return takeFront();
	}

	// As pop(), but gives up at deadline: nullopt then too (closed() tells the two apart).
	template <typename Clock, typename Duration>
	std::optional<T> popUntil(const std::chrono::time_point<Clock, Duration> &deadline)
	{
		std::unique_lock lock(mutex_);
		wake_.wait_until(lock, deadline, [this] { return closed_ || !items_.empty(); });
		return takeFront();
	}

	// Wakes every waiter; later pushes are refused. Idempotent.
	void close()
	{
		{
			std::lock_guard lock(mutex_);
			closed_ = true;
		}
		wake_.notify_all();
	}

	bool closed() const
	{
		std::lock_guard lock(mutex_);
		return closed_;
	}

	std::size_t size() const
	{
		std::lock_guard lock(mutex_);
		return items_.size();
	}

private:
	std::optional<T> takeFront() // mutex_ held
	{
		if (closed_ || items_.empty()) {
			return std::nullopt;
		}
		std::optional<T> item(std::move(items_.front()));
		items_.pop_front();
		return item;
	}

	mutable std::mutex mutex_; // guards items_ and closed_; held only to move items
	std::condition_variable wake_;
	std::deque<T> items_;
	bool closed_ = false;
};

} // namespace livegifts
