// A viewer who changes their @handle stays one supporter: TikTok's numeric id of the account (userId) finds the
// supporter it was first seen as, in every ranking and scope, in streaks, across restarts and in the ledger.
#include <catch2/catch.hpp>

#include "core/engine.hpp"
#include "core/ledger-schema.hpp"
#include "core/normalize.hpp"
#include "core/tally.hpp"
#include "sql-support.hpp"
#include "support.hpp"

#include <string>
#include <utility>
#include <vector>

using namespace livegifts;
using testsupport::TempDir;

namespace {

// A TikTok-Live-Connector 1.x gift from account `numericId` ("" for none) under `handle`.
std::string gift(const std::string &msgId, const std::string &handle, const std::string &numericId, long long diamonds,
		 int giftType = 2, long long repeatCount = 1, bool repeatEnd = true, const std::string &nickname = "")
{
	std::string frame = R"({"event":"gift","data":{"msgId":")" + msgId + R"(","uniqueId":")" + handle +
			    R"(","nickname":")" + (nickname.empty() ? "Nick " + handle : nickname) + R"(")";
	if (!numericId.empty()) {
		frame += R"(,"userId":")" + numericId + R"(")";
	}
	frame += R"(,"giftId":5655,"giftName":"Rose","diamondCount":)" + std::to_string(diamonds) + R"(,"giftType":)" +
		 std::to_string(giftType) + R"(,"repeatCount":)" + std::to_string(repeatCount) + R"(,"repeatEnd":)" +
		 (repeatEnd ? "true" : "false") + R"(,"groupId":"g1"}})";
	return frame;
}

std::string like(const std::string &msgId, const std::string &handle, const std::string &numericId, long long count,
		 const std::string &nickname)
{
	return R"({"event":"like","data":{"msgId":")" + msgId + R"(","uniqueId":")" + handle + R"(","userId":")" +
	       numericId + R"(","nickname":")" + nickname + R"(","likeCount":)" + std::to_string(count) +
	       R"(,"totalLikeCount":1}})";
}

struct Shown {
	std::string id;
	std::string nickname;
	std::int64_t coins;
	std::int64_t likes;
	bool operator==(const Shown &o) const
	{
		return id == o.id && nickname == o.nickname && coins == o.coins && likes == o.likes;
	}
};

std::ostream &operator<<(std::ostream &out, const Shown &s)
{
	return out << "{" << s.id << ", " << s.nickname << ", " << s.coins << " coins, " << s.likes << " likes}";
}

std::vector<Shown> shown(const std::vector<SupporterEntry> &entries)
{
	std::vector<Shown> out;
	for (const auto &e : entries) {
		out.push_back({e.id, e.nickname, e.coins, e.likes});
	}
	return out;
}

// A gift of account 7301 without a nickname, under `handle`.
std::string bareGift(const std::string &msgId, const std::string &handle, long long diamonds)
{
	return R"({"event":"gift","data":{"msgId":")" + msgId + R"(","uniqueId":")" + handle +
	       R"(","userId":"7301","giftId":5655,"giftName":"Rose","diamondCount":)" + std::to_string(diamonds) +
	       R"(,"giftType":2,"repeatCount":1,"repeatEnd":true,"groupId":"g1"}})";
}

// The name all-time Top Supporters shows for its first entry, and the entry's key.
std::pair<std::string, std::string> firstShown(Engine &engine)
{
	engine.flush();
	const auto top = engine.snapshot()->allTime.top;
	REQUIRE(top.size() == 1);
	return {top[0].shownName(), top[0].id};
}

} // namespace

TEST_CASE("A viewer who changes their @handle mid-stream stays one supporter", "[renamed]")
{
	Engine engine;
	engine.submitFrame(gift("m1", "layla.h", "7001", 100, 2, 1, true, "Layla"));
	engine.submitFrame(gift("m2", "bob", "7002", 120));
	engine.submitFrame(gift("m3", "layla.new", "7001", 50, 2, 1, true, "Layla ✨"));
	engine.submitFrame(like("l1", "layla.new", "7001", 30, "Layla ✨"));
	engine.flush();
	const auto snap = engine.snapshot();
	// One row under the handle first seen, with the newest nickname, ahead of bob (150 against 120).
	const std::vector<Shown> want{{"layla.h", "Layla ✨", 150, 30}, {"bob", "Nick bob", 120, 0}};
	CHECK(shown(snap->stream.top) == want);
	CHECK(shown(snap->allTime.top) == want);
	CHECK(snap->stream.supporterCount == 2);
	CHECK(snap->stream.likerCount == 1);
	CHECK(snap->stream.totals.coins == 270);
	// Alerts show the handle each message came with ({user}), the newest one.
	std::vector<std::string> handles;
	for (const auto &a : snap->activity) {
		handles.push_back(a.userId);
	}
	CHECK(handles == std::vector<std::string>{"layla.new", "bob", "layla.new", "layla.new"});
}

