#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/snapshot.hpp"
#include "view/alert-tier.hpp"
#include "view/event-alerts.hpp"
#include "view/gift-rules.hpp"
#include "view/sound-spec.hpp"

namespace livegifts::view {

struct AlertQueueOptions {
	std::int64_t minCoins = 0;             // gifts worth less are not shown (a streak is shown once it reaches it)
	bool showGuestGifts = false;           // gifts to a guest (not the host) are shown too
	std::vector<AlertTier> tiers;          // by value
	std::map<std::int64_t, int> giftTiers; // tier level by gift id, wins over tiers
	Millis durationMs = 5000;              // how long an alert holds (intro and outro included)
	Millis introMs = 400;
	Millis outroMs = 400;
	// A live streak's alert holds at least this long after its latest update (its duration grows).
	Millis streakLingerMs = 1500;
	std::size_t maxQueued = 16; // waiting alerts beyond this are coalesced
	// Catching up under a burst (view/alert-queue-pace.cpp):
	std::int64_t mergeBelowCoins = 100; // a waiting gift worth less merges into its sender's waiting one (0: never)
	std::size_t paceFrom = 1;           // with this many alerts waiting, holds shorten (more: shorter)...
	Millis minHoldMs = 1500;            // ...down to this (in and out included; never below them)
	Millis maxWaitMs = 10000;           // alerts waiting longer are folded into one summary alert (0: never)
	EventAlertsOptions events;          // follows, shares, subscribers, like milestones
	// Sounds (view/alert-sound.hpp): the default look's, and a tier's own by level (a level not here plays
	// the default look's; an empty SoundSpec there is silent). A gift rule's own sound wins over both.
	SoundSpec sound;
	std::map<int, SoundSpec> tierSounds;
	// Gift rules (the first enabled match wins): their duration and sound. A gift a rule names by id is
	// shown even below minCoins.
	std::vector<GiftRule> rules;
};

enum class AlertPhase { Idle, Intro, Hold, Outro };

// One alert on screen or waiting.
// Test entries (GiftActivity::test) are always shown, whatever the minimum or the kinds switched on.
struct Alert {
	std::uint64_t id = 0; // increasing per queue
	GiftActivity gift;    // the latest update of the event (a gift's count and coins included)
	int tier = 0;         // from giftTiers or tiers; 0: the default look
	Millis durationMs = 0;
	std::int64_t coalesced = 0;  // other alerts merged into this one under a gift storm
	std::int64_t extraCoins = 0; // their coins (on top of gift.coins)
	std::int64_t milestone = 0;  // a like alert: the room total it celebrates (a multiple of likeEvery)
	int rule = -1;               // the gift rule it matches (index into rules), -1: none
	Millis queuedAt = 0;         // clock time it was queued
	// Small gifts of the same sender merged into it: their streak keys and coins so far (in extraCoins).
	std::vector<std::pair<std::string, std::int64_t>> merged;
	// Something folded into it was another viewer's or another gift (a storm's or a summary's fold): its card's
	// count is its own gift's, not the sum of them all.
	bool mixed = false;
	SoundSpec sound; // played when the alert starts showing (alertSound, a rule or its kind); empty: none
	// A show rule's own card (pushCustom): its text, a template ({nickname}, {gift}, {coins}...) of up to three
	// lines split by '|' (view/alert-card.hpp customLines); empty: none.
	std::string custom;
};

// The pure alert logic of one Gift Alerts source. Not thread-safe: owned by the video thread of its
// source. Fed gift activity from snapshots (each entry is taken once, by sequence), driven by `clock`.
class AlertQueue {
public:
	explicit AlertQueue(AlertQueueOptions options = {}, const Clock *clock = nullptr);

	void setOptions(AlertQueueOptions options);
	const AlertQueueOptions &options() const { return options_; }

	// Takes the snapshot's activity entries newer than the last one seen. The first call only
	// remembers where the snapshot is (gifts sent before the source existed are not replayed) unless
	// `replayExisting` is set.
	void consume(const Snapshot &snapshot, bool replayExisting = false);
	// True when `snapshot` comes from another engine than the one this queue follows (the runtime switched
	// connections): its sequence numbers are behind the last one taken. Start a new queue then.
	bool startedOver(const Snapshot &snapshot) const;
	// Takes one gift activity entry (updates of a shown or queued streak update that alert).
	void push(const GiftActivity &activity);
	// A card a show rule asks for: `text` (a template; lines split by '|') is what it says, `activity` (a
	// supporter, a gift, coins; its streakKey made unique here) fills the variables. It waits its turn like any
	// alert (pacing, the queue's cap and summaries alike) and is shown whatever the minimum or the kinds switched
	// on; it is never merged into a sender's small gifts. Its sound is the default look's.
	void pushCustom(GiftActivity activity, std::string text);

