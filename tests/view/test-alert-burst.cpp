// A 50-second burst of realistic gifts: the alert queue catches up soon after it, and every gift stays in
// what the alerts show (merged, folded, never lost). Simulated time under the test clock: deterministic.
#include <catch2/catch.hpp>

#include "view/alert-card.hpp"
#include "view/alert-queue.hpp"

#include <cstdio>
#include <map>
#include <random>
#include <set>

using namespace livegifts;
using namespace livegifts::view;

namespace {

struct Timed {
	Millis at = 0;
	GiftActivity entry;
};

// 300 gifts from 40 supporters over 50 s: mostly small gifts (a third of them combos growing for a while),
// some mid-range, a few big ones. Entries in time order, seq increasing.
std::vector<Timed> burst(std::uint32_t seed)
{
	struct Kind {
		std::int64_t id;
		const char *name;
		std::int64_t coins;
	};
	const Kind smallGifts[] = {{5655, "Rose", 1}, {5487, "Finger Heart", 5}, {5879, "Doughnut", 30}};
	const Kind midGifts[] = {{5660, "Hand Hearts", 100}, {6267, "Corgi", 299}};
	const Kind bigGifts[] = {{11046, "Galaxy", 1000}, {6369, "Lion", 29999}};
	std::mt19937 rng(seed);
	std::vector<Timed> out;
	for (int i = 0; i < 300; ++i) {
		const Millis at = 50000 * i / 300 + static_cast<Millis>(rng() % 150);
		const int roll = static_cast<int>(rng() % 100);
		const Kind &kind = roll < 80   ? smallGifts[rng() % 3]
				   : roll < 95 ? midGifts[rng() % 2]
					       : bigGifts[rng() % 2];
		GiftActivity g;
		g.streakKey = "k" + std::to_string(i);
		g.userId = "fan" + std::to_string(rng() % 40);
		g.nickname = "Fan " + g.userId;
		g.giftId = kind.id;
		g.giftName = kind.name;
		g.diamondCount = kind.coins;
		if (roll < 80 && rng() % 3 == 0) {
			// a combo: updates 300 ms apart, then its end
			const int updates = 2 + static_cast<int>(rng() % 5);
			g.streakable = true;
			for (int u = 1; u <= updates; ++u) {
				g.count = u * 2;
				g.final = u == updates;
				g.coins = g.count * g.diamondCount;
				out.push_back({at + 300 * (u - 1), g});
			}
		} else {
			g.count = 1;
			g.coins = g.diamondCount;
			out.push_back({at, g});
		}
	}
	std::stable_sort(out.begin(), out.end(), [](const Timed &a, const Timed &b) { return a.at < b.at; });
	std::uint64_t seq = 0;
	for (auto &t : out) {
		t.entry.seq = ++seq;
	}
	return out;
}

struct Result {
	Millis lastEntry = 0;
	Millis idleAt = 0;           // when the last alert left the screen
	std::int64_t shownCoins = 0; // what the alerts showed (their gift and everything folded into them)
	std::int64_t alertsShown = 0;
	std::int64_t represented = 0; // alerts shown plus the ones folded into them
};

Result play(const std::vector<Timed> &entries, const AlertQueueOptions &options)
{
	ManualClock clock(0);
	AlertQueue q(options, &clock);
	std::map<std::uint64_t, Alert> shown; // each alert's last state on screen
	std::size_t next = 0;
	Result result;
	result.lastEntry = entries.back().at;
	for (Millis t = 0; t < 30 * 60 * 1000; t += 16) {
		clock.set(t);
		while (next < entries.size() && entries[next].at <= t) {
			q.push(entries[next].entry);
			++next;
		}
		q.update();
		if (const Alert *alert = q.current()) {
			shown[alert->id] = *alert;
		} else if (next == entries.size() && q.queued() == 0) {
			result.idleAt = t;
			break;
		}
	}
	for (const auto &[id, alert] : shown) {
		result.shownCoins += alert.gift.coins + alert.extraCoins;
		result.represented += 1 + alert.coalesced;
	}
	result.alertsShown = static_cast<std::int64_t>(shown.size());
	return result;
}

} // namespace

