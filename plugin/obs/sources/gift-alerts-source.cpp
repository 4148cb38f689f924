// The Gift Alerts source: plays its own alert queue (view/alert-queue) fed from the engine's gift
// activity. One card at a time: a round avatar, the gift's picture (or a colour emoji standing in for it),
// three template lines and a combo count that pulses when a live streak grows. What the card shows and how it
// moves are the view's (view/alert-card, view/alert-motion); this source follows the pictures, posts raster
// jobs, applies the card's transform in render and plays the alert's sound (decoded once an alert comes).
//
// Pixels are made on the raster worker only when the card's content changes: the card in one image (background,
// avatar, gift, text) and the combo count apart. Render draws the two with the card's transform and opacity in
// one draw call (render/sprite-pair.hpp); with no alert it draws nothing. A new card not painted yet when its
// alert starts shows its plate (background and accent strip, as bars of a QuadBatch) until it is, mostly one
// frame: the entrance starts in the frame the alert (and its sound) starts, never showing the last card.

#include "obs/audio/sound-player.hpp"
#include "obs/plugin-support.hpp"
#include "obs/render/alert-card-image.hpp"
#include "obs/render/avatar.hpp"
#include "obs/render/gpu.hpp"
#include "obs/render/sprite-batch.hpp"
#include "obs/render/sprite-pair.hpp"
#include "obs/render/raster-worker.hpp"
#include "obs/runtime.hpp"
#include "obs/sources/alert-handover.hpp"
#include "obs/sources/gift-alerts-controls.hpp"
#include "obs/sources/gift-alerts-events.hpp"
#include "obs/sources/gift-alerts-properties.hpp"
#include "obs/sources/source-base.hpp"
#include "obs/sources/source-hotkeys.hpp"
#include "obs/sources/sources.hpp"
#include "obs/sources/waiting-alerts.hpp"

#include "core/clock.hpp"
#include "core/handoff.hpp"
#include "core/shared-slot.hpp"
#include "view/alert-card.hpp"
#include "view/alert-motion.hpp"
#include "view/alert-queue.hpp"

#include <obs-module.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace livegifts::obs {
namespace {

using view::Alert;
using view::AlertPhase;
using view::AlertQueue;
using view::AlertStyle;
using view::CardContent;
using view::CardLayout;

// The queue's clock: the source's animation time (real, or set by hand by automation).
class SourceClock final : public Clock {
public:
	Millis nowMs() const override { return now_; }
	void set(Millis now) { now_ = now; }

private:
	Millis now_ = 0; // video thread
};

class GiftAlertSource final : public SourceBase {
public:
	static constexpr SourceNames kNames{"live_gifts_gift_alerts", "LiveGifts.GiftAlerts", "gift alerts",
					    OBS_ICON_TYPE_MEDIA}; // animated cards with sound

	GiftAlertSource(obs_data_t *settings, obs_source_t *source)
	    : SourceBase(source), queue_({}, &clock_), frameMs_(videoFrameMs())
	{
		upgradeEventAlertSettings(settings); // on the creating thread, before anything reads them
		update(settings);
		hotkeys_ = registerGiftAlertHotkeys(source, this, settings);
		registerAlertProcs(source, this);
		proc_handler_t *handler = obs_source_get_proc_handler(source);
		proc_handler_add(handler, "void live_gifts_alert_figures(out int late_frames, out int gpu)",
				 &GiftAlertSource::alertFiguresProc, this);
		Runtime::addPublishListener(this, [this](const SnapshotPtr &snapshot, connect::ImageFetcher &images) {
			paintAtHandover(*snapshot, images);
		});
		LG_SOURCE_LOG(LOG_INFO, source, "gift alerts created");
	}

	~GiftAlertSource() override
	{
		Runtime::removePublishListener(this);
		hotkeys_.clear();
	}

	// Copies settings only (no I/O); tick() applies them.
	void update(obs_data_t *settings)
	{
		AlertConfig config = readAlertConfig(settings);
		width_.store(static_cast<uint32_t>(config.style.width));
		height_.store(static_cast<uint32_t>(config.style.height));
		pending_.put(std::move(config));
	}

