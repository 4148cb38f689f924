#pragma once

// What every Live Gifts source shares: its animation clock (real time from video_tick, or a time set by
// automation so frames are deterministic) and the procedures automation can call on it through
// obs_source_get_proc_handler (tests, and later obs-websocket vendor requests):
//   live_gifts_settled(out bool settled)    nothing left to rasterise, upload or animate
//   live_gifts_ready(out bool ready)        nothing left to rasterise or upload (animations may run)
//   live_gifts_set_time(in int ms)          drive the animation clock by hand from now on (tests only)
//   live_gifts_submit_frame(in string frame) feed one raw event frame into the shared engine (tests only)
//   live_gifts_flush()                      wait until every submitted frame is counted
//   live_gifts_connection(out string json)  the runtime's connection, API key masked (Runtime::describeConnection)
//   live_gifts_set_connection(in string json) sets the runtime's connection (connection.json's schema)
//   live_gifts_cache_renders(out int renders) times the source drew its parts into its DrawCache
//                                           (obs/render/gpu.hpp), or made its batch's vertices or atlas
//                                           again (obs/render/sprite-batch.hpp): a still source does neither
//   live_gifts_draw_calls(out int calls, out int frames, out int writes, out int nearest) draw calls the source
//                                           made in all its renders, how many renders (frames) that was, the
//                                           vertex buffers it wrote, and its draws that sampled the nearest texel
//                                           (obs/render/nearest.hpp)
//   live_gifts_nearest(in bool on)          off: every draw of every source filters linearly (tests only)
// The two marked "tests only" exist only when the test switch is on (obs/test-hooks.hpp).

#include <obs-module.h>

#include <atomic>
#include <cstdint>

namespace livegifts::obs {

class SourceBase {
public:
	explicit SourceBase(obs_source_t *source);
	virtual ~SourceBase();
	SourceBase(const SourceBase &) = delete;
	SourceBase &operator=(const SourceBase &) = delete;

	obs_source_t *source() const { return source_; }
	// One render done, with the draw calls and vertex buffer writes it made (video thread; makeSourceInfo's
	// video_render).
	void noteRender(uint64_t drawCalls, uint64_t vertexWrites, uint64_t nearestDraws)
	{
		drawCalls_.fetch_add(drawCalls);
		vertexWrites_.fetch_add(vertexWrites);
		nearestDraws_.fetch_add(nearestDraws);
		renders_.fetch_add(1);
	}

	// OBS's save (UI thread; makeSourceInfo's save) and whether it happened: a source saved before lives on, and
	// OBS's load is then not a new source's (a scene's Undo loads every source of the scene again, from data
	// older than what the source holds): it takes nothing back (makeSourceInfo's load).
	void noteSaved() { saved_.store(true); }
	bool savedBefore() const { return saved_.load(); }

protected:
	// Seconds to advance this tick: OBS's real seconds, or the hand-set clock's step when automation
	// drives time. Video thread.
	float advance(float seconds);
	// One frame of OBS's video in milliseconds (1000 / 60 when OBS has no video yet). Any thread.
	static double videoFrameMs();
	// Milliseconds of animation time so far (video thread).
	int64_t nowMs() const { return nowMs_; }
	// Render notes how often its DrawCache drew the parts (video thread; read through a procedure).
	void noteCacheRenders(uint64_t renders) { cacheRenders_.store(renders); }
	// Automation calls these on its own thread (live_gifts_settled, live_gifts_ready): they read only atomics,
	// SharedSlots and members never replaced after construction, never a member the video thread assigns.
	virtual bool settled() const = 0;
	virtual bool ready() const { return settled(); }

private:
	static void settledProc(void *data, calldata_t *params);
	static void readyProc(void *data, calldata_t *params);
	static void setTimeProc(void *data, calldata_t *params);
	static void submitProc(void *data, calldata_t *params);
	static void flushProc(void *data, calldata_t *params);
	static void connectionProc(void *data, calldata_t *params);
	static void setConnectionProc(void *data, calldata_t *params);
	static void cacheRendersProc(void *data, calldata_t *params);
	static void drawCallsProc(void *data, calldata_t *params);
	static void nearestProc(void *data, calldata_t *params);

	obs_source_t *source_;
	std::atomic<int64_t> manualMs_{-1};     // set by automation (any thread), -1 = real time
	std::atomic<uint64_t> cacheRenders_{0}; // written by render (video thread), read by automation
	std::atomic<uint64_t> drawCalls_{0};    // written by render (video thread), read by automation
	std::atomic<uint64_t> vertexWrites_{0}; // written by render (video thread), read by automation
	std::atomic<uint64_t> nearestDraws_{0}; // written by render (video thread), read by automation
	std::atomic<uint64_t> renders_{0};      // written by render (video thread), read by automation
	std::atomic<bool> saved_{false};        // set by OBS's save (UI thread), read by its load (UI thread)
	int64_t nowMs_ = 0;                     // video thread
	bool manualStarted_ = false;            // video thread: the hand-set clock has taken over
	double carryMs_ = 0.0;                  // video thread: sub-millisecond remainder of real time
};

} // namespace livegifts::obs

#include "obs/plugin-support.hpp"
#include "obs/render/gpu.hpp"
#include "obs/render/nearest.hpp"

#include <memory>
#include <string>

