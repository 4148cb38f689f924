#pragma once

// One worker thread per module turns text (and later images) into pixels, off the video thread.
// A source owns a RasterSlot; it posts a job when its content changes and its render callback picks up
// the newest finished image with an atomic load (never waits).

#include "obs/render/raster.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace livegifts::obs {

class RasterSlot {
public:
	// Newest finished image and the number of the job that made it (video thread reads).
	std::shared_ptr<const RasterImage> image() const { return image_.load(); }
	uint64_t imageVersion() const { return imageVersion_.load(); }
	// True while a posted job has not finished yet.
	bool pending() const { return postedVersion_.load() != imageVersion_.load(); }

private:
	friend class RasterWorker;
	std::atomic<std::shared_ptr<const RasterImage>> image_;
	std::atomic<uint64_t> imageVersion_{0};
	std::atomic<uint64_t> postedVersion_{0};
};

class RasterWorker {
public:
	using Job = std::function<std::shared_ptr<const RasterImage>()>;

	RasterWorker();
	~RasterWorker();
	RasterWorker(const RasterWorker &) = delete;
	RasterWorker &operator=(const RasterWorker &) = delete;

	// Queues job for slot; a queued job for the same slot that has not started yet is replaced (only the
	// newest content matters). Never blocks on rasterising.
	void post(const std::shared_ptr<RasterSlot> &slot, Job job);

	// The module's worker.
	static RasterWorker &instance();
	static void shutdown();

private:
	struct Task {
		std::weak_ptr<RasterSlot> slot;
		uint64_t version;
		Job job;
	};
	void run();

	std::mutex mutex_; // guards queue_ and stop_
	std::condition_variable wake_;
	std::deque<Task> queue_;
	bool stop_ = false;
	std::thread thread_; // owns the Qt painting
};

} // namespace livegifts::obs
