#include "obs/sources/source-base.hpp"

#include "obs/plugin-support.hpp"
#include "obs/rules/rule-procs.hpp"
#include "obs/runtime.hpp"
#include "obs/test-hooks.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace livegifts::obs {

void stripOldConnectionKeys(obs_data_t *settings)
{
	for (const char *key : {"connection_kind", "connection_url", "connection_unique_id", "connection_api_key",
				"connection_replay_file", "connection_speed", "connection_record"}) {
		obs_data_erase(settings, key);
	}
}

SourceBase::SourceBase(obs_source_t *source) : source_(source)
{
	// The runtime is created here, on the thread that creates sources, never later on the video thread.
	Runtime::instance();
	proc_handler_t *handler = obs_source_get_proc_handler(source);
	proc_handler_add(handler, "void live_gifts_settled(out bool settled)", &SourceBase::settledProc, this);
	proc_handler_add(handler, "void live_gifts_ready(out bool ready)", &SourceBase::readyProc, this);
	if (testHooksEnabled()) {
		// Tests only (obs/test-hooks.hpp): absent from a streamer's OBS, so nothing can write into the ledger.
		proc_handler_add(handler, "void live_gifts_set_time(in int ms)", &SourceBase::setTimeProc, this);
		proc_handler_add(handler, "void live_gifts_submit_frame(in string frame)", &SourceBase::submitProc,
				 this);
		proc_handler_add(handler, "void live_gifts_nearest(in bool on)", &SourceBase::nearestProc, this);
	}
	proc_handler_add(handler, "void live_gifts_flush()", &SourceBase::flushProc, this);
	proc_handler_add(handler, "void live_gifts_connection(out string json)", &SourceBase::connectionProc, this);
	proc_handler_add(handler, "void live_gifts_set_connection(in string json)", &SourceBase::setConnectionProc,
			 this);
	proc_handler_add(handler, "void live_gifts_cache_renders(out int renders)", &SourceBase::cacheRendersProc,
			 this);
	proc_handler_add(handler,
			 "void live_gifts_draw_calls(out int calls, out int frames, out int writes, out int nearest)",
			 &SourceBase::drawCallsProc, this);
	addRuleProcs(handler, testHooksEnabled());
	ruleSourceCreated();
}

SourceBase::~SourceBase()
{
	ruleSourceDestroyed();
}

double SourceBase::videoFrameMs()
{
	obs_video_info video = {};
	if (obs_get_video_info(&video) && video.fps_num > 0) {
		return 1000.0 * static_cast<double>(video.fps_den) / static_cast<double>(video.fps_num);
	}
	return 1000.0 / 60.0;
}

float SourceBase::advance(float seconds)
{
	const int64_t manual = manualMs_.load();
	int64_t next = nowMs_;
	if (manual >= 0) {
		// The first hand-set time is taken as it is (the clock may have run in real time before);
		// after that the clock only moves forward.
		next = manualStarted_ ? std::max(nowMs_, manual) : manual;
		manualStarted_ = true;
	} else {
		carryMs_ += std::max(0.0f, seconds) * 1000.0;
		const auto whole = static_cast<int64_t>(carryMs_);
		carryMs_ -= static_cast<double>(whole);
		next = nowMs_ + whole;
	}
	// The first hand-set time may lie behind the real time already run: the clock jumps there, but no
	// animation runs backwards (a negative step once left a celebration 33 ms from its end forever).
	const float step = static_cast<float>(std::max<int64_t>(0, next - nowMs_)) / 1000.0f;
	nowMs_ = next;
	return step;
}

void SourceBase::settledProc(void *data, calldata_t *params)
{
	guarded("settled", [&] { calldata_set_bool(params, "settled", static_cast<SourceBase *>(data)->settled()); });
}

void SourceBase::readyProc(void *data, calldata_t *params)
{
	guarded("ready", [&] { calldata_set_bool(params, "ready", static_cast<SourceBase *>(data)->ready()); });
}

void SourceBase::setTimeProc(void *data, calldata_t *params)
{
	guarded("set time", [&] { static_cast<SourceBase *>(data)->manualMs_.store(calldata_int(params, "ms")); });
}

void SourceBase::submitProc(void *, calldata_t *params)
{
	guarded("submit frame", [&] {
		const char *frame = calldata_string(params, "frame");
		if (frame) {
			Runtime::instance().submitFrame(frame);
		}
	});
}

void SourceBase::cacheRendersProc(void *data, calldata_t *params)
{
	guarded("cache renders", [&] {
		calldata_set_int(params, "renders",
				 static_cast<long long>(static_cast<SourceBase *>(data)->cacheRenders_.load()));
	});
}

void SourceBase::flushProc(void *, calldata_t *)
{
	guarded("flush", [] { Runtime::instance().flush(); });
}

void SourceBase::connectionProc(void *, calldata_t *params)
{
	guarded("connection", [&] {
		const std::string json = Runtime::instance().describeConnection();
		calldata_set_string(params, "json", json.c_str());
	});
}

} // namespace livegifts::obs

namespace livegifts::obs {

void SourceBase::setConnectionProc(void *, calldata_t *params)
{
	guarded("set connection", [&] {
		const char *text = calldata_string(params, "json");
		const auto parsed = nlohmann::json::parse(text ? text : "", nullptr, false);
		if (parsed.is_object()) {
			Runtime::instance().setConnection(connect::connectionFromJson(parsed));
		} else {
			LG_LOG(LOG_WARNING, "live_gifts_set_connection: not a JSON object");
		}
	});
}

void SourceBase::drawCallsProc(void *data, calldata_t *params)
{
	guarded("draw calls", [&] {
		const auto *self = static_cast<SourceBase *>(data);
		calldata_set_int(params, "calls", static_cast<long long>(self->drawCalls_.load()));
		calldata_set_int(params, "frames", static_cast<long long>(self->renders_.load()));
		calldata_set_int(params, "writes", static_cast<long long>(self->vertexWrites_.load()));
		calldata_set_int(params, "nearest", static_cast<long long>(self->nearestDraws_.load()));
	});
}

} // namespace livegifts::obs

namespace livegifts::obs {

void SourceBase::nearestProc(void *, calldata_t *params)
{
	guarded("nearest sampling", [&] { setNearestSampling(calldata_bool(params, "on")); });
}

} // namespace livegifts::obs
