#include <catch2/catch.hpp>

#include <sstream>

#include "core/engine.hpp"
#include "core/ledger-schema.hpp"
#include "core/summary.hpp"
#include "core/tally.hpp"
#include "sql-support.hpp"
#include "support.hpp"

using namespace livegifts;
using testsupport::parseFrame;
using testsupport::wireLines;

namespace {

const BattleTeamUpdate *team(const Event &e, const std::string &host)
{
	for (const auto &t : e.battleTeams) {
		if (t.hostId == host) {
			return &t;
		}
	}
	return nullptr;
}

nlohmann::ordered_json replay(const std::vector<std::string> &frames)
{
	Engine engine;
	for (const auto &frame : frames) {
		engine.submitFrame(frame);
	}
	return makeSummary(engine);
}

const std::string hostA = "6800000000000000111";
const std::string hostB = "6800000000000000222";

} // namespace

TEST_CASE("TLC 2.5 linkMicBattle / linkMicArmies: id, phase, teams and points", "[battles]")
{
	const auto frames = wireLines("battle-2.5.jsonl");
	REQUIRE(frames.size() == 5);
	auto start = parseFrame(frames[0]);
	REQUIRE(start.size() == 1);
	CHECK(start[0].kind == EventKind::Battle);
	CHECK(start[0].battleId == "7510500000000000001");
	CHECK(start[0].battlePhase == BattlePhase::Running);
	REQUIRE(start[0].battleTeams.size() == 2);
	CHECK(start[0].battleTeams[0].hostId == hostA);
	CHECK_FALSE(start[0].battleTeams[0].hasPoints);

	auto gift = parseFrame(frames[1]);
	REQUIRE(gift.size() == 1);
	CHECK(gift[0].battleMultiplier == 3);
	CHECK(gift[0].diamondCount == 1);

	auto armies = parseFrame(frames[3]);
	REQUIRE(armies.size() == 1);
	CHECK(armies[0].kind == EventKind::BattleScore);
	CHECK(armies[0].battleId == "7510500000000000001");
	REQUIRE(team(armies[0], hostA) != nullptr);
	CHECK(team(armies[0], hostA)->points == 3); // hostscore (multiplied), not diamondScore
	REQUIRE(team(armies[0], hostB) != nullptr);
	CHECK(team(armies[0], hostB)->points == 45); // no hostscore: its supporters' scores

	auto end = parseFrame(frames[4]);
	REQUIRE(end.size() == 1);
	CHECK(end[0].battlePhase == BattlePhase::Ended);
	REQUIRE(team(end[0], hostB) != nullptr);
	CHECK(team(end[0], hostB)->result == 0);
	CHECK(team(end[0], hostB)->points == 45);
	CHECK(team(end[0], hostA)->result == 1);
}

TEST_CASE("TLC 1.x battleUsers / battleArmies: teams by hostUserId, points, battleStatus", "[battles]")
{
	const auto frames = wireLines("battle-1.2.3.jsonl");
	auto start = parseFrame(frames[0]);
	REQUIRE(start.size() == 1);
	CHECK(start[0].kind == EventKind::Battle);
	REQUIRE(start[0].battleTeams.size() == 2);
	CHECK(start[0].battleTeams[1].hostId == hostB);
	auto score = parseFrame(frames[1]);
	REQUIRE(score.size() == 1);
	CHECK(score[0].battlePhase == BattlePhase::Running);
	REQUIRE(team(score[0], hostA) != nullptr);
	CHECK(team(score[0], hostA)->points == 40);
	CHECK(team(score[0], hostB)->points == 70);
}

TEST_CASE("Euler snake_case battle fields and a bare battle message", "[battles]")
{
	auto events = parseFrame(
	    R"({"messages":[{"type":"WebcastLinkMicArmies","data":{"common":{"method":"WebcastLinkMicArmies","msgId":"e1"},)"
	    R"("battle_id":"77","armies":{"5":{"host_score":"12","user_armies":[]}},"battle_settings":{"status":1}}}]})");
	REQUIRE(events.size() == 1);
	CHECK(events[0].battleId == "77");
	REQUIRE(events[0].battleTeams.size() == 1);
	CHECK(events[0].battleTeams[0].hostId == "5");
	CHECK(events[0].battleTeams[0].points == 12);
	auto gift = parseFrame(R"({"event":"gift","data":{"msgId":"g","uniqueId":"u","giftId":5655,"diamondCount":1,)"
			       R"("match_info":{"multiplier_value":"5"}}})");
	REQUIRE(gift.size() == 1);
	CHECK(gift[0].battleMultiplier == 5);
}

