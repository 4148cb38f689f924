// Goals of one gift's units that count the whole room (gifts to guests too): the guests' units per gift in
// the ledger (schema 7), its spill lines, reset points that keep the room's units, and older ledgers upgraded.
#include <catch2/catch.hpp>

#include <string>

#include "core/engine.hpp"
#include "core/journal-spill.hpp"
#include "core/ledger-schema.hpp"
#include "sql-support.hpp"
#include "support.hpp"

using namespace livegifts;
using testsupport::TempDir;

namespace {

// A one-shot gift of `units` units of gift `giftId` (5 coins each) by `user` with `extra` fields in its data.
std::string gift(const std::string &msgId, const std::string &extra, const std::string &user = "ann", int giftId = 7,
		 int units = 1)
{
	return R"({"event":"gift","data":{"msgId":")" + msgId + R"(","uniqueId":")" + user + R"(","giftId":)" +
	       std::to_string(giftId) + R"(,"diamondCount":5,"giftType":2,"repeatCount":)" + std::to_string(units) +
	       R"(,"repeatEnd":true)" + (extra.empty() ? "" : "," + extra) + "}}";
}

const std::string toHost = R"("toMemberId":"100","monitorInfo":{"anchorId":"100"})";
const std::string toGuest = R"("toMemberId":"900","toMemberNickname":"Nine")";
const std::string toOtherGuest = R"("toMemberId":"901")";

GoalSpec giftGoal(const std::string &id, bool wholeRoom, GoalScope scope = GoalScope::Stream, int giftId = 7)
{
	GoalSpec spec;
	spec.id = id;
	spec.kind = GoalKind::GiftCount;
	spec.giftId = giftId;
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

// Gift 7: 1 unit to the host, 3 to a guest, 2 to no one named, the guest's again (a duplicate); gift 8: 4 units
// to another guest.
void giftTheRoom(Engine &engine)
{
	engine.submitFrame(gift("h1", toHost));
	engine.submitFrame(gift("g1", toGuest, "bob", 7, 3));
	engine.submitFrame(gift("u1", "", "cat", 7, 2));
	engine.submitFrame(gift("g1", toGuest, "bob", 7, 3));
	engine.submitFrame(gift("o1", toOtherGuest, "dan", 8, 4));
}

const GoalScope allScopes[] = {GoalScope::Stream, GoalScope::SinceReset, GoalScope::AllTime};

std::string idOf(GoalScope scope, bool room)
{
	return std::string(room ? "room-" : "host-") + std::string(goalScopeName(scope));
}

} // namespace

TEST_CASE("A gift goal counts the host's units, or the whole room's when set", "[recipients][goals]")
{
	Engine engine(EngineOptions{});
	for (const GoalScope scope : allScopes) {
		engine.setGoal(giftGoal(idOf(scope, false), false, scope));
		engine.setGoal(giftGoal(idOf(scope, true), true, scope));
	}
	engine.setGoal(giftGoal("room-8", true, GoalScope::Stream, 8));
	engine.setGoal(giftGoal("host-8", false, GoalScope::Stream, 8));
	giftTheRoom(engine);
	for (const GoalScope scope : allScopes) {
		CAPTURE(goalScopeName(scope));
		CHECK(current(engine, idOf(scope, false)) == 3); // the host's and no one named's
		CHECK(current(engine, idOf(scope, true)) == 6);  // and the guest's, its duplicate once
	}
	CHECK(current(engine, "host-8") == 0);
	CHECK(current(engine, "room-8") == 4); // only gift 8's units, the other guest's
	// each guest's units per gift in the snapshot
	const auto snap = engine.snapshot();
	REQUIRE(snap->stream.recipients.guests.size() == 2);
	for (const RecipientTotal &guest : snap->stream.recipients.guests) {
		CHECK(guest.giftUnits == (guest.id == "900" ? std::map<std::int64_t, std::int64_t>{{7, 3}}
							    : std::map<std::int64_t, std::int64_t>{{8, 4}}));
	}
	CHECK(snap->stream.recipients.host.giftUnits.empty());
}

TEST_CASE("Switching a gift goal to the whole room and back loses nothing; reset, adjust and undo",
	  "[recipients][goals]")
{
	Engine engine(EngineOptions{});
	for (const GoalScope scope : allScopes) {
		engine.setGoal(giftGoal(idOf(scope, false), false, scope));
	}
	giftTheRoom(engine);
	for (const GoalScope scope : allScopes) {
		const std::string id = idOf(scope, false);
		CAPTURE(id);
		CHECK(current(engine, id) == 3);
		engine.setGoal(giftGoal(id, true, scope)); // the room's since the same point: the guest's units too
		CHECK(current(engine, id) == 6);
		engine.setGoal(giftGoal(id, false, scope));
		CHECK(current(engine, id) == 3);
		engine.setGoal(giftGoal(id, true, scope, 8)); // another gift, and back
		CHECK(current(engine, id) == 4);
		engine.setGoal(giftGoal(id, false, scope));
		CHECK(current(engine, id) == 3);
	}
	// after a reset both counters start from it; a manual adjustment is one number for both
	const std::string id = idOf(GoalScope::Stream, false);
	engine.resetGoal(id);
	engine.submitFrame(gift("g2", toGuest, "eve", 7, 2));
	CHECK(current(engine, id) == 0);
	engine.adjustGoal(id, 5);
	CHECK(current(engine, id) == 5);
	engine.setGoal(giftGoal(id, true));
	CHECK(current(engine, id) == 7);
	engine.undoGoalReset(id); // the room's 6 before the reset, the guest's 2 after, and the +5 since it
	CHECK(current(engine, id) == 13);
	engine.setGoal(giftGoal(id, false));
	CHECK(current(engine, id) == 8); // the host's 3 and the +5
}

TEST_CASE("A whole-room gift goal survives a restart; the ledger keeps each guest's units per gift",
	  "[recipients][goals][ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	{
		Engine engine(withLedger(path));
		for (const GoalScope scope : allScopes) {
			engine.setGoal(giftGoal(idOf(scope, true), true, scope));
			engine.setGoal(giftGoal(idOf(scope, false), false, scope));
		}
		giftTheRoom(engine);
		engine.flush();
	}
	// stream 1 and all time, each with both guests' gifts
	CHECK(queryInt(path, "SELECT count(*) FROM guest_gifts") == 4);
	CHECK(queryInt(path, "SELECT units FROM guest_gifts WHERE scope = -1 AND guest_id = '900' AND gift_id = 7") ==
	      3);
	CHECK(queryInt(path, "SELECT count(*) FROM goals WHERE progress LIKE '%room_gift_units%'") == 6);
	Engine engine(withLedger(path));
	for (const GoalScope scope : allScopes) {
		engine.setGoal(giftGoal(idOf(scope, true), true, scope));
		engine.setGoal(giftGoal(idOf(scope, false), false, scope));
	}
	for (const GoalScope scope : allScopes) {
		CAPTURE(goalScopeName(scope));
		CHECK(current(engine, idOf(scope, true)) == 6);
		CHECK(current(engine, idOf(scope, false)) == 3);
	}
	engine.submitFrame(gift("g1", toGuest, "bob", 7, 3)); // the duplicate again, after the restart
	engine.submitFrame(gift("g3", toGuest, "fay", 7, 1));
	for (const GoalScope scope : allScopes) {
		CAPTURE(goalScopeName(scope));
		CHECK(current(engine, idOf(scope, true)) == 7);
		CHECK(current(engine, idOf(scope, false)) == 3);
	}
	// switching after the restart reads the reset point the ledger kept
	engine.setGoal(giftGoal(idOf(GoalScope::SinceReset, false), true, GoalScope::SinceReset));
	CHECK(current(engine, idOf(GoalScope::SinceReset, false)) == 7);
}

