#include "obs/sources/waiting-alerts.hpp"

#include "obs/plugin-support.hpp"
#include "obs/runtime.hpp"

#include <atomic>
#include <mutex>
#include <map>
#include <optional>
#include <string>
#include <utility>

namespace livegifts::obs {

namespace {

constexpr const char *kWaitingKey = "waiting_alerts";     // private settings: the alerts (JSON text)
constexpr const char *kWaitingRunKey = "waiting_in_run";  // private settings: the run they were saved in
constexpr const char *kWaitingTokenKey = "waiting_token"; // private settings: the list's token

std::atomic<int64_t> nextToken{1};

// The lists taken back in this run of OBS, by token, each with what the source that took it saved last (its
// successor): an Undo again after a Redo hands over the first Undo's data, whose list was taken; when the
// source that took it is gone, what it saved as it went (the alerts still waiting then) is taken instead.
// UI thread (save, load) and the source's destruction (any thread); a mutex, held for a map lookup or a move.
struct Taken {
	int64_t successorToken = 0;  // 0: the taker saved nothing waiting (or has not saved)
	std::string successorAlerts; // its alerts then (JSON text)
	bool takerGone = false;
};
std::mutex takenMutex;
std::map<int64_t, Taken> taken;

// The token and alerts to take back for a list kept under `token` (itself, or what followed it), or nullopt
// when it was taken already by a source that lives on or left nothing waiting.
std::optional<std::pair<int64_t, std::string>> claim(int64_t token, std::string alerts)
{
	const std::lock_guard<std::mutex> lock(takenMutex);
	for (auto it = taken.find(token); it != taken.end(); it = taken.find(token)) {
		if (!it->second.takerGone || it->second.successorToken == 0) {
			return std::nullopt;
		}
		token = it->second.successorToken;
		alerts = it->second.successorAlerts;
	}
	taken.emplace(token, Taken{});
	return std::make_pair(token, std::move(alerts)); // the string copied under the lock: at a load only
}

} // namespace

void WaitingAlerts::follow(view::AlertQueue &queue)
{
	if (std::optional<std::vector<view::Alert>> restored = restore_.take()) {
		queue.restoreWaiting(std::move(*restored));
		// Their streaks may have gone on while the source was away: the engine's recent activity holds that.
		queue.catchUp(*Runtime::instance().snapshot());
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

WaitingAlerts::~WaitingAlerts()
{
	if (takenToken_ != 0) {
		const std::lock_guard<std::mutex> lock(takenMutex);
		taken[takenToken_].takerGone = true;
	}
}

void WaitingAlerts::save(obs_data_t *privateSettings, int64_t run)
{
	const std::shared_ptr<const Kept> waiting = waiting_.load();
	const bool any = waiting && !waiting->alerts.empty();
	const std::string alerts = any ? view::waitingToJson(waiting->alerts) : std::string();
	if (takenToken_ != 0) {
		Taken successor{any ? waiting->token : 0, alerts, false}; // copied here, moved in under the lock
		const std::lock_guard<std::mutex> lock(takenMutex);
		taken[takenToken_] = std::move(successor);
	}
	if (!any) {
		obs_data_erase(privateSettings, kWaitingKey);
		obs_data_erase(privateSettings, kWaitingRunKey);
		obs_data_erase(privateSettings, kWaitingTokenKey);
		return;
	}
	obs_data_set_string(privateSettings, kWaitingKey, alerts.c_str());
	obs_data_set_int(privateSettings, kWaitingRunKey, run);
	obs_data_set_int(privateSettings, kWaitingTokenKey, waiting->token);
}

void WaitingAlerts::load(obs_data_t *privateSettings, int64_t run, obs_source_t *source)
{
	if (!obs_data_has_user_value(privateSettings, kWaitingKey) ||
	    obs_data_get_int(privateSettings, kWaitingRunKey) != run) {
		return; // none, or kept in an earlier run of OBS
	}
	std::optional<std::pair<int64_t, std::string>> claimed = claim(
	    obs_data_get_int(privateSettings, kWaitingTokenKey), obs_data_get_string(privateSettings, kWaitingKey));
	if (!claimed) {
		LG_SOURCE_LOG(LOG_INFO, source, "alerts kept waiting taken back already (an Undo again): not shown");
		return;
	}
	takenToken_ = claimed->first;
	std::string error;
	std::optional<std::vector<view::Alert>> alerts = view::waitingFromJson(claimed->second, error);
	if (!alerts) {
		LG_SOURCE_LOG(LOG_WARNING, source, "the alerts kept waiting could not be read (%s): not shown",
			      error.c_str());
		return;
	}
	LG_SOURCE_LOG(LOG_INFO, source, "alerts kept waiting taken back: %zu", alerts->size());
	// Saved again as they are until the first tick takes them into the queue (a save meanwhile keeps them, as
	// a list of this source's own).
	waiting_.store(std::make_shared<const Kept>(Kept{{alerts->begin(), alerts->end()}, nextToken.fetch_add(1)}));
	restore_.put(std::move(*alerts));
}

} // namespace livegifts::obs
