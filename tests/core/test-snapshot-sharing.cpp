// A snapshot lends the next one its unchanged activity entries and rankings, and never a stale one.
#include <catch2/catch.hpp>

#include "core/engine.hpp"
#include "core/tally.hpp"
#include "support.hpp"

using namespace livegifts;
using testsupport::flatGift;

namespace {

void feed(Tally &tally, const std::string &frame, Millis now = 0)
{
	REQUIRE(testsupport::feedFrame(tally, frame, now));
}

std::string replaced(std::string text, const std::string &from, const std::string &to)
{
	const std::size_t at = text.find(from);
	REQUIRE(at != std::string::npos);
	return text.replace(at, from.size(), to);
}

// What a reader sees of an entry.
std::string shown(const GiftActivity &a)
{
	return std::to_string(a.seq) + "|" + a.streakKey + "|" + a.userId + "|" + a.nickname + "|" + a.avatarUrl + "|" +
	       std::to_string(a.giftId) + "|" + a.giftName + "|" + a.giftImageUrl + "|" + std::to_string(a.count) +
	       "|" + std::to_string(a.coins) + "|" + (a.final ? "final" : "open") + "|" + a.recipientId + "|" +
	       a.recipientNickname;
}

std::string shown(const SupporterEntry &e)
{
	return std::to_string(e.rank) + "|" + e.id + "|" + e.handle + "|" + e.nickname + "|" + e.avatarUrl + "|" +
	       std::to_string(e.coins) + "|" + std::to_string(e.gifts) + "|" + std::to_string(e.likes) + "|" +
	       std::to_string(e.reachOrder);
}

template <typename List>
std::vector<std::string> shownAll(const List &list)
{
	std::vector<std::string> out;
	for (const auto &item : list) {
		out.push_back(shown(item));
	}
	return out;
}

// A snapshot made with `previous` lends shows exactly what one made from nothing shows.
void checkSameAsFresh(const Tally &tally, const Snapshot &lent)
{
	Snapshot fresh;
	tally.fillSnapshot(fresh);
	CHECK(shownAll(lent.activity) == shownAll(fresh.activity));
	for (const RankBy by : {RankBy::Coins, RankBy::Gifts, RankBy::Likes}) {
		CHECK(shownAll(lent.stream.ranked(by)) == shownAll(fresh.stream.ranked(by)));
		CHECK(shownAll(lent.allTime.ranked(by)) == shownAll(fresh.allTime.ranked(by)));
	}
}

// The snapshot `tally` makes now with `previous` lending.
Snapshot lentBy(const Tally &tally, const Snapshot &previous)
{
	Snapshot snapshot;
	tally.fillSnapshot(snapshot, &previous);
	return snapshot;
}

} // namespace

TEST_CASE("A snapshot shares the entries and rankings that did not change since the last one", "[snapshot]")
{
	Tally tally;
	feed(tally, flatGift("m1", "ann", 5655, 1, 1, 1, true, "a1"), 10);
	feed(tally, flatGift("m2", "bob", 5655, 1, 1, 1, true, "b1"), 20);
	Snapshot first;
	tally.fillSnapshot(first);
	REQUIRE(first.activity.size() == 2);

	// Nothing changed: everything is lent.
	Snapshot second;
	tally.fillSnapshot(second, &first);
	CHECK(&second.activity[0] == &first.activity[0]);
	CHECK(&second.activity[1] == &first.activity[1]);
	CHECK(&second.stream.ranked(RankBy::Coins) == &first.stream.ranked(RankBy::Coins));
	CHECK(&second.allTime.ranked(RankBy::Gifts) == &first.allTime.ranked(RankBy::Gifts));
	checkSameAsFresh(tally, second);

	// A new gift below the first two: its entry is new, the old entries are lent; the coin ranking changed
	// (a third name) and is made again.
	feed(tally, flatGift("m3", "cat", 5655, 1, 1, 1, true, "c1"), 30);
	Snapshot third;
	tally.fillSnapshot(third, &second);
	REQUIRE(third.activity.size() == 3);
	CHECK(&third.activity[0] == &first.activity[0]);
	CHECK(&third.activity[1] == &first.activity[1]);
	CHECK(third.activity[2].userId == "cat");
	CHECK(&third.stream.ranked(RankBy::Coins) != &second.stream.ranked(RankBy::Coins));
	REQUIRE(third.stream.top.size() == 3);
	CHECK(third.stream.top[2].id == "cat");
	checkSameAsFresh(tally, third);
}

