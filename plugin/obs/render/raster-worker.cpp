#include "obs/render/raster-worker.hpp"

#include "obs/plugin-support.hpp"

#include <exception>

namespace livegifts::obs {

RasterWorker::RasterWorker() : thread_([this] { run(); }) {}

RasterWorker::~RasterWorker()
{
	{
		std::lock_guard lock(mutex_);
		stop_ = true;
	}
	wake_.notify_all();
	thread_.join();
}

void RasterWorker::post(const std::shared_ptr<RasterSlot> &slot, Job job)
{
	const uint64_t version = slot->postedVersion_.fetch_add(1) + 1;
	{
		std::lock_guard lock(mutex_);
		for (Task &task : queue_) {
			if (task.slot.lock() == slot) {
				task.version = version;
				task.job = std::move(job);
				return;
			}
		}
		queue_.push_back(Task{slot, version, std::move(job)});
	}
	wake_.notify_one();
}

void RasterWorker::run()
{
	for (;;) {
		Task task;
		{
			std::unique_lock lock(mutex_);
			wake_.wait(lock, [this] { return stop_ || !queue_.empty(); });
			if (stop_) {
				return;
			}
			task = std::move(queue_.front());
			queue_.pop_front();
		}
		std::shared_ptr<const RasterImage> image;
		try {
			image = task.job();
		} catch (const std::exception &e) {
			LG_LOG(LOG_WARNING, "rasterising failed: %s", e.what());
		}
		if (auto slot = task.slot.lock()) {
			slot->image_.store(image ? image : std::make_shared<RasterImage>());
			slot->imageVersion_.store(task.version);
		}
	}
}

namespace {
std::mutex instanceMutex;
std::unique_ptr<RasterWorker> instancePtr;
} // namespace

RasterWorker &RasterWorker::instance()
{
	std::lock_guard lock(instanceMutex);
	if (!instancePtr) {
		instancePtr = std::make_unique<RasterWorker>();
	}
	return *instancePtr;
}

void RasterWorker::shutdown()
{
	std::lock_guard lock(instanceMutex);
	instancePtr.reset();
}

} // namespace livegifts::obs
