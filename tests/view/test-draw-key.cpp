#include <catch2/catch.hpp>

#include "view/draw-key.hpp"

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
