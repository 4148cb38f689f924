#include "obs/rules/rule-procs.hpp"

#include "obs/plugin-support.hpp"
#include "obs/rules/rule-runner.hpp"

#include <nlohmann/json.hpp>

#include <atomic>

namespace livegifts::obs {

namespace {

std::atomic<int> liveSources{0}; // source create and destroy (any thread)

void rulesProc(void *, calldata_t *params)
{
	guarded("rules", [&] {
		const std::string json = RuleRunner::instance().describe();
		calldata_set_string(params, "json", json.c_str());
	});
}

void setRulesProc(void *, calldata_t *params)
{
	guarded("set rules", [&] {
		const char *text = calldata_string(params, "json");
		const view::RulesLoad load = view::parseRules(text ? text : "");
		bool ok = load.state == view::RulesLoadState::Ok;
		if (ok) {
			ok = RuleRunner::instance().setRules(load.rules);
		} else {
			LG_LOG(LOG_WARNING, "live_gifts_set_rules: %s", load.error.c_str());
		}
		calldata_set_bool(params, "ok", ok);
	});
}

void setTimeProc(void *, calldata_t *params)
{
	guarded("rules time", [&] { RuleRunner::instance().setManualTime(calldata_int(params, "ms")); });
}

void syncProc(void *, calldata_t *)
{
	guarded("rules sync", [] { RuleRunner::instance().sync(); });
}

void testProc(void *, calldata_t *params)
{
	guarded("rules test", [&] {
		const char *id = calldata_string(params, "id");
		RuleRunner::instance().testRule(id ? id : "");
	});
}

} // namespace

void addRuleProcs(proc_handler_t *handler, bool testHooks)
{
	proc_handler_add(handler, "void live_gifts_rules(out string json)", rulesProc, nullptr);
	if (testHooks) {
		proc_handler_add(handler, "void live_gifts_set_rules(in string json, out bool ok)", setRulesProc,
				 nullptr);
		proc_handler_add(handler, "void live_gifts_rules_set_time(in int ms)", setTimeProc, nullptr);
		proc_handler_add(handler, "void live_gifts_rules_sync()", syncProc, nullptr);
		proc_handler_add(handler, "void live_gifts_rules_test(in string id)", testProc, nullptr);
	}
}

void ruleSourceCreated()
{
	++liveSources;
	RuleRunner::instance().ensureRunning();
}

void ruleSourceDestroyed()
{
	if (--liveSources == 0) {
		// OBS frees its scenes after the last of our sources (shutting down): the actions stop first. Through
		// ifAlive: this may run on OBS's destroy thread while the module unloads and frees the runner.
		RuleRunner::ifAlive([](RuleRunner &runner) { runner.stop(); });
	}
}

} // namespace livegifts::obs
