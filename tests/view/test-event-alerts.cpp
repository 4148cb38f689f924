// Alerts for follows, shares, subscribers and like milestones, and test events.
#include <catch2/catch.hpp>

#include "view/alert-queue.hpp"
#include "view/event-alerts.hpp"

using namespace livegifts;
using namespace livegifts::view;

namespace {

GiftActivity event(std::uint64_t seq, ActivityKind kind, const std::string &user, bool test = false)
{
	GiftActivity a;
	a.seq = seq;
	a.kind = kind;
	a.test = test;
	a.streakKey = "e" + std::to_string(seq);
	a.userId = user;
	a.nickname = "N" + user;
	a.count = 1;
	return a;
}

GiftActivity like(std::uint64_t seq, const std::string &user, std::int64_t total)
{
	GiftActivity a = event(seq, ActivityKind::Like, user);
	a.likes = 5;
	a.likeTotal = total;
	return a;
}

GiftActivity rose(std::uint64_t seq, bool test)
{
	GiftActivity a = event(seq, ActivityKind::Gift, "ann", test);
	a.giftId = 5655;
	a.giftName = "Rose";
	a.diamondCount = 1;
	a.coins = 1;
	return a;
}

AlertQueueOptions options()
{
	AlertQueueOptions o;
	o.durationMs = 3000;
	o.introMs = 200;
	o.outroMs = 200;
	return o;
}

// Plays the queue to the end, returning every alert shown.
std::vector<Alert> playAll(AlertQueue &q, ManualClock &clock)
{
	std::vector<Alert> shown;
	for (int step = 0; step < 10000; ++step) {
		q.update();
		if (q.current() == nullptr) {
			break;
		}
		if (shown.empty() || shown.back().id != q.current()->id) {
			shown.push_back(*q.current());
		}
		clock.advance(100);
	}
	return shown;
}

} // namespace

TEST_CASE("Event alerts: each kind alerts when switched on, with its duration and sound", "[events]")
{
	ManualClock clock(0);
	AlertQueueOptions o = options();
	EventAlertOptions &follow = o.events.kinds[static_cast<std::size_t>(eventIndex(ActivityKind::Follow))];
	follow.enabled = true;
	follow.durationMs = 4500;
	follow.sound = SoundSpec{"/sounds/follow.wav", 0.5f};
	AlertQueue q(o, &clock);
	q.push(event(1, ActivityKind::Follow, "ann"));
	q.push(event(2, ActivityKind::Share, "bob"));    // off
	q.push(event(3, ActivityKind::Subscribe, "cy")); // off
	q.push(event(4, ActivityKind::Follow, "dee"));
	const auto shown = playAll(q, clock);
	REQUIRE(shown.size() == 2);
	CHECK(shown[0].gift.userId == "ann");
	CHECK(shown[0].durationMs == 4500);
	CHECK(shown[0].sound == SoundSpec{"/sounds/follow.wav", 0.5f});
	CHECK(shown[1].gift.userId == "dee");
	CHECK(shown[1].tier == 0);
}

TEST_CASE("Event alerts: a like alert each time the room total passes a multiple of N", "[events]")
{
	ManualClock clock(0);
	AlertQueueOptions o = options();
	o.events.kinds[3].enabled = true;
	o.events.likeEvery = 1000;
	AlertQueue q(o, &clock);
	Snapshot start;
	start.stream.totals.roomLikeTotal = 1800; // the source starts mid-stream
	q.consume(start);
	q.push(like(1, "ann", 1900)); // below the next milestone
	q.push(like(2, "bob", 2050)); // passes 2,000
	q.push(like(3, "cy", 2990));
	q.push(like(4, "dee", 5100)); // passes 3,000, 4,000 and 5,000 at once: one alert, for 5,000
	q.push(like(5, "eve", 5100));
	const auto shown = playAll(q, clock);
	REQUIRE(shown.size() == 2);
	CHECK(shown[0].gift.userId == "bob");
	CHECK(shown[0].milestone == 2000);
	CHECK(shown[1].gift.userId == "dee");
	CHECK(shown[1].milestone == 5000);

	// A new stream starts again from its own total; nothing fires for going down.
	q.push(like(6, "fay", 40));
	q.push(like(7, "gus", 1001));
	const auto again = playAll(q, clock);
	REQUIRE(again.size() == 1);
	CHECK(again[0].milestone == 1000);

	CHECK(likeMilestone(999, 1000, 1000) == 1000);
	CHECK(likeMilestone(1000, 1999, 1000) == 0);
	CHECK(likeMilestone(0, 12, 0) == 0);
	CHECK(likeMilestone(0, 7, 5) == 5);
}

