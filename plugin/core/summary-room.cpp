#include "core/summary.hpp"

#include <algorithm>

namespace livegifts {

void addRoomSections(nlohmann::ordered_json &out, const Snapshot &snapshot, const RoomTotals &totals)
{
	nlohmann::ordered_json battles = nlohmann::ordered_json::array();
	for (const BattleState &battle : snapshot.battles) {
		nlohmann::ordered_json teams = nlohmann::ordered_json::array();
		std::vector<BattleTeam> sorted = battle.teams; // kept in order of first sight, listed by host id
		std::sort(sorted.begin(), sorted.end(),
			  [](const BattleTeam &a, const BattleTeam &b) { return a.hostId < b.hostId; });
		for (const BattleTeam &team : sorted) {
			teams.push_back({{"host_id", team.hostId}, {"points", team.points}});
		}
		nlohmann::ordered_json entry;
		entry["id"] = battle.id;
		entry["status"] = battle.ended ? "ended" : "running";
		entry["teams"] = std::move(teams);
		entry["winner_host_id"] = battle.winnerHostId.empty() ? nlohmann::ordered_json(nullptr)
								      : nlohmann::ordered_json(battle.winnerHostId);
		battles.push_back(std::move(entry));
	}
	out["battles"] = std::move(battles);
	out["subscriptions"] = totals.subscribers;
	out["superfans"] = {
	    {"joins", totals.superFanJoins}, {"boxes", totals.superFanBoxes}, {"other", totals.superFanOther}};
	if (snapshot.tiktokGoal) {
		const TikTokGoal &goal = *snapshot.tiktokGoal;
		out["tiktok_goal"] = {{"id", goal.id},
				      {"description", goal.description},
				      {"progress", goal.progress},
				      {"target", goal.target}};
	} else {
		out["tiktok_goal"] = nullptr;
	}
}

} // namespace livegifts