TEST_CASE("Battle points are never coins; summary battles", "[battles]")
{
	const auto summary = replay(wireLines("battle-2.5.jsonl"));
	CHECK(summary["coins"] == 1); // the one Rose, not its 3 battle points nor 45 of the other side
	CHECK(summary["gifts"] == 1);
	CHECK(summary["supporters"].size() == 1);
	const auto expected = nlohmann::ordered_json::parse(
	    R"([{"id":"7510500000000000001","status":"ended","teams":[{"host_id":"6800000000000000111","points":3},)"
	    R"({"host_id":"6800000000000000222","points":45}],"winner_host_id":"6800000000000000222"}])");
	CHECK(summary["battles"] == expected);
	CHECK(summary["events"]["battle"] == 2);
	CHECK(summary["events"]["battleScore"] == 2);
}

TEST_CASE("Battle without an id (1.x): running, then ended by battleStatus, winner by points", "[battles]")
{
	auto frames = wireLines("battle-1.2.3.jsonl");
	auto summary = replay({frames[0], frames[1]});
	REQUIRE(summary["battles"].size() == 1);
	CHECK(summary["battles"][0]["status"] == "running");
	CHECK(summary["battles"][0]["winner_host_id"].is_null());
	CHECK(summary["battles"][0]["teams"][1]["points"] == 70);
	CHECK(summary["coins"] == 0);
	summary = replay(frames);
	REQUIRE(summary["battles"].size() == 1);
	CHECK(summary["battles"][0]["status"] == "ended");
	CHECK(summary["battles"][0]["winner_host_id"] == hostA);
	// a second start opens a second battle
	frames.push_back(frames[0]);
	frames.push_back(frames[1]);
	summary = replay(frames);
	REQUIRE(summary["battles"].size() == 2);
	CHECK(summary["battles"][1]["status"] == "running");
}

TEST_CASE("Battle points never reach a coin goal", "[battles]")
{
	Tally tally;
	GoalSpec spec;
	spec.id = "coins";
	spec.kind = GoalKind::Coins;
	spec.target = 10;
	tally.setGoal(spec);
	for (const auto &frame : wireLines("battle-2.5.jsonl")) {
		for (const auto &event : parseFrame(frame)) {
			tally.apply(event, 1000);
		}
	}
	CHECK(tally.goalState(*tally.goalRecord("coins")).current == 1);
	CHECK(tally.totals(true).coins == 1);
}

TEST_CASE("Superfans: join, box, other; the bridge's twin barrage/envelope is the same message", "[battles]")
{
	const std::string join =
	    R"({"common":{"method":"WebcastBarrageMessage","msgId":"sf1"},"user":{"userId":"1","displayId":"ann"},)"
	    R"("content":{"key":"ttlive_superfan_commentnotif_superfanjoined","defaultPattern":"{0:user} joined"}})";
	const std::string box =
	    R"({"common":{"method":"WebcastEnvelopeMessage","msgId":"sf2",)"
	    R"("displayText":{"key":"ttlive_superfanbox_sent"}},"envelopeInfo":{"businessType":19}})";
	const std::string other =
	    R"({"common":{"method":"WebcastBarrageMessage","msgId":"sf3"},"content":{"key":"ttlive_superfan_levelup"}})";
	const std::string plainBarrage =
	    R"({"common":{"method":"WebcastBarrageMessage","msgId":"sf4"},"content":{"key":"ttlive_other_thing"}})";
	auto parsed = parseFrame(R"({"event":"barrage","data":)" + join + "}");
	REQUIRE(parsed.size() == 1);
	CHECK(parsed[0].kind == EventKind::SuperFan);
	CHECK(parsed[0].superFan == SuperFanKind::Join);
	const auto summary = replay({
	    R"({"event":"superFanJoin","data":)" + join + "}",
	    R"({"event":"barrage","data":)" + join + "}",
	    R"({"event":"superFanBox","data":)" + box + "}",
	    R"({"event":"envelope","data":)" + box + "}",
	    R"({"event":"superFan","data":)" + other + "}",
	    R"({"event":"barrage","data":)" + other + "}",
	    R"({"event":"barrage","data":)" + plainBarrage + "}",
	    R"({"type":"WebcastEnvelopeMessage","data":{"common":{"method":"WebcastEnvelopeMessage","msgId":"sf5"},)"
	    R"("envelopeInfo":{"businessType":19}}})",
	});
	CHECK(summary["superfans"] == nlohmann::ordered_json::parse(R"({"joins":1,"boxes":2,"other":1})"));
	CHECK(summary["coins"] == 0);
	CHECK(summary["duplicates"] == 3);
	CHECK(summary["unknown_events"]["barrage"] == 1);
}