TEST_CASE("Event alerts: off kinds and like milestones off show nothing", "[events]")
{
	ManualClock clock(0);
	AlertQueue q(options(), &clock);
	q.consume(Snapshot{});
	for (std::uint64_t seq = 1; seq <= 4; ++seq) {
		q.push(event(seq, static_cast<ActivityKind>(seq), "u"));
	}
	q.push(like(5, "u", 100000));
	CHECK(playAll(q, clock).empty());
}

TEST_CASE("Test events: shown whatever the minimum and the kinds switched on", "[events]")
{
	ManualClock clock(0);
	AlertQueueOptions o = options();
	o.minCoins = 500;
	AlertQueue q(o, &clock);
	q.consume(Snapshot{});
	q.push(rose(1, false)); // below the minimum
	q.push(rose(2, true));
	for (std::uint64_t seq = 3; seq <= 5; ++seq) {
		q.push(event(seq, static_cast<ActivityKind>(seq - 2), "t", true)); // follow, share, subscribe: all off
	}
	// A like burst: several updates of one test alert, the total growing.
	for (std::uint64_t seq = 6; seq <= 8; ++seq) {
		GiftActivity burst = like(seq, "t", 900 + 20 * static_cast<std::int64_t>(seq));
		burst.test = true;
		burst.streakKey = "test:likeBurst:1";
		q.push(burst);
	}
	const auto shown = playAll(q, clock);
	REQUIRE(shown.size() == 5);
	CHECK(shown[0].gift.kind == ActivityKind::Gift);
	CHECK(shown[0].gift.seq == 2);
	CHECK(shown[1].gift.kind == ActivityKind::Follow);
	CHECK(shown[2].gift.kind == ActivityKind::Share);
	CHECK(shown[3].gift.kind == ActivityKind::Subscribe);
	CHECK(shown[4].gift.kind == ActivityKind::Like);
	CHECK(shown[4].milestone == 900 + 20 * 8);
}

TEST_CASE("Event alerts: Super Fans and battle results have their own switch, duration and sound", "[events]")
{
	CHECK(eventIndex(ActivityKind::SuperFanJoin) == 4);
	CHECK(eventIndex(ActivityKind::SuperFanBox) == 5);
	CHECK(eventIndex(ActivityKind::SuperFanOther) == 6);
	CHECK(eventIndex(ActivityKind::BattleResult) == 7);
	ManualClock clock(0);
	AlertQueueOptions o = options();
	EventAlertOptions &box = o.events.kinds[static_cast<std::size_t>(eventIndex(ActivityKind::SuperFanBox))];
	box.enabled = true;
	box.durationMs = 5200;
	box.sound = SoundSpec{"/sounds/box.wav", 1.0f};
	EventAlertOptions &battle = o.events.kinds[static_cast<std::size_t>(eventIndex(ActivityKind::BattleResult))];
	battle.enabled = true;
	AlertQueue q(o, &clock);
	q.consume(Snapshot{});
	q.push(event(1, ActivityKind::SuperFanJoin, "ann")); // off
	q.push(event(2, ActivityKind::SuperFanBox, "bob"));
	q.push(event(3, ActivityKind::SuperFanOther, "cy")); // off
	q.push(event(4, ActivityKind::BattleResult, ""));
	const auto shown = playAll(q, clock);
	REQUIRE(shown.size() == 2);
	CHECK(shown[0].gift.userId == "bob");
	CHECK(shown[0].durationMs == 5200);
	CHECK(shown[0].sound == SoundSpec{"/sounds/box.wav", 1.0f});
	CHECK(shown[1].gift.kind == ActivityKind::BattleResult);
}
