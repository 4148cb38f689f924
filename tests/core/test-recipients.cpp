// Gifts to guests: the recipient of every wire shape, the host found by id (rounded 1.x ids too), what counts
// for the host, and the recipient kept by the ledger, its spill lines and a restart.
#include <catch2/catch.hpp>

#include <string>

#include "core/engine.hpp"
#include "core/journal-spill.hpp"
#include "core/ledger-schema.hpp"
#include "core/summary.hpp"
#include "sql-support.hpp"
#include "support.hpp"

using namespace livegifts;
using testsupport::parseFrame;
using testsupport::TempDir;

namespace {

Recipient recipientOf(const std::string &frame)
{
	const auto events = parseFrame(frame);
	REQUIRE(events.size() == 1);
	REQUIRE(events[0].kind == EventKind::Gift);
	return events[0].recipient;
}

// A one-shot gift of 10 coins by `user` with `extra` fields in its data.
std::string gift(const std::string &msgId, const std::string &extra, const std::string &user = "ann")
{
	return R"({"event":"gift","data":{"msgId":")" + msgId + R"(","uniqueId":")" + user +
	       R"(","giftId":7,"diamondCount":10,"giftType":2,"repeatCount":1,"repeatEnd":true)" +
	       (extra.empty() ? "" : "," + extra) + "}}";
}

} // namespace

TEST_CASE("TLC 1.x: receiverUserId names the guest, a rounded anchor_id finds the host", "[recipients]")
{
	const auto guest = recipientOf(gift("a", R"("receiverUserId":"6800000000000200011",)"
						 R"("monitorExtra":{"anchor_id":6800000000000000000,"to_user_id":0})"));
	CHECK(guest.kind == RecipientKind::Guest);
	CHECK(guest.id == "6800000000000200011");
	CHECK(guest.hostId == "6800000000000000000");
	CHECK(guest.hostIdRounded);
	// the exact host id against the rounded anchor: compared as doubles, it is the host
	const auto host = recipientOf(gift("b", R"("receiverUserId":"6800000000000000007",)"
						R"("monitorExtra":{"anchor_id":6800000000000000000,"to_user_id":0})"));
	CHECK(host.kind == RecipientKind::Host);
	// only the extras: a small id stays exact
	const auto small =
	    recipientOf(gift("c", R"("monitorExtra":{"anchor_id":6800000000000000000,"to_user_id":107955})"));
	CHECK(small.kind == RecipientKind::Guest);
	CHECK(small.id == "107955");
	CHECK_FALSE(small.idRounded);
	// extras naming the host, rounded both
	CHECK(recipientOf(
		  gift("d", R"("monitorExtra":{"anchor_id":6800000000000000000,"to_user_id":6800000000000000000})"))
		  .kind == RecipientKind::Host);
}

