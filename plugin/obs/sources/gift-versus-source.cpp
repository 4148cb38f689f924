// The Gift vs Gift source: a bar split between two or more sides (a gift or a team of gifts each), every
// coin sent with a side's gift during the round one vote for it, the names and coins over the bar, the
// timer under it, the winner celebrated when the time is up. view/gift-versus.hpp counts and lays out;
// this source reads the engine's per-gift totals of the stream (a duplicate never counts), rasterises the
// texts when they change and draws the bar with BarPainter like the Goal Bar. Each side shows its gift's
// picture (a team: up to three in a row), from the address the engine learned for that gift (this stream's
// or all time's totals), downloaded by the runtime's image fetcher like Gift Alerts' and the Coin Jar's
// pictures: a gold disc with the gift's emoji stands in until (or unless) the picture arrives.
//
// Start / Stop / Reset come from the properties' buttons, the source's hotkeys (OBS Settings -> Hotkeys)
// and the procedures live_gifts_versus_start / _stop / _reset (automation); any thread sets a flag, the
// video thread acts on it.
//
// The round survives a restart: the video thread publishes it (view::VersusSaved as JSON) whenever it
// changes, OBS's save writes the latest into the source's private settings ("round", saved with the scene
// collection beside its settings; a start, stop or reset asks OBS to save at once, so a crash soon after it
// loses nothing), and the source loaded from them (a restart, a scene collection switched back, an Undo of
// its removal) takes it back once the engine has restored its ledger: the same sides, votes counted on from the
// engine's totals (a duplicate never counts), the same end on the wall clock; a round whose time ran out while OBS was
// closed finishes (and celebrates) once.

#include "obs/plugin-support.hpp"
#include "obs/render/avatar.hpp"
#include "obs/render/gpu.hpp"
#include "obs/render/raster-worker.hpp"
#include "obs/runtime.hpp"
#include "obs/scene-save.hpp"
#include "obs/sources/gift-badge.hpp"
#include "obs/sources/gift-versus-properties.hpp"
#include "obs/sources/settings-util.hpp"
#include "obs/sources/source-base.hpp"
#include "obs/sources/source-hotkeys.hpp"
#include "obs/sources/sources.hpp"

#include "core/gift-catalogue.hpp"
#include "core/handoff.hpp"
#include "core/shared-slot.hpp"
#include "view/goal-bar.hpp"
#include "view/template.hpp"

#include <obs-module.h>
#include <util/platform.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace livegifts::obs {
namespace {

// The bundled catalogue, for the names of gifts not sent yet (read once, on the first call).
const GiftCatalogue &bundledCatalogue()
{
	static const GiftCatalogue catalogue = [] {
		GiftCatalogue loaded;
		loaded.seed(GiftCatalogue::builtinJson());
		return loaded;
	}();
	return catalogue;
}

// A side's name: its own, else its first gift's name (this stream's totals, then the catalogue), else
// "#id".
std::string sideName(const view::VersusSide &side, const std::vector<GiftTotal> &totals)
{
	if (!side.name.empty()) {
		return side.name;
	}
	const int64_t id = side.giftIds.front();
	for (const GiftTotal &total : totals) {
		if (total.giftId == id && !total.name.empty()) {
			return total.name;
		}
	}
	if (const GiftCatalogue::Entry *entry = bundledCatalogue().find(id)) {
		return entry->name;
	}
	return "#" + std::to_string(id);
}

// The address of a gift's picture the engine learned from the gifts seen (this stream first, then all time;
// the ledger keeps it): empty while the gift was never sent (the placeholder stays).
std::string pictureUrl(int64_t id, const Snapshot &snapshot)
{
	for (const std::vector<GiftTotal> *gifts : {&snapshot.stream.gifts, &snapshot.allTime.gifts}) {
		for (const GiftTotal &total : *gifts) {
			if (total.giftId == id && !total.imageUrl.empty()) {
				return total.imageUrl;
			}
		}
	}
	return {};
}

constexpr int kPictureSize = 96; // pixels a gift's picture is rasterised at (scaled to its box)

class GiftVersusSource final : public SourceBase {
public:
	static constexpr SourceNames kNames{"live_gifts_gift_versus", "LiveGifts.Versus", "gift vs gift",
					    OBS_ICON_TYPE_GAME_CAPTURE}; // a game: two sides, rounds

