// How long a streak is remembered after it ended or was closed, and how many are: a message held up by a
// reconnect that arrives minutes after its combo ended adds nothing, a storm of one-gift combos stays bounded,
// and a combo that nothing tells from the next (no group id, no times) is not remembered long enough to swallow
// the next one.

#include <catch2/catch.hpp>

#include "core/tally.hpp"
#include "support.hpp"

using namespace livegifts;
using testsupport::flatGift;

namespace {

struct Feeder {
	Tally tally;
	FrameParser parser;
	explicit Feeder(TallyOptions options = {}) : tally(options) {}
	void feed(const std::string &frame, Millis now)
	{
		std::vector<Event> events;
		REQUIRE(parser.parse(frame, events).errors.empty());
		REQUIRE(events.size() == 1);
		tally.apply(events[0], now);
		tally.tick(now);
	}
	std::int64_t coins() const { return tally.totals(true).coins; }
};

constexpr Millis kMinute = 60 * 1000;

} // namespace

TEST_CASE("A combo's update arriving minutes after its end adds nothing", "[tally][rule2]")
{
	Feeder f;
	const long long sent = 1764000000000;
	f.feed(flatGift("r1", "ann", 5655, 1, 1, 1, false, "g7", sent), 0);
	f.feed(flatGift("r3", "ann", 5655, 1, 1, 3, true, "g7", sent + 300), 300);
	CHECK(f.coins() == 3);
	// Other gifts move the engine on; then update 2 of the ended combo (sent before its end) comes in.
	f.feed(flatGift("o1", "bob", 7934, 1, 2, 1, true, "h1", sent + 4 * kMinute), 4 * kMinute);
	f.feed(flatGift("r2", "ann", 5655, 1, 1, 2, false, "g7", sent + 200), 4 * kMinute + 10);
	f.tally.tick(5 * kMinute); // past the quiet timeout: a combo the late update had opened would close
	CHECK(f.coins() == 3 + 1);
	CHECK(f.tally.stats().streaksClosedByTimeout == 0);
	// Over ten minutes on, the ended combo is forgotten: a message that late is a combo of its own.
	f.feed(flatGift("r2b", "ann", 5655, 1, 1, 2, false, "g7", sent + 200), 15 * kMinute);
	f.tally.tick(16 * kMinute);
	CHECK(f.coins() == 3 + 1 + 2);
}

TEST_CASE("Ended combos without a group id or times are remembered a short while only", "[tally][rule2]")
{
	// A bridge that sends neither: two single Roses a minute apart are two Roses.
	Feeder f;
	f.feed(flatGift("s1", "kim", 5655, 1, 1, 1, true, ""), 0);
	f.feed(flatGift("s2", "kim", 5655, 1, 1, 1, true, ""), kMinute);
	CHECK(f.coins() == 2);
}

TEST_CASE("At most rememberedStreaksMost ended combos are kept, the oldest forgotten first", "[tally][rule2]")
{
	TallyOptions options;
	options.rememberedStreaksMost = 100;
	Feeder f(options);
	const long long sent = 1764000000000;
	for (int i = 0; i < 1000; ++i) {
		const std::string user = "u" + std::to_string(i);
		f.feed(flatGift("e" + std::to_string(i), user, 5655, 1, 1, 1, true, "g" + std::to_string(i), sent + i),
		       i);
	}
	CHECK(f.coins() == 1000);
	// The newest are still known: a late update of one adds nothing, and closes nothing later.
	f.feed(flatGift("late-new", "u999", 5655, 1, 1, 1, false, "g999", sent + 998), 1000);
	f.tally.tick(kMinute);
	CHECK(f.coins() == 1000);
	// The oldest are forgotten: a late update of one is a combo of its own again (closed by the timeout).
	f.feed(flatGift("late-old", "u0", 5655, 1, 1, 1, false, "g0", sent - 1), kMinute + 1);
	f.tally.tick(2 * kMinute);
	CHECK(f.coins() == 1001);
}

TEST_CASE("Combos closed by the timeout are all remembered: a late end adds only the rest", "[tally][rule3]")
{
	TallyOptions options;
	options.rememberedStreaksMost = 100;
	Feeder f(options);
	for (int i = 0; i < 300; ++i) {
		const std::string user = "c" + std::to_string(i);
		f.feed(flatGift("o" + std::to_string(i), user, 5655, 1, 1, 2, false, "k" + std::to_string(i)), i);
	}
	f.tally.tick(kMinute); // every combo closed by the quiet timeout, at 2
	CHECK(f.coins() == 600);
	CHECK(f.tally.stats().streaksClosedByTimeout == 300);
	// The end of the oldest, minutes late: only what was not counted yet (1 more).
	f.feed(flatGift("end0", "c0", 5655, 1, 1, 3, true, "k0"), 5 * kMinute);
	CHECK(f.coins() == 601);
}
