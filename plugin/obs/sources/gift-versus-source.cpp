// The Gift vs Gift source: a bar split between two or more sides (a gift or a team of gifts each), every
// coin sent with a side's gift during the round one vote for it, the names and coins over the bar, the
// timer under it, the winner celebrated when the time is up. view/gift-versus.hpp counts and lays out;
// this source reads the engine's per-gift totals of the stream (a duplicate never counts), rasterises the
// texts when they change and draws the bar with BarPainter like the Goal Bar.
//
// Start / Stop / Reset come from the properties' buttons, the source's hotkeys (OBS Settings -> Hotkeys)
// and the procedures live_gifts_versus_start / _stop / _reset (automation); any thread sets a flag, the
// video thread acts on it. The round lives in memory: it starts again after a restart.

#include "obs/plugin-support.hpp"
#include "obs/render/gpu.hpp"
#include "obs/render/raster-worker.hpp"
#include "obs/runtime.hpp"
#include "obs/sources/gift-versus-properties.hpp"
#include "obs/sources/source-base.hpp"
#include "obs/sources/source-hotkeys.hpp"
#include "obs/sources/sources.hpp"

#include "core/gift-catalogue.hpp"
#include "core/handoff.hpp"
#include "view/goal-bar.hpp"
#include "view/template.hpp"

#include <obs-module.h>

#include <algorithm>
#include <atomic>
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

class GiftVersusSource final : public SourceBase {
public:
	static constexpr SourceNames kNames{"live_gifts_gift_versus", "LiveGifts.Versus", "gift vs gift",
					    OBS_ICON_TYPE_GAME_CAPTURE}; // a game: two sides, rounds

	GiftVersusSource(obs_data_t *settings, obs_source_t *source) : SourceBase(source)
	{
		Runtime::instance();
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
		const SnapshotPtr snapshot = Runtime::instance().snapshot();
		const std::vector<GiftTotal> &totals = snapshot->stream.gifts;
		const uint32_t commands = commands_.exchange(0);
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
		if (changed || !configured_ || second != shownSecond_) {
			shownSecond_ = second;
			relayout(totals);
		}
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
		uploaded_.store(text_.settled());
		DrawScope scope;
		key_.clear();
		key_.add(contentVersion_).add(text_.uploads());
		cache_.draw(config_.style.width, config_.style.height, key_, moving_, [this] { drawParts(); });
		noteCacheRenders(cache_.renders());
	}

	uint32_t width() const { return width_.load(); }
	uint32_t height() const { return height_.load(); }

private:
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

	void relayout(const std::vector<GiftTotal> &totals)
	{
		std::vector<std::string> names, values;
		for (std::size_t s = 0; s < versus_.sides().size(); ++s) {
			names.push_back(sideName(versus_.sides()[s], totals));
			values.push_back(config_.words.counted(view::Noun::Coin, versus_.votes()[s]));
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
		view::VersusLayout layout = view::layOutVersus(config_.style, names, values, centre);
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
		text_.draw(0.0f, 0.0f);
	}

	bool ready() const override { return configuredFlag_.load() && uploaded_.load() && !textSlot_->pending(); }
	bool settled() const override { return ready() && still_.load(); }

	Handoff<GiftVersusConfig> pending_; // put by update() (any thread), taken by tick() (video thread)
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
	view::VersusLayout layout_;
	std::vector<float> shown_; // each side's running sum of shares as drawn
	float celebrate_ = 0.0f;   // seconds of celebration left
	int64_t shownSecond_ = -1; // the timer's second the texts show
	bool configured_ = false;
	bool moving_ = true;
	uint64_t contentVersion_ = 0;
	std::shared_ptr<RasterSlot> textSlot_ = std::make_shared<RasterSlot>();
	SpriteLayer text_{textSlot_};
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
