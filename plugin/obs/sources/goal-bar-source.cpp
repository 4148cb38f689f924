// The Goal Bar source: one goal of the engine per source (kind, target, scope, what happens on reach),
// shown as a title, "current / target", a percent and a rounded gradient bar that eases to new values
// and celebrates when the goal is reached. The view lays it out and moves it; this source registers the
// goal, rasterises the texts only when they change and draws bar, glow and texts in one draw call
// (render/bar-pass.hpp, as quads of one batch). New texts are posted when the engine publishes the
// snapshot that changes them, not a tick later, so the frame that moves the bar mostly shows them too.

#include "obs/plugin-support.hpp"
#include "obs/render/bar-pass.hpp"
#include "obs/render/gpu.hpp"
#include "obs/render/raster-worker.hpp"
#include "obs/runtime.hpp"
#include "obs/sources/goal-bar-properties.hpp"
#include "obs/sources/settings-util.hpp"
#include "obs/sources/source-base.hpp"
#include "obs/sources/source-hotkeys.hpp"
#include "obs/sources/sources.hpp"
#include "obs/test-hooks.hpp"

#include "core/handoff.hpp"
#include "core/shared-slot.hpp"
#include "view/goal-bar.hpp"

#include <obs-module.h>
#include <obs.h>
#include <obs.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace livegifts::obs {
namespace {

// {"id", "known", "current", "target", "reached", "done", "times_reached", "stage", "events"}: the goal in
// `snapshot` ("events": how many GoalReached of it the snapshot keeps).
std::string describeGoal(const Snapshot &snapshot, const std::string &id)
{
	nlohmann::json out = {{"id", id}, {"known", false}};
	if (const auto found = snapshot.goals.find(id); found != snapshot.goals.end()) {
		const GoalState &state = found->second;
		out.update({{"known", true},
			    {"current", state.current},
			    {"target", state.target},
			    {"reached", state.reached},
			    {"done", state.done},
			    {"times_reached", state.timesReached},
			    {"stage", state.stageIndex}});
	}
	out["events"] = std::count_if(snapshot.goalEvents.begin(), snapshot.goalEvents.end(),
				      [&](const GoalReached &event) { return event.goalId == id; });
	return out.dump();
}

class GoalBarSource final : public SourceBase {
public:
	static constexpr SourceNames kNames{"live_gifts_goal_bar", "LiveGifts.GoalBar", "goal bar",
					    OBS_ICON_TYPE_COLOR}; // a bar filling with colour

	// The goal id is kept in the settings (so the goal keeps its progress across restarts) but owned by
	// this source: a duplicate, or a second source saved with the same id, gets a fresh id of its own.
	GoalBarSource(obs_data_t *settings, obs_source_t *source) : SourceBase(source)
	{
		const std::string saved = getString(settings, "goal_id");
		goalId_ = Runtime::instance().claimGoal(this, saved);
		if (goalId_ != saved) {
			obs_data_set_string(settings, "goal_id", goalId_.c_str());
			if (!saved.empty()) {
				LG_SOURCE_LOG(LOG_INFO, source,
					      "goal id '%s' belongs to another source: this one counts as '%s'",
					      saved.c_str(), goalId_.c_str());
			}
		}
		update(settings);
		// A deleted source gives its goal id up at once (OBS may destroy it later, after a new source took
		// the id: that late destroy then changes nothing).
		removed_.Connect(obs_source_get_signal_handler(source), "remove", onRemoved, this);
		addGoalProcs(obs_source_get_proc_handler(source));
		addHandoverProcs(obs_source_get_proc_handler(source));
		hotkeys_ = registerGoalBarHotkeys(source, this);
		Runtime::addPublishListener(
		    this, [this](const SnapshotPtr &snapshot, connect::ImageFetcher &) { paintAtHandover(*snapshot); });
		LG_SOURCE_LOG(LOG_INFO, source, "goal bar created");
	}

	// OBS may destroy sources after the module unloaded (obs_shutdown frees modules before the sources left):
	// the runtime is then gone, and must not be made anew.
	~GoalBarSource() override
	{
		Runtime::removePublishListener(this);
		Runtime::ifAlive([this](Runtime &runtime) { runtime.releaseGoal(this); });
	}

