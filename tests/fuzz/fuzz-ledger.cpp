// Fuzz target: the bytes are a ledger file found at start. The engine worker's path is taken: the ledger
// keeper opens it (integrity check, repair, a damaged file moved aside and a new ledger started) and
// restores a Tally from it, a few messages are counted and written, and the keeper finishes. Nothing may
// crash or throw, and whatever could not be used must be said: a ledger moved aside or given up names the
// reason in the keeper's status.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include "core/clock.hpp"
#include "core/ledger-keeper.hpp"
#include "core/normalize.hpp"
#include "core/snapshot.hpp"
#include "core/tally.hpp"
#include "fuzz-support.hpp"

using namespace livegifts;
namespace fs = std::filesystem;

namespace {

// A folder of this process for the ledger and what is moved aside; emptied after each input.
const fs::path &workDir()
{
	static const fs::path dir = [] {
		std::error_code ec;
		fs::path base = fs::exists("/dev/shm", ec) ? fs::path("/dev/shm") : fs::temp_directory_path();
		std::string pattern = (base / "live-gifts-fuzz-ledger-XXXXXX").string();
		if (mkdtemp(pattern.data()) == nullptr) {
			livegifts::fuzz::fail("cannot make a temporary folder");
		}
		return fs::path(pattern);
	}();
	return dir;
}

void emptyWorkDir()
{
	std::error_code ec;
	for (const auto &entry : fs::directory_iterator(workDir(), ec)) {
		fs::remove_all(entry.path(), ec);
	}
}

bool movedAside()
{
	std::error_code ec;
	for (const auto &entry : fs::directory_iterator(workDir(), ec)) {
		if (entry.path().filename().string().find(".corrupt-") != std::string::npos) {
			return true;
		}
	}
	return false;
}

// Messages counted after the restore: a gift of a supporter the seed ledgers know, a streak, a like, a follow.
const std::vector<Event> &messages()
{
	static const std::vector<Event> events = [] {
		FrameParser parser;
		std::vector<Event> out;
		for (
		    const char *frame : {
			R"({"event":"gift","data":{"msgId":"fz1","uniqueId":"ann","nickname":"Ann","giftId":5655,"giftName":"Rose","diamondCount":1,"giftType":1,"repeatCount":3,"repeatEnd":false,"groupId":"g1"}})",
			R"({"event":"gift","data":{"msgId":"fz2","uniqueId":"ann","nickname":"Ann","giftId":5655,"giftName":"Rose","diamondCount":1,"giftType":1,"repeatCount":5,"repeatEnd":true,"groupId":"g1"}})",
			R"({"event":"gift","data":{"msgId":"fz3","uniqueId":"bob","nickname":"Bob","giftId":6064,"giftName":"GG","diamondCount":500,"giftType":0,"repeatCount":1}})",
			R"({"event":"like","data":{"msgId":"fz4","uniqueId":"cat","likeCount":15,"totalLikeCount":900}})",
			R"({"event":"follow","data":{"msgId":"fz5","uniqueId":"dan"}})",
		    }) {
			parser.parse(frame, out);
		}
		return out;
	}();
	return events;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	using livegifts::fuzz::check;
	emptyWorkDir();
	const std::string path = (workDir() / "ledger.db").string();
	{
		std::ofstream out(path, std::ios::binary);
		out.write(reinterpret_cast<const char *>(data), static_cast<std::streamsize>(size));
		check(static_cast<bool>(out), "cannot write the ledger file");
	}
	ManualClock clock(1000);
	Tally tally;
	LedgerKeeper keeper(path, 1000, nullLogger(), clock);
	try {
		keeper.open(tally, clock.nowMs(), [&tally] { tally = Tally(); });
	} catch (const std::exception &e) {
		std::fprintf(stderr, "fuzz: %s\n", e.what());
		livegifts::fuzz::fail("an exception left LedgerKeeper::open");
	}
	const LedgerStatus status = keeper.status();
	if (status.state == LedgerStatus::State::MemoryOnly) {
		check(!status.error.empty() && !keeper.error().empty(), "a ledger given up without a reason");
	} else {
		check(status.state == LedgerStatus::State::Ok, "an opened ledger that is neither ok nor given up");
	}
	if (movedAside()) {
		check(keeper.error().find("damaged") != std::string::npos,
		      "a ledger moved aside without saying it was damaged");
	}
	Millis now = clock.nowMs();
	for (const Event &event : messages()) {
		now += 100;
		tally.apply(event, now);
	}
	Snapshot snapshot;
	tally.fillSnapshot(snapshot);
	try {
		keeper.commit(tally);
		const LedgerExit exit = keeper.finish(tally, 0, 0);
		if (status.state == LedgerStatus::State::Ok) {
			check(exit.ok() || !exit.message.empty(), "an unwritten exit without a report");
		}
	} catch (const std::exception &e) {
		std::fprintf(stderr, "fuzz: %s\n", e.what());
		livegifts::fuzz::fail("an exception left LedgerKeeper::commit or finish");
	}
	return 0;
}
