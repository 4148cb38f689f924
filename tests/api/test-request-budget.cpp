// The budget of GetSummary answers (obs/api/request-budget.hpp): a burst of a second's worth, then as many a
// second as it allows, whatever the clock does.
#include "obs/api/request-budget.hpp"

#include <catch2/catch.hpp>

using livegifts::obs::api::RequestBudget;

TEST_CASE("A request budget answers a burst, then its rate; a flood is refused at once", "[request-budget]")
{
	RequestBudget budget(25);
	std::int64_t now = 1000;
	int answered = 0;
	for (int i = 0; i < 1000; ++i) {
		answered += budget.take(now) ? 1 : 0;
	}
	CHECK(answered == 25); // a thousand at once: the burst only
	now += 40;             // one more token every 40 ms
	CHECK(budget.take(now));
	CHECK_FALSE(budget.take(now));
	now += 20;
	CHECK_FALSE(budget.take(now));
	now += 20;
	CHECK(budget.take(now));
	// A long pause fills it to one burst, no more.
	now += 3600 * 1000;
	answered = 0;
	for (int i = 0; i < 100; ++i) {
		answered += budget.take(now) ? 1 : 0;
	}
	CHECK(answered == 25);
	// A clock that goes back adds nothing.
	CHECK_FALSE(budget.take(now - 5000));
	// Steady requests within the rate are all answered.
	RequestBudget steady(25);
	answered = 0;
	for (int i = 0; i < 250; ++i) {
		answered += steady.take(i * 50) ? 1 : 0;
	}
	CHECK(answered == 250);
}
