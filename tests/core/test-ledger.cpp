#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "core/engine.hpp"
#include "core/ledger.hpp"
#include "capture-log.hpp"
#include "support.hpp"
#include "sql-support.hpp"

using namespace livegifts;
using testsupport::Capture;
using testsupport::flatGift;
using testsupport::simple;
using testsupport::TempDir;

namespace {

std::vector<std::string> asideFiles(const TempDir &dir)
{
	std::vector<std::string> out;
	for (const auto &entry : std::filesystem::directory_iterator(dir.path())) {
		if (entry.path().filename().string().find(".corrupt-") != std::string::npos) {
			out.push_back(entry.path().filename().string());
		}
	}
	return out;
}

} // namespace

TEST_CASE("Ledger: a restart resumes totals, ranks and goals exactly", "[ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	std::vector<SupporterEntry> before;
	std::shared_ptr<const Snapshot> snapBefore;
	GoalSpec goal;
	goal.id = "g";
	goal.kind = GoalKind::Coins;
	goal.target = 100;
	goal.onReach = GoalOnReach::Repeat;
	goal.scope = GoalScope::SinceReset;
	{
		Engine engine(withLedger(path));
		engine.setGoal(goal);
		engine.submitFrame(flatGift("a", "ann", 5558, 100, 2, 1, false));
		engine.submitFrame(flatGift("b", "bob", 5558, 100, 2, 1, false)); // tie: ann first
		engine.submitFrame(flatGift("c", "cat", 5655, 1, 2, 7, false));
		engine.submitFrame(simple("like", "l", "cat", R"("likeCount":9,"totalLikeCount":90)"));
		engine.submitFrame(simple("follow", "f", "dan"));
		engine.submitFrame(R"({"event":"roomUser","data":{"viewerCount":33}})");
		engine.flush();
		before = engine.supporters(true, 0);
		snapBefore = engine.snapshot();
		CHECK(snapBefore->ledgerOk);
		CHECK(snapBefore->goals.at("g").timesReached == 2);
	}
	CHECK(queryInt(path, "SELECT count(*) FROM events") == 5);
	{
		Engine engine(withLedger(path));
		engine.setGoal(goal);
		engine.flush();
		const auto snap = engine.snapshot();
		CHECK(snap->allTime.totals == snapBefore->allTime.totals);
		CHECK(snap->stream.totals == snapBefore->stream.totals);
		CHECK(snap->streamId == snapBefore->streamId);
		CHECK(snap->streamLive);
		const auto after = engine.supporters(true, 0);
		REQUIRE(after.size() == before.size());
		for (std::size_t i = 0; i < after.size(); ++i) {
			CHECK(after[i].id == before[i].id);
			CHECK(after[i].coins == before[i].coins);
			CHECK(after[i].nickname == before[i].nickname);
		}
		CHECK(after[0].id == "ann");
		CHECK(snap->goals.at("g").timesReached == 2);
		CHECK(snap->goals.at("g").target == 300);
		REQUIRE(snap->allTime.gifts.size() == 2);

		// the same messages again (a reconnect replay) add nothing, also across the restart
		engine.submitFrame(flatGift("a", "ann", 5558, 100, 2, 1, false));
		engine.submitFrame(simple("follow", "f", "dan"));
		// a new one keeps the tie-break order: bob now reaches 101 first
		engine.submitFrame(flatGift("d", "bob", 5655, 1, 2, 1, false));
		engine.flush();
		const auto snap2 = engine.snapshot();
		CHECK(snap2->stats.duplicates == 2);
		CHECK(snap2->allTime.totals.coins == snapBefore->allTime.totals.coins + 1);
		CHECK(snap2->allTime.top[0].id == "bob");
	}
}

