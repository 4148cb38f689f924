#include "capture.hpp"

#include "host-options.hpp"

#include <obs.h>
#include <util/platform.h>

#include <chrono>
#include <cstring>
#include <thread>

namespace render_host {

Capture::Capture(uint32_t width, uint32_t height) : width_(width), height_(height)
{
	obs_add_main_render_callback(&Capture::onRender, this);
	obs_add_raw_video_callback(nullptr, &Capture::onRawVideo, this);
}

Capture::~Capture()
{
	stop();
}

void Capture::stop()
{
	if (capturing_) {
		obs_remove_raw_video_callback(&Capture::onRawVideo, this);
		obs_remove_main_render_callback(&Capture::onRender, this);
		capturing_ = false;
	}
}

void Capture::onRawVideo(void *param, ::video_data *frame)
{
	auto *capture = static_cast<Capture *>(param);
	std::lock_guard lock(capture->mutex_);
	const size_t row = static_cast<size_t>(capture->width_) * 4;
	capture->pixels_.resize(row * capture->height_);
	for (uint32_t y = 0; y < capture->height_; ++y) {
		std::memcpy(capture->pixels_.data() + row * y,
			    frame->data[0] + static_cast<size_t>(frame->linesize[0]) * y, row);
	}
	++capture->frames_;
	if (capture->firstRender_ != 0 && frame->timestamp >= capture->firstRender_) {
		++capture->framesSinceWait_;
	}
}

void Capture::onRender(void *param, uint32_t, uint32_t)
{
	auto *capture = static_cast<Capture *>(param);
	const uint64_t time = obs_get_video_frame_time();
	std::lock_guard lock(capture->mutex_);
	if (capture->firstRender_ == 0 && time >= capture->waitStart_) {
		capture->firstRender_ = time;
	}
}

uint64_t Capture::frames() const
{
	std::lock_guard lock(mutex_);
	return frames_;
}

void Capture::waitFrames(uint64_t count) const
{
	{
		std::lock_guard lock(mutex_);
		waitStart_ = os_gettime_ns();
		firstRender_ = 0;
		framesSinceWait_ = 0;
	}
	const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
	while (true) {
		{
			std::lock_guard lock(mutex_);
			if (framesSinceWait_ >= count) {
				return;
			}
		}
		if (std::chrono::steady_clock::now() > deadline) {
			fail("timed out waiting for frames");
		}
		std::this_thread::sleep_for(std::chrono::milliseconds(5));
	}
}

QImage Capture::image() const
{
	std::lock_guard lock(mutex_);
	if (pixels_.empty()) {
		return {};
	}
	QImage image(reinterpret_cast<const uchar *>(pixels_.data()), static_cast<int>(width_),
		     static_cast<int>(height_), static_cast<int>(width_ * 4), QImage::Format_RGB32);
	return image.copy();
}

} // namespace render_host
