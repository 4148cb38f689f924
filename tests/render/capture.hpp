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
	// Waits until `count` more frames were rendered (fails after 30 s).
	void waitFrames(uint64_t count) const;
	// The newest frame (empty before the first one).
	QImage image() const;

private:
	static void onRawVideo(void *param, ::video_data *frame);

	const uint32_t width_, height_;
	mutable std::mutex mutex_;    // guards pixels_ and frames_: OBS's video output thread writes
	std::vector<uint8_t> pixels_; // BGRA, tightly packed
	uint64_t frames_ = 0;
	bool capturing_ = true; // main thread
};

} // namespace render_host
