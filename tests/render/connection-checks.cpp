#include "connection-checks.hpp"

#include <obs.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>

#include <sys/stat.h>

namespace render_host {

namespace {

nlohmann::json describeConnection(obs_source_t *source)
{
	calldata_t data = {};
	nlohmann::json description;
	if (proc_handler_call(obs_source_get_proc_handler(source), "live_gifts_connection", &data)) {
		const char *text = calldata_string(&data, "json");
		description = nlohmann::json::parse(text ? text : "null", nullptr, false);
	}
	calldata_free(&data);
	return description;
}

// Every key of `want` has the same value in `have`.
bool matches(const nlohmann::json &have, const nlohmann::json &want)
{
	if (!have.is_object()) {
		return false;
	}
	for (const auto &[key, value] : want.items()) {
		if (!have.contains(key) || have.at(key) != value) {
			return false;
		}
	}
	return true;
}

// Polls `probe` until it returns true or 10 s passed.
template <typename Probe>
bool within10s(Probe probe)
{
	const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
	while (!probe()) {
		if (std::chrono::steady_clock::now() > deadline) {
			return false;
		}
		std::this_thread::sleep_for(std::chrono::milliseconds(20));
	}
	return true;
}

unsigned modeOf(const std::filesystem::path &path)
{
	struct stat info = {};
	return ::stat(path.c_str(), &info) == 0 ? static_cast<unsigned>(info.st_mode & 0777) : 0u;
}

bool expectConnection(obs_source_t *source, const nlohmann::json &want)
{
	// "connects": connectors started so far (the rest: the connection's settings).
	nlohmann::json settings = want;
	settings.erase("connects");
	nlohmann::json have;
	const bool ok = within10s([&] {
		have = describeConnection(source);
		return have.is_object() && matches(have.value("connection", nlohmann::json()), settings) &&
		       have.value("applied", -1) == have.value("revision", -2) &&
		       (!want.contains("connects") || have.value("connects", -1) == want.at("connects"));
	});
	std::printf("render-host: connection %s, want %s: %s\n", have.dump().c_str(), want.dump().c_str(),
		    ok ? "ok" : "FAILED");
	return ok;
}

bool expectConnectionFile(const ObsSession &session, const nlohmann::json &want)
{
	const std::filesystem::path file = session.moduleConfigDir() / "connection.json";
	nlohmann::json have;
	const bool ok = within10s([&] {
		std::ifstream in(file);
		have = nlohmann::json::parse(std::string(std::istreambuf_iterator<char>(in), {}), nullptr, false);
		return matches(have, want) && modeOf(file) == 0600 && modeOf(session.moduleConfigDir()) == 0700;
	});
	std::printf("render-host: connection.json (mode %o in a folder of mode %o) %s, want %s: %s\n", modeOf(file),
		    modeOf(session.moduleConfigDir()), have.dump().c_str(), want.dump().c_str(), ok ? "ok" : "FAILED");
	return ok;
}

// {"expect_recording": {"grows": true}}: recordings/stream.jsonl in the module's config folder gets new lines
// within 10 s (false: none for 2 s).
bool expectRecording(const ObsSession &session, const nlohmann::json &want)
{
	const std::filesystem::path file = session.moduleConfigDir() / "recordings" / "stream.jsonl";
	const auto lines = [&file] {
		std::ifstream in(file);
		return std::count(std::istreambuf_iterator<char>(in), {}, '\n');
	};
	const auto before = lines();
	const bool grows = want.value("grows", true);
	bool ok = false;
	if (grows) {
		ok = within10s([&] { return lines() > before; });
	} else {
		std::this_thread::sleep_for(std::chrono::seconds(2));
		ok = lines() == before;
	}
	std::printf("render-host: recording %ld lines then %ld, want it to %s: %s\n", static_cast<long>(before),
		    static_cast<long>(lines()), grows ? "grow" : "stay", ok ? "ok" : "FAILED");
	return ok;
}

bool expectSavedWithout(const std::vector<OBSSourceAutoRelease> &ours, const nlohmann::json &keys)
{
	bool ok = true;
	for (const auto &source : ours) {
		OBSDataAutoRelease saved(obs_save_source(source));
		OBSDataAutoRelease settings(obs_data_get_obj(saved, "settings"));
		for (const auto &key : keys) {
			const std::string name = key.get<std::string>();
			if (settings && obs_data_has_user_value(settings, name.c_str())) {
				std::printf("render-host: source '%s' saves '%s': FAILED\n",
					    obs_source_get_name(source), name.c_str());
				ok = false;
			}
		}
	}
	std::printf("render-host: saved settings hold none of %s: %s\n", keys.dump().c_str(), ok ? "ok" : "FAILED");
	return ok;
}

// {"source name": ["key", ...]} or {"source name": {"key": "text", ...}}: what OBS saves of the source
// (obs_save_source) holds these private settings (and each string value holds that text).
bool expectPrivateSaved(const std::vector<OBSSourceAutoRelease> &ours, const nlohmann::json &want)
{
	bool ok = true;
	for (const auto &[name, keys] : want.items()) {
		for (const auto &source : ours) {
			if (name != obs_source_get_name(source)) {
				continue;
			}
			OBSDataAutoRelease saved(obs_save_source(source));
			OBSDataAutoRelease privateSettings(obs_data_get_obj(saved, "private_settings"));
			for (const auto &[index, entry] : keys.items()) {
				const std::string key = keys.is_object() ? index : entry.get<std::string>();
				const std::string text = keys.is_object() ? entry.get<std::string>() : std::string();
				const bool held =
				    privateSettings && obs_data_has_user_value(privateSettings, key.c_str()) &&
				    std::string(obs_data_get_string(privateSettings, key.c_str())).find(text) !=
					std::string::npos;
				std::printf("render-host: source '%s' saves private '%s'%s%s: %s\n", name.c_str(),
					    key.c_str(), text.empty() ? "" : " holding ", text.c_str(),
					    held ? "ok" : "FAILED");
				ok = held && ok;
			}
		}
	}
	return ok;
}

bool expectAlerts(const std::vector<OBSSourceAutoRelease> &ours, const nlohmann::json &want)
{
	bool ok = true;
	for (const auto &[name, expected] : want.items()) {
		obs_source_t *source = nullptr;
		for (const auto &candidate : ours) {
			if (name == obs_source_get_name(candidate)) {
				source = candidate;
			}
		}
		calldata_t data = {};
		const bool called = source != nullptr && proc_handler_call(obs_source_get_proc_handler(source),
									   "live_gifts_alerts_state", &data);
		const nlohmann::json state = {{"queued", calldata_int(&data, "queued")},
					      {"showing", calldata_bool(&data, "showing")},
					      {"paused", calldata_bool(&data, "paused")}};
		calldata_free(&data);
		bool same = called;
		for (const auto &[key, value] : expected.items()) {
			same = same && state.value(key, nlohmann::json()) == value;
		}
		std::printf("render-host: alerts of '%s' %s, want %s: %s\n", name.c_str(), state.dump().c_str(),
			    expected.dump().c_str(), same ? "ok" : "FAILED");
		ok = same && ok;
	}
	return ok;
}

// {"expect_procs": {"live_gifts_submit_frame": false, "live_gifts_flush": true}}: whether every source of
// ours has these procedures (proc_handler_call is false for one it lacks). Called with no arguments.
bool expectProcs(const std::vector<OBSSourceAutoRelease> &ours, const nlohmann::json &want)
{
	bool ok = !ours.empty();
	for (const auto &source : ours) {
		for (const auto &[name, present] : want.items()) {
			calldata_t data = {};
			const bool has = proc_handler_call(obs_source_get_proc_handler(source), name.c_str(), &data);
			calldata_free(&data);
			const bool good = has == present.get<bool>();
			std::printf("render-host: source '%s' %s procedure %s: %s\n", obs_source_get_name(source),
				    has ? "has" : "lacks", name.c_str(), good ? "ok" : "FAILED");
			ok = good && ok;
		}
	}
	return ok;
}

} // namespace

bool checkConnectionStep(const nlohmann::json &step, obs_source_t *any, const std::vector<OBSSourceAutoRelease> &ours,
			 const ObsSession &session)
{
	bool ok = true;
	if (step.contains("set_connection")) {
		const std::string json = step.at("set_connection").dump();
		calldata_t data = {};
		calldata_set_string(&data, "json", json.c_str());
		ok = proc_handler_call(obs_source_get_proc_handler(any), "live_gifts_set_connection", &data);
		calldata_free(&data);
		std::printf("render-host: set connection %s: %s\n", json.c_str(), ok ? "ok" : "FAILED");
	}
	if (step.contains("expect_connection")) {
		ok = expectConnection(any, step.at("expect_connection")) && ok;
	}
	if (step.contains("expect_connection_file")) {
		ok = expectConnectionFile(session, step.at("expect_connection_file")) && ok;
	}
	if (step.contains("expect_recording")) {
		ok = expectRecording(session, step.at("expect_recording")) && ok;
	}
	if (step.contains("expect_saved_without")) {
		ok = expectSavedWithout(ours, step.at("expect_saved_without")) && ok;
	}
	if (step.contains("expect_procs")) {
		ok = expectProcs(ours, step.at("expect_procs")) && ok;
	}
	if (step.contains("expect_private_saved")) {
		ok = expectPrivateSaved(ours, step.at("expect_private_saved")) && ok;
	}
	if (step.contains("expect_alerts")) {
		ok = expectAlerts(ours, step.at("expect_alerts")) && ok;
	}
	return ok;
}

} // namespace render_host
