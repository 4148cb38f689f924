#include "core/goal-json.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace livegifts {

namespace {

// A value that is not what these objects hold: the object is unreadable.
struct Unreadable : std::runtime_error {
	Unreadable() : std::runtime_error("not a goal value") {}
};

// An integer as the ledger writes it (false and true read as 0 and 1, as before). A float only when it is a
// whole number inside int64: casting any other double is undefined behaviour.
std::int64_t toInt(const nlohmann::json &value)
{
	if (value.is_number_unsigned()) {
		const auto number = value.get<std::uint64_t>();
		if (number > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
			throw Unreadable();
		}
		return static_cast<std::int64_t>(number);
	}
	if (value.is_number_integer()) {
		return value.get<std::int64_t>();
	}
	if (value.is_number_float()) {
		const double number = value.get<double>();
		if (!(number >= -0x1p63 && number < 0x1p63) || std::trunc(number) != number) {
			throw Unreadable();
		}
		return static_cast<std::int64_t>(number);
	}
	if (value.is_boolean()) {
		return value.get<bool>() ? 1 : 0;
	}
	throw Unreadable();
}

// The integer under `key` of an object, 0 when absent.
std::int64_t intAt(const nlohmann::json &object, const char *key)
{
	if (!object.is_object()) {
		throw Unreadable();
	}
	const auto it = object.find(key);
	return it == object.end() ? 0 : toInt(*it);
}

nlohmann::json goalSpecJson(const GoalSpec &spec)
{
	nlohmann::json stages = nlohmann::json::array();
	for (const auto &stage : spec.stages) {
		stages.push_back({{"title", stage.title}, {"target", stage.target}});
	}
	nlohmann::json json = {{"id", spec.id},
			       {"title", spec.title},
			       {"kind", goalKindName(spec.kind)},
			       {"gift_id", spec.giftId},
			       {"start", spec.start},
			       {"target", spec.target},
			       {"scope", goalScopeName(spec.scope)},
			       {"on_reach", goalOnReachName(spec.onReach)},
			       {"repeat_step", spec.repeatStep},
			       {"stages", stages}};
	if (!spec.battleSide.empty()) {
		json["battle_side"] = spec.battleSide; // only when set: goals without one are written as before
	}
	if (spec.wholeRoom) {
		json["whole_room"] = true; // only when set: absent (goals of earlier versions) counts the host's
	}
	return json;
}

nlohmann::json countersJson(const GoalCounters &c)
{
	nlohmann::json gifts = nlohmann::json::array();
	for (const auto &[giftId, units] : c.giftUnits) {
		gifts.push_back({giftId, units});
	}
	nlohmann::json json = {{"coins", c.coins},
			       {"likes", c.likes},
			       {"follows", c.follows},
			       {"shares", c.shares},
			       {"subscribers", c.subscribers},
			       {"gift_units", gifts}};
	if (c.superFans != 0) {
		json["superfans"] = c.superFans; // only when counted: counters without any are written as before
	}
	if (c.roomKnown) {
		json["room_coins"] = c.roomCoins;
	}
	if (c.roomUnitsKnown) {
		nlohmann::json room = nlohmann::json::array();
		for (const auto &[giftId, units] : c.roomGiftUnits) {
			room.push_back({giftId, units});
		}
		json["room_gift_units"] = std::move(room);
	}
	return json;
}

GoalCounters countersFrom(const nlohmann::json &json)
{
	GoalCounters c;
	c.coins = intAt(json, "coins");
	c.likes = intAt(json, "likes");
	c.follows = intAt(json, "follows");
	c.shares = intAt(json, "shares");
	c.subscribers = intAt(json, "subscribers");
	c.superFans = intAt(json, "superfans"); // absent in goals of earlier versions: 0
	// Absent in goals of earlier versions: not known (Tally::restoreGoal fills it in).
	c.roomKnown = json.contains("room_coins");
	c.roomCoins = intAt(json, "room_coins");
	for (const auto &pair : json.value("gift_units", nlohmann::json::array())) {
		c.giftUnits[toInt(pair.at(0))] = toInt(pair.at(1));
	}
	// Absent in goals of earlier versions (whole-room gift goals came after whole-room coin goals): not known.
	c.roomUnitsKnown = json.contains("room_gift_units");
	for (const auto &pair : json.value("room_gift_units", nlohmann::json::array())) {
		c.roomGiftUnits[toInt(pair.at(0))] = toInt(pair.at(1));
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
	p.markStream = intAt(json, "mark_stream");
	p.adjust = countersFrom(json.value("adjust", nlohmann::json::object()));
	p.streamAdjust = countersFrom(json.value("stream_adjust", nlohmann::json::object()));
	p.adjustStream = intAt(json, "adjust_stream");
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
	} catch (const std::exception &) { // nlohmann's type errors and Unreadable
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
		spec.giftId = intAt(json, "gift_id");
		spec.start = intAt(json, "start");
		spec.target = intAt(json, "target");
		spec.repeatStep = intAt(json, "repeat_step");
		spec.battleSide = json.value("battle_side", std::string()); // absent before battle goals
		spec.wholeRoom = json.value("whole_room", false);           // absent: the host's (as before)
		if (!parseGoalKind(json.value("kind", std::string()), spec.kind) ||
		    !parseGoalScope(json.value("scope", std::string()), spec.scope) ||
		    !parseGoalOnReach(json.value("on_reach", std::string()), spec.onReach)) {
			return false;
		}
		for (const auto &stage : json.value("stages", nlohmann::json::array())) {
			spec.stages.push_back({stage.value("title", std::string()), intAt(stage, "target")});
		}
	} catch (const std::exception &) { // nlohmann's type errors and Unreadable
		return false;
	}
	return true;
}

} // namespace livegifts
