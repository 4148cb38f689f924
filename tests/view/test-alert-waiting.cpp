// The alerts waiting their turn, kept while a source is away and taken back (view/alert-queue-saved.cpp).
#include <catch2/catch.hpp>

#include "view/alert-queue.hpp"

using namespace livegifts;
using namespace livegifts::view;

namespace {

GiftActivity gift(std::uint64_t seq, const std::string &user, std::int64_t giftId, std::int64_t diamonds,
		  std::int64_t count = 1)
{
	GiftActivity a;
	a.seq = seq;
	a.streakKey = "k" + std::to_string(seq);
	a.userId = user;
	a.nickname = "N " + user;
	a.giftId = giftId;
	a.giftName = "G" + std::to_string(giftId);
	a.diamondCount = diamonds;
	a.count = count;
	a.coins = diamonds * count;
	return a;
}

AlertQueueOptions options()
{
	AlertQueueOptions o;
	o.durationMs = 3000;
	o.introMs = 500;
	o.outroMs = 500;
	o.maxQueued = 8;
	o.mergeBelowCoins = 0;
	o.maxWaitMs = 0;
	o.showGuestGifts = true;
	return o;
}

} // namespace

TEST_CASE("Alerts waiting survive a save and come back in order, with what they hold", "[alerts][waiting]")
{
	ManualClock clock(1000);
	AlertQueue before(options(), &clock);
	before.push(gift(1, "ann", 1, 10));
	before.update(); // ann shows: she is not waiting
	GiftActivity arabic = gift(2, "rami", 5655, 1, 7);
	arabic.nickname = "رامي 🌹‍🔥";
	arabic.recipient = RecipientKind::Guest;
	arabic.recipientNickname = "ضيف";
	before.push(arabic);
	GiftActivity like = gift(3, "lee", 0, 0);
	like.kind = ActivityKind::Like;
	like.test = true;
	like.likeTotal = 5000;
	before.push(like);
	before.pushCustom(gift(0, "cy", 8, 100), "Thanks {nickname}!");
	REQUIRE(before.queued() == 3);

	const std::string text = waitingToJson(before.queue());
	std::string error;
	const std::optional<std::vector<Alert>> kept = waitingFromJson(text, error);
	REQUIRE(kept);
	CHECK(error.empty());
	REQUIRE(kept->size() == 3);
	CHECK((*kept)[0].gift.nickname == "رامي 🌹‍🔥");
	CHECK((*kept)[0].gift.count == 7);
	CHECK((*kept)[0].gift.coins == 7);
	CHECK((*kept)[0].gift.recipient == RecipientKind::Guest);
	CHECK((*kept)[0].gift.recipientNickname == "ضيف");
	CHECK((*kept)[1].gift.kind == ActivityKind::Like);
	CHECK((*kept)[1].gift.test);
	CHECK((*kept)[1].milestone == 5000);
	CHECK((*kept)[2].custom == "Thanks {nickname}!");

	// A new queue (the source loaded again) takes them back ahead of an alert queued meanwhile.
	ManualClock later(50'000);
	AlertQueue after(options(), &later);
	after.push(gift(40, "new", 2, 20));
	after.restoreWaiting(*kept);
	REQUIRE(after.queued() == 4);
	CHECK(after.queue()[0].gift.userId == "rami");
	CHECK(after.queue()[1].gift.kind == ActivityKind::Like);
	CHECK(after.queue()[2].custom == "Thanks {nickname}!");
	CHECK(after.queue()[3].gift.userId == "new");
	CHECK(after.queue()[0].durationMs == 3000); // this queue's length
	CHECK(after.queue()[0].queuedAt == 50'000);
	CHECK(after.queue()[0].id != after.queue()[3].id);
	after.update();
	REQUIRE(after.current() != nullptr);
	CHECK(after.current()->gift.nickname == "رامي 🌹‍🔥");
	// The engine's sequence goes on from what the new queue read, not from the kept alerts'.
	CHECK(after.lastSeq() == 40);
}

TEST_CASE("Kept alerts take keys of their own: a new source's test, replay or gift of that key is a new alert",
	  "[alerts][waiting]")
{
	ManualClock clock(1000);
	AlertQueue before(options(), &clock);
	before.push(gift(1, "a", 1, 10));
	before.update();
	GiftActivity test = gift(2, "t", 1, 10);
	test.streakKey = "test:1";
	test.test = true;
	before.push(test);
	GiftActivity streak = gift(3, "s", 5655, 1, 4);
	streak.final = false; // a live streak: its next update grows it
	before.push(streak);
	std::string error;
	const auto kept = waitingFromJson(waitingToJson(before.queue()), error);
	REQUIRE(kept);
	REQUIRE(kept->size() == 2);

	ManualClock later(5000);
	AlertQueue after(options(), &later);
	after.push(gift(9, "early", 2, 20)); // queued before the first tick took the kept ones
	later.advance(300);
	after.restoreWaiting(*kept);
	REQUIRE(after.queued() == 3);
	CHECK(after.queue()[0].queuedAt == 5000); // not after the one queued meanwhile
	CHECK(after.queue()[0].gift.streakKey != "test:1");
	// The new source's first Test press has the key the kept test had: it is an alert of its own.
	after.push(test);
	CHECK(after.queued() == 4);
	// The live streak's next update grows its kept alert.
	streak.count = 9;
	streak.coins = 9;
	after.push(streak);
	CHECK(after.queued() == 4);
	CHECK(after.queue()[1].gift.count == 9);
	// All four play, one by one: the kept test (its own key), the kept streak, the one queued meanwhile, the
	// new test press.
	std::vector<std::string> shown;
	for (int i = 0; i < 8; ++i) {
		after.update();
		if (after.current() != nullptr && (shown.empty() || shown.back() != after.current()->gift.streakKey)) {
			shown.push_back(after.current()->gift.streakKey);
		}
		later.advance(4000);
	}
	REQUIRE(shown.size() == 4);
	CHECK(shown[0].rfind("kept:", 0) == 0);
	CHECK(shown[1] == "k3");
	CHECK(shown[2] == "k9");
	CHECK(shown[3] == "test:1");
}

TEST_CASE("Kept alerts merged under a storm keep their coins and count", "[alerts][waiting]")
{
	ManualClock clock(1000);
	AlertQueueOptions o = options();
	o.maxQueued = 2;
	AlertQueue before(o, &clock);
	before.push(gift(1, "a", 1, 10));
	before.update();
	for (std::uint64_t seq = 2; seq < 8; ++seq) {
		before.push(gift(seq, "u" + std::to_string(seq), 5, 100));
	}
	REQUIRE(before.queued() == 2);
	std::int64_t coins = 0;
	std::int64_t coalesced = 0;
	for (const Alert &alert : before.queue()) {
		coins += alert.gift.coins + alert.extraCoins;
		coalesced += alert.coalesced;
	}
	CHECK(coins == 600);
	std::string error;
	const auto kept = waitingFromJson(waitingToJson(before.queue()), error);
	REQUIRE(kept);
	AlertQueue after(o, &clock);
	after.restoreWaiting(*kept);
	std::int64_t coinsAfter = 0;
	std::int64_t coalescedAfter = 0;
	for (const Alert &alert : after.queue()) {
		coinsAfter += alert.gift.coins + alert.extraCoins;
		coalescedAfter += alert.coalesced;
	}
	CHECK(coinsAfter == coins);
	CHECK(coalescedAfter == coalesced);
}

TEST_CASE("Kept alerts that cannot be read are refused with a reason", "[alerts][waiting]")
{
	std::string error;
	CHECK_FALSE(waitingFromJson("", error));
	CHECK(error == "not a JSON object");
	CHECK_FALSE(waitingFromJson(R"({"version":2,"alerts":[]})", error));
	CHECK(error.find("version 2") != std::string::npos);
	CHECK_FALSE(waitingFromJson(R"({"version":1,"alerts":[{"activity":{"kind":"gift"}}]})", error));
	CHECK_FALSE(error.empty());
	ManualClock clock(0);
	AlertQueue q(options(), &clock);
	q.push(gift(1, "a", 1, 10));
	std::string text = waitingToJson(q.queue());
	const auto at = text.find("\"coins\":10");
	REQUIRE(at != std::string::npos);
	text.replace(at, 10, "\"coins\":\"ten\"");
	CHECK_FALSE(waitingFromJson(text, error));
	text = waitingToJson(q.queue());
	text.replace(text.find("\"kind\":\"gift\""), 13, "\"kind\":\"rocket\"");
	CHECK_FALSE(waitingFromJson(text, error));
	CHECK(error.find("rocket") != std::string::npos);
	CHECK(waitingFromJson(R"({"version":1,"alerts":[]})", error)->empty());
}

TEST_CASE("The waiting fingerprint follows every change and nothing else", "[alerts][waiting]")
{
	ManualClock clock(0);
	AlertQueue q(options(), &clock);
	const std::uint64_t empty = waitingFingerprint(q.queue());
	q.push(gift(1, "a", 1, 10));
	const std::uint64_t one = waitingFingerprint(q.queue());
	CHECK(one != empty);
	CHECK(waitingFingerprint(q.queue()) == one);
	GiftActivity more = gift(1, "a", 1, 10, 3); // the same streak grows
	q.push(more);
	const std::uint64_t grown = waitingFingerprint(q.queue());
	CHECK(grown != one);
	GiftActivity likes = gift(2, "l", 0, 0);
	likes.kind = ActivityKind::Like;
	likes.test = true;
	likes.likeTotal = 100;
	q.push(likes);
	const std::uint64_t withLikes = waitingFingerprint(q.queue());
	likes.likeTotal = 200; // a like burst's total grows in its waiting alert
	q.push(likes);
	CHECK(waitingFingerprint(q.queue()) != withLikes);
	q.clear();
	CHECK(waitingFingerprint(q.queue()) == empty);
}

TEST_CASE("Kept streaks catch up with what they sent while the source was away", "[alerts][waiting]")
{
	ManualClock clock(1000);
	AlertQueue before(options(), &clock);
	before.push(gift(1, "ann", 1, 10));
	before.update(); // ann shows
	GiftActivity streak = gift(2, "sam", 5655, 1, 6);
	streak.streakKey = "sam-rose";
	streak.final = false;
	before.push(streak); // waits at 6, its streak still going
	GiftActivity done = gift(3, "lee", 5655, 1, 4);
	done.final = true;
	before.push(done); // waits, finished
	std::string error;
	std::optional<std::vector<Alert>> kept = waitingFromJson(waitingToJson(before.queue()), error);
	REQUIRE(kept);
	REQUIRE(kept->size() == 2);

	// While the source was away the streak went on to 9, then ended at 12; an older update (3) is in the
	// engine's activity as well, and a gift of another key that must not touch it.
	Snapshot snapshot;
	auto update = [&](std::uint64_t seq, std::int64_t count, bool final) {
		GiftActivity a = gift(seq, "sam", 5655, 1, count);
		a.streakKey = "sam-rose";
		a.final = final;
		snapshot.activity.push_back(a);
	};
	update(10, 3, false);
	update(11, 9, false);
	GiftActivity other = gift(12, "lee", 5655, 1, 40);
	other.streakKey = "k3"; // the finished gift's old key: kept alerts that finished take keys of their own
	other.final = true;
	snapshot.activity.push_back(other);
	update(13, 12, true);

	ManualClock later(50'000);
	AlertQueue after(options(), &later);
	after.consume(snapshot); // a new source starts after what the engine has: none of it alerts
	REQUIRE(after.queued() == 0);
	after.restoreWaiting(std::move(*kept));
	after.catchUp(snapshot);
	REQUIRE(after.queued() == 2);
	CHECK(after.queue()[0].gift.count == 12);
	CHECK(after.queue()[0].gift.coins == 12);
	CHECK(after.queue()[0].gift.final);
	CHECK(after.queue()[1].gift.count == 4); // the finished one is as it was

	// Caught up again (the same activity): nothing goes back.
	after.catchUp(snapshot);
	CHECK(after.queue()[0].gift.count == 12);
}
