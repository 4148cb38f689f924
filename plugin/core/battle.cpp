#include "core/battle.hpp"

#include <algorithm>

namespace livegifts {

std::string leaderByPoints(const std::vector<BattleTeam> &teams)
{
	const BattleTeam *best = nullptr;
	bool tie = false;
	for (const BattleTeam &team : teams) {
		if (best == nullptr || team.points > best->points) {
			best = &team;
			tie = false;
		} else if (team.points == best->points) {
			tie = true;
		}
	}
	return best != nullptr && !tie ? best->hostId : std::string();
}

BattleSides battleSides(const std::vector<BattleTeam> &teams, std::string_view side)
{
	BattleSides sides;
	const BattleTeam *ours = nullptr;
	for (const BattleTeam &team : teams) {
		if (!side.empty() && team.hostId == side) {
			ours = &team;
		}
	}
	if (ours == nullptr && side.empty() && !teams.empty()) {
		ours = &teams.front();
	}
	if (ours == nullptr) {
		return sides;
	}
	sides.found = true;
	sides.ours = ours->hostId;
	sides.ourPoints = ours->points;
	const BattleTeam *theirs = nullptr;
	for (const BattleTeam &team : teams) {
		if (&team != ours && (theirs == nullptr || team.points > theirs->points)) {
			theirs = &team;
		}
	}
	if (theirs != nullptr) {
		sides.theirs = theirs->hostId;
		sides.theirPoints = theirs->points;
	}
	return sides;
}

BattleOutcome battleOutcome(const BattleState &battle, std::string_view side)
{
	if (!battle.ended) {
		return BattleOutcome::Running;
	}
	const BattleSides sides = battleSides(battle.teams, side);
	if (battle.winnerHostId.empty()) {
		return BattleOutcome::Draw;
	}
	return sides.found && battle.winnerHostId == sides.ours ? BattleOutcome::Win : BattleOutcome::Lose;
}

std::string_view battleOutcomeName(BattleOutcome outcome)
{
	switch (outcome) {
	case BattleOutcome::Win:
		return "win";
	case BattleOutcome::Lose:
		return "lose";
	case BattleOutcome::Draw:
		return "draw";
	case BattleOutcome::Running:
		break;
	}
	return "running";
}

const BattleState *BattleBoard::current() const
{
	for (auto it = battles_.rbegin(); it != battles_.rend(); ++it) {
		if (!it->ended) {
			return &*it;
		}
	}
	return nullptr;
}

namespace {

bool sameHosts(const BattleState &battle, const std::vector<BattleTeamUpdate> &teams)
{
	if (teams.empty() || teams.size() != battle.teams.size()) {
		return false;
	}
	return std::all_of(teams.begin(), teams.end(), [&](const BattleTeamUpdate &update) {
		return std::any_of(battle.teams.begin(), battle.teams.end(),
				   [&](const BattleTeam &team) { return team.hostId == update.hostId; });
	});
}

} // namespace

BattleState *BattleBoard::find(const Event &event)
{
	if (!event.battleId.empty()) {
		for (auto it = battles_.rbegin(); it != battles_.rend(); ++it) {
			if (it->id == event.battleId) {
				return &*it;
			}
		}
		return nullptr;
	}
	// No id (TLC 1.x): a start message opens a new battle; scores go to the last battle without an id
	// that still runs.
	// TLC 1.x drops the message's action, so the message that closes a battle reads like a start: one that
	// names exactly the hosts of the last battle without an id, which has ended, is that battle's close (a
	// rematch of the same hosts still opens a battle with its first scores).
	if (event.kind == EventKind::Battle && event.battlePhase != BattlePhase::Ended) {
		for (auto it = battles_.rbegin(); it != battles_.rend(); ++it) {
			if (!it->id.empty()) {
				continue;
			}
			if (it->ended && sameHosts(*it, event.battleTeams)) {
				return &*it;
			}
			break;
		}
		return nullptr;
	}
	for (auto it = battles_.rbegin(); it != battles_.rend(); ++it) {
		if (it->id.empty() && !it->ended) {
			return &*it;
		}
	}
	return nullptr;
}

const BattleState *BattleBoard::apply(const Event &event, bool *justEnded)
{
	if (justEnded != nullptr) {
		*justEnded = false;
	}
	if (event.kind != EventKind::Battle && event.kind != EventKind::BattleScore) {
		return nullptr;
	}
	if (event.battleId.empty() && event.battleTeams.empty()) {
		return nullptr; // nothing that names a battle
	}
	BattleState *battle = find(event);
	if (battle == nullptr) {
		if (battles_.size() >= kMaxBattles) {
			battles_.erase(battles_.begin());
		}
		BattleState fresh;
		fresh.id = event.battleId;
		fresh.seq = nextSeq_++;
		battles_.push_back(std::move(fresh));
		battle = &battles_.back();
	}
	const BattleState before = *battle;
	std::string winner;
	for (const BattleTeamUpdate &update : event.battleTeams) {
		auto team = std::find_if(battle->teams.begin(), battle->teams.end(),
					 [&](const BattleTeam &t) { return t.hostId == update.hostId; });
		if (team == battle->teams.end()) {
			battle->teams.push_back({update.hostId, 0});
			team = battle->teams.end() - 1;
		}
		if (update.hasPoints) {
			team->points = update.points; // a running total: the latest one holds
		}
		if (update.result == 0) {
			winner = update.hostId;
		}
	}
	if (event.battlePhase == BattlePhase::Ended || !winner.empty()) {
		battle->ended = true;
	} else if (event.battlePhase == BattlePhase::Running && battle->winnerHostId.empty()) {
		battle->ended = false;
	}
	if (!winner.empty()) {
		battle->winnerHostId = winner;
	} else if (battle->ended && battle->winnerHostId.empty()) {
		bool anyResult = false;
		for (const BattleTeamUpdate &update : event.battleTeams) {
			anyResult = anyResult || update.result >= 0;
		}
		if (!anyResult) {
			battle->winnerHostId = leaderByPoints(battle->teams);
		}
	}
	if (justEnded != nullptr) {
		*justEnded = battle->ended && !before.ended;
	}
	return *battle == before ? nullptr : battle;
}

void BattleBoard::restore(BattleState battle)
{
	nextSeq_ = std::max(nextSeq_, battle.seq + 1);
	if (battles_.size() >= kMaxBattles) {
		battles_.erase(battles_.begin());
	}
	battles_.push_back(std::move(battle));
	std::sort(battles_.begin(), battles_.end(),
		  [](const BattleState &a, const BattleState &b) { return a.seq < b.seq; });
}

nlohmann::json battleTeamsJson(const std::vector<BattleTeam> &teams)
{
	nlohmann::json out = nlohmann::json::array();
	for (const BattleTeam &team : teams) {
		out.push_back(nlohmann::json::array({team.hostId, team.points}));
	}
	return out;
}

std::vector<BattleTeam> battleTeamsFrom(const nlohmann::json &value)
{
	std::vector<BattleTeam> teams;
	for (const auto &team : value) {
		teams.push_back({team.at(0).get<std::string>(), team.at(1).get<std::int64_t>()});
	}
	return teams;
}

nlohmann::json battleToJson(const BattleState &battle)
{
	return {{"q", battle.seq},
		{"i", battle.id},
		{"e", battle.ended},
		{"w", battle.winnerHostId},
		{"t", battleTeamsJson(battle.teams)}};
}

BattleState battleFromJson(const nlohmann::json &value)
{
	BattleState battle;
	battle.seq = value.at("q").get<std::int64_t>();
	battle.id = value.at("i").get<std::string>();
	battle.ended = value.at("e").get<bool>();
	battle.winnerHostId = value.at("w").get<std::string>();
	battle.teams = battleTeamsFrom(value.at("t"));
	return battle;
}

} // namespace livegifts