namespace livegifts::obs {

// Settings keys of the Connection group sources showed before the dock held the connection. A scene
// collection saved then may still carry them: they are ignored and stripped when the source is saved.
void stripOldConnectionKeys(obs_data_t *settings);

// A source's private settings (obs_source_get_private_settings), held for one use and released after it.
// Saved with the scene collection beside the settings and copied with them by OBS, but not part of them: a
// properties window compares the settings when it closes ("unsaved changes"), so state that moves on its own
// (a running round, a pause) is kept here, never in the settings. OBS sets them after a loaded source is
// created, so they are read in load() (collection loads, Undo), written in save(); both on the UI thread.
class PrivateSettings {
public:
	explicit PrivateSettings(obs_source_t *source) : data_(obs_source_get_private_settings(source)) {}
	~PrivateSettings() { obs_data_release(data_); }
	PrivateSettings(const PrivateSettings &) = delete;
	PrivateSettings &operator=(const PrivateSettings &) = delete;
	obs_data_t *get() const { return data_; }

private:
	obs_data_t *data_;
};

// Names of a source type for makeSourceInfo.
struct SourceNames {
	const char *id;      // OBS source id
	const char *nameKey; // locale key of the name in Add Source
	const char *what;    // how log lines call it ("goal bar")
	// The icon OBS shows beside the source in its source list and "Add Source" menu (only types OBS 29 has).
	obs_icon_type icon;
};

// The obs_source_info of a source class T (constructible from (obs_data_t *, obs_source_t *), with
// update(obs_data_t *), tick(float), render(), width() and height()): every callback goes through guarded()
// so nothing unwinds into libobs. Names comes from T::kNames. Sources hold no connection (the dock sets the
// runtime's one): save strips the keys older versions kept.
template <typename T, obs_properties_t *(*Properties)(void *), void (*Defaults)(obs_data_t *)>
obs_source_info makeSourceInfo()
{
	static const std::string what = T::kNames.what;
	static const std::string create = what + " create", destroy = what + " destroy", update = what + " update",
				 tick = what + " tick", render = what + " render", props = what + " properties",
				 defaults = what + " defaults", save = what + " save", load = what + " load";
	obs_source_info info = {};
	info.id = T::kNames.id;
	info.type = OBS_SOURCE_TYPE_INPUT;
	info.output_flags = OBS_SOURCE_VIDEO | OBS_SOURCE_CUSTOM_DRAW;
	info.icon_type = T::kNames.icon;
	info.get_name = [](void *) { return obs_module_text(T::kNames.nameKey); };
	info.create = [](obs_data_t *settings, obs_source_t *source) -> void * {
		return guarded(create.c_str(), static_cast<T *>(nullptr),
			       [&] { return std::make_unique<T>(settings, source).release(); });
	};
	info.destroy = [](void *data) { guarded(destroy.c_str(), [&] { delete static_cast<T *>(data); }); };
	info.update = [](void *data, obs_data_t *settings) {
		guarded(update.c_str(), [&] { static_cast<T *>(data)->update(settings); });
	};
	info.video_tick = [](void *data, float seconds) {
		guarded(tick.c_str(), [&] { static_cast<T *>(data)->tick(seconds); });
	};
	info.video_render = [](void *data, gs_effect_t *) {
		guarded(render.c_str(), [&] {
			T *self = static_cast<T *>(data);
			const uint64_t before = drawCallsSoFar();
			const uint64_t writesBefore = vertexWritesSoFar();
			const uint64_t nearestBefore = exactDrawsSoFar();
			{
				RenderingSource rendering(self->width(), self->height());
				self->render();
			}
			self->noteRender(drawCallsSoFar() - before, vertexWritesSoFar() - writesBefore,
					 exactDrawsSoFar() - nearestBefore);
		});
	};
	info.get_width = [](void *data) { return static_cast<T *>(data)->width(); };
	info.get_height = [](void *data) { return static_cast<T *>(data)->height(); };
	info.get_properties = [](void *data) {
		return guarded(props.c_str(), static_cast<obs_properties_t *>(nullptr),
			       [&] { return Properties(data); });
	};
	info.get_defaults = [](obs_data_t *settings) { guarded(defaults.c_str(), [&] { Defaults(settings); }); };
	// Scene collections hold no copy of the connection (and no API key).
	// A source with state of its own to keep (T::save(settings)) writes it into its PrivateSettings then, and
	// takes it back in T::load() (after a collection load or an Undo, once OBS has set them). A source that has
	// been saved lives on: OBS's load then is a scene's Undo loading every source of the scene
	// again, and what the source holds is newer than what it would take back.
	info.save = [](void *data, obs_data_t *settings) {
		guarded(save.c_str(), [&] {
			static_cast<T *>(data)->noteSaved();
			stripOldConnectionKeys(settings);
			if constexpr (requires(T & t) { t.save(settings); }) {
				static_cast<T *>(data)->save(settings);
			}
		});
	};
	if constexpr (requires(T & t) { t.load(); }) {
		info.load = [](void *data, obs_data_t *) {
			guarded(load.c_str(), [&] {
				if (!static_cast<T *>(data)->savedBefore()) {
					static_cast<T *>(data)->load();
				}
			});
		};
	}
	return info;
}

} // namespace livegifts::obs
