#pragma once

// LIVE battles (link-mic "PK"): their teams and points as the battle messages tell them, kept apart from
// coins. Points are TikTok's battle score (multipliers applied); they are never added to coin totals,
// coin goals or supporters. Also TikTok's own LIVE goal (goalUpdate), kept as the last one seen.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/event.hpp"

namespace livegifts {

struct BattleTeam {
	std::string hostId; // the anchor (host) whose side it is
	std::int64_t points = 0;
	bool operator==(const BattleTeam &) const = default;
};

struct BattleState {
	std::string id; // TikTok's battle id; empty when the wire shape carries none (TLC 1.x)
	bool ended = false;
	std::vector<BattleTeam> teams; // in order of first sight: the first is the side the first message listed first
	std::string winnerHostId;      // empty: none (running, a draw, or not told)
	std::int64_t seq = 0;          // order of first sight (1, 2, ...)
	bool operator==(const BattleState &) const = default;
};

struct TikTokGoal {
	std::string id;
	std::string description;
	std::int64_t progress = 0;
	std::int64_t target = 0;
	bool operator==(const TikTokGoal &) const = default;
};

// The battles seen, in order of first sight (bounded: the oldest are forgotten past kMaxBattles).
// Single-threaded: owned by the Tally (the engine's worker).
class BattleBoard {
public:
	static constexpr std::size_t kMaxBattles = 256;

	// A Battle or BattleScore event; returns the battle it changed, or nullptr when it changed nothing.
	// `justEnded` (when given) tells whether this event ended the battle.
	const BattleState *apply(const Event &event, bool *justEnded = nullptr);
	// A battle as the ledger kept it (before any event).
	void restore(BattleState battle);
	void clear() { battles_.clear(); }

	const std::vector<BattleState> &battles() const { return battles_; }
	// The last battle still running, or nullptr.
	const BattleState *current() const;
	// The last battle seen (running or over), or nullptr.
	const BattleState *last() const { return battles_.empty() ? nullptr : &battles_.back(); }

private:
	BattleState *find(const Event &event);

	std::vector<BattleState> battles_;
	std::int64_t nextSeq_ = 1;
};

// A battle as the ledger and the spill file keep it: {"q":seq,"i":id,"e":ended,"w":winner,"t":[[host,points],...]}.
nlohmann::json battleToJson(const BattleState &battle);
// Throws nlohmann's exceptions on a malformed value.
BattleState battleFromJson(const nlohmann::json &value);
// Just the teams: [[host, points], ...] (the ledger's `teams` column).
nlohmann::json battleTeamsJson(const std::vector<BattleTeam> &teams);
std::vector<BattleTeam> battleTeamsFrom(const nlohmann::json &value);

// Your side of a battle and the other: `side` names your host (empty: the team listed first); the other side
// is the best of the rest.
struct BattleSides {
	bool found = false; // the battle has your side
	std::string ours;
	std::string theirs;
	std::int64_t ourPoints = 0;
	std::int64_t theirPoints = 0;
	bool operator==(const BattleSides &) const = default;
};
BattleSides battleSides(const std::vector<BattleTeam> &teams, std::string_view side);

// How a battle went for your side.
enum class BattleOutcome { Running, Win, Lose, Draw };
BattleOutcome battleOutcome(const BattleState &battle, std::string_view side);
// "running", "win", "lose", "draw".
std::string_view battleOutcomeName(BattleOutcome outcome);

// The winner of an ended battle by its points: the single team with the most, else empty (a draw).
std::string leaderByPoints(const std::vector<BattleTeam> &teams);

} // namespace livegifts
