#include "core/battle-mapping.hpp"

#include <algorithm>

namespace livegifts::detail {

namespace {

bool contains(std::string_view text, std::string_view needle)
{
	return text.find(needle) != std::string_view::npos;
}

std::string lowered(std::string text)
{
	std::transform(text.begin(), text.end(), text.begin(),
		       [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
	return text;
}

// A host id as text; empty for "0" and negative ids (no host).
std::string hostText(const RawValue &value)
{
	std::string text;
	if (!toText(value, text)) {
		return {};
	}
	std::int64_t number = 0;
	if (toInt(value, number) && number <= 0) {
		return {};
	}
	return text;
}

} // namespace

void mapBattle(Record &rec, Event &ev)
{
	takeText(rec[Slot::BattleId], ev.battleId);
	if (ev.battleId == "0") {
		ev.battleId.clear();
	}
	// battleSettings.status (2.x) / battleStatus (1.x): 1 started; 2 finished, 3 and 4 the punishment
	// after it. linkMicBattle's action: 4 open; 5 finish, 6 cut short.
	std::int64_t status = 0;
	if (toInt(rec[Slot::BattleStatus], status)) {
		if (status == 1) {
			ev.battlePhase = BattlePhase::Running;
		} else if (status >= 2 && status <= 4) {
			ev.battlePhase = BattlePhase::Ended;
		}
	}
	std::int64_t action = 0;
	if (ev.kind == EventKind::Battle && toInt(rec[Slot::Action], action)) {
		if (action == 4) {
			ev.battlePhase = BattlePhase::Running;
		} else if (action == 5 || action == 6) {
			ev.battlePhase = BattlePhase::Ended;
		}
	}
	for (TeamRecord &team : rec.teams) {
		BattleTeamUpdate update;
		update.hostId = hostText(team.host);
		if (update.hostId.empty()) {
			continue;
		}
		std::int64_t points = 0;
		if (toInt(team.points, points) && points >= 0) {
			update.points = points;
			update.hasPoints = true;
		} else if (team.hasUserScores) {
			update.points = team.userScores;
			update.hasPoints = true;
		}
		std::int64_t result = -1;
		if (toInt(team.result, result) && result >= 0 && result <= 2) {
			update.result = static_cast<int>(result);
		}
		// One host may come in several groups (1.x) or twice (armies and results): merged.
		auto same = std::find_if(ev.battleTeams.begin(), ev.battleTeams.end(),
					 [&](const BattleTeamUpdate &t) { return t.hostId == update.hostId; });
		if (same == ev.battleTeams.end()) {
			ev.battleTeams.push_back(std::move(update));
			continue;
		}
		if (update.hasPoints) {
			same->points = same->hasPoints ? std::max(same->points, update.points) : update.points;
			same->hasPoints = true;
		}
		if (update.result >= 0) {
			same->result = update.result;
		}
	}
	// A result for a team means the battle is over.
	for (const BattleTeamUpdate &team : ev.battleTeams) {
		if (team.result >= 0) {
			ev.battlePhase = BattlePhase::Ended;
		}
	}
}

void mapSuperFan(const Record &rec, Event &ev)
{
	std::string key;
	toText(rec[Slot::ContentKey], key);
	std::string display;
	toText(rec[Slot::DisplayType], display);
	key = lowered(key);
	display = lowered(display);
	std::int64_t business = 0;
	toInt(rec[Slot::BusinessType], business);
	if (ev.wireName == "superFanJoin") {
		ev.superFan = SuperFanKind::Join;
	} else if (ev.wireName == "superFanBox") {
		ev.superFan = SuperFanKind::Box;
	} else if (ev.wireName == "superFan") {
		ev.superFan = contains(key, "ttlive_superfan_commentnotif_superfanjoined") ? SuperFanKind::Join
											   : SuperFanKind::Other;
	} else if (ev.wireName == "barrage" || ev.wireName == "WebcastBarrageMessage") {
		if (contains(key, "ttlive_superfan_commentnotif_superfanjoined")) {
			ev.kind = EventKind::SuperFan;
			ev.superFan = SuperFanKind::Join;
		} else if (contains(key, "ttlive_superfan")) {
			ev.kind = EventKind::SuperFan;
			ev.superFan = SuperFanKind::Other;
		}
	} else if (ev.wireName == "envelope" || ev.wireName == "WebcastEnvelopeMessage") {
		if (contains(display, "ttlive_superfanbox") || business == 19) {
			ev.kind = EventKind::SuperFan;
			ev.superFan = SuperFanKind::Box;
		}
	}
}

void mapGoalUpdate(Record &rec, Event &ev)
{
	takeText(rec[Slot::GoalId], ev.goalId);
	takeText(rec[Slot::GoalDescription], ev.goalDescription);
	std::int64_t value = 0;
	if (toInt(rec[Slot::GoalProgress], value) && value >= 0) {
		ev.goalProgress = value;
	}
	if (toInt(rec[Slot::GoalTarget], value) && value >= 0) {
		ev.goalTarget = value;
	}
}

void mapGiftMultiplier(const Record &rec, Event &ev)
{
	std::int64_t multiplier = 0;
	if (toInt(rec[Slot::Multiplier], multiplier) && multiplier > 0) {
		ev.battleMultiplier = multiplier;
	}
}

} // namespace livegifts::detail
