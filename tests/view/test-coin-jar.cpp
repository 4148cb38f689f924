#include <catch2/catch.hpp>

#include "view/coin-jar.hpp"

#include <cmath>

using namespace livegifts::view;

namespace {

// 50 gifts of a few kinds, one every 0.1 s, then `settle` seconds; frames of 1/60 s.
CoinJar runFifty(float settle)
{
	CoinJar jar;
	const std::int64_t coins[] = {1, 5, 99, 1, 30};
	for (int i = 0; i < 50; ++i) {
		jar.add(i % 5 + 1, coins[i % 5], 1);
		for (int f = 0; f < 6; ++f) {
			jar.advance(1.0f / 60.0f);
		}
	}
	for (float t = 0.0f; t < settle; t += 1.0f / 60.0f) {
		jar.advance(1.0f / 60.0f);
	}
	return jar;
}

} // namespace

TEST_CASE("Coin jar: a body's radius grows with the gift's price, up to a limit", "[coinjar]")
{
	CHECK(bodyRadius(10.0f, 1) == 10.0f);
	CHECK(bodyRadius(10.0f, 99) == Approx(15.99f).margin(0.01f));
	CHECK(bodyRadius(10.0f, 30000) == 22.0f);
	CHECK(bodyRadius(10.0f, 0) == 10.0f);
}

TEST_CASE("Coin jar: the same gifts at the same times give the same pile", "[coinjar]")
{
	const CoinJar a = runFifty(3.0f);
	const CoinJar b = runFifty(3.0f);
	REQUIRE(a.bodies().size() == 50);
	REQUIRE(b.bodies().size() == 50);
	for (std::size_t i = 0; i < a.bodies().size(); ++i) {
		CHECK(a.bodies()[i].x == b.bodies()[i].x);
		CHECK(a.bodies()[i].y == b.bodies()[i].y);
		CHECK(a.bodies()[i].giftId == b.bodies()[i].giftId);
	}
}

TEST_CASE("Coin jar: bodies fall, stay inside the jar and come to rest", "[coinjar]")
{
	const CoinJar jar = runFifty(8.0f);
	CHECK(jar.atRest());
	const CoinJarOptions &o = jar.options();
	for (const CoinBody &body : jar.bodies()) {
		CHECK(body.x >= body.radius - 0.01f);
		CHECK(body.x <= o.width - body.radius + 0.01f);
		CHECK(body.y <= o.height - body.radius + 0.01f);
		CHECK(body.y > 0.0f); // all fell in
	}
	// Resting bodies barely overlap.
	const auto &bodies = jar.bodies();
	for (std::size_t i = 0; i < bodies.size(); ++i) {
		for (std::size_t j = i + 1; j < bodies.size(); ++j) {
			const float d = std::hypot(bodies[i].x - bodies[j].x, bodies[i].y - bodies[j].y);
			CHECK(d > (bodies[i].radius + bodies[j].radius) * 0.9f);
		}
	}
	// Still means still: another second moves nothing.
	CoinJar later = jar;
	for (int f = 0; f < 60; ++f) {
		later.advance(1.0f / 60.0f);
	}
	for (std::size_t i = 0; i < bodies.size(); ++i) {
		CHECK(later.bodies()[i].y == Approx(bodies[i].y).margin(0.5f));
	}
}

TEST_CASE("Coin jar: the body cap holds and the oldest melt into the settled layer", "[coinjar]")
{
	CoinJarOptions options;
	options.maxBodies = 40;
	CoinJar jar(options);
	for (int i = 0; i < 100; ++i) {
		jar.add(7, 1, 1);
		for (int f = 0; f < 6; ++f) {
			jar.advance(1.0f / 60.0f);
			REQUIRE(jar.bodies().size() <= 40);
		}
	}
	for (int f = 0; f < 600; ++f) {
		jar.advance(1.0f / 60.0f);
	}
	CHECK(jar.bodies().size() == 40);
	CHECK(jar.bodies().front().order == 60); // the 60 oldest melted
	const double body = 3.14159265 * options.baseRadius * options.baseRadius;
	CHECK(jar.settledArea() == Approx(60 * body).epsilon(1e-4));
	CHECK(jar.settledLevel() == Approx(60 * body / options.width).epsilon(1e-4));
	for (const CoinBody &b : jar.bodies()) {
		CHECK(b.y <= options.height - jar.settledLevel() - b.radius + 0.01f);
	}
}