	// Copies settings only (no I/O): the runtime applies goal and connection changes on its threads. The
	// goal id stays the one this source owns, whatever the settings say, and the settings say it again: the
	// properties' Defaults button clears every setting, and settings saved without the id would give the goal
	// up at the next load (a new goal from zero, the progress left behind).
	void update(obs_data_t *settings)
	{
		if (getString(settings, "goal_id") != goalId_) {
			obs_data_set_string(settings, "goal_id", goalId_.c_str());
		}
		GoalBarConfig config = readGoalBarConfig(settings);
		config.goal.id = goalId_;
		Runtime::instance().setGoal(config.goal);
		pending_.put(std::move(config));
	}

	const std::string &goalId() const { return goalId_; }

	void tick(float seconds)
	{
		const float dt = advance(seconds);
		std::optional<GoalBarConfig> next = pending_.take();
		const bool restyled = next.has_value();
		if (next) {
			config_ = std::move(*next);
			handoverConfig_.store(std::make_shared<const GoalBarConfig>(config_));
			width_.store(static_cast<uint32_t>(config_.style.width));
			height_.store(static_cast<uint32_t>(config_.style.height));
		}
		// Nothing to look at unless the settings or the engine's snapshot changed (no work, no allocation
		// per frame in steady state).
		const SnapshotPtr snapshot = Runtime::instance().snapshot();
		const bool held = held_.load() && configured_ && !restyled; // a test's hold: the new snapshot waits
		const bool engineChanged = !configured_ || (!held && snapshot->version != seenVersion_);
		if (!held) {
			seenVersion_ = snapshot->version;
		}
		const view::GoalValues values =
		    restyled || engineChanged ? view::goalValuesOf(*snapshot, config_.goal) : values_;
		if (restyled || !configured_ || !(values == values_)) {
			if (configured_ && values.timesReached > values_.timesReached) {
				celebrate_ = view::kGoalCelebrateSeconds;
			}
			if (!configured_) {
				shown_ = static_cast<float>(values.fraction);
			}
			values_ = values;
			relayout();
			configured_ = true;
		}
		shown_ = view::easeToward(shown_, static_cast<float>(values_.fraction), dt);
		celebrate_ = std::max(0.0f, celebrate_ - dt);
		moving_ = shown_ != static_cast<float>(values_.fraction) || celebrate_ > 0.0f;
		still_.store(!moving_);
		configuredFlag_.store(true);
	}

	void render()
	{
		text_.sync();
		uploaded_.store(text_.settled());
		DrawScope scope;
		key_.clear();
		key_.add(contentVersion_).add(text_.uploads()).addFloat(shown_);
		// Moving or still, only the track and the text's own parts are drawn (the rest is transparent).
		const BarPassParts parts = barParts();
		barPassRegion(config_.style.width, config_.style.height, parts, text_, region_);
		cache_.setRegion(region_);
		cache_.draw(config_.style.width, config_.style.height, key_, moving_,
			    [this, &parts] { drawBarPass(parts, text_, batch_); });
		noteCacheRenders(cache_.renders());
	}

	// Track, fill, celebration and texts, drawn in one draw call, as the cache or the screen gets them.
	BarPassParts barParts() const
	{
		const view::GoalBarStyle &style = config_.style;
		BarPassParts parts;
		parts.x = layout_.barX;
		parts.y = layout_.barY;
		parts.w = layout_.barW;
		parts.h = layout_.barH;
		// "Win the battle": the other side's colour under your side's fill, split at your share of the points.
		parts.track = values_.versus ? style.opponent : style.track;
		parts.fill = style.fill;
		if (values_.versus) {
			parts.fill.end = parts.fill.start; // one colour per side: where they meet stays sharp
		}
		parts.fraction = shown_;
		parts.vertical = style.orientation == view::Orientation::Vertical;
		if (celebrate_ > 0.0f) {
			// Three soft flashes of the whole bar in the celebration colour.
			parts.glow = style.celebrateColor;
			parts.glow.a = static_cast<uint8_t>(view::celebrationAlpha(celebrate_) * 255.0f);
		}
		return parts;
	}