TEST_CASE("A lent snapshot shows new names: a renamed supporter, a new picture, a gift's picture learned late",
	  "[snapshot]")
{
	Tally tally;
	feed(tally, flatGift("m1", "ann", 5655, 1, 1, 1, true, "a1"), 10);
	feed(tally, flatGift("m2", "bob", 7934, 5, 1, 1, true, "b1"), 20);
	Snapshot before;
	tally.fillSnapshot(before);

	SECTION("a new nickname and picture reach the older entries and the rankings")
	{
		const std::string renamed =
		    replaced(replaced(flatGift("m3", "ann", 5655, 1, 1, 1, true, "a2"), "Nick ann", "Annie"),
			     "https://a/ann.jpg", "https://a/ann-new.jpg");
		feed(tally, renamed, 30);
		const Snapshot after = lentBy(tally, before);
		REQUIRE(after.activity.size() == 3);
		CHECK(after.activity[0].nickname == "Annie");
		CHECK(after.activity[0].avatarUrl == "https://a/ann-new.jpg");
		CHECK(after.activity[1].nickname == "Nick bob"); // unchanged
		CHECK(&after.activity[1] == &before.activity[1]);
		checkSameAsFresh(tally, after);
	}
	SECTION("a rename alone, with no new gift, reaches the rankings too")
	{
		// A like from ann under a new nickname: no coin changes, the coin ranking must still show the name.
		feed(
		    tally,
		    R"({"event":"like","data":{"msgId":"l1","uniqueId":"ann","nickname":"Annie","likeCount":1,"totalLikeCount":1}})",
		    30);
		const Snapshot after = lentBy(tally, before);
		REQUIRE(after.stream.top.size() == 2);
		const auto ann = after.stream.top[0].id == "ann" ? after.stream.top[0] : after.stream.top[1];
		CHECK(ann.nickname == "Annie");
		checkSameAsFresh(tally, after);
	}
	SECTION("a gift's picture told by a later message reaches the older entries")
	{
		std::string withPicture = flatGift("m3", "cat", 5655, 1, 1, 1, true, "c1");
		withPicture =
		    replaced(withPicture, R"("giftId":5655)", R"("giftId":5655,"giftPictureUrl":"https://p/rose.png")");
		feed(tally, withPicture, 30);
		const Snapshot after = lentBy(tally, before);
		REQUIRE(after.activity.size() == 3);
		CHECK(after.activity[0].giftImageUrl == "https://p/rose.png");
		CHECK(after.activity[2].giftImageUrl == "https://p/rose.png");
		checkSameAsFresh(tally, after);
	}
}

TEST_CASE("The engine's snapshots share unchanged entries and stay right across a storm", "[snapshot]")
{
	Engine engine{EngineOptions{}};
	for (int i = 0; i < 200; ++i) { // fewer than the activity kept (256)
		// Every tenth gift from one returning supporter, renamed now and then.
		const std::string user = i % 10 == 0 ? "whale" : "v" + std::to_string(i);
		std::string frame =
		    flatGift("m" + std::to_string(i), user, 5655, 1 + i % 3, 1, 1, true, "g" + std::to_string(i));
		if (user == "whale") {
			frame = replaced(frame, "Nick whale", "Whale " + std::to_string(i / 50));
		}
		engine.submitFrame(frame);
		engine.flush();
	}
	const SnapshotPtr last = engine.snapshot();
	engine.submitFrame(flatGift("m-last", "v1", 5655, 1, 1, 1, true, "g-last"));
	engine.flush();
	const SnapshotPtr next = engine.snapshot();
	REQUIRE(next->activity.size() == last->activity.size() + 1);
	// Every entry the last snapshot had is lent to the next one, the new one added.
	for (std::size_t i = 0; i < last->activity.size(); ++i) {
		CHECK(&next->activity[i] == &last->activity[i]);
	}
	CHECK(next->activity.back().userId == "v1");
	for (const GiftActivity &entry : next->activity) {
		if (entry.userId == "whale") {
			CHECK(entry.nickname == "Whale 3"); // the newest name, also on the oldest entries
		}
	}
	REQUIRE_FALSE(next->allTime.top.empty());
	CHECK(next->allTime.top[0].id == "whale");
	CHECK(next->allTime.top[0].nickname == "Whale 3");
}

TEST_CASE("A snapshot of another Tally lends nothing, though its seqs and names match", "[snapshot]")
{
	Tally one;
	feed(one, flatGift("m1", "ann", 5655, 1, 1, 1, true, "a1"), 10);
	Snapshot first;
	one.fillSnapshot(first);
	// Another Tally (an engine's replaced one) with the same sender, seq and names, a dearer gift.
	Tally other;
	feed(other, flatGift("m1", "ann", 5655, 5, 1, 1, true, "a1"), 10);
	Snapshot second;
	other.fillSnapshot(second, &first);
	REQUIRE(second.activity.size() == 1);
	CHECK(&second.activity[0] != &first.activity[0]);
	CHECK(second.activity[0].coins == 5);
	CHECK(second.stream.top[0].coins == 5);
	checkSameAsFresh(other, second);
}
