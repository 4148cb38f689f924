#pragma once

// One worker thread per module turns text (and later images) into pixels, off the video thread.
// A source owns a RasterSlot; it posts a job when its content changes and its render callback picks up
// the newest finished image (a pointer copy under a lock held for nothing else: it never waits on work).

#include "core/shared-slot.hpp"
#include "core/work-queue.hpp"
#include "obs/render/raster.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace livegifts::obs {

class RasterSlot {
public:
	// Newest finished image and the number of the job that made it (video thread reads). The image is
	// published before its number, so a number read first never belongs to an older image.
	std::shared_ptr<const RasterImage> image() const { return image_.load(); }
	uint64_t imageVersion() const { return imageVersion_.load(); }
	// True while a posted job has not finished yet.
	bool pending() const { return postedVersion_.load() != imageVersion_.load(); }

private:
	friend class RasterWorker;
	SharedSlot<const RasterImage> image_;    // the raster worker stores, the video thread loads
	std::atomic<uint64_t> imageVersion_{0};  // the raster worker writes
	std::atomic<uint64_t> postedVersion_{0}; // the posting thread (video thread) writes
};

class RasterWorker {
public:
	using Job = std::function<std::shared_ptr<const RasterImage>()>;

	// trimAfterIdle: how long the worker waits without work after a job before it gives the free heap back.
	// retireAfterJobs: the jobs a painting thread paints before it makes way for a new one (below).
	explicit RasterWorker(std::chrono::milliseconds trimAfterIdle = kTrimAfterIdle,
			      uint64_t retireAfterJobs = kRetireAfterJobs);
	~RasterWorker();
	RasterWorker(const RasterWorker &) = delete;
	RasterWorker &operator=(const RasterWorker &) = delete;

	// Queues job for slot; a queued job for the same slot that has not started yet is replaced (only the
	// newest content matters). Never blocks on rasterising.
	// urgent: the job goes first, ahead of every queued job (a new alert card the screen waits for).
	void post(const std::shared_ptr<RasterSlot> &slot, Job job, bool urgent = false);

	// The module's worker gives the free heap back after 10 s without work: a card painted within that time of
	// the last job paints on pages still resident. After a shorter wait (250 ms) nearly every alert on a stream
	// came after a trim, and faulting its canvases' pages in again took it from about 11 to 25 ms from gift
	// to screen (p50, idle probes; a page fault on a fresh page costs about 10 us on this machine kind).
	static constexpr std::chrono::milliseconds kTrimAfterIdle{10000};
	// How many times it gave the free heap back so far (tests).
	uint64_t heapTrims() const { return trims_.load(); }
	// Qt keeps a thread's fonts, shaped text and glyph images (a colour emoji's are large) for as long as the
	// thread lives, and lets them go only on a thread that runs Qt's event loop, which this one does not: a
	// stream of ever-new names with emoji in their sizes grew the painting thread by about 4 MB every 1,000
	// names, without end. So the painting thread ends once it has painted retireAfterJobs jobs, at a quiet spell
	// or, on a stream that never quiets, at ten times that when nothing is queued; a new one paints the next job
	// (its first text costs about 10 ms more, the fonts loaded again) and the old one's memory goes back.
	static constexpr uint64_t kRetireAfterJobs = 100;
	// Painting threads started so far (tests).
	uint64_t painters() const { return painters_.load(); }
	// Any thread, never waits on the worker: something large was freed outside it (a texture, with a GPU driver
	// on the CPU), so the worker gives the free heap back once quiet for the usual spell, as after a job. The
	// graphics thread cannot trim itself (a trim walks the heap); without a trim glibc keeps the freed pages.
	void trimSoon();
	// Tests only (a procedure behind the test switch): while held, no job starts (one already running ends);
	// posting still works. Closing the worker ends a hold.
	void hold(bool held);

	// The module's worker.
	static RasterWorker &instance();
	static void shutdown();

private:
	struct Task {
		// Identifies the slot while queued (never dereferenced); null: a trimSoon() request.
		const RasterSlot *key = nullptr;
		std::weak_ptr<RasterSlot> slot;
		uint64_t version = 0;
		Job job;
	};
	void run();
	// The painting thread's loop: false once the worker closes, true when it retires for a new thread.
	bool paint();
	void waitWhileHeld();

	WorkQueue<Task> queue_;                         // any thread posts, the worker pops
	const std::chrono::milliseconds trimAfterIdle_; // set before the worker starts, then only read
	const uint64_t retireAfterJobs_;                // likewise
	std::atomic<uint64_t> trims_{0};                // the worker writes
	std::atomic<uint64_t> painters_{0};             // the worker writes
	std::mutex holdMutex_;                          // guards held_ (never held while painting)
	std::condition_variable holdChanged_;
	bool held_ = false;
	std::thread thread_; // starts each painting thread in turn; last: started once the queue exists
};

} // namespace livegifts::obs