	uint32_t width() const { return width_.load(); }
	uint32_t height() const { return height_.load(); }

private:
	// Automation (tests, scripts): the goal's state as JSON, and the dock's acts on it.
	void addGoalProcs(proc_handler_t *handler)
	{
		proc_handler_add(handler, "void live_gifts_goal(out string json)", goalProc, this);
		proc_handler_add(handler, "void live_gifts_goal_reset()", resetProc, this);
		proc_handler_add(handler, "void live_gifts_goal_undo_reset()", undoProc, this);
		proc_handler_add(handler, "void live_gifts_goal_adjust(in int delta)", adjustProc, this);
	}
	static void goalProc(void *data, calldata_t *params)
	{
		guarded("goal bar goal", [&] {
			const std::string &id = static_cast<GoalBarSource *>(data)->goalId_;
			Runtime::instance().flush();
			const std::string json = describeGoal(*Runtime::instance().snapshot(), id);
			calldata_set_string(params, "json", json.c_str());
		});
	}
	static void resetProc(void *data, calldata_t *)
	{
		guarded("goal bar reset",
			[&] { Runtime::instance().resetGoal(static_cast<GoalBarSource *>(data)->goalId_); });
	}
	static void undoProc(void *data, calldata_t *)
	{
		guarded("goal bar undo",
			[&] { Runtime::instance().undoGoalReset(static_cast<GoalBarSource *>(data)->goalId_); });
	}
	static void adjustProc(void *data, calldata_t *params)
	{
		guarded("goal bar adjust", [&] {
			Runtime::instance().adjustGoal(static_cast<GoalBarSource *>(data)->goalId_,
						       calldata_int(params, "delta"));
		});
	}

	static void onRemoved(void *data, calldata_t *)
	{
		guarded("goal bar remove", [&] { Runtime::instance().releaseGoal(data); });
	}

	void relayout()
	{
		view::GoalBarLayout layout = view::layOut(config_.style, values_);
		if (!configured_ || layout.texts != layout_.texts) {
			uploaded_.store(false);
			const std::lock_guard<std::mutex> lock(postMutex_);
			if (!configured_ || layout.texts != postedTexts_) {
				postTexts(layout.texts, config_.style);
			}
			if (configured_ && textSlot_->pending()) {
				lateTexts_.fetch_add(1); // this frame moves the bar before its new texts are painted
			}
		}
		layout_ = std::move(layout);
		++contentVersion_;
	}

	// Tests: a hold keeps the tick from applying new snapshots, and how many texts a tick applied before they
	// were painted.
	void addHandoverProcs(proc_handler_t *handler)
	{
		proc_handler_add(handler, "void live_gifts_late_texts(out int texts)", lateTextsProc, this);
		if (testHooksEnabled()) {
			proc_handler_add(handler, "void live_gifts_goal_hold(in bool held)", holdProc, this);
		}
	}
	static void lateTextsProc(void *data, calldata_t *params)
	{
		calldata_set_int(params, "texts", static_cast<GoalBarSource *>(data)->lateTexts_.load());
	}
	static void holdProc(void *data, calldata_t *params)
	{
		static_cast<GoalBarSource *>(data)->held_.store(calldata_bool(params, "held"));
	}
	// Posts the job painting `texts` (postMutex_ held: posts reach the slot in the order of postedTexts_).
	void postTexts(std::vector<TextItem> texts, const view::GoalBarStyle &style)
	{
		postedTexts_ = texts;
		RasterWorker::instance().post(textSlot_,
					      [texts = std::move(texts), w = style.width, h = style.height]() mutable {
						      if (texts.size() >= 2) {
							      view::fitValue(texts, textWidth);
						      }
						      return rasterizeText(texts, w, h);
					      });
	}

	// Engine thread, right after a snapshot is published: the texts the tick that takes it will lay out are
	// posted now (the same values and layout, from the settings the tick uses), so they are painted, or being
	// painted, by then. A tick that finds them posted does not post them again. Only while no text job is
	// queued or painting: on a busy stream the engine publishes far more often than OBS shows frames, and the
	// tick posts at most once a frame.
	void paintAtHandover(const Snapshot &snapshot)
	{
		const std::shared_ptr<const GoalBarConfig> config = handoverConfig_.load();
		if (!config || textSlot_->pending()) {
			return; // not laid out just to be dropped (looked at again under the lock: the tick may post)
		}
		std::vector<TextItem> texts =
		    view::layOut(config->style, view::goalValuesOf(snapshot, config->goal)).texts;
		const std::lock_guard<std::mutex> lock(postMutex_);
		// Settings applied meanwhile: the tick lays out with those and posts its own.
		if (handoverConfig_.load() == config && texts != postedTexts_ && !textSlot_->pending()) {
			postTexts(std::move(texts), config->style);
		}
	}

