// Coin goals that count the whole room (gifts to guests too), the host id the gifts taught kept across a
// restart, and battle goals whose side is that host when none is set.
#include <catch2/catch.hpp>

#include <string>

#include "core/engine.hpp"
#include "core/goal-json.hpp"
#include "core/journal-spill.hpp"
#include "core/summary.hpp"
#include "sql-support.hpp"
#include "support.hpp"

using namespace livegifts;
using testsupport::TempDir;

namespace {

// A one-shot gift of 10 coins by `user` with `extra` fields in its data.
std::string gift(const std::string &msgId, const std::string &extra, const std::string &user = "ann")
{
	return R"({"event":"gift","data":{"msgId":")" + msgId + R"(","uniqueId":")" + user +
	       R"(","giftId":7,"diamondCount":10,"giftType":2,"repeatCount":1,"repeatEnd":true)" +
	       (extra.empty() ? "" : "," + extra) + "}}";
}

const std::string toHost = R"("toMemberId":"100","monitorInfo":{"anchorId":"100"})";
const std::string toGuest = R"("toMemberId":"900","toMemberNickname":"Nine")";

GoalSpec coinGoal(const std::string &id, bool wholeRoom, GoalScope scope = GoalScope::Stream)
{
	GoalSpec spec;
	spec.id = id;
	spec.kind = GoalKind::Coins;
	spec.target = 1000;
	spec.scope = scope;
	spec.wholeRoom = wholeRoom;
	return spec;
}

std::int64_t current(Engine &engine, const std::string &id)
{
	engine.flush();
	return engine.snapshot()->goals.at(id).current;
}

// One gift each to the host, a guest and no one named (10 coins each), and the guest's again (a duplicate).
void giftTheRoom(Engine &engine)
{
	engine.submitFrame(gift("h1", toHost));
	engine.submitFrame(gift("g1", toGuest, "bob"));
	engine.submitFrame(gift("u1", "", "cat"));
	engine.submitFrame(gift("g1", toGuest, "bob"));
}

// A battle of two sides: "5" listed first (12 points), the host "100" second (30 points).
const std::string battle =
    R"({"messages":[{"type":"WebcastLinkMicArmies","data":{"common":{"method":"WebcastLinkMicArmies","msgId":"b1"},)"
    R"("battle_id":"77","armies":{"5":{"host_score":"12","user_armies":[]},)"
    R"("100":{"host_score":"30","user_armies":[]}},"battle_settings":{"status":1}}}]})";

} // namespace

TEST_CASE("A coin goal counts the host's gifts, or the whole room's when set", "[recipients][goals]")
{
	Engine engine(EngineOptions{});
	engine.setGoal(coinGoal("host", false));
	engine.setGoal(coinGoal("room", true));
	engine.setGoal(coinGoal("room-all", true, GoalScope::AllTime));
	giftTheRoom(engine);
	// the host's and no one named's; the room: the guest's too, its duplicate once
	CHECK(current(engine, "host") == 20);
	CHECK(current(engine, "room") == 30);
	CHECK(current(engine, "room-all") == 30);
	CHECK_FALSE(engine.snapshot()->goals.at("host").wholeRoom);
	CHECK(engine.snapshot()->goals.at("room").wholeRoom);
	CHECK(makeSummary(engine)["recipients"]["room"]["coins"] == 30);
}

TEST_CASE("Switching a goal to the whole room and back loses nothing", "[recipients][goals]")
{
	Engine engine(EngineOptions{});
	for (const GoalScope scope : {GoalScope::Stream, GoalScope::SinceReset, GoalScope::AllTime}) {
		engine.setGoal(coinGoal("g" + std::to_string(static_cast<int>(scope)), false, scope));
	}
	giftTheRoom(engine);
	for (const GoalScope scope : {GoalScope::Stream, GoalScope::SinceReset, GoalScope::AllTime}) {
		const std::string id = "g" + std::to_string(static_cast<int>(scope));
		CAPTURE(id);
		CHECK(current(engine, id) == 20);
		engine.setGoal(coinGoal(id, true, scope)); // the room's since the same point: the guest's gift too
		CHECK(current(engine, id) == 30);
		CHECK(engine.snapshot()->goals.at(id).wholeRoom);
		engine.setGoal(coinGoal(id, false, scope));
		CHECK(current(engine, id) == 20);
		CHECK_FALSE(engine.snapshot()->goals.at(id).wholeRoom);
	}
	// after a reset both counters start from it; a manual adjustment is one number for both
	engine.resetGoal("g0");
	engine.submitFrame(gift("g2", toGuest, "dan"));
	CHECK(current(engine, "g0") == 0);
	engine.adjustGoal("g0", 5);
	CHECK(current(engine, "g0") == 5);
	engine.setGoal(coinGoal("g0", true));
	CHECK(current(engine, "g0") == 15);
	engine.undoGoalReset("g0"); // the adjustment made since the reset stays
	CHECK(current(engine, "g0") == 45);
}

