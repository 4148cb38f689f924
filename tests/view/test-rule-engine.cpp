// The rule engine: which rules fire from the engine's counted activity, once each, with cooldowns, queues
// and skips under the test clock.
#include <catch2/catch.hpp>

#include "core/clock.hpp"
#include "view/rule-engine.hpp"

using namespace livegifts;
using namespace livegifts::view;

namespace {

RuleAction actionOf(ActionKind kind)
{
	RuleAction action;
	action.kind = kind;
	return action;
}

// Builds the snapshots a counting engine would publish: activity appended with increasing seqs.
class Feed {
public:
	Snapshot snapshot() const { return snap_; }
	Snapshot &edit() { return snap_; }

	void gift(const std::string &user, std::int64_t giftId, std::int64_t diamonds, std::int64_t count = 1,
		  bool final = true, const std::string &streak = "", bool test = false)
	{
		GiftActivity a;
		a.kind = ActivityKind::Gift;
		a.userId = user;
		a.nickname = user;
		a.giftId = giftId;
		a.diamondCount = diamonds;
		a.count = count;
		a.coins = diamonds * count;
		a.final = final;
		a.streakable = !streak.empty();
		a.test = test;
		a.streakKey = streak.empty() ? "g" + std::to_string(seq_ + 1) : streak;
		push(a);
	}
	void other(ActivityKind kind, const std::string &user, std::int64_t likeTotal = 0)
	{
		GiftActivity a;
		a.kind = kind;
		a.userId = user;
		a.likeTotal = likeTotal;
		push(a);
	}
	void goal(const std::string &id)
	{
		GoalReached reached;
		reached.seq = ++goalSeq_;
		reached.goalId = id;
		snap_.goalEvents.push_back(reached);
	}
	void top(const std::string &id, std::int64_t coins)
	{
		SupporterEntry entry;
		entry.rank = 1;
		entry.id = id;
		entry.nickname = id;
		entry.coins = coins;
		std::vector<SupporterEntry> top = snap_.stream.top;
		top.insert(top.begin(), entry);
		snap_.stream.top = std::move(top);
	}

private:
	void push(GiftActivity a)
	{
		a.seq = ++seq_;
		snap_.activity.push_back(std::move(a));
		++snap_.version;
	}
	Snapshot snap_;
	std::uint64_t seq_ = 0;
	std::uint64_t goalSeq_ = 0;
};

Rule ruleOf(const std::string &id, TriggerKind kind, std::int64_t giftId = 0, std::int64_t amount = 0)
{
	Rule rule;
	rule.id = id;
	rule.name = id;
	rule.trigger.kind = kind;
	rule.trigger.giftId = giftId;
	rule.trigger.amount = amount;
	RuleAction show;
	show.kind = ActionKind::ShowSource;
	show.scene = "Main";
	show.source = "Cam";
	rule.actions.push_back(show);
	return rule;
}

std::vector<std::string> idsOf(const std::vector<RuleFiring> &firings)
{
	std::vector<std::string> ids;
	for (const RuleFiring &firing : firings) {
		ids.push_back(firing.ruleId);
	}
	return ids;
}

using Ids = std::vector<std::string>;

// A started engine over an empty feed.
struct Bench {
	explicit Bench(std::vector<Rule> rules)
	{
		engine.setRules(std::move(rules));
		REQUIRE(engine.update(feed.snapshot(), clock.nowMs()).empty());
	}
	Ids step() { return idsOf(engine.update(feed.snapshot(), clock.nowMs())); }
	ManualClock clock{1000};
	Feed feed;
	RuleEngine engine;
};

// "queue" on gift 1 waits its turn while busy, "skip" on gift 2 drops; each holds its rule for durationMs.
std::vector<Rule> queueAndSkip(std::int64_t durationMs)
{
	Rule queue = ruleOf("queue", TriggerKind::Gift, 1);
	queue.actions[0].durationMs = durationMs;
	Rule skip = ruleOf("skip", TriggerKind::Gift, 2);
	skip.actions[0].durationMs = durationMs;
	skip.busy = BusyMode::Skip;
	return {queue, skip};
}

} // namespace

