#include "rule-checks.hpp"

#include "host-options.hpp"

#include <chrono>
#include <cstdio>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace render_host {

namespace {

nlohmann::json describeRules(obs_source_t *source)
{
	calldata_t data = {};
	nlohmann::json description;
	if (proc_handler_call(obs_source_get_proc_handler(source), "live_gifts_rules", &data)) {
		const char *text = calldata_string(&data, "json");
		description = nlohmann::json::parse(text ? text : "null", nullptr, false);
	}
	calldata_free(&data);
	return description;
}

bool hasProblem(const nlohmann::json &problems, const nlohmann::json &want)
{
	for (const auto &problem : problems) {
		bool same = true;
		for (const auto &[key, value] : want.items()) {
			same = same && problem.contains(key) && problem.at(key) == value;
		}
		if (same) {
			return true;
		}
	}
	return false;
}

bool expectRules(obs_source_t *source, const nlohmann::json &want)
{
	const nlohmann::json have = describeRules(source);
	bool ok = have.is_object();
	const nlohmann::json allStats = have.value("stats", nlohmann::json::object());
	const auto counts = [&](const char *wantKey, const char *haveKey) {
		const nlohmann::json wanted = want.value(wantKey, nlohmann::json::object());
		for (const auto &[id, n] : wanted.items()) {
			const nlohmann::json stats = allStats.contains(id) ? allStats.at(id) : nlohmann::json();
			ok = ok && stats.is_object() && stats.value(haveKey, -1) == n.get<int>();
		}
	};
	counts("fired", "fired");
	counts("cooldown_skips", "cooldownSkips");
	const nlohmann::json problems = have.value("problems", nlohmann::json::array());
	const nlohmann::json wantedProblems = want.value("problems", nlohmann::json::array());
	for (const auto &problem : wantedProblems) {
		ok = ok && hasProblem(problems, problem);
	}
	if (want.contains("ids")) {
		nlohmann::json ids = nlohmann::json::array();
		for (const auto &rule : have.value("rules", nlohmann::json::array())) {
			ids.push_back(rule.value("id", ""));
		}
		ok = ok && ids == want.at("ids");
	}
	if (want.contains("state")) {
		ok = ok && have.value("state", "") == want.at("state") &&
		     have.value("writable", false) == (want.at("state") == "ok" || want.at("state") == "missing");
	}
	if (want.value("no_problems", false)) {
		ok = ok && problems.empty();
	}
	std::printf("render-host: rules %s, want %s: %s\n", have.dump().c_str(), want.dump().c_str(),
		    ok ? "ok" : "FAILED");
	return ok;
}

bool expectVisible(obs_scene_t *scene, const nlohmann::json &want)
{
	const std::string name = want.at("source");
	obs_sceneitem_t *item = obs_scene_find_source(scene, name.c_str());
	const bool wanted = want.at("visible").get<bool>();
	const bool ok = item != nullptr && obs_sceneitem_visible(item) == wanted;
	std::printf("render-host: '%s' %s, want %s: %s\n", name.c_str(),
		    item == nullptr               ? "not in the scene"
		    : obs_sceneitem_visible(item) ? "visible"
						  : "hidden",
		    wanted ? "visible" : "hidden", ok ? "ok" : "FAILED");
	return ok;
}

// The module's rules file (or another file beside it), as OBS names it in the module's config folder.
std::string rulesFile(const char *name)
{
	char *path = obs_module_get_config_path(obs_get_module("obs-live-gifts"), name);
	std::string result = path ? path : "";
	bfree(path);
	return result;
}

std::string readText(const std::string &path)
{
	std::ifstream in(path, std::ios::binary);
	std::ostringstream text;
	text << in.rdbuf();
	return text.str();
}

std::string lastWritten; // what write_rules_file wrote last (the test's own thread)

bool expectRulesFile(const nlohmann::json &want)
{
	bool ok = true;
	if (want.value("as_written", false)) {
		const bool same = readText(rulesFile("rules.json")) == lastWritten;
		std::printf("render-host: rules.json as the other program wrote it: %s\n", same ? "ok" : "FAILED");
		ok = ok && same;
	}
	if (want.contains("contains")) {
		const std::string words = want.at("contains").get<std::string>();
		const bool found = readText(rulesFile("rules.json")).find(words) != std::string::npos;
		std::printf("render-host: rules.json holds \"%s\": %s\n", words.c_str(), found ? "ok" : "FAILED");
		ok = ok && found;
	}
	if (want.contains("unsaved_ids")) {
		const nlohmann::json kept =
		    nlohmann::json::parse(readText(rulesFile("rules.json.dock-unsaved")), nullptr, false);
		nlohmann::json ids = nlohmann::json::array();
		for (const auto &rule :
		     kept.is_object() ? kept.value("rules", nlohmann::json::array()) : nlohmann::json::array()) {
			ids.push_back(rule.value("id", ""));
		}
		const bool same = ids == want.at("unsaved_ids");
		std::printf("render-host: rules kept beside it %s, want %s: %s\n", ids.dump().c_str(),
			    want.at("unsaved_ids").dump().c_str(), same ? "ok" : "FAILED");
		ok = ok && same;
	}
	return ok;
}

// The rules thread's rounds over `seconds` of real time with nothing arriving: at most `at_most` (it sleeps
// until a snapshot, a request or the rules file's check, instead of waking many times a second).
bool expectIdleRounds(obs_source_t *source, const nlohmann::json &want)
{
	const auto rounds = [source] { return describeRules(source).value("rounds", std::int64_t{-1}); };
	const std::int64_t before = rounds();
	std::this_thread::sleep_for(std::chrono::duration<double>(want.at("seconds").get<double>()));
	const std::int64_t after = rounds();
	const std::int64_t most = want.at("at_most").get<std::int64_t>();
	const bool ok = before >= 0 && after >= before && after - before <= most;
	std::printf("render-host: rules rounds in %.1f s with nothing arriving: %lld, want at most %lld: %s\n",
		    want.at("seconds").get<double>(), static_cast<long long>(after - before),
		    static_cast<long long>(most), ok ? "ok" : "FAILED");
	return ok;
}

} // namespace

