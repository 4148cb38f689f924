#include "obs/render/raster-worker.hpp"

#include "obs/module-singleton.hpp"

#include "obs/plugin-support.hpp"

#include "core/heap.hpp"

#include <util/threading.h>

#include <atomic>
#include <exception>
#include <mutex>
#include <optional>

namespace livegifts::obs {

RasterWorker::RasterWorker(std::chrono::milliseconds trimAfterIdle)
    : trimAfterIdle_(trimAfterIdle), thread_([this] { run(); })
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
	// ("libobs: graphics"), and per-thread figures would count its painting as the graphics thread's.
	os_set_thread_name("live-gifts: raster");
	// Whatever a job throws is logged and the slot gets an empty image (nothing drawn, and the source does
	// not wait on it forever); the worker goes on with the next job.
	// Painting allocates whole canvases and lets them go: once the worker has had nothing to do for
	// trimAfterIdle_ after a job, the free heap goes back to the system (glibc keeps it otherwise, in this
	// thread's arena), at most once per quiet spell.
	bool trimDue = false;
	while (true) {
		std::optional<Task> task;
		if (trimDue) {
			task = queue_.popUntil(std::chrono::steady_clock::now() + trimAfterIdle_);
			if (!task && !queue_.closed()) {
				trimDue = false;
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
		waitWhileHeld();
		std::shared_ptr<const RasterImage> image =
		    guarded("rasterising", std::shared_ptr<const RasterImage>(), [&] { return task->job(); });
		guarded("publishing a raster image", [&] {
			if (auto slot = task->slot.lock()) {
				slot->image_.store(image ? std::move(image) : std::make_shared<const RasterImage>());
				slot->imageVersion_.store(task->version);
			}
		});
	}
	LG_LOG(LOG_DEBUG, "raster worker stopped");
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
