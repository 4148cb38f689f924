#include "latency.hpp"

#include "frame-marker.hpp"
#include "host-options.hpp"

#include <media-io/video-io.h>
#include <util/platform.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <thread>

namespace {

constexpr int kMinDiff = 2;   // levels in one channel
constexpr int kMinPixels = 8; // pixels of a region that must differ
constexpr int kStillFrames = 20;

std::string giftFrame(const std::string &user, const std::string &nickname, const std::string &gift, long long coins,
		      unsigned long long msgId)
{
	const long long nowMs = static_cast<long long>(os_gettime_ns() / 1000000);
	const nlohmann::json frame = {{"event", "gift"},
				      {"data",
				       {{"giftId", gift == "Rose" ? 5655 : 6369},
					{"giftName", gift},
					{"giftType", 2},
					{"diamondCount", coins},
					{"repeatCount", 1},
					{"repeatEnd", true},
					{"userId", user},
					{"uniqueId", user},
					{"nickname", nickname},
					{"profilePictureUrl", ""},
					{"msgId", std::to_string(msgId)},
					{"createTime", std::to_string(nowMs)}}}};
	return frame.dump();
}

// A region differs from `reference` in at least kMinPixels pixels by at least kMinDiff levels.
bool differs(const std::vector<uint8_t> &a, const std::vector<uint8_t> &b)
{
	int count = 0;
	for (size_t i = 0; i + 3 < a.size(); i += 4) {
		for (size_t c = 0; c < 3; ++c) {
			if (std::abs(static_cast<int>(a[i + c]) - static_cast<int>(b[i + c])) >= kMinDiff) {
				if (++count >= kMinPixels) {
					return true;
				}
				break;
			}
		}
	}
	return false;
}

} // namespace

LatencyProbe::LatencyProbe(const nlohmann::json &spec, uint32_t width, uint32_t height, SourceNamed sourceNamed)
    : sourceNamed_(std::move(sourceNamed)), alertsName_(spec.at("alerts")), submitName_(spec.at("submit_via")),
      coins_(spec.value("coins", 1000LL)), width_(width), height_(height),
      stormRegions_(spec.value("storm_regions", std::vector<std::string>{"alert"}))
{
	for (const auto &[name, box] : spec.at("regions").items()) {
		Region region{name,
			      box.at(0).get<int>(),
			      box.at(1).get<int>(),
			      box.at(2).get<int>(),
			      box.at(3).get<int>(),
			      {},
			      {},
			      true,
			      0,
			      0};
		region.x = std::clamp(region.x, 0, static_cast<int>(width_) - 1);
		region.y = std::clamp(region.y, 0, static_cast<int>(height_) - 1);
		region.w = std::min(region.w, static_cast<int>(width_) - region.x);
		region.h = std::min(region.h, static_cast<int>(height_) - region.y);
		regions_.push_back(std::move(region));
	}
	if (spec.contains("floor")) {
		floorName_ = spec["floor"].at("source").get<std::string>();
		floorColors_ = spec["floor"].at("colors").get<std::vector<unsigned long long>>();
		if (floorColors_.size() < 2 || !sourceNamed_(floorName_)) {
			render_host::fail("the probe's floor needs a colour source of the spec and two colours");
		}
	}
	if (!sourceNamed_(alertsName_) || !sourceNamed_(submitName_)) {
		render_host::fail("the probe names a source the spec does not have");
	}
	obs_add_raw_video_callback(nullptr, &LatencyProbe::onRawVideo, this);
}

LatencyProbe::~LatencyProbe()
{
	stormRunning_.store(false);
	obs_remove_raw_video_callback(&LatencyProbe::onRawVideo, this);
}

void LatencyProbe::onRawVideo(void *param, video_data *frame)
{
	static_cast<LatencyProbe *>(param)->onFrame(frame);
}

