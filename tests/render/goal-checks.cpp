#include "goal-checks.hpp"

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

namespace render_host {

nlohmann::json describeGoal(obs_source_t *source)
{
	calldata_t data = {};
	nlohmann::json description;
	if (proc_handler_call(obs_source_get_proc_handler(source), "live_gifts_goal", &data)) {
		const char *text = calldata_string(&data, "json");
		description = nlohmann::json::parse(text ? text : "null", nullptr, false);
	}
	calldata_free(&data);
	return description;
}

bool expectGoal(obs_source_t *source, const nlohmann::json &want, obs_source_t *other)
{
	nlohmann::json have;
	nlohmann::json otherGoal;
	auto matches = [&] {
		have = describeGoal(source);
		if (!have.is_object()) {
			return false;
		}
		for (const auto &[key, value] : want.items()) {
			if (key == "source" || key == "id_differs_from") {
				continue;
			}
			if (!have.contains(key) || have.at(key) != value) {
				return false;
			}
		}
		if (other != nullptr) {
			otherGoal = describeGoal(other);
			return otherGoal.is_object() && otherGoal.value("id", "") != have.value("id", "");
		}
		return true;
	};
	const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
	bool ok = matches();
	while (!ok && std::chrono::steady_clock::now() < deadline) {
		std::this_thread::sleep_for(std::chrono::milliseconds(20));
		ok = matches();
	}
	std::printf("render-host: goal of '%s' %s%s, want %s: %s\n", obs_source_get_name(source), have.dump().c_str(),
		    other != nullptr ? (" (other: " + otherGoal.value("id", std::string("?")) + ")").c_str() : "",
		    want.dump().c_str(), ok ? "ok" : "FAILED");
	return ok;
}

} // namespace render_host