	// Advances phases by the clock; call once per frame before reading current().
	void update();

	// The alert on screen, if any, its phase and how long it has been shown.
	const Alert *current() const;
	AlertPhase phase() const;
	Millis elapsedMs() const; // since the current alert started
	// 0..1 within the current phase (for easing), 1 when idle.
	double phaseProgress() const;

	std::size_t queued() const { return queue_.size(); }
	// How many alerts were folded into others (queue full, merged small gifts, waited too long).
	std::uint64_t coalescedTotal() const { return coalescedTotal_; }
	const std::deque<Alert> &queue() const { return queue_; }
	std::uint64_t lastSeq() const { return lastSeq_; }

	// Pause holds the current alert where it is (time does not run for it) and starts no new one.
	void setPaused(bool paused);
	bool paused() const { return paused_; }
	// Ends the current alert now (the next one starts on the next update()).
	void skip();
	// Drops the current and all waiting alerts.
	void clear();
	// Alerts kept while the source was away (waitingFromJson) wait again, ahead of any queued meanwhile: new
	// ids, this queue's lengths, tiers, rules and sounds (alert-queue-saved.cpp).
	void restoreWaiting(std::vector<Alert> alerts);
	// After restoreWaiting: the updates of their live streaks that came while the source was away (in the
	// snapshot's activity this queue passed over when it began) grow them now ("sent 12×", not the 6 kept).
	// An update older than what an alert holds changes nothing.
	void catchUp(const Snapshot &snapshot);

private:
	void start(Alert alert, Millis now);
	bool accept(const GiftActivity &activity);
	void enqueue(Alert alert); // a new alert waits (folded in when the queue is full)
	void decorate(Alert &alert) const;
	Millis currentElapsed(Millis now) const;
	void finish();
	// Catching up (alert-queue-pace.cpp):
	bool updateMerged(Alert &alert,
			  const GiftActivity &activity); // a merged gift's update; false: not merged there
	bool mergeSmall(const Alert &alert);             // merged into a waiting alert of its sender
	void pace(Millis now);                           // shortens the current hold by the queue
	void foldExpired(Millis now);                    // waited too long: one summary
	bool small(const Alert &alert) const;
	// `source` becomes part of `target`: its coins, its count of alerts and its streak keys (later updates
	// of them grow `target`).
	static void fold(Alert &target, Alert &source);

	AlertQueueOptions options_;
	const Clock *clock_;
	std::deque<Alert> queue_;
	std::optional<Alert> current_;
	Millis startedAt_ = 0;      // clock time the current alert started (shifted while paused)
	Millis fullDurationMs_ = 0; // the current alert's duration when it started (pace() shortens from it)
	Millis pausedAt_ = 0;
	bool paused_ = false;
	bool seenAny_ = false;
	std::uint64_t lastSeq_ = 0;
	std::uint64_t nextId_ = 1;
	std::uint64_t coalescedTotal_ = 0;
	std::uint64_t customCount_ = 0;    // cards asked for by show rules (their streak keys)
	std::int64_t likeTotal_ = -1;      // the room's like total last seen (-1: not yet)
	std::int64_t milestone_ = 0;       // set by accept() for the like alert it lets through
	std::deque<std::string> finished_; // streak keys of alerts already shown (later updates are dropped)
};

// The waiting alerts (not the one on screen) as JSON text, kept with a source while it is away (an Undo of its
// removal, a scene collection switched back), and back: nullopt and `error` when the text is not such a list.
std::string waitingToJson(const std::deque<Alert> &waiting);
std::optional<std::vector<Alert>> waitingFromJson(const std::string &text, std::string &error);
// Changes whenever the waiting alerts do (one more, one fewer, a streak's count, a merge), without allocating.
std::uint64_t waitingFingerprint(const std::deque<Alert> &waiting);

} // namespace livegifts::view
