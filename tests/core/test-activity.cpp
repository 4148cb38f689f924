// Activity for every event kind, and test events that are shown and never counted.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <set>

#include "core/engine.hpp"
#include "core/tally.hpp"
#include "core/test-events.hpp"
#include "support.hpp"
#include "sql-support.hpp"

using namespace livegifts;
using testsupport::flatGift;
using testsupport::simple;
using testsupport::TempDir;

namespace {

void feed(Tally &tally, const std::string &frame, Millis now = 0)
{
	REQUIRE(testsupport::feedFrame(tally, frame, now));
}

std::vector<GiftActivity> activityOf(const Tally &tally)
{
	Snapshot snapshot;
	tally.fillSnapshot(snapshot);
	return snapshot.activity.copied();
}

void sendAllTests(Engine &engine)
{
	std::uint64_t number = 0;
	for (const TestEventKind kind : testEventKinds) {
		for (TestStep &step : testEventSteps(kind, "Tester", ++number)) {
			engine.showTest(std::move(step.entry));
		}
	}
}

} // namespace

TEST_CASE("Activity: follows, shares, subscribers and likes are entries with their kind and user", "[activity]")
{
	Tally tally;
	feed(tally, simple("follow", "f1", "ana"), 10);
	feed(tally, simple("share", "s1", "bo"), 20);
	feed(tally, simple("subNotify", "u1", "cy"), 30);
	feed(tally, simple("like", "l1", "dee", R"("likeCount":5,"totalLikeCount":100)"), 40);
	feed(tally, simple("chat", "c1", "eve", R"("comment":"hi")"), 50);
	feed(tally, simple("member", "m1", "eve"), 60);
	const auto activity = activityOf(tally);
	REQUIRE(activity.size() == 4); // chats and joins do not alert
	CHECK(activity[0].kind == ActivityKind::Follow);
	CHECK(activity[0].userId == "ana");
	CHECK(activity[0].nickname == "Nana");
	CHECK(activity[0].timeMs == 10);
	CHECK(activity[1].kind == ActivityKind::Share);
	CHECK(activity[1].userId == "bo");
	CHECK(activity[2].kind == ActivityKind::Subscribe);
	CHECK(activity[2].userId == "cy");
	CHECK(activity[3].kind == ActivityKind::Like);
	CHECK(activity[3].likes == 5);
	CHECK(activity[3].likeTotal == 100);
	std::set<std::string> keys;
	for (std::size_t i = 0; i < activity.size(); ++i) {
		CHECK_FALSE(activity[i].test);
		keys.insert(activity[i].streakKey);
		if (i > 0) {
			CHECK(activity[i].seq > activity[i - 1].seq);
		}
	}
	CHECK(keys.size() == 4); // each its own alert
}

TEST_CASE("Activity: a TLC 1.x follow sent as social and follow is one entry; duplicates none", "[activity]")
{
	Tally tally;
	feed(tally, simple("social", "7001", "hal", R"("displayType":"pm_main_follow_message_viewer_2")"));
	feed(tally, simple("follow", "7001", "hal"));
	feed(tally, simple("share", "7002", "hal"));
	feed(tally, simple("social", "7002", "hal", R"("displayType":"pm_mt_guidance_share")"));
	feed(tally, simple("subscribe", "7003", "hal"));
	feed(tally, simple("subscribe", "7003", "hal"));
	feed(tally, simple("like", "7004", "hal", R"("likeCount":3,"totalLikeCount":50)"));
	feed(tally, simple("like", "7004", "hal", R"("likeCount":3,"totalLikeCount":50)"));
	const auto activity = activityOf(tally);
	REQUIRE(activity.size() == 4);
	CHECK(activity[0].kind == ActivityKind::Follow);
	CHECK(activity[1].kind == ActivityKind::Share);
	CHECK(activity[2].kind == ActivityKind::Subscribe);
	CHECK(activity[3].kind == ActivityKind::Like);
	CHECK(activity[3].likes == 3);
}

TEST_CASE("Activity: likes carry the running room total; a run of likes is one entry", "[activity]")
{
	TallyOptions options;
	options.activityCapacity = 8;
	Tally tally(options);
	feed(tally, flatGift("g1", "ana", 5655, 1, 2, 1, false));
	// a like storm: 100 messages without a room total, then one with it
	for (int i = 0; i < 100; ++i) {
		feed(tally, simple("like", "l" + std::to_string(i), "u" + std::to_string(i % 7), R"("likeCount":10)"));
	}
	auto activity = activityOf(tally);
	REQUIRE(activity.size() == 2); // the gift is still there
	CHECK(activity[0].kind == ActivityKind::Gift);
	CHECK(activity[1].kind == ActivityKind::Like);
	CHECK(activity[1].likes == 1000);
	CHECK(activity[1].likeTotal == 1000); // the sum when the room total is not sent
	CHECK(activity[1].userId == "u1");    // the latest liker (99 % 7)
	feed(tally, simple("like", "t1", "bo", R"("likeCount":4,"totalLikeCount":5000)"));
	feed(tally, simple("follow", "f1", "bo"));
	feed(tally, simple("like", "t2", "cy", R"("likeCount":6,"totalLikeCount":4990)"));
	activity = activityOf(tally);
	REQUIRE(activity.size() == 4);
	CHECK(activity[1].likeTotal == 5000); // the room total, larger than the sum
	CHECK(activity[1].userId == "bo");
	CHECK(activity[2].kind == ActivityKind::Follow);
	CHECK(activity[3].likeTotal == 5000); // a lower total sent later never moves it back
	CHECK(activity[3].likes == 6);
	CHECK(activity[3].seq > activity[2].seq);
}