TEST_CASE("A 50-second burst: the queue catches up within seconds, every gift shown or folded in", "[burst]")
{
	const std::vector<Timed> entries = burst(20261202);
	std::map<std::string, std::int64_t> finalCoins;
	std::set<std::string> users;
	for (const auto &t : entries) {
		finalCoins[t.entry.streakKey] = std::max(finalCoins[t.entry.streakKey], t.entry.coins);
		users.insert(t.entry.userId);
	}
	std::int64_t totalCoins = 0;
	for (const auto &[key, coins] : finalCoins) {
		totalCoins += coins;
	}
	REQUIRE(finalCoins.size() == 300);
	REQUIRE(users.size() == 40);

	AlertQueueOptions options; // the defaults a source starts with
	options.durationMs = 5000;
	options.introMs = 450;
	options.outroMs = 400;
	options.tiers = {AlertTier{100, 1, 7000}, AlertTier{1000, 2, 10000}};
	const Result caught = play(entries, options);

	AlertQueueOptions plain = options; // no catching up: one alert after another
	plain.mergeBelowCoins = 0;
	plain.paceFrom = 0;
	plain.maxWaitMs = 0;
	plain.maxQueued = 100000;
	const Result lagging = play(entries, plain);

	const double after = static_cast<double>(caught.idleAt - caught.lastEntry) / 1000.0;
	const double before = static_cast<double>(lagging.idleAt - lagging.lastEntry) / 1000.0;
	std::printf("burst: 300 gifts from 40 supporters in %.1f s; last alert off screen %.1f s after the burst "
		    "(%lld alerts shown for %lld gifts); without catching up %.1f s (%lld alerts)\n",
		    static_cast<double>(caught.lastEntry) / 1000.0, after, static_cast<long long>(caught.alertsShown),
		    static_cast<long long>(caught.represented), before, static_cast<long long>(lagging.alertsShown));

	CHECK(caught.idleAt > 0);
	CHECK(after <= 30.0);  // generous: the maximum wait (15 s) plus one long alert
	CHECK(before > after); // the figure it improves on
	// Nothing lost from what the alerts show: every gift is an alert or folded into one, with all its coins.
	CHECK(caught.represented == 300);
	CHECK(caught.shownCoins == totalCoins);
	CHECK(lagging.represented == 300);
	CHECK(lagging.shownCoins == totalCoins);
}

TEST_CASE("Catching up: small gifts of one sender merge; big ones never do", "[burst]")
{
	ManualClock clock(0);
	AlertQueueOptions options;
	options.durationMs = 4000;
	AlertQueue q(options, &clock);
	auto gift = [](std::uint64_t seq, const std::string &user, std::int64_t coins, bool final = true) {
		GiftActivity g;
		g.seq = seq;
		g.streakKey = "k" + std::to_string(seq);
		g.userId = user;
		g.giftId = coins;
		g.diamondCount = coins;
		g.count = 1;
		g.coins = coins;
		g.final = final;
		return g;
	};
	q.push(gift(1, "ann", 1)); // becomes current on the first update
	q.update();
	q.push(gift(2, "bob", 5));
	q.push(gift(3, "bob", 1));
	q.push(gift(4, "bob", 30));
	q.push(gift(5, "bob", 5000)); // big: its own alert
	q.push(gift(6, "cy", 1));
	REQUIRE(q.queued() == 3);
	CHECK(q.queue()[0].gift.userId == "bob");
	CHECK(q.queue()[0].coalesced == 2);
	CHECK(q.queue()[0].extraCoins == 31);
	CHECK(q.queue()[1].gift.coins == 5000);
	CHECK(q.queue()[1].coalesced == 0);
	// A merged combo that grows adds its growth to the alert it is in.
	GiftActivity grown = gift(7, "bob", 1);
	grown.streakKey = "k3";
	grown.count = 10;
	grown.coins = 10;
	q.push(grown);
	CHECK(q.queue()[0].extraCoins == 40);
	CHECK(q.queued() == 3);
}

