#include <catch2/catch.hpp>

#include <limits>

#include "core/tally.hpp"
#include "support.hpp"

using namespace livegifts;
using testsupport::flatGift;
using testsupport::simple;

namespace {

struct Goals {
	Tally tally;
	FrameParser parser;
	int next = 0;
	void gift(long long diamonds, long long count = 1, const std::string &user = "u", long long giftId = 1)
	{
		send(flatGift("g" + std::to_string(++next), user, giftId, diamonds, 2, count, false));
	}
	void send(const std::string &frame)
	{
		std::vector<Event> events;
		parser.parse(frame, events);
		REQUIRE(events.size() == 1);
		tally.apply(events[0], 0);
	}
	GoalState state(const std::string &id) { return tally.goalState(tally.goals().at(id)); }
	Snapshot snapshot()
	{
		Snapshot s;
		tally.fillSnapshot(s);
		return s;
	}
};

GoalSpec coinsGoal(const std::string &id, std::int64_t target, GoalOnReach onReach = GoalOnReach::Hold)
{
	GoalSpec spec;
	spec.id = id;
	spec.title = "Coins";
	spec.kind = GoalKind::Coins;
	spec.target = target;
	spec.onReach = onReach;
	return spec;
}

} // namespace

TEST_CASE("Hold: progress, reached once, keeps counting", "[goals]")
{
	Goals g;
	g.tally.setGoal(coinsGoal("a", 100));
	g.gift(40);
	auto s = g.state("a");
	CHECK(s.current == 40);
	CHECK(s.target == 100);
	CHECK(s.percent == Approx(40.0));
	CHECK_FALSE(s.reached);
	g.gift(70);
	s = g.state("a");
	CHECK(s.current == 110);
	CHECK(s.fraction == Approx(1.0));
	CHECK(s.reached);
	CHECK(s.timesReached == 1);
	g.gift(10);
	CHECK(g.state("a").timesReached == 1);
	const auto snap = g.snapshot();
	REQUIRE(snap.goalEvents.size() == 1);
	CHECK(snap.goalEvents[0].goalId == "a");
	CHECK(snap.goalEvents[0].target == 100);
	CHECK(snap.goals.at("a").current == 120);
}

TEST_CASE("Start value and repeat with a step", "[goals]")
{
	Goals g;
	GoalSpec spec = coinsGoal("r", 100, GoalOnReach::Repeat);
	spec.start = 50;
	spec.repeatStep = 100;
	g.tally.setGoal(spec);
	CHECK(g.state("r").current == 50);
	g.gift(60); // 110
	auto s = g.state("r");
	CHECK(s.timesReached == 1);
	CHECK(s.target == 200);
	g.gift(250); // 360: passes 200 and 300
	s = g.state("r");
	CHECK(s.timesReached == 3);
	CHECK(s.target == 400);
	CHECK(g.snapshot().goalEvents.size() == 3);
}

TEST_CASE("Next goal in a list", "[goals]")
{
	Goals g;
	GoalSpec spec = coinsGoal("n", 10, GoalOnReach::Next);
	spec.title = "First";
	spec.stages = {{"Second", 50}, {"Third", 200}};
	g.tally.setGoal(spec);
	auto s = g.state("n");
	CHECK(s.stageIndex == 0);
	CHECK(s.stageCount == 3);
	CHECK(s.title == "First");
	g.gift(20);
	s = g.state("n");
	CHECK(s.stageIndex == 1);
	CHECK(s.title == "Second");
	CHECK(s.target == 50);
	CHECK_FALSE(s.reached);
	g.gift(500);
	s = g.state("n");
	CHECK(s.stageIndex == 2);
	CHECK(s.title == "Third");
	CHECK(s.reached); // last stage holds
	CHECK(s.timesReached == 3);
}

TEST_CASE("Goal kinds: one gift's count, likes, follows, shares, subscribers", "[goals]")
{
	Goals g;
	GoalSpec roses = coinsGoal("roses", 10);
	roses.kind = GoalKind::GiftCount;
	roses.giftId = 5655;
	g.tally.setGoal(roses);
	GoalSpec likes = coinsGoal("likes", 1000);
	likes.kind = GoalKind::Likes;
	g.tally.setGoal(likes);
	GoalSpec follows = coinsGoal("follows", 2);
	follows.kind = GoalKind::Follows;
	g.tally.setGoal(follows);
	GoalSpec shares = coinsGoal("shares", 2);
	shares.kind = GoalKind::Shares;
	g.tally.setGoal(shares);
	GoalSpec subs = coinsGoal("subs", 2);
	subs.kind = GoalKind::Subscribers;
	g.tally.setGoal(subs);

	g.gift(1, 4, "a", 5655);
	g.gift(1000, 1, "a", 5558);
	g.send(simple("like", "l1", "a", R"("likeCount":15)"));
	g.send(simple("follow", "f1", "a"));
	g.send(simple("share", "s1", "a"));
	g.send(simple("share", "s2", "b"));
	g.send(simple("subscribe", "u1", "b"));
	CHECK(g.state("roses").current == 4);
	CHECK(g.state("likes").current == 15);
	CHECK(g.state("follows").current == 1);
	CHECK(g.state("shares").current == 2);
	CHECK(g.state("shares").reached);
	CHECK(g.state("subs").current == 1);
}

