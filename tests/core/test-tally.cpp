#include <catch2/catch.hpp>

#include <limits>

#include <unistd.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "core/tally.hpp"
#include "capture-log.hpp"
#include "support.hpp"

using namespace livegifts;
using testsupport::flatGift;
using testsupport::simple;

namespace {

// Feeds frames to a Tally at given engine times.
struct Feeder {
	Tally tally;
	FrameParser parser;
	explicit Feeder(TallyOptions options = {}) : tally(options) {}

	Tally::Outcome feed(const std::string &frame, Millis now = 0)
	{
		std::vector<Event> events;
		const auto result = parser.parse(frame, events);
		REQUIRE(result.errors.empty());
		REQUIRE(events.size() == 1);
		return tally.apply(events[0], now);
	}
	std::int64_t coins() const { return tally.totals(true).coins; }
	std::int64_t gifts() const { return tally.totals(true).gifts; }
	std::int64_t coinsOf(const std::string &user) const
	{
		const auto index = tally.directory().find(user);
		return index == SupporterDirectory::npos || !tally.board(true).contains(index)
			   ? -1
			   : tally.board(true).standing(index).coins();
	}
};

} // namespace

TEST_CASE("Rule 1: value = diamondCount x count", "[tally][rule1]")
{
	Feeder f;
	CHECK(f.feed(flatGift("m1", "ann", 6089, 7000, 2, 3, false)) == Tally::Outcome::Counted);
	CHECK(f.coins() == 21000);
	CHECK(f.gifts() == 3);
	CHECK(f.coinsOf("ann") == 21000);
	const auto &gift = f.tally.gifts(true).at(6089);
	CHECK(gift.count == 3);
	CHECK(gift.coins == 21000);
	CHECK(gift.diamondCount == 7000);
	CHECK(gift.name == "Gift6089");
}

TEST_CASE("Rule 2: a streak counts once, at its end, with the final count", "[tally][rule2]")
{
	Feeder f;
	for (int i = 1; i <= 5; ++i) {
		CHECK(f.feed(flatGift("s" + std::to_string(i), "ann", 5655, 1, 1, i, false), i * 100) ==
		      Tally::Outcome::Updated);
		CHECK(f.coins() == 0);
	}
	Snapshot snap;
	f.tally.fillSnapshot(snap);
	REQUIRE_FALSE(snap.activity.empty());
	CHECK_FALSE(snap.activity.back().final);
	CHECK(snap.activity.back().count == 5);
	CHECK(f.tally.openStreaks() == 1);

	CHECK(f.feed(flatGift("end", "ann", 5655, 1, 1, 5, true), 600) == Tally::Outcome::Counted);
	CHECK(f.coins() == 5);
	CHECK(f.gifts() == 5);
	CHECK(f.tally.openStreaks() == 0);
	f.tally.fillSnapshot(snap);
	CHECK(snap.activity.back().final);
	CHECK(snap.activity.back().count == 5);
	// all updates of the combo share one streak key
	for (const auto &a : snap.activity) {
		CHECK(a.streakKey == snap.activity.back().streakKey);
	}
	// a stray update after the end adds nothing
	f.feed(flatGift("late", "ann", 5655, 1, 1, 4, false), 700);
	CHECK(f.coins() == 5);
	CHECK(f.tally.openStreaks() == 0);
}

