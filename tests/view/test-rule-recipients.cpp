// Whom a gift rule's gifts are for: the host (and gifts naming no one), guests, or anyone. The filter
// applies to every gift trigger, and a duplicate or a streak's middle still fires nothing.
#include <catch2/catch.hpp>

#include "core/clock.hpp"
#include "view/rule-engine.hpp"

using namespace livegifts;
using namespace livegifts::view;

namespace {

using Ids = std::vector<std::string>;

// Snapshots of gifts with their recipient, appended with increasing seqs.
class GiftFeed {
public:
	const Snapshot &snapshot() const { return snap_; }
	void gift(RecipientKind to, std::int64_t giftId, std::int64_t diamonds, std::int64_t count = 1,
		  bool final = true, const std::string &streak = "")
	{
		GiftActivity a;
		a.kind = ActivityKind::Gift;
		a.userId = "ann";
		a.nickname = "Ann";
		a.giftId = giftId;
		a.giftName = "Rose";
		a.diamondCount = diamonds;
		a.count = count;
		a.coins = diamonds * count;
		a.final = final;
		a.streakable = !streak.empty();
		a.recipient = to;
		if (to == RecipientKind::Guest) {
			a.recipientId = "42";
			a.recipientUniqueId = "guest";
		}
		a.seq = ++seq_;
		a.streakKey = streak.empty() ? "g" + std::to_string(a.seq) : streak;
		snap_.activity.push_back(std::move(a));
		++snap_.version;
	}

private:
	Snapshot snap_;
	std::uint64_t seq_ = 0;
};

Rule giftRule(const std::string &id, TriggerKind kind, GiftRecipients to, std::int64_t amount = 0)
{
	Rule rule;
	rule.id = id;
	rule.trigger.kind = kind;
	rule.trigger.amount = amount;
	rule.trigger.giftsTo = to;
	RuleAction sound;
	sound.kind = ActionKind::PlaySound;
	sound.sound = "chime";
	rule.actions.push_back(sound);
	return rule;
}

struct Bench {
	explicit Bench(std::vector<Rule> rules)
	{
		engine.setRules(std::move(rules));
		REQUIRE(engine.update(feed.snapshot(), 0).empty());
	}
	Ids step()
	{
		Ids ids;
		for (const RuleFiring &firing : engine.update(feed.snapshot(), ++now)) {
			ids.push_back(firing.ruleId);
		}
		return ids;
	}
	GiftFeed feed;
	RuleEngine engine;
	Millis now = 1000;
};

constexpr auto kHost = RecipientKind::Host;
constexpr auto kGuest = RecipientKind::Guest;
constexpr auto kNobody = RecipientKind::Unknown;

} // namespace

TEST_CASE("rule recipients: by default a gift rule fires for the host and for no one named, never a guest",
	  "[ruleengine]")
{
	Rule rule = giftRule("host", TriggerKind::Gift, GiftRecipients::Host);
	CHECK(rule.trigger.giftsTo == Rule{}.trigger.giftsTo); // the default
	Bench b({rule});
	b.feed.gift(kHost, 5655, 1);
	CHECK(b.step() == Ids{"host"});
	b.feed.gift(kNobody, 5655, 1);
	CHECK(b.step() == Ids{"host"});
	b.feed.gift(kGuest, 5655, 1);
	CHECK(b.step().empty());
	CHECK(b.step().empty()); // the same snapshot again (a duplicate never reaches the activity twice)
}

TEST_CASE("rule recipients: a guests rule fires only for gifts to a guest", "[ruleengine]")
{
	Bench b({giftRule("guests", TriggerKind::Gift, GiftRecipients::Guests)});
	b.feed.gift(kHost, 5655, 1);
	b.feed.gift(kNobody, 5655, 1);
	CHECK(b.step().empty());
	b.feed.gift(kGuest, 5655, 1);
	const std::vector<RuleFiring> firings = b.engine.update(b.feed.snapshot(), ++b.now);
	REQUIRE(firings.size() == 1);
	CHECK(firings[0].ruleId == "guests");
	CHECK(firings[0].recipient == "@guest"); // {recipient} of a custom card
	CHECK(firings[0].giftName == "Rose");
	CHECK(b.step().empty()); // seen once
	b.feed.gift(kGuest, 5655, 1, 3, false, "s");
	b.feed.gift(kGuest, 5655, 1, 7, false, "s");
	CHECK(b.step().empty()); // mid-streak: waits for its end
	b.feed.gift(kGuest, 5655, 1, 9, true, "s");
	CHECK(b.step() == Ids{"guests"});
	CHECK(b.engine.stats("guests").fired == 2);
}