TEST_CASE("Ledger: an open streak survives a restart and counts once", "[ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	{
		Engine engine(withLedger(path));
		engine.submitFrame(flatGift("s1", "ann", 5655, 1, 1, 1, false, "combo"));
		engine.submitFrame(flatGift("s2", "ann", 5655, 1, 1, 4, false, "combo"));
		engine.flush();
		CHECK(engine.snapshot()->allTime.totals.coins == 0);
	}
	CHECK(queryInt(path, "SELECT open FROM streaks") == 1);
	{
		Engine engine(withLedger(path));
		// the connector replays the start of the combo, then the end arrives
		engine.submitFrame(flatGift("s1", "ann", 5655, 1, 1, 1, false, "combo"));
		engine.submitFrame(flatGift("s2", "ann", 5655, 1, 1, 4, false, "combo"));
		engine.submitFrame(flatGift("s3", "ann", 5655, 1, 1, 9, true, "combo"));
		engine.flush();
		CHECK(engine.snapshot()->allTime.totals.coins == 9);
		CHECK(engine.snapshot()->stats.duplicates == 2);
	}
	{
		// an open streak whose end never comes is closed after a restart too
		Engine engine(withLedger(path));
		engine.submitFrame(flatGift("t1", "bob", 5879, 30, 1, 2, false, "c2"));
		engine.flush();
	}
	{
		ManualClock clock(0);
		EngineOptions options = withLedger(path);
		options.clock = &clock;
		Engine engine(options);
		engine.flush(); // the ledger is loaded: the streak's quiet time starts now
		clock.advance(4999);
		engine.flush();
		CHECK(engine.snapshot()->allTime.totals.coins == 9);
		clock.advance(1);
		engine.flush();
		CHECK(engine.snapshot()->allTime.totals.coins == 9 + 60);
	}
	CHECK(queryInt(path, "SELECT sum(coins) FROM events") == 69);
}

TEST_CASE("Ledger: a re-run of the same messages adds nothing; events stored once", "[ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	const auto lines = testsupport::readLines(testsupport::dataDir() / "fixtures/tlc-2.5.0/streak.jsonl");
	for (int run = 0; run < 2; ++run) {
		Engine engine(withLedger(path));
		for (const auto &line : lines) {
			engine.submitFrame(line);
		}
		engine.endOfInput();
		engine.flush();
		const auto snap = engine.snapshot();
		CHECK(snap->allTime.totals.coins == 73863);
		CHECK(snap->allTime.totals.gifts == 204);
		CHECK(snap->stats.duplicates == (run == 0 ? 0 : 200));
	}
	CHECK(queryInt(path, "SELECT count(*) FROM events") == 200);
	CHECK(queryInt(path, "SELECT count(*) FROM events WHERE units > 0") == 20);
	CHECK(queryInt(path, "SELECT sum(coins) FROM events") == 73863);
	CHECK(queryInt(path, "PRAGMA user_version") == Ledger::schemaVersion);
}

TEST_CASE("Ledger: a file that is not a database is moved aside with a clear error", "[ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	{
		std::ofstream out(path, std::ios::binary);
		for (int i = 0; i < 1000; ++i) {
			out << "garbage garbage garbage ";
		}
	}
	{
		Engine engine(withLedger(path));
		engine.submitFrame(simple("follow", "f", "ann"));
		engine.flush();
		const auto snap = engine.snapshot();
		CHECK(snap->ledgerOk);
		CHECK(snap->ledgerError.find("damaged") != std::string::npos);
		CHECK(snap->ledgerError.find(".corrupt-") != std::string::npos);
		CHECK(snap->allTime.totals.follows == 1);
		const LedgerExit exit = engine.close(); // the CLI then exits 1
		CHECK_FALSE(exit.ok());
		CHECK(exit.replaced.find(".corrupt-") != std::string::npos);
		CHECK(exit.message.find("holds only what was counted since it was started anew") != std::string::npos);
		CHECK(exit.unwrittenRows == 0);
	}
	CHECK(asideFiles(dir).size() == 1);
	Engine again(withLedger(path));
	again.flush();
	CHECK(again.snapshot()->allTime.totals.follows == 1); // the new ledger works
	CHECK(again.snapshot()->ledgerError.empty());
	CHECK(again.close().ok());
}

