#include <catch2/catch.hpp>

#include "view/alert-queue.hpp"

using namespace livegifts;
using namespace livegifts::view;

namespace {

GiftActivity gift(std::uint64_t seq, const std::string &key, const std::string &user, std::int64_t giftId,
		  std::int64_t diamonds, std::int64_t count, bool final = true)
{
	GiftActivity a;
	a.seq = seq;
	a.streakKey = key;
	a.userId = user;
	a.nickname = "N" + user;
	a.giftId = giftId;
	a.giftName = "G" + std::to_string(giftId);
	a.diamondCount = diamonds;
	a.count = count;
	a.final = final;
	a.streakable = !final || count > 1;
	a.coins = diamonds * count;
	return a;
}

AlertQueueOptions basic()
{
	AlertQueueOptions o;
	o.durationMs = 3000;
	o.introMs = 500;
	o.outroMs = 500;
	o.streakLingerMs = 1000;
	o.maxQueued = 4;
	return o;
}

} // namespace

TEST_CASE("Alerts play one after another with phases and durations", "[alerts]")
{
	ManualClock clock(1000);
	AlertQueue q(basic(), &clock);
	q.push(gift(1, "a", "ann", 1, 10, 1));
	q.push(gift(2, "b", "bob", 2, 20, 1));
	CHECK(q.current() == nullptr);
	CHECK(q.phase() == AlertPhase::Idle);
	q.update();
	REQUIRE(q.current() != nullptr);
	CHECK(q.current()->gift.userId == "ann");
	CHECK(q.phase() == AlertPhase::Intro);
	clock.advance(250);
	CHECK(q.phaseProgress() == Approx(0.5));
	clock.advance(250);
	CHECK(q.phase() == AlertPhase::Hold);
	clock.advance(2000);
	CHECK(q.phase() == AlertPhase::Outro);
	CHECK(q.elapsedMs() == 2500);
	clock.advance(500);
	q.update();
	REQUIRE(q.current() != nullptr);
	CHECK(q.current()->gift.userId == "bob");
	clock.advance(3000);
	q.update();
	CHECK(q.current() == nullptr);
	CHECK(q.phase() == AlertPhase::Idle);
}

TEST_CASE("Minimum coins, tiers by value and per-gift tiers", "[alerts]")
{
	ManualClock clock;
	auto o = basic();
	o.minCoins = 10;
	o.tiers = {{100, 1, 6000}, {1000, 2, 9000}};
	o.giftTiers = {{5655, 2}};
	AlertQueue q(o, &clock);
	q.push(gift(1, "a", "ann", 1, 5, 1)); // below minimum
	CHECK(q.queued() == 0);
	q.push(gift(2, "b", "bob", 2, 150, 1));
	q.push(gift(3, "c", "cat", 3, 5000, 1));
	q.push(gift(4, "d", "dan", 5655, 1, 20));
	REQUIRE(q.queued() == 3);
	CHECK(q.queue()[0].tier == 1);
	CHECK(q.queue()[0].durationMs == 6000);
	CHECK(q.queue()[1].tier == 2);
	CHECK(q.queue()[1].durationMs == 9000);
	CHECK(q.queue()[2].tier == 2);
	CHECK(q.queue()[2].durationMs == 3000);
}

