// Only one program writes a ledger. Each writes the totals it counted (supporters, gifts, the room), so two
// writers overwrote each other's: OBS and a `live-gifts replay --db` on the same ledger left totals that no
// longer matched its events. A second engine on a ledger another one writes shows its history and keeps its
// msgIds from counting twice, but writes nothing and says so; the first one's totals stay exact.
// (The lock is flock's, per open file: a second engine in this process is refused as another process is.)
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/engine.hpp"
#include "core/file-lock.hpp"
#include "ledger-rig.hpp"
#include "sql-support.hpp"
#include "support.hpp"

using namespace livegifts;
using namespace ledgerrig;
using testsupport::flatGift;
using testsupport::TempDir;

TEST_CASE("Ledger one writer: a second engine on a ledger in use writes nothing and says so", "[ledgerchaos]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	Rig first(path);
	Rig second(path);
	{
		Engine writer(first.options);
		sendGifts(writer, "a", 10);
		{
			Engine other(second.options);
			other.flush();
			auto snap = other.snapshot();
			CHECK(snap->ledger.state == LedgerStatus::State::MemoryOnly);
			CHECK(snap->ledger.error.find("in use by another program") != std::string::npos);
			CHECK(snap->ledger.inUse);                   // the dock's line of its own
			CHECK(snap->allTime.totals.coins == 10 * 3); // its history is shown
			sendGifts(other, "b", 20);
			other.submitFrame(flatGift("a3", "u3", 5655, 3, 2, 1, false)); // counted by the writer already
			other.flush();
			CHECK(other.snapshot()->allTime.totals.coins == 30 * 3);
			const LedgerExit exit = other.close();
			CHECK(exit.memoryOnly);
			CHECK(exit.message.find("nothing was written") != std::string::npos);
		}
		sendGifts(writer, "c", 5);
		CHECK(writer.close().ok());
	}
	checkExactLedger(path, 15, 15 * 3);
	// once the writer is gone, the next one writes as usual
	{
		Rig next(path);
		Engine engine(next.options);
		sendGifts(engine, "d", 5);
		CHECK(engine.snapshot()->ledger.state == LedgerStatus::State::Ok);
		CHECK(engine.close().ok());
	}
	checkExactLedger(path, 20, 20 * 3);
	checkReopened(path, 20 * 3, 20);
}

TEST_CASE("Ledger one writer: a file lock is refused while held, and free again once released", "[ledgerchaos]")
{
	TempDir dir;
	const auto path = dir.file("x.lock");
	std::unique_ptr<FileLock> held;
	std::unique_ptr<FileLock> second;
	std::string error;
	REQUIRE(FileLock::take(path, held, error) == FileLock::Result::Held);
	CHECK(FileLock::take(path, second, error) == FileLock::Result::HeldElsewhere);
	CHECK_FALSE(second);
	held.reset();
	CHECK(FileLock::take(path, second, error) == FileLock::Result::Held);
	CHECK(FileLock::take(dir.file("no-such-folder/x.lock"), held, error) == FileLock::Result::Failed);
}
