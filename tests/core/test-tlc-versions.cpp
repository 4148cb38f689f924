// Shapes of other tiktok-live-connector versions, from recordings the real packages made offline
// (tests/data/wire): 2.0's default connection emits the 1.x schema raw (its header under `event`, battles as
// battleItems/battleGroups and battleUsers/battleGroup/user), 2.1 names some fields its own way (battleSetting,
// anchorInfo and battleItems as maps by host, hostScore, userArmy, text as {displayType}).

#include <catch2/catch.hpp>

#include "core/engine.hpp"
#include "core/summary.hpp"
#include "support.hpp"

using namespace livegifts;
using testsupport::parseFrame;
using testsupport::wireLines;

namespace {

const std::string host = "6800000000000000007";
const std::string rival = "6811111111111111111";

const BattleTeamUpdate *team(const Event &e, const std::string &id)
{
	for (const auto &t : e.battleTeams) {
		if (t.hostId == id) {
			return &t;
		}
	}
	return nullptr;
}

// A recording's battle start (both hosts' teams) and first score update (the host 20 points, the rival 5); the
// start's event, for what else a version tells.
Event checkStartAndScores(const std::vector<std::string> &frames)
{
	REQUIRE(frames.size() == 2);
	const auto start = parseFrame(frames[0]);
	REQUIRE(start.size() == 1);
	CHECK(start[0].kind == EventKind::Battle);
	CHECK(start[0].battleTeams.size() == 2);
	CHECK(team(start[0], host) != nullptr);
	CHECK(team(start[0], rival) != nullptr);

	const auto armies = parseFrame(frames[1]);
	REQUIRE(armies.size() == 1);
	CHECK(armies[0].kind == EventKind::BattleScore);
	CHECK(armies[0].battleTeams.size() == 2);
	REQUIRE(team(armies[0], host) != nullptr);
	CHECK(team(armies[0], host)->points == 20);
	REQUIRE(team(armies[0], rival) != nullptr);
	CHECK(team(armies[0], rival)->points == 5);
	return start[0];
}

} // namespace

TEST_CASE("TLC 2.0 raw battles: teams from battleUsers' battleGroup.user, points from battleItems' battleGroups",
	  "[battles]")
{
	const auto frames = wireLines("battle-2.0.3-raw.jsonl");
	checkStartAndScores(frames);
	Engine engine;
	for (const auto &frame : frames) {
		engine.submitFrame(frame);
	}
	const auto summary = makeSummary(engine);
	REQUIRE(summary["battles"].size() == 1);
	CHECK(summary["battles"][0]["teams"].size() == 2);
}

TEST_CASE("TLC 2.1 battles: battleSetting, anchorInfo and battleItems by host id, hostScore", "[battles]")
{
	const Event start = checkStartAndScores(wireLines("battle-2.1.0.jsonl"));
	CHECK(start.battleId == "7510500000000000101");
	CHECK(start.battlePhase == BattlePhase::Running); // battleSetting.status 1
}

TEST_CASE("TLC 2.0 raw header: msgId and createTime under `event`; a re-sent streak counts once", "[normalize]")
{
	const auto frames = wireLines("gift-2.0.3-raw.jsonl"); // a Rose streak: 1, 5, 9, then 10 and its end
	REQUIRE(frames.size() == 4);
	const auto gift = parseFrame(frames[0]);
	REQUIRE(gift.size() == 1);
	CHECK(gift[0].kind == EventKind::Gift);
	CHECK(gift[0].msgId == "7510400000040015838");
	CHECK(gift[0].createTimeMs == 1748800802500);

	Engine engine;
	for (int pass = 0; pass < 2; ++pass) { // the second: the same messages again (a re-send, a replayed history)
		for (const auto &frame : frames) {
			engine.submitFrame(frame);
		}
	}
	const auto summary = makeSummary(engine);
	CHECK(summary["coins"] == 10);
	CHECK(summary["gifts"] == 10);
	CHECK(summary["duplicates"] == 4);
}

TEST_CASE("TLC 2.1 superFan with its text as {displayType}: joins and the rest told apart", "[battles]")
{
	const auto frames = wireLines("superfan-2.1.0.jsonl");
	REQUIRE(frames.size() == 3);
	const auto first = parseFrame(frames[0]);
	REQUIRE(first.size() == 1);
	CHECK(first[0].kind == EventKind::SuperFan);
	CHECK(first[0].superFan == SuperFanKind::Join);

	Engine engine;
	for (const auto &frame : frames) {
		engine.submitFrame(frame);
	}
	const auto summary = makeSummary(engine);
	CHECK(summary["superfans"] == nlohmann::ordered_json::parse(R"({"joins":2,"boxes":0,"other":1})"));
}