	// From buttons and hotkeys (UI or hotkey thread): picked up by the next tick.
	void pause() { pauseWanted_.store(1); }
	void resume() { pauseWanted_.store(0); }
	void togglePause() { pauseWanted_.store(pausedShown_.load() ? 0 : 1); }
	// Paused, or asked to pause and not yet resumed (any thread).
	bool pausedOrWanted() const
	{
		const int wanted = pauseWanted_.load();
		return wanted >= 0 ? wanted == 1 : pausedShown_.load();
	}
	void save(obs_data_t *) { saveAlertsState(this, source(), waiting_); } // OBS's save and load (UI thread)
	void load() { loadAlertsState(this, source(), waiting_); }
	void requestSkip() { skipRequests_.fetch_add(1); }
	void requestTest() { testRequests_.fetch_add(1); }
	void requestReplay() { replayRequests_.fetch_add(1); }
	// From a show rule (the rules thread): taken by the next tick. Past kMaxCards waiting, dropped (a tick
	// takes them all; OBS not ticking the source is the only way to get there).
	void requestCard(GiftActivity activity, std::string line)
	{
		const std::lock_guard<std::mutex> lock(cardsMutex_);
		if (cards_.size() < kMaxCards) {
			cards_.emplace_back(std::move(activity), std::move(line));
		}
	}
	AlertQueueState state() const
	{
		return AlertQueueState{queuedShown_.load(), showingShown_.load(), pausedShown_.load()};
	}

	void tick(float seconds)
	{
		advance(seconds);
		clock_.set(nowMs());
		tickNowMs_.store(nowMs());
		if (std::optional<AlertConfig> next = pending_.take()) {
			config_ = std::move(*next);
			sharedConfig_ = std::make_shared<const AlertConfig>(config_);
			handoverConfig_.store(sharedConfig_);
			layout_ = view::layOut(config_.style);
			queue_.setOptions(config_.queue);
			restyled_ = true;
			prepareSounds();
		}
		applyRequests();
		// Before this tick takes a new snapshot: the engine thread may look at it after the tick took it.
		const bool idle = queue_.current() == nullptr && queue_.queued() == 0;
		idleMark_.store(consumed_ ? (queue_.lastSeq() << 1) | (idle ? 1U : 0U) : 0);
		consume();
		queue_.update();
		waiting_.follow(queue_); // kept for OBS's save (and taken back after a load)
		const Alert *alert = queue_.current();
		queuedShown_.store(static_cast<long long>(queue_.queued()));
		showingShown_.store(alert != nullptr);
		if (alert) {
			lastShown_ = alert->gift;
		}
		playSound(alert);
		if (!alert) {
			shownId_ = 0;
			frame_.visible = false;
			idle_.store(queue_.queued() == 0);
			notePending();
			return;
		}
		idle_.store(false);
		refresh(*alert);
		const bool avatarPolled = avatar_.poll();
		if (gift_.poll() || avatarPolled) {
			postCard();
		}
		picturesLoading_.store(avatar_.loading() || gift_.loading());
		computeFrame();
		notePending();
	}

	void render()
	{
		notePending();
		sprites_.settle(nowMs(), frame_.visible);
		if (!frame_.visible) {
			uploaded_.store(!anyPending());
			return;
		}
		sprites_.sync();
		const bool uploaded = sprites_.settled();
		uploaded_.store(uploaded);
		if (freshCard_ && !uploaded) {
			if (!lateNoted_) {
				lateNoted_ = true;
				lateFirstFrames_.fetch_add(1);
			}
			drawPlate(); // a new card waits for its own pixels rather than showing the last one's
			return;
		}
		freshCard_ = false;

		DrawScope scope;
		pushCardTransform();
		// The card with the combo count on top in one draw call, the count scaled about its right-middle point
		// while it pulses.
		const float ax = static_cast<float>(layout_.comboX + layout_.comboW);
		const float ay = static_cast<float>(layout_.comboY) + static_cast<float>(layout_.comboH) / 2.0f;
		sprites_.draw(ax, ay, frame_.comboScale, frame_.opacity);
		gs_matrix_pop();
	}

