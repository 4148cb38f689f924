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
};

std::mutex ringMutex; // the graphics thread writes, the video output thread reads
std::array<Entry, 256> ring;
size_t next = 0;

void *create(obs_data_t *, obs_source_t *)
{
	static int token = 0;
	return &token;
}

void render(void *, gs_effect_t *)
{
	const Entry entry{obs_get_video_frame_time(), os_gettime_ns()};
	std::lock_guard lock(ringMutex);
	ring[next] = entry;
	next = (next + 1) % ring.size();
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
}

uint64_t frameDrawnNs(uint64_t videoTime)
{
	std::lock_guard lock(ringMutex);
	for (const Entry &entry : ring) {
		if (entry.videoTime == videoTime) {
			return entry.drawnNs;
		}
	}
	return 0;
}
