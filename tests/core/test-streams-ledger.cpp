// Stream boundaries in the ledger: each stream's room and causes, a restart that keeps or ends the stream,
// the spill file's lines (old ones without them still read) and the migration of a schema 4 ledger.
#include <catch2/catch.hpp>

#include <string>

#include "core/engine.hpp"
#include "core/journal-batch.hpp"
#include "core/journal-spill.hpp"
#include "core/ledger-schema.hpp"
#include "core/summary.hpp"
#include "sql-support.hpp"
#include "support.hpp"

using namespace livegifts;

namespace {

constexpr long long minute = 60 * 1000;
constexpr long long t0 = 1748800800000;

// A gift in the TLC 1.x flat shape with an envelope room id and a createTime.
std::string gift(const std::string &msgId, const std::string &room, long long createTime)
{
	return R"({"event":"gift","data":{"msgId":")" + msgId + R"(","uniqueId":"ann","giftId":990001,)" +
	       R"("diamondCount":2,"giftType":0,"repeatCount":1,"roomId":")" + room + R"(","createTime":")" +
	       std::to_string(createTime) + R"("}})";
}

EngineOptions replayLedger(const std::string &path)
{
	EngineOptions options = withLedger(path);
	options.useEventTime = true;
	return options;
}

std::int64_t streamRows(const std::string &path, const std::string &where)
{
	return queryInt(path, "SELECT count(*) FROM streams WHERE " + where);
}

} // namespace

TEST_CASE("The ledger records each stream's room and why it started and ended", "[streams]")
{
	testsupport::TempDir dir;
	const auto path = dir.file("ledger.db");
	{
		Engine engine(replayLedger(path));
		engine.submitFrame(gift("a", "A", t0));
		engine.submitFrame(gift("b", "B", t0 + 1000));
		engine.submitFrame(gift("c", "B", t0 + 1000 + 31 * minute));
		engine.submitFrame(R"({"event":"streamEnd","data":{}})");
		engine.submitFrame(gift("d", "B", t0 + 40 * minute));
		engine.resetStream();
		engine.startStream();
		engine.endStream();
		engine.flush();
	}
	CHECK(streamRows(path, "id = 1 AND room_id = 'A' AND started_by = 'first_event' AND ended_by = 'new_room'") ==
	      1);
	CHECK(streamRows(path, "id = 2 AND room_id = 'B' AND started_by = 'new_room' AND ended_by = 'silence'") == 1);
	CHECK(streamRows(path, "id = 3 AND room_id = 'B' AND started_by = 'silence' AND ended_by = 'stream_end'") == 1);
	CHECK(streamRows(path, "id = 4 AND started_by = 'first_event' AND ended_by = 'reset'") == 1);
	CHECK(streamRows(path, "id = 5 AND started_by = 'reset' AND ended_by = 'manual'") == 1);
	CHECK(streamRows(path, "id = 6 AND started_by = 'manual' AND ended_by = 'manual' AND ended_at IS NOT NULL") ==
	      1);
}

