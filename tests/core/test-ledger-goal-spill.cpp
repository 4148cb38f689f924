// A goal's resets, undos and manual adjustments made while the ledger cannot be written go through the
// spill file beside it and come back exactly: the goal's progress and undo history are the same as
// without the fault, after the fault clears and after a restart that reads the spill file.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/engine.hpp"
#include "core/journal-spill.hpp"
#include "ledger-rig.hpp"
#include "sql-support.hpp"
#include "support.hpp"

using namespace livegifts;
using namespace ledgerrig;
using testsupport::flatGift;
using testsupport::TempDir;

namespace {

// Every row of `sql` as "a|b|c" lines, on a read-only connection.
std::string queryRows(const std::string &path, const std::string &sql)
{
	sqlite3 *db = nullptr;
	sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
	sqlite3_stmt *stmt = nullptr;
	std::string out;
	if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK) {
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
				const auto *text = sqlite3_column_text(stmt, i);
				out += (i == 0 ? "" : "|") +
				       std::string(text != nullptr ? reinterpret_cast<const char *>(text) : "");
			}
			out += '\n';
		}
	}
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return out;
}

GoalSpec coinGoal()
{
	GoalSpec spec;
	spec.id = "g";
	spec.title = "Goal";
	spec.target = 100000;
	spec.scope = GoalScope::SinceReset;
	return spec;
}

// Gifts, then resets, adjustments and an undo between gifts, then enough gifts that a small memory bound
// spills them.
void goalWork(Engine &engine)
{
	sendGifts(engine, "y", 600); // a full disk takes none of these, nor anything after them
	engine.submitFrame(flatGift("a", "ann", 1, 300, 2, 1, false));
	engine.resetGoal("g");
	engine.submitFrame(flatGift("b", "ann", 1, 40, 2, 1, false));
	engine.adjustGoal("g", 5);
	engine.resetGoal("g");
	engine.submitFrame(flatGift("c", "ann", 1, 7, 2, 1, false));
	engine.adjustGoal("g", -2);
	engine.resetGoal("g");
	engine.undoGoalReset("g");
	engine.flush();
	sendGifts(engine, "z", 600);
}

struct Outcome {
	std::int64_t current = 0;
	std::string progress;                   // the ledger's goals.progress
	std::string actions;                    // the ledger's goal_actions (goal, action, amount) in order
	std::vector<std::int64_t> afterRestart; // current after a restart, then after each further undo
};

// The ledger's goal rows, then what a restarted engine shows and undoes.
void readBack(const std::string &path, Outcome &out)
{
	out.progress = queryRows(path, "SELECT progress FROM goals WHERE id = 'g'");
	out.actions = queryRows(path, "SELECT goal_id, action, amount FROM goal_actions ORDER BY id");
	Engine engine(withLedger(path));
	engine.setGoal(coinGoal());
	engine.flush();
	out.afterRestart.push_back(engine.snapshot()->goals.at("g").current);
	for (int i = 0; i < 3; ++i) {
		engine.undoGoalReset("g");
		engine.flush();
		out.afterRestart.push_back(engine.snapshot()->goals.at("g").current);
	}
}

// The goal rows and goal actions in a spill file.
std::pair<std::int64_t, std::int64_t> spilledGoalRows(const std::string &spillPath)
{
	std::pair<std::int64_t, std::int64_t> rows{0, 0};
	std::string error;
	const bool read = SpillFile(spillPath).read(
	    [&](JournalBatch &&batch) {
		    rows.first += static_cast<std::int64_t>(batch.goals.size());
		    for (const auto &change : batch.changes) {
			    rows.second += change.type == JournalBatch::Change::Type::GoalAction ? 1 : 0;
		    }
	    },
	    error);
	CHECK(read);
	return rows;
}

enum class Clears { WhileRunning, AtNextStart };

Outcome run(Fault fault, Clears clears)
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	Rig rig(path, 40);
	Outcome out;
	{
		Engine engine(rig.options);
		engine.setGoal(coinGoal());
		sendGifts(engine, "early", 10);
		REQUIRE(engine.snapshot()->ledger.state == LedgerStatus::State::Ok);
		rig.fault = fault;
		goalWork(engine);
		if (fault != Fault::None) {
			const auto snap = engine.snapshot();
			REQUIRE(snap->ledger.state == LedgerStatus::State::Retrying);
			REQUIRE(snap->ledger.spillPath == path + ".spill");
			REQUIRE(snap->ledger.spilledRows > 0);
			// the goal's rows and its three actions went through the spill file
			const auto [goals, actions] = spilledGoalRows(path + ".spill");
			CHECK(goals > 0);
			CHECK(actions == 3);
		}
		out.current = engine.snapshot()->goals.at("g").current;
		if (clears == Clears::WhileRunning) {
			rig.fault = Fault::None;
			rig.clock.advance(1000);
			engine.flush();
			REQUIRE(engine.snapshot()->ledger.state == LedgerStatus::State::Ok);
		} else {
			CHECK_FALSE(engine.close().ok());
			REQUIRE(std::filesystem::exists(path + ".spill"));
		}
	}
	if (clears == Clears::AtNextStart) {
		// the spill file is written at the next open
		Engine engine(withLedger(path));
		engine.flush();
		REQUIRE(engine.snapshot()->ledger.state == LedgerStatus::State::Ok);
	}
	CHECK_FALSE(std::filesystem::exists(path + ".spill"));
	readBack(path, out);
	return out;
}

