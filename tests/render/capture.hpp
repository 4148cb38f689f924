#pragma once

// What encoders get: every rendered frame copied from obs_add_raw_video_callback, for the host to wait on
// and to save.

#include <QImage>

#include <cstdint>
#include <mutex>
#include <vector>

struct video_data;

namespace render_host {

class Capture {
public:
	Capture(uint32_t width, uint32_t height);
	~Capture(); // stops capturing
	Capture(const Capture &) = delete;
	Capture &operator=(const Capture &) = delete;

	// Stops capturing (the newest frame stays); idempotent.
	void stop();

	uint32_t width() const { return width_; }
	uint32_t height() const { return height_; }
	uint64_t frames() const;
	// Waits until `count` frames rendered after this call have arrived (fails after 30 s). A loaded machine
	// delivers frames a few frames after OBS rendered them (GPU readback, the output queue), and when OBS
	// lags, the output repeats a frame with later timestamps: so the frames counted are those whose timestamp
	// is at or after the first render that began after this call (OBS's video clock), which only frames
	// rendered from then on have.
	void waitFrames(uint64_t count) const;
	// The newest frame (empty before the first one).
	QImage image() const;

private:
	static void onRawVideo(void *param, ::video_data *frame);
	static void onRender(void *param, uint32_t width, uint32_t height);

	const uint32_t width_, height_;
	// Guards the fields below: OBS's video output thread writes the frames, its graphics thread notes renders,
	// the host's thread waits.
	mutable std::mutex mutex_;
	std::vector<uint8_t> pixels_; // BGRA, tightly packed
	uint64_t frames_ = 0;
	mutable uint64_t waitStart_ = UINT64_MAX; // waitFrames: renders from this time (os_gettime_ns) on count
	mutable uint64_t firstRender_ = 0;        // the video time of the first such render (0: none yet)
	mutable uint64_t framesSinceWait_ = 0;    // frames delivered from firstRender_ on
	bool capturing_ = true;                   // main thread
};

} // namespace render_host