TEST_CASE("A restart keeps the stream of the same room; a new room or a long silence starts one", "[streams]")
{
	testsupport::TempDir dir;
	const auto path = dir.file("ledger.db");
	{
		Engine engine(replayLedger(path));
		engine.submitFrame(gift("a", "A", t0));
		engine.flush();
	}
	SECTION("the same room, 30 minutes later: the same stream")
	{
		Engine engine(replayLedger(path));
		engine.submitFrame(gift("b", "A", t0 + 30 * minute));
		const auto summary = makeSummary(engine);
		CHECK(engine.snapshot()->streamId == 1);
		CHECK(summary["streams"] == nlohmann::ordered_json::parse(R"([
		  {"room_id":"A","started_by":"first_event","ended_by":null,"coins":4,"gifts":2}])"));
	}
	SECTION("the same room after more than 30 minutes: a new stream")
	{
		Engine engine(replayLedger(path));
		engine.submitFrame(gift("b", "A", t0 + 30 * minute + 1));
		const auto summary = makeSummary(engine);
		CHECK(engine.snapshot()->streamId == 2);
		CHECK(summary["streams"] == nlohmann::ordered_json::parse(R"([
		  {"room_id":"A","started_by":"first_event","ended_by":"silence","coins":2,"gifts":1},
		  {"room_id":"A","started_by":"silence","ended_by":null,"coins":2,"gifts":1}])"));
	}
	SECTION("another room: a new stream")
	{
		Engine engine(replayLedger(path));
		engine.submitFrame(gift("b", "B", t0 + minute));
		engine.flush();
		CHECK(engine.snapshot()->streamId == 2);
		CHECK(engine.snapshot()->streams.back().startedBy == StreamCause::NewRoom);
	}
	SECTION("live: the wall clock since the last stored event decides")
	{
		ManualClock clock(0);
		EngineOptions options = withLedger(path);
		options.clock = &clock;
		SECTION("a minute ago")
		{
			REQUIRE(execSql(path, "UPDATE events SET stored_at = stored_at - 60000") == "");
			Engine engine(options);
			engine.submitFrame(gift("b", "A", 0));
			engine.flush();
			CHECK(engine.snapshot()->streamId == 1);
		}
		SECTION("31 minutes ago")
		{
			REQUIRE(execSql(path, "UPDATE events SET stored_at = stored_at - 31 * 60000") == "");
			Engine engine(options);
			engine.submitFrame(gift("b", "A", 0));
			engine.flush();
			CHECK(engine.snapshot()->streamId == 2);
			CHECK(engine.snapshot()->streams.back().startedBy == StreamCause::Silence);
		}
	}
	CHECK(streamRows(path, "id = 1 AND room_id = 'A' AND started_by = 'first_event'") == 1);
}

TEST_CASE("Spill lines carry the streams' rooms and causes; lines of earlier builds still read", "[streams]")
{
	JournalBatch batch;
	batch.streamStarted(3, 1);
	batch.streamInfo(StreamRecord{3, "7510987654321098765", StreamCause::Silence, StreamCause::None});
	batch.streamEnded(3);
	batch.streamInfo(StreamRecord{3, "7510987654321098765", StreamCause::Silence, StreamCause::StreamEnd});
	JournalBatch back;
	REQUIRE(fromSpillLine(toSpillLine(batch), back));
	REQUIRE(back.streams.size() == 2);
	CHECK(back.streams[1].id == 3);
	CHECK(back.streams[1].roomId == "7510987654321098765");
	CHECK(back.streams[1].startedBy == StreamCause::Silence);
	CHECK(back.streams[1].endedBy == StreamCause::StreamEnd);
	REQUIRE(back.changes.size() == 2);

	// A line of a build without stream boundaries: no "r".
	const std::string old = R"({"m":[],"c":[[0,4,1,0,""],[1,4,0,0,""]],"u":[],"s":[],"g":[],"t":[],"k":[],"o":[]})";
	REQUIRE(fromSpillLine(old, back));
	CHECK(back.changes.size() == 2);
	CHECK(back.streams.empty());
}