TEST_CASE("rule recipients: an anyone rule fires for the host, no one named and guests", "[ruleengine]")
{
	Bench b({giftRule("anyone", TriggerKind::Gift, GiftRecipients::Anyone)});
	b.feed.gift(kHost, 5655, 1);
	b.feed.gift(kNobody, 5655, 1);
	b.feed.gift(kGuest, 5655, 1);
	CHECK(b.step() == Ids{"anyone", "anyone", "anyone"});
	b.feed.gift(kGuest, 5655, 1, 2, false, "s");
	CHECK(b.step().empty()); // mid-streak
	CHECK(b.step().empty()); // and again
}

TEST_CASE("rule recipients: minimum coins and streaks read only the gifts their filter lets through", "[ruleengine]")
{
	Bench b({giftRule("big-host", TriggerKind::MinCoins, GiftRecipients::Host, 100),
		 giftRule("big-guest", TriggerKind::MinCoins, GiftRecipients::Guests, 100),
		 giftRule("ten-guest", TriggerKind::Streak, GiftRecipients::Guests, 10),
		 giftRule("ten-any", TriggerKind::Streak, GiftRecipients::Anyone, 10)});
	b.feed.gift(kGuest, 1, 100);
	CHECK(b.step() == Ids{"big-guest"});
	b.feed.gift(kHost, 1, 100);
	CHECK(b.step() == Ids{"big-host"});
	b.feed.gift(kGuest, 5655, 1, 4, false, "s");
	CHECK(b.step().empty());
	b.feed.gift(kGuest, 5655, 1, 11, false, "s");
	CHECK(b.step() == Ids{"ten-guest", "ten-any"});
	b.feed.gift(kGuest, 5655, 1, 12, true, "s");
	CHECK(b.step().empty()); // once per streak
	b.feed.gift(kHost, 5655, 1, 10, true, "t");
	CHECK(b.step() == Ids{"ten-any"});
}

TEST_CASE("rule recipients: coins within a window count only the gifts the filter lets through", "[ruleengine]")
{
	Rule host = giftRule("host", TriggerKind::CoinsInWindow, GiftRecipients::Host, 100);
	Rule guests = giftRule("guests", TriggerKind::CoinsInWindow, GiftRecipients::Guests, 100);
	Rule anyone = giftRule("anyone", TriggerKind::CoinsInWindow, GiftRecipients::Anyone, 100);
	Bench b({host, guests, anyone});
	b.feed.gift(kHost, 1, 60);
	b.feed.gift(kGuest, 1, 60);
	CHECK(b.step() == Ids{"anyone"}); // 120 to anyone; 60 each to the host and the guest
	b.feed.gift(kNobody, 1, 40);
	CHECK(b.step() == Ids{"host"}); // the host's 60 and no one's 40
	b.feed.gift(kGuest, 1, 20, 1, false, "s");
	b.feed.gift(kGuest, 1, 20, 2, false, "s");
	CHECK(b.step() == Ids{"guests"}); // the guest's 60 and a streak's 40 as it grows
	b.feed.gift(kGuest, 1, 20, 2, true, "s");
	CHECK(b.step().empty()); // the streak's end adds nothing new
}

TEST_CASE("rule recipients: a guest's gift is no supporter's first gift to the host", "[ruleengine]")
{
	Bench b({giftRule("first", TriggerKind::FirstGift, GiftRecipients::Host)});
	b.feed.gift(kGuest, 5655, 1);
	CHECK(b.step().empty());
	b.feed.gift(kHost, 5655, 1);
	CHECK(b.step() == Ids{"first"});
}
