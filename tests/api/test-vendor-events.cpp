#include "obs/api/vendor-events.hpp"

#include <catch2/catch.hpp>

using livegifts::ActivityKind;
using livegifts::GiftActivity;
using livegifts::GoalReached;
using livegifts::Snapshot;
using livegifts::SupporterEntry;
using livegifts::obs::api::EventDiff;
using livegifts::obs::api::VendorEvent;

namespace {

GiftActivity entry(std::uint64_t seq, ActivityKind kind, const std::string &user)
{
	GiftActivity a;
	a.seq = seq;
	a.kind = kind;
	a.userId = user;
	a.nickname = user + " nick";
	a.count = 1;
	return a;
}

GiftActivity gift(std::uint64_t seq, const std::string &user, std::int64_t coins, bool final = true)
{
	GiftActivity a = entry(seq, ActivityKind::Gift, user);
	a.giftId = 5655;
	a.giftName = "Rose";
	a.diamondCount = coins;
	a.coins = coins;
	a.final = final;
	return a;
}

void top(Snapshot &s, const std::string &user, std::int64_t coins)
{
	SupporterEntry e;
	e.rank = 1;
	e.id = user;
	e.nickname = user + " nick";
	e.coins = coins;
	s.stream.top = {e};
}

std::vector<std::string> types(const std::vector<VendorEvent> &events)
{
	std::vector<std::string> out;
	for (const VendorEvent &e : events) {
		out.push_back(e.type);
	}
	return out;
}

} // namespace

TEST_CASE("the first snapshot announces nothing that happened before", "[vendor-events]")
{
	Snapshot s;
	s.activity = {gift(1, "a", 5), entry(2, ActivityKind::Follow, "b")};
	s.goalEvents = {GoalReached{1, "g", "Goal", 100, 1}};
	top(s, "a", 5);
	EventDiff diff;
	CHECK(diff.next(s).empty());
	CHECK(diff.next(s).empty()); // the same snapshot again: nothing new
}

TEST_CASE("counted gifts, follows, shares, subscribers, goals and a new top supporter", "[vendor-events]")
{
	Snapshot s;
	s.activity = {gift(1, "a", 5)};
	top(s, "a", 5);
	EventDiff diff;
	diff.next(s);

	GiftActivity test = gift(4, "t", 1);
	test.test = true;
	GiftActivity like = entry(8, ActivityKind::Like, "c");
	s.activity = {gift(1, "a", 5),
		      gift(2, "b", 30, false), // a streak in progress: not counted yet
		      gift(3, "b", 90),        // its end: counted
		      test,                    // a test alert: never counted
		      entry(5, ActivityKind::Follow, "c"),
		      entry(6, ActivityKind::Share, "c"),
		      entry(7, ActivityKind::Subscribe, "c"),
		      like};
	s.goalEvents = {GoalReached{1, "g", "Goal", 100, 1}};
	top(s, "b", 90);
	const std::vector<VendorEvent> events = diff.next(s);
	REQUIRE(types(events) == std::vector<std::string>{"GiftCounted", "Follow", "Share", "Subscribe", "GoalReached",
							  "TopSupporterChanged"});
	CHECK(events[0].data["userId"] == "b");
	CHECK(events[0].data["coins"] == 90);
	CHECK(events[4].data["goalId"] == "g");
	CHECK(events[4].data["target"] == 100);
	CHECK(events[5].data["userId"] == "b");
	CHECK(events[5].data["previousUserId"] == "a");

	CHECK(diff.next(s).empty()); // each once
}

TEST_CASE("another engine in use (numbers start again) sets a new start", "[vendor-events]")
{
	Snapshot live;
	live.activity = {gift(40, "a", 5)};
	EventDiff diff;
	diff.next(live);

	Snapshot demo; // the demo's own engine: its numbers are lower
	demo.activity = {gift(3, "d", 1)};
	CHECK(diff.next(demo).empty());
	demo.activity.push_back(gift(4, "e", 2));
	CHECK(types(diff.next(demo)) == std::vector<std::string>{"GiftCounted"});
}
