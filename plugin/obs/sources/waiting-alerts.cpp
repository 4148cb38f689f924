#include "obs/sources/waiting-alerts.hpp"

#include "obs/plugin-support.hpp"

#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <utility>

namespace livegifts::obs {

namespace {

constexpr const char *kWaitingKey = "waiting_alerts";     // private settings: the alerts (JSON text)
constexpr const char *kWaitingRunKey = "waiting_in_run";  // private settings: the run they were saved in
constexpr const char *kWaitingTokenKey = "waiting_token"; // private settings: the list's token

std::atomic<int64_t> nextToken{1};

// The tokens of the lists taken back in this run of OBS (UI thread; a mutex all the same: a few per load).
std::mutex takenMutex;
std::set<int64_t> takenTokens;

bool takeToken(int64_t token)
{
	const std::lock_guard<std::mutex> lock(takenMutex);
	return takenTokens.insert(token).second;
}

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
	waiting_.store(kept_ ? std::make_shared<const Kept>(Kept{queue.queue(), nextToken.fetch_add(1)}) : nullptr);
}

void WaitingAlerts::save(obs_data_t *privateSettings, int64_t run) const
{
	const std::shared_ptr<const Kept> waiting = waiting_.load();
	if (!waiting || waiting->alerts.empty()) {
		obs_data_erase(privateSettings, kWaitingKey);
		obs_data_erase(privateSettings, kWaitingRunKey);
		obs_data_erase(privateSettings, kWaitingTokenKey);
		return;
	}
	obs_data_set_string(privateSettings, kWaitingKey, view::waitingToJson(waiting->alerts).c_str());
	obs_data_set_int(privateSettings, kWaitingRunKey, run);
	obs_data_set_int(privateSettings, kWaitingTokenKey, waiting->token);
}

void WaitingAlerts::load(obs_data_t *privateSettings, int64_t run, obs_source_t *source)
{
	if (!obs_data_has_user_value(privateSettings, kWaitingKey) ||
	    obs_data_get_int(privateSettings, kWaitingRunKey) != run) {
		return; // none, or kept in an earlier run of OBS
	}
	const int64_t token = obs_data_get_int(privateSettings, kWaitingTokenKey);
	std::string error;
	std::optional<std::vector<view::Alert>> alerts =
	    view::waitingFromJson(obs_data_get_string(privateSettings, kWaitingKey), error);
	if (!alerts) {
		LG_SOURCE_LOG(LOG_WARNING, source, "the alerts kept waiting could not be read (%s): not shown",
			      error.c_str());
		return;
	}
	if (!takeToken(token)) {
		LG_SOURCE_LOG(LOG_INFO, source, "alerts kept waiting taken back already (an Undo again): not shown");
		return;
	}
	LG_SOURCE_LOG(LOG_INFO, source, "alerts kept waiting taken back: %zu", alerts->size());
	// Saved again as they are until the first tick takes them into the queue (a save meanwhile keeps them, as
	// a list of this source's own).
	waiting_.store(std::make_shared<const Kept>(Kept{{alerts->begin(), alerts->end()}, nextToken.fetch_add(1)}));
	restore_.put(std::move(*alerts));
}

} // namespace livegifts::obs