TEST_CASE("Subscriptions: subscribe and subNotify counted once each", "[battles]")
{
	const std::string sub = R"({"event":"subscribe","data":{"msgId":"u1","uniqueId":"ann","subMonth":1}})";
	const std::string notify = R"({"event":"subNotify","data":{"common":{"method":"WebcastSubNotifyMessage",)"
				   R"("msgId":"u2"},"user":{"userId":"2","displayId":"bob"},"subMonth":"3"}})";
	const auto summary = replay({sub, sub, notify, notify});
	CHECK(summary["subscriptions"] == 2);
	CHECK(summary["duplicates"] == 2);
}

TEST_CASE("goalUpdate: the last TikTok goal is kept", "[battles]")
{
	auto goal = [](const std::string &msgId, const std::string &progress) {
		return R"({"event":"goalUpdate","data":{"common":{"method":"WebcastGoalUpdateMessage","msgId":")" +
		       msgId +
		       R"("},"goal":{"id":"7400","idStr":"7400","type":1,"description":"Road to 1000",)"
		       R"("subGoals":[{"type":1,"id":"1","progress":")" +
		       progress +
		       R"(","target":"1000","gift":{"name":"Rose"}},{"progress":"9","target":"10"}]},)"
		       R"("contributorId":"6800000000000000999","contributeCount":"5"}})";
	};
	auto summary = replay({});
	CHECK(summary["tiktok_goal"].is_null());
	summary = replay({goal("g1", "250"), goal("g2", "300")});
	CHECK(summary["tiktok_goal"] ==
	      nlohmann::ordered_json::parse(
		  R"({"id":"7400","description":"Road to 1000","progress":300,"target":1000})"));
	CHECK(summary["coins"] == 0);
}

TEST_CASE("Ledger keeps battles and superfans across a restart", "[battles]")
{
	testsupport::TempDir dir;
	const auto path = dir.file("ledger.db");
	const std::string box = R"({"event":"superFanBox","data":{"common":{"method":"WebcastEnvelopeMessage",)"
				R"("msgId":"sfb"},"envelopeInfo":{"businessType":19}}})";
	nlohmann::ordered_json before;
	{
		Engine engine(withLedger(path));
		for (const auto &frame : wireLines("battle-2.5.jsonl")) {
			engine.submitFrame(frame);
		}
		engine.submitFrame(box);
		before = makeSummary(engine);
		REQUIRE(before["battles"].size() == 1);
	}
	CHECK(queryInt(path, "PRAGMA user_version") == ledgerSchemaVersion);
	CHECK(queryInt(path, "SELECT count(*) FROM battles") == 1);
	CHECK(queryInt(path, "SELECT superfan_boxes FROM room_totals WHERE scope = -1") == 1);
	Engine engine(withLedger(path));
	engine.submitFrame(box); // seen before the restart
	const auto after = makeSummary(engine);
	CHECK(after["battles"] == before["battles"]);
	CHECK(after["superfans"]["boxes"] == 1);
	CHECK(after["coins"] == 1);
}
