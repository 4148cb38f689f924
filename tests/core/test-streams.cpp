// Stream boundaries: the room id of every wire shape, and the rules that end a stream and start the next
// (a new room, a silence, streamEnd, by hand, resets), with why each started and ended.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/engine.hpp"
#include "core/normalize.hpp"
#include "core/summary.hpp"
#include "core/tally.hpp"
#include "support.hpp"

using namespace livegifts;

namespace {

constexpr Millis minute = 60 * 1000;

Event roomGift(const std::string &msgId, const std::string &room, std::int64_t coins = 1)
{
	Event e;
	e.kind = EventKind::Gift;
	e.arrivedAs = EventKind::Gift;
	e.wireName = "gift";
	e.msgId = msgId;
	e.user.id = "ann";
	e.giftId = 990001; // not in the catalogue: a one-shot gift
	e.diamondCount = coins;
	e.roomId = room;
	return e;
}

Event other(EventKind kind, const std::string &msgId, const std::string &room = {})
{
	Event e;
	e.kind = kind;
	e.arrivedAs = kind;
	e.msgId = msgId;
	e.user.id = "bob";
	e.roomId = room;
	e.likeCount = 1;
	e.viewerCount = 10;
	return e;
}

std::vector<StreamSummary> streamsOf(const Tally &tally)
{
	Snapshot snapshot;
	tally.fillSnapshot(snapshot);
	return snapshot.streams;
}

std::string roomOf(const std::string &frame)
{
	FrameParser parser;
	std::vector<Event> events;
	parser.parse(frame, events);
	REQUIRE(events.size() == 1);
	return events[0].roomId;
}

} // namespace

TEST_CASE("Every wire shape's room id reaches the event", "[streams]")
{
	// TLC 2.x raw: common.roomId
	CHECK(roomOf(R"({"event":"gift","data":{"common":{"method":"WebcastGiftMessage","msgId":"1",)"
		     R"("roomId":"7510987654321098765"},"user":{"uniqueId":"a"},"giftId":5655,"diamondCount":1}})") ==
	      "7510987654321098765");
	// TLC 1.x flat: only monitorExtra.room_id, a number JSON.parse rounded to a double (its digits as sent)
	CHECK(roomOf(R"({"event":"gift","data":{"msgId":"2","uniqueId":"a","giftId":5655,"diamondCount":1,)"
		     R"("monitorExtra":{"anchor_id":6800000000000000000,"room_id":7510123456789012000}}})") ==
	      "7510123456789012000");
	// Euler's raw JSON: room_id
	CHECK(roomOf(R"({"type":"WebcastLikeMessage","data":{"common":{"msgId":"3"},"room_id":"42",)"
		     R"("user":{"uniqueId":"a"},"likeCount":1}})") == "42");
	// an envelope's roomId
	CHECK(roomOf(R"({"event":"like","roomId":"43","data":{"msgId":"4","uniqueId":"a","likeCount":1}})") == "43");
	// common.roomId wins over the extras
	CHECK(roomOf(R"({"event":"gift","data":{"common":{"msgId":"5","roomId":"44"},"uniqueId":"a","giftId":5655,)"
		     R"("diamondCount":1,"monitorExtra":{"room_id":45}}})") == "44");
	// none named: absent, "0", -1, an object
	CHECK(roomOf(R"({"event":"like","data":{"msgId":"6","uniqueId":"a","likeCount":1}})").empty());
	CHECK(roomOf(R"({"event":"like","data":{"common":{"msgId":"7","roomId":"0"},"uniqueId":"a","likeCount":1}})")
		  .empty());
	CHECK(roomOf(R"({"event":"like","data":{"msgId":"8","room_id":-1,"uniqueId":"a","likeCount":1}})").empty());
	CHECK(roomOf(R"({"event":"like","data":{"msgId":"9","roomId":{"x":1},"uniqueId":"a","likeCount":1}})").empty());
}

