#pragma once

// The spec's scene and its steps: an opaque backdrop, our sources at their positions, then the steps that
// feed events, drive the clock, call procedures, open properties and change settings, and finally the wait
// until every source of ours has settled.

#include "capture.hpp"
#include "obs-session.hpp"

#include <obs.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <map>
#include <vector>

namespace render_host {

class SpecScene {
public:
	// Builds the scene and makes it the program output (fails on a source that cannot be created).
	// With "load_scene" naming a file the config folder holds (saved by a "save_scene" step of an earlier
	// run on the same --state), the sources are loaded from it (obs_load_source, as a scene collection
	// loads) instead of made from "sources".
	SpecScene(const nlohmann::json &spec, const ObsSession &session);
	// Clears the program output. With "outlive_unload": true in the spec, keeps one reference to each source of
	// ours, as a frontend that still holds its sources when it shuts OBS down: obs_shutdown then unloads our
	// module first and destroys those sources after it.
	~SpecScene();
	SpecScene(const SpecScene &) = delete;
	SpecScene &operator=(const SpecScene &) = delete;

	// Runs the spec's steps (a step waits `wait_frames`, default 2, after its actions). False when an
	// expectation of a step failed (the steps still run to the end).
	bool runSteps(const nlohmann::json &spec, const std::filesystem::path &specDir, const ObsSession &session,
		      const Capture &capture);
	// Feeds these event frames (a spec's "frames" list) to the engine through our first source.
	void submit(const nlohmann::json &frames) const;
	// Calls a procedure ("call" step: {"call": name, "args": {...}, "source": name}) on one source of ours,
	// or on every source of ours that has it.
	void call(const nlohmann::json &step) const;
	// Waits until every source of ours is settled (or only ready, "settle": false) and a few frames more.
	void waitUntilSettled(const nlohmann::json &spec, const Capture &capture);
	// Our sources as they are now.
	std::vector<obs_source_t *> ours() const;

private:
	obs_source_t *sourceNamed(const std::string &name) const;
	void addSource(OBSSourceAutoRelease source, float x, float y);
	bool loadScene(const std::filesystem::path &file);
	void saveScene(const std::filesystem::path &file) const;
	void removeSource(const std::string &name);
	// stallMs: the graphics context held that long around the load, so the video thread's first tick of the
	// loaded source runs that late after its frame's time (as while OBS loads a scene collection).
	// `fromBackup`: from what the last "backup" step saved of it (an Undo's data used again after a Redo).
	void reloadSource(const std::string &name, int stallMs, bool fromBackup);
	// {"expect_round_end_kept": {"name": ms}}: the Gift vs Gift round that source saves ends within ms of the
	// end it saved before its last reload.
	bool expectRoundEndKept(const nlohmann::json &want) const;
	// The goal steps: "remove", "save_scene", "expect_goal" (goal-checks.hpp).
	bool runGoalStep(const nlohmann::json &step, const ObsSession &session);

	OBSSceneAutoRelease scene_;
	OBSSourceAutoRelease backdrop_;
	std::map<std::string, long long> endsBeforeReload_; // a reloaded source's saved round's ends_at, by name
	std::map<std::string, std::string> backups_;        // the last "backup" step's save of a source, by name
	bool outliveUnload_ = false; // "outlive_unload": our sources are still held when OBS shuts down
	std::vector<OBSSourceAutoRelease> ours_;
	std::vector<obs_sceneitem_t *> items_; // the scene's items of ours_, in the same order (the scene owns them)
};

} // namespace render_host
