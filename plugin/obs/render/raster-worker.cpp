#include "obs/render/raster-worker.hpp"

#include "obs/render/alert-card-image.hpp"
#include "obs/render/scratch.hpp"

#include "obs/module-singleton.hpp"

#include "obs/plugin-support.hpp"

#include "core/heap.hpp"

#include <util/threading.h>

#include <QThread>

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace livegifts::obs {

RasterWorker::RasterWorker(std::chrono::milliseconds trimAfterIdle, uint64_t retireAfterJobs)
    : trimAfterIdle_(trimAfterIdle), retireAfterJobs_(std::max<uint64_t>(1, retireAfterJobs)),
      thread_([this] { run(); })
{
}

RasterWorker::~RasterWorker()
{
	hold(false);
	queue_.close();
	thread_.join();
}

void RasterWorker::post(const std::shared_ptr<RasterSlot> &slot, Job job, bool urgent)
{
	const uint64_t version = slot->postedVersion_.fetch_add(1) + 1;
	const RasterSlot *key = slot.get();
	const auto same = [key](const Task &queued) { return queued.key == key; };
	if (urgent) {
		queue_.pushFrontOrReplace(Task{key, slot, version, std::move(job)}, same);
	} else {
		queue_.pushOrReplace(Task{key, slot, version, std::move(job)}, same);
	}
}

void RasterWorker::trimSoon()
{
	// A task without a job: the worker wakes, paints nothing and counts the quiet spell from then.
	queue_.pushOrReplace(Task{nullptr, {}, 0, Job()}, [](const Task &queued) { return queued.key == nullptr; });
}

void RasterWorker::hold(bool held)
{
	{
		const std::lock_guard<std::mutex> lock(holdMutex_);
		held_ = held;
	}
	holdChanged_.notify_all();
}

void RasterWorker::waitWhileHeld()
{
	std::unique_lock<std::mutex> lock(holdMutex_);
	holdChanged_.wait(lock, [this] { return !held_; });
}

void RasterWorker::run()
{
	// Its own name: a thread started from OBS's graphics thread would otherwise carry that thread's name
	// ("libobs: graphics"), and per-thread figures would count its work as the graphics thread's.
	os_set_thread_name("live-gifts: rmgr");
	// Each painting thread in turn, until the worker closes. A retired thread's fonts and glyph images are
	// freed as it ends (Qt's per-thread storage); the heap they took goes back before the next one starts.
	bool more = true;
	while (more) {
		painters_.fetch_add(1);
		// A QThread, not a plain one: Qt's per-thread font cache starts a timer once it has grown, which a
		// thread without Qt's event dispatcher refuses with "QObject::startTimer: Timers can only be used with
		// threads started with QThread" in OBS's log (Qt 5). The timer never fires here (no event loop runs);
		// the thread's end frees the cache.
		bool ran = false;
		const std::unique_ptr<QThread> painter(QThread::create([this, &more, &ran] {
			ran = true;
			more = paint();
		}));
		painter->start();
		painter->wait();
		if (!ran) {
			// Not started (the system refused a thread): said once a second, tried again, never a busy
			// loop.
			LG_LOG(LOG_WARNING, "raster worker: a painting thread could not start; trying again in 1 s");
			std::this_thread::sleep_for(std::chrono::seconds(1));
			more = !queue_.closed();
			continue;
		}
		if (more) {
			releaseFreeHeap();
			trims_.fetch_add(1);
		}
	}
	LG_LOG(LOG_DEBUG, "raster worker stopped");
}

bool RasterWorker::paint()
{
	os_set_thread_name("live-gifts: raster");
	// Whatever a job throws is logged and the slot gets an empty image (nothing drawn, and the source does
	// not wait on it forever); the worker goes on with the next job.
	// Painting allocates whole canvases and lets them go: once the worker has had nothing to do for
	// trimAfterIdle_ after a job, the free heap goes back to the system (glibc keeps it otherwise, in this
	// thread's arena), at most once per quiet spell.
	bool trimDue = false;
	uint64_t jobs = 0; // painted by this thread
	while (true) {
		std::optional<Task> task;
		if (trimDue) {
			task = queue_.popUntil(std::chrono::steady_clock::now() + trimAfterIdle_);
			if (!task && !queue_.closed()) {
				if (jobs >= retireAfterJobs_) {
					return true; // the worker trims once this thread has ended
				}
				trimDue = false;
				// The card kept under its text first: its canvas goes back among the kept canvases,
				// which go next, then the free heap.
				releaseKeptCard();
				releaseScratch();
				releaseFreeHeap();
				trims_.fetch_add(1);
				continue;
			}
		} else {
			task = queue_.pop();
		}
		if (!task) {
			break;
		}
		trimDue = true;
		if (!task->job) {
			continue; // trimSoon()
		}
		++jobs;
		waitWhileHeld();
		std::shared_ptr<const RasterImage> image =
		    guarded("rasterising", std::shared_ptr<const RasterImage>(), [&] { return task->job(); });
		guarded("publishing a raster image", [&] {
			if (auto slot = task->slot.lock()) {
				slot->image_.store(image ? std::move(image) : std::make_shared<const RasterImage>());
				slot->imageVersion_.store(task->version);
			}
		});
		if (jobs >= 10 * retireAfterJobs_ && queue_.size() == 0) {
			return true; // a stream that never quiets: between two jobs
		}
	}
	return false;
}

namespace {
ModuleSingleton<RasterWorker> worker;
} // namespace

RasterWorker &RasterWorker::instance()
{
	return worker.get();
}

void RasterWorker::shutdown()
{
	worker.reset();
}

} // namespace livegifts::obs