TEST_CASE("Rule 3: a quiet streak closes after the timeout; a late end adds only the rest", "[tally][rule3]")
{
	TallyOptions options;
	options.streakQuietTimeoutMs = 5000;
	Feeder f(options);
	f.feed(flatGift("a1", "bob", 5487, 5, 1, 1, false), 1000);
	f.feed(flatGift("a2", "bob", 5487, 5, 1, 3, false), 2000);
	f.tally.tick(6999);
	CHECK(f.coins() == 0);
	f.tally.tick(7000);
	CHECK(f.coins() == 15);
	CHECK(f.tally.stats().streaksClosedByTimeout == 1);
	CHECK(f.tally.nextDeadline() == INT64_MAX);

	// the end arrives later with a larger count: only the difference is added
	CHECK(f.feed(flatGift("a9", "bob", 5487, 5, 1, 7, true), 9000) == Tally::Outcome::Counted);
	CHECK(f.coins() == 35);
	CHECK(f.gifts() == 7);
	// and an end with the same count adds nothing
	CHECK(f.feed(flatGift("a10", "bob", 5487, 5, 1, 7, true), 9100) == Tally::Outcome::Updated);
	CHECK(f.coins() == 35);
}

TEST_CASE("Rule 3: the timeout is configurable and every update restarts it", "[tally][rule3]")
{
	TallyOptions options;
	options.streakQuietTimeoutMs = 1000;
	Feeder f(options);
	f.feed(flatGift("b1", "cat", 5655, 1, 1, 1, false), 0);
	f.feed(flatGift("b2", "cat", 5655, 1, 1, 2, false), 900);
	f.tally.tick(1800);
	CHECK(f.coins() == 0);
	f.tally.tick(1900);
	CHECK(f.coins() == 2);
}

TEST_CASE("Open streaks close at stream end and at end of input", "[tally][rule3]")
{
	Feeder f;
	f.feed(flatGift("c1", "dan", 5655, 1, 1, 4, false), 0);
	f.feed(flatGift("c2", "eve", 5879, 30, 1, 2, false), 10);
	f.tally.closeOpenStreaks(20);
	CHECK(f.coins() == 64);
	CHECK(f.tally.openStreaks() == 0);

	f.feed(flatGift("c3", "dan", 5655, 1, 1, 3, false, "g2"), 30);
	CHECK(f.coins() == 64);
	CHECK(f.tally.streamOpen());
	f.feed(R"({"event":"streamEnd","data":{"msgId":"end-1"}})", 40);
	CHECK(f.coins() == 67);
	CHECK_FALSE(f.tally.streamOpen());
	CHECK(f.tally.stats().streamEnds == 1);
}

TEST_CASE("Rule 4: other gifts count on arrival, whatever repeatEnd says", "[tally][rule4]")
{
	Feeder f;
	CHECK(f.feed(flatGift("d1", "fay", 6369, 29999, 2, 1, false)) == Tally::Outcome::Counted);
	CHECK(f.feed(flatGift("d2", "fay", 7312, 34999, 0, 1, true)) == Tally::Outcome::Counted);
	CHECK(f.coins() == 64998);
	CHECK(f.gifts() == 2);
}

TEST_CASE("Rule 5: a msgId counts once", "[tally][rule5]")
{
	Feeder f;
	const auto frame = flatGift("dup", "gus", 5558, 1000, 2, 1, false);
	CHECK(f.feed(frame) == Tally::Outcome::Counted);
	CHECK(f.feed(frame) == Tally::Outcome::Duplicate);
	CHECK(f.feed(frame) == Tally::Outcome::Duplicate);
	CHECK(f.coins() == 1000);
	CHECK(f.tally.stats().duplicates == 2);

	// a streak end replayed after a reconnect does not double the streak
	f.feed(flatGift("r1", "gus", 5655, 1, 1, 2, false, "gg"));
	f.feed(flatGift("r2", "gus", 5655, 1, 1, 2, true, "gg"));
	f.feed(flatGift("r1", "gus", 5655, 1, 1, 2, false, "gg"));
	f.feed(flatGift("r2", "gus", 5655, 1, 1, 2, true, "gg"));
	CHECK(f.coins() == 1002);
}