TEST_CASE("A whole-room goal survives a restart; goals saved without the option count the host's",
	  "[recipients][goals][ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	{
		Engine engine(withLedger(path));
		engine.setGoal(coinGoal("room", true, GoalScope::SinceReset));
		engine.setGoal(coinGoal("host", false, GoalScope::SinceReset));
		giftTheRoom(engine);
		engine.flush();
	}
	CHECK(queryInt(path, "SELECT count(*) FROM goals WHERE spec LIKE '%\"whole_room\":true%'") == 1);
	{
		Engine engine(withLedger(path));
		engine.setGoal(coinGoal("room", true, GoalScope::SinceReset));
		engine.setGoal(coinGoal("host", false, GoalScope::SinceReset));
		CHECK(current(engine, "room") == 30);
		CHECK(current(engine, "host") == 20);
		engine.submitFrame(gift("g1", toGuest, "bob")); // the duplicate again, after the restart
		engine.submitFrame(gift("g2", toGuest, "dan"));
		CHECK(current(engine, "room") == 40);
		CHECK(current(engine, "host") == 20);
	}
	GoalSpec old;
	REQUIRE(goalSpecFromJson(R"({"id":"x","kind":"coins","scope":"stream","on_reach":"hold","target":5})", old));
	CHECK_FALSE(old.wholeRoom);
}

TEST_CASE("A reset point saved before whole-room goals counts guests from the restart", "[recipients][goals][ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	{
		Engine engine(withLedger(path));
		engine.setGoal(coinGoal("goal", false, GoalScope::SinceReset));
		giftTheRoom(engine);
		engine.flush();
	}
	// the goal as an earlier version wrote it: no room counter in its reset points
	REQUIRE(execSql(path, "UPDATE goals SET progress = json_remove(progress, '$.origin.room_coins',"
			      " '$.progress.mark.room_coins', '$.progress.adjust.room_coins',"
			      " '$.progress.stream_adjust.room_coins')") == "");
	REQUIRE(queryInt(path, "SELECT count(*) FROM goals WHERE progress LIKE '%room_coins%'") == 0);
	Engine engine(withLedger(path));
	engine.setGoal(coinGoal("goal", true, GoalScope::SinceReset));
	CHECK(current(engine, "goal") == 20); // the host's as before; the guest's gift before the restart is not known
	engine.submitFrame(gift("g2", toGuest, "dan"));
	CHECK(current(engine, "goal") == 30);
	engine.setGoal(coinGoal("goal", false, GoalScope::SinceReset));
	CHECK(current(engine, "goal") == 20);
}

TEST_CASE("The host id the gifts taught survives a restart", "[recipients][ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	{
		Engine engine(withLedger(path));
		engine.submitFrame(gift("1", R"("toMemberId":"0","monitorInfo":{"anchorId":"100"})")); // no one named
		engine.flush();
	}
	CHECK(queryInt(path, "SELECT value FROM meta WHERE key = 'host_id'") == 100);
	Engine engine(withLedger(path));
	engine.submitFrame(gift("2", R"("toMemberId":"100")", "bob")); // the host, named without its anchor
	const auto summary = makeSummary(engine);
	CHECK(summary["recipients"]["host"]["coins"] == 10);
	CHECK(summary["recipients"]["guests"].empty());
	CHECK(summary["coins"] == 20);
}

TEST_CASE("Spill lines carry the host id; lines without it still read", "[recipients][ledger]")
{
	JournalBatch batch;
	batch.hostId("6800000000000000000", true);
	CHECK_FALSE(batch.empty());
	JournalBatch back;
	REQUIRE(fromSpillLine(toSpillLine(batch), back));
	CHECK(back.hasHost);
	CHECK(back.host == "6800000000000000000");
	CHECK(back.hostRounded);
	JournalBatch old;
	REQUIRE(fromSpillLine(R"({"c":[],"g":[],"k":[],"m":[],"o":[],"s":[],"t":[],"u":[]})", old));
	CHECK_FALSE(old.hasHost);
}

TEST_CASE("A battle goal without a side takes the host the gifts taught, also after a restart",
	  "[recipients][battles][ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	GoalSpec points;
	points.id = "points";
	points.kind = GoalKind::BattlePoints;
	points.target = 100;
	{
		Engine engine(withLedger(path));
		engine.setGoal(points);
		engine.submitFrame(battle);
		CHECK(current(engine, "points") == 12); // no host known: the side listed first
		engine.submitFrame(gift("1", toHost));
		CHECK(current(engine, "points") == 30);
		CHECK(engine.snapshot()->goals.at("points").opponent == 12);
		points.battleSide = "5"; // a side set wins
		engine.setGoal(points);
		CHECK(current(engine, "points") == 12);
		points.battleSide.clear();
		engine.setGoal(points);
		engine.flush();
	}
	Engine engine(withLedger(path));
	engine.setGoal(points);
	CHECK(current(engine, "points") == 30);
}
