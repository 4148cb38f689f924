#pragma once

// How many requests of one kind may be answered in full: a token bucket of `perSecond` tokens a second, holding
// at most as many (a burst of a second's worth). Pure and clock-free: the caller passes the time.
//
// GetSummary draws on one: obs-websocket runs every client's requests on one pool of as many threads as the
// machine has cores, first come first served, and a summary of 100 supporters costs that pool about a
// millisecond (most of it obs-websocket's own work on the answer). A client that asks thousands at once
// would hold every other client's requests behind them for seconds; past the budget it is told "busy" at
// the cost of a small answer.

#include <algorithm>
#include <cstdint>
#include <mutex>

namespace livegifts::obs::api {

class RequestBudget {
public:
	explicit RequestBudget(std::int64_t perSecond) : perSecond_(perSecond), tokensMilli_(perSecond * 1000) {}

	// Whether a request at `nowMs` (a steady clock) may be answered in full; takes one token when it may.
	bool take(std::int64_t nowMs)
	{
		std::lock_guard lock(mutex_);
		if (started_) {
			const std::int64_t elapsed = std::clamp<std::int64_t>(nowMs - lastMs_, 0, 1000);
			tokensMilli_ = std::min(perSecond_ * 1000, tokensMilli_ + elapsed * perSecond_);
		}
		started_ = true;
		lastMs_ = nowMs;
		if (tokensMilli_ < 1000) {
			return false;
		}
		tokensMilli_ -= 1000;
		return true;
	}

private:
	std::mutex mutex_; // obs-websocket's threads only; held for a few additions
	const std::int64_t perSecond_;
	std::int64_t tokensMilli_; // thousandths of a token
	std::int64_t lastMs_ = 0;
	bool started_ = false;
};

} // namespace livegifts::obs::api