TEST_CASE("TLC 2.x without common.roomId: the room id of the monitorExtra text", "[streams]")
{
	const std::string head = R"({"event":"gift","data":{"common":{"method":"WebcastGiftMessage","msgId":"1")";
	const std::string tail = R"(,"user":{"uniqueId":"a"},"giftId":5655,"diamondCount":1,"monitorExtra":)";
	// a number in the text keeps its digits (never through a double); a quoted one too
	CHECK(roomOf(head + "}" + tail + R"("{\"anchor_id\":68007,\"room_id\":7510123456789012345}"}})") ==
	      "7510123456789012345");
	CHECK(roomOf(head + "}" + tail + R"("{\"room_id\":\"7510123456789012346\",\"to_user_id\":0}"}})") ==
	      "7510123456789012346");
	// common.roomId wins; "0" in it names no room, so the text's counts
	CHECK(roomOf(head + R"(,"roomId":"44"})" + tail + R"("{\"room_id\":45}"}})") == "44");
	CHECK(roomOf(head + R"(,"roomId":"0"})" + tail + R"("{\"room_id\":45}"}})") == "45");
	// a text naming none, or no room_id key (a value that only reads "room_id" is not a key)
	CHECK(roomOf(head + "}" + tail + R"("{\"room_id\":0}"}})").empty());
	CHECK(roomOf(head + "}" + tail + R"("{\"note\":\"room_id\"}"}})").empty());
}

TEST_CASE("The first event starts a stream in its room; a new room id starts the next", "[streams]")
{
	Tally tally;
	tally.apply(other(EventKind::RoomUser, "v1", "A"), 0); // a viewer count opens no stream
	CHECK_FALSE(tally.streamOpen());
	tally.apply(roomGift("g1", "A", 5), 1000);
	CHECK(tally.streamOpen());
	CHECK(tally.streamStartedBy() == StreamCause::FirstEvent);
	CHECK(tally.streamRoom() == "A");
	tally.apply(roomGift("g2", "", 7), 2000); // a message naming no room stays in the stream
	tally.apply(roomGift("g3", "B", 11), 3000);
	auto streams = streamsOf(tally);
	REQUIRE(streams.size() == 2);
	CHECK(streams[0].roomId == "A");
	CHECK(streams[0].startedBy == StreamCause::FirstEvent);
	CHECK(streams[0].endedBy == StreamCause::NewRoom);
	CHECK_FALSE(streams[0].open);
	CHECK(streams[0].coins == 12);
	CHECK(streams[0].gifts == 2);
	CHECK(streams[1].roomId == "B");
	CHECK(streams[1].startedBy == StreamCause::NewRoom);
	CHECK(streams[1].open);
	CHECK(streams[1].coins == 11);
	CHECK(tally.totals(false).coins == 11);
	CHECK(tally.totals(true).coins == 23); // all time goes on
}

TEST_CASE("A stream that starts without a room learns it from the first message naming one", "[streams]")
{
	Tally tally;
	tally.apply(roomGift("g1", ""), 0);
	tally.apply(other(EventKind::Like, "l1", "A"), 10);
	tally.apply(roomGift("g2", "A"), 20);
	const auto streams = streamsOf(tally);
	REQUIRE(streams.size() == 1);
	CHECK(streams[0].roomId == "A");
	CHECK(streams[0].startedBy == StreamCause::FirstEvent);
}

TEST_CASE("The same room after more than the silence threshold starts a new stream", "[streams]")
{
	SECTION("30 minutes by default: exactly 30 stays, 30 and a millisecond starts one")
	{
		Tally tally;
		tally.apply(roomGift("g1", "A"), 0);
		tally.apply(roomGift("g2", "A"), 30 * minute);
		CHECK(streamsOf(tally).size() == 1);
		tally.apply(other(EventKind::Like, "l1"), 60 * minute); // any event counts as heard from
		CHECK(streamsOf(tally).size() == 1);
		tally.apply(roomGift("g3", ""), 90 * minute + 1);
		const auto streams = streamsOf(tally);
		REQUIRE(streams.size() == 2);
		CHECK(streams[0].endedBy == StreamCause::Silence);
		CHECK(streams[0].coins == 2);
		CHECK(streams[1].startedBy == StreamCause::Silence);
		CHECK(streams[1].roomId == "A"); // the same room goes on
		CHECK(streams[1].coins == 1);
	}
	SECTION("the threshold is an option")
	{
		TallyOptions options;
		options.streamSilenceMs = 1000;
		Tally tally(options);
		tally.apply(roomGift("g1", "A"), 0);
		tally.apply(roomGift("g2", "A"), 1000);
		CHECK(streamsOf(tally).size() == 1);
		tally.apply(roomGift("g3", "A"), 2001);
		CHECK(streamsOf(tally).size() == 2);
		CHECK(tally.streamStartedBy() == StreamCause::Silence);
	}
	SECTION("a duplicate is not an event: it does not move the time of the last event")
	{
		Tally tally;
		tally.apply(roomGift("g1", "A"), 0);
		CHECK(tally.apply(roomGift("g1", "A"), 20 * minute) == Tally::Outcome::Duplicate);
		tally.apply(roomGift("g2", "A"), 31 * minute);
		CHECK(streamsOf(tally).size() == 2);
	}
}

