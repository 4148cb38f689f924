#include "core/test-events.hpp"

#include "core/name-table.hpp"

namespace livegifts {

namespace {

constexpr NameTable<TestEventKind, 7> names{{
    {TestEventKind::SmallGift, "smallGift"},
    {TestEventKind::BigGift, "bigGift"},
    {TestEventKind::Streak, "streak"},
    {TestEventKind::Follow, "follow"},
    {TestEventKind::Share, "share"},
    {TestEventKind::LikeBurst, "likeBurst"},
    {TestEventKind::Subscribe, "subscribe"},
}};

GiftActivity fromTester(ActivityKind kind, const std::string &nickname, const std::string &key)
{
	GiftActivity entry;
	entry.kind = kind;
	entry.streakKey = key;
	entry.userId = "live_gifts_test";
	entry.nickname = nickname;
	entry.count = 1;
	return entry;
}

GiftActivity gift(GiftActivity entry, std::int64_t giftId, const char *name, std::int64_t diamonds, std::int64_t count,
		  bool streakable, bool final)
{
	entry.giftId = giftId;
	entry.giftName = name;
	entry.diamondCount = diamonds;
	entry.count = count;
	entry.coins = diamonds * count;
	entry.streakable = streakable;
	entry.final = final;
	return entry;
}

} // namespace

const char *testEventName(TestEventKind kind)
{
	const std::string_view name = nameOf(names, kind);
	return name.empty() ? "smallGift" : name.data(); // the table's names are literals: terminated
}

bool testEventFromName(const std::string &name, TestEventKind &kind)
{
	return valueOf(names, name, kind);
}

std::vector<TestStep> testEventSteps(TestEventKind kind, const std::string &nickname, std::uint64_t number)
{
	const std::string key = std::string("test:") + testEventName(kind) + ":" + std::to_string(number);
	std::vector<TestStep> steps;
	switch (kind) {
	case TestEventKind::SmallGift:
		steps.push_back(
		    {0, gift(fromTester(ActivityKind::Gift, nickname, key), 5655, "Rose", 1, 1, false, true)});
		break;
	case TestEventKind::BigGift:
		steps.push_back(
		    {0, gift(fromTester(ActivityKind::Gift, nickname, key), 6369, "Lion", 29999, 1, false, true)});
		break;
	case TestEventKind::Streak: {
		// A combo growing for about two seconds, then its end.
		const std::int64_t counts[] = {1, 3, 6, 10, 15};
		Millis at = 0;
		for (const std::int64_t count : counts) {
			steps.push_back({at, gift(fromTester(ActivityKind::Gift, nickname, key), 5487, "Finger Heart",
						  5, count, true, false)});
			at += 400;
		}
		steps.push_back(
		    {at, gift(fromTester(ActivityKind::Gift, nickname, key), 5487, "Finger Heart", 5, 15, true, true)});
		break;
	}
	case TestEventKind::Follow:
		steps.push_back({0, fromTester(ActivityKind::Follow, nickname, key)});
		break;
	case TestEventKind::Share:
		steps.push_back({0, fromTester(ActivityKind::Share, nickname, key)});
		break;
	case TestEventKind::LikeBurst: {
		// Five quick taps of 20 likes, one alert (one key) whose total grows.
		Millis at = 0;
		for (int tap = 1; tap <= 5; ++tap) {
			GiftActivity entry = fromTester(ActivityKind::Like, nickname, key);
			entry.likes = 20 * tap;
			entry.likeTotal = 900 + 20 * tap;
			steps.push_back({at, std::move(entry)});
			at += 150;
		}
		break;
	}
	case TestEventKind::Subscribe:
		steps.push_back({0, fromTester(ActivityKind::Subscribe, nickname, key)});
		break;
	}
	return steps;
}

} // namespace livegifts