// Video output thread: copies the watched regions, notes change, arming and the first frame showing a probe.
void LatencyProbe::onFrame(const video_data *frame)
{
	const uint64_t wallNs = os_gettime_ns();
	std::lock_guard lock(mutex_);
	++frames_;
	bool anyChange = false;
	for (Region &region : regions_) {
		if (!region.watched) {
			continue;
		}
		std::vector<uint8_t> pixels(static_cast<size_t>(region.w) * region.h * 4);
		for (int row = 0; row < region.h; ++row) {
			const uint8_t *from = frame->data[0] +
					      static_cast<size_t>(frame->linesize[0]) * (region.y + row) +
					      static_cast<size_t>(region.x) * 4;
			std::copy(from, from + static_cast<size_t>(region.w) * 4,
				  pixels.begin() + static_cast<std::ptrdiff_t>(row) * region.w * 4);
		}
		if (!region.previous.empty() && differs(pixels, region.previous)) {
			anyChange = true;
		}
		if (armRequested_) {
			region.reference = pixels;
			region.shown = false;
			region.drawnNs = 0;
			region.begunNs = 0;
			region.deliveredNs = 0;
			region.framesBefore = -1;
		} else if (armed_ && submitNs_ != 0 && !region.shown && differs(pixels, region.reference)) {
			region.shown = true;
			region.drawnNs = frameDrawnNs(frame->timestamp);
			region.begunNs = frameBegunNs(frame->timestamp);
			region.framesBefore = framesBegunBetween(submitNs_, frame->timestamp);
			region.deliveredNs = wallNs;
		}
		region.previous = std::move(pixels);
	}
	stillFrames_ = anyChange ? 0 : stillFrames_ + 1;
	if (armRequested_) {
		armRequested_ = false;
		armed_ = true;
	}
	changed_.notify_all();
}

void LatencyProbe::submit(const std::string &frame) const
{
	calldata_t data = {};
	calldata_set_string(&data, "frame", frame.c_str());
	proc_handler_call(obs_source_get_proc_handler(sourceNamed_(submitName_)), "live_gifts_submit_frame", &data);
	calldata_free(&data);
}

// The floor's colour source takes its next colour (OBS applies it at the source's next tick).
void LatencyProbe::flipFloor()
{
	if (floorName_.empty()) {
		return;
	}
	obs_data_t *settings = obs_data_create();
	obs_data_set_int(settings, "color", static_cast<long long>(floorColors_[floorNext_]));
	floorNext_ = (floorNext_ + 1) % floorColors_.size();
	obs_source_update(sourceNamed_(floorName_), settings);
	obs_data_release(settings);
}

// Five supporters (below the alerts' minimum) that the storm's viewers do not overtake within a run: the list only
// moves when a probe arrives.
void LatencyProbe::seedSupporters() const
{
	for (int i = 0; i < 5; ++i) {
		submit(giftFrame("seed" + std::to_string(i), "Seed " + std::to_string(i), "Lion", 90 + i,
				 8100000000000000000ULL + static_cast<unsigned long long>(i)));
	}
	calldata_t data = {};
	proc_handler_call(obs_source_get_proc_handler(sourceNamed_(submitName_)), "live_gifts_flush", &data);
	calldata_free(&data);
}

void LatencyProbe::stormLoop(double rate)
{
	using Clock = std::chrono::steady_clock;
	const auto start = Clock::now();
	const auto period = std::chrono::duration<double>(1.0 / rate);
	long long sent = 0;
	while (stormRunning_.load()) {
		const auto due =
		    start + std::chrono::duration_cast<Clock::duration>(period * static_cast<double>(sent));
		if (Clock::now() < due) {
			std::this_thread::sleep_until(due);
			continue;
		}
		const int user = static_cast<int>(sent % 5000);
		submit(giftFrame("storm" + std::to_string(user), "Storm " + std::to_string(user), "Rose", 1,
				 8200000000000000000ULL + static_cast<unsigned long long>(sent)));
		++sent;
		stormSent_.store(sent);
	}
}

bool LatencyProbe::waitStill(int frames, double timeoutSeconds)
{
	std::unique_lock lock(mutex_);
	return changed_.wait_for(lock, std::chrono::duration<double>(timeoutSeconds),
				 [&] { return stillFrames_ >= frames; });
}

