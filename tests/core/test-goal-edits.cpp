// Goals that cannot be lost: edits never change progress or fire "reached", resets in every scope,
// undo, manual adjustments, a finished goal list, and all of it across a restart of the ledger.
#include <catch2/catch.hpp>

#include <cstdint>

#include <sqlite3.h>

#include "core/engine.hpp"
#include "core/ledger-schema.hpp"
#include "core/goal-json.hpp"
#include "core/tally.hpp"
#include "support.hpp"
#include "sql-support.hpp"

using namespace livegifts;
using testsupport::flatGift;
using testsupport::simple;
using testsupport::TempDir;

namespace {

struct Room {
	Tally tally;
	FrameParser parser;
	int next = 0;
	void gift(long long diamonds, long long count = 1, long long giftId = 1)
	{
		send(flatGift("e" + std::to_string(++next), "u", giftId, diamonds, 2, count, false));
	}
	void like(long long count)
	{
		send(simple("like", "l" + std::to_string(++next), "u", "\"likeCount\":" + std::to_string(count)));
	}
	void send(const std::string &frame)
	{
		std::vector<Event> events;
		parser.parse(frame, events);
		REQUIRE(events.size() == 1);
		tally.apply(events[0], 0);
	}
	GoalState state(const std::string &id) { return tally.goalState(tally.goals().at(id)); }
	std::size_t events()
	{
		Snapshot s;
		tally.fillSnapshot(s);
		return s.goalEvents.size();
	}
};

GoalSpec goal(const std::string &id, std::int64_t target, GoalScope scope = GoalScope::Stream)
{
	GoalSpec spec;
	spec.id = id;
	spec.title = "Goal";
	spec.target = target;
	spec.scope = scope;
	return spec;
}

} // namespace

TEST_CASE("Goal edits: looking at another kind, gift or scope and going back loses nothing", "[goals]")
{
	for (GoalScope scope : {GoalScope::Stream, GoalScope::SinceReset, GoalScope::AllTime}) {
		Room r;
		r.gift(300); // before the goal exists
		GoalSpec spec = goal("g", 1000, scope);
		r.tally.setGoal(spec);
		r.gift(500, 1);
		r.gift(1, 7, 5655);
		r.like(40);
		const std::int64_t coins = r.state("g").current;
		CHECK(coins == (scope == GoalScope::SinceReset ? 507 : 807));
		GoalSpec look = spec;
		look.kind = GoalKind::GiftCount; // "Counts -> Units of one gift", then Cancel
		look.giftId = 5655;
		r.tally.setGoal(look);
		CHECK(r.state("g").current == 7);
		look.kind = GoalKind::Likes;
		r.tally.setGoal(look);
		CHECK(r.state("g").current == 40);
		look.scope = scope == GoalScope::Stream ? GoalScope::AllTime : GoalScope::Stream;
		r.tally.setGoal(look);
		r.tally.setGoal(spec);
		CHECK(r.state("g").current == coins);
		CHECK(r.events() == 0);
		r.gift(500); // counting goes on from there and reaches once
		CHECK(r.state("g").reached);
		CHECK(r.state("g").timesReached == 1);
		CHECK(r.events() == 1);
	}
}

TEST_CASE("Goal edits: typing a target never fires reached; counting across it fires once", "[goals]")
{
	Room r;
	GoalSpec spec = goal("t", 100000);
	r.tally.setGoal(spec);
	r.gift(100);
	for (std::int64_t typed : {1, 15, 150, 1500}) {
		spec.target = typed;
		r.tally.setGoal(spec);
		CHECK(r.state("t").reached == (typed <= 100));
	}
	CHECK(r.events() == 0);
	CHECK(r.state("t").timesReached == 0);
	r.gift(1399); // 1,499: below
	CHECK(r.events() == 0);
	r.gift(1); // crosses 1,500
	CHECK(r.events() == 1);
	CHECK(r.state("t").timesReached == 1);
	r.gift(1);
	CHECK(r.events() == 1);

	// Repeat and Next settle silently too.
	spec.onReach = GoalOnReach::Repeat;
	spec.target = 100;
	r.tally.setGoal(spec);
	CHECK(r.state("t").target == 1600);
	CHECK(r.events() == 1);
	spec.onReach = GoalOnReach::Next;
	spec.stages = {{"Two", 1000}, {"Three", 5000}};
	r.tally.setGoal(spec);
	CHECK(r.state("t").stageIndex == 2);
	CHECK(r.state("t").target == 5000);
	CHECK(r.events() == 1);
}