	uint32_t width() const { return width_.load(); }
	uint32_t height() const { return height_.load(); }

private:
	// Pushes the card's transform this frame (drawn about its centre, moved and scaled); the caller pops it.
	void pushCardTransform() const
	{
		const float w = static_cast<float>(config_.style.width);
		const float h = static_cast<float>(config_.style.height);
		gs_matrix_push();
		gs_matrix_translate3f(frame_.offsetX + w / 2.0f, h / 2.0f, 0.0f);
		gs_matrix_scale3f(frame_.scale, frame_.scale, 1.0f);
		gs_matrix_translate3f(-w / 2.0f, -h / 2.0f, 0.0f);
	}

	// The plate of a card still being painted (view::cardPlate, as composeCard paints it), in this frame's motion.
	void drawPlate()
	{
		DrawScope scope;
		pushCardTransform();
		plate_.clear();
		plate_.boxes(view::cardPlate(config_.style, view::accentFor(config_.style, content_)), frame_.opacity);
		plate_.draw(nullptr);
		gs_matrix_pop();
	}

	// An alert starting to show plays its sound (handed to the sound worker; nothing waits here).
	void playSound(const Alert *alert)
	{
		if (alert != nullptr && alert->id != soundedId_) {
			soundedId_ = alert->id;
			sounds_.play(alert->sound);
		}
	}

	// The sounds of these settings are decoded ahead on the sound worker once an alert is on its way.
	void prepareSounds()
	{
		std::vector<view::SoundSpec> sounds{config_.queue.sound};
		for (const auto &[level, sound] : config_.queue.tierSounds) {
			sounds.push_back(sound);
		}
		sounds_.prepareLater(std::move(sounds));
	}

	void applyRequests()
	{
		// The request is cleared only after pausedShown_ holds it, so pausedOrWanted() is never stale; a
		// newer request stays for the next tick.
		int wanted = pauseWanted_.load();
		if (wanted >= 0 && (wanted == 1) != queue_.paused()) {
			queue_.setPaused(wanted == 1);
			pausedShown_.store(wanted == 1);
			LG_SOURCE_LOG(LOG_INFO, source(), "alerts %s", wanted == 1 ? "paused" : "resumed");
		}
		pauseWanted_.compare_exchange_strong(wanted, -1);
		const int skips = skipRequests_.exchange(0);
		for (int skip = 0; skip < skips; ++skip) {
			queue_.skip();
			queue_.update();
		}
		if (skips > 0) {
			sounds_.stop(); // a skipped alert's sound ends with it (the next alert plays its own)
		}
		for (int tests = testRequests_.exchange(0); tests > 0; --tests) {
			queue_.push(view::testGift(queue_.lastSeq(), ++testCounter_, text("LiveGifts.Alerts.TestName"),
						   config_.queue.minCoins));
		}
		std::vector<std::pair<GiftActivity, std::string>> cards;
		{
			const std::lock_guard<std::mutex> lock(cardsMutex_);
			cards.swap(cards_);
		}
		for (auto &[activity, line] : cards) {
			queue_.pushCustom(std::move(activity), std::move(line)); // waits its turn like any alert
		}
		for (int replays = replayRequests_.exchange(0); replays > 0 && lastShown_; --replays) {
			GiftActivity again = *lastShown_;
			again.seq = queue_.lastSeq();
			again.streakKey = "replay:" + std::to_string(++testCounter_);
			again.final = true;
			queue_.push(again);
		}
	}

	// Takes new gift activity from the engine's snapshot. Cheap when unchanged: one atomic load and a compare.
	void consume()
	{
		const SnapshotPtr snapshot = Runtime::instance().snapshot();
		if (snapshot.get() == lastSnapshot_ && snapshot->version == lastVersion_) {
			return;
		}
		lastSnapshot_ = snapshot.get();
		lastVersion_ = snapshot->version;
		consumedVersion_.store(snapshot->version);
		// The runtime switched engines (another connection): sequence numbers start over.
		if (queue_.startedOver(*snapshot)) {
			queue_ = AlertQueue(config_.queue, &clock_);
			soundedId_ = 0; // the new queue numbers its alerts from 1 again
			queue_.setPaused(pausedShown_.load());
			consumed_ = false;
		}
		if (snapshot->activity.empty() || snapshot->activity.back().seq > queue_.lastSeq() || !consumed_) {
			queue_.consume(*snapshot);
			consumed_ = true;
		}
	}

