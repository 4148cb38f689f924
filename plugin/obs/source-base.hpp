#pragma once

// What every Live Gifts source shares: its animation clock (real time from video_tick, or a time set by
// automation so frames are deterministic) and the procedures automation can call on it through
// obs_source_get_proc_handler (tests, and later obs-websocket vendor requests):
//   live_gifts_settled(out bool settled)    nothing left to rasterise, upload or animate
//   live_gifts_ready(out bool ready)        nothing left to rasterise or upload (animations may run)
//   live_gifts_set_time(in int ms)          drive the animation clock by hand from now on
//   live_gifts_submit_frame(in string frame) feed one raw event frame into the shared engine
//   live_gifts_flush()                      wait until every submitted frame is counted

#include <obs-module.h>

#include <atomic>
#include <cstdint>

namespace livegifts::obs {

class SourceBase {
      public:
	explicit SourceBase(obs_source_t *source);
	virtual ~SourceBase() = default;
	SourceBase(const SourceBase &) = delete;
	SourceBase &operator=(const SourceBase &) = delete;

	obs_source_t *source() const { return source_; }

      protected:
	// Seconds to advance this tick: OBS's real seconds, or the hand-set clock's step when automation
	// drives time. Video thread.
	float advance(float seconds);
	// Milliseconds of animation time so far (video thread).
	int64_t nowMs() const { return nowMs_; }
	virtual bool settled() const = 0;
	virtual bool ready() const { return settled(); }

      private:
	static void settledProc(void *data, calldata_t *params);
	static void readyProc(void *data, calldata_t *params);
	static void setTimeProc(void *data, calldata_t *params);
	static void submitProc(void *data, calldata_t *params);
	static void flushProc(void *data, calldata_t *params);

	obs_source_t *source_;
	std::atomic<int64_t> manualMs_{-1}; // set by automation (any thread), -1 = real time
	int64_t nowMs_ = 0;                 // video thread
	bool manualStarted_ = false;        // video thread: the hand-set clock has taken over
	double carryMs_ = 0.0;              // video thread: sub-millisecond remainder of real time
};

} // namespace livegifts::obs
