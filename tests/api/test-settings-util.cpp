// Integer settings as the sources read them (obs/sources/settings-util.*): a value a scene collection edited by
// hand or a SetInputSettings request wrote as a number with a fraction or an exponent is saturated, never cast
// out of range. Seen: a Goal Bar's target of 1e30 became 1 (obs_data_get_int cast it to -9.2e18, the clamp to
// at least 1 did the rest), so the goal read "reached" at once.
#include "obs/api/goal-change.hpp"
#include "obs/sources/settings-util.hpp"

#include <catch2/catch.hpp>

#include <obs-module.h>

#include <algorithm>
#include <limits>

using livegifts::obs::getInt;

// settings-util.cpp names its list labels through the module's words; none are read here.
extern "C" const char *obs_module_text(const char *lookup)
{
	return lookup;
}

TEST_CASE("An integer setting written as a huge, negative, fractional or NaN number reads saturated", "[settings]")
{
	obs_data_t *settings = obs_data_create();
	obs_data_set_default_int(settings, "absent", 1000);
	obs_data_set_int(settings, "plain", 42);
	obs_data_set_double(settings, "huge", 1e30);
	obs_data_set_double(settings, "tiny", -1e30);
	obs_data_set_double(settings, "fraction", 2.75);
	obs_data_set_double(settings, "nan", std::numeric_limits<double>::quiet_NaN());
	obs_data_set_double(settings, "infinite", std::numeric_limits<double>::infinity());

	CHECK(getInt(settings, "absent") == 1000);
	CHECK(getInt(settings, "missing") == 0);
	CHECK(getInt(settings, "plain") == 42);
	CHECK(getInt(settings, "huge") > 9'000'000'000'000'000'000LL);
	CHECK(getInt(settings, "tiny") < -9'000'000'000'000'000'000LL);
	CHECK(getInt(settings, "fraction") == 2);
	CHECK(getInt(settings, "nan") == 0);
	CHECK(getInt(settings, "infinite") > 9'000'000'000'000'000'000LL);

	// A Goal Bar's target as readGoalBarConfig clamps it: the largest target, not 1.
	using livegifts::obs::api::kMaxGoalNumber;
	CHECK(std::clamp<long long>(getInt(settings, "huge"), 1, kMaxGoalNumber) == kMaxGoalNumber);
	CHECK(std::clamp<long long>(getInt(settings, "tiny"), 1, kMaxGoalNumber) == 1);
	obs_data_release(settings);
}
