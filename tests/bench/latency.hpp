#pragma once

// Event -> first frame showing it, on the real libobs (a benchmark, not a test).
//
// Each probe is one big gift from a new viewer, submitted into the engine the way a connector hands a
// frame over (the source's live_gifts_submit_frame procedure), at a random moment within a frame period.
// Its submit time is stamped with os_gettime_ns() just before. Every frame OBS hands to its outputs
// (obs_add_raw_video_callback) carries the video time of the tick that rendered it; a watched region
// (the alert card, the goal bar, the supporters list) "shows the probe" in the first frame after the
// submit in which at least kMinPixels of its pixels differ from the frame before the submit by at least
// kMinDiff levels. Reported per region: submit -> when the graphics thread drew that frame (a marker
// source after ours notes the wall-clock time of each frame's render, frame-marker.hpp; Mesa executes the
// draws right after), and submit -> the moment OBS handed that frame to its outputs (later: OBS reads
// frames back from the GPU one tick late). Also counted: how many frames OBS began (ticked) after the submit
// before the one that shows it (0: the first frame begun after the gift arrived shows it); unlike the times,
// this does not grow when a loaded machine delays OBS's frames.
//
// The floor (optional, "floor" in the spec): an OBS colour source whose colour is changed at the very moment
// each probe is submitted (obs_source_update, which OBS applies at the source's next tick), watched like our
// regions: what any OBS source reacting to something from outside shows at best on this machine, in the
// same frames.
//
// Between probes the alert is skipped (live_gifts_alerts_skip) and the watched regions must stay still
// for 20 frames. With a storm (events per second > 0), a thread submits 1-coin gifts from 5000 viewers at
// that rate the whole time; the alert source's minimum coins (100) keeps them from alerting, five supporters
// seeded first with 90-94 coins (below that minimum too) keep them out of the list, and the goal bar (which
// every storm gift moves) is not watched.

#include <obs.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

struct video_data;

class LatencyProbe {
public:
	using SourceNamed = std::function<obs_source_t *(const std::string &)>;

	// spec: {"alerts": source name, "submit_via": source name, "regions": {"alert": [x, y, w, h], ...},
	//        "storm_regions": ["alert", "top"], "coins": 1000,
	//        "floor": {"source": colour source name, "colors": [ABGR, ABGR]} (its region is in "regions")}
	LatencyProbe(const nlohmann::json &spec, uint32_t width, uint32_t height, SourceNamed sourceNamed);
	~LatencyProbe();
	LatencyProbe(const LatencyProbe &) = delete;
	LatencyProbe &operator=(const LatencyProbe &) = delete;

	// Runs `probes` probes (with a storm of `stormRate` events/s when > 0); returns the raw figures.
	nlohmann::json run(int probes, double stormRate);

private:
	struct Region {
		std::string name;
		int x, y, w, h;
		std::vector<uint8_t> reference; // BGRA rows at arming time
		std::vector<uint8_t> previous;  // BGRA rows of the last frame
		bool watched = true;            // this run watches it
		bool shown = false;             // a frame since the submit shows the probe
		uint64_t drawnNs = 0;           // when the graphics thread drew that frame (0: not known)
		uint64_t begunNs = 0;           // when OBS began that frame (0: not known)
		uint64_t deliveredNs = 0;       // when that frame reached the outputs
		int framesBefore = -1;          // frames begun after the submit and before that one (-1: not known)
	};

	static void onRawVideo(void *param, video_data *frame);
	void onFrame(const video_data *frame);
	void submit(const std::string &frame) const;
	void seedSupporters() const;
	void stormLoop(double rate);
	void flipFloor();
	bool waitStill(int frames, double timeoutSeconds);

	SourceNamed sourceNamed_;
	std::string alertsName_, submitName_;
	long long coins_ = 1000;
	uint32_t width_, height_;
	std::vector<std::string> stormRegions_;
	std::string floorName_;                       // empty: no floor
	std::vector<unsigned long long> floorColors_; // its colours, in turn
	size_t floorNext_ = 0;

	std::mutex mutex_; // guards everything below: the video output thread and the probe thread share it
	std::condition_variable changed_;
	std::vector<Region> regions_;
	bool armRequested_ = false;
	bool armed_ = false;
	uint64_t submitNs_ = 0; // 0: not yet submitted
	int stillFrames_ = 0;   // frames in a row in which no watched region changed
	uint64_t frames_ = 0;

	std::atomic<bool> stormRunning_{false};
	std::atomic<long long> stormSent_{0};
};
