#include "spec-scene.hpp"

#include "connection-checks.hpp"
#include "draw-checks.hpp"
#include "goal-checks.hpp"
#include "property-steps.hpp"
#include "rule-checks.hpp"
#include "host-options.hpp"

#include <obs.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <thread>

namespace render_host {

namespace {

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

std::vector<std::string> framesOf(const nlohmann::json &list)
{
	std::vector<std::string> frames;
	for (const auto &frame : list) {
		frames.push_back(frame.is_string() ? frame.get<std::string>() : frame.dump());
	}
	return frames;
}

std::vector<std::string> framesFromFile(const std::filesystem::path &file)
{
	std::ifstream in(file);
	std::vector<std::string> frames;
	for (std::string line; std::getline(in, line);) {
		if (!line.empty()) {
			frames.push_back(line);
		}
	}
	return frames;
}

} // namespace

SpecScene::SpecScene(const nlohmann::json &spec, const ObsSession &session)
    : scene_(obs_scene_create("render-test")), outliveUnload_(spec.value("outlive_unload", false))
{
	const nlohmann::json backdrop = {
	    {"color", spec.value("backdrop", 0xFF3A2F2Bu)}, {"width", session.width()}, {"height", session.height()}};
	backdrop_ =
	    OBSSourceAutoRelease(obs_source_create("color_source_v3", "backdrop", toObsData(backdrop), nullptr));
	if (!backdrop_) {
		fail("cannot create the backdrop colour source");
	}
	obs_scene_add(scene_, backdrop_);
	if (spec.contains("load_scene") && loadScene(session.configDir() / spec.at("load_scene").get<std::string>())) {
		obs_set_output_source(0, obs_scene_get_source(scene_));
		return;
	}
	for (const auto &item : spec.at("sources")) {
		const std::string id = item.at("id");
		OBSSourceAutoRelease source(
		    obs_source_create(id.c_str(), item.value("name", id).c_str(),
				      toObsData(item.value("settings", nlohmann::json::object())),
				      toObsData(item.value("hotkeys", nlohmann::json::object()))));
		if (!source) {
			fail("cannot create source " + id);
		}
		addSource(std::move(source), item.value("x", 0.0f), item.value("y", 0.0f));
		obs_sceneitem_set_visible(items_.back(), item.value("visible", true));
		if (item.contains("scale")) { // the item scaled (as a streamer drags its corner)
			vec2 scale;
			vec2_set(&scale, item.at("scale").get<float>(), item.at("scale").get<float>());
			obs_sceneitem_set_scale(items_.back(), &scale);
		}
	}
	obs_set_output_source(0, obs_scene_get_source(scene_));
}

SpecScene::~SpecScene()
{
	obs_set_output_source(0, nullptr);
	if (outliveUnload_) {
		for (const auto &source : ours_) {
			obs_source_get_ref(
			    source); // never released: obs_shutdown destroys it after the module unloaded
		}
	}
}

obs_source_t *SpecScene::sourceNamed(const std::string &name) const
{
	for (const auto &source : ours_) {
		if (name == obs_source_get_name(source)) {
			return source;
		}
	}
	fail("the spec names no source '" + name + "'");
}

void SpecScene::submit(const nlohmann::json &frames) const
{
	if (!ours_.empty()) {
		submitFrames(ours_.front(), framesOf(frames));
	}
}

void SpecScene::call(const nlohmann::json &step) const
{
	for (const auto &source : ours_) {
		if (!step.contains("source") || sourceNamed(step.at("source")) == source.Get()) {
			callProc(source, step.at("call").get<std::string>(),
				 step.value("args", nlohmann::json::object()));
		}
	}
}

// Steps: {"frames": [event objects]} or {"frames_file": "x.jsonl"} fed into the engine, {"time_ms": N} sets
// the clock of every source of ours, {"call": "procedure", "args": {...}} calls a procedure on every source
// of ours that has it, {"properties": "name"} asks a source for its properties (as a dialog opening does),
// {"duplicate": "name", "as": "new name"} duplicates a source into the scene (as Copy + Paste (Duplicate)
// does), {"reload": "name", "stall_ms": N} removes a source and loads it again from what it saved (as Undo of
// its removal does; N: the graphics context held N ms around it, so its first tick runs late), {"backup":
// "name"} saves a source (as OBS does to every source of a scene when one is removed, for Undo),
// {"load_again": "name"} calls its load again (as that Undo does to the sources it did not remove), a
// "reload" with "from_backup": true loads what the last "backup" saved (an Undo again after a Redo),
// {"expect_round_end_kept": {"name": ms}} (after the step's frames: reloadSource), {"update": "name", "settings":
// {...}} changes its settings (obs_source_update), {"defaults": "name"} clears them and applies that (the
// properties' Defaults button), {"wait_frames": N}; then the goal steps (runGoalStep), the draw
// checks (draw-checks.hpp), the connection checks (connection-checks.hpp) and the rule steps (rule-checks.hpp).
bool SpecScene::runSteps(const nlohmann::json &spec, const std::filesystem::path &specDir, const ObsSession &session,
			 const Capture &capture)
{
	// Time starts at 0 on every source when the spec drives it by hand.
	if (spec.value("manual_time", false)) {
		for (const auto &source : ours_) {
			setTime(source, 0);
		}
	}
	capture.waitFrames(2);
	bool ok = true;
	for (const auto &step : spec.value("steps", nlohmann::json::array())) {
		if (!ours_.empty()) {
			setRulesTime(step, ours_.front());
		}
		if (step.contains("frames") && !ours_.empty()) {
			submitFrames(ours_.front(), framesOf(step.at("frames")));
		}
		if (step.contains("frames_file") && !ours_.empty()) {
			submitFrames(ours_.front(),
				     framesFromFile(specDir / step.at("frames_file").get<std::string>()));
		}
		if (step.contains("time_ms")) {
			for (const auto &source : ours_) {
				setTime(source, step.at("time_ms").get<long long>());
			}
		}
		if (step.contains("call")) {
			call(step);
		}
		if (step.contains("properties")) {
			obs_properties_destroy(obs_source_properties(sourceNamed(step.at("properties"))));
		}
		if (step.contains("duplicate")) {
			OBSSourceAutoRelease copy(obs_source_duplicate(
			    sourceNamed(step.at("duplicate")), step.value("as", std::string("copy")).c_str(), false));
			if (!copy) {
				fail("cannot duplicate " + step.at("duplicate").get<std::string>());
			}
			addSource(std::move(copy), 0.0f, 0.0f);
		}
		if (step.contains("reload")) {
			reloadSource(step.at("reload").get<std::string>(), step.value("stall_ms", 0),
				     step.value("from_backup", false));
		}
		if (step.contains("backup")) {
			OBSDataAutoRelease backup(obs_save_source(sourceNamed(step.at("backup"))));
			backups_[step.at("backup").get<std::string>()] = obs_data_get_json(backup);
		}
		if (step.contains("load_again")) {
			obs_source_load2(sourceNamed(step.at("load_again")));
		}
		if (step.contains("update")) {
			obs_source_update(sourceNamed(step.at("update")),
					  toObsData(step.value("settings", nlohmann::json::object())));
		}
		if (step.contains("defaults")) { // the properties' Defaults button: every setting cleared, then applied
			OBSDataAutoRelease settings(obs_source_get_settings(sourceNamed(step.at("defaults"))));
			obs_data_clear(settings);
			obs_source_update(sourceNamed(step.at("defaults")), nullptr);
		}
		ok = runPropertyStep(step, [this](const std::string &name) { return sourceNamed(name); }) && ok;
		capture.waitFrames(step.value("wait_frames", 2u));
		if (step.contains("expect_round_end_kept")) {
			ok = expectRoundEndKept(step.at("expect_round_end_kept")) && ok;
		}
		ok = runGoalStep(step, session) && ok;
		ok = checkDrawStep(
			 step, [this](const std::string &name) { return sourceNamed(name); }, capture) &&
		     ok;
		if (!ours_.empty()) {
			ok = checkConnectionStep(step, ours_.front(), ours_, session) && ok;
			ok = runRuleStep(step, ours_.front(), scene_) && ok;
		}
	}
	return ok;
}

std::vector<obs_source_t *> SpecScene::ours() const
{
	std::vector<obs_source_t *> sources;
	for (const auto &source : ours_) {
		sources.push_back(source);
	}
	return sources;
}

void SpecScene::addSource(OBSSourceAutoRelease source, float x, float y)
{
	obs_sceneitem_t *item = obs_scene_add(scene_, source);
	vec2 pos;
	vec2_set(&pos, x, y);
	obs_sceneitem_set_pos(item, &pos);
	ours_.push_back(std::move(source));
	items_.push_back(item);
}

bool SpecScene::loadScene(const std::filesystem::path &file)
{
	std::ifstream in(file);
	if (!in) {
		return false;
	}
	const nlohmann::json saved = nlohmann::json::parse(in, nullptr, false);
	if (!saved.is_array()) {
		fail("cannot read the saved scene " + file.string());
	}
	for (const auto &entry : saved) {
		OBSDataAutoRelease data(obs_data_create_from_json(entry.at("source").dump().c_str()));
		OBSSourceAutoRelease source(obs_load_source(data));
		if (!source) {
			fail("cannot load a source of " + file.string());
		}
		addSource(std::move(source), entry.value("x", 0.0f), entry.value("y", 0.0f));
	}
	// As OBS does once a collection's sources are loaded: their load callbacks, with the private settings set.
	for (const auto &source : ours_) {
		obs_source_load2(source);
	}
	std::printf("render-host: loaded %zu sources from %s\n", saved.size(), file.c_str());
	return true;
}

void SpecScene::saveScene(const std::filesystem::path &file) const
{
	nlohmann::json saved = nlohmann::json::array();
	for (std::size_t i = 0; i < ours_.size(); ++i) {
		OBSDataAutoRelease data(obs_save_source(ours_[i]));
		vec2 pos;
		obs_sceneitem_get_pos(items_[i], &pos);
		saved.push_back(
		    {{"x", pos.x}, {"y", pos.y}, {"source", nlohmann::json::parse(obs_data_get_json(data))}});
	}
	std::ofstream(file) << saved.dump(1);
}

namespace {

// The ends_at of the Gift vs Gift round in what a source saved (its private settings), or -1.
long long savedRoundEnd(obs_data_t *saved)
{
	OBSDataAutoRelease privateSettings(obs_data_get_obj(saved, "private_settings"));
	const char *round = privateSettings ? obs_data_get_string(privateSettings, "round") : "";
	const nlohmann::json json = nlohmann::json::parse(round, nullptr, false);
	return json.is_object() ? json.value("ends_at", -1LL) : -1;
}

} // namespace

bool SpecScene::expectRoundEndKept(const nlohmann::json &want) const
{
	bool ok = true;
	for (const auto &[name, most] : want.items()) {
		OBSDataAutoRelease saved(obs_save_source(sourceNamed(name)));
		const long long before = endsBeforeReload_.count(name) != 0 ? endsBeforeReload_.at(name) : -1;
		const long long after = savedRoundEnd(saved);
		const bool kept = before > 0 && after > 0 && std::llabs(after - before) <= most.get<long long>();
		std::printf(
		    "render-host: '%s' saves its round's end %+lld ms from before its reload (at most %lld): %s\n",
		    name.c_str(), after - before, most.get<long long>(), kept ? "ok" : "FAILED");
		ok = kept && ok;
	}
	return ok;
}

void SpecScene::reloadSource(const std::string &name, int stallMs, bool fromBackup)
{
	obs_source_t *source = sourceNamed(name);
	vec2 pos;
	vec2_set(&pos, 0.0f, 0.0f);
	for (std::size_t i = 0; i < ours_.size(); ++i) {
		if (ours_[i].Get() == source) {
			obs_sceneitem_get_pos(items_[i], &pos);
		}
	}
	// Through its JSON, as OBS keeps what Undo brings back (the saved data shares the source's own settings).
	OBSDataAutoRelease data(obs_save_source(source));
	if (fromBackup && backups_.count(name) == 0) {
		fail("no backup of " + name + " to reload from");
	}
	OBSDataAutoRelease saved(
	    obs_data_create_from_json(fromBackup ? backups_.at(name).c_str() : obs_data_get_json(data)));
	endsBeforeReload_[name] = savedRoundEnd(saved);
	OBSWeakSourceAutoRelease weak(obs_source_get_weak_source(source));
	removeSource(name);
	if (fromBackup) {
		// An Undo again after a Redo: the user's second act comes seconds after the removal, the source gone.
		// Its last reference is released (on whichever thread held it), then the releasing thread queues its
		// destruction on libobs's task thread: wait for the one, give the other time, wait for the queue.
		const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
		while (OBSSourceAutoRelease(obs_weak_source_get_source(weak)) &&
		       std::chrono::steady_clock::now() < deadline) {
			std::this_thread::sleep_for(std::chrono::milliseconds(10));
		}
		std::this_thread::sleep_for(std::chrono::milliseconds(200));
		obs_wait_for_destroy_queue();
	}
	if (stallMs > 0) {
		obs_enter_graphics(); // a video thread waiting for it to begin a frame ticks that frame late
	}
	OBSSourceAutoRelease loaded(obs_load_source(saved));
	if (!loaded) {
		fail("cannot load " + name + " again");
	}
	obs_source_load2(loaded);
	if (stallMs > 0) {
		std::this_thread::sleep_for(std::chrono::milliseconds(stallMs));
		obs_leave_graphics();
	}
	addSource(std::move(loaded), pos.x, pos.y);
	std::printf("render-host: removed and loaded again '%s'\n", name.c_str());
}

void SpecScene::removeSource(const std::string &name)
{
	obs_source_t *source = sourceNamed(name);
	obs_source_remove(source); // as deleting it in OBS does: "remove" signal, out of every scene
	for (std::size_t i = 0; i < ours_.size(); ++i) {
		if (ours_[i].Get() == source) {
			ours_.erase(ours_.begin() + static_cast<std::ptrdiff_t>(i));
			items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(i));
			break;
		}
	}
}

