#include <catch2/catch.hpp>

#include "view/draw-key.hpp"
#include "view/draw-types.hpp"

using namespace livegifts::view;

TEST_CASE("Draw key: equal only when every value is", "[drawkey]")
{
	DrawKey a, b;
	a.add(2).add(0);
	b.add(3).add(1);
	CHECK_FALSE(a == b); // XOR-ed, 2 ^ 0 == 3 ^ 1: a stale picture
	b.clear();
	b.add(2).add(0);
	CHECK(a == b);
	b.add(0);
	CHECK_FALSE(a == b); // one value more
	a.clear();
	b.clear();
	a.add(1).add(2);
	b.add(2).add(1);
	CHECK_FALSE(a == b); // order matters
	a.clear();
	b.clear();
	a.addFloat(0.5f);
	b.addFloat(0.50001f);
	CHECK_FALSE(a == b);
	// Reusing a key: clear() starts a new list.
	a.clear();
	a.addFloat(0.50001f);
	CHECK(a == b);
}

TEST_CASE("Bar fill: the quad drawn and the rounded box it shows", "[drawkey]")
{
	CHECK_FALSE(fillQuadOf(10.0f, 20.0f, 400.0f, 40.0f, 0.0f, false).has_value());
	CHECK_FALSE(fillQuadOf(10.0f, 20.0f, 400.0f, 40.0f, -0.5f, false).has_value());
	// Horizontal, a quarter: the quad covers the filled part; the box is as long as the part.
	auto q = fillQuadOf(10.0f, 20.0f, 400.0f, 40.0f, 0.25f, false);
	REQUIRE(q.has_value());
	CHECK(q->x == 10.0f);
	CHECK(q->y == 20.0f);
	CHECK(q->w == 100.0f);
	CHECK(q->h == 40.0f);
	CHECK(q->originX == 0.0f);
	CHECK(q->originY == 0.0f);
	CHECK(q->fillW == 100.0f);
	CHECK(q->fillH == 40.0f);
	// A sliver: the box stays as long as the bar is thick (round), the quad shows only its start.
	q = fillQuadOf(10.0f, 20.0f, 400.0f, 40.0f, 0.01f, false);
	REQUIRE(q.has_value());
	CHECK(q->w == 4.0f);
	CHECK(q->fillW == 40.0f);
	// Vertical, from the bottom: the quad's top is inside the track at originY.
	q = fillQuadOf(0.0f, 0.0f, 30.0f, 300.0f, 0.5f, true);
	REQUIRE(q.has_value());
	CHECK(q->y == 150.0f);
	CHECK(q->h == 150.0f);
	CHECK(q->w == 30.0f);
	CHECK(q->originY == 150.0f);
	CHECK(q->fillW == 30.0f);
	CHECK(q->fillH == 150.0f);
	// Past the end: clamped to the whole track.
	q = fillQuadOf(0.0f, 0.0f, 30.0f, 300.0f, 1.7f, true);
	REQUIRE(q.has_value());
	CHECK(q->y == 0.0f);
	CHECK(q->h == 300.0f);
}