	// Brings the card's content up to date with the current alert; posts raster jobs for what changed.
	void refresh(const Alert &alert)
	{
		const bool newAlert = alert.id != shownId_;
		if (!restyled_ && !newAlert && view::sameShown(alert, content_)) {
			return;
		}
		CardContent content = view::contentOf(alert, config_.style);
		const view::CardChanges changes = view::cardChanges(content_, content, newAlert, restyled_);
		if (changes.pulse) {
			pulseStartMs_ = nowMs();
		}
		if (newAlert) {
			pulseStartMs_ = -1;
			freshCard_ = true;
			lateNoted_ = false;
			adopted_ = takeHandover();
		}
		restyled_ = false;
		shownId_ = alert.id;
		content_ = std::move(content);

		const AlertStyle &style = config_.style;
		// A follow, share, subscriber or like alert has no gift picture and no combo: the text takes the room.
		layout_ = view::layOut(style, view::showsGift(content_));
		if (changes.pictures) {
			avatar_.follow(view::avatarShown(style, content_));
			gift_.follow(view::giftPictureShown(style, content_), view::giftPictureIsLocal(content_));
		}
		std::vector<TextItem> texts = view::textItems(style, layout_, content_);
		if (changes.card || texts != textItems_) {
			textItems_ = std::move(texts);
			postCard();
		}
		TextItem combo = view::comboItem(style, layout_, content_);
		if (changes.combo || !(combo == comboItem_)) {
			comboItem_ = combo;
			if (adopted_ && freshCard_ && adopted_->combo == combo) {
				comboSlot_ = adopted_->comboSlot;
				sprites_.followOver(comboSlot_);
				return;
			}
			slotsPending_.store(true);
			RasterWorker::instance().post(
			    comboSlot_,
			    [combo = std::move(combo), w = style.width, h = style.height] {
				    return rasterizeText({combo}, w, h);
			    },
			    freshCard_);
		}
	}

	void postCard()
	{
		CardJob job = cardJobOf(config_.style, layout_, textItems_, content_, avatar_.pixels(), gift_.pixels());
		if (adopted_ && freshCard_ && sameCard(adopted_->job, job)) {
			cardSlot_ = adopted_->cardSlot; // painted at hand-over: drawn as soon as it is finished
			sprites_.followBase(cardSlot_);
			return;
		}
		adopted_.reset();
		slotsPending_.store(true);
		// A new card's pixels go ahead of every other source's texts: the screen waits for them.
		RasterWorker::instance().post(
		    cardSlot_, [job = std::move(job)] { return composeCard(job); }, freshCard_);
	}

	void computeFrame()
	{
		const AlertStyle &style = config_.style;
		float progress = static_cast<float>(queue_.phaseProgress());
		if (queue_.phase() == AlertPhase::Intro && config_.queue.introMs > 0) {
			// The entrance starts one frame in: at progress 0 a new alert's first frame would show nothing
			// (fully transparent, or off its place).
			progress = std::max(progress,
					    static_cast<float>(frameMs_ / static_cast<double>(config_.queue.introMs)));
		}
		view::AlertFrame frame = view::alertFrame(queue_.phase(), progress, style.in, style.out, style.width);
		if (pulseStartMs_ >= 0) {
			const Millis since = nowMs() - pulseStartMs_;
			if (since >= view::kPulseMs) {
				pulseStartMs_ = -1;
			} else {
				frame.comboScale = view::pulseScale(since);
			}
		}
		frame_ = frame;
		animating_.store(queue_.phase() != AlertPhase::Hold || pulseStartMs_ >= 0);
	}