TEST_CASE("Goal reset works in every scope and can be undone", "[goals]")
{
	Room r;
	r.tally.setGoal(goal("stream", 1000));
	r.tally.setGoal(goal("since", 1000, GoalScope::SinceReset));
	r.tally.setGoal(goal("all", 1000, GoalScope::AllTime));
	r.gift(400);
	for (const char *id : {"stream", "since", "all"}) {
		r.tally.resetGoal(id);
		CHECK(r.state(id).current == 0);
	}
	r.gift(30);
	CHECK(r.state("stream").current == 30);
	CHECK(r.state("since").current == 30);
	CHECK(r.state("all").current == 30);
	r.tally.startStream(0); // a new stream: "this stream" counts it alone
	r.gift(5);
	CHECK(r.state("stream").current == 5);
	CHECK(r.state("since").current == 35);
	CHECK(r.state("all").current == 35);

	r.tally.undoGoalReset("all");
	CHECK(r.state("all").current == 435);
	r.tally.undoGoalReset("since");
	CHECK(r.state("since").current == 435);
	r.tally.undoGoalReset("since"); // nothing more to undo
	CHECK(r.state("since").current == 435);
	r.tally.resetGoal("stream");
	r.gift(2);
	r.tally.undoGoalReset("stream");
	CHECK(r.state("stream").current == 7);
	CHECK(r.events() == 0);
}

TEST_CASE("Goal adjustments: manual +/- per counter, never below zero, may reach", "[goals]")
{
	Room r;
	GoalSpec spec = goal("a", 100);
	r.tally.setGoal(spec);
	r.gift(50);
	r.tally.adjustGoal("a", 20);
	CHECK(r.state("a").current == 70);
	r.tally.adjustGoal("a", -500);
	CHECK(r.state("a").current == 0);
	r.tally.adjustGoal("a", 120);
	CHECK(r.state("a").current == 120);
	CHECK(r.state("a").reached);
	CHECK(r.events() == 1);
	spec.kind = GoalKind::Likes; // the adjustment belongs to the coins counter
	r.tally.setGoal(spec);
	CHECK(r.state("a").current == 0);
	spec.kind = GoalKind::Coins;
	r.tally.setGoal(spec);
	CHECK(r.state("a").current == 120);
	r.tally.startStream(0); // a stream goal's adjustment ends with its stream
	CHECK(r.state("a").current == 0);
	r.tally.resetGoal("a");
	r.tally.adjustGoal("a", 9);
	CHECK(r.state("a").current == 9);
	r.tally.undoGoalReset("a"); // the adjustment made since the reset stays
	CHECK(r.state("a").current == 9);
}

