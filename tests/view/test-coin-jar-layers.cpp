#include <catch2/catch.hpp>

#include "view/coin-jar-layers.hpp"

#include <cmath>
#include <set>

using namespace livegifts::view;

namespace {

constexpr float kFrame = 1.0f / 60.0f;

// The jar and its layers, one frame at a time as the source runs them.
struct Jar {
	CoinJar jar;
	CoinJarLayers layers;
	explicit Jar(CoinJarOptions options = {}) : jar(options) {}
	int frame()
	{
		const int steps = jar.advance(kFrame);
		layers.update(jar, steps);
		return steps;
	}
	// Frames until the jar sleeps (at most `limit`); returns how many it took.
	int untilAsleep(int limit)
	{
		int frames = 0;
		while (!jar.asleep() && frames < limit) {
			frame();
			++frames;
		}
		return frames;
	}
};

// 50 gifts of a few kinds, one every 0.1 s.
void dropFifty(Jar &jar)
{
	const std::int64_t coins[] = {1, 5, 99, 1, 30};
	for (int i = 0; i < 50; ++i) {
		jar.jar.add(i % 5 + 1, coins[i % 5], 1);
		for (int f = 0; f < 6; ++f) {
			jar.frame();
		}
	}
}

} // namespace

TEST_CASE("Coin jar: a pile settles, sleeps and stops changing", "[coinjar]")
{
	Jar jar;
	dropFifty(jar);
	const int frames = jar.untilAsleep(60 * 20);
	REQUIRE(jar.jar.asleep());
	CHECK(frames < 60 * 8); // within 8 s of the last gift
	CHECK(jar.layers.liveCount() == 0);
	CHECK(jar.layers.bakedBodies().size() == 50);

	// Asleep: ten more seconds simulate nothing and change nothing, not even by rounding.
	const std::vector<CoinBody> before = jar.jar.bodies();
	const std::uint64_t version = jar.layers.version();
	for (int f = 0; f < 600; ++f) {
		CHECK(jar.frame() == 0);
	}
	REQUIRE(jar.jar.bodies().size() == before.size());
	for (std::size_t i = 0; i < before.size(); ++i) {
		CHECK(jar.jar.bodies()[i].x == before[i].x);
		CHECK(jar.jar.bodies()[i].y == before[i].y);
		CHECK(jar.jar.bodies()[i].spin == before[i].spin);
	}
	CHECK(jar.layers.version() == version);

	// A gift wakes it.
	jar.jar.add(9, 1, 1);
	CHECK_FALSE(jar.jar.asleep());
	CHECK(jar.frame() > 0);
}

TEST_CASE("Coin jar: sleeping keeps the pile the same gifts at the same times give", "[coinjar]")
{
	const auto run = [] {
		Jar jar;
		dropFifty(jar);
		jar.untilAsleep(60 * 20);
		for (int i = 0; i < 10; ++i) { // later gifts land on a sleeping pile
			jar.jar.add(3, 99, 1);
			for (int f = 0; f < 90; ++f) {
				jar.frame();
			}
		}
		jar.untilAsleep(60 * 20);
		return jar.jar.bodies();
	};
	const std::vector<CoinBody> a = run();
	const std::vector<CoinBody> b = run();
	REQUIRE(a.size() == 60);
	REQUIRE(b.size() == a.size());
	for (std::size_t i = 0; i < a.size(); ++i) {
		CHECK(a[i].x == b[i].x);
		CHECK(a[i].y == b[i].y);
	}
}