	// Automation reads only atomics: the video/graphics thread owns the rest.
	bool ready() const override { return configuredFlag_.load() && uploaded_.load() && !textSlot_->pending(); }
	bool settled() const override { return ready() && still_.load(); }

	std::string goalId_;             // written by the constructor only
	OBSSignal removed_;              // the source's "remove" signal (connected by the constructor)
	Handoff<GoalBarConfig> pending_; // put by update() (any thread), taken by tick() (video thread)
	// Painting at hand-over: the tick stores the settings it uses, the engine thread loads them.
	SharedSlot<const GoalBarConfig> handoverConfig_;
	std::mutex postMutex_;                // held to post to textSlot_ (a compare and a queue push, nothing else)
	std::vector<TextItem> postedTexts_;   // guarded by postMutex_: the texts of the newest job posted
	std::atomic<long long> lateTexts_{0}; // texts a tick applied before they were painted (automation reads)
	std::atomic<bool> held_{false};       // set by a test procedure, read by tick()
	std::atomic<uint32_t> width_{800};    // written by tick() (video thread), read by OBS on any thread
	std::atomic<uint32_t> height_{110};   // written by tick() (video thread), read by OBS on any thread
	// Written on the video/graphics thread, read by automation:
	std::atomic<bool> configuredFlag_{false};
	std::atomic<bool> uploaded_{false}; // the newest text is on the GPU (set in render, cleared when posting)
	std::atomic<bool> still_{false};    // the bar has reached its value and is not celebrating

	// Video/graphics thread only:
	GoalBarConfig config_;
	view::GoalValues values_;
	view::GoalBarLayout layout_;
	bool configured_ = false;
	float shown_ = 0.0f;
	float celebrate_ = 0.0f;      // seconds of celebration left
	bool moving_ = true;          // the bar eases or celebrates: drawn directly, not from the cache
	uint64_t contentVersion_ = 0; // counts every change of config_, values_ or layout_
	uint64_t seenVersion_ = 0;    // snapshot version the values were read from
	// Never replaced: ready() reads it from any thread.
	const std::shared_ptr<RasterSlot> textSlot_ = std::make_shared<RasterSlot>();
	SpriteLayer text_{textSlot_};
	DrawKey key_; // what the cache was drawn from, rebuilt each frame (kept to spare allocations)
	DrawCache cache_;
	std::vector<CoverRect> region_; // where the bar can show pixels (barPassRegion), rebuilt each frame
	QuadBatch batch_;               // the bar's quads (drawBarPass)

	SourceHotkeys hotkeys_; // written by the constructor; last, so no hotkey outlives the rest
};

} // namespace

void resetGoalOf(void *data)
{
	Runtime::instance().resetGoal(static_cast<GoalBarSource *>(data)->goalId());
}

std::string goalIdOf(void *data)
{
	return static_cast<GoalBarSource *>(data)->goalId();
}

std::string goalTitleOf(void *data)
{
	OBSDataAutoRelease settings = obs_source_get_settings(static_cast<GoalBarSource *>(data)->source());
	return obs_data_get_string(settings, "title");
}

void applyLikeGoalPreset(void *data, obs_properties_t *props)
{
	obs_source_t *source = static_cast<GoalBarSource *>(data)->source();
	OBSDataAutoRelease settings = obs_source_get_settings(source);
	writeLikeGoalPreset(settings);
	obs_source_update(source, nullptr);
	// The window shows or hides fields by their modified callbacks, which a button's refresh does not run:
	// they run here on the preset's settings (the kind hides "whole room", repeating shows the step).
	if (props != nullptr) {
		while (obs_properties_t *parent = obs_properties_get_parent(props)) {
			props = parent;
		}
		obs_properties_apply_settings(props, settings);
	}
}

obs_source_info goalBarSourceInfo()
{
	return makeSourceInfo<GoalBarSource, goalBarProperties, goalBarDefaults>();
}

} // namespace livegifts::obs