TEST_CASE("Undoing a reset keeps the adjustments made since it, in every scope and kind", "[goals]")
{
	Room r;
	GoalSpec units = goal("units", 1000, GoalScope::SinceReset);
	units.kind = GoalKind::GiftCount;
	units.giftId = 7;
	r.tally.setGoal(goal("stream", 100000));
	r.tally.setGoal(goal("since", 100000, GoalScope::SinceReset));
	r.tally.setGoal(goal("all", 100000, GoalScope::AllTime));
	r.tally.setGoal(units);
	r.gift(1000, 1, 7); // 1,000 coins: one gift 7
	for (const char *id : {"stream", "since", "all", "units"}) {
		r.tally.resetGoal(id);
		r.tally.adjustGoal(id, 250);
		r.tally.adjustGoal(id, -20);
	}
	r.gift(10, 1, 7);
	CHECK(r.state("stream").current == 240);
	CHECK(r.state("units").current == 231);
	for (const char *id : {"stream", "since", "all"}) {
		r.tally.undoGoalReset(id); // the 1,000 before, the 10 after, +250 and -20
		CHECK(r.state(id).current == 1240);
	}
	r.tally.undoGoalReset("units");
	CHECK(r.state("units").current == 232);

	// two resets undone one after the other keep both adjustments
	r.tally.resetGoal("since");
	r.tally.adjustGoal("since", 5);
	r.tally.resetGoal("since");
	r.tally.adjustGoal("since", 3);
	CHECK(r.state("since").current == 3);
	r.tally.undoGoalReset("since");
	CHECK(r.state("since").current == 8);
	r.tally.undoGoalReset("since");
	CHECK(r.state("since").current == 1248);

	// this stream's goal: an adjustment made in an earlier stream ends with it, undone or not
	r.tally.resetGoal("stream");
	r.tally.adjustGoal("stream", 40);
	r.tally.startStream(0);
	r.gift(2, 1, 7);
	CHECK(r.state("stream").current == 2);
	r.tally.undoGoalReset("stream");
	CHECK(r.state("stream").current == 2);
	r.tally.resetGoal("stream");
	r.tally.adjustGoal("stream", 6);
	r.tally.undoGoalReset("stream");
	CHECK(r.state("stream").current == 8);
	CHECK(r.state("all").current == 1242); // the stream goal's acts are its own
	CHECK(r.events() == 0);
}

TEST_CASE("A finished goal list is done at 100 %", "[goals]")
{
	Room r;
	GoalSpec spec = goal("list", 100);
	spec.onReach = GoalOnReach::Next;
	spec.stages = {{"Two", 200}};
	r.tally.setGoal(spec);
	r.gift(150);
	CHECK_FALSE(r.state("list").done);
	r.gift(1722); // 1,872: 936 % of the last stage
	const GoalState s = r.state("list");
	CHECK(s.done);
	CHECK(s.reached);
	CHECK(s.fraction == Approx(1.0));
	CHECK(s.percent == Approx(100.0));
	CHECK(s.current == 1872);
	CHECK(s.stageIndex == 1);
	CHECK(r.events() == 2);
	spec.stages.push_back({"Three", 5000}); // a new stage: not done any more, silently
	r.tally.setGoal(spec);
	CHECK_FALSE(r.state("list").done);
	CHECK(r.events() == 2);
}

TEST_CASE("Goal resets, undos and adjustments are ledger rows and survive a restart", "[goals][ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	GoalSpec spec = goal("g", 1000, GoalScope::SinceReset);
	{
		Engine engine(withLedger(path));
		engine.setGoal(spec);
		engine.submitFrame(flatGift("a", "ann", 1, 300, 2, 1, false));
		engine.resetGoal("g");
		engine.submitFrame(flatGift("b", "ann", 1, 40, 2, 1, false));
		engine.adjustGoal("g", 5);
		engine.resetGoal("g");
		engine.undoGoalReset("g");
		engine.flush();
		CHECK(engine.snapshot()->goals.at("g").current == 45);
	}
	CHECK(queryInt(path, "SELECT count(*) FROM resets WHERE kind = 'goal' AND target = 'g'") == 2);
	CHECK(queryInt(path, "SELECT amount FROM goal_actions WHERE action = 'adjust' AND goal_id = 'g'") == 5);
	CHECK(queryInt(path, "SELECT count(*) FROM goal_actions WHERE action = 'undo-reset'") == 1);
	{
		Engine engine(withLedger(path));
		spec.kind = GoalKind::Likes; // registered with another kind after the restart, then back
		engine.setGoal(spec);
		spec.kind = GoalKind::Coins;
		engine.setGoal(spec);
		engine.flush();
		CHECK(engine.snapshot()->goals.at("g").current == 45);
		engine.undoGoalReset("g"); // the first reset's undo survived too
		engine.flush();
		CHECK(engine.snapshot()->goals.at("g").current == 345); // with the +5 made after that reset
		CHECK(engine.snapshot()->goalEvents.empty());
	}
}