TEST_CASE("Rule 5: a msgId of 0 is no id: such gifts count each, a re-send of one once", "[tally][rule5]")
{
	// A protobuf field left unset reads as "0" (TikTok-Live-Connector 2.x); a number 0 reads the same.
	Feeder f;
	const auto ann = flatGift("0", "ann", 5558, 1000, 2, 1, false, "g1", 1700000000001);
	CHECK(f.feed(ann) == Tally::Outcome::Counted);
	CHECK(f.feed(flatGift("0", "bob", 5558, 1000, 2, 1, false, "g2", 1700000000002)) == Tally::Outcome::Counted);
	std::string numeric = flatGift("0", "cal", 5655, 1, 1, 3, true, "g3", 1700000000003);
	numeric.replace(numeric.find(R"("msgId":"0")"), 11, R"("msgId":0)");
	CHECK(f.feed(numeric) == Tally::Outcome::Counted);
	CHECK(f.feed(ann) == Tally::Outcome::Duplicate); // the same message again: its fingerprint
	CHECK(f.coins() == 2003);
	CHECK(f.gifts() == 5);
	CHECK(f.tally.stats().duplicates == 1);
}

TEST_CASE("Rule 5: a message with neither msgId nor createTime counts each time, and is counted as unidentified",
	  "[tally][rule5]")
{
	// Nothing tells a re-send of such a message from a new one: merging them could lose real gifts, so each
	// counts; the input statistics say how many there were (the CLI warns when it writes them into a ledger).
	Feeder f;
	const auto bare = flatGift("", "ann", 5558, 1000, 2, 1, false);
	CHECK(f.feed(bare) == Tally::Outcome::Counted);
	CHECK(f.feed(bare) == Tally::Outcome::Counted);
	CHECK(f.feed(flatGift("0", "bob", 5655, 1, 1, 1, true)) == Tally::Outcome::Counted); // "0" is no id
	CHECK(f.feed(simple("follow", "", "cal")) == Tally::Outcome::Counted);
	CHECK(f.tally.stats().unidentified == 4);
	// With a createTime it has a fingerprint; with a msgId an id: neither is unidentified.
	const auto timed = flatGift("", "dan", 5558, 1000, 2, 1, false, "g1", 1700000000001);
	CHECK(f.feed(timed) == Tally::Outcome::Counted);
	CHECK(f.feed(timed) == Tally::Outcome::Duplicate);
	CHECK(f.feed(flatGift("m1", "eve", 5558, 1000, 2, 1, false)) == Tally::Outcome::Counted);
	CHECK(f.tally.stats().unidentified == 4);
	CHECK(f.coins() == 4001);
}

TEST_CASE("Rule 5: msgIds that differ only in broken bytes are not one id once repaired", "[tally][rule5]")
{
	// Seen: four gifts from four viewers whose msgIds differed only in an invalid byte (\xff / \xfe) or a
	// lone surrogate escape became two ids after U+FFFD repair: two real gifts dropped as duplicates.
	Feeder f;
	const auto a = flatGift("77\xff", "ann", 5655, 1, 1, 1, true, "g1", 1700000000001);
	const auto b = flatGift("77\xfe", "bob", 5655, 1, 1, 1, true, "g2", 1700000000002);
	const auto c = flatGift("88\\ud83d", "cal", 5655, 1, 1, 1, true, "g3", 1700000000003);
	const auto d = flatGift("88\\ud83e", "dan", 5655, 1, 1, 1, true, "g4", 1700000000004);
	for (const auto &frame : {a, b, c, d}) {
		CHECK(f.feed(frame) == Tally::Outcome::Counted);
	}
	CHECK(f.feed(b) == Tally::Outcome::Duplicate); // a re-send is still one: its content
	CHECK(f.gifts() == 4);
	CHECK(f.tally.stats().duplicates == 1);
}

