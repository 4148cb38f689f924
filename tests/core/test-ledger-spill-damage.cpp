// A spill file left by the last run that is damaged: lines that are not a batch, a header that cannot be read, a
// last line cut short. None of them may stop the ledger (before, a damaged line left the engine counting in
// memory only at every start, and what it counted was never written); what can be read is written once, the
// file is kept aside for the streamer, and the log says so.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/engine.hpp"
#include "ledger-rig.hpp"
#include "sql-support.hpp"
#include "support.hpp"

using namespace livegifts;
using namespace ledgerrig;
using testsupport::TempDir;

namespace {

// A ledger with 10 gifts written and `spilled` more kept in its spill file (a lock held by another program
// at exit), as a run that ended that way leaves them.
void ledgerWithSpill(const std::string &path, int spilled)
{
	Rig rig(path);
	sqlite3 *other = nullptr;
	{
		Engine engine(rig.options);
		sendGifts(engine, "a", 10);
		REQUIRE(sqlite3_open(path.c_str(), &other) == SQLITE_OK);
		REQUIRE(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
		sendGifts(engine, "b", spilled);
		REQUIRE(engine.close().keptIn == path + ".spill");
	}
	sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
	sqlite3_close(other);
	REQUIRE(std::filesystem::exists(path + ".spill"));
}

std::vector<std::string> linesOf(const std::string &file)
{
	std::ifstream in(file, std::ios::binary);
	std::vector<std::string> lines;
	for (std::string line; std::getline(in, line);) {
		lines.push_back(line);
	}
	return lines;
}

void writeLines(const std::string &file, const std::vector<std::string> &lines, const std::string &tail = "")
{
	std::ofstream out(file, std::ios::binary | std::ios::trunc);
	for (const std::string &line : lines) {
		out << line << '\n';
	}
	out << tail;
}

// The files "<spill>.damaged-*" beside the ledger.
std::vector<std::filesystem::path> keptAside(const std::string &spill)
{
	std::vector<std::filesystem::path> found;
	const std::filesystem::path at(spill);
	for (const auto &entry : std::filesystem::directory_iterator(at.parent_path())) {
		if (entry.path().filename().string().rfind(at.filename().string() + ".damaged-", 0) == 0) {
			found.push_back(entry.path());
		}
	}
	return found;
}

// Opens the ledger, counts `more` gifts and closes; the ledger must be usable throughout.
void openAndCount(const std::string &path, int more, const std::string &expectLog)
{
	Rig rig(path);
	Engine engine(rig.options);
	engine.flush();
	CHECK(engine.snapshot()->ledger.state == LedgerStatus::State::Ok);
	sendGifts(engine, "c", more);
	CHECK(engine.snapshot()->ledgerOk);
	CHECK(engine.close().ok());
	CHECK(rig.logger.has(expectLog));
}

} // namespace

TEST_CASE("Ledger spill damage: a damaged line is passed over, the rest written once, the file kept aside",
	  "[ledgerchaos]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	const std::string spill = path + ".spill";
	ledgerWithSpill(path, 20);
	std::vector<std::string> lines = linesOf(spill);
	REQUIRE(lines.size() >= 2);
	lines.insert(lines.begin() + 1, R"({"c":[])"); // a whole line that is not a batch, before the real ones
	writeLines(spill, lines);

	openAndCount(path, 5, "1 damaged lines, passed over");
	CHECK_FALSE(std::filesystem::exists(spill));
	const auto aside = keptAside(spill);
	REQUIRE(aside.size() == 1);
	CHECK(linesOf(aside.front().string()).size() == lines.size()); // kept whole, for the streamer
	checkExactLedger(path, 35, 35 * 3);
	// the file kept aside is not the ledger's any more: a new start writes nothing twice
	checkReopened(path, 35 * 3, 35);
	checkExactLedger(path, 35, 35 * 3);
}

TEST_CASE("Ledger spill damage: a spill file of nothing but a damaged line leaves the ledger working", "[ledgerchaos]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	const std::string spill = path + ".spill";
	ledgerWithSpill(path, 20);
	std::vector<std::string> lines = linesOf(spill);
	writeLines(spill, {lines.front(), R"({"c":[])"});

	openAndCount(path, 5, "damaged lines");
	CHECK(keptAside(spill).size() == 1);
	checkExactLedger(path, 15, 15 * 3);
	checkReopened(path, 15 * 3, 15);
}

TEST_CASE("Ledger spill damage: a spill file without a readable header is kept aside unwritten", "[ledgerchaos]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	const std::string spill = path + ".spill";
	ledgerWithSpill(path, 20);
	std::vector<std::string> lines = linesOf(spill);
	lines.front() = "\x01\x02 not a header";
	writeLines(spill, lines);

	openAndCount(path, 5, "no readable header");
	CHECK_FALSE(std::filesystem::exists(spill));
	CHECK(keptAside(spill).size() == 1);
	checkExactLedger(path, 15, 15 * 3); // whether its rows were written cannot be told: not written
}

TEST_CASE("Ledger spill damage: a last line cut short is reported, the lines before it written", "[ledgerchaos]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	const std::string spill = path + ".spill";
	ledgerWithSpill(path, 20);
	const std::vector<std::string> lines = linesOf(spill);
	writeLines(spill, lines, R"({"m":[{"msg)"); // a crash while appending

	openAndCount(path, 5, "was cut short");
	CHECK_FALSE(std::filesystem::exists(spill));
	CHECK(keptAside(spill).empty());
	checkExactLedger(path, 35, 35 * 3);
}
