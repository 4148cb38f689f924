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

nlohmann::json countersJson(const GoalCounters &c)
{
	nlohmann::json gifts = nlohmann::json::array();
	for (const auto &[giftId, units] : c.giftUnits) {
		gifts.push_back({giftId, units});
	}
	return {{"coins", c.coins},
		{"likes", c.likes},
		{"follows", c.follows},
		{"shares", c.shares},
		{"subscribers", c.subscribers},
		{"gift_units", gifts}};
}

GoalCounters countersFrom(const nlohmann::json &json)
{
	GoalCounters c;
	c.coins = json.value("coins", std::int64_t{0});
	c.likes = json.value("likes", std::int64_t{0});
	c.follows = json.value("follows", std::int64_t{0});
	c.shares = json.value("shares", std::int64_t{0});
	c.subscribers = json.value("subscribers", std::int64_t{0});
	for (const auto &pair : json.value("gift_units", nlohmann::json::array())) {
		c.giftUnits[pair.at(0).get<std::int64_t>()] = pair.at(1).get<std::int64_t>();
	}
	return c;
}

nlohmann::json progressJson(const GoalProgress &p)
{
	return {{"reset", p.reset},
		{"mark", countersJson(p.mark)},
		{"mark_stream", p.markStream},
		{"adjust", countersJson(p.adjust)},
		{"stream_adjust", countersJson(p.streamAdjust)},
		{"adjust_stream", p.adjustStream}};
}

GoalProgress progressFrom(const nlohmann::json &json)
{
	GoalProgress p;
	p.reset = json.value("reset", false);
	p.mark = countersFrom(json.value("mark", nlohmann::json::object()));
	p.markStream = json.value("mark_stream", std::int64_t{0});
	p.adjust = countersFrom(json.value("adjust", nlohmann::json::object()));
	p.streamAdjust = countersFrom(json.value("stream_adjust", nlohmann::json::object()));
	p.adjustStream = json.value("adjust_stream", std::int64_t{0});
	return p;
}

} // namespace

std::string goalProgressToJson(const GoalRecord &record)
{
	nlohmann::json undo = nlohmann::json::array();
	for (const GoalProgress &p : record.undo) {
		undo.push_back(progressJson(p));
	}
	return nlohmann::json{
	    {"origin", countersJson(record.origin)}, {"progress", progressJson(record.progress)}, {"undo", undo}}
	    .dump();
}

bool goalProgressFromJson(std::string_view text, GoalRecord &record)
{
	const auto json = nlohmann::json::parse(text, nullptr, false);
	if (!json.is_object()) {
		return false;
	}
	try {
		GoalCounters origin = countersFrom(json.value("origin", nlohmann::json::object()));
		GoalProgress progress = progressFrom(json.value("progress", nlohmann::json::object()));
		std::vector<GoalProgress> undo;
		for (const auto &entry : json.value("undo", nlohmann::json::array())) {
			undo.push_back(progressFrom(entry));
		}
		record.origin = std::move(origin);
		record.progress = std::move(progress);
		record.undo = std::move(undo);
	} catch (const nlohmann::json::exception &) {
		return false;
	}
	return true;
}

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
