// The summary's `streams` section (stream boundaries).
#include "core/summary.hpp"

namespace livegifts {

namespace {

nlohmann::ordered_json causeJson(StreamCause cause)
{
	if (cause == StreamCause::None) {
		return nullptr;
	}
	return std::string(streamCauseName(cause));
}

} // namespace

void addStreamSection(nlohmann::ordered_json &out, const Snapshot &snapshot)
{
	nlohmann::ordered_json streams = nlohmann::ordered_json::array();
	for (const StreamSummary &stream : snapshot.streams) {
		nlohmann::ordered_json entry;
		entry["room_id"] = stream.roomId;
		entry["started_by"] = causeJson(stream.startedBy);
		entry["ended_by"] = stream.open ? nlohmann::ordered_json(nullptr) : causeJson(stream.endedBy);
		entry["coins"] = stream.coins;
		entry["gifts"] = stream.gifts;
		streams.push_back(std::move(entry));
	}
	out["streams"] = std::move(streams);
}

} // namespace livegifts