	// Engine thread, right after a snapshot is published: when nothing is showing or waiting, a new gift would
	// start at the next tick, so its card and combo are painted now (alert-handover.hpp).
	void paintAtHandover(const Snapshot &snapshot, connect::ImageFetcher &images)
	{
		const uint64_t mark = idleMark_.load();
		const uint64_t seen = mark >> 1;
		const std::shared_ptr<const AlertConfig> config = handoverConfig_.load();
		if ((mark & 1U) == 0 || !config) {
			return;
		}
		if (consumedVersion_.load() == snapshot.version && showingShown_.load()) {
			return; // the tick was first: the alert already started with its own card
		}
		if (snapshot.activity.empty() || snapshot.activity.back().seq <= seen ||
		    snapshot.activity.back().seq == handoverSeq_) {
			return;
		}
		handoverSeq_ = snapshot.activity.back().seq;
		sounds_.prepareNow(); // decoded while the card is painted, before the tick starts the alert
		std::shared_ptr<const HandoverCard> card =
		    paintHandoverCard(config, snapshot, seen, tickNowMs_.load(), images, lastHandover_.get());
		if (card) {
			lastHandover_ = card;
			handover_.store(std::move(card));
		}
	}

	// Video thread: the card painted at hand-over, when it was painted with these settings (else null).
	std::shared_ptr<const HandoverCard> takeHandover()
	{
		std::shared_ptr<const HandoverCard> card = handover_.load();
		if (!card || card->config != sharedConfig_) {
			return nullptr;
		}
		// Pending until this tick has looked at its slots: ready() finds the card in neither place meanwhile.
		slotsPending_.store(true);
		handover_.store(nullptr); // taken once: its slots are this alert's from now on
		return card;
	}

	static void alertFiguresProc(void *data, calldata_t *params)
	{
		calldata_set_int(params, "late_frames", static_cast<GiftAlertSource *>(data)->lateFirstFrames_.load());
		calldata_set_int(params, "gpu", static_cast<GiftAlertSource *>(data)->sprites_.holding());
	}

	bool handoverPending() const
	{
		const std::shared_ptr<const HandoverCard> card = handover_.load();
		return card && card->pending();
	}

	// Video thread: the card's or the combo's newest job is not painted yet.
	bool slotsPending() const { return cardSlot_->pending() || comboSlot_->pending(); }
	bool anyPending() const { return slotsPending() || handoverPending(); }
	// The video thread replaces cardSlot_ and comboSlot_ (a card painted at hand-over): automation reads this.
	void notePending() { slotsPending_.store(slotsPending()); }

	// Nothing shown or waiting (mid-alert: nothing left to rasterise or upload). Any thread: reads atomics and
	// handover_ only (the hand-over card first: a card the tick takes meanwhile is seen in slotsPending_).
	bool settled() const override { return idle_.load() && ready(); }
	bool ready() const override
	{
		return uploaded_.load() && !handoverPending() && !slotsPending_.load() && !picturesLoading_.load();
	}

	Handoff<AlertConfig> pending_; // put by update() (any thread), taken by tick() (video thread)
	WaitingAlerts waiting_;        // tick() follows the queue, OBS's save and load (UI thread) keep it
	// Requests from buttons, hotkeys and procs (any thread), taken by tick() (video thread):
	std::atomic<int> pauseWanted_{-1}; // -1: no request, 0: resume, 1: pause
	std::atomic<int> skipRequests_{0};
	std::atomic<int> testRequests_{0};
	std::atomic<int> replayRequests_{0};
	static constexpr std::size_t kMaxCards = 64;
	std::mutex cardsMutex_; // guards cards_ (held only to add or take, never during other work)
	std::vector<std::pair<GiftActivity, std::string>> cards_; // show rules' cards (rules thread -> tick)
	std::atomic<long long> queuedShown_{0}; // written by tick() (video thread), read by the dock (any)
	std::atomic<bool> showingShown_{false}; // written by tick() (video thread), read by the dock (any)
	std::atomic<bool> pausedShown_{false};  // written by tick() (video thread), read by togglePause (any)
	std::atomic<uint32_t> width_{640};      // written by update(), read by OBS on any thread
	std::atomic<uint32_t> height_{160};     // written by update(), read by OBS on any thread
	// Written on the video/graphics thread, read by automation:
	std::atomic<bool> idle_{true};
	std::atomic<bool> uploaded_{true};
	std::atomic<bool> picturesLoading_{false};
	std::atomic<bool> animating_{false};
	std::atomic<bool> slotsPending_{false}; // set when a slot gets a job, recomputed by tick() and render()

	SourceHotkeys hotkeys_; // written by the constructor, cleared by the destructor

