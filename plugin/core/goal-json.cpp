#include "core/goal-json.hpp"

#include <nlohmann/json.hpp>

namespace livegifts {

namespace {

nlohmann::json goalSpecJson(const GoalSpec &spec)
{
	nlohmann::json stages = nlohmann::json::array();
	for (const auto &stage : spec.stages) {
		stages.push_back({{"title", stage.title}, {"target", stage.target}});
	}
	return {{"id", spec.id},
		{"title", spec.title},
		{"kind", goalKindName(spec.kind)},
		{"gift_id", spec.giftId},
		{"start", spec.start},
		{"target", spec.target},
		{"scope", goalScopeName(spec.scope)},
		{"on_reach", goalOnReachName(spec.onReach)},
		{"repeat_step", spec.repeatStep},
		{"stages", stages}};
}

} // namespace

std::string goalSpecToJson(const GoalSpec &spec)
{
	return goalSpecJson(spec).dump();
}

bool goalSpecFromJson(std::string_view text, GoalSpec &spec)
{
	const auto json = nlohmann::json::parse(text, nullptr, false);
	if (!json.is_object()) {
		return false;
	}
	try {
		spec.id = json.at("id").get<std::string>();
		spec.title = json.value("title", std::string());
		spec.giftId = json.value("gift_id", std::int64_t{0});
		spec.start = json.value("start", std::int64_t{0});
		spec.target = json.value("target", std::int64_t{0});
		spec.repeatStep = json.value("repeat_step", std::int64_t{0});
		if (!parseGoalKind(json.value("kind", std::string()), spec.kind) ||
		    !parseGoalScope(json.value("scope", std::string()), spec.scope) ||
		    !parseGoalOnReach(json.value("on_reach", std::string()), spec.onReach)) {
			return false;
		}
		for (const auto &stage : json.value("stages", nlohmann::json::array())) {
			spec.stages.push_back(
			    {stage.value("title", std::string()), stage.value("target", std::int64_t{0})});
		}
	} catch (const nlohmann::json::exception &) {
		return false;
	}
	return true;
}

} // namespace livegifts
