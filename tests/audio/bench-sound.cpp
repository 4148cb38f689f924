// Prints how long each bundled sound takes to decode to 48 kHz stereo float (wall and CPU time: on a busy
// machine the wall time mostly waits for a core) and how much memory its clip takes in the cache (a
// benchmark: figures, no assertion).

#include "obs/audio/sound-cache.hpp"
#include "obs/audio/sound-decode.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <string>

int main(int argc, char **argv)
{
	const int runs = argc > 1 ? std::max(1, std::stoi(argv[1])) : 20;
	livegifts::obs::SoundCache cache;
	for (const char *name : {"chime", "coin", "fanfare", "pop"}) {
		const std::string path = std::string(LIVE_GIFTS_SOURCE_DIR) + "/data/sounds/" + name + ".wav";
		double best = 1e9, total = 0.0, cpu = 0.0;
		size_t bytes = 0;
		for (int i = 0; i < runs; ++i) {
			const std::clock_t cpuStart = std::clock();
			const auto start = std::chrono::steady_clock::now();
			const auto decoded = livegifts::obs::decodeSound(path, 48000, 2, 30.0);
			const double ms =
			    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
			cpu += 1000.0 * static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
			best = std::min(best, ms);
			total += ms;
			bytes = decoded.clip ? decoded.clip->bytes() : 0;
		}
		cache.get(path, 48000, 2);
		std::printf(
		    "bench-sound: %-8s decode_wall_ms_mean=%.2f wall_ms_best=%.2f cpu_ms_mean=%.2f clip_kib=%.0f\n",
		    name, total / runs, best, cpu / runs, static_cast<double>(bytes) / 1024.0);
	}
	std::printf("bench-sound: cache of the four: %zu clips, %.2f MiB (bound %.0f MiB)\n", cache.clips(),
		    static_cast<double>(cache.bytes()) / (1 << 20), static_cast<double>(cache.maxBytes()) / (1 << 20));
	return 0;
}