TEST_CASE("Rule 5: a full msgId window with no ledger behind it says once that re-sends may count again",
	  "[tally][rule5]")
{
	// Seen: 220,000 gifts re-sent after a reconnect, with no ledger, all counted twice without a word (each
	// re-sent id pushed the next one to be re-sent out of the window).
	TallyOptions options;
	options.dedupeCapacity = 3;
	testsupport::Capture log;
	Tally tally(options, &log);
	FrameParser parser;
	for (int i = 0; i < 6; ++i) {
		for (const Event &event : parser.parse(simple("follow", "w" + std::to_string(i), "u")).events) {
			tally.apply(event, 1000);
		}
	}
	CHECK(log.has("more than 3 msgIds this run and no ledger to ask"));
	CHECK(log.text.find("more than 3 msgIds") == log.text.rfind("more than 3 msgIds")); // once

	testsupport::Capture quiet; // with a ledger to ask, nothing is lost: nothing to say
	Tally backed(options, &quiet);
	backed.setLedgerLookup([](std::string_view) { return Tally::Lookup::Unseen; });
	for (int i = 0; i < 6; ++i) {
		for (const Event &event : parser.parse(simple("follow", "w" + std::to_string(i), "u")).events) {
			backed.apply(event, 1000);
		}
	}
	CHECK_FALSE(quiet.has("msgIds this run"));
}

TEST_CASE("Rule 5: dedupe memory is bounded; older ids are asked of the ledger", "[tally][rule5]")
{
	TallyOptions options;
	options.dedupeCapacity = 3;
	Feeder f(options);
	std::vector<std::string> asked;
	std::set<std::string> stored;
	f.tally.setLedgerLookup([&](std::string_view id) {
		asked.emplace_back(id);
		return stored.count(std::string(id)) != 0 ? Tally::Lookup::Seen : Tally::Lookup::Unseen;
	});
	for (int i = 0; i < 5; ++i) {
		const std::string id = "f" + std::to_string(i);
		f.feed(simple("follow", id, "u" + std::to_string(i)));
		stored.insert(id); // committed
	}
	CHECK(f.tally.totals(true).follows == 5);
	// f0 was forgotten by memory but the ledger knows it
	CHECK(f.feed(simple("follow", "f0", "u0")) == Tally::Outcome::Duplicate);
	CHECK(std::find(asked.begin(), asked.end(), "f0") != asked.end());
	// f4 is still in memory: the ledger is not asked
	asked.clear();
	CHECK(f.feed(simple("follow", "f4", "u4")) == Tally::Outcome::Duplicate);
	CHECK(asked.empty());
	CHECK(f.tally.totals(true).follows == 5);

	MsgIdDedupe dedupe(2);
	dedupe.insert("a");
	dedupe.insert("b");
	dedupe.insert("c");
	CHECK_FALSE(dedupe.contains("a"));
	CHECK(dedupe.contains("b"));
	CHECK(dedupe.contains("c"));
	CHECK(dedupe.size() == 2);
	CHECK(dedupe.forgotSome());
}

TEST_CASE("TLC 1.x social + follow with the same msgId count one follow", "[tally][rule5]")
{
	Feeder f;
	f.feed(simple("social", "7001", "hal", R"("displayType":"pm_main_follow_message_viewer_2")"));
	CHECK(f.feed(simple("follow", "7001", "hal")) == Tally::Outcome::Duplicate);
	f.feed(simple("share", "7002", "hal"));
	CHECK(f.feed(simple("social", "7002", "hal", R"("displayType":"pm_mt_guidance_share")")) ==
	      Tally::Outcome::Duplicate);
	// an unclassifiable social message does not eat the follow that shares its msgId
	f.feed(simple("social", "7003", "ivy", R"("displayType":"pm_other")"));
	CHECK(f.feed(simple("follow", "7003", "ivy")) == Tally::Outcome::Counted);
	CHECK(f.tally.totals(true).follows == 2);
	CHECK(f.tally.totals(true).shares == 1);
	CHECK(f.tally.stats().duplicates == 2);
}