TEST_CASE("A live streak updates its one alert instead of queueing copies", "[alerts]")
{
	ManualClock clock;
	AlertQueue q(basic(), &clock);
	q.push(gift(1, "streak", "ann", 5655, 1, 1, false));
	q.push(gift(2, "streak", "ann", 5655, 1, 2, false));
	CHECK(q.queued() == 1);
	CHECK(q.queue()[0].gift.count == 2);
	q.update();
	REQUIRE(q.current() != nullptr);
	for (int i = 3; i <= 10; ++i) {
		clock.advance(600);
		q.push(gift(static_cast<std::uint64_t>(i), "streak", "ann", 5655, 1, i, false));
		q.update();
	}
	// still the same alert, now showing 10, held past the plain duration while the combo runs
	REQUIRE(q.current() != nullptr);
	CHECK(q.current()->gift.count == 10);
	CHECK(q.queued() == 0);
	CHECK(q.elapsedMs() == 4800);
	q.push(gift(11, "streak", "ann", 5655, 1, 10, true));
	CHECK(q.current()->gift.final);
	clock.advance(1500);
	q.update();
	CHECK(q.current() == nullptr);
	// an update of a streak whose alert is over does not start it again
	q.push(gift(12, "streak", "ann", 5655, 1, 10, true));
	q.update();
	CHECK(q.current() == nullptr);
	CHECK(q.queued() == 0);
}

TEST_CASE("A streak below the minimum shows once it is worth it", "[alerts]")
{
	ManualClock clock;
	auto o = basic();
	o.minCoins = 5;
	AlertQueue q(o, &clock);
	q.push(gift(1, "s", "ann", 5655, 1, 1, false));
	CHECK(q.queued() == 0);
	q.push(gift(2, "s", "ann", 5655, 1, 5, false));
	CHECK(q.queued() == 1);
}

TEST_CASE("A gift storm is coalesced into a bounded queue", "[alerts]")
{
	ManualClock clock;
	AlertQueue q(basic(), &clock); // maxQueued 4
	std::uint64_t seq = 0;
	std::int64_t offered = 0;
	for (int i = 0; i < 100; ++i) {
		const std::string user = "u" + std::to_string(i % 7);
		const std::int64_t diamonds = (i % 10 == 0) ? 1000 : 1;
		q.push(gift(++seq, "k" + std::to_string(i), user, i % 3, diamonds, 1));
		offered += diamonds;
	}
	CHECK(q.queued() == 4);
	std::int64_t shown = 0;
	std::int64_t merged = 0;
	for (const auto &a : q.queue()) {
		shown += a.gift.coins + a.extraCoins;
		merged += a.coalesced;
	}
	CHECK(shown == offered); // nothing of value disappears, it is folded
	CHECK(merged == 96);
	CHECK(q.coalescedTotal() == 96);
	// the valuable gifts are still shown on their own
	bool hasBig = false;
	for (const auto &a : q.queue()) {
		hasBig = hasBig || a.gift.coins == 1000;
	}
	CHECK(hasBig);
}

TEST_CASE("Pause freezes time; skip ends the alert; clear drops all", "[alerts]")
{
	ManualClock clock;
	AlertQueue q(basic(), &clock);
	q.push(gift(1, "a", "ann", 1, 1, 1));
	q.push(gift(2, "b", "bob", 1, 1, 1));
	q.push(gift(3, "c", "cat", 1, 1, 1));
	q.update();
	clock.advance(1000);
	q.setPaused(true);
	clock.advance(10000);
	q.update();
	CHECK(q.elapsedMs() == 1000);
	CHECK(q.current()->gift.userId == "ann");
	q.setPaused(false);
	clock.advance(500);
	CHECK(q.elapsedMs() == 1500);
	q.skip();
	q.update();
	CHECK(q.current()->gift.userId == "bob");
	CHECK(q.elapsedMs() == 0);
	q.clear();
	q.update();
	CHECK(q.current() == nullptr);
	CHECK(q.queued() == 0);
}

TEST_CASE("Consuming snapshots takes each activity entry once", "[alerts]")
{
	ManualClock clock;
	AlertQueue q(basic(), &clock);
	Snapshot snap;
	snap.activity = {gift(1, "a", "old", 1, 1, 1), gift(2, "b", "old2", 1, 1, 1)};
	q.consume(snap); // the first look only remembers where we are
	CHECK(q.queued() == 0);
	CHECK(q.lastSeq() == 2);
	snap.activity.push_back(gift(3, "c", "new", 1, 1, 1));
	q.consume(snap);
	q.consume(snap);
	CHECK(q.queued() == 1);
	CHECK(q.queue()[0].gift.userId == "new");

	AlertQueue replay(basic(), &clock);
	replay.consume(snap, true);
	CHECK(replay.queued() == 3);
}