bool SpecScene::runGoalStep(const nlohmann::json &step, const ObsSession &session)
{
	if (step.contains("remove")) {
		removeSource(step.at("remove"));
	}
	if (step.contains("save_scene")) {
		saveScene(session.configDir() / step.at("save_scene").get<std::string>());
	}
	bool ok = true;
	if (step.contains("expect_goal")) {
		const nlohmann::json &list = step.at("expect_goal");
		for (const auto &want : list.is_array() ? list : nlohmann::json::array({list})) {
			obs_source_t *other =
			    want.contains("id_differs_from") ? sourceNamed(want.at("id_differs_from")) : nullptr;
			ok = expectGoal(sourceNamed(want.at("source")), want, other) && ok;
		}
	}
	return ok;
}

void SpecScene::waitUntilSettled(const nlohmann::json &spec, const Capture &capture)
{
	// "wait": "none" skips this (a live demo never settles).
	if (spec.value("wait", std::string("sources")) == "none") {
		return;
	}
	const bool settle = spec.value("settle", true);
	const char *proc = settle ? "live_gifts_settled" : "live_gifts_ready";
	const char *flag = settle ? "settled" : "ready";
	const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(spec.value("timeout", 30));
	const uint64_t extraFrames = spec.value("extra_frames", 3u);
	uint64_t settledAtFrame = 0;
	for (;;) {
		std::this_thread::sleep_for(std::chrono::milliseconds(20));
		bool settled = true;
		for (const auto &source : ours_) {
			settled = settled && sourceFlag(source, proc, flag);
		}
		const uint64_t frames = capture.frames();
		if (!settled) {
			settledAtFrame = 0;
		} else if (settledAtFrame == 0) {
			settledAtFrame = frames + 1;
		} else if (frames >= settledAtFrame + extraFrames) {
			return;
		}
		if (std::chrono::steady_clock::now() > deadline) {
			fail(std::string("timed out waiting for the sources to be ") + flag);
		}
	}
}

} // namespace render_host
