#include "obs/sources/waiting-alerts.hpp"

#include "obs/plugin-support.hpp"

#include <string>
#include <utility>

namespace livegifts::obs {

namespace {

constexpr const char *kWaitingKey = "waiting_alerts";    // private settings: the alerts (JSON text)
constexpr const char *kWaitingRunKey = "waiting_in_run"; // private settings: the run they were saved in

} // namespace

void WaitingAlerts::follow(view::AlertQueue &queue)
{
	if (std::optional<std::vector<view::Alert>> restored = restore_.take()) {
		queue.restoreWaiting(std::move(*restored));
	}
	if (queue.queue().empty() && !kept_) {
		return;
	}
	const uint64_t fingerprint = view::waitingFingerprint(queue.queue());
	if (fingerprint == fingerprint_ && kept_ == !queue.queue().empty()) {
		return;
	}
	fingerprint_ = fingerprint;
	kept_ = !queue.queue().empty();
	waiting_.store(kept_ ? std::make_shared<const std::deque<view::Alert>>(queue.queue()) : nullptr);
}

void WaitingAlerts::save(obs_data_t *privateSettings, int64_t run) const
{
	const std::shared_ptr<const std::deque<view::Alert>> waiting = waiting_.load();
	if (!waiting || waiting->empty()) {
		obs_data_erase(privateSettings, kWaitingKey);
		obs_data_erase(privateSettings, kWaitingRunKey);
		return;
	}
	obs_data_set_string(privateSettings, kWaitingKey, view::waitingToJson(*waiting).c_str());
	obs_data_set_int(privateSettings, kWaitingRunKey, run);
}

void WaitingAlerts::load(obs_data_t *privateSettings, int64_t run, obs_source_t *source)
{
	if (!obs_data_has_user_value(privateSettings, kWaitingKey) ||
	    obs_data_get_int(privateSettings, kWaitingRunKey) != run) {
		return; // none, or kept in an earlier run of OBS
	}
	std::string error;
	std::optional<std::vector<view::Alert>> alerts =
	    view::waitingFromJson(obs_data_get_string(privateSettings, kWaitingKey), error);
	if (!alerts) {
		LG_SOURCE_LOG(LOG_WARNING, source, "the alerts kept waiting could not be read (%s): not shown",
			      error.c_str());
		return;
	}
	LG_SOURCE_LOG(LOG_INFO, source, "alerts kept waiting taken back: %zu", alerts->size());
	restore_.put(std::move(*alerts));
}

} // namespace livegifts::obs
