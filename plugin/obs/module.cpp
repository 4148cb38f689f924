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

void obs_module_unload(void)
{
	livegifts::obs::guarded("module unload", [] {
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