	GiftVersusSource(obs_data_t *settings, obs_source_t *source) : SourceBase(source)
	{
		Runtime::instance();
		const std::string round = getString(settings, kRoundKey); // as older builds kept it
		if (!round.empty()) {
			takeBack(round);
			publishedRound_.store(
			    std::make_shared<const std::string>(round)); // kept until it is taken back
		}
		update(settings);
		proc_handler_t *handler = obs_source_get_proc_handler(source);
		proc_handler_add(handler, "void live_gifts_versus_start()", procOf<VersusCommand::Start>, this);
		proc_handler_add(handler, "void live_gifts_versus_stop()", procOf<VersusCommand::Stop>, this);
		proc_handler_add(handler, "void live_gifts_versus_reset()", procOf<VersusCommand::Reset>, this);
		hotkeys_.addPair(obs_hotkey_pair_register_source(
		    source, "live_gifts_versus_start", text("LiveGifts.Versus.HotkeyStart"), "live_gifts_versus_stop",
		    text("LiveGifts.Versus.HotkeyStop"), onHotkeyHalf<VersusCommand::Start>,
		    onHotkeyHalf<VersusCommand::Stop>, this, this));
		hotkeys_.add(obs_hotkey_register_source(source, "live_gifts_versus_reset",
							text("LiveGifts.Versus.HotkeyReset"), onResetHotkey, this));
		LG_SOURCE_LOG(LOG_INFO, source, "gift vs gift created");
	}

	void update(obs_data_t *settings) { pending_.put(readGiftVersusConfig(settings)); }

	// OBS's save (UI thread): the round as the video thread last published it, in the private settings. Not in
	// the settings: a properties window open meanwhile would find them changed when it closes and ask whether to
	// keep "unsaved changes" the streamer never made (and a scene collection switch waits on that question). A
	// round older builds kept in the settings goes: the private one is the round from now on.
	void save(obs_data_t *settings) const
	{
		if (const std::shared_ptr<const std::string> round = publishedRound_.load()) {
			obs_data_set_string(PrivateSettings(source()).get(), kRoundKey, round->c_str());
			obs_data_erase(settings, kRoundKey);
		}
	}

	// OBS's load (UI thread), once it has set the private settings of the source it loaded: the round they
	// keep is taken back by the next tick (as one from older builds' settings is in the constructor).
	void load()
	{
		std::string round = getString(PrivateSettings(source()).get(), kRoundKey);
		if (!round.empty()) {
			// Handed over first: a tick in between takes it and publishes nothing until it is taken back.
			loadedRound_.put(round);
			publishedRound_.store(
			    std::make_shared<const std::string>(round)); // kept until it is taken back
		}
	}

	// Any thread: the video thread acts on it at its next tick.
	void command(VersusCommand command) { commands_.fetch_or(static_cast<uint32_t>(command)); }

