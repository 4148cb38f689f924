// Goals and alerts of Super Fans, battles and TikTok's own goal: what they read, that they are never coins,
// and the activity entries Gift Alerts sources take.
#include <catch2/catch.hpp>

#include <sstream>

#include "core/goal-json.hpp"
#include "core/tally.hpp"
#include "support.hpp"

using namespace livegifts;
using testsupport::parseFrame;
using testsupport::wireLines;

namespace {

const std::string hostA = "6800000000000000111"; // listed first by battle-2.5's first message
const std::string hostB = "6800000000000000222"; // wins battle-2.5, 45 to 3

void feed(Tally &tally, const std::vector<std::string> &frames, std::size_t count = SIZE_MAX)
{
	for (std::size_t i = 0; i < frames.size() && i < count; ++i) {
		for (const auto &event : parseFrame(frames[i])) {
			tally.apply(event, 1000);
		}
	}
}

GoalSpec goal(const std::string &id, GoalKind kind, std::int64_t target = 100, const std::string &side = {})
{
	GoalSpec spec;
	spec.id = id;
	spec.kind = kind;
	spec.target = target;
	spec.battleSide = side;
	return spec;
}

GoalState state(const Tally &tally, const std::string &id)
{
	return tally.goalState(*tally.goalRecord(id));
}

std::vector<GiftActivity> activity(const Tally &tally)
{
	Snapshot snapshot;
	tally.fillSnapshot(snapshot);
	return snapshot.activity.copied();
}

std::string tiktokGoal(const std::string &msgId, int progress, int target)
{
	return R"({"event":"goalUpdate","data":{"common":{"method":"WebcastGoalUpdateMessage","msgId":")" + msgId +
	       R"("},"goal":{"id":"7400","description":"Road to 1000","subGoals":[{"type":1,"id":"1","progress":")" +
	       std::to_string(progress) + R"(","target":")" + std::to_string(target) + R"("}]}}})";
}

} // namespace

TEST_CASE("Battle sides: yours by host id or listed first, the other the best of the rest", "[fangoals]")
{
	const std::vector<BattleTeam> teams{{"b", 40}, {"a", 10}, {"c", 70}};
	auto sides = battleSides(teams, "");
	CHECK(sides.found);
	CHECK(sides.ours == "b");
	CHECK(sides.ourPoints == 40);
	CHECK(sides.theirs == "c");
	CHECK(sides.theirPoints == 70);
	sides = battleSides(teams, "c");
	CHECK(sides.ourPoints == 70);
	CHECK(sides.theirs == "b");
	CHECK_FALSE(battleSides(teams, "zz").found);
	CHECK_FALSE(battleSides({}, "").found);

	BattleState battle;
	battle.teams = teams;
	CHECK(battleOutcome(battle, "c") == BattleOutcome::Running);
	battle.ended = true;
	battle.winnerHostId = "c";
	CHECK(battleOutcome(battle, "c") == BattleOutcome::Win);
	CHECK(battleOutcome(battle, "") == BattleOutcome::Lose);
	battle.winnerHostId.clear();
	CHECK(battleOutcome(battle, "") == BattleOutcome::Draw);
	CHECK(battleOutcomeName(BattleOutcome::Win) == "win");
}

TEST_CASE("Battle teams keep the order the messages listed them; the summary lists them by host id", "[fangoals]")
{
	Tally tally;
	feed(tally, wireLines("battle-2.5.jsonl"), 1);
	REQUIRE(tally.battles().last() != nullptr);
	REQUIRE(tally.battles().last()->teams.size() == 2);
	CHECK(tally.battles().last()->teams[0].hostId == hostA);
}

TEST_CASE("Battle points goal: your side's points in the current battle, never coins", "[fangoals]")
{
	Tally tally;
	tally.setGoal(goal("points", GoalKind::BattlePoints, 40, hostB));
	tally.setGoal(goal("first", GoalKind::BattlePoints, 40));
	tally.setGoal(goal("coins", GoalKind::Coins, 40));
	auto frames = wireLines("battle-2.5.jsonl");
	feed(tally, frames, 3);
	CHECK(state(tally, "first").current == 3);
	CHECK(state(tally, "first").opponent == 0); // hostB has no points yet in that message
	feed(tally, {frames[3], frames[4]});
	const GoalState points = state(tally, "points");
	CHECK(points.current == 45);
	CHECK(points.target == 40);
	CHECK(points.reached);
	CHECK(points.battleKnown);
	CHECK(points.battleEnded);
	CHECK(points.opponent == 3);
	CHECK(state(tally, "first").current == 3);
	CHECK_FALSE(state(tally, "first").reached);
	CHECK(state(tally, "coins").current == 1); // the Rose only

	// Mirrored: an adjustment changes nothing.
	tally.adjustGoal("points", 100);
	CHECK(state(tally, "points").current == 45);
}