TEST_CASE("Coin jar: a big combo drops a few bodies, the rest goes into the settled layer", "[coinjar]")
{
	CoinJar jar;
	jar.add(1, 1, 1000);
	CHECK(jar.queued() == kMaxBodiesPerGift);
	const double body = 3.14159265 * 18.0 * 18.0;
	CHECK(jar.settledArea() == Approx(990 * body).epsilon(1e-4));
	CHECK(jar.settledLevel() == Approx(0.6f * 500.0f)); // capped at the maximum level
}

TEST_CASE("Coin jar: work per frame is bounded", "[coinjar]")
{
	CoinJarOptions options;
	options.width = 1200.0f;
	options.height = 1500.0f;
	options.maxSettledLevel = 0.1f;
	options.maxBodies = 200;
	CoinJar jar(options);
	for (int i = 0; i < 1000; ++i) {
		jar.add(i, 1, 1);
	}
	CHECK(jar.queued() == kMaxQueued);
	// A frame of 10 s does at most kMaxStepsPerFrame steps.
	CHECK(jar.advance(10.0f) == kMaxStepsPerFrame);
	std::size_t worst = 0;
	for (int f = 0; f < 60 * 40; ++f) {
		CHECK(jar.advance(1.0f / 60.0f) <= kMaxStepsPerFrame);
		worst = std::max(worst, jar.lastPairTests());
	}
	REQUIRE(jar.bodies().size() == 200);
	// The grid: far fewer pair tests than all pairs (4 passes x n(n-1)/2 = 79,600).
	CHECK(worst < 4 * 200 * 16);
}

TEST_CASE("Coin jar: a restored pile is at rest at once", "[coinjar]")
{
	const auto restored = [] {
		CoinJar jar;
		for (int gift = 1; gift <= 20; ++gift) {
			jar.add(gift, gift, 30);
		}
		jar.settleNow();
		return jar;
	};
	const CoinJar jar = restored();
	CHECK(jar.queued() == 0);
	CHECK(jar.atRest());
	// The first 80 waiting melted at once (gifts 1 to 8), then as many of the oldest as the pile needed
	// to fit under the jar's mouth.
	CHECK(jar.bodies().size() < jar.options().maxBodies);
	CHECK(jar.bodies().size() > 15);
	CHECK(jar.bodies().front().giftId > 8);
	CHECK(jar.bodies().back().giftId == 20);
	for (const CoinBody &body : jar.bodies()) {
		CHECK(body.y >= body.radius - 0.5f);
	}
	CHECK(jar.settledArea() > 0.0);
	const CoinJar again = restored();
	REQUIRE(again.bodies().size() == jar.bodies().size());
	CHECK(again.bodies().back().x == jar.bodies().back().x);
	CHECK(again.bodies().back().y == jar.bodies().back().y);
}

TEST_CASE("Coin jar: a full jar melts its oldest bodies rather than piling over its mouth", "[coinjar]")
{
	CoinJarOptions options;
	options.width = 200.0f;
	options.height = 200.0f;
	options.maxBodies = 400;
	CoinJar jar(options);
	for (int i = 0; i < 150; ++i) {
		jar.add(i, 1, 1);
	}
	for (int f = 0; f < 60 * 30 && !jar.atRest(); ++f) {
		jar.advance(1.0f / 60.0f);
	}
	CHECK(jar.atRest());
	CHECK(jar.bodies().size() < 150);
	for (const CoinBody &body : jar.bodies()) {
		CHECK(body.y >= body.radius - 0.5f);
	}
}