TEST_CASE("Test events: every kind is shown and nothing is counted, not even in the ledger", "[activity]")
{
	TempDir dir;
	const std::string path = dir.file("ledger.db");
	{
		EngineOptions options;
		options.ledgerPath = path;
		Engine engine(options);
		GoalSpec coins;
		coins.id = "coins";
		coins.kind = GoalKind::Coins;
		coins.target = 10;
		GoalSpec follows = coins;
		follows.id = "follows";
		follows.kind = GoalKind::Follows;
		GoalSpec likes = coins;
		likes.id = "likes";
		likes.kind = GoalKind::Likes;
		for (const GoalSpec &goal : {coins, follows, likes}) {
			engine.setGoal(goal);
		}
		engine.flush();
		const auto before = engine.snapshot();

		sendAllTests(engine);
		engine.flush();
		const auto snap = engine.snapshot();
		CHECK(snap->version > before->version); // published
		std::set<ActivityKind> kinds;
		std::set<std::string> keys;
		for (const GiftActivity &entry : snap->activity) {
			CHECK(entry.test);
			CHECK(entry.userId == "live_gifts_test");
			CHECK(entry.nickname == "Tester");
			kinds.insert(entry.kind);
			keys.insert(entry.streakKey);
		}
		CHECK(kinds.size() == 5); // gift, follow, share, subscribe, like
		CHECK(keys.size() == 7);  // one alert per test event
		CHECK(snap->activity.size() == 1 + 1 + 6 + 1 + 1 + 5 + 1);
		CHECK(snap->stream.totals == RoomTotals{});
		CHECK(snap->allTime.totals == RoomTotals{});
		CHECK(snap->allTime.supporterCount == 0);
		CHECK(snap->allTime.gifts.empty());
		CHECK(snap->stream.top.empty());
		CHECK_FALSE(snap->streamLive); // a test does not start a stream either
		for (const char *id : {"coins", "follows", "likes"}) {
			CHECK(snap->goals.at(id).current == 0);
			CHECK_FALSE(snap->goals.at(id).reached);
		}
		CHECK(snap->goalEvents.empty());
		CHECK(snap->stats.duplicates == 0);

		// Real events afterwards count as always, after the tests in the activity.
		engine.submitFrame(flatGift("real-1", "ana", 5655, 1, 2, 3, false));
		engine.submitFrame(simple("follow", "real-2", "ana"));
		engine.flush();
		const auto after = engine.snapshot();
		CHECK(after->allTime.totals.coins == 3);
		CHECK(after->allTime.totals.follows == 1);
		CHECK(after->goals.at("coins").current == 3);
		CHECK(after->activity.back().seq > snap->activity.back().seq);
		CHECK_FALSE(after->activity.back().test);
	}
	// The ledger holds the two real messages only, and no test user or gift.
	CHECK(queryInt(path, "SELECT count(*) FROM events") == 2);
	CHECK(queryInt(path, "SELECT count(*) FROM users WHERE user_id = 'live_gifts_test'") == 0);
	CHECK(queryInt(path, "SELECT count(*) FROM gift_totals WHERE gift_id IN (6369, 5487)") == 0);
	CHECK(queryInt(path, "SELECT coalesce(sum(coins), 0) FROM room_totals WHERE scope < 0") == 3);
	{
		EngineOptions options;
		options.ledgerPath = path;
		Engine again(options);
		again.flush();
		CHECK(again.snapshot()->allTime.totals.coins == 3);
		CHECK(again.snapshot()->allTime.totals.follows == 1);
		CHECK(again.snapshot()->allTime.totals.likesReceived == 0);
	}
}

TEST_CASE("Test events: each kind's script", "[activity]")
{
	for (const TestEventKind kind : testEventKinds) {
		TestEventKind back = TestEventKind::Subscribe;
		REQUIRE(testEventFromName(testEventName(kind), back));
		CHECK(back == kind);
		const auto steps = testEventSteps(kind, "T", 7);
		REQUIRE_FALSE(steps.empty());
		for (const auto &step : steps) {
			CHECK(step.entry.streakKey == steps.front().entry.streakKey);
		}
		CHECK(steps.back().entry.final);
	}
	TestEventKind unused = TestEventKind::Follow;
	CHECK_FALSE(testEventFromName("party", unused));
	const auto small = testEventSteps(TestEventKind::SmallGift, "T", 1);
	const auto big = testEventSteps(TestEventKind::BigGift, "T", 2);
	CHECK(small[0].entry.coins < 100);
	CHECK(big[0].entry.coins >= 1000);
	const auto streak = testEventSteps(TestEventKind::Streak, "T", 3);
	REQUIRE(streak.size() >= 3);
	for (std::size_t i = 1; i < streak.size(); ++i) {
		CHECK(streak[i].delayMs > streak[i - 1].delayMs);
		CHECK(streak[i].entry.count >= streak[i - 1].entry.count);
		CHECK(streak[i].entry.final == (i + 1 == streak.size()));
	}
	CHECK(testEventSteps(TestEventKind::SmallGift, "T", 1)[0].entry.streakKey !=
	      testEventSteps(TestEventKind::SmallGift, "T", 2)[0].entry.streakKey);
	CHECK(testEventSteps(TestEventKind::Follow, "T", 1)[0].entry.kind == ActivityKind::Follow);
	CHECK(testEventSteps(TestEventKind::Share, "T", 1)[0].entry.kind == ActivityKind::Share);
	CHECK(testEventSteps(TestEventKind::Subscribe, "T", 1)[0].entry.kind == ActivityKind::Subscribe);
	CHECK(testEventSteps(TestEventKind::LikeBurst, "T", 1).back().entry.kind == ActivityKind::Like);
}