TEST_CASE("Catching up: one viewer's gifts of one kind merged show their count; mixed ones their own gift's", "[burst]")
{
	ManualClock clock(0);
	AlertQueue q(AlertQueueOptions{}, &clock);
	auto rose = [](std::uint64_t seq, const std::string &user, std::int64_t giftId, std::int64_t count) {
		GiftActivity g;
		g.seq = seq;
		g.streakKey = "k" + std::to_string(seq);
		g.userId = user;
		g.nickname = user;
		g.giftId = giftId;
		g.giftName = giftId == 5655 ? "Rose" : "Finger Heart";
		g.diamondCount = giftId == 5655 ? 1 : 5;
		g.count = count;
		g.coins = g.diamondCount * count;
		return g;
	};
	q.push(rose(1, "ann", 5655, 1)); // on screen
	q.update();
	for (std::uint64_t seq = 2; seq <= 10; ++seq) {
		q.push(rose(seq, "bob", 5655, 1)); // nine Roses sent one by one
	}
	q.push(rose(11, "bob", 5655, 3)); // and a combo of three
	q.push(rose(12, "cy", 5655, 1));
	q.push(rose(13, "cy", 5487, 2)); // another gift merged: the card keeps its own count
	REQUIRE(q.queued() == 2);
	const CardContent bob = contentOf(q.queue()[0]);
	CHECK(bob.count == 12);
	CHECK(bob.coins == 12);
	CHECK(bob.coalesced == 9);
	const CardContent cy = contentOf(q.queue()[1]);
	CHECK(q.queue()[1].mixed);
	CHECK(cy.count == 1);
	CHECK(cy.coins == 11);
}

TEST_CASE("Catching up: a long queue shortens the hold down to the floor; a lone alert keeps its time", "[burst]")
{
	ManualClock clock(0);
	AlertQueueOptions options;
	options.durationMs = 8000;
	options.introMs = 400;
	options.outroMs = 400;
	options.mergeBelowCoins = 0;
	options.paceFrom = 3;
	options.minHoldMs = 2000;
	AlertQueue q(options, &clock);
	auto gift = [](std::uint64_t seq) {
		GiftActivity g;
		g.seq = seq;
		g.streakKey = "k" + std::to_string(seq);
		g.userId = "u" + std::to_string(seq);
		g.coins = 10;
		g.count = 1;
		return g;
	};
	q.push(gift(1));
	q.update();
	clock.advance(100);
	q.update();
	CHECK(q.current()->durationMs == 8000); // nothing waiting
	for (std::uint64_t seq = 2; seq <= 4; ++seq) {
		q.push(gift(seq));
	}
	q.update();
	CHECK(q.current()->durationMs == 4000); // three waiting: half
	clock.advance(16);
	q.update();
	CHECK(q.current()->durationMs == 4000); // and stays so, frame after frame
	for (std::uint64_t seq = 5; seq <= 12; ++seq) {
		q.push(gift(seq));
	}
	q.update();
	CHECK(q.current()->durationMs == 2000); // many waiting: the floor
}

TEST_CASE("Catching up: alerts waiting longer than the maximum fold into one summary", "[burst]")
{
	ManualClock clock(0);
	AlertQueueOptions options;
	options.durationMs = 10000;
	options.mergeBelowCoins = 0;
	options.paceFrom = 0;
	options.maxWaitMs = 5000;
	AlertQueue q(options, &clock);
	for (std::uint64_t seq = 1; seq <= 6; ++seq) {
		GiftActivity g;
		g.seq = seq;
		g.streakKey = "k" + std::to_string(seq);
		g.userId = "u" + std::to_string(seq);
		g.coins = seq == 4 ? 500 : 10;
		g.count = 1;
		q.push(g);
	}
	q.update(); // u1 shows
	clock.advance(5001);
	q.update();
	// u2..u6 waited too long: one summary carrying the others, led by the most valuable (u4).
	REQUIRE(q.queued() == 1);
	CHECK(q.queue()[0].gift.userId == "u4");
	CHECK(q.queue()[0].coalesced == 4);
	CHECK(q.queue()[0].extraCoins == 40);
	CHECK(q.coalescedTotal() == 4);
}