	void tick(float seconds)
	{
		const float dt = advance(seconds);
		bool changed = false;
		if (std::optional<GiftVersusConfig> next = pending_.take()) {
			config_ = std::move(*next);
			width_.store(static_cast<uint32_t>(config_.style.width));
			height_.store(static_cast<uint32_t>(config_.style.height));
			versus_.setSides(config_.sides);
			versus_.setDuration(config_.durationMs);
			changed = true;
		}
		if (std::optional<std::string> loaded = loadedRound_.take()) {
			takeBack(*loaded);
		}
		const SnapshotPtr snapshot = Runtime::instance().snapshot();
		const std::vector<GiftTotal> &totals = snapshot->stream.gifts;
		const uint32_t commands = commands_.exchange(0);
		// Version 0: the engine has not restored its ledger yet (this stream's totals): a kept round waits.
		if (snapshot->version != 0) {
			versus_.setStream(snapshot->streamId);
			if (restoring_) {
				if (commands == 0 && versus_.restore(*restoring_, nowMs(), wallMs())) {
					LG_SOURCE_LOG(LOG_INFO, source(),
						      "gift vs gift: the round kept before was taken back");
				}
				restoring_.reset();
				changed = true;
			}
		}
		if ((commands & static_cast<uint32_t>(VersusCommand::Reset)) != 0) {
			versus_.reset();
			changed = true;
		}
		if ((commands & static_cast<uint32_t>(VersusCommand::Stop)) != 0) {
			versus_.stop(totals, nowMs());
			changed = true;
		}
		if ((commands & static_cast<uint32_t>(VersusCommand::Start)) != 0) {
			versus_.start(totals, nowMs());
			changed = true;
		}
		const view::VersusPhase before = versus_.phase();
		changed = versus_.update(totals, nowMs()) || changed;
		if (before == view::VersusPhase::Running && versus_.phase() == view::VersusPhase::Finished) {
			celebrate_ = versus_.winner() >= 0 ? view::kVersusCelebrateSeconds : 0.0f;
		}
		// Texts change with the votes, the phase and each second of the timer: laid out and rasterised then
		// only (a still frame between two seconds is drawn from the DrawCache).
		const int64_t second = (versus_.remainingMs(nowMs()) + 999) / 1000;
		// The round to keep, again each second while it runs (its end on the wall clock follows the
		// source's clock: OBS stalls or a hand-set clock move it).
		if ((changed || second != shownSecond_) && !restoring_) {
			publishedRound_.store(
			    std::make_shared<const std::string>(view::versusToJson(versus_.saved(nowMs(), wallMs()))));
			if (commands != 0) {
				// Started, stopped or reset by the streamer: saved now, not at OBS's next save, so a
				// crash in between does not lose the round (its votes come back from the ledger).
				requestSceneSave();
			}
		}
		if (changed || !configured_ || second != shownSecond_ || snapshot->version != pictureVersion_) {
			shownSecond_ = second;
			pictureVersion_ = snapshot->version;
			relayout(*snapshot);
		}
		pollPictures();
		// The bar eases toward each side's share (the shares' running sums, drawn from the last side).
		const std::vector<float> shares = versus_.shares();
		shown_.resize(shares.size(), 0.0f);
		float sum = 0.0f;
		bool easing = false;
		for (std::size_t s = 0; s < shares.size(); ++s) {
			sum += shares[s];
			shown_[s] = configured_ ? view::easeToward(shown_[s], sum, dt) : sum;
			easing = easing || shown_[s] != sum;
		}
		celebrate_ = std::max(0.0f, celebrate_ - dt);
		configured_ = true;
		moving_ = easing || celebrate_ > 0.0f;
		still_.store(!moving_);
		configuredFlag_.store(true);
	}

	void render()
	{
		text_.sync();
		bool uploaded = text_.settled();
		key_.clear();
		key_.add(contentVersion_).add(text_.uploads());
		for (auto &[id, gift] : pictures_) {
			gift->sprite.sync();
			uploaded = uploaded && gift->sprite.settled();
			key_.add(gift->sprite.uploads());
		}
		uploaded_.store(uploaded);
		DrawScope scope;
		cache_.draw(config_.style.width, config_.style.height, key_, moving_, [this] { drawParts(); });
		noteCacheRenders(cache_.renders());
	}

	uint32_t width() const { return width_.load(); }
	uint32_t height() const { return height_.load(); }

private:
	// The kept round (view::versusToJson) in the private settings (older builds: in the settings).
	static constexpr const char *kRoundKey = "round";

	// The wall clock (milliseconds since the epoch) at the time of the frame this tick is for (video thread): a
	// kept round's end is on it. Not the time now: the animation clock (nowMs) is the frame's time, and a tick
	// can run well after it (the video thread waits while a scene collection loads), so each restore on such a
	// tick moved the end earlier by that wait (about 55 ms a collection switch).
	static int64_t wallMs()
	{
		const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
					std::chrono::system_clock::now().time_since_epoch())
					.count();
		const uint64_t frame = obs_get_video_frame_time(); // the monotonic clock's time of this frame
		const uint64_t monotonic = os_gettime_ns();
		constexpr uint64_t kMostLateNs = 10'000'000'000; // beyond it, the frame's time is not believed
		const uint64_t late = frame != 0 && monotonic > frame ? std::min(monotonic - frame, kMostLateNs) : 0;
		return now - static_cast<int64_t>(late / 1'000'000);
	}