TEST_CASE("A streak goes on across a change of @handle and counts once", "[renamed]")
{
	// A streakable gift (type 1): repeatCount is the running count of one streak. Were the two handles two
	// senders, the first streak would stay open and count its 3 when it goes quiet.
	TallyOptions options;
	options.streakQuietTimeoutMs = 5000;
	Tally tally(options);
	FrameParser parser;
	const auto feed = [&](const std::string &frame, Millis now) {
		std::vector<Event> events;
		REQUIRE(parser.parse(frame, events).errors.empty());
		REQUIRE(events.size() == 1);
		tally.apply(events[0], now);
	};
	feed(gift("s1", "mia", "9001", 1, 1, 3, false), 1000);
	feed(gift("s2", "mia.new", "9001", 1, 1, 5, true), 2000);
	tally.tick(60000);
	CHECK(tally.totals(false).coins == 5);
	CHECK(tally.totals(false).gifts == 5);
	CHECK(tally.directory().size() == 1);
	CHECK(tally.directory().find("mia.new") == SupporterDirectory::npos);
}

TEST_CASE("A renamed viewer is found after a restart: the numeric id is kept in the ledger", "[renamed][ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	{
		Engine engine(withLedger(path));
		engine.submitFrame(gift("m1", "layla.h", "7001", 100));
		engine.flush();
		CHECK(engine.snapshot()->ledgerOk);
	}
	CHECK(queryInt(path, "SELECT count(*) FROM users WHERE user_id = 'layla.h' AND numeric_id = '7001'") == 1);
	{
		Engine engine(withLedger(path));
		engine.submitFrame(gift("m2", "layla.new", "7001", 50));
		engine.flush();
		const auto top = engine.snapshot()->allTime.top;
		REQUIRE(top.size() == 1);
		CHECK(top[0].id == "layla.h");
		CHECK(top[0].coins == 150);
	}
	CHECK(queryInt(path, "SELECT count(*) FROM supporter_totals WHERE user_id = 'layla.new'") == 0);
	CHECK(queryInt(path, "SELECT coins FROM supporter_totals WHERE user_id = 'layla.h' AND scope < 0") == 150);
	CHECK(queryInt(path, "SELECT count(*) FROM events WHERE user_id = 'layla.h'") == 2);
}

TEST_CASE("Without a numeric id a handle is the supporter, as before; an account's id never moves", "[renamed]")
{
	Engine engine;
	engine.submitFrame(gift("a1", "ann", "", 10));
	engine.submitFrame(gift("a2", "ann.2", "", 20)); // nothing ties them: two supporters
	// A handle already held with another account's id: counted under the handle (as before), and the second
	// id is not taken from the first account.
	engine.submitFrame(gift("z1", "zoe", "8001", 30));
	engine.submitFrame(gift("z2", "zoe", "8002", 40));
	engine.submitFrame(gift("z3", "zed", "8002", 5));
	engine.submitFrame(gift("z4", "zoe.now", "8001", 1));
	engine.flush();
	const auto top = engine.snapshot()->stream.top;
	std::vector<std::pair<std::string, std::int64_t>> got;
	for (const auto &e : top) {
		got.emplace_back(e.id, e.coins);
	}
	CHECK(got ==
	      std::vector<std::pair<std::string, std::int64_t>>{{"zoe", 71}, {"ann.2", 20}, {"ann", 10}, {"zed", 5}});
}

TEST_CASE("A ledger of schema 7 gets the numeric ids column; its users are tied to their ids by their next gift",
	  "[renamed][ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	{
		Engine engine(withLedger(path));
		engine.submitFrame(gift("m1", "layla.h", "7001", 100));
		engine.flush();
	}
	REQUIRE(execSql(path, std::string(undoNewerHandlesSql) + undoNumericIdsSql + "PRAGMA user_version = 7;") == "");
	{
		Engine engine(withLedger(path));
		engine.flush();
		CHECK(engine.snapshot()->ledgerOk);
		CHECK(engine.snapshot()->allTime.top.at(0).coins == 100);
		engine.submitFrame(gift("m2", "layla.h", "7001", 1));   // the id is tied to the handle now
		engine.submitFrame(gift("m3", "layla.new", "7001", 2)); // and found under the new one
		engine.flush();
		const auto top = engine.snapshot()->allTime.top;
		REQUIRE(top.size() == 1);
		CHECK(top[0].coins == 103);
	}
	CHECK(queryInt(path, "PRAGMA user_version") == ledgerSchemaVersion);
	CHECK(queryInt(path, "SELECT count(*) FROM users WHERE numeric_id = '7001'") == 1);
}