TEST_CASE("Scopes: this stream, since reset, all time", "[goals]")
{
	Goals g;
	g.gift(100); // before the goals exist
	GoalSpec stream = coinsGoal("stream", 1000);
	GoalSpec since = coinsGoal("since", 1000);
	since.scope = GoalScope::SinceReset;
	GoalSpec all = coinsGoal("all", 1000);
	all.scope = GoalScope::AllTime;
	g.tally.setGoal(stream);
	g.tally.setGoal(since);
	g.tally.setGoal(all);
	g.gift(10);
	CHECK(g.state("stream").current == 110);
	CHECK(g.state("since").current == 10);
	CHECK(g.state("all").current == 110);
	g.tally.endStream(0);
	g.gift(5); // a new stream
	CHECK(g.state("stream").current == 5);
	CHECK(g.state("since").current == 15);
	CHECK(g.state("all").current == 115);
	g.tally.resetGoal("since");
	CHECK(g.state("since").current == 0);
	g.gift(1);
	CHECK(g.state("since").current == 1);
	g.tally.resetAll(0);
	CHECK(g.state("all").current == 0);
	CHECK(g.state("since").current == 0);
	CHECK(g.state("stream").current == 0);
}

TEST_CASE("Re-registering a goal keeps its progress; removing keeps it for later", "[goals]")
{
	Goals g;
	GoalSpec spec = coinsGoal("k", 100, GoalOnReach::Repeat);
	spec.scope = GoalScope::SinceReset;
	g.tally.setGoal(spec);
	g.gift(150);
	CHECK(g.state("k").timesReached == 1);
	spec.title = "Renamed";
	g.tally.setGoal(spec); // title change only
	CHECK(g.state("k").timesReached == 1);
	CHECK(g.state("k").title == "Renamed");
	g.tally.removeGoal("k");
	CHECK(g.tally.goals().count("k") == 0);
	CHECK(g.snapshot().goals.count("k") == 0);
	g.gift(10);
	g.tally.setGoal(spec);
	CHECK(g.state("k").current == 160);
	spec.target = 500; // a new target: the progression follows the value, silently
	g.tally.setGoal(spec);
	CHECK(g.state("k").timesReached == 1);
	CHECK(g.state("k").target == 500);
	CHECK_FALSE(g.state("k").reached);
	CHECK(g.state("k").current == 160);
	spec.kind = GoalKind::Likes; // likes since the goal was registered: none
	g.tally.setGoal(spec);
	CHECK(g.state("k").current == 0);
	spec.kind = GoalKind::Coins; // and back: nothing was lost
	g.tally.setGoal(spec);
	CHECK(g.state("k").current == 160);
}

TEST_CASE("Goals at the caps: gifts at the per-field caps, a start near the top and a huge adjustment stay at the "
	  "largest number, never negative",
	  "[goals]")
{
	constexpr std::int64_t top = std::numeric_limits<std::int64_t>::max();
	Goals g;
	GoalSpec hold = coinsGoal("hold", top);
	hold.start = top - 5;
	g.tally.setGoal(hold);
	GoalSpec repeat = coinsGoal("repeat", 1'000'000'000'000'000'000, GoalOnReach::Repeat);
	repeat.repeatStep = 4'000'000'000'000'000'000;
	g.tally.setGoal(repeat);
	GoalSpec stream = coinsGoal("stream", 100);
	stream.scope = GoalScope::Stream;
	g.tally.setGoal(stream);
	GoalSpec sinceReset = coinsGoal("since", 100);
	sinceReset.scope = GoalScope::SinceReset;
	g.tally.setGoal(sinceReset);
	for (int i = 0; i < 10; ++i) {
		g.gift(1'000'000'000, 1'000'000'000); // 1e18 coins each: ten are past the largest int64
	}
	g.tally.adjustGoal("stream", top);
	g.tally.adjustGoal("since", top);
	g.tally.adjustGoal("hold", top);
	for (const char *id : {"hold", "repeat", "stream", "since"}) {
		INFO(id);
		const auto s = g.state(id);
		CHECK(s.current == top);
		CHECK(s.target > 0);
		CHECK(s.reached);
		CHECK(s.fraction == Approx(1.0));
	}
	const auto timesReached = g.state("repeat").timesReached;
	g.gift(1); // at the top: no endless "reached" at the largest number
	CHECK(g.state("repeat").timesReached == timesReached);
	for (const auto &entry : g.snapshot().activity) {
		CHECK(entry.coins >= 0);
	}
}
