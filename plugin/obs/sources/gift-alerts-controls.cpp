#include "obs/sources/gift-alerts-controls.hpp"

#include "obs/plugin-support.hpp"
#include "obs/render/raster-worker.hpp"
#include "obs/runtime.hpp"

#include "obs/sources/source-base.hpp"
#include "obs/test-hooks.hpp"

#include "core/test-events.hpp"

#include <chrono>
#include <cstdint>
#include <string>

namespace livegifts::obs {

namespace {

constexpr const char *kPausedInRunKey = "paused_in_run"; // private settings: the run a pause was made in

// This run of OBS (the module's first call to it, in nanoseconds since the epoch).
int64_t thisRun()
{
	static const int64_t run =
	    std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
		.count();
	return run;
}

std::string stringOf(calldata_t *params, const char *name)
{
	const char *value = calldata_string(params, name);
	return value != nullptr ? value : "";
}

template <AlertControl control>
void onProc(void *data, calldata_t *)
{
	guarded("alerts proc", [&] { controlAlerts(data, control); });
}

} // namespace

void saveAlertsState(void *data, obs_source_t *source, WaitingAlerts &waiting)
{
	const PrivateSettings settings(source);
	if (alertsPaused(data)) {
		obs_data_set_int(settings.get(), kPausedInRunKey, thisRun());
	} else {
		obs_data_erase(settings.get(), kPausedInRunKey);
	}
	waiting.save(settings.get(), thisRun());
}

void loadAlertsState(void *data, obs_source_t *source, WaitingAlerts &waiting)
{
	const PrivateSettings settings(source);
	if (obs_data_has_user_value(settings.get(), kPausedInRunKey) &&
	    obs_data_get_int(settings.get(), kPausedInRunKey) == thisRun()) {
		controlAlerts(data, AlertControl::Pause);
	}
	waiting.load(settings.get(), thisRun(), source);
}

void registerAlertProcs(obs_source_t *source, void *data)
{
	proc_handler_t *handler = obs_source_get_proc_handler(source);
	if (testHooksEnabled()) {
		// Holds every source's painting: what a frame shows while pixels are on their way.
		proc_handler_add(
		    handler, "void live_gifts_raster_hold(in bool held)",
		    [](void *, calldata_t *params) { RasterWorker::instance().hold(calldata_bool(params, "held")); },
		    nullptr);
	}
	proc_handler_add(
	    handler, "void live_gifts_alerts_pause(in bool paused)",
	    [](void *self, calldata_t *params) {
		    guarded("alerts pause", [&] {
			    controlAlerts(self,
					  calldata_bool(params, "paused") ? AlertControl::Pause : AlertControl::Resume);
		    });
	    },
	    data);
	proc_handler_add(handler, "void live_gifts_alerts_skip()", onProc<AlertControl::Skip>, data);
	proc_handler_add(handler, "void live_gifts_alerts_test()", onProc<AlertControl::Test>, data);
	proc_handler_add(handler, "void live_gifts_alerts_replay()", onProc<AlertControl::ReplayLast>, data);
	proc_handler_add(
	    handler, "void live_gifts_alerts_state(out int queued, out bool showing, out bool paused)",
	    [](void *self, calldata_t *params) {
		    guarded("alerts state", [&] {
			    const AlertQueueState state = alertQueueState(self);
			    calldata_set_int(params, "queued", state.queued);
			    calldata_set_bool(params, "showing", state.showing);
			    calldata_set_bool(params, "paused", state.paused);
		    });
	    },
	    data);
	proc_handler_add(
	    handler,
	    "void live_gifts_alerts_card(in string text, in string nickname, in string user, in string avatar, "
	    "in string gift, in string gift_image, in string recipient, in int gift_id, in int count, in int coins)",
	    [](void *self, calldata_t *params) {
		    guarded("alerts card", [&] {
			    GiftActivity activity;
			    activity.kind = ActivityKind::Gift;
			    activity.nickname = stringOf(params, "nickname");
			    activity.userId = stringOf(params, "user");
			    activity.avatarUrl = stringOf(params, "avatar");
			    activity.giftName = stringOf(params, "gift");
			    activity.giftImageUrl = stringOf(params, "gift_image");
			    // A gift to a guest: {recipient} names them ("@handle", else name, else id).
			    activity.recipientNickname = stringOf(params, "recipient");
			    if (!activity.recipientNickname.empty()) {
				    activity.recipient = RecipientKind::Guest;
			    }
			    activity.giftId = calldata_int(params, "gift_id");
			    activity.count = calldata_int(params, "count");
			    activity.coins = calldata_int(params, "coins");
			    queueRuleCard(self, std::move(activity), stringOf(params, "text"));
		    });
	    },
	    data);
	proc_handler_add(
	    handler, "void live_gifts_test_event(in string kind)",
	    [](void *, calldata_t *params) {
		    guarded("test event", [&] {
			    const char *name = calldata_string(params, "kind");
			    TestEventKind kind = TestEventKind::SmallGift;
			    if (name != nullptr && testEventFromName(name, kind)) {
				    Runtime::instance().sendTestEvent(kind);
			    } else {
				    LG_LOG(LOG_WARNING, "live_gifts_test_event: unknown kind '%s'", name ? name : "");
			    }
		    });
	    },
	    data);
}

} // namespace livegifts::obs