TEST_CASE("Ledger: damage found while loading is moved aside too", "[ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	{
		Engine engine(withLedger(path));
		engine.submitFrame(simple("follow", "f", "ann"));
		engine.flush();
	}
	CHECK(execSql(path, "UPDATE meta SET value = 'not a number' WHERE key = 'epoch'") == "");
	Engine engine(withLedger(path));
	engine.flush();
	const auto snap = engine.snapshot();
	CHECK(snap->ledgerOk);
	CHECK(snap->ledgerError.find("damaged") != std::string::npos);
	CHECK(snap->allTime.totals.follows == 0);
	CHECK(asideFiles(dir).size() == 1);
	CHECK(engine.close().replaced.find("damaged") != std::string::npos);
}

TEST_CASE("Ledger: a negative schema version is damage, moved aside (never a migration index)", "[ledger]")
{
	// Found by fuzzing: the header's user_version indexed the migration steps, out of bounds when negative.
	TempDir dir;
	const auto path = dir.file("ledger.db");
	{
		Engine engine(withLedger(path));
		engine.submitFrame(simple("follow", "f", "ann"));
		engine.flush();
	}
	CHECK(execSql(path, "PRAGMA user_version = -1862270974") == "");
	Engine engine(withLedger(path));
	engine.flush();
	const auto snap = engine.snapshot();
	CHECK(snap->ledgerOk);
	CHECK(snap->ledgerError.find("damaged") != std::string::npos);
	CHECK(snap->ledgerError.find("schema version -1862270974 is not valid") != std::string::npos);
	CHECK(snap->allTime.totals.follows == 0);
	CHECK(asideFiles(dir).size() == 1);
}

TEST_CASE("Ledger: an unusable location means memory only, never a crash", "[ledger]")
{
	EngineOptions options = withLedger("/proc/live-gifts-no-such-dir/ledger.db");
	Engine engine(options);
	engine.submitFrame(simple("follow", "f", "ann"));
	engine.flush();
	const auto snap = engine.snapshot();
	CHECK_FALSE(snap->ledgerOk);
	CHECK(snap->ledgerError.find("memory only") != std::string::npos);
	CHECK(snap->ledger.state == LedgerStatus::State::MemoryOnly);
	CHECK(snap->allTime.totals.follows == 1);
	const LedgerExit exit = engine.close(); // the CLI then exits 1
	CHECK(exit.memoryOnly);
	CHECK_FALSE(exit.ok());
	CHECK(exit.message.find("nothing was written") != std::string::npos);
}

TEST_CASE("Ledger: a newer schema is left alone", "[ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	CHECK(execSql(path, "CREATE TABLE future(x); PRAGMA user_version = 99;") == "");
	Engine engine(withLedger(path));
	engine.flush();
	const auto snap = engine.snapshot();
	CHECK_FALSE(snap->ledgerOk);
	CHECK(snap->ledgerError.find("newer") != std::string::npos);
	CHECK(asideFiles(dir).empty());
	CHECK(queryInt(path, "PRAGMA user_version") == 99);
}

TEST_CASE("Ledger: another program's database is refused and left untouched", "[ledger]")
{
	// Seen: a valid SQLite file of another program given as the ledger got our tables beside its own and was
	// switched to WAL; one with its own `meta` and `events` tables was refused, but switched to WAL first.
	TempDir dir;
	struct Case {
		const char *name;
		const char *sql;
	};
	const Case cases[] = {
	    {"notes.db",
	     "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes(text) VALUES('keep');"},
	    {"same-names.db", "CREATE TABLE meta(k, v); CREATE TABLE events(x); INSERT INTO events VALUES('keep');"},
	    {"versioned.db", "CREATE TABLE things(x); INSERT INTO things VALUES('keep'); PRAGMA user_version = 3;"},
	};
	for (const Case &c : cases) {
		INFO(c.name);
		const auto path = dir.file(c.name);
		REQUIRE(execSql(path, c.sql) == "");
		std::filesystem::permissions(path, std::filesystem::perms(0644));
		const std::string before = testsupport::readFile(path);
		const auto schemaBefore = queryInt(path, "PRAGMA schema_version");
		{
			Engine engine(withLedger(path));
			engine.submitFrame(simple("follow", "f", "ann"));
			engine.flush();
			const auto snap = engine.snapshot();
			CHECK_FALSE(snap->ledgerOk);
			CHECK(snap->ledgerError.find("not a ledger") != std::string::npos);
			CHECK(snap->ledgerError.find("left untouched") != std::string::npos);
			CHECK(snap->allTime.totals.follows == 1); // counted in memory
			CHECK_FALSE(engine.close().ok());
		}
		const std::string after = testsupport::readFile(path);
		CHECK(after.size() == before.size());
		CHECK((after == before)); // not a byte changed: no tables added, still in rollback-journal mode
		CHECK(queryInt(path, "PRAGMA schema_version") == schemaBefore);
		CHECK_FALSE(std::filesystem::exists(path + "-wal"));
		CHECK(std::filesystem::status(path).permissions() == std::filesystem::perms(0644));
		CHECK(asideFiles(dir).empty());
	}
}

