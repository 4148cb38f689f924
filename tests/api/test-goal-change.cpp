// SetGoal of the vendor API: the settings a request changes, each checked; what it leaves out keeps its value.
#include "obs/api/goal-change.hpp"

#include <catch2/catch.hpp>

using livegifts::obs::api::changesSomething;
using livegifts::obs::api::GoalChange;
using livegifts::obs::api::parseGoalChange;
using livegifts::obs::api::textField;
using Json = nlohmann::json;

TEST_CASE("SetGoal sets whole_room when asked and keeps it when not", "[goal-change]")
{
	const auto on = parseGoalChange(Json{{"goalId", "g"}, {"wholeRoom", true}});
	REQUIRE(on);
	REQUIRE(on->wholeRoom);
	CHECK(*on->wholeRoom);
	CHECK_FALSE(on->title);
	CHECK_FALSE(on->target);
	const auto off = parseGoalChange(Json{{"sourceName", "Bar"}, {"wholeRoom", false}});
	REQUIRE(off);
	REQUIRE(off->wholeRoom);
	CHECK_FALSE(*off->wholeRoom);
	// an edit of something else leaves the option alone (absent, so the source's value stays)
	const auto edit = parseGoalChange(Json{{"goalId", "g"}, {"target", 500}, {"title", "Roses"}});
	REQUIRE(edit);
	CHECK_FALSE(edit->wholeRoom);
	CHECK(edit->target == 500);
	CHECK(edit->title == "Roses");
	for (const Json &bad : {Json("yes"), Json(1), Json(nullptr), Json::array()}) {
		CAPTURE(bad.dump());
		CHECK_FALSE(parseGoalChange(Json{{"goalId", "g"}, {"wholeRoom", bad}}));
	}
}

TEST_CASE("SetGoal checks title, target and start as before", "[goal-change]")
{
	CHECK_FALSE(parseGoalChange(Json{{"title", 5}}));
	CHECK_FALSE(parseGoalChange(Json{{"target", 0}}));
	CHECK_FALSE(parseGoalChange(Json{{"target", 2000000001}}));
	CHECK_FALSE(parseGoalChange(Json{{"start", -1}}));
	CHECK_FALSE(parseGoalChange(Json{{"start", 1.5}}));
	CHECK_FALSE(parseGoalChange(Json::array()));
	const auto both = parseGoalChange(Json{{"target", 1}, {"start", 0}});
	REQUIRE(both);
	CHECK(both->target == 1);
	CHECK(both->start == 0);
	const auto nothing = parseGoalChange(Json{{"goalId", "g"}});
	REQUIRE(nothing);
	CHECK_FALSE(nothing->title);
	CHECK_FALSE(nothing->start);
}

TEST_CASE("SetGoal naming no setting changes nothing and says so", "[goal-change]")
{
	const auto none = parseGoalChange(Json{{"goalId", "g"}});
	REQUIRE(none);
	CHECK_FALSE(changesSomething(*none));
	const auto title = parseGoalChange(Json{{"goalId", "g"}, {"title", ""}});
	REQUIRE(title);
	CHECK(changesSomething(*title));
	const auto room = parseGoalChange(Json{{"goalId", "g"}, {"wholeRoom", false}});
	REQUIRE(room);
	CHECK(changesSomething(*room));
}

TEST_CASE("a name field of the wrong type is refused, never read as its default", "[goal-change]")
{
	CHECK(textField(Json::object(), "scope", "stream") == "stream");
	CHECK(textField(Json{{"scope", "allTime"}}, "scope", "stream") == "allTime");
	for (const Json &bad : {Json(5), Json(true), Json(nullptr), Json{{"x", 1}}, Json::array(), Json(1.5)}) {
		CAPTURE(bad.dump());
		CHECK_FALSE(textField(Json{{"goalId", bad}}, "goalId"));
	}
}

TEST_CASE("A title or name beyond the bounds of core/limits.hpp is refused, one at the bound is not", "[goal-change]")
{
	using livegifts::obs::api::maxTextBytes;
	using livegifts::obs::api::overlongField;
	const std::string megabyte(1024 * 1024, 't');
	// A 1 MB goal title was accepted, saved with the scene collection and shown.
	CHECK_FALSE(parseGoalChange(Json{{"sourceName", "Goal"}, {"title", megabyte}}));
	CHECK(std::string(overlongField(Json{{"sourceName", "Goal"}, {"title", megabyte}})) == "title");
	const std::string longest(maxTextBytes("title"), 'n');
	CHECK(maxTextBytes("title") == 4096);
	CHECK(maxTextBytes("sourceName") == 4096);
	CHECK(maxTextBytes("goalId") == 256);
	const auto fits = parseGoalChange(Json{{"sourceName", "Goal"}, {"title", longest}});
	REQUIRE(fits);
	CHECK(fits->title == longest);
	CHECK(overlongField(Json{{"title", longest}, {"sourceName", longest}, {"goalId", std::string(256, 'g')}}) ==
	      nullptr);
	CHECK(std::string(overlongField(Json{{"sourceName", longest + "x"}})) == "sourceName");
	CHECK(std::string(overlongField(Json{{"goalId", std::string(257, 'g')}})) == "goalId");
	// Not text: left to the request's own checks (bad-name, bad-goal).
	CHECK(overlongField(Json{{"goalId", 5}}) == nullptr);
	CHECK(overlongField(Json::array()) == nullptr);
}