TEST_CASE("rules: a gift rule fires once per counted gift of its id, a streak when it ends", "[ruleengine]")
{
	Bench b({ruleOf("rose", TriggerKind::Gift, 5655)});
	b.feed.gift("ann", 5655, 1);
	CHECK(b.step() == Ids{"rose"});
	CHECK(b.step().empty()); // the same snapshot again: nothing new
	b.feed.gift("ann", 5656, 1);
	CHECK(b.step().empty()); // another gift
	b.feed.gift("bob", 5655, 1, 1, false, "s1");
	b.feed.gift("bob", 5655, 1, 4, false, "s1");
	CHECK(b.step().empty()); // mid-streak
	b.feed.gift("bob", 5655, 1, 9, true, "s1");
	CHECK(b.step() == Ids{"rose"});
	CHECK(b.engine.stats("rose").fired == 2);
}

TEST_CASE("rules: test entries and what came before the first snapshot never fire", "[ruleengine]")
{
	Feed feed;
	feed.gift("ann", 5655, 1);
	RuleEngine engine;
	engine.setRules({ruleOf("rose", TriggerKind::Gift, 5655)});
	CHECK(engine.update(feed.snapshot(), 0).empty());
	feed.gift("ann", 5655, 1, 1, true, "", true);
	CHECK(engine.update(feed.snapshot(), 1).empty());
	feed.gift("ann", 5655, 1);
	CHECK(idsOf(engine.update(feed.snapshot(), 2)) == Ids{"rose"});
}

TEST_CASE("rules: another engine's snapshot (numbers start again) only sets a new start", "[ruleengine]")
{
	Bench b({ruleOf("any", TriggerKind::Gift)});
	b.feed.gift("ann", 1, 1);
	b.feed.gift("ann", 1, 1);
	CHECK(b.step().size() == 2);
	Feed other; // the demo engine: seq from 1 again
	other.gift("zed", 1, 1);
	CHECK(b.engine.update(other.snapshot(), b.clock.nowMs()).empty());
	other.gift("zed", 1, 1);
	CHECK(idsOf(b.engine.update(other.snapshot(), b.clock.nowMs())) == Ids{"any"});
}

TEST_CASE("rules: minimum coins per gift counts a whole streak at its end", "[ruleengine]")
{
	Bench b({ruleOf("big", TriggerKind::MinCoins, 0, 100)});
	b.feed.gift("ann", 1, 99);
	CHECK(b.step().empty());
	b.feed.gift("ann", 1, 100);
	CHECK(b.step() == Ids{"big"});
	b.feed.gift("ann", 2, 10, 5, false, "s");
	b.feed.gift("ann", 2, 10, 10, false, "s");
	CHECK(b.step().empty()); // 100 coins reached mid-streak: waits for the end
	b.feed.gift("ann", 2, 10, 12, true, "s");
	CHECK(b.step() == Ids{"big"});
}

TEST_CASE("rules: a streak fires once when it passes its threshold, never again in that streak", "[ruleengine]")
{
	Bench b({ruleOf("ten", TriggerKind::Streak, 5655, 10)});
	b.feed.gift("ann", 5655, 1, 3, false, "s1");
	CHECK(b.step().empty());
	b.feed.gift("ann", 5655, 1, 12, false, "s1"); // jumps past 10 (updates coalesced)
	CHECK(b.step() == Ids{"ten"});
	b.feed.gift("ann", 5655, 1, 15, false, "s1");
	b.feed.gift("ann", 5655, 1, 20, true, "s1");
	CHECK(b.step().empty());
	b.feed.gift("bob", 5655, 1, 10, true, "s2"); // another streak, ending at exactly 10
	b.feed.gift("bob", 5656, 1, 30, true, "s3"); // another gift
	CHECK(b.step() == Ids{"ten"});
}

TEST_CASE("rules: a streak open when watching starts does not fire for counts it had", "[ruleengine]")
{
	Feed feed;
	feed.gift("ann", 5655, 1, 12, false, "s1");
	RuleEngine engine;
	engine.setRules({ruleOf("ten", TriggerKind::Streak, 5655, 10)});
	CHECK(engine.update(feed.snapshot(), 0).empty());
	feed.gift("ann", 5655, 1, 14, true, "s1");
	CHECK(engine.update(feed.snapshot(), 1).empty());
}

