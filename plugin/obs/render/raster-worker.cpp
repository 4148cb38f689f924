#include "obs/render/raster-worker.hpp"

#include "obs/module-singleton.hpp"

#include "obs/plugin-support.hpp"

#include <util/threading.h>

#include <atomic>
#include <exception>
#include <mutex>
#include <optional>

namespace livegifts::obs {

RasterWorker::RasterWorker() : thread_([this] { run(); }) {}

RasterWorker::~RasterWorker()
{
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

void RasterWorker::run()
{
	// Its own name: a thread started from OBS's graphics thread would otherwise carry that thread's name
	// ("libobs: graphics"), and per-thread figures would count its painting as the graphics thread's.
	os_set_thread_name("live-gifts: raster");
	// Whatever a job throws is logged and the slot gets an empty image (nothing drawn, and the source does
	// not wait on it forever); the worker goes on with the next job.
	while (std::optional<Task> task = queue_.pop()) {
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
