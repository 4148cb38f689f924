#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace livegifts {

// What a goal counts.
enum class GoalKind {
	Coins,     // coins of counted gifts
	GiftCount, // units of one gift (GoalSpec::giftId)
	Likes,     // likes received
	Follows,
	Shares,
	Subscribers,
	SuperFans, // new super fans (superFanJoin and other superFan messages; a Super Fan box is not a new fan)
	// Mirrored kinds: the value is what TikTok tells right now, never coins, never counted by the plugin (no
	// scope, reset or adjustment applies to them).
	BattlePoints, // your side's points in the current (or last) battle
	BattleWin,    // your side's points against the other side's in the current (or last) battle
	TikTokGoal,   // TikTok's own LIVE goal (goalUpdate): its description, progress and target
};

// A kind whose value mirrors what TikTok tells (battles, TikTok's goal) rather than a counter.
bool goalMirrors(GoalKind kind);

// A kind GoalSpec::wholeRoom applies to: coins and units of one gift (gifts have recipients).
bool goalCanCountRoom(GoalKind kind);

// Which counter a goal reads.
enum class GoalScope {
	Stream,     // this stream (starts at 0 with every stream)
	SinceReset, // since the goal was registered or last reset (survives stream changes)
	AllTime,    // everything in the ledger since the last "reset all" (or the goal's own reset)
};

// What happens when the goal is reached.
enum class GoalOnReach {
	Hold,   // stay reached, keep counting past the target
	Repeat, // target moves up by `repeatStep` (or by the target itself when the step is 0)
	Next,   // go to the next stage in `stages`; the last stage holds
};

// One step of a goal list (GoalOnReach::Next). Targets are absolute on the same counter.
struct GoalStage {
	std::string title;
	std::int64_t target = 0;

	bool operator==(const GoalStage &) const = default;
};

// A goal as a Goal Bar source registers it (Engine::setGoal). Registering the same id again with a
// changed spec updates it; no edit changes its progress (only a reset, an undo or an adjustment do).
struct GoalSpec {
	std::string id; // unique per goal, e.g. the OBS source's UUID
	std::string title;
	GoalKind kind = GoalKind::Coins;
	std::int64_t giftId = 0;   // GoalKind::GiftCount only
	std::int64_t start = 0;    // added to the counter (the streamer's head start; see headStart)
	std::int64_t target = 100; // first target (stage 0 when `stages` is used)
	GoalScope scope = GoalScope::Stream;
	GoalOnReach onReach = GoalOnReach::Hold;
	std::int64_t repeatStep = 0;   // GoalOnReach::Repeat
	std::vector<GoalStage> stages; // GoalOnReach::Next: stages after the first (title/target above)
	// GoalKind::BattlePoints / BattleWin: your side, as the battle messages name its host (the numeric user
	// id); empty: the host the gifts taught (Recipient::hostId, kept in the ledger) when the battle has that
	// side, else the side the battle's first message listed first (in a host's own room, the host).
	std::string battleSide;
	// GoalKind::Coins and GiftCount only (goalCanCountRoom): count every gift in the room (the host's, nobody
	// named's and every guest's) instead of the host's (host and nobody named). Switching it reads the other
	// counter from the same reset point: nothing is lost, and switching back shows the value before.
	bool wholeRoom = false;

	bool operator==(const GoalSpec &) const = default;
};

// What `spec.start` adds to its goal: the head start of a counted goal; nothing for a goal that mirrors TikTok
// (battles, TikTok's goal show what TikTok tells: no head start applies, README "Goal kinds").
std::int64_t headStart(const GoalSpec &spec);

// A goal's progress as published in the Snapshot.
struct GoalState {
	std::string id;
	std::string title; // the current stage's title
	GoalKind kind = GoalKind::Coins;
	std::int64_t current = 0;      // counter + start
	std::int64_t target = 0;       // current target
	double fraction = 0.0;         // current / target clamped to [0, 1]
	double percent = 0.0;          // fraction * 100
	bool reached = false;          // current >= target (Hold or last stage) or just reached
	std::int64_t timesReached = 0; // how often a target was reached (Repeat / Next)
	std::size_t stageIndex = 0;    // which goal of the list (GoalOnReach::Next), else 0
	std::size_t stageCount = 1;
	bool done = false; // a goal list (GoalOnReach::Next) with every stage reached
	// GoalKind::BattlePoints / BattleWin: whether a battle was seen, whether it is over, the other side's
	// points (BattleWin: `target` is them too and `fraction` is your share of both sides' points).
	bool battleKnown = false;
	bool battleEnded = false;
	std::int64_t opponent = 0;
	bool wholeRoom = false;       // GoalSpec::wholeRoom of a kind it applies to (goalCanCountRoom)
	std::size_t resetsToUndo = 0; // resets undoGoalReset can still undo (newest first)
};

// Emitted once each time a goal reaches a target.
struct GoalReached {
	std::uint64_t seq = 0; // increasing across all goals
	std::string goalId;
	std::string title;
	std::int64_t target = 0;
	std::int64_t timesReached = 0;
};

std::string_view goalKindName(GoalKind kind);
bool parseGoalKind(std::string_view name, GoalKind &out);
std::string_view goalScopeName(GoalScope scope);
bool parseGoalScope(std::string_view name, GoalScope &out);
std::string_view goalOnReachName(GoalOnReach onReach);
bool parseGoalOnReach(std::string_view name, GoalOnReach &out);

} // namespace livegifts
