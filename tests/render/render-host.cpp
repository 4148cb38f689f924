// Headless render host: starts the real libobs on an X display (Xvfb) with Mesa, loads our module from
// the build tree, builds a scene from a JSON spec, captures what encoders get (obs_add_raw_video_callback)
// once every source of ours says it has settled, and compares with a golden PNG.
//
//   render-host --module FILE --data DIR --spec SPEC.json --out ACTUAL.png [--golden GOLDEN.png]
//               [--diff DIFF.png] [--tolerance N] [--max-bad-fraction F]
// With LIVE_GIFTS_BLESS=1 the actual image replaces the golden (re-blessing on purpose).

// Qt before X11: Xlib defines macros (None, Bool, Status) that break Qt headers.
#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <obs.h>
#include <obs.hpp>
#include <obs-module.h>
#include <obs-nix-platform.h>

#include <X11/Xlib.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

namespace {

struct Options {
	std::string recordOut;    // MP4 path when the spec has "record"
	double recordSeconds = 0; // overrides the spec's record.seconds when > 0
	double benchSeconds = 0;  // measure CPU time for this long after the steps (a benchmark, not a test)
	std::string contactSheet; // PNG path for the moments of a recording
	std::string module;
	std::string data;
	std::string spec;
	std::string out;
	std::string golden;
	std::string diff;
	std::string obsPlugins = LIVE_GIFTS_OBS_PLUGINS_DIR;
	std::string obsPluginData = LIVE_GIFTS_OBS_PLUGIN_DATA_DIR;
	int tolerance = 8;
	double maxBadFraction = 0.0005;
};

struct Capture {
	std::mutex mutex;
	std::vector<uint8_t> pixels; // BGRA, tightly packed
	uint64_t frames = 0;
	uint32_t width = 0, height = 0;
};

void onRawVideo(void *param, struct video_data *frame)
{
	auto *capture = static_cast<Capture *>(param);
	std::lock_guard lock(capture->mutex);
	const size_t row = static_cast<size_t>(capture->width) * 4;
	capture->pixels.resize(row * capture->height);
	for (uint32_t y = 0; y < capture->height; ++y) {
		std::memcpy(capture->pixels.data() + row * y,
			    frame->data[0] + static_cast<size_t>(frame->linesize[0]) * y, row);
	}
	++capture->frames;
}

[[noreturn]] void fail(const std::string &message)
{
	std::fprintf(stderr, "render-host: %s\n", message.c_str());
	std::exit(1);
}

bool loadModule(const std::string &file, const std::string &data)
{
	obs_module_t *module = nullptr;
	const int result = obs_open_module(&module, file.c_str(), data.c_str());
	if (result != MODULE_SUCCESS) {
		std::fprintf(stderr, "render-host: cannot open module %s (code %d)\n", file.c_str(), result);
		return false;
	}
	if (!obs_init_module(module)) {
		std::fprintf(stderr, "render-host: module %s failed to initialise\n", file.c_str());
		return false;
	}
	return true;
}

OBSDataAutoRelease toObsData(const nlohmann::json &settings)
{
	return OBSDataAutoRelease(obs_data_create_from_json(settings.dump().c_str()));
}

// Asks a source of ours "live_gifts_settled" or "live_gifts_ready".
bool sourceFlag(obs_source_t *source, const char *proc, const char *name)
{
	proc_handler_t *handler = obs_source_get_proc_handler(source);
	calldata_t data = {};
	bool value = true;
	if (proc_handler_call(handler, proc, &data)) {
		value = calldata_bool(&data, name);
	}
	calldata_free(&data);
	return value;
}

void setTime(obs_source_t *source, long long ms)
{
	calldata_t data = {};
	calldata_set_int(&data, "ms", ms);
	proc_handler_call(obs_source_get_proc_handler(source), "live_gifts_set_time", &data);
	calldata_free(&data);
}

// Calls a procedure on a source with bool, integer or string arguments from the spec; a source without it
// ignores the call.
void callProc(obs_source_t *source, const std::string &name, const nlohmann::json &args)
{
	calldata_t data = {};
	for (const auto &[key, value] : args.items()) {
		if (value.is_boolean()) {
			calldata_set_bool(&data, key.c_str(), value.get<bool>());
		} else if (value.is_number_integer()) {
			calldata_set_int(&data, key.c_str(), value.get<long long>());
		} else if (value.is_string()) {
			calldata_set_string(&data, key.c_str(), value.get<std::string>().c_str());
		}
	}
	proc_handler_call(obs_source_get_proc_handler(source), name.c_str(), &data);
	calldata_free(&data);
}

void submitFrames(obs_source_t *source, const std::vector<std::string> &frames)
{
	proc_handler_t *handler = obs_source_get_proc_handler(source);
	for (const std::string &frame : frames) {
		calldata_t data = {};
		calldata_set_string(&data, "frame", frame.c_str());
		proc_handler_call(handler, "live_gifts_submit_frame", &data);
		calldata_free(&data);
	}
	calldata_t data = {};
	proc_handler_call(handler, "live_gifts_flush", &data);
	calldata_free(&data);
}

uint64_t framesSoFar(Capture &capture)
{
	std::lock_guard lock(capture.mutex);
	return capture.frames;
}

// Waits until `frames` more frames were rendered.
void waitFrames(Capture &capture, uint64_t frames)
{
	const uint64_t until = framesSoFar(capture) + frames;
	const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
	while (framesSoFar(capture) < until) {
		if (std::chrono::steady_clock::now() > deadline) {
			fail("timed out waiting for frames");
		}
		std::this_thread::sleep_for(std::chrono::milliseconds(5));
	}
}

QImage toImage(const Capture &capture)
{
	QImage image(reinterpret_cast<const uchar *>(capture.pixels.data()), static_cast<int>(capture.width),
		     static_cast<int>(capture.height), static_cast<int>(capture.width * 4), QImage::Format_RGB32);
	return image.copy();
}

// Compares on opaque pixels (the scene has an opaque backdrop). Returns the number of pixels whose largest
// channel difference exceeds tolerance and writes a diff image (red = over tolerance).
long long compare(const QImage &actual, const QImage &golden, int tolerance, QImage &diff)
{
	diff = QImage(actual.size(), QImage::Format_RGB32);
	long long bad = 0;
	for (int y = 0; y < actual.height(); ++y) {
		const auto *a = reinterpret_cast<const QRgb *>(actual.constScanLine(y));
		const auto *g = reinterpret_cast<const QRgb *>(golden.constScanLine(y));
		auto *d = reinterpret_cast<QRgb *>(diff.scanLine(y));
		for (int x = 0; x < actual.width(); ++x) {
			const int delta =
			    std::max({std::abs(qRed(a[x]) - qRed(g[x])), std::abs(qGreen(a[x]) - qGreen(g[x])),
				      std::abs(qBlue(a[x]) - qBlue(g[x]))});
			if (delta > tolerance) {
				++bad;
				d[x] = qRgb(255, 0, 0);
			} else {
				const int grey = qGray(a[x]) / 3;
				d[x] = qRgb(grey, grey, grey);
			}
		}
	}
	return bad;
}

// Records the program output to an MP4 with OBS's own outputs (obs-x264 + ffmpeg_aac into the
// ffmpeg_muxer output) for `seconds`, taking a still of the canvas every `everyMs` for the contact sheet.
struct Moment {
	double seconds;
	QImage image;
};

std::vector<Moment> record(const Options &options, Capture &capture, double seconds, int everyMs)
{
	const nlohmann::json videoSettings = {
	    {"rate_control", "CRF"}, {"crf", 20}, {"preset", "veryfast"}, {"keyint_sec", 2}};
	OBSEncoderAutoRelease video(
	    obs_video_encoder_create("obs_x264", "demo-h264", toObsData(videoSettings), nullptr));
	OBSEncoderAutoRelease audio(
	    obs_audio_encoder_create("ffmpeg_aac", "demo-aac", toObsData({{"bitrate", 128}}), 0, nullptr));
	if (!video || !audio) {
		fail("cannot create the x264 / AAC encoders");
	}
	obs_encoder_set_video(video, obs_get_video());
	obs_encoder_set_audio(audio, obs_get_audio());
	std::filesystem::create_directories(std::filesystem::path(options.recordOut).parent_path());
	OBSOutputAutoRelease output(
	    obs_output_create("ffmpeg_muxer", "demo-recording", toObsData({{"path", options.recordOut}}), nullptr));
	if (!output) {
		fail("cannot create the ffmpeg_muxer output");
	}
	obs_output_set_video_encoder(output, video);
	obs_output_set_audio_encoder(output, audio, 0);
	if (!obs_output_start(output)) {
		const char *error = obs_output_get_last_error(output);
		fail(std::string("recording did not start: ") + (error ? error : "unknown error"));
	}
	std::vector<Moment> moments;
	const auto start = std::chrono::steady_clock::now();
	auto nextMoment = start + std::chrono::milliseconds(everyMs / 2);
	for (;;) {
		const auto now = std::chrono::steady_clock::now();
		const double elapsed = std::chrono::duration<double>(now - start).count();
		if (elapsed >= seconds) {
			break;
		}
		if (now >= nextMoment) {
			std::lock_guard lock(capture.mutex);
			if (!capture.pixels.empty()) {
				moments.push_back({elapsed, toImage(capture)});
			}
			nextMoment += std::chrono::milliseconds(everyMs);
		}
		std::this_thread::sleep_for(std::chrono::milliseconds(10));
	}
	obs_output_stop(output);
	const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
	while (obs_output_active(output) && std::chrono::steady_clock::now() < deadline) {
		std::this_thread::sleep_for(std::chrono::milliseconds(50));
	}
	std::printf("render-host: recorded %.1f s to %s (%u frames dropped of %d)\n", seconds,
		    options.recordOut.c_str(), obs_output_get_frames_dropped(output),
		    obs_output_get_total_frames(output));
	return moments;
}

double processCpuSeconds()
{
	rusage usage = {};
	getrusage(RUSAGE_SELF, &usage);
	return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
	       static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// Process CPU time (every thread: OBS's graphics thread, Mesa's llvmpipe rasteriser threads, our workers)
// and OBS's own average render time per frame, over `seconds` of running.
void bench(Capture &capture, double seconds)
{
	const double cpuBefore = processCpuSeconds();
	const uint64_t framesBefore = framesSoFar(capture);
	const auto start = std::chrono::steady_clock::now();
	std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
	const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
	const double cpu = processCpuSeconds() - cpuBefore;
	std::printf("bench: wall_s=%.1f frames=%llu cpu_s=%.2f cpu_s_per_min=%.2f obs_render_ms_per_frame=%.3f\n", wall,
		    static_cast<unsigned long long>(framesSoFar(capture) - framesBefore), cpu, cpu * 60.0 / wall,
		    static_cast<double>(obs_get_average_frame_time_ns()) / 1e6);
}

// Moments side by side, two to a row at half size, each labelled with its time.
QImage contactSheet(const std::vector<Moment> &moments)
{
	if (moments.empty()) {
		return {};
	}
	const int columns = 2;
	const QSize thumb = moments.front().image.size() / 2;
	const int rows = static_cast<int>((moments.size() + columns - 1) / columns);
	QImage sheet(thumb.width() * columns + 8 * (columns + 1), (thumb.height() + 8) * rows + 8,
		     QImage::Format_RGB32);
	sheet.fill(QColor(16, 16, 20));
	QPainter painter(&sheet);
	painter.setRenderHint(QPainter::SmoothPixmapTransform);
	QFont font;
	font.setPixelSize(18);
	font.setBold(true);
	painter.setFont(font);
	for (size_t i = 0; i < moments.size(); ++i) {
		const int x = 8 + static_cast<int>(i % columns) * (thumb.width() + 8);
		const int y = 8 + static_cast<int>(i / columns) * (thumb.height() + 8);
		painter.drawImage(QRect(QPoint(x, y), thumb), moments[i].image);
		painter.setPen(Qt::white);
		painter.drawText(x + 8, y + 24, QStringLiteral("t = %1 s").arg(moments[i].seconds, 0, 'f', 1));
	}
	return sheet;
}

Options parse(int argc, char **argv)
{
	Options options;
	for (int i = 1; i < argc; ++i) {
		const std::string arg = argv[i];
		auto value = [&]() -> std::string {
			if (i + 1 >= argc) {
				fail("missing value for " + arg);
			}
			return argv[++i];
		};
		if (arg == "--module") {
			options.module = value();
		} else if (arg == "--data") {
			options.data = value();
		} else if (arg == "--spec") {
			options.spec = value();
		} else if (arg == "--out") {
			options.out = value();
		} else if (arg == "--golden") {
			options.golden = value();
		} else if (arg == "--diff") {
			options.diff = value();
		} else if (arg == "--tolerance") {
			options.tolerance = std::stoi(value());
		} else if (arg == "--max-bad-fraction") {
			options.maxBadFraction = std::stod(value());
		} else if (arg == "--record-out") {
			options.recordOut = value();
		} else if (arg == "--bench-seconds") {
			options.benchSeconds = std::stod(value());
		} else if (arg == "--record-seconds") {
			options.recordSeconds = std::stod(value());
		} else if (arg == "--contact-sheet") {
			options.contactSheet = value();
		} else if (arg == "--obs-plugins") {
			options.obsPlugins = value();
		} else {
			fail("unknown argument " + arg);
		}
	}
	if (options.module.empty() || options.data.empty() || options.spec.empty() || options.out.empty()) {
		fail("usage: render-host --module FILE --data DIR --spec SPEC.json --out ACTUAL.png [--golden G.png]");
	}
	return options;
}

} // namespace

int main(int argc, char **argv)
{
	const Options options = parse(argc, argv);
	std::ifstream specFile(options.spec);
	if (!specFile) {
		fail("cannot read spec " + options.spec);
	}
	const nlohmann::json spec = nlohmann::json::parse(specFile);

	qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
	QGuiApplication app(argc, argv);

	Display *display = XOpenDisplay(nullptr);
	if (!display) {
		fail("cannot open the X display (run under Xvfb: tests/tools/with-xvfb.sh)");
	}
	obs_set_nix_platform(OBS_NIX_PLATFORM_X11_EGL);
	obs_set_nix_platform_display(display);
	// The module's config folder: a throw-away one whose connection is "off" unless the spec names one, so
	// only the spec's frames reach the engine.
	const std::filesystem::path configDir =
	    std::filesystem::temp_directory_path() / ("live-gifts-render-" + std::to_string(::getpid()));
	std::filesystem::create_directories(configDir / "obs-live-gifts");
	{
		std::ofstream connection(configDir / "obs-live-gifts" / "connection.json");
		connection << spec.value("connection", nlohmann::json{{"kind", "off"}}).dump();
	}
	if (!obs_startup("en-US", configDir.c_str(), nullptr)) {
		fail("obs_startup failed");
	}

	const uint32_t width = spec.value("width", 1280u);
	const uint32_t height = spec.value("height", 720u);
	obs_video_info ovi = {};
	ovi.adapter = 0;
	ovi.graphics_module = "libobs-opengl";
	ovi.fps_num = 30;
	ovi.fps_den = 1;
	ovi.base_width = ovi.output_width = width;
	ovi.base_height = ovi.output_height = height;
	ovi.output_format = VIDEO_FORMAT_BGRA;
	ovi.colorspace = VIDEO_CS_709;
	ovi.range = VIDEO_RANGE_FULL;
	ovi.scale_type = OBS_SCALE_BICUBIC;
	ovi.gpu_conversion = true;
	if (obs_reset_video(&ovi) != OBS_VIDEO_SUCCESS) {
		fail("obs_reset_video failed");
	}
	const bool recording = spec.contains("record") && !options.recordOut.empty();
	if (recording) {
		obs_audio_info ai = {};
		ai.samples_per_sec = 48000;
		ai.speakers = SPEAKERS_STEREO;
		if (!obs_reset_audio(&ai)) {
			fail("obs_reset_audio failed");
		}
		if (!loadModule(options.obsPlugins + "/obs-x264.so", options.obsPluginData + "/obs-x264") ||
		    !loadModule(options.obsPlugins + "/obs-ffmpeg.so", options.obsPluginData + "/obs-ffmpeg")) {
			fail("cannot load OBS's obs-x264 and obs-ffmpeg modules");
		}
	}
	// A colour source for the opaque backdrop comes from OBS's own image-source module.
	if (!loadModule(options.obsPlugins + "/image-source.so", options.obsPluginData + "/image-source")) {
		fail("cannot load OBS's image-source module");
	}
	if (!loadModule(options.module, options.data)) {
		fail("cannot load our module");
	}

	int exitCode = 0;
	{
		OBSSceneAutoRelease scene(obs_scene_create("render-test"));
		nlohmann::json backdrop = {
		    {"color", spec.value("backdrop", 0xFF3A2F2Bu)}, {"width", width}, {"height", height}};
		OBSSourceAutoRelease backdropSource(
		    obs_source_create("color_source_v3", "backdrop", toObsData(backdrop), nullptr));
		if (!backdropSource) {
			fail("cannot create the backdrop colour source");
		}
		obs_scene_add(scene, backdropSource);

		std::vector<OBSSourceAutoRelease> ours;
		for (const auto &item : spec.at("sources")) {
			const std::string id = item.at("id");
			OBSSourceAutoRelease source(
			    obs_source_create(id.c_str(), item.value("name", id).c_str(),
					      toObsData(item.value("settings", nlohmann::json::object())), nullptr));
			if (!source) {
				fail("cannot create source " + id);
			}
			obs_sceneitem_t *sceneItem = obs_scene_add(scene, source);
			vec2 pos;
			vec2_set(&pos, item.value("x", 0.0f), item.value("y", 0.0f));
			obs_sceneitem_set_pos(sceneItem, &pos);
			ours.push_back(std::move(source));
		}
		obs_set_output_source(0, obs_scene_get_source(scene));

		Capture capture;
		capture.width = width;
		capture.height = height;
		obs_add_raw_video_callback(nullptr, onRawVideo, &capture);

		// Time starts at 0 on every source when the spec drives it by hand.
		const bool manualTime = spec.value("manual_time", false);
		if (manualTime) {
			for (const auto &source : ours) {
				setTime(source, 0);
			}
		}
		waitFrames(capture, 2);
		// Steps: {"frames": [event objects]} fed into the engine, {"time_ms": N} sets the clock of every
		// source of ours, {"call": "procedure", "args": {...}} calls a procedure on every source of ours that
		// has it, {"wait_frames": N}.
		const std::filesystem::path specDir = std::filesystem::path(options.spec).parent_path();
		for (const auto &step : spec.value("steps", nlohmann::json::array())) {
			if (step.contains("frames") && !ours.empty()) {
				std::vector<std::string> frames;
				for (const auto &frame : step.at("frames")) {
					frames.push_back(frame.is_string() ? frame.get<std::string>() : frame.dump());
				}
				submitFrames(ours.front(), frames);
			}
			if (step.contains("frames_file") && !ours.empty()) {
				std::ifstream in(specDir / step.at("frames_file").get<std::string>());
				std::vector<std::string> frames;
				for (std::string line; std::getline(in, line);) {
					if (!line.empty()) {
						frames.push_back(line);
					}
				}
				submitFrames(ours.front(), frames);
			}
			if (step.contains("time_ms")) {
				for (const auto &source : ours) {
					setTime(source, step.at("time_ms").get<long long>());
				}
			}
			if (step.contains("call")) {
				for (const auto &source : ours) {
					callProc(source, step.at("call").get<std::string>(),
						 step.value("args", nlohmann::json::object()));
				}
			}
			waitFrames(capture, step.value("wait_frames", 2u));
		}

		// Then wait until every source of ours is settled (or only ready, for mid-animation frames) and
		// take a frame rendered after that.
		const bool settle = spec.value("settle", true);
		const char *proc = settle ? "live_gifts_settled" : "live_gifts_ready";
		const char *flag = settle ? "settled" : "ready";
		const auto deadline =
		    std::chrono::steady_clock::now() + std::chrono::seconds(spec.value("timeout", 30));
		uint64_t settledAtFrame = 0;
		const uint64_t extraFrames = spec.value("extra_frames", 3u);
		// "wait": "none" skips this (a live demo never settles).
		const bool waitForSources = spec.value("wait", std::string("sources")) != "none";
		while (waitForSources) {
			std::this_thread::sleep_for(std::chrono::milliseconds(20));
			bool settled = true;
			for (const auto &source : ours) {
				settled = settled && sourceFlag(source, proc, flag);
			}
			const uint64_t frames = framesSoFar(capture);
			if (!settled) {
				settledAtFrame = 0;
			} else if (settledAtFrame == 0) {
				settledAtFrame = frames + 1;
			} else if (frames >= settledAtFrame + extraFrames) {
				break;
			}
			if (std::chrono::steady_clock::now() > deadline) {
				fail(std::string("timed out waiting for the sources to be ") + flag);
			}
		}
		if (options.benchSeconds > 0) {
			bench(capture, options.benchSeconds);
		}
		if (recording) {
			const auto &rec = spec.at("record");
			const std::vector<Moment> moments =
			    record(options, capture,
				   options.recordSeconds > 0 ? options.recordSeconds : rec.value("seconds", 30.0),
				   rec.value("moment_every_ms", 5000));
			if (!options.contactSheet.empty()) {
				contactSheet(moments).save(QString::fromStdString(options.contactSheet));
				std::printf("render-host: contact sheet of %zu moments: %s\n", moments.size(),
					    options.contactSheet.c_str());
			}
		}
		obs_remove_raw_video_callback(onRawVideo, &capture);
		QImage actual;
		{
			std::lock_guard lock(capture.mutex);
			actual = toImage(capture);
		}
		std::filesystem::create_directories(std::filesystem::path(options.out).parent_path());
		if (!actual.save(QString::fromStdString(options.out))) {
			fail("cannot write " + options.out);
		}
		std::printf("render-host: wrote %s (%ux%u)\n", options.out.c_str(), width, height);

		// Pixel probes from the spec: {"x","y","rgb":[r,g,b],"tolerance"} or {"x","y","not_rgb":[r,g,b]}.
		for (const auto &probe : spec.value("probes", nlohmann::json::array())) {
			const int x = probe.at("x");
			const int y = probe.at("y");
			const QRgb pixel = actual.pixel(x, y);
			const int tol = probe.value("tolerance", 24);
			const bool wantEqual = probe.contains("rgb");
			const auto &rgb = wantEqual ? probe.at("rgb") : probe.at("not_rgb");
			const int delta = std::max({std::abs(qRed(pixel) - rgb[0].get<int>()),
						    std::abs(qGreen(pixel) - rgb[1].get<int>()),
						    std::abs(qBlue(pixel) - rgb[2].get<int>())});
			const bool ok = wantEqual ? delta <= tol : delta > tol;
			std::printf("render-host: probe %s (%d,%d) = (%d,%d,%d) %s (%d,%d,%d): %s\n",
				    probe.value("what", "").c_str(), x, y, qRed(pixel), qGreen(pixel), qBlue(pixel),
				    wantEqual ? "want" : "must differ from", rgb[0].get<int>(), rgb[1].get<int>(),
				    rgb[2].get<int>(), ok ? "ok" : "FAILED");
			if (!ok) {
				exitCode = 1;
			}
		}

		if (!options.golden.empty()) {
			if (qEnvironmentVariableIntValue("LIVE_GIFTS_BLESS") == 1) {
				actual.save(QString::fromStdString(options.golden));
				std::printf("render-host: blessed %s\n", options.golden.c_str());
			} else {
				QImage golden(QString::fromStdString(options.golden));
				if (golden.isNull()) {
					std::fprintf(stderr,
						     "render-host: golden %s missing; actual is %s (LIVE_GIFTS_BLESS=1 "
						     "to create)\n",
						     options.golden.c_str(), options.out.c_str());
					exitCode = 1;
				} else if (golden.size() != actual.size()) {
					std::fprintf(stderr, "render-host: size differs from golden %s\n",
						     options.golden.c_str());
					exitCode = 1;
				} else {
					golden = golden.convertToFormat(QImage::Format_RGB32);
					QImage diff;
					const long long bad = compare(actual, golden, options.tolerance, diff);
					const double fraction =
					    static_cast<double>(bad) /
					    (static_cast<double>(width) * static_cast<double>(height));
					std::printf(
					    "render-host: %lld pixels differ by more than %d (%.5f%%, limit %.5f%%)\n",
					    bad, options.tolerance, fraction * 100.0, options.maxBadFraction * 100.0);
					if (fraction > options.maxBadFraction) {
						const std::string diffPath =
						    options.diff.empty() ? options.out + ".diff.png" : options.diff;
						diff.save(QString::fromStdString(diffPath));
						std::fprintf(
						    stderr,
						    "render-host: FAILED against %s\n  actual: %s\n  diff:   %s\n",
						    options.golden.c_str(), options.out.c_str(), diffPath.c_str());
						exitCode = 1;
					}
				}
			}
		}
		obs_set_output_source(0, nullptr);
	}
	obs_shutdown();
	XCloseDisplay(display);
	std::error_code ignored;
	std::filesystem::remove_all(configDir, ignored);
	return exitCode;
}