TEST_CASE("TLC 2.x: toUser, toMember fields, monitorInfo and the monitorExtra text", "[recipients]")
{
	const auto full = recipientOf(
	    gift("a", R"("toUser":{"id":"107955","userId":null,"idStr":"","displayId":"mei.lin.cn","nickname":"Mei"},)"
		      R"("toMemberId":"-1","toMemberIdInt":"-1","monitorInfo":{"toUserId":"-1","anchorId":"68007"})"));
	CHECK(full.kind == RecipientKind::Guest);
	CHECK(full.id == "107955");
	CHECK(full.uniqueId == "mei.lin.cn");
	CHECK(full.nickname == "Mei");
	const auto member =
	    recipientOf(gift("b", R"("toMemberId":"7012345678901234567","toMemberIdInt":"7012345678901234567",)"
				  R"("toMemberNickname":"Omar","monitorInfo":{"toUserId":"0","anchorId":"68007"})"));
	CHECK(member.kind == RecipientKind::Guest);
	CHECK(member.id == "7012345678901234567");
	CHECK(member.nickname == "Omar");
	CHECK(member.uniqueId.empty());
	const auto extras =
	    recipientOf(gift("c", R"("toMemberId":"0","monitorInfo":{"toUserId":"555","anchorId":"68007"})"));
	CHECK(extras.kind == RecipientKind::Guest);
	CHECK(extras.id == "555");
	const auto text =
	    recipientOf(gift("d", R"("toMemberId":"0","monitorExtra":"{\"anchor_id\":68007,\"to_user_id\":68007}")"));
	CHECK(text.kind == RecipientKind::Host);
	CHECK(text.hostId == "68007");
	const auto textGuest =
	    recipientOf(gift("e", R"("monitorExtra":"{\"anchor_id\":68007,\"to_user_id\":6800000000000000011}")"));
	CHECK(textGuest.kind == RecipientKind::Guest);
	CHECK(textGuest.id == "6800000000000000011");
	CHECK_FALSE(textGuest.idRounded);
	CHECK(recipientOf(gift("f", R"("toMemberId":"68007","monitorInfo":{"toUserId":"68007","anchorId":"68007"})"))
		  .kind == RecipientKind::Host);
}

TEST_CASE("Euler snake_case and giftExtra name the recipient", "[recipients]")
{
	const auto euler = recipientOf(R"({"type":"WebcastGiftMessage","data":{"common":{"msgId":"e1"},"giftId":"7",)"
				       R"("user":{"displayId":"eve"},"gift":{"id":"7","diamondCount":10,"type":2},)"
				       R"("to_member_id":"900","to_member_nickname":"Nine","anchor_id":"100",)"
				       R"("to_user":{"id":"900","display_id":"@nine"}}})");
	CHECK(euler.kind == RecipientKind::Guest);
	CHECK(euler.id == "900");
	CHECK(euler.uniqueId == "nine");
	CHECK(euler.nickname == "Nine");
	CHECK(euler.hostId == "100");
	const auto extra = recipientOf(gift("g", R"("giftExtra":{"toUserId":"100","anchorId":"100"})"));
	CHECK(extra.kind == RecipientKind::Host);
}

TEST_CASE("0, -1, missing fields and null name no one", "[recipients]")
{
	for (const std::string &extra :
	     {std::string(), std::string(R"("receiverUserId":"0","monitorExtra":{"to_user_id":0,"anchor_id":5})"),
	      std::string(R"("toMemberId":"-1","toMemberIdInt":-1,"monitorInfo":{"toUserId":"-1"})"),
	      std::string(R"("toUser":null,"to_member_id":0)")}) {
		CAPTURE(extra);
		CHECK(recipientOf(gift("x", extra)).kind == RecipientKind::Unknown);
	}
}

TEST_CASE("sameUserId compares rounded ids as doubles only", "[recipients]")
{
	CHECK(sameUserId("6800000000000000007", false, "6800000000000000000", true));
	CHECK_FALSE(sameUserId("6800000000000000007", false, "6800000000000000000", false));
	CHECK_FALSE(sameUserId("6800000000000200011", false, "6800000000000000000", true));
	CHECK_FALSE(sameUserId("0", true, "0", true));
	CHECK(mayBeRoundedId(6800000000000000000LL));
	CHECK_FALSE(mayBeRoundedId(6800000000000000007LL));
	CHECK_FALSE(mayBeRoundedId(107955));
}

TEST_CASE("Who counts for the host, and a guest's label", "[recipients]")
{
	CHECK(countsForHost(RecipientKind::Host));
	CHECK(countsForHost(RecipientKind::Unknown));
	CHECK_FALSE(countsForHost(RecipientKind::Guest));
	CHECK(recipientLabel("nine", "Nine", "900") == "@nine");
	CHECK(recipientLabel("", "Nine", "900") == "Nine");
	CHECK(recipientLabel("", "", "900") == "900");
}

TEST_CASE("The host remembered from earlier gifts; guests counted apart from the host's totals", "[recipients]")
{
	Engine engine(EngineOptions{});
	engine.submitFrame(gift("1", R"("toMemberId":"0","monitorInfo":{"anchorId":"100"})")); // unknown
	engine.submitFrame(gift("2", R"("toMemberId":"100")", "bob")); // the host, named without its anchor
	engine.submitFrame(gift("3", R"("toMemberId":"900","toMemberNickname":"Nine")", "cat")); // a guest
	const auto summary = makeSummary(engine);
	CHECK(summary["coins"] == 20);
	CHECK(summary["gifts"] == 2);
	CHECK(summary["recipients"]["host"]["coins"] == 10);
	CHECK(summary["recipients"]["unknown"]["coins"] == 10);
	REQUIRE(summary["recipients"]["guests"].size() == 1);
	CHECK(summary["recipients"]["guests"][0]["id"] == "900");
	CHECK(summary["recipients"]["guests"][0]["nickname"] == "Nine");
	CHECK(summary["recipients"]["room"]["coins"] == 30);
	// Top Supporters: the host's only
	CHECK(summary["supporters"].size() == 2);
	const auto snap = engine.snapshot();
	REQUIRE(snap->activity.size() == 3);
	CHECK(snap->activity[2].recipient == RecipientKind::Guest);
	CHECK(snap->activity[2].recipientNickname == "Nine");
}

TEST_CASE("Before anything names the host, a named recipient counts toward the host", "[recipients]")
{
	// TLC 0.9's gifts name their recipient (receiverUserId) and never the host: a solo stream's gifts all name
	// the host, and counting them as a guest's would leave the streamer's totals at 0.
	Engine engine(EngineOptions{});
	engine.submitFrame(gift("1", R"("receiverUserId":"6800000000000000007")"));
	engine.submitFrame(gift("2", R"("receiverUserId":"6800000000000000007")", "bob"));
	auto summary = makeSummary(engine);
	CHECK(summary["coins"] == 20);
	CHECK(summary["recipients"]["unknown"]["coins"] == 20);
	CHECK(summary["recipients"]["guests"].empty());
	CHECK(summary["supporters"].size() == 2);
	// Once a message names the host, a recipient that is not the host is a guest again.
	engine.submitFrame(
	    gift("3", R"("receiverUserId":"6800000000000000007","monitorInfo":{"anchorId":"6800000000000000007"})"));
	engine.submitFrame(gift("4", R"("receiverUserId":"6800000000000000900")", "cat"));
	summary = makeSummary(engine);
	CHECK(summary["coins"] == 30);
	CHECK(summary["recipients"]["host"]["coins"] == 10);
	REQUIRE(summary["recipients"]["guests"].size() == 1);
	CHECK(summary["recipients"]["guests"][0]["id"] == "6800000000000000900");
}

TEST_CASE("A restart restores gifts by recipient; gift rows and streaks keep theirs", "[recipients][ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	nlohmann::ordered_json before;
	{
		Engine engine(withLedger(path));
		engine.submitFrame(gift("1", R"("toMemberId":"100","monitorInfo":{"anchorId":"100"})"));
		engine.submitFrame(gift("2", R"("toMemberId":"900","toMemberNickname":"Nine")", "bob"));
		engine.submitFrame(gift("3", "", "cat"));
		// a combo to a guest, left open: its recipient is kept with the streak
		engine.submitFrame(
		    R"({"event":"gift","data":{"msgId":"s1","uniqueId":"dan","giftId":8,"diamondCount":1,)"
		    R"("giftType":1,"repeatCount":3,"repeatEnd":false,"groupId":"g","toMemberId":"901"}})");
		before = makeSummary(engine);
		CHECK(before["recipients"]["guests"].size() == 1);
	}
	CHECK(queryInt(path, "SELECT count(*) FROM events WHERE recipient = 'guest' AND recipient_id = '900'") == 1);
	CHECK(queryInt(path, "SELECT count(*) FROM events WHERE recipient = 'host'") == 1);
	CHECK(queryInt(path, "SELECT count(*) FROM streaks WHERE recipient = 'guest' AND recipient_id = '901'") >= 1);
	Engine engine(withLedger(path));
	engine.endOfInput();
	const auto after = makeSummary(engine);
	CHECK(after["recipients"]["host"] == before["recipients"]["host"]);
	CHECK(after["recipients"]["unknown"] == before["recipients"]["unknown"]);
	// the open combo closed after the restart counts for its guest, never for the host
	REQUIRE(after["recipients"]["guests"].size() == 2);
	CHECK(after["recipients"]["guests"][1]["id"] == "901");
	CHECK(after["recipients"]["guests"][1]["coins"] == 3);
	CHECK(after["recipients"]["guests"][0] == before["recipients"]["guests"][0]);
	CHECK(after["coins"] == before["coins"]);
}

TEST_CASE("Spill lines carry the recipient; lines without it still read", "[recipients][ledger]")
{
	JournalBatch batch;
	MessageRecord message{"m1", EventKind::Gift, 3, "ann", 7, 1, 10, 0, {}, 5};
	message.recipient = "guest";
	message.recipientId = "900";
	batch.message(message);
	StreakRecord streak{"ann|7|g", "ann", 7, 10, 2, 0, true, false};
	streak.recipient = "guest";
	streak.recipientId = "900";
	streak.recipientNickname = "Nine";
	batch.streak(streak);
	batch.recipientTotal(-1, RecipientTotal{RecipientKind::Guest, "900", "nine", "Nine", 10, 1});
	JournalBatch back;
	REQUIRE(fromSpillLine(toSpillLine(batch), back));
	REQUIRE(back.messages.size() == 1);
	CHECK(back.messages[0].recipient == "guest");
	CHECK(back.messages[0].recipientId == "900");
	REQUIRE(back.streaks.size() == 1);
	CHECK_FALSE(back.streaks[0].gone);
	CHECK(back.streaks[0].record.recipientNickname == "Nine");
	REQUIRE(back.recipients.size() == 1);
	CHECK(back.recipients[0].total == batch.recipients[0].total);
	// a line of the build before recipients
	const std::string old = R"({"c":[],"g":[],"k":[["ann|7|g","ann",7,10,2,0,true,false,false]],)"
				R"("m":[["m1",0,3,"ann",7,1,10,0,"",5]],"o":[],"s":[],"t":[],"u":[]})";
	JournalBatch oldBatch;
	REQUIRE(fromSpillLine(old, oldBatch));
	CHECK(oldBatch.messages[0].recipient.empty());
	CHECK(oldBatch.streaks[0].record.recipient.empty());
	CHECK_FALSE(oldBatch.streaks[0].gone);
}

TEST_CASE("A ledger of schema 4 migrates: its gifts become the unknown recipient's", "[recipients][ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	{
		Engine engine(withLedger(path));
		engine.submitFrame(gift("1", ""));
		engine.submitFrame(gift("2", "", "bob"));
		engine.flush();
	}
	REQUIRE(execSql(path, std::string(undoNewerHandlesSql) + undoNumericIdsSql + undoGuestGiftsSql +
				  undoStreamBoundariesSql + undoRecipientsSql + "PRAGMA user_version = 4;") == "");
	Engine engine(withLedger(path));
	const auto summary = makeSummary(engine);
	CHECK(engine.snapshot()->ledgerOk);
	CHECK(summary["coins"] == 20);
	CHECK(summary["recipients"]["unknown"]["coins"] == 20);
	CHECK(summary["recipients"]["room"]["coins"] == 20);
	CHECK(queryInt(path, "PRAGMA user_version") == ledgerSchemaVersion);
	CHECK(queryInt(path, "SELECT count(*) FROM events WHERE recipient IS NULL") == 2);
}