TEST_CASE("streamEnd ends the stream; the next event starts one as a first event", "[streams]")
{
	Tally tally;
	tally.apply(roomGift("g1", "A", 3), 0);
	tally.apply(other(EventKind::StreamEnd, "end"), 1000);
	CHECK_FALSE(tally.streamOpen());
	tally.apply(other(EventKind::StreamEnd, "end2"), 1500); // a second end (TLC 2.x: control + streamEnd)
	tally.apply(other(EventKind::RoomUser, "v"), 1600);     // a viewer count opens none
	CHECK_FALSE(tally.streamOpen());
	auto streams = streamsOf(tally);
	REQUIRE(streams.size() == 1);
	CHECK(streams[0].endedBy == StreamCause::StreamEnd);
	CHECK(streams[0].coins == 3); // still shown after its end
	tally.apply(roomGift("g2", "A", 4), 2000);
	streams = streamsOf(tally);
	REQUIRE(streams.size() == 2);
	CHECK(streams[1].startedBy == StreamCause::FirstEvent);
	CHECK(streams[1].roomId == "A");
	CHECK(streams[1].coins == 4);
}

TEST_CASE("A stream started or ended by hand, and resets, are recorded with their own causes", "[streams]")
{
	Tally tally;
	tally.apply(roomGift("g1", "A"), 0);
	tally.startStream(10);
	tally.resetStream(20);
	tally.resetAll(30);
	tally.endStream(40);
	const auto streams = streamsOf(tally);
	REQUIRE(streams.size() == 4);
	CHECK(streams[0].endedBy == StreamCause::Manual);
	CHECK(streams[1].startedBy == StreamCause::Manual);
	CHECK(streams[1].endedBy == StreamCause::Reset);
	CHECK(streams[2].startedBy == StreamCause::Reset);
	CHECK(streams[2].endedBy == StreamCause::ResetAll);
	CHECK(streams[3].startedBy == StreamCause::ResetAll);
	CHECK(streams[3].endedBy == StreamCause::Manual);
	CHECK_FALSE(streams[3].open);
}

TEST_CASE("The summary's streams section", "[streams]")
{
	EngineOptions options;
	options.useEventTime = true;
	Engine engine(options);
	const auto gift = [](const std::string &msgId, const std::string &room, long long t) {
		return R"({"event":"gift","data":{"common":{"msgId":")" + msgId + R"(","createTime":")" +
		       std::to_string(t) + R"(","roomId":")" + room +
		       R"("},"user":{"uniqueId":"ann"},"giftId":990001,"diamondCount":2,"repeatCount":1}})";
	};
	const long long t0 = 1748800800000;
	engine.submitFrame(gift("a", "1", t0));
	engine.submitFrame(gift("b", "2", t0 + 1000));
	engine.submitFrame(gift("c", "2", t0 + 1000 + 31 * minute));
	engine.submitFrame(R"({"event":"streamEnd","data":{}})");
	const auto summary = makeSummary(engine);
	CHECK(summary["streams"] == nlohmann::ordered_json::parse(R"([
	  {"room_id":"1","started_by":"first_event","ended_by":"new_room","coins":2,"gifts":1},
	  {"room_id":"2","started_by":"new_room","ended_by":"silence","coins":2,"gifts":1},
	  {"room_id":"2","started_by":"silence","ended_by":"stream_end","coins":2,"gifts":1}])"));
	Engine empty;
	CHECK(makeSummary(empty)["streams"] == nlohmann::ordered_json::array());
}
