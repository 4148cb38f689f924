#pragma once

// libobs set up and torn down for one run: an X display (Xvfb) with Mesa's EGL, a throw-away config
// folder whose connection.json is the spec's (or "off", so only the spec's frames reach the engine), video
// (and audio when recording) reset to the spec's canvas and frame rate ("fps", default 30), OBS's own plugins and ours
// loaded.

#include "host-options.hpp"

#include <obs.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>

namespace render_host {

class ObsSession {
public:
	// Fails (exits) when any part cannot start.
	ObsSession(const Options &options, const nlohmann::json &spec, bool recording);
	~ObsSession(); // waits for OBS's destroy queue, obs_shutdown, closes the display, removes the config folder
	ObsSession(const ObsSession &) = delete;
	ObsSession &operator=(const ObsSession &) = delete;

	uint32_t width() const { return width_; }
	uint32_t height() const { return height_; }
	// The module's config folder (where connection.json lives).
	std::filesystem::path moduleConfigDir() const { return configDir_ / "obs-live-gifts"; }
	// The whole config folder (kept after the run with --state).
	const std::filesystem::path &configDir() const { return configDir_; }

private:
	std::filesystem::path configDir_;
	bool keep_ = false;       // --state: the folder outlives the run
	void *display_ = nullptr; // X11 Display *
	uint32_t width_ = 0, height_ = 0;
};

OBSDataAutoRelease toObsData(const nlohmann::json &settings);

} // namespace render_host