TEST_CASE("A renamed viewer without a nickname is shown under the newest @handle", "[renamed]")
{
	Engine engine;
	engine.submitFrame(bareGift("n1", "kai.old", 40));
	engine.flush();
	auto snap = engine.snapshot();
	REQUIRE(snap->stream.top.size() == 1);
	CHECK(snap->stream.top[0].handle.empty()); // not renamed: nothing more to carry
	CHECK(snap->stream.top[0].shownName() == "kai.old");

	engine.submitFrame(bareGift("n2", "kai.now", 60));
	engine.flush();
	snap = engine.snapshot();
	for (const auto *top : {&snap->stream.top, &snap->allTime.top, &snap->stream.topGifts}) {
		REQUIRE(top->size() == 1);
		const SupporterEntry &entry = top->front();
		CHECK(entry.id == "kai.old"); // the key the ledger and exports keep
		CHECK(entry.handle == "kai.now");
		CHECK(entry.shownName() == "kai.now");
	}
	CHECK(snap->stream.top[0].coins == 100);
	CHECK(engine.supporters(SupporterScope::AllTime, RankBy::Coins, 0).at(0).shownName() == "kai.now");

	// A nickname, once there, is what shows.
	engine.submitFrame(gift("n3", "kai.now", "7301", 1, 2, 1, true, "Kai"));
	engine.flush();
	CHECK(engine.snapshot()->stream.top.at(0).shownName() == "Kai");
}

TEST_CASE("The newest @handle of a renamed viewer is kept in the ledger and shown after a restart", "[renamed][ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	{
		Engine engine(withLedger(path));
		engine.submitFrame(bareGift("h1", "kai.old", 40));
		engine.submitFrame(bareGift("h2", "kai.now", 60));
		CHECK(firstShown(engine) == std::make_pair(std::string("kai.now"), std::string("kai.old")));
	}
	CHECK(queryInt(path, "SELECT count(*) FROM users WHERE user_id = 'kai.old' AND handle = 'kai.now'") == 1);
	{
		Engine engine(withLedger(path));
		CHECK(firstShown(engine) == std::make_pair(std::string("kai.now"), std::string("kai.old")));
		CHECK(engine.snapshot()->allTime.top[0].coins == 100);
		// Back to the first handle: nothing newer to keep.
		engine.submitFrame(bareGift("h3", "kai.old", 1));
		CHECK(firstShown(engine).first == "kai.old");
	}
	CHECK(queryInt(path, "SELECT count(*) FROM users WHERE user_id = 'kai.old' AND handle = ''") == 1);
	{
		Engine engine(withLedger(path));
		CHECK(firstShown(engine) == std::make_pair(std::string("kai.old"), std::string("kai.old")));
		CHECK(engine.snapshot()->allTime.top[0].coins == 101);
	}
}

TEST_CASE("A ledger of schema 8 gets the newest handles column; a renamed viewer's is kept from the next gift",
	  "[renamed][ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	{
		Engine engine(withLedger(path));
		engine.submitFrame(bareGift("s1", "kai.old", 40));
		engine.submitFrame(bareGift("s2", "kai.now", 60));
		engine.flush();
	}
	REQUIRE(execSql(path, std::string(undoNewerHandlesSql) + "PRAGMA user_version = 8;") == "");
	{
		Engine engine(withLedger(path));
		CHECK(engine.snapshot()->ledgerOk);
		// What schema 8 kept: the account under its first handle, 100 coins.
		CHECK(firstShown(engine) == std::make_pair(std::string("kai.old"), std::string("kai.old")));
		CHECK(engine.snapshot()->allTime.top[0].coins == 100);
		engine.submitFrame(bareGift("s3", "kai.now", 5));
		CHECK(firstShown(engine).first == "kai.now");
	}
	CHECK(queryInt(path, "PRAGMA user_version") == ledgerSchemaVersion);
	{
		Engine engine(withLedger(path));
		CHECK(firstShown(engine) == std::make_pair(std::string("kai.now"), std::string("kai.old")));
		CHECK(engine.snapshot()->allTime.top[0].coins == 105);
	}
}

TEST_CASE("A message of a known account without its @handle does not rename it to its numeric id", "[renamed][ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	const auto noHandle = [](const std::string &msgId, long long diamonds) {
		return R"({"event":"gift","data":{"msgId":")" + msgId +
		       R"(","userId":"7301","giftId":5655,"giftName":"Rose","diamondCount":)" +
		       std::to_string(diamonds) + R"(,"giftType":2,"repeatCount":1,"repeatEnd":true,"groupId":"g1"}})";
	};
	{
		Engine engine(withLedger(path));
		engine.submitFrame(bareGift("u1", "kai.old", 40));
		engine.submitFrame(noHandle("u2", 2)); // counted for the account, shown as before
		CHECK(firstShown(engine) == std::make_pair(std::string("kai.old"), std::string("kai.old")));
		engine.submitFrame(bareGift("u3", "kai.now", 60));
		engine.submitFrame(noHandle("u4", 3));
		CHECK(firstShown(engine) == std::make_pair(std::string("kai.now"), std::string("kai.old")));
		CHECK(engine.snapshot()->allTime.top[0].coins == 105);
	}
	CHECK(queryInt(path, "SELECT count(*) FROM users WHERE user_id = 'kai.old' AND handle = 'kai.now'") == 1);
	Engine engine(withLedger(path));
	CHECK(firstShown(engine).first == "kai.now");
}