	template <VersusCommand command>
	static void procOf(void *data, calldata_t *)
	{
		guarded("gift vs gift proc", [&] { static_cast<GiftVersusSource *>(data)->command(command); });
	}
	template <VersusCommand command>
	static bool onHotkeyHalf(void *data, obs_hotkey_pair_id, obs_hotkey_t *, bool pressed)
	{
		if (pressed) {
			guarded("gift vs gift hotkey",
				[&] { static_cast<GiftVersusSource *>(data)->command(command); });
		}
		return pressed;
	}
	static void onResetHotkey(void *data, obs_hotkey_id, obs_hotkey_t *, bool pressed)
	{
		if (pressed) {
			guarded("gift vs gift hotkey",
				[&] { static_cast<GiftVersusSource *>(data)->command(VersusCommand::Reset); });
		}
	}

	void relayout(const Snapshot &snapshot)
	{
		const std::vector<GiftTotal> &totals = snapshot.stream.gifts;
		std::vector<std::string> names, values;
		std::vector<std::size_t> pictures;
		for (std::size_t s = 0; s < versus_.sides().size(); ++s) {
			const view::VersusSide &side = versus_.sides()[s];
			names.push_back(sideName(side, totals));
			values.push_back(config_.words.counted(view::Noun::Coin, versus_.votes()[s]));
			pictures.push_back(view::picturesOf(side));
			for (std::size_t i = 0; i < pictures.back(); ++i) {
				view::VersusSide one;
				one.giftIds = {side.giftIds[i]};
				followPicture(side.giftIds[i], sideName(one, totals), snapshot);
			}
		}
		std::string centre = view::clockText(versus_.remainingMs(nowMs()));
		if (versus_.phase() == view::VersusPhase::Finished) {
			const int winner = versus_.winner();
			centre = winner < 0
				     ? config_.style.tieText
				     : view::renderTemplate(
					   config_.style.winsFormat,
					   view::TemplateVars().set("name", names[static_cast<std::size_t>(winner)]));
		}
		view::VersusLayout layout = view::layOutVersus(config_.style, names, values, centre, pictures);
		if (layout.pictures != layout_.pictures) {
			++contentVersion_;
		}
		if (!configured_ || layout.texts != layout_.texts) {
			uploaded_.store(false);
			RasterWorker::instance().post(
			    textSlot_, [texts = layout.texts, w = config_.style.width, h = config_.style.height] {
				    return rasterizeText(texts, w, h);
			    });
			++contentVersion_;
		}
		layout_ = std::move(layout);
	}

	// A gift's picture: followed once its address is known (the engine learns it from the first gift sent),
	// the placeholder until then.
	void followPicture(int64_t id, const std::string &name, const Snapshot &snapshot)
	{
		std::unique_ptr<GiftBadge> &entry = pictures_[id];
		const std::string url = pictureUrl(id, snapshot);
		if (entry && entry->name == name && entry->url == url) {
			return;
		}
		if (!entry) {
			entry = std::make_unique<GiftBadge>();
		}
		uploaded_.store(false);
		entry->show(name, url, kPictureSize);
	}

	void pollPictures()
	{
		for (auto &[id, gift] : pictures_) {
			if (gift->poll(kPictureSize)) {
				uploaded_.store(false);
			}
		}
	}