	// Painting at hand-over (paintAtHandover, on the engine thread). Tick writes, before taking a new snapshot:
	// the queue's last sequence << 1, | 1 when nothing was showing or waiting then (0: no snapshot taken yet).
	std::atomic<uint64_t> idleMark_{0};
	std::atomic<uint64_t> consumedVersion_{0};     // tick writes: the snapshot version it took last
	std::atomic<Millis> tickNowMs_{0};             // tick writes its clock
	SharedSlot<const AlertConfig> handoverConfig_; // tick stores the settings in use, the engine thread loads
	SharedSlot<const HandoverCard> handover_;      // the engine thread stores, tick takes
	uint64_t handoverSeq_ = 0; // engine threads, one at a time (the runtime calls listeners under its lock)
	std::shared_ptr<const HandoverCard> lastHandover_; // the same threads: the last card painted ahead
	// New alerts whose first frame could not draw them (their pixels not ready): automation reads.
	std::atomic<long long> lateFirstFrames_{0};

	// Video/graphics thread only:
	SourceClock clock_;
	AlertQueue queue_;
	AlertConfig config_;
	CardLayout layout_;
	CardContent content_;
	std::vector<TextItem> textItems_;
	TextItem comboItem_;
	RemotePicture avatar_;
	RemotePicture gift_;
	view::AlertFrame frame_; // the card's transform this frame
	const Snapshot *lastSnapshot_ = nullptr;
	uint64_t lastVersion_ = 0;
	uint64_t shownId_ = 0;
	uint64_t soundedId_ = 0;                // the last alert whose sound was started
	std::optional<GiftActivity> lastShown_; // the last alert on screen (Replay last)
	Millis pulseStartMs_ = -1;
	bool restyled_ = true;
	bool freshCard_ = false;                          // a new alert's pixels are not all uploaded yet
	bool lateNoted_ = false;                          // this alert's first frame was counted late
	std::shared_ptr<const AlertConfig> sharedConfig_; // config_ as handoverConfig_ holds it
	std::shared_ptr<const HandoverCard> adopted_;     // the current alert's card painted at hand-over
	double frameMs_;                                  // one video frame (the constructor reads OBS's frame rate)
	bool consumed_ = false;
	int testCounter_ = 0;
	// Replaced by a card painted at hand-over (adopted_'s slots): never read by other threads (slotsPending_).
	std::shared_ptr<RasterSlot> cardSlot_ = std::make_shared<RasterSlot>();
	std::shared_ptr<RasterSlot> comboSlot_ = std::make_shared<RasterSlot>();
	SpritePair sprites_{cardSlot_, comboSlot_}; // the card, with the combo count over it
	QuadBatch plate_;                           // drawPlate's boxes
	// The alert's sound as this source's audio: its worker outputs while the source lives (destroyed first).
	SoundPlayer sounds_{source()};
};

} // namespace

void controlAlerts(void *data, AlertControl control)
{
	auto *source = static_cast<GiftAlertSource *>(data);
	switch (control) {
	case AlertControl::Test:
		source->requestTest();
		break;
	case AlertControl::Skip:
		source->requestSkip();
		break;
	case AlertControl::Pause:
		source->pause();
		break;
	case AlertControl::Resume:
		source->resume();
		break;
	case AlertControl::TogglePause:
		source->togglePause();
		break;
	case AlertControl::ReplayLast:
		source->requestReplay();
		break;
	}
}

void queueRuleCard(void *data, GiftActivity activity, std::string text)
{
	static_cast<GiftAlertSource *>(data)->requestCard(std::move(activity), std::move(text));
}

bool alertsPaused(void *data)
{
	return static_cast<const GiftAlertSource *>(data)->pausedOrWanted();
}

AlertQueueState alertQueueState(void *data)
{
	return static_cast<GiftAlertSource *>(data)->state();
}

obs_source_info giftAlertsSourceInfo()
{
	obs_source_info info = makeSourceInfo<GiftAlertSource, giftAlertsProperties, giftAlertsDefaults>();
	info.output_flags |= OBS_SOURCE_AUDIO; // the alerts' sounds (audio/sound-player.hpp)
	return info;
}

} // namespace livegifts::obs