TEST_CASE("A ledger of schema 6 upgrades: guests' units per gift from its gift rows", "[recipients][goals][ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	{
		Engine engine(withLedger(path));
		engine.setGoal(giftGoal("stream", true));
		engine.setGoal(giftGoal("since", false, GoalScope::SinceReset));
		engine.setGoal(giftGoal("reset", false, GoalScope::AllTime));
		giftTheRoom(engine);
		engine.resetGoal("reset");
		engine.submitFrame(gift("g2", toGuest, "eve", 7, 2));
		engine.flush();
	}
	// what a build of schema 6 wrote: no units per guest and gift, no room units in reset points
	REQUIRE(execSql(path, std::string(undoNewerHandlesSql) + undoNumericIdsSql + undoGuestGiftsSql +
				  "UPDATE goals SET progress = json_remove(progress, '$.origin.room_gift_units',"
				  " '$.progress.mark.room_gift_units', '$.progress.adjust.room_gift_units',"
				  " '$.progress.stream_adjust.room_gift_units', '$.undo[0].mark.room_gift_units',"
				  " '$.undo[0].adjust.room_gift_units', '$.undo[0].stream_adjust.room_gift_units');"
				  "PRAGMA user_version = 6;") == "");
	REQUIRE(queryInt(path, "SELECT count(*) FROM goals WHERE progress LIKE '%room_gift_units%'") == 0);
	{
		Engine engine(withLedger(path));
		engine.setGoal(giftGoal("stream", true));
		engine.setGoal(giftGoal("since", false, GoalScope::SinceReset));
		engine.setGoal(giftGoal("reset", false, GoalScope::AllTime));
		CHECK(engine.snapshot()->ledgerOk);
		// nothing lost: this stream's guests' units come from the gift rows
		CHECK(current(engine, "stream") == 8);
		const auto snap = engine.snapshot();
		CHECK(snap->allTime.recipients.guests.size() == 2);
		// reset points saved before hold no room units: guests count from the upgrade on
		engine.setGoal(giftGoal("since", true, GoalScope::SinceReset));
		CHECK(current(engine, "since") == 3);
		engine.setGoal(giftGoal("reset", true, GoalScope::AllTime));
		CHECK(current(engine, "reset") == 0);
		engine.submitFrame(gift("g3", toGuest, "fay", 7, 1));
		CHECK(current(engine, "stream") == 9);
		CHECK(current(engine, "since") == 4);
		CHECK(current(engine, "reset") == 1);
		engine.undoGoalReset("reset"); // no reset point before: all time, the room's every unit
		CHECK(current(engine, "reset") == 9);
		engine.setGoal(giftGoal("reset", false, GoalScope::AllTime));
		CHECK(current(engine, "reset") == 3);
	}
	CHECK(queryInt(path, "PRAGMA user_version") == ledgerSchemaVersion);
	// stream 1 and all time: guest 900 (gift 7) and 901 (gift 8)
	CHECK(queryInt(path, "SELECT units FROM guest_gifts WHERE scope = 1 AND guest_id = '900' AND gift_id = 7") ==
	      6);
	CHECK(queryInt(path, "SELECT units FROM guest_gifts WHERE scope = -1 AND guest_id = '901' AND gift_id = 8") ==
	      4);
}

