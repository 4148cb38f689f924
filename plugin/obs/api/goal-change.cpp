#include "obs/api/goal-change.hpp"

#include "core/limits.hpp"

namespace livegifts::obs::api {

bool changesSomething(const GoalChange &change)
{
	return change.title || change.target || change.start || change.wholeRoom;
}

std::optional<std::string> textField(const nlohmann::json &request, const char *key, std::string fallback)
{
	const auto it = request.find(key);
	if (it == request.end()) {
		return fallback;
	}
	if (!it->is_string()) {
		return std::nullopt;
	}
	return it->get<std::string>();
}

std::size_t maxTextBytes(std::string_view key)
{
	return key == "goalId" ? limits::maxIdBytes : limits::maxNameBytes;
}

const char *overlongField(const nlohmann::json &request)
{
	if (!request.is_object()) {
		return nullptr;
	}
	for (const char *key : {"title", "goalId", "sourceName"}) {
		const auto it = request.find(key);
		if (it != request.end() && it->is_string() &&
		    it->get_ref<const std::string &>().size() > maxTextBytes(key)) {
			return key;
		}
	}
	return nullptr;
}

std::optional<GoalChange> parseGoalChange(const nlohmann::json &request)
{
	if (!request.is_object()) {
		return std::nullopt;
	}
	GoalChange change;
	if (const auto title = request.find("title"); title != request.end()) {
		if (!title->is_string() || title->get_ref<const std::string &>().size() > maxTextBytes("title")) {
			return std::nullopt;
		}
		change.title = title->get<std::string>();
	}
	for (const char *key : {"target", "start"}) {
		const auto value = request.find(key);
		if (value == request.end()) {
			continue;
		}
		const bool isTarget = std::string_view(key) == "target";
		const std::int64_t least = isTarget ? 1 : 0;
		if (!value->is_number_integer() || value->get<std::int64_t>() < least ||
		    value->get<std::int64_t>() > kMaxGoalNumber) {
			return std::nullopt;
		}
		(isTarget ? change.target : change.start) = value->get<std::int64_t>();
	}
	if (const auto room = request.find("wholeRoom"); room != request.end()) {
		if (!room->is_boolean()) {
			return std::nullopt;
		}
		change.wholeRoom = room->get<bool>();
	}
	return change;
}

} // namespace livegifts::obs::api