void checkSame(const Outcome &faulted, const Outcome &reference)
{
	CHECK(faulted.current == reference.current);
	CHECK(faulted.progress == reference.progress);
	CHECK(faulted.actions == reference.actions);
	CHECK(faulted.afterRestart == reference.afterRestart);
}

} // namespace

TEST_CASE("Ledger goal spill: resets, undos and adjustments spilled on a full disk are written exactly when it clears",
	  "[ledgerchaos][goals]")
{
	const Outcome reference = run(Fault::None, Clears::WhileRunning);
	// the reference itself: counted from the second reset (the third undone), then undone back to the start
	CHECK(reference.current == 5 + 1800);
	const std::int64_t allTime = 30 + 1800 + 300 + 40 + 7 + 1800;
	// an undone reset keeps the adjustments made since it (+5, -2)
	CHECK(reference.afterRestart ==
	      std::vector<std::int64_t>{7 - 2 + 1800, 40 + 5 + 7 - 2 + 1800, allTime + 5 - 2, allTime + 5 - 2});
	CHECK(reference.actions == "g|adjust|5\ng|adjust|-2\ng|undo-reset|0\n");
	checkSame(run(Fault::Full, Clears::WhileRunning), reference);
	checkSame(run(Fault::ReadOnly, Clears::WhileRunning), reference);
}

TEST_CASE("Ledger goal spill: resets, undos and adjustments kept in the spill file at exit come back at the next start",
	  "[ledgerchaos][goals]")
{
	const Outcome reference = run(Fault::None, Clears::WhileRunning);
	checkSame(run(Fault::Full, Clears::AtNextStart), reference);
	checkSame(run(Fault::ReadOnly, Clears::AtNextStart), reference);
}

TEST_CASE("Ledger goal spill: a spill line keeps a goal's origin, reset points and undo, and each goal action",
	  "[ledgerchaos][goals]")
{
	JournalBatch batch;
	batch.goalAction("g", GoalAction::UndoReset, 0);
	batch.goalAction("g", GoalAction::Adjust, -7);
	GoalRecord goal;
	goal.spec = coinGoal();
	goal.origin.coins = 3;
	goal.origin.giftUnits[5655] = 4;
	goal.progress.reset = true;
	goal.progress.mark.coins = 9;
	goal.progress.markStream = 2;
	goal.progress.adjust.likes = -5;
	goal.progress.streamAdjust.likes = -5;
	goal.progress.adjustStream = 2;
	goal.undo.push_back(GoalProgress{});
	goal.undo.push_back(goal.progress);
	goal.undo.back().mark.follows = 11;
	batch.goal(goal);
	const std::string line = toSpillLine(batch);
	JournalBatch back;
	REQUIRE(fromSpillLine(line, back));
	CHECK(toSpillLine(back) == line);
	REQUIRE(back.changes.size() == 2);
	CHECK(back.changes[0].action == GoalAction::UndoReset);
	CHECK(back.changes[1].action == GoalAction::Adjust);
	CHECK(back.changes[1].amount == -7);
	REQUIRE(back.goals.size() == 1);
	CHECK(back.goals[0].origin == goal.origin);
	CHECK(back.goals[0].progress == goal.progress);
	CHECK(back.goals[0].undo == goal.undo);
	CHECK(back.goals[0].progressKnown);
	// a progress text that cannot be read makes the line unreadable, never a goal without progress
	std::string bad = line;
	const auto at = bad.find("\\\"origin\\\"");
	REQUIRE(at != std::string::npos);
	bad.replace(at, 10, "\\\"origin\\\":1,\\\"x\\\"");
	CHECK_FALSE(fromSpillLine(bad, back));
}

// Spill files of earlier builds: a goal line ends after its stream id, a goal action after its target.
TEST_CASE("Ledger goal spill: an old goal line and goal action read as before and are written the same",
	  "[ledgerchaos][goals]")
{
	const std::string line =
	    R"({"c":[[3,0,0,0,"goal-1"]],"g":[],"k":[],"m":[],"o":[["{\"gift_id\":0,\"id\":\"goal-1\",\"kind\":)"
	    R"(\"coins\",\"on_reach\":\"hold\",\"repeat_step\":0,\"scope\":\"stream\",\"stages\":[],\"start\":0,)"
	    R"(\"target\":500,\"title\":\"\"}",51,52,53,54,true,55]],"s":[],"t":[],"u":[]})";
	JournalBatch back;
	REQUIRE(fromSpillLine(line, back));
	CHECK(toSpillLine(back) == line);
	REQUIRE(back.changes.size() == 1);
	CHECK(back.changes[0].type == JournalBatch::Change::Type::GoalAction);
	CHECK(back.changes[0].target == "goal-1");
	CHECK(back.changes[0].action == GoalAction::Adjust);
	CHECK(back.changes[0].amount == 0);
	REQUIRE(back.goals.size() == 1);
	const GoalRecord &g = back.goals[0];
	CHECK(g.spec.id == "goal-1");
	CHECK(g.spec.target == 500);
	CHECK(g.base == 51);
	CHECK(g.target == 52);
	CHECK(g.stage == 53);
	CHECK(g.timesReached == 54);
	CHECK(g.reached);
	CHECK(g.streamId == 55);
	CHECK(g.origin == GoalCounters{});
	CHECK(g.progress == GoalProgress{});
	CHECK(g.undo.empty());
	CHECK(g.progressKnown);
}