TEST_CASE("A schema 4 ledger gains the streams' rooms and causes; its open stream goes on", "[streams]")
{
	testsupport::TempDir dir;
	const auto path = dir.file("ledger.db");
	// What a build of schema 4 wrote: one open stream (started a minute before t0) with one gift.
	REQUIRE(execSql(path, R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE streams(id INTEGER PRIMARY KEY, epoch INTEGER NOT NULL, started_at INTEGER NOT NULL, ended_at INTEGER);
CREATE TABLE events(id INTEGER PRIMARY KEY, msg_id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
  stream_id INTEGER NOT NULL, user_id TEXT, gift_id INTEGER, units INTEGER NOT NULL, coins INTEGER NOT NULL,
  likes INTEGER NOT NULL, streak_key TEXT, created_at INTEGER, stored_at INTEGER NOT NULL);
CREATE INDEX events_stream ON events(stream_id);
CREATE TABLE users(user_id TEXT PRIMARY KEY, nickname TEXT NOT NULL, avatar_url TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE supporter_totals(scope INTEGER NOT NULL, user_id TEXT NOT NULL, coins INTEGER NOT NULL,
  gifts INTEGER NOT NULL, reach INTEGER NOT NULL, likes INTEGER NOT NULL DEFAULT 0,
  gift_reach INTEGER NOT NULL DEFAULT 0, like_reach INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(scope, user_id)) WITHOUT ROWID;
CREATE TABLE gift_totals(scope INTEGER NOT NULL, gift_id INTEGER NOT NULL, name TEXT NOT NULL,
  image_url TEXT NOT NULL, diamond_count INTEGER NOT NULL, count INTEGER NOT NULL, coins INTEGER NOT NULL,
  PRIMARY KEY(scope, gift_id)) WITHOUT ROWID;
CREATE TABLE room_totals(scope INTEGER PRIMARY KEY, coins INTEGER NOT NULL, gifts INTEGER NOT NULL,
  likes_received INTEGER NOT NULL, room_like_total INTEGER NOT NULL, follows INTEGER NOT NULL,
  shares INTEGER NOT NULL, subscribers INTEGER NOT NULL, joins INTEGER NOT NULL, chats INTEGER NOT NULL,
  viewers_last INTEGER NOT NULL, viewers_peak INTEGER NOT NULL, superfan_joins INTEGER NOT NULL DEFAULT 0,
  superfan_boxes INTEGER NOT NULL DEFAULT 0, superfan_other INTEGER NOT NULL DEFAULT 0);
CREATE TABLE streaks(key TEXT PRIMARY KEY, user_id TEXT NOT NULL, gift_id INTEGER NOT NULL,
  diamond_count INTEGER NOT NULL, last_count INTEGER NOT NULL, counted INTEGER NOT NULL, open INTEGER NOT NULL,
  ended INTEGER NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE goals(id TEXT PRIMARY KEY, spec TEXT NOT NULL, base INTEGER NOT NULL, target INTEGER NOT NULL,
  stage INTEGER NOT NULL, times_reached INTEGER NOT NULL, reached INTEGER NOT NULL, stream_id INTEGER NOT NULL,
  updated_at INTEGER NOT NULL, progress TEXT NOT NULL DEFAULT '');
CREATE TABLE resets(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, target TEXT NOT NULL, at INTEGER NOT NULL);
CREATE TABLE goal_actions(id INTEGER PRIMARY KEY, goal_id TEXT NOT NULL, action TEXT NOT NULL,
  amount INTEGER NOT NULL, at INTEGER NOT NULL);
CREATE TABLE battles(seq INTEGER PRIMARY KEY, battle_id TEXT NOT NULL, ended INTEGER NOT NULL,
  winner_host_id TEXT NOT NULL, teams TEXT NOT NULL, updated_at INTEGER NOT NULL);
INSERT INTO meta(key, value) VALUES('epoch', '1');
INSERT INTO streams(id, epoch, started_at) VALUES(1, 1, 1748800740000);
INSERT INTO events(msg_id, kind, stream_id, user_id, gift_id, units, coins, likes, created_at, stored_at)
  VALUES('old', 'gift', 1, 'ann', 5655, 1, 2, 0, 1748800800000, 1748800800000);
INSERT INTO users VALUES('ann', 'Ann', '');
INSERT INTO supporter_totals(scope, user_id, coins, gifts, reach) VALUES(1, 'ann', 2, 1, 1), (-1, 'ann', 2, 1, 1);
INSERT INTO room_totals(scope, coins, gifts, likes_received, room_like_total, follows, shares, subscribers, joins,
  chats, viewers_last, viewers_peak) VALUES(1, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0), (-1, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
PRAGMA user_version = 4;
)sql") == "");
	{
		Engine engine(replayLedger(path));
		engine.submitFrame(gift("new", "A", t0 + 10 * minute));
		const auto summary = makeSummary(engine);
		CHECK(summary["coins"] == 4);
		// the stream of schema 4 goes on (its start was not recorded: null), and learns its room
		CHECK(summary["streams"] == nlohmann::ordered_json::parse(R"([
		  {"room_id":"A","started_by":null,"ended_by":null,"coins":4,"gifts":2}])"));
	}
	CHECK(queryInt(path, "PRAGMA user_version") == ledgerSchemaVersion);
	CHECK(streamRows(path, "id = 1 AND room_id = 'A' AND started_by = '' AND ended_by = '' AND ended_at IS NULL") ==
	      1);
}