TEST_CASE("Tier thresholds: the highest minimum reached wins, off tiers are skipped", "[alerts]")
{
	const std::vector<AlertTier> tiers = tiersFrom({100, 1000}, {7000, 10000});
	REQUIRE(tiers.size() == 2);
	CHECK(tierFor(tiers, 99) == nullptr);
	REQUIRE(tierFor(tiers, 100) != nullptr);
	CHECK(tierFor(tiers, 100)->level == 1);
	CHECK(tierFor(tiers, 100)->durationMs == 7000);
	CHECK(tierFor(tiers, 999)->level == 1);
	CHECK(tierFor(tiers, 1000)->level == 2);
	CHECK(tierFor(tiers, 50000)->durationMs == 10000);

	// Tier 1 off (minimum 0): a gift of 5 coins has the default look; tier 2 keeps its level number.
	const std::vector<AlertTier> onlyTwo = tiersFrom({0, 500}, {7000, 10000});
	REQUIRE(onlyTwo.size() == 1);
	CHECK(onlyTwo[0].level == 2);
	CHECK(tierFor(onlyTwo, 5) == nullptr);
	CHECK(tierFor(onlyTwo, 500)->level == 2);

	// The alert carries its tier level, and a storm-coalesced alert moves up a tier by its folded coins.
	ManualClock clock;
	auto o = basic();
	o.tiers = tiers;
	AlertQueue q(o, &clock);
	q.push(gift(1, "a", "ann", 1, 60, 1));
	REQUIRE(q.queued() == 1);
	CHECK(q.queue()[0].tier == 0);
	CHECK(q.queue()[0].durationMs == 3000);
	q.push(gift(2, "a", "ann", 1, 60, 2)); // the same streak grows to 120 coins
	CHECK(q.queue()[0].tier == 1);
	CHECK(q.queue()[0].durationMs == 7000);
}

TEST_CASE("A snapshot from another engine is seen as starting over", "[alerts]")
{
	ManualClock clock;
	AlertQueue q(basic(), &clock);
	Snapshot fresh;
	CHECK_FALSE(q.startedOver(fresh)); // nothing taken yet
	Snapshot first;
	first.activity = {gift(5, "a", "ann", 1, 10, 1), gift(6, "b", "bob", 1, 10, 1)};
	q.consume(first, true);
	CHECK(q.lastSeq() == 6);
	CHECK_FALSE(q.startedOver(first));
	Snapshot later = first;
	later.activity.push_back(gift(7, "c", "cat", 1, 10, 1));
	CHECK_FALSE(q.startedOver(later));
	Snapshot other;
	other.activity = {gift(1, "x", "xan", 1, 10, 1)};
	CHECK(q.startedOver(other)); // a new engine counts from 1 again
	CHECK(q.startedOver(fresh)); // a new engine with no activity yet
}

TEST_CASE("A gift to a guest is not alerted unless guest gifts are shown", "[alerts]")
{
	ManualClock clock(1000);
	GiftActivity toGuest = gift(1, "a", "ann", 1, 10, 1);
	toGuest.recipient = RecipientKind::Guest;
	toGuest.recipientId = "900";
	AlertQueue hostOnly(basic(), &clock);
	hostOnly.push(toGuest);
	hostOnly.update();
	CHECK(hostOnly.current() == nullptr);
	AlertQueueOptions options = basic();
	options.showGuestGifts = true;
	AlertQueue all(options, &clock);
	all.push(toGuest);
	all.update();
	REQUIRE(all.current() != nullptr);
	CHECK(all.current()->gift.recipientId == "900");
}