TEST_CASE("rules: coins within a window fire once the window holds the amount, then start again", "[ruleengine]")
{
	Rule rule = ruleOf("rain", TriggerKind::CoinsInWindow, 0, 500);
	rule.trigger.windowMs = 60000;
	Bench b({rule});
	b.feed.gift("ann", 1, 200);
	CHECK(b.step().empty());
	b.clock.advance(30000);
	b.feed.gift("bob", 1, 10, 20, false, "s"); // 200 coins so far in the streak
	CHECK(b.step().empty());                   // 400
	b.clock.advance(31000);                    // the first 200 leave the window
	b.feed.gift("bob", 1, 10, 30, true, "s");  // +100: 300 in the window
	CHECK(b.step().empty());
	b.feed.gift("cat", 1, 200); // 500
	CHECK(b.step() == Ids{"rain"});
	b.feed.gift("cat", 1, 499);
	CHECK(b.step().empty()); // starts again from zero
	b.feed.gift("cat", 1, 1);
	CHECK(b.step() == Ids{"rain"});
}

TEST_CASE("rules: follows, shares and subscribers fire their own rules", "[ruleengine]")
{
	Bench b(
	    {ruleOf("f", TriggerKind::Follow), ruleOf("s", TriggerKind::Share), ruleOf("u", TriggerKind::Subscribe)});
	b.feed.other(ActivityKind::Share, "ann");
	b.feed.other(ActivityKind::Follow, "ann");
	b.feed.other(ActivityKind::Subscribe, "bob");
	CHECK(b.step() == Ids{"s", "f", "u"});
}

TEST_CASE("rules: a like milestone fires each time the room total passes a multiple", "[ruleengine]")
{
	Bench b({ruleOf("likes", TriggerKind::LikeMilestone, 0, 1000)});
	b.feed.other(ActivityKind::Like, "ann", 600);
	CHECK(b.step().empty());
	b.feed.other(ActivityKind::Like, "ann", 1000);
	CHECK(b.step() == Ids{"likes"});
	b.feed.other(ActivityKind::Like, "ann", 1900);
	CHECK(b.step().empty());
	b.feed.other(ActivityKind::Like, "ann", 3500); // passes 2000 and 3000: fires once
	CHECK(b.step() == Ids{"likes"});
	b.feed.other(ActivityKind::Like, "ann", 3400); // never backwards
	CHECK(b.step().empty());
}

TEST_CASE("rules: a like milestone counts from zero in a new stream", "[ruleengine]")
{
	Bench b({ruleOf("likes", TriggerKind::LikeMilestone, 0, 1000)});
	b.feed.other(ActivityKind::Like, "ann", 1500);
	CHECK(b.step() == Ids{"likes"});
	b.feed.edit().streamId = 2;
	b.feed.other(ActivityKind::Like, "ann", 900);
	CHECK(b.step().empty());
	b.feed.other(ActivityKind::Like, "ann", 1001);
	CHECK(b.step() == Ids{"likes"});
}

TEST_CASE("rules: goal reached, by id or any", "[ruleengine]")
{
	Rule one = ruleOf("one", TriggerKind::GoalReached);
	one.trigger.goalId = "g1";
	Bench b({one, ruleOf("any", TriggerKind::GoalReached)});
	b.feed.goal("g2");
	CHECK(b.step() == Ids{"any"});
	b.feed.goal("g1");
	CHECK(b.step() == Ids{"one", "any"});
	CHECK(b.step().empty());
}

TEST_CASE("rules: a new top supporter fires when the first place changes hands", "[ruleengine]")
{
	Bench b({ruleOf("top", TriggerKind::NewTopSupporter)});
	b.feed.top("ann", 10);
	const auto firings = b.engine.update(b.feed.snapshot(), 0);
	REQUIRE(firings.size() == 1);
	CHECK(firings[0].userId == "ann");
	CHECK(b.step().empty());
	b.feed.top("bob", 20);
	CHECK(b.step() == Ids{"top"});
}