TEST_CASE("Win the battle goal: both sides' points, your share, reached only by a won battle", "[fangoals]")
{
	Tally tally;
	tally.setGoal(goal("ours", GoalKind::BattleWin));
	tally.setGoal(goal("theirs", GoalKind::BattleWin, 100, hostB));
	CHECK(state(tally, "ours").fraction == Approx(0.5)); // before any battle: an even split
	CHECK_FALSE(state(tally, "ours").battleKnown);
	auto frames = wireLines("battle-2.5.jsonl");
	feed(tally, frames, 4);
	GoalState ours = state(tally, "ours");
	CHECK(ours.current == 3);
	CHECK(ours.target == 45);
	CHECK(ours.opponent == 45);
	CHECK(ours.fraction == Approx(3.0 / 48.0));
	CHECK_FALSE(ours.battleEnded);
	CHECK_FALSE(state(tally, "theirs").reached); // leading is not winning
	feed(tally, {frames[4]});
	CHECK(state(tally, "theirs").reached);
	CHECK(state(tally, "theirs").fraction == Approx(45.0 / 48.0));
	CHECK_FALSE(state(tally, "ours").reached);
	Snapshot snapshot;
	tally.fillSnapshot(snapshot);
	CHECK(snapshot.goalEvents.empty()); // a battle's result is an alert of its own, not a goal reached
}

TEST_CASE("A battle's end is one BattleResult activity entry (TLC 1.x's closing message adds none)", "[fangoals]")
{
	Tally tally;
	auto frames = wireLines("battle-2.5.jsonl");
	feed(tally, frames, 4);
	auto count = [&] {
		std::size_t n = 0;
		for (const auto &entry : activity(tally)) {
			n += entry.kind == ActivityKind::BattleResult ? 1 : 0;
		}
		return n;
	};
	CHECK(count() == 0);
	feed(tally, {frames[4], frames[4]});
	REQUIRE(count() == 1);
	const GiftActivity result = activity(tally).back();
	CHECK(result.kind == ActivityKind::BattleResult);
	CHECK(result.battle.winnerHostId == hostB);
	CHECK(result.coins == 0);
	CHECK(battleOutcome(result.battle, "") == BattleOutcome::Lose);
	CHECK(result.battleHostSide.empty()); // no host taught by gifts: an alert's side setting, else the first

	// a gift named the host (its anchor id): the result names the host's side for alerts without a side set
	Tally hosted;
	feed(hosted, {R"({"event":"gift","data":{"msgId":"h1","uniqueId":"ann","giftId":7,"diamondCount":1,)"
		      R"("giftType":2,"repeatCount":1,"repeatEnd":true,"monitorInfo":{"anchorId":")" +
		      hostB + R"("}}})"});
	feed(hosted, frames);
	REQUIRE(activity(hosted).back().kind == ActivityKind::BattleResult);
	CHECK(activity(hosted).back().battleHostSide == hostB);
	CHECK(battleOutcome(activity(hosted).back().battle, hostB) == BattleOutcome::Win);

	Tally old;
	const auto oldFrames = wireLines("battle-1.2.3.jsonl");
	feed(old, oldFrames);
	feed(old, {oldFrames.front()}); // the closing linkMicBattle reads like a start
	std::size_t results = 0;
	for (const auto &entry : activity(old)) {
		results += entry.kind == ActivityKind::BattleResult ? 1 : 0;
	}
	CHECK(results == 1);
}

TEST_CASE("Super Fans: activity entries by kind and a goal of new Super Fans", "[fangoals]")
{
	Tally tally;
	tally.setGoal(goal("fans", GoalKind::SuperFans, 2));
	const std::string join = R"({"event":"superFanJoin","data":{"common":{"method":"WebcastBarrageMessage",)"
				 R"("msgId":"sf1"},"user":{"userId":"1","displayId":"ann","nickname":"Ann"},)"
				 R"("content":{"key":"ttlive_superfan_commentnotif_superfanjoined"}}})";
	const std::string box = R"({"event":"superFanBox","data":{"common":{"method":"WebcastEnvelopeMessage",)"
				R"("msgId":"sf2"},"envelopeInfo":{"businessType":19}}})";
	const std::string other = R"({"event":"superFan","data":{"common":{"method":"WebcastBarrageMessage",)"
				  R"("msgId":"sf3"},"content":{"key":"ttlive_superfan_levelup"}}})";
	feed(tally, {join, join, box});
	CHECK(state(tally, "fans").current == 1); // the box is not a new fan, the twin join not a second one
	CHECK_FALSE(state(tally, "fans").reached);
	feed(tally, {other});
	CHECK(state(tally, "fans").current == 2);
	CHECK(state(tally, "fans").reached);
	std::vector<ActivityKind> kinds;
	for (const auto &entry : activity(tally)) {
		kinds.push_back(entry.kind);
	}
	CHECK(kinds == std::vector<ActivityKind>{ActivityKind::SuperFanJoin, ActivityKind::SuperFanBox,
						 ActivityKind::SuperFanOther});
	CHECK(activity(tally).front().nickname == "Ann");
	CHECK(tally.totals(false).coins == 0);
}