TEST_CASE("Ledger: streams and resets are rows; history stays", "[ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	{
		Engine engine(withLedger(path));
		engine.submitFrame(flatGift("a", "ann", 5558, 1000, 2, 1, false));
		engine.submitFrame(R"({"event":"streamEnd","data":{"msgId":"end1"}})");
		engine.submitFrame(flatGift("b", "bob", 5655, 1, 2, 5, false));
		engine.resetStream();
		engine.submitFrame(flatGift("c", "cat", 5655, 1, 2, 1, false));
		engine.resetAll();
		engine.submitFrame(flatGift("d", "dan", 5655, 1, 2, 2, false));
		engine.flush();
		const auto snap = engine.snapshot();
		CHECK(snap->allTime.totals.coins == 2);
		CHECK(snap->stream.totals.coins == 2);
	}
	CHECK(queryInt(path, "SELECT count(*) FROM streams") == 4);
	CHECK(queryInt(path, "SELECT count(*) FROM streams WHERE ended_at IS NULL") == 1);
	CHECK(queryInt(path, "SELECT count(*) FROM resets") == 2);
	CHECK(queryInt(path, "SELECT coins FROM room_totals WHERE scope = 1") == 1000);
	CHECK(queryInt(path, "SELECT coins FROM room_totals WHERE scope = 2") == 5);
	CHECK(queryInt(path, "SELECT coins FROM room_totals WHERE scope = -1") == 1006);
	CHECK(queryInt(path, "SELECT coins FROM room_totals WHERE scope = -2") == 2);
	Engine engine(withLedger(path));
	engine.flush();
	CHECK(engine.snapshot()->allTime.totals.coins == 2);
	CHECK(engine.supporters(true, 0).size() == 1);
}

TEST_CASE("Ledger: while another program locks the file, writes wait and nothing is lost", "[ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	Capture logger;
	ManualClock clock(0);
	EngineOptions options = withLedger(path);
	options.logger = &logger;
	options.clock = &clock;
	Engine engine(options);
	engine.submitFrame(simple("follow", "f1", "ann"));
	engine.flush();
	sqlite3 *other = nullptr;
	REQUIRE(sqlite3_open(path.c_str(), &other) == SQLITE_OK);
	REQUIRE(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
	engine.submitFrame(simple("follow", "f2", "bob"));
	engine.flush();
	auto snap = engine.snapshot();
	CHECK_FALSE(snap->ledgerOk);
	CHECK(snap->ledger.state == LedgerStatus::State::Retrying);
	CHECK(snap->ledger.waitingRows > 0);
	CHECK(snap->allTime.totals.follows == 2); // counting goes on
	sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
	sqlite3_close(other);
	clock.advance(1000);
	engine.submitFrame(simple("follow", "f3", "cat"));
	engine.flush();
	CHECK(engine.snapshot()->ledgerOk);
	CHECK(engine.snapshot()->ledger.state == LedgerStatus::State::Ok);
	CHECK(queryInt(path, "SELECT count(*) FROM events") == 3);
	CHECK(queryInt(path, "SELECT follows FROM room_totals WHERE scope = -1") == 3);
	CHECK(logger.has("database is locked"));
	CHECK(logger.has("writable again"));
}