TEST_CASE("Input statistics count what arrived: a social read as a follow stays social", "[tally][rule5]")
{
	Feeder f;
	f.feed(simple("social", "7101", "hal", R"("displayType":"pm_main_follow_message_viewer_2")"));
	f.feed(simple("follow", "7101", "hal"));
	f.feed(simple("subNotify", "7102", "hal"));
	const auto &events = f.tally.stats().events;
	CHECK(events[static_cast<std::size_t>(EventKind::Social)] == 1);
	CHECK(events[static_cast<std::size_t>(EventKind::Follow)] == 1);
	CHECK(events[static_cast<std::size_t>(EventKind::Subscribe)] == 1);
	CHECK(f.tally.totals(true).follows == 1);

	// An Event made by hand (no wire name) is counted by its kind.
	Event share;
	share.kind = EventKind::Share;
	share.msgId = "7103";
	f.tally.apply(share, 0);
	CHECK(events[static_cast<std::size_t>(EventKind::Share)] == 1);
}

TEST_CASE("Rule 6: likes add up per message; the room total follows the largest seen", "[tally][rule6]")
{
	Feeder f;
	f.feed(simple("like", "l1", "a", R"("likeCount":5,"totalLikeCount":100)"));
	f.feed(simple("like", "l2", "b", R"("likeCount":"7","totalLikeCount":"130")"));
	f.feed(simple("like", "l3", "a", R"("likeCount":3,"totalLikeCount":120)")); // out of order total
	CHECK(f.tally.totals(true).likesReceived == 15);
	CHECK(f.tally.totals(true).roomLikeTotal == 130);
	CHECK(f.tally.totals(false).likesReceived == 15);
}

TEST_CASE("Rule 7: ties rank who reached the amount first", "[tally][rule7]")
{
	Feeder f;
	f.feed(flatGift("t1", "zed", 5558, 100, 2, 1, false));
	f.feed(flatGift("t2", "amy", 5558, 100, 2, 1, false));
	auto top = f.tally.supporters(true, 0);
	REQUIRE(top.size() == 2);
	CHECK(top[0].id == "zed");
	CHECK(top[0].rank == 1);
	CHECK(top[1].id == "amy");
	CHECK(top[1].rank == 2);
	f.feed(flatGift("t3", "amy", 5655, 1, 2, 1, false));
	f.feed(flatGift("t4", "zed", 5655, 1, 2, 1, false));
	top = f.tally.supporters(true, 0);
	CHECK(top[0].id == "amy"); // reached 101 first
	CHECK(top[0].reachOrder < top[1].reachOrder);
	CHECK(top[0].coins == 101);
	CHECK(top[1].id == "zed");
	CHECK(top[1].coins == 101);
	// a zero-value gift changes the gift count, not the standing
	f.feed(flatGift("t5", "zed", 1, 0, 2, 1, false));
	top = f.tally.supporters(true, 0);
	CHECK(top[0].id == "amy");
	CHECK(top[1].gifts == 3);
}

TEST_CASE("Totals per stream and for all time; viewers last and peak", "[tally]")
{
	Feeder f;
	f.feed(simple("member", "j1", "a"));
	f.feed(simple("member", "j2", "b"));
	f.feed(R"({"event":"roomUser","data":{"viewerCount":50}})");
	f.feed(R"({"event":"roomUser","data":{"viewerCount":80}})");
	f.feed(R"({"event":"roomUser","data":{"viewerCount":65}})");
	f.feed(simple("subscribe", "sub1", "a"));
	f.feed(simple("chat", "ch1", "a", R"("comment":"hi")"));
	f.feed(flatGift("g1", "a", 5655, 1, 2, 1, false));
	CHECK(f.tally.totals(false).joins == 2);
	CHECK(f.tally.totals(false).viewersLast == 65);
	CHECK(f.tally.totals(false).viewersPeak == 80);
	CHECK(f.tally.totals(false).subscribers == 1);
	CHECK(f.tally.totals(false).chats == 1);
	const auto firstStream = f.tally.streamId();
	f.feed(R"({"event":"streamEnd","data":{"msgId":"se1"}})");
	// the next counted event is a new stream: this-stream totals restart, all time goes on
	f.feed(flatGift("g2", "b", 5655, 1, 2, 2, false));
	CHECK(f.tally.streamId() == firstStream + 1);
	CHECK(f.tally.totals(false).coins == 2);
	CHECK(f.tally.totals(false).joins == 0);
	CHECK(f.tally.totals(true).coins == 3);
	CHECK(f.tally.totals(true).joins == 2);
	CHECK(f.tally.board(false).size() == 1);
	CHECK(f.tally.board(true).size() == 2);
}