void setRulesTime(const nlohmann::json &step, obs_source_t *ours)
{
	if (step.contains("rules_time_ms")) {
		calldata_t data = {};
		calldata_set_int(&data, "ms", step.at("rules_time_ms").get<long long>());
		proc_handler_call(obs_source_get_proc_handler(ours), "live_gifts_rules_set_time", &data);
		calldata_free(&data);
	}
}

bool runRuleStep(const nlohmann::json &step, obs_source_t *ours, obs_scene_t *scene)
{
	proc_handler_t *handler = obs_source_get_proc_handler(ours);
	if (step.contains("write_rules_file")) {
		// Another program (an editor) writes the file while the rules run.
		const nlohmann::json &written = step.at("write_rules_file");
		lastWritten = written.is_string() ? written.get<std::string>() : written.dump(2) + "\n";
		std::ofstream(rulesFile("rules.json"), std::ios::binary | std::ios::trunc) << lastWritten;
	}
	if (step.contains("set_rules")) {
		calldata_t data = {};
		calldata_set_string(&data, "json", step.at("set_rules").dump().c_str());
		const bool called = proc_handler_call(handler, "live_gifts_set_rules", &data);
		const bool accepted = called && calldata_bool(&data, "ok");
		calldata_free(&data);
		if (!accepted) {
			fail("the rules were refused");
		}
	}
	if (step.contains("rules_time_ms")) {
		calldata_t none = {};
		proc_handler_call(handler, "live_gifts_rules_sync", &none);
		calldata_free(&none);
	}
	bool ok = true;
	if (step.contains("expect_rules")) {
		ok = expectRules(ours, step.at("expect_rules")) && ok;
	}
	if (step.contains("expect_rules_file")) {
		ok = expectRulesFile(step.at("expect_rules_file")) && ok;
	}
	if (step.contains("expect_rules_idle_rounds")) {
		ok = expectIdleRounds(ours, step.at("expect_rules_idle_rounds")) && ok;
	}
	if (step.contains("expect_visible")) {
		const nlohmann::json &list = step.at("expect_visible");
		for (const auto &want : list.is_array() ? list : nlohmann::json::array({list})) {
			ok = expectVisible(scene, want) && ok;
		}
	}
	return ok;
}

} // namespace render_host