	void drawParts() const
	{
		const view::VersusStyle &style = config_.style;
		const view::VersusLayout &l = layout_;
		BarStyle track;
		track.radius = style.radius;
		track.start = track.end = style.track;
		BarPainter::drawTrack(l.barX, l.barY, l.barW, l.barH, track);
		// From the last side to the first, each fills up to its running sum: the earlier sides lie over it.
		for (std::size_t s = shown_.size(); s-- > 0;) {
			BarStyle fill = track;
			fill.start = fill.end = view::sideColor(style, s);
			BarPainter::drawFill(l.barX, l.barY, l.barW, l.barH, shown_[s], false, fill);
		}
		if (celebrate_ > 0.0f && versus_.winner() >= 0) {
			BarStyle glow = track;
			glow.start = glow.end = style.celebrate;
			glow.start.a = glow.end.a = static_cast<uint8_t>(view::celebrationAlpha(celebrate_) * 255.0f);
			BarPainter::drawTrack(l.barX, l.barY, l.barW, l.barH, glow);
		}
		for (const view::VersusPicture &picture : l.pictures) {
			const std::vector<int64_t> &ids = versus_.sides()[picture.side].giftIds;
			const auto found = pictures_.find(ids[picture.index]);
			if (found != pictures_.end()) {
				const auto size = static_cast<float>(picture.size);
				found->second->sprite.drawBox(static_cast<float>(picture.x) + size / 2.0f,
							      static_cast<float>(picture.y) + size / 2.0f, size, size,
							      0.0f, false);
			}
		}
		text_.draw(0.0f, 0.0f);
	}

	bool ready() const override { return configuredFlag_.load() && uploaded_.load() && !textSlot_->pending(); }
	bool settled() const override { return ready() && still_.load(); }

	// A kept round (JSON) to take back once the engine has restored its ledger (constructor, then video thread).
	void takeBack(const std::string &round)
	{
		restoring_ = view::versusFromJson(round);
		if (!restoring_) {
			LG_SOURCE_LOG(LOG_WARNING, source(),
				      "gift vs gift: the saved round is unreadable, not restored");
		}
	}

	Handoff<GiftVersusConfig> pending_; // put by update() (any thread), taken by tick() (video thread)
	// The round as JSON: stored by the constructor, load() (UI thread) and tick() (video thread), read by save()
	// (UI thread).
	SharedSlot<const std::string> publishedRound_;
	Handoff<std::string> loadedRound_;  // put by load() (UI thread), taken by tick() (video thread)
	std::atomic<uint32_t> commands_{0}; // VersusCommand bits: set by any thread, taken by tick()
	std::atomic<uint32_t> width_{800};  // written by tick() (video thread), read by OBS on any thread
	std::atomic<uint32_t> height_{190}; // written by tick() (video thread), read by OBS on any thread
	// Written on the video/graphics thread, read by automation:
	std::atomic<bool> configuredFlag_{false};
	std::atomic<bool> uploaded_{false};
	std::atomic<bool> still_{false};

	// Video/graphics thread only:
	GiftVersusConfig config_;
	view::GiftVersus versus_;
	std::optional<view::VersusSaved> restoring_; // the kept round, until the engine's ledger is restored
	view::VersusLayout layout_;
	std::vector<float> shown_; // each side's running sum of shares as drawn
	float celebrate_ = 0.0f;   // seconds of celebration left
	int64_t shownSecond_ = -1; // the timer's second the texts show
	bool configured_ = false;
	bool moving_ = true;
	uint64_t contentVersion_ = 0;
	uint64_t pictureVersion_ = 0; // the snapshot version the pictures' addresses were last looked up in
	// Never replaced: ready() reads it from any thread.
	const std::shared_ptr<RasterSlot> textSlot_ = std::make_shared<RasterSlot>();
	SpriteLayer text_{textSlot_};
	std::map<int64_t, std::unique_ptr<GiftBadge>> pictures_; // by gift id
	DrawKey key_; // what the cache was drawn from, rebuilt each frame (kept to spare allocations)
	DrawCache cache_;

	SourceHotkeys hotkeys_; // last, so no hotkey outlives the rest
};

} // namespace

void commandVersus(void *data, VersusCommand command)
{
	static_cast<GiftVersusSource *>(data)->command(command);
}

obs_source_info giftVersusSourceInfo()
{
	return makeSourceInfo<GiftVersusSource, giftVersusProperties, giftVersusDefaults>();
}

} // namespace livegifts::obs