TEST_CASE("rules: a supporter's first gift of the stream, once per supporter and stream", "[ruleengine]")
{
	Feed feed;
	feed.top("old", 5); // gave before watching started
	RuleEngine engine;
	engine.setRules({ruleOf("first", TriggerKind::FirstGift)});
	CHECK(engine.update(feed.snapshot(), 0).empty());
	feed.gift("old", 1, 1);
	feed.gift("ann", 1, 1, 1, false, "s");
	feed.gift("ann", 1, 1, 2, true, "s");
	feed.gift("ann", 2, 1);
	CHECK(idsOf(engine.update(feed.snapshot(), 1)) == Ids{"first"});
	feed.edit().streamId = 7;
	feed.gift("ann", 1, 1);
	CHECK(idsOf(engine.update(feed.snapshot(), 2)) == Ids{"first"});
}

TEST_CASE("rules: a supporter filter fires only for those supporters", "[ruleengine]")
{
	Rule rule = ruleOf("vip", TriggerKind::Gift);
	rule.supporters = {"ann"};
	Rule goal = ruleOf("goal", TriggerKind::GoalReached);
	goal.supporters = {"ann"};
	Bench b({rule, goal});
	b.feed.gift("bob", 1, 1);
	CHECK(b.step().empty());
	b.feed.gift("Ann", 1, 1); // case does not matter
	CHECK(b.step() == Ids{"vip"});
	b.feed.goal("g");
	CHECK(b.step().empty()); // nobody's: a supporter rule never fires on it
	CHECK(supporterKey(" @Ann ") == "ann");
	CHECK(supporterKey("@ Ann") == "ann"); // a space typed after the @ (seen: such a rule never fired)
}

TEST_CASE("rules: a cooldown holds the rule, then lets it fire again", "[ruleengine]")
{
	Rule rule = ruleOf("rose", TriggerKind::Gift, 5655);
	rule.cooldownMs = 10000;
	Bench b({rule});
	b.feed.gift("ann", 5655, 1);
	CHECK(b.step() == Ids{"rose"});
	b.clock.advance(9999);
	b.feed.gift("bob", 5655, 1);
	CHECK(b.step().empty());
	CHECK(b.engine.stats("rose").cooldownSkips == 1);
	b.clock.advance(1);
	b.feed.gift("bob", 5655, 1);
	CHECK(b.step() == Ids{"rose"});
}

TEST_CASE("rules: a supporter's cooldown holds them only", "[ruleengine]")
{
	Rule rule = ruleOf("rose", TriggerKind::Gift);
	rule.supporterCooldownMs = 5000;
	Bench b({rule});
	b.feed.gift("ann", 1, 1);
	b.feed.gift("ann", 1, 1);
	b.feed.gift("@BOB", 1, 1);
	CHECK(b.step() == Ids{"rose", "rose"});
	CHECK(b.engine.stats("rose").cooldownSkips == 1);
	b.clock.advance(5000);
	b.feed.gift("ann", 1, 1);
	CHECK(b.step() == Ids{"rose"});
}

TEST_CASE("rules: while busy a queued rule waits its turn, a skipping one drops", "[ruleengine]")
{
	Bench b(queueAndSkip(3000));
	CHECK_FALSE(b.engine.waiting());
	b.feed.gift("ann", 1, 1);
	b.feed.gift("bob", 1, 1);
	b.feed.gift("ann", 2, 1);
	b.feed.gift("bob", 2, 1);
	CHECK(b.step() == Ids{"queue", "skip"});
	CHECK(b.engine.stats("queue").queued == 1);
	CHECK(b.engine.stats("skip").busySkips == 1);
	CHECK(b.engine.waiting()); // the rules thread must keep ticking until bob's turn
	b.clock.advance(2999);
	CHECK(idsOf(b.engine.tick(b.clock.nowMs())).empty());
	b.clock.advance(1);
	const auto next = b.engine.tick(b.clock.nowMs());
	CHECK_FALSE(b.engine.waiting());
	REQUIRE(next.size() == 1);
	CHECK(next[0].userId == "bob");
	CHECK(next[0].matchedMs == 1000);
	CHECK(b.engine.stats("queue").busyUntilMs == 7000);
	CHECK(b.engine.stats("queue").fired == 2);
	b.clock.advance(3000);
	b.feed.gift("cat", 2, 1);
	CHECK(b.step() == Ids{"skip"}); // free again
}