TEST_CASE("Streaks without a group id: a new combo after the end counts again", "[tally][rule2]")
{
	Feeder f;
	f.feed(flatGift("n1", "kim", 5655, 1, 1, 1, false, ""));
	f.feed(flatGift("n2", "kim", 5655, 1, 1, 3, true, ""));
	f.feed(flatGift("n3", "kim", 5655, 1, 1, 1, false, ""));
	f.feed(flatGift("n4", "kim", 5655, 1, 1, 2, true, ""));
	CHECK(f.coins() == 5);
}

TEST_CASE("Streaks without a group id: combos of the same size or larger after an end count again", "[tally][rule2]")
{
	// Separate combos of one Rose each (a bridge or a script that sends no group id): 1, 1, 1, then 5 and 8,
	// each ended, each sent after the last. 16 Roses.
	Feeder f;
	long long time = 1764000000000;
	int id = 0;
	for (const long long count : {1, 1, 1, 5, 8}) {
		for (long long step = 1; step < count; ++step) {
			f.feed(flatGift("p" + std::to_string(++id), "kim", 5655, 1, 1, step, false, "", time += 100));
		}
		f.feed(flatGift("p" + std::to_string(++id), "kim", 5655, 1, 1, count, true, "", time += 100));
	}
	CHECK(f.coins() == 16);
	// A late message of the last combo (sent before its end, arriving after it) and a second end of it with
	// its end's time add nothing.
	f.feed(flatGift("late", "kim", 5655, 1, 1, 7, false, "", time - 100));
	f.feed(flatGift("again", "kim", 5655, 1, 1, 8, true, "", time));
	CHECK(f.coins() == 16);
	// 200 combos of one, sent 50 ms apart.
	Feeder many;
	for (int i = 0; i < 200; ++i) {
		many.feed(flatGift("m" + std::to_string(i), "lee", 5655, 7, 1, 1, true, "", time + 50 * i));
	}
	CHECK(many.coins() == 200 * 7);
}

TEST_CASE("Unknown and control events are counted, not used", "[tally]")
{
	Feeder f;
	CHECK(f.feed(R"({"event":"questionNew","data":{"msgId":"q"}})") == Tally::Outcome::Ignored);
	CHECK(f.feed(R"({"event":"questionNew","data":{"msgId":"q2"}})") == Tally::Outcome::Ignored);
	CHECK(f.feed(R"({"event":"controlMessage","data":{"action":3}})") == Tally::Outcome::Ignored);
	CHECK(f.tally.unknownEvents().at("questionNew") == 2);
	CHECK(f.tally.stats().events[static_cast<std::size_t>(EventKind::Unknown)] == 2);
	CHECK(f.tally.stats().events[static_cast<std::size_t>(EventKind::Control)] == 1);
	CHECK_FALSE(f.tally.streamOpen()); // neither starts a stream
}