nlohmann::json LatencyProbe::run(int probes, double stormRate)
{
	obs_video_info ovi = {};
	obs_get_video_info(&ovi);
	const double frameMs = 1000.0 * ovi.fps_den / ovi.fps_num;
	seedSupporters();
	{
		std::lock_guard lock(mutex_);
		for (Region &region : regions_) {
			region.watched = stormRate <= 0 || std::find(stormRegions_.begin(), stormRegions_.end(),
								     region.name) != stormRegions_.end();
			region.previous.clear();
		}
		stillFrames_ = 0;
	}
	std::thread storm;
	if (stormRate > 0) {
		stormRunning_.store(true);
		storm = std::thread([this, stormRate] { stormLoop(stormRate); });
	}
	const uint32_t total0 = obs_get_total_frames(), lagged0 = obs_get_lagged_frames();
	const auto start = std::chrono::steady_clock::now();
	std::mt19937 random(12345);
	std::uniform_real_distribution<double> phase(0.0, frameMs);
	nlohmann::json shown = nlohmann::json::object(), delivered = nlohmann::json::object(),
		       framesBefore = nlohmann::json::object(), waited = nlohmann::json::object(),
		       inFrame = nlohmann::json::object();
	int missed = 0, undated = 0;
	for (int i = 0; i < probes; ++i) {
		if (!waitStill(kStillFrames, 10.0)) {
			std::fprintf(stderr, "obs-bench: the watched regions did not keep still before probe %d\n", i);
		}
		{
			std::unique_lock lock(mutex_);
			armed_ = false;
			submitNs_ = 0;
			armRequested_ = true;
			changed_.wait(lock, [&] { return armed_; });
		}
		// A random moment within a frame period after a frame was handed out.
		std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(phase(random)));
		const std::string frame =
		    giftFrame("probe" + std::to_string(i), "Probe " + std::to_string(i), "Lion", coins_ + i,
			      8300000000000000000ULL + static_cast<unsigned long long>(i));
		{
			std::lock_guard lock(mutex_);
			submitNs_ = os_gettime_ns();
		}
		flipFloor();
		submit(frame);
		std::unique_lock lock(mutex_);
		const bool all = changed_.wait_for(lock, std::chrono::seconds(3), [&] {
			return std::all_of(regions_.begin(), regions_.end(),
					   [](const Region &r) { return !r.watched || r.shown; });
		});
		missed += all ? 0 : 1;
		for (const Region &region : regions_) {
			if (!region.watched || !region.shown) {
				continue;
			}
			const auto since = [&](uint64_t ns) {
				return (static_cast<double>(ns) - static_cast<double>(submitNs_)) / 1e6;
			};
			if (region.drawnNs != 0) {
				shown[region.name].push_back(since(region.drawnNs));
			} else {
				++undated;
			}
			// Split at the start of that frame: the wait for OBS to begin it (any source waits as long),
			// and OBS's work in it until the marker after our sources is drawn.
			if (region.drawnNs != 0 && region.begunNs != 0) {
				waited[region.name].push_back(since(region.begunNs));
				inFrame[region.name].push_back(
				    (static_cast<double>(region.drawnNs) - static_cast<double>(region.begunNs)) / 1e6);
			}
			delivered[region.name].push_back(since(region.deliveredNs));
			if (region.framesBefore >= 0) {
				framesBefore[region.name].push_back(region.framesBefore);
			}
		}
		armed_ = false;
		lock.unlock();
		calldata_t data = {};
		proc_handler_call(obs_source_get_proc_handler(sourceNamed_(alertsName_)), "live_gifts_alerts_skip",
				  &data);
		calldata_free(&data);
	}
	const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
	stormRunning_.store(false);
	if (storm.joinable()) {
		storm.join();
	}
	// How long the engine takes to apply what is still queued when the storm stops.
	const auto flushStart = std::chrono::steady_clock::now();
	calldata_t data = {};
	proc_handler_call(obs_source_get_proc_handler(sourceNamed_(submitName_)), "live_gifts_flush", &data);
	calldata_free(&data);
	const double flushMs =
	    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - flushStart).count();
	const uint32_t frames = obs_get_total_frames() - total0;
	return {{"probes", probes},
		{"missed", missed},
		{"undated", undated},
		{"frame_ms", frameMs},
		{"storm_rate", stormRate},
		{"storm_sent", stormSent_.load()},
		{"seconds", seconds},
		{"storm_rate_achieved", stormRate > 0 ? static_cast<double>(stormSent_.load()) / seconds : 0.0},
		{"flush_ms_after", flushMs},
		{"frames", frames},
		{"lagged", obs_get_lagged_frames() - lagged0},
		{"fps", frames / seconds},
		{"shown_ms", shown},
		{"delivered_ms", delivered},
		{"frames_before", framesBefore},
		{"frame_begun_ms", waited},
		{"in_frame_ms", inFrame}};
}
