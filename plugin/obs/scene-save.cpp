#include "obs/scene-save.hpp"

#include "obs/plugin-support.hpp"

#include <obs-frontend-api.h>
#include <obs.h>

#include <atomic>

namespace livegifts::obs {

namespace {

std::atomic<bool> available{false}; // set on the UI thread, read by any
std::atomic<bool> queued{false};    // a save task waits on the UI thread

void saveTask(void *)
{
	queued.store(false);
	if (available.load()) {
		guarded("scene collection save", [] { obs_frontend_save(); });
	}
}

} // namespace

void setSceneSaveAvailable(bool value)
{
	available.store(value);
}

void requestSceneSave()
{
	if (!available.load() || queued.exchange(true)) {
		return;
	}
	obs_queue_task(OBS_TASK_UI, saveTask, nullptr, false);
}

} // namespace livegifts::obs