TEST_CASE("Random gift streams: totals match an independent count, every view agrees", "[tally]")
{
	std::mt19937 rng(2024);
	for (int round = 0; round < 20; ++round) {
		std::vector<std::vector<std::string>> streams; // per streak or single gift, in order
		std::int64_t expectedCoins = 0;
		std::int64_t expectedUnits = 0;
		std::map<std::string, std::int64_t> expectedByUser;
		int id = 0;
		for (int s = 0; s < 60; ++s) {
			const std::string user = "user" + std::to_string(rng() % 12);
			const long long giftId = 1 + static_cast<long long>(rng() % 5);
			const long long diamonds = 1 + static_cast<long long>(rng() % 50);
			std::vector<std::string> frames;
			if (rng() % 3 == 0) {
				const long long count = 1 + static_cast<long long>(rng() % 3);
				frames.push_back(
				    flatGift("m" + std::to_string(++id), user, giftId, diamonds, 2, count, false));
				expectedCoins += count * diamonds;
				expectedUnits += count;
				expectedByUser[user] += count * diamonds;
			} else {
				const std::string group = "grp" + std::to_string(s);
				const long long length = 1 + static_cast<long long>(rng() % 8);
				for (long long k = 1; k <= length; ++k) {
					frames.push_back(flatGift("m" + std::to_string(++id), user, giftId, diamonds, 1,
								  k, false, group));
				}
				if (rng() % 10 < 7) {
					frames.push_back(flatGift("m" + std::to_string(++id), user, giftId, diamonds, 1,
								  length, true, group));
				}
				expectedCoins += length * diamonds;
				expectedUnits += length;
				expectedByUser[user] += length * diamonds;
			}
			streams.push_back(std::move(frames));
		}
		// interleave the streams, resend some messages (reconnects), keep each stream's order
		std::vector<std::string> input;
		std::vector<std::size_t> next(streams.size(), 0);
		std::size_t left = 0;
		for (const auto &s : streams) {
			left += s.size();
		}
		while (left > 0) {
			const std::size_t pick = rng() % streams.size();
			if (next[pick] == streams[pick].size()) {
				continue;
			}
			input.push_back(streams[pick][next[pick]++]);
			--left;
			if (rng() % 10 == 0) {
				input.push_back(input[rng() % input.size()]);
			}
		}
		Feeder f;
		std::vector<Event> events;
		for (const auto &frame : input) {
			events.clear();
			f.parser.parse(frame, events);
			f.tally.apply(events.at(0), 0);
		}
		f.tally.closeOpenStreaks(0);
		INFO("round " << round);
		CHECK(f.coins() == expectedCoins);
		CHECK(f.gifts() == expectedUnits);
		std::int64_t byGift = 0;
		for (const auto &[giftId, gift] : f.tally.gifts(true)) {
			byGift += gift.coins;
		}
		CHECK(byGift == expectedCoins);
		const auto ranked = f.tally.supporters(true, 0);
		CHECK(ranked.size() == expectedByUser.size());
		for (std::size_t i = 0; i < ranked.size(); ++i) {
			CHECK(ranked[i].coins == expectedByUser[ranked[i].id]);
			if (i > 0) {
				CHECK((ranked[i - 1].coins > ranked[i].coins ||
				       (ranked[i - 1].coins == ranked[i].coins &&
					ranked[i - 1].reachOrder < ranked[i].reachOrder)));
			}
		}
		CHECK(f.tally.totals(false).coins == expectedCoins); // one stream
	}
}

TEST_CASE("Sums stop at their cap with an error, never wrap", "[tally]")
{
	Feeder f;
	constexpr std::int64_t top = std::numeric_limits<std::int64_t>::max();
	for (int i = 0; i < 10; ++i) {
		// the per-field caps: 1e9 coins a unit, 1e9 units
		f.feed(flatGift("cap" + std::to_string(i), "ann", 5655, 1000000000, 2, 1000000000, false));
	}
	CHECK(f.coins() == top);
	CHECK(f.tally.totals(false).coins == top);
	CHECK(f.coinsOf("ann") == top);
	CHECK(f.tally.gifts(true).at(5655).coins == top);
	CHECK(f.gifts() == 10 * 1000000000LL);
	CHECK(f.tally.stats().errors > 0);
	const auto before = f.tally.stats().errors;
	f.feed(flatGift("small", "bob", 5655, 1, 2, 1, false));
	CHECK(f.coins() == top); // still at the cap, not wrapped
	CHECK(f.tally.stats().errors > before);
}
