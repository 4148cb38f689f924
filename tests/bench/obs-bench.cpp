// The OBS side of the side-by-side benchmark (run by tests/bench/run-bench.sh; figures, not a test).
//
// Starts the real libobs headless (the render host's ObsSession: Xvfb, Mesa llvmpipe, our module and
// OBS's image-source), builds the bench spec's scene over an opaque backdrop at the spec's canvas and
// frame rate, prints "bench: ready pid=N" and then either
//   - holds for --seconds while the driver (bench.py) measures this process from outside (CPU per thread,
//     memory), then prints the frames rendered and lagged; or
//   - with --probes N, measures event -> first frame showing it (latency.cpp), optionally while a storm of
//     --storm events per second is submitted, and prints one JSON line "bench-latency: {...}" (exit status 1
//     when a probe was not seen on screen within 3 s).
//
//   live_gifts_obs_bench --module FILE --data DIR --spec SPEC.json [--seconds S] [--image PNG]
//                        [--probes N [--storm RATE]]
// A spec source whose settings hold the string "$IMAGE" gets --image there (the peer's full-canvas
// texture stand-in: OBS's image source drawing one 1280x720 picture); "$IMAGE_DIR/NAME" becomes NAME in
// --image's folder (the still pictures of the floor scene, which bench.py writes there).

#include "frame-marker.hpp"
#include "latency.hpp"

#include "host-options.hpp"
#include "obs-session.hpp"

#include <QGuiApplication>

#include <obs.h>
#include <obs.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

using namespace render_host;

namespace {

struct BenchOptions {
	Options session;
	double seconds = 30;
	std::string image;
	int probes = 0;
	double storm = 0;
};

// The render host's options (host-options.hpp) and the bench's own.
BenchOptions parse(int argc, char **argv)
{
	BenchOptions options;
	options.session = parseOptions(
	    argc, argv,
	    [&options](const std::string &arg, const std::function<std::string()> &value) {
		    if (arg == "--seconds") {
			    options.seconds = std::stod(value());
		    } else if (arg == "--image") {
			    options.image = value();
		    } else if (arg == "--probes") {
			    options.probes = std::stoi(value());
		    } else if (arg == "--storm") {
			    options.storm = std::stod(value());
		    } else {
			    return false;
		    }
		    return true;
	    },
	    false,
	    "live_gifts_obs_bench --module FILE --data DIR --spec SPEC.json [--seconds S] [--image PNG] "
	    "[--probes N [--storm RATE]]");
	return options;
}

// "$IMAGE" in a source's settings becomes the --image path, "$IMAGE_DIR/NAME" NAME in its folder.
nlohmann::json withImage(nlohmann::json settings, const std::string &image)
{
	static const std::string kDir = "$IMAGE_DIR/";
	for (auto &[key, value] : settings.items()) {
		if (!value.is_string()) {
			continue;
		}
		const std::string text = value.get<std::string>();
		const bool whole = text == "$IMAGE";
		const bool inDir = text.rfind(kDir, 0) == 0;
		if (!whole && !inDir) {
			continue;
		}
		if (image.empty()) {
			fail("the spec needs --image");
		}
		value =
		    whole ? image : (std::filesystem::path(image).parent_path() / text.substr(kDir.size())).string();
	}
	return settings;
}

// The scene: an opaque backdrop (OBS's colour source) and the spec's sources at their positions.
class BenchScene {
public:
	BenchScene(const nlohmann::json &spec, const ObsSession &session, const std::string &image)
	    : scene_(obs_scene_create("bench"))
	{
		const nlohmann::json backdrop = {{"color", spec.value("backdrop", 0xFF3A2F2Bu)},
						 {"width", session.width()},
						 {"height", session.height()}};
		OBSSourceAutoRelease color(
		    obs_source_create("color_source_v3", "backdrop", toObsData(backdrop), nullptr));
		if (!color) {
			fail("cannot create the backdrop colour source");
		}
		obs_scene_add(scene_, color);
		sources_.push_back(std::move(color));
		for (const auto &item : spec.value("sources", nlohmann::json::array())) {
			const std::string id = item.at("id");
			const nlohmann::json settings =
			    withImage(item.value("settings", nlohmann::json::object()), image);
			OBSSourceAutoRelease source(obs_source_create(id.c_str(), item.value("name", id).c_str(),
								      toObsData(settings), nullptr));
			if (!source) {
				fail("cannot create source " + id);
			}
			obs_sceneitem_t *sceneItem = obs_scene_add(scene_, source);
			vec2 pos;
			vec2_set(&pos, item.value("x", 0.0f), item.value("y", 0.0f));
			obs_sceneitem_set_pos(sceneItem, &pos);
			sources_.push_back(std::move(source));
		}
		if (spec.contains("probe")) {
			OBSSourceAutoRelease marker(
			    obs_source_create("live_gifts_bench_marker", "marker", nullptr, nullptr));
			obs_scene_add(scene_, marker);
			sources_.push_back(std::move(marker));
		}
		obs_set_output_source(0, obs_scene_get_source(scene_));
	}
	~BenchScene() { obs_set_output_source(0, nullptr); }
	BenchScene(const BenchScene &) = delete;
	BenchScene &operator=(const BenchScene &) = delete;

