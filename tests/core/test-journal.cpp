// The journal between Tally and the ledger: what the Tally tells it, and a state coming back.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/journal-batch.hpp"
#include "core/ledger.hpp"
#include "core/tally.hpp"
#include "support.hpp"

using namespace livegifts;
using testsupport::flatGift;
using testsupport::simple;

namespace {

// Writes down every call as one line.
class FakeJournal final : public Journal {
public:
	std::vector<std::string> calls;

	void message(MessageRecord m) override
	{
		calls.push_back("message " + m.msgId + " " + std::string(eventKindName(m.kind)) + " stream " +
				std::to_string(m.streamId) + " units " + std::to_string(m.units) + " coins " +
				std::to_string(m.coins) + (m.streakKey.empty() ? "" : " streak " + m.streakKey));
	}
	void streamStarted(std::int64_t id, std::int64_t epoch) override
	{
		calls.push_back("stream " + std::to_string(id) + " started in epoch " + std::to_string(epoch));
	}
	void streamEnded(std::int64_t id) override { calls.push_back("stream " + std::to_string(id) + " ended"); }
	void reset(ResetKind kind, std::string target) override
	{
		calls.push_back("reset " + std::string(resetKindName(kind)) + " " + target);
	}
	void epochChanged(std::int64_t epoch) override { calls.push_back("epoch " + std::to_string(epoch)); }
	void user(UserRecord u) override { calls.push_back("user " + u.id + " " + u.nickname); }
	void standing(ScopeKey scope, StandingRecord s) override
	{
		calls.push_back("standing " + std::to_string(scope) + " " + s.id + " coins " + std::to_string(s.coins) +
				" gifts " + std::to_string(s.gifts));
	}
	void giftTotal(ScopeKey scope, GiftTotal g) override
	{
		calls.push_back("gift " + std::to_string(scope) + " " + std::to_string(g.giftId) + " count " +
				std::to_string(g.count) + " coins " + std::to_string(g.coins));
	}
	void roomTotals(ScopeKey scope, RoomTotals t) override
	{
		calls.push_back("totals " + std::to_string(scope) + " coins " + std::to_string(t.coins) + " follows " +
				std::to_string(t.follows));
	}
	void streak(StreakRecord s) override
	{
		calls.push_back("streak " + s.key + " last " + std::to_string(s.lastCount) + " counted " +
				std::to_string(s.counted) + (s.open ? " open" : " closed"));
	}
	void streakGone(std::string key) override { calls.push_back("streak gone " + key); }
	void goal(GoalRecord g) override
	{
		calls.push_back("goal " + g.spec.id + " target " + std::to_string(g.target) + " stream " +
				std::to_string(g.streamId));
	}
	void goalAction(std::string goalId, GoalAction action, std::int64_t amount) override
	{
		calls.push_back("goal " + goalId + " " + std::string(goalActionName(action)) + " " +
				std::to_string(amount));
	}
};

Event parseOne(const std::string &frame)
{
	const auto events = testsupport::parseFrame(frame);
	REQUIRE(events.size() == 1);
	return events[0];
}

} // namespace

TEST_CASE("Tally tells the journal values, in order, once", "[journal]")
{
	Tally tally;
	tally.apply(parseOne(flatGift("g1", "ann", 5655, 10, 2, 3, false)), 1000);
	tally.apply(parseOne(simple("follow", "f1", "bob")), 1100);
	tally.apply(parseOne(flatGift("s1", "cat", 5879, 2, 1, 4, false, "combo")), 1200);
	GoalSpec spec;
	spec.id = "goal-1";
	spec.kind = GoalKind::Coins;
	spec.target = 100;
	tally.setGoal(spec);
	REQUIRE(tally.hasUnwritten());

	FakeJournal journal;
	tally.writeJournal(journal);
	const std::vector<std::string> expected{
	    "stream 1 started in epoch 1",
	    "message g1 gift stream 1 units 3 coins 30",
	    "message f1 follow stream 1 units 0 coins 0",
	    "message s1 gift stream 1 units 0 coins 0 streak cat|5879|combo",
	    "user ann Nick ann",
	    "user cat Nick cat",
	    "standing 1 ann coins 30 gifts 3",
	    "gift 1 5655 count 3 coins 30",
	    "totals 1 coins 30 follows 1",
	    "standing -1 ann coins 30 gifts 3",
	    "gift -1 5655 count 3 coins 30",
	    "totals -1 coins 30 follows 1",
	    "streak cat|5879|combo last 4 counted 0 open",
	    "goal goal-1 target 100 stream 1",
	};
	CHECK(journal.calls == expected);
	CHECK_FALSE(tally.hasUnwritten());

	// Told once: nothing new, nothing again.
	FakeJournal again;
	tally.writeJournal(again);
	CHECK(again.calls.empty());

	// The stream ends: the open streak is closed with its last count, as a message of its own.
	tally.endStream(2000);
	FakeJournal end;
	tally.writeJournal(end);
	CHECK(end.calls ==
	      std::vector<std::string>{
		  "stream 1 ended",
		  "message streak-close:cat|5879|combo:4 gift stream 1 units 4 coins 8 streak cat|5879|combo",
		  "standing 1 cat coins 8 gifts 4",
		  "gift 1 5879 count 4 coins 8",
		  "totals 1 coins 38 follows 1",
		  "standing -1 cat coins 8 gifts 4",
		  "gift -1 5879 count 4 coins 8",
		  "totals -1 coins 38 follows 1",
		  "streak cat|5879|combo last 4 counted 4 closed",
	      });
}

