#include "obs-session.hpp"

#include <obs-module.h>
#include <obs-nix-platform.h>
#include <obs.h>

#include <X11/Xlib.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <system_error>

#include <unistd.h>

namespace render_host {

namespace {

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
	// The source types it registered (packaging checks and checks against other OBS versions read this line).
	std::string registered;
	const char *id = nullptr;
	for (size_t i = 0; obs_enum_input_types(i, &id); ++i) {
		if (std::string(id).rfind("live_gifts_", 0) == 0) {
			registered += registered.empty() ? id : std::string(" ") + id;
		}
	}
	if (!registered.empty()) {
		std::printf("render-host: libobs %s, module registered: %s\n", obs_get_version_string(),
			    registered.c_str());
	}
	return true;
}

void resetVideo(uint32_t width, uint32_t height, uint32_t fps)
{
	obs_video_info ovi = {};
	ovi.adapter = 0;
	ovi.graphics_module = "libobs-opengl";
	ovi.fps_num = fps;
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
}

} // namespace

OBSDataAutoRelease toObsData(const nlohmann::json &settings)
{
	return OBSDataAutoRelease(obs_data_create_from_json(settings.dump().c_str()));
}

ObsSession::ObsSession(const Options &options, const nlohmann::json &spec, bool recording)
    : width_(spec.value("width", 1280u)), height_(spec.value("height", 720u))
{
	Display *display = XOpenDisplay(nullptr);
	if (!display) {
		fail("cannot open the X display (run under Xvfb: tests/tools/with-xvfb.sh)");
	}
	display_ = display;
	obs_set_nix_platform(OBS_NIX_PLATFORM_X11_EGL);
	obs_set_nix_platform_display(display);

	keep_ = !options.state.empty();
	configDir_ = keep_
			 ? std::filesystem::absolute(options.state)
			 : std::filesystem::temp_directory_path() / ("live-gifts-render-" + std::to_string(::getpid()));
	if (!keep_) {
		// A folder of an earlier run that ended without cleaning up (killed, or a failure's exit) whose process
		// had this one's id: its ledger would hold the msgIds a spec sends again, and count them as duplicates.
		std::error_code ignored;
		std::filesystem::remove_all(configDir_, ignored);
	}
	std::filesystem::create_directories(moduleConfigDir());
	{
		std::ofstream connection(moduleConfigDir() / "connection.json");
		connection << spec.value("connection", nlohmann::json{{"kind", "off"}}).dump();
	}
	// The module's test procedures (live_gifts_submit_frame, live_gifts_set_time) exist only with this
	// switch, which names the folder holding the module's config: ours, thrown away after the run. A spec
	// with "test_hooks": false checks the module as it ships.
	if (spec.value("test_hooks", true)) {
		::setenv("LIVE_GIFTS_TEST_HOOKS", configDir_.c_str(), 1);
	} else {
		::unsetenv("LIVE_GIFTS_TEST_HOOKS");
	}
	// The language OBS runs in (a spec's "locale", as OBS's Settings set it); modules load its locale file.
	const std::string locale = spec.value("locale", std::string("en-US"));
	if (!obs_startup(locale.c_str(), configDir_.c_str(), nullptr)) {
		fail("obs_startup failed");
	}
	// A libobs built elsewhere (a check against another OBS version) finds its effects here.
	// (obs_add_data_path is deprecated from OBS 32 on, with no replacement yet for a host like this one.)
	if (const char *libobsData = std::getenv("LIVE_GIFTS_LIBOBS_DATA")) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
		obs_add_data_path(libobsData);
#pragma GCC diagnostic pop
	}
	resetVideo(width_, height_, spec.value("fps", 30u));
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
}

ObsSession::~ObsSession()
{
	// As OBS's frontend does before it shuts down: libobs destroys released sources and scenes on its destroy
	// thread, and obs_shutdown (libobs 29) neither waits for that thread before it unloads the modules nor before
	// it frees every hotkey, so a scene released just before would be destroyed during the shutdown (a scene
	// item's hotkeys freed twice; our sources' destructors meeting our module's unload).
	obs_wait_for_destroy_queue();
	// That wait returns at once when OBS runs without audio (libobs 29), as most specs do: an empty task queued
	// to the destroy thread, waited for, comes after every destroy queued before it. A destroy may queue more
	// (a scene releases its items' sources), so a few rounds.
	for (int round = 0; round < 3; ++round) {
		obs_queue_task(
		    OBS_TASK_DESTROY, [](void *) {}, nullptr, true);
	}
	obs_shutdown();
	XCloseDisplay(static_cast<Display *>(display_));
	if (!keep_) {
		std::error_code ignored;
		std::filesystem::remove_all(configDir_, ignored);
	}
}

} // namespace render_host
