#include "obs/api/vendor-events.hpp"

#include <algorithm>

namespace livegifts::obs::api {

namespace {

std::uint64_t lastActivitySeq(const Snapshot &snapshot)
{
	return snapshot.activity.empty() ? 0 : snapshot.activity.back().seq;
}

std::uint64_t lastGoalSeq(const Snapshot &snapshot)
{
	return snapshot.goalEvents.empty() ? 0 : snapshot.goalEvents.back().seq;
}

const char *eventType(const GiftActivity &entry)
{
	switch (entry.kind) {
	case ActivityKind::Gift:
		return entry.final ? "GiftCounted" : nullptr; // a streak counts once, when it ends
	case ActivityKind::Follow:
		return "Follow";
	case ActivityKind::Share:
		return "Share";
	case ActivityKind::Subscribe:
		return "Subscribe";
	case ActivityKind::Like:
	case ActivityKind::SuperFanJoin: // superfans and battle results are not vendor events (yet)
	case ActivityKind::SuperFanBox:
	case ActivityKind::SuperFanOther:
	case ActivityKind::BattleResult:
		return nullptr;
	}
	return nullptr;
}

} // namespace

std::vector<VendorEvent> EventDiff::next(const Snapshot &snapshot)
{
	std::vector<VendorEvent> events;
	const std::string topId = snapshot.stream.top.empty() ? std::string() : snapshot.stream.top.front().id;
	// Numbers going back: another engine is in use (the connection changed between demo and live).
	if (!started_ || lastActivitySeq(snapshot) < activitySeq_ || lastGoalSeq(snapshot) < goalSeq_) {
		started_ = true;
		activitySeq_ = lastActivitySeq(snapshot);
		goalSeq_ = lastGoalSeq(snapshot);
		topId_ = topId;
		return events;
	}
	for (const GiftActivity *entry : snapshot.activitySince(activitySeq_)) {
		const char *type = entry->test ? nullptr : eventType(*entry);
		if (type == nullptr) {
			continue;
		}
		nlohmann::json data = {{"userId", entry->userId}, {"nickname", entry->nickname}};
		if (entry->kind == ActivityKind::Gift) {
			data["giftId"] = entry->giftId;
			data["giftName"] = entry->giftName;
			data["count"] = entry->count;
			data["diamondCount"] = entry->diamondCount;
			data["coins"] = entry->coins;
		}
		events.push_back({type, std::move(data)});
	}
	activitySeq_ = std::max(activitySeq_, lastActivitySeq(snapshot));
	for (const GoalReached &reached : snapshot.goalEvents) {
		if (reached.seq <= goalSeq_) {
			continue;
		}
		events.push_back({"GoalReached",
				  {{"goalId", reached.goalId},
				   {"title", reached.title},
				   {"target", reached.target},
				   {"timesReached", reached.timesReached}}});
	}
	goalSeq_ = std::max(goalSeq_, lastGoalSeq(snapshot));
	if (!topId.empty() && topId != topId_) {
		const SupporterEntry &top = snapshot.stream.top.front();
		events.push_back({"TopSupporterChanged",
				  {{"userId", top.id},
				   {"nickname", top.nickname},
				   {"coins", top.coins},
				   {"previousUserId", topId_}}});
	}
	topId_ = topId;
	return events;
}

} // namespace livegifts::obs::api
