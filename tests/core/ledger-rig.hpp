#pragma once

// A ledger engine for fault tests: a hand-driven clock (backoffs cost no wall time), a captured log, faults
// injected on the writer's own connection, and exact checks of the file after the fault clears.

#include <catch2/catch.hpp>

#include <atomic>
#include <string>

#include "core/engine.hpp"
#include "core/ledger.hpp"
#include "capture-log.hpp"
#include "sql-support.hpp"
#include "support.hpp"

namespace ledgerrig {

using namespace livegifts;
using testsupport::Capture;
using testsupport::flatGift;

enum class Fault { None, Full, ReadOnly };

// A ledger engine on a hand-driven clock whose writes meet `fault` (on the writer's own connection).
struct Rig {
	explicit Rig(const std::string &path, std::int64_t memoryRows = 50000)
	{
		options.ledgerPath = path;
		options.clock = &clock;
		options.logger = &logger;
		options.ledgerMemoryRows = memoryRows;
		options.ledgerRetryMs = 100;
		options.ledgerLongestRetryMs = 1000;
		options.ledgerExitWaitMs = 300;
		options.ledgerBeforeWrite = [this](Ledger &ledger) {
			switch (fault.load()) {
			case Fault::None:
				ledger.execute("PRAGMA max_page_count = 1073741823");
				ledger.execute("PRAGMA query_only = 0");
				break;
			case Fault::Full:
				ledger.execute("PRAGMA max_page_count = 1"); // no page beyond the current size
				break;
			case Fault::ReadOnly:
				ledger.execute("PRAGMA query_only = 1");
				break;
			}
		};
	}
	ManualClock clock{0};
	Capture logger;
	std::atomic<Fault> fault{Fault::None};
	EngineOptions options;
};

// `count` one-unit gifts of 3 coins by 7 rotating viewers, msgIds prefix0..prefixN.
inline void sendGifts(Engine &engine, const std::string &prefix, int count)
{
	for (int i = 0; i < count; ++i) {
		engine.submitFrame(
		    flatGift(prefix + std::to_string(i), "u" + std::to_string(i % 7), 5655, 3, 2, 1, false));
		if (i % 500 == 499) {
			engine.flush();
		}
	}
	engine.flush();
}

inline void checkExactLedger(const std::string &path, std::int64_t events, std::int64_t coins)
{
	CHECK(queryInt(path, "SELECT count(*) FROM events") == events);
	CHECK(queryInt(path, "SELECT coalesce(sum(coins), 0) FROM events") == coins);
	CHECK(queryInt(path, "SELECT coins FROM room_totals WHERE scope = -1") == coins);
	CHECK(queryInt(path, "SELECT sum(coins) FROM supporter_totals WHERE scope = -1") == coins);
}

inline void checkReopened(const std::string &path, std::int64_t coins, std::int64_t gifts)
{
	Engine engine([&] {
		EngineOptions options;
		options.ledgerPath = path;
		return options;
	}());
	engine.flush();
	const auto snap = engine.snapshot();
	CHECK(snap->ledger.state == LedgerStatus::State::Ok);
	CHECK(snap->allTime.totals.coins == coins);
	CHECK(snap->allTime.totals.gifts == gifts);
}

} // namespace ledgerrig
