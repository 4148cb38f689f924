#include "view/alert-queue.hpp"

#include "view/alert-sound.hpp"

#include <algorithm>

namespace livegifts::view {

AlertQueue::AlertQueue(AlertQueueOptions options, const Clock *clock)
    : options_(std::move(options)), clock_(clock != nullptr ? clock : &steadyClock())
{
}

void AlertQueue::setOptions(AlertQueueOptions options)
{
	options_ = std::move(options);
	if (options_.maxQueued == 0) {
		options_.maxQueued = 1;
	}
	for (auto &alert : queue_) {
		decorate(alert);
	}
}

bool AlertQueue::accept(const GiftActivity &activity)
{
	milestone_ = 0;
	if (activity.kind == ActivityKind::Like && !activity.test) {
		// Every like message moves the room total; only a milestone passed alerts.
		const std::int64_t before = likeTotal_;
		likeTotal_ = activity.likeTotal;
		if (before < 0 || activity.likeTotal < before) {
			return false; // the first total seen (or a new stream's): nothing passed yet
		}
		milestone_ = likeMilestone(before, activity.likeTotal, options_.events.likeEvery);
		if (milestone_ == 0) {
			return false;
		}
	}
	if (activity.test) {
		if (activity.kind == ActivityKind::Like) {
			milestone_ = activity.likeTotal;
		}
		return true;
	}
	if (const EventAlertOptions *event = options_.events.of(activity.kind)) {
		return event->enabled;
	}
	if (activity.coins >= options_.minCoins) {
		return true;
	}
	const int rule = ruleFor(options_.rules, activity.giftId, activity.coins);
	return rule >= 0 && options_.rules[static_cast<std::size_t>(rule)].giftId != 0;
}

void AlertQueue::decorate(Alert &alert) const
{
	Millis duration = options_.durationMs;
	if (const EventAlertOptions *event = options_.events.of(alert.gift.kind)) {
		alert.tier = 0;
		alert.rule = -1;
		alert.sound = event->sound;
		const Millis minimum = options_.introMs + options_.outroMs;
		alert.durationMs =
		    std::max({alert.durationMs, event->durationMs > 0 ? event->durationMs : duration, minimum});
		return;
	}
	const AlertTier *tier = tierFor(options_.tiers, alert.gift.coins + alert.extraCoins);
	alert.tier = tier != nullptr ? tier->level : 0;
	if (tier != nullptr && tier->durationMs > 0) {
		duration = tier->durationMs;
	}
	if (auto it = options_.giftTiers.find(alert.gift.giftId); it != options_.giftTiers.end()) {
		alert.tier = it->second;
	}
	alert.sound = alertSound(options_, alert.tier);
	alert.rule = ruleFor(options_.rules, alert.gift.giftId, alert.gift.coins + alert.extraCoins);
	if (alert.rule >= 0) {
		const GiftRule &rule = options_.rules[static_cast<std::size_t>(alert.rule)];
		if (rule.durationMs > 0) {
			duration = rule.durationMs;
		}
		if (rule.sound) {
			alert.sound = *rule.sound;
		}
	}
	if (!alert.custom.empty()) {
		alert.rule = -1; // a show rule's card has its own line, not a gift rule's look
		alert.sound = options_.sound;
		duration = options_.durationMs;
	}
	const Millis minimum = options_.introMs + options_.outroMs;
	alert.durationMs = std::max({alert.durationMs, duration, minimum});
}

void AlertQueue::consume(const Snapshot &snapshot, bool replayExisting)
{
	if (!seenAny_) {
		seenAny_ = true;
		likeTotal_ = std::max(snapshot.stream.totals.roomLikeTotal, snapshot.stream.totals.likesReceived);
		if (!replayExisting) {
			lastSeq_ = snapshot.activity.empty() ? 0 : snapshot.activity.back().seq;
			return;
		}
	}
	for (const auto &entry : snapshot.activity) {
		if (entry.seq > lastSeq_) {
			push(entry);
		}
	}
}

bool AlertQueue::startedOver(const Snapshot &snapshot) const
{
	return snapshot.activity.empty() ? lastSeq_ > 0 : snapshot.activity.back().seq < lastSeq_;
}

void AlertQueue::push(const GiftActivity &activity)
{
	seenAny_ = true;
	lastSeq_ = std::max(lastSeq_, activity.seq);
	if (activity.kind == ActivityKind::Gift && activity.recipient == RecipientKind::Guest && !activity.test &&
	    !options_.showGuestGifts) {
		return; // a guest's gift, not the host's
	}
	const Millis now = clock_->nowMs();

	// A live streak updates its one alert.
	if (current_ && current_->gift.streakKey == activity.streakKey) {
		current_->gift = activity;
		if (activity.test && activity.kind == ActivityKind::Like) {
			current_->milestone = activity.likeTotal;
		}
		decorate(*current_);
		const Millis elapsed = currentElapsed(now);
		current_->durationMs =
		    std::max(current_->durationMs, elapsed + options_.streakLingerMs + options_.outroMs);
		return;
	}
	if (current_ && updateMerged(*current_, activity)) {
		return;
	}
	for (auto &queued : queue_) {
		if (updateMerged(queued, activity)) {
			return;
		}
		if (queued.gift.streakKey == activity.streakKey) {
			queued.gift = activity;
			if (activity.test && activity.kind == ActivityKind::Like) {
				queued.milestone = activity.likeTotal;
			}
			decorate(queued);
			return;
		}
	}
	if (std::find(finished_.begin(), finished_.end(), activity.streakKey) != finished_.end()) {
		return; // the streak's alert was already shown
	}
	if (!accept(activity)) {
		return;
	}
	Alert alert;
	alert.id = nextId_++;
	alert.gift = activity;
	alert.milestone = milestone_;
	alert.queuedAt = now;
	decorate(alert);
	if (mergeSmall(alert)) {
		return;
	}
	enqueue(std::move(alert));
}

void AlertQueue::pushCustom(GiftActivity activity, std::string text)
{
	activity.seq = 0; // not the engine's: the activity read from snapshots goes on from lastSeq_
	activity.streakKey = "rule-card:" + std::to_string(++customCount_);
	activity.final = true;
	Alert alert;
	alert.id = nextId_++;
	alert.gift = std::move(activity);
	alert.custom = std::move(text);
	alert.queuedAt = clock_->nowMs();
	decorate(alert);
	enqueue(std::move(alert));
}

void AlertQueue::enqueue(Alert alert)
{
	if (queue_.size() >= options_.maxQueued) {
		// Gift storm: fold into a waiting alert of the same user and gift, else into the least valuable.
		auto same = std::find_if(queue_.begin(), queue_.end(), [&](const Alert &a) {
			return a.gift.userId == alert.gift.userId && a.gift.giftId == alert.gift.giftId;
		});
		auto value = [](const Alert &a) { return a.gift.coins + a.extraCoins; };
		if (same == queue_.end()) {
			same = std::min_element(queue_.begin(), queue_.end(),
						[&](const Alert &a, const Alert &b) { return value(a) < value(b); });
			if (value(*same) < value(alert)) {
				// the new one is worth more: it takes the place, carrying the old one along
				alert.queuedAt = same->queuedAt; // it keeps the place's wait
				fold(alert, *same);
				std::swap(*same, alert);
				decorate(*same);
				++coalescedTotal_;
				return;
			}
		}
		fold(*same, alert);
		decorate(*same);
		++coalescedTotal_;
		return;
	}
	queue_.push_back(std::move(alert));
}

Millis AlertQueue::currentElapsed(Millis now) const
{
	if (!current_) {
		return 0;
	}
	return (paused_ ? pausedAt_ : now) - startedAt_;
}

void AlertQueue::start(Alert alert, Millis now)
{
	current_ = std::move(alert);
	startedAt_ = now;
	fullDurationMs_ = current_->durationMs;
}

void AlertQueue::finish()
{
	if (current_) {
		finished_.push_back(current_->gift.streakKey);
		for (const auto &[key, coins] : current_->merged) {
			finished_.push_back(key);
		}
		while (finished_.size() > 256) {
			finished_.pop_front();
		}
		current_.reset();
	}
}

void AlertQueue::update()
{
	if (paused_) {
		return;
	}
	const Millis now = clock_->nowMs();
	foldExpired(now);
	pace(now);
	if (current_ && currentElapsed(now) >= current_->durationMs) {
		finish();
	}
	if (!current_ && !queue_.empty()) {
		Alert next = std::move(queue_.front());
		queue_.pop_front();
		start(std::move(next), now);
	}
}

const Alert *AlertQueue::current() const
{
	return current_ ? &*current_ : nullptr;
}

Millis AlertQueue::elapsedMs() const
{
	return currentElapsed(clock_->nowMs());
}

AlertPhase AlertQueue::phase() const
{
	if (!current_) {
		return AlertPhase::Idle;
	}
	const Millis elapsed = elapsedMs();
	if (elapsed < options_.introMs) {
		return AlertPhase::Intro;
	}
	if (elapsed >= current_->durationMs - options_.outroMs) {
		return AlertPhase::Outro;
	}
	return AlertPhase::Hold;
}

double AlertQueue::phaseProgress() const
{
	if (!current_) {
		return 1.0;
	}
	const Millis elapsed = elapsedMs();
	auto ratio = [](Millis part, Millis whole) {
		if (whole <= 0) {
			return 1.0;
		}
		return std::clamp(static_cast<double>(part) / static_cast<double>(whole), 0.0, 1.0);
	};
	switch (phase()) {
	case AlertPhase::Intro:
		return ratio(elapsed, options_.introMs);
	case AlertPhase::Hold:
		return ratio(elapsed - options_.introMs, current_->durationMs - options_.introMs - options_.outroMs);
	case AlertPhase::Outro:
		return ratio(elapsed - (current_->durationMs - options_.outroMs), options_.outroMs);
	case AlertPhase::Idle:
		break;
	}
	return 1.0;
}

void AlertQueue::setPaused(bool paused)
{
	if (paused == paused_) {
		return;
	}
	const Millis now = clock_->nowMs();
	if (paused) {
		pausedAt_ = now;
	} else {
		startedAt_ += now - pausedAt_;
	}
	paused_ = paused;
}

void AlertQueue::skip()
{
	finish();
}

void AlertQueue::clear()
{
	finish();
	queue_.clear();
}

} // namespace livegifts::view