	// Each of our sources' draw calls and renders so far (its "live_gifts_draw_calls" procedure).
	std::vector<std::pair<std::string, std::pair<long long, long long>>> drawCalls() const
	{
		std::vector<std::pair<std::string, std::pair<long long, long long>>> counts;
		for (const auto &source : sources_) {
			calldata_t data = {};
			if (proc_handler_call(obs_source_get_proc_handler(source), "live_gifts_draw_calls", &data)) {
				counts.emplace_back(
				    obs_source_get_name(source),
				    std::make_pair(calldata_int(&data, "calls"), calldata_int(&data, "frames")));
			}
			calldata_free(&data);
		}
		return counts;
	}

	obs_source_t *named(const std::string &name) const
	{
		for (const auto &source : sources_) {
			if (name == obs_source_get_name(source)) {
				return source;
			}
		}
		return nullptr;
	}

private:
	OBSSceneAutoRelease scene_;
	std::vector<OBSSourceAutoRelease> sources_;
};

void waitForFrames(uint32_t count)
{
	const uint32_t until = obs_get_total_frames() + count;
	const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
	while (obs_get_total_frames() < until) {
		if (std::chrono::steady_clock::now() > deadline) {
			fail("timed out waiting for frames");
		}
		std::this_thread::sleep_for(std::chrono::milliseconds(5));
	}
}

// Holds while the driver measures from outside; then the frames OBS rendered and lagged meanwhile, and
// each of our sources' draw calls a frame.
void hold(double seconds, const BenchScene &scene)
{
	const auto draws0 = scene.drawCalls();
	const uint32_t total0 = obs_get_total_frames();
	const uint32_t lagged0 = obs_get_lagged_frames();
	const auto start = std::chrono::steady_clock::now();
	std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
	const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
	const uint32_t frames = obs_get_total_frames() - total0;
	nlohmann::json draws = nlohmann::json::object();
	const auto draws1 = scene.drawCalls();
	for (std::size_t i = 0; i < draws1.size() && i < draws0.size(); ++i) {
		const long long calls = draws1[i].second.first - draws0[i].second.first;
		const long long renders = draws1[i].second.second - draws0[i].second.second;
		draws[draws1[i].first] = renders > 0 ? static_cast<double>(calls) / static_cast<double>(renders) : 0.0;
	}
	std::printf("bench-frames: {\"wall_s\": %.3f, \"frames\": %u, \"lagged\": %u, \"fps\": %.2f, "
		    "\"render_ms\": %.3f, \"draws_per_frame\": %s}\n",
		    wall, frames, obs_get_lagged_frames() - lagged0, frames / wall,
		    static_cast<double>(obs_get_average_frame_time_ns()) / 1e6, draws.dump().c_str());
	std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
	BenchOptions options = parse(argc, argv);
	std::ifstream specFile(options.session.spec);
	if (!specFile) {
		fail("cannot read spec " + options.session.spec);
	}
	const nlohmann::json spec = nlohmann::json::parse(specFile);
	qputenv("QT_QPA_PLATFORM", "offscreen");
	QGuiApplication app(argc, argv);

	bool ok = true;
	ObsSession session(options.session, spec, false);
	registerFrameMarker();
	{
		BenchScene scene(spec, session, options.image);
		waitForFrames(10);
		std::printf("bench: ready pid=%d\n", static_cast<int>(::getpid()));
		std::fflush(stdout);
		if (options.probes > 0) {
			LatencyProbe probe(spec.at("probe"), session.width(), session.height(),
					   [&scene](const std::string &name) { return scene.named(name); });
			const nlohmann::json result = probe.run(options.probes, options.storm);
			std::printf("bench-latency: %s\n", result.dump().c_str());
			// Every probe seen in every watched region, or the figures mean nothing.
			ok = result.at("missed").get<int>() == 0;
		} else {
			hold(options.seconds, scene);
		}
		std::fflush(stdout);
	}
	if (!ok) {
		std::fprintf(stderr, "obs-bench: a probe was not seen on screen within 3 s\n");
	}
	return ok ? 0 : 1;
}