TEST_CASE("Spill lines carry a guest's units per gift; lines without them still read", "[recipients][ledger]")
{
	JournalBatch batch;
	RecipientTotal guest{RecipientKind::Guest, "900", "nine", "Nine", 25, 5};
	guest.giftUnits = {{7, 3}, {8, 2}};
	batch.recipientTotal(-1, guest);
	batch.recipientTotal(-1, RecipientTotal{RecipientKind::Host, {}, {}, {}, 5, 1});
	const std::string line = toSpillLine(batch);
	JournalBatch back;
	REQUIRE(fromSpillLine(line, back));
	REQUIRE(back.recipients.size() == 2);
	CHECK(back.recipients[0].total == guest);
	CHECK(back.recipients[1].total.giftUnits.empty());
	// the host's entry ends with its fields, as lines of earlier builds do
	CHECK(line.find(R"([-1,"host","","","",5,1])") != std::string::npos);
	JournalBatch old;
	REQUIRE(fromSpillLine(R"({"c":[],"g":[],"k":[],"m":[],"o":[],"s":[],"t":[],"u":[],)"
			      R"("r":[[-1,"guest","900","","",25,5]]})",
			      old));
	REQUIRE(old.recipients.size() == 1);
	CHECK(old.recipients[0].total.coins == 25);
	CHECK(old.recipients[0].total.giftUnits.empty());
}