TEST_CASE("a scope that is left is told with its final values before the new one", "[journal]")
{
	Tally tally;
	tally.apply(parseOne(flatGift("a", "ann", 5655, 10, 2, 1, false)), 1000);
	tally.resetAll(1500); // ends stream 1, flushes all time of epoch 1, starts epoch 2 and stream 2
	// A JournalBatch keeps the calls by kind; sendTo tells them again in that order.
	JournalBatch batch;
	tally.writeJournal(batch);
	FakeJournal journal;
	batch.sendTo(journal);
	const std::vector<std::string> expected{
	    "stream 1 started in epoch 1",
	    "reset all 1",
	    "stream 1 ended",
	    "stream 2 started in epoch 2",
	    "epoch 2",
	    "message a gift stream 1 units 1 coins 10",
	    "user ann Nick ann",
	    "standing -1 ann coins 10 gifts 1", // all time of epoch 1, kept when the reset left it
	    "standing 1 ann coins 10 gifts 1",  // stream 1, kept when stream 2 started
	    "gift -1 5655 count 1 coins 10",
	    "gift 1 5655 count 1 coins 10",
	    "totals -1 coins 10 follows 0",
	    "totals 1 coins 10 follows 0",
	    "totals 2 coins 0 follows 0",
	    "totals -2 coins 0 follows 0",
	};
	CHECK(journal.calls == expected);
}

TEST_CASE("a memory-only Tally keeps nothing for a journal", "[journal]")
{
	TallyOptions options;
	options.recordWrites = false;
	Tally tally(options);
	tally.apply(parseOne(flatGift("a", "ann", 5655, 10, 2, 1, false)), 1000);
	tally.resetAll(2000);
	CHECK_FALSE(tally.hasUnwritten());
}

TEST_CASE("what the journal was told comes back through the ledger into a new Tally", "[journal]")
{
	testsupport::TempDir dir;
	const auto path = dir.file("ledger.db");
	Tally first;
	first.apply(parseOne(flatGift("a", "ann", 5655, 10, 2, 3, false)), 1000);
	first.apply(parseOne(flatGift("b", "bob", 5655, 10, 2, 5, false)), 1100);
	first.apply(parseOne(simple("follow", "f", "cat")), 1200);
	first.apply(parseOne(flatGift("s", "dan", 5879, 2, 1, 6, false, "c")), 1300);

	std::string notice;
	std::string error;
	{
		auto ledger = Ledger::open(path, nullLogger(), notice, error);
		REQUIRE(ledger);
		JournalBatch batch;
		first.writeJournal(batch);
		REQUIRE(ledger->commit(batch, error));
		CHECK(ledger->storedRows() == 4);
	}
	auto ledger = Ledger::open(path, nullLogger(), notice, error);
	REQUIRE(ledger);
	Tally second;
	REQUIRE(ledger->load(second, 5000, 100, error));
	for (bool allTime : {false, true}) {
		CHECK(second.totals(allTime) == first.totals(allTime));
		CHECK(second.supporters(allTime, 0).size() == 2);
		CHECK(second.supporters(allTime, 0)[0].id == "bob");
	}
	CHECK(second.streamOpen());
	CHECK(second.openStreaks() == 1);
	// The restored msgIds are known, and the streak continues where it was.
	CHECK(second.apply(parseOne(flatGift("a", "ann", 5655, 10, 2, 3, false)), 6000) == Tally::Outcome::Duplicate);
	second.apply(parseOne(flatGift("s2", "dan", 5879, 2, 1, 9, true, "c")), 6100);
	CHECK(second.totals(true).coins == 80 + 18);
	CHECK(second.hasUnwritten()); // the new messages wait for the journal
}