TEST_CASE("A ledger of schema 1 loads; its goals keep their progress", "[goals][ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	GoalSpec spec = goal("old", 1000, GoalScope::SinceReset);
	{
		Engine engine(withLedger(path));
		engine.submitFrame(flatGift("a", "ann", 1, 300, 2, 1, false));
		engine.setGoal(spec);
		engine.submitFrame(flatGift("b", "ann", 1, 70, 2, 1, false));
		engine.flush();
		CHECK(engine.snapshot()->goals.at("old").current == 70);
	}
	CHECK(queryInt(path, "SELECT base FROM goals WHERE id = 'old'") == 300);
	// Back to what a build of schema 1 wrote.
	CHECK(
	    execSql(path,
		    std::string(undoNewerHandlesSql) + undoNumericIdsSql + undoGuestGiftsSql + undoStreamBoundariesSql +
			undoRecipientsSql +
			"ALTER TABLE supporter_totals DROP COLUMN likes;"
			"ALTER TABLE supporter_totals DROP COLUMN gift_reach;"
			"ALTER TABLE supporter_totals DROP COLUMN like_reach;"
			"ALTER TABLE room_totals DROP COLUMN superfan_joins; ALTER TABLE room_totals DROP COLUMN "
			"superfan_boxes;"
			"ALTER TABLE room_totals DROP COLUMN superfan_other; DROP TABLE battles;"
			"ALTER TABLE goals DROP COLUMN progress; DROP TABLE goal_actions; PRAGMA user_version = 1;") ==
	    "");
	REQUIRE(queryInt(path, "PRAGMA user_version") == 1);
	{
		Engine engine(withLedger(path));
		engine.setGoal(spec);
		engine.submitFrame(flatGift("c", "ann", 1, 5, 2, 1, false));
		engine.flush();
		CHECK(engine.snapshot()->ledgerOk);
		CHECK(engine.snapshot()->goals.at("old").current == 75);
	}
	CHECK(queryInt(path, "PRAGMA user_version") == ledgerSchemaVersion);
}

TEST_CASE("A goal's reset points as JSON: round trip, bad text leaves the record alone", "[goals]")
{
	GoalRecord record;
	record.origin.coins = 7;
	record.origin.giftUnits[5655] = 3;
	record.progress.reset = true;
	record.progress.mark.likes = 40;
	record.progress.markStream = 4;
	record.progress.adjust.coins = -2;
	record.progress.streamAdjust.coins = -2;
	record.progress.adjustStream = 4;
	record.undo.push_back(GoalProgress{});
	GoalRecord back;
	REQUIRE(goalProgressFromJson(goalProgressToJson(record), back));
	CHECK(back.origin == record.origin);
	CHECK(back.progress == record.progress);
	CHECK(back.undo == record.undo);
	for (const char *bad : {"", "[]", "nonsense", R"({"origin":{"gift_units":[[1]]}})"}) {
		GoalRecord kept = back;
		CHECK_FALSE(goalProgressFromJson(bad, kept));
		CHECK(kept.origin == back.origin);
		CHECK(kept.progress == back.progress);
	}
}

TEST_CASE("A goal's JSON with a number outside int64 or not whole is unreadable, never cast", "[goals]")
{
	// Casting such a double to int64 is undefined behaviour (UBSan: float-cast-overflow); found by fuzzing.
	const std::string spec = R"({"id":"g","kind":"coins","scope":"stream","on_reach":"hold","target":)";
	for (const char *number : {"1e300", "-1e19", "9223372036854775808", "18446744073709551615", "2.5"}) {
		INFO(number);
		GoalSpec parsed;
		CHECK_FALSE(goalSpecFromJson(spec + number + "}", parsed));
		GoalRecord record;
		CHECK_FALSE(goalProgressFromJson(std::string(R"({"origin":{"coins":)") + number + "}}", record));
		CHECK_FALSE(
		    goalProgressFromJson(std::string(R"({"origin":{"gift_units":[[1,)") + number + "]]}}", record));
	}
	GoalSpec whole;
	REQUIRE(goalSpecFromJson(spec + "1.5e3}", whole));
	CHECK(whole.target == 1500);
	REQUIRE(goalSpecFromJson(spec + "-9223372036854775808}", whole));
	CHECK(whole.target == INT64_MIN);
}
