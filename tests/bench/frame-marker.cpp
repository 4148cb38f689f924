#include "frame-marker.hpp"

#include <obs-module.h>
#include <obs.h>
#include <util/platform.h>

#include <array>
#include <mutex>

namespace {

struct Entry {
	uint64_t videoTime = 0;
	uint64_t drawnNs = 0;
	uint64_t tickNs = 0; // when OBS began this frame (its tick callbacks, before any source's tick)
};

std::mutex ringMutex; // the graphics thread writes, the video output thread reads
std::array<Entry, 256> ring;
size_t next = 0;
std::array<uint64_t, 256> ticks{}; // the last frames' tick times
size_t nextTick = 0;
uint64_t currentTickNs = 0;

void onTick(void *, float)
{
	const uint64_t now = os_gettime_ns();
	std::lock_guard lock(ringMutex);
	currentTickNs = now;
	ticks[nextTick] = now;
	nextTick = (nextTick + 1) % ticks.size();
}

void *create(obs_data_t *, obs_source_t *)
{
	static int token = 0;
	return &token;
}

void render(void *, gs_effect_t *)
{
	const uint64_t videoTime = obs_get_video_frame_time();
	const uint64_t drawn = os_gettime_ns();
	std::lock_guard lock(ringMutex);
	ring[next] = Entry{videoTime, drawn, currentTickNs};
	next = (next + 1) % ring.size();
}

// The ring's entry for the frame of videoTime (all zero when it is not there any more).
Entry entryOf(uint64_t videoTime)
{
	std::lock_guard lock(ringMutex);
	for (const Entry &entry : ring) {
		if (entry.videoTime == videoTime) {
			return entry;
		}
	}
	return {};
}

} // namespace

void registerFrameMarker()
{
	obs_source_info info = {};
	info.id = "live_gifts_bench_marker";
	info.type = OBS_SOURCE_TYPE_INPUT;
	info.output_flags = OBS_SOURCE_VIDEO;
	info.get_name = [](void *) { return "Bench frame marker"; };
	info.create = create;
	info.destroy = [](void *) {};
	info.get_width = [](void *) { return 1u; };
	info.get_height = [](void *) { return 1u; };
	info.video_render = render;
	obs_register_source(&info);
	obs_add_tick_callback(onTick, nullptr);
}

uint64_t frameDrawnNs(uint64_t videoTime)
{
	return entryOf(videoTime).drawnNs;
}

uint64_t frameBegunNs(uint64_t videoTime)
{
	return entryOf(videoTime).tickNs;
}

int framesBegunBetween(uint64_t afterNs, uint64_t videoTime)
{
	std::lock_guard lock(ringMutex);
	uint64_t shownTick = 0;
	for (const Entry &entry : ring) {
		if (entry.videoTime == videoTime) {
			shownTick = entry.tickNs;
		}
	}
	if (shownTick == 0) {
		return -1;
	}
	int count = 0;
	for (const uint64_t tick : ticks) {
		count += tick > afterNs && tick < shownTick ? 1 : 0;
	}
	return count;
}