TEST_CASE("TikTok's goal as a goal: its description, progress and target", "[fangoals]")
{
	Tally tally;
	tally.setGoal(goal("tiktok", GoalKind::TikTokGoal, 50));
	GoalSpec titled = goal("titled", GoalKind::TikTokGoal);
	titled.title = "My words";
	tally.setGoal(titled);
	CHECK(state(tally, "tiktok").current == 0);
	CHECK(state(tally, "tiktok").target == 50); // nothing from TikTok yet: the goal's own target
	feed(tally, {tiktokGoal("g1", 250, 1000)});
	GoalState mirrored = state(tally, "tiktok");
	CHECK(mirrored.title == "Road to 1000");
	CHECK(mirrored.current == 250);
	CHECK(mirrored.target == 1000);
	CHECK(mirrored.fraction == Approx(0.25));
	CHECK_FALSE(mirrored.reached);
	CHECK(state(tally, "titled").title == "My words");
	feed(tally, {tiktokGoal("g2", 1000, 1000)});
	CHECK(state(tally, "tiktok").reached);
	feed(tally, {tiktokGoal("g3", 10, 2000)}); // TikTok started a new goal
	CHECK(state(tally, "tiktok").target == 2000);
	CHECK_FALSE(state(tally, "tiktok").reached);
	CHECK(tally.totals(false).coins == 0);
}

TEST_CASE("Goal JSON: the new kinds and battle side round-trip; goals of earlier versions still read", "[fangoals]")
{
	for (const GoalKind kind :
	     {GoalKind::SuperFans, GoalKind::BattlePoints, GoalKind::BattleWin, GoalKind::TikTokGoal}) {
		GoalSpec spec = goal("g", kind, 7, "6800000000000000111");
		GoalSpec back;
		REQUIRE(goalSpecFromJson(goalSpecToJson(spec), back));
		CHECK(back == spec);
	}
	GoalSpec old;
	REQUIRE(goalSpecFromJson(R"({"id":"x","title":"T","kind":"subscribers","gift_id":0,"start":0,)"
				 R"("target":5,"scope":"stream","on_reach":"hold","repeat_step":0,"stages":[]})",
				 old));
	CHECK(old.kind == GoalKind::Subscribers);
	CHECK(old.battleSide.empty());

	GoalRecord record;
	record.progress.reset = true;
	record.progress.mark.superFans = 4;
	GoalRecord read;
	REQUIRE(goalProgressFromJson(goalProgressToJson(record), read));
	CHECK(read.progress.mark.superFans == 4);
	REQUIRE(goalProgressFromJson(R"({"origin":{"coins":3},"progress":{"reset":true,"mark":{"coins":1}},"undo":[]})",
				     read));
	CHECK(read.origin.coins == 3);
	CHECK(read.progress.mark.superFans == 0);
}

TEST_CASE("A head start (start) is not added to goals that mirror TikTok, as it is to counted goals", "[fangoals]")
{
	Tally tally;
	GoalSpec points = goal("points", GoalKind::BattlePoints, 40, hostB);
	points.start = 50;
	GoalSpec win = goal("win", GoalKind::BattleWin);
	win.start = 50;
	GoalSpec tiktok = goal("tiktok", GoalKind::TikTokGoal, 100);
	tiktok.start = 50;
	GoalSpec coins = goal("coins", GoalKind::Coins, 100);
	coins.start = 50;
	for (const GoalSpec &spec : {points, win, tiktok, coins}) {
		tally.setGoal(spec);
	}
	// Before anything from TikTok: nothing, and a head start above the target reaches nothing.
	CHECK(state(tally, "points").current == 0);
	CHECK_FALSE(state(tally, "points").reached);
	CHECK(state(tally, "tiktok").current == 0);
	CHECK(state(tally, "coins").current == 50);
	auto frames = wireLines("battle-2.5.jsonl");
	feed(tally, frames, 4);
	CHECK(state(tally, "points").current == 45); // hostB's points, as TikTok tells
	CHECK(state(tally, "win").current == 3);
	CHECK(state(tally, "win").opponent == 45);
	feed(tally, {tiktokGoal("h1", 30, 100)});
	CHECK(state(tally, "tiktok").current == 30);
	CHECK_FALSE(state(tally, "tiktok").reached);
	CHECK(state(tally, "coins").current == 51); // the Rose, after its head start
}
