// AlertQueue catching up under a burst: small gifts of one sender merge into one alert, holds shorten as the
// queue grows, and alerts that waited too long are folded into one summary. Every alert folded anywhere
// stays in the count its card shows ({others}, {coins}): alerts are only shows, nothing is lost from them.
#include "view/alert-queue.hpp"

#include <algorithm>

namespace livegifts::view {

namespace {

std::int64_t valueOf(const Alert &alert)
{
	return alert.gift.coins + alert.extraCoins;
}

} // namespace

void AlertQueue::fold(Alert &target, Alert &source)
{
	target.mixed = target.mixed || source.mixed || source.gift.userId != target.gift.userId ||
		       source.gift.giftId != target.gift.giftId || source.gift.kind != target.gift.kind;
	target.coalesced += 1 + source.coalesced;
	target.extraCoins += valueOf(source);
	target.merged.emplace_back(source.gift.streakKey, source.gift.coins);
	for (auto &entry : source.merged) {
		target.merged.push_back(std::move(entry));
	}
	source.merged.clear();
}

bool AlertQueue::updateMerged(Alert &alert, const GiftActivity &activity)
{
	for (auto &[key, coins] : alert.merged) {
		if (key == activity.streakKey) {
			alert.extraCoins += std::max<std::int64_t>(0, activity.coins - coins);
			coins = std::max(coins, activity.coins);
			decorate(alert);
			return true;
		}
	}
	return false;
}

bool AlertQueue::small(const Alert &alert) const
{
	return alert.gift.kind == ActivityKind::Gift && !alert.gift.test && alert.rule < 0 && alert.custom.empty() &&
	       valueOf(alert) < options_.mergeBelowCoins;
}

bool AlertQueue::mergeSmall(const Alert &alert)
{
	if (options_.mergeBelowCoins <= 0 || !small(alert)) {
		return false;
	}
	for (auto &queued : queue_) {
		if (queued.gift.userId == alert.gift.userId && small(queued)) {
			Alert copy = alert;
			fold(queued, copy);
			decorate(queued);
			++coalescedTotal_;
			return true;
		}
	}
	return false;
}

void AlertQueue::pace(Millis now)
{
	// A live combo holds while it grows (its end or the engine's quiet timeout comes soon).
	if (!current_ || !current_->gift.final || queue_.empty() || options_.paceFrom == 0 ||
	    queue_.size() < options_.paceFrom) {
		return;
	}
	// With paceFrom waiting the hold halves, with twice as many it is a third, ...; never below the floor
	// nor below the in and out animations.
	const auto steps = static_cast<Millis>(queue_.size() / options_.paceFrom);
	const Millis floor = std::max(options_.minHoldMs, options_.introMs + options_.outroMs);
	const Millis shortened = std::max(floor, fullDurationMs_ / (1 + steps)); // of its own length, once
	if (shortened >= current_->durationMs) {
		return;
	}
	// Already past that point: go out now, smoothly.
	current_->durationMs =
	    std::max(shortened, std::min(current_->durationMs, currentElapsed(now) + options_.outroMs));
}

void AlertQueue::foldExpired(Millis now)
{
	if (options_.maxWaitMs <= 0 || paused_ || queue_.size() < 2) {
		return;
	}
	// Alerts wait in arrival order: the expired ones are at the front.
	std::size_t expired = 0;
	while (expired < queue_.size() && now - queue_[expired].queuedAt > options_.maxWaitMs) {
		++expired;
	}
	if (expired < 2) {
		return;
	}
	// The most valuable of them shows, carrying the others.
	const auto best = std::max_element(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(expired),
					   [](const Alert &a, const Alert &b) { return valueOf(a) < valueOf(b); });
	Alert summary = std::move(*best);
	for (std::size_t i = 0; i < expired; ++i) {
		Alert &other = queue_[i];
		if (&other == &*best) {
			continue;
		}
		fold(summary, other);
		++coalescedTotal_;
	}
	queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(expired));
	summary.queuedAt = now;
	decorate(summary);
	queue_.push_front(std::move(summary));
}

} // namespace livegifts::view