TEST_CASE("Coin jar: a new gift wakes only what it touches", "[coinjar]")
{
	Jar jar;
	dropFifty(jar);
	jar.untilAsleep(60 * 20);
	REQUIRE(jar.layers.liveCount() == 0);

	const std::vector<CoinBody> pile = jar.jar.bodies();
	jar.jar.add(9, 30, 1);
	std::set<std::uint64_t> woken; // bodies of the pile that left the baked layer
	std::size_t mostLive = 0;
	bool newLive = false;
	for (int f = 0; f < 60 * 10 && !jar.jar.asleep(); ++f) {
		jar.frame();
		const auto &bodies = jar.jar.bodies();
		REQUIRE(jar.layers.size() == bodies.size());
		for (std::size_t i = 0; i < bodies.size(); ++i) {
			if (!jar.layers.baked(i)) {
				if (bodies[i].order < 50) {
					woken.insert(bodies[i].order);
				}
				newLive = newLive || bodies[i].order == 50;
			}
		}
		mostLive = std::max(mostLive, jar.layers.liveCount());
	}
	CHECK(jar.jar.asleep());
	CHECK(newLive);                     // the falling gift is drawn live
	CHECK(woken.size() < 25);           // it wakes what it lands on, not the whole pile (all 50 without sleep)
	CHECK(mostLive < 26);               // so a frame draws fewer bodies
	CHECK(jar.layers.liveCount() == 0); // and all is baked once it rests
	// What it did not wake did not move at all.
	REQUIRE(jar.jar.bodies().size() == 51);
	for (std::size_t i = 0; i < pile.size(); ++i) {
		if (woken.count(pile[i].order) == 0) {
			CHECK(jar.jar.bodies()[i].x == pile[i].x);
			CHECK(jar.jar.bodies()[i].y == pile[i].y);
		}
	}
}

TEST_CASE("Coin jar: the baked layer changes exactly when what it shows changes", "[coinjar]")
{
	CoinJarOptions options;
	options.maxBodies = 40; // bodies melt, the settled level rises
	Jar jar(options);
	std::uint64_t version = jar.layers.version();
	std::vector<BakedBody> shown = jar.layers.bakedBodies();
	float level = jar.layers.bakedLevel();
	int frames = 0, bakes = 0;
	const auto check = [&] {
		const auto &bodies = jar.jar.bodies();
		REQUIRE(jar.layers.size() == bodies.size());
		// Never stale: each baked body is drawn where it is, asleep, at the true level.
		const std::vector<BakedBody> now = jar.layers.bakedBodies();
		std::size_t k = 0;
		for (std::size_t i = 0; i < bodies.size(); ++i) {
			if (!jar.layers.baked(i)) {
				continue;
			}
			REQUIRE(k < now.size());
			CHECK(now[k].order == bodies[i].order);
			CHECK(bodies[i].asleep());
			CHECK(now[k].x == bodies[i].x);
			CHECK(now[k].y == bodies[i].y);
			CHECK(now[k].spin == bodies[i].spin);
			++k;
		}
		CHECK(k == now.size());
		CHECK(jar.layers.bakedLevel() == jar.jar.settledLevel());
		// The version changes exactly when the picture does.
		const bool changed = now != shown || jar.layers.bakedLevel() != level;
		CHECK(changed == (jar.layers.version() != version));
		bakes += changed ? 1 : 0;
		version = jar.layers.version();
		shown = now;
		level = jar.layers.bakedLevel();
	};
	for (int i = 0; i < 100; ++i) {
		jar.jar.add(i % 3 + 1, i % 3 == 0 ? 99 : 1, 1);
		for (int f = 0; f < 12; ++f, ++frames) {
			jar.frame();
			check();
		}
	}
	for (int f = 0; f < 60 * 10 && !jar.jar.asleep(); ++f, ++frames) {
		jar.frame();
		check();
	}
	CHECK(jar.jar.asleep());
	CHECK(jar.jar.settledLevel() > 0.0f);
	// Far fewer pictures than frames: a settling pile is not drawn again every frame.
	CHECK(bakes < frames / 3);

	// Emptied: one change, to nothing.
	jar.jar.clear();
	jar.layers.clear();
	jar.frame();
	check();
	CHECK(jar.layers.bakedBodies().empty());
}
