// Module entry: registers every source in one place and owns the module-wide workers.

#include "obs/api/live-gifts-api.hpp"
#include "obs/audio/sound-cache.hpp"
#include "obs/dock/dock-module.hpp"
#include "obs/render/gpu.hpp"
#include "obs/plugin-support.hpp"
#include "obs/render/raster-worker.hpp"
#include "obs/rules/rule-runner.hpp"
#include "obs/runtime.hpp"
#include "obs/sources/sources.hpp"
#include "obs/test-hooks.hpp"

#include "live-gifts-version.h"

#include <obs-module.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

OBS_DECLARE_MODULE()
OBS_MODULE_USE_DEFAULT_LOCALE("obs-live-gifts", "en-US")

MODULE_EXPORT const char *obs_module_name(void)
{
	return LIVE_GIFTS_DISPLAY_NAME;
}

MODULE_EXPORT const char *obs_module_description(void)
{
	return obs_module_text("LiveGifts.Description");
}

bool obs_module_load(void)
{
	return livegifts::obs::guarded("module load", false, [] {
		livegifts::obs::readTestHooksSwitch();
		const obs_source_info goalBar = livegifts::obs::goalBarSourceInfo();
		obs_register_source(&goalBar);
		const obs_source_info giftAlerts = livegifts::obs::giftAlertsSourceInfo();
		obs_register_source(&giftAlerts);
		const obs_source_info topSupporters = livegifts::obs::topSupportersSourceInfo();
		obs_register_source(&topSupporters);
		const obs_source_info coinJar = livegifts::obs::coinJarSourceInfo();
		obs_register_source(&coinJar);
		const obs_source_info giftVersus = livegifts::obs::giftVersusSourceInfo();
		obs_register_source(&giftVersus);
		livegifts::obs::dock::loadFrontend();
		LG_LOG(LOG_INFO, "loaded version %s", LIVE_GIFTS_VERSION);
		return true;
	});
}

// obs-websocket's vendor API exists only once every module is loaded.
void obs_module_post_load(void)
{
	livegifts::obs::guarded("module post-load", [] { livegifts::obs::api::startApi(); });
}

namespace {

// A source whose last reference went just before OBS shut down is destroyed on OBS's destroy thread, which
// libobs keeps running while it unloads the modules: its destructor (the rules, the runtime, the sound cache)
// would meet what unload tears down. Unload first lets every destroy queued so far finish (a task queued behind
// them), waiting a few seconds at most (a libobs without that thread runs no such task).
void finishQueuedDestroys()
{
	struct Done {
		std::mutex mutex;
		std::condition_variable changed;
		bool done = false; // under mutex
	};
	const auto done = std::make_shared<Done>();
	obs_queue_task(
	    OBS_TASK_DESTROY,
	    [](void *param) {
		    const std::unique_ptr<std::shared_ptr<Done>> mine(static_cast<std::shared_ptr<Done> *>(param));
		    {
			    std::lock_guard lock((*mine)->mutex);
			    (*mine)->done = true;
		    }
		    (*mine)->changed.notify_all();
	    },
	    new std::shared_ptr<Done>(done), false); // the task's own reference (kept if it never runs)
	std::unique_lock lock(done->mutex);
	if (!done->changed.wait_for(lock, std::chrono::seconds(5), [&] { return done->done; })) {
		LG_LOG(LOG_WARNING, "sources being destroyed did not finish within 5 s of unloading");
	}
}

} // namespace

void obs_module_unload(void)
{
	livegifts::obs::guarded("module unload", [] {
		finishQueuedDestroys();
		livegifts::obs::api::stopApi(false);
		livegifts::obs::dock::unloadFrontend();
		livegifts::obs::RuleRunner::shutdown();
		livegifts::obs::Runtime::shutdown();
		livegifts::obs::RasterWorker::shutdown();
		livegifts::obs::SoundCache::shutdown();
		livegifts::obs::releaseEffects();
		LG_LOG(LOG_INFO, "unloaded");
	});
}