TEST_CASE("rules: a firing whose timed actions failed frees its rule, its queue goes on at once", "[ruleengine]")
{
	Bench b(queueAndSkip(5000));
	b.feed.gift("ann", 1, 1);
	b.feed.gift("bob", 1, 1);
	b.feed.gift("ann", 2, 1);
	CHECK(b.step() == Ids{"queue", "skip"});
	CHECK(b.engine.stats("queue").busyUntilMs == 6000);
	// The scene to switch to does not exist: nothing holds either rule.
	b.engine.settle("queue", b.clock.nowMs());
	b.engine.settle("skip", b.clock.nowMs());
	CHECK(b.engine.stats("queue").busyUntilMs == 1000);
	const auto next = b.engine.tick(b.clock.nowMs());
	REQUIRE(next.size() == 1);
	CHECK(next[0].userId == "bob");
	CHECK(b.engine.stats("queue").queued == 0);
	b.feed.gift("cat", 2, 1);
	CHECK(b.step() == Ids{"skip"}); // not dropped as busy
	CHECK(b.engine.stats("skip").busySkips == 0);
	// Never longer than begun.
	b.engine.settle("skip", 99999);
	CHECK(b.engine.stats("skip").busyUntilMs == 6000);
}

TEST_CASE("rules: a queue keeps at most its cap", "[ruleengine]")
{
	Rule rule = ruleOf("q", TriggerKind::Gift);
	rule.actions[0].durationMs = 1000;
	Bench b({rule});
	for (std::size_t i = 0; i < RuleEngine::kQueueCap + 3; ++i) {
		b.feed.gift("ann", 1, 1);
	}
	CHECK(b.step().size() == 1);
	CHECK(b.engine.stats("q").queued == RuleEngine::kQueueCap);
	CHECK(b.engine.stats("q").busySkips == 2);
}

TEST_CASE("rules: disabled rules never fire; edits keep a rule's state by id", "[ruleengine]")
{
	Rule rule = ruleOf("r", TriggerKind::Gift);
	rule.cooldownMs = 10000;
	Bench b({rule});
	b.feed.gift("ann", 1, 1);
	CHECK(b.step() == Ids{"r"});
	rule.name = "renamed";
	b.engine.setRules({rule});
	b.feed.gift("ann", 1, 1);
	CHECK(b.step().empty()); // still cooling down
	CHECK(b.engine.stats("r").fired == 1);
	rule.enabled = false;
	rule.cooldownMs = 0;
	b.engine.setRules({rule});
	b.feed.gift("ann", 1, 1);
	CHECK(b.step().empty());
}

TEST_CASE("rules: the Test button fires a rule's actions at once, outside cooldown and queue", "[ruleengine]")
{
	Rule rule = ruleOf("r", TriggerKind::Gift);
	rule.cooldownMs = 60000;
	rule.actions[0].durationMs = 60000;
	Bench b({rule});
	b.feed.gift("ann", 1, 1);
	CHECK(b.step() == Ids{"r"});
	const RuleFiring firing = b.engine.test("r", 5);
	CHECK(firing.test);
	CHECK(firing.actions == rule.actions);
	CHECK(b.engine.stats("r").fired == 1); // a test is not counted (seen: the dock's "fired: 1" after a Test)
	CHECK(b.engine.stats("r").cooldownSkips == 0);
	CHECK(b.engine.test("nope", 5).actions.empty());
}

TEST_CASE("rules: busy time is the longest timed action", "[ruleengine]")
{
	RuleAction show = actionOf(ActionKind::ShowSource);
	show.durationMs = 2000;
	RuleAction scene = actionOf(ActionKind::SwitchScene);
	scene.durationMs = 10000;
	RuleAction hotkey = actionOf(ActionKind::Hotkey);
	hotkey.durationMs = 50000; // not timed: ignored
	CHECK(busyTimeOf({show, hotkey}) == 2000);
	CHECK(busyTimeOf({show, scene}) == 10000);
	CHECK(busyTimeOf({}) == 0);
}
