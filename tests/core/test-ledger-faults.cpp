// Faults the operating system makes, not SQLite pragmas: a ledger on read-only media or with write-protected
// file and folder (its history still shown), a disk that really fills and empties again, a lock held by
// another process. The mounts need root with CAP_SYS_ADMIN; without it those tests say so and pass.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#if defined(__linux__)
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#include "ledger-rig.hpp"

using namespace livegifts;
using namespace ledgerrig;
using testsupport::TempDir;

#if defined(__linux__)

namespace {

// A tmpfs of `bytes` mounted on `dir` for one test, unmounted (lazily) by the destructor.
class TmpfsMount {
public:
	TmpfsMount(const std::filesystem::path &dir, std::size_t bytes) : dir_(dir)
	{
		std::filesystem::create_directories(dir);
		const std::string data = "size=" + std::to_string(bytes) + ",mode=0700";
		mounted_ = ::mount("tmpfs", dir.c_str(), "tmpfs", 0, data.c_str()) == 0;
		if (!mounted_) {
			why_ = std::strerror(errno);
		}
	}
	~TmpfsMount()
	{
		if (mounted_) {
			::umount2(dir_.c_str(), MNT_DETACH);
		}
	}
	TmpfsMount(const TmpfsMount &) = delete;
	TmpfsMount &operator=(const TmpfsMount &) = delete;

	bool mounted() const { return mounted_; }
	const std::string &why() const { return why_; }
	bool setReadOnly(bool on)
	{
		const unsigned long flags = on ? (MS_REMOUNT | MS_RDONLY) : static_cast<unsigned long>(MS_REMOUNT);
		return ::mount("tmpfs", dir_.c_str(), "tmpfs", flags, nullptr) == 0;
	}

private:
	std::filesystem::path dir_;
	bool mounted_ = false;
	std::string why_;
};

// The rows in a ledger nobody can write (read-only media need an immutable open: no -shm can be made).
std::int64_t storedRowsUnwritable(const std::string &path)
{
	sqlite3 *db = nullptr;
	std::int64_t value = -1;
	const std::string uri = "file:" + path + "?immutable=1";
	if (sqlite3_open_v2(uri.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) == SQLITE_OK) {
		sqlite3_stmt *stmt = nullptr;
		if (sqlite3_prepare_v2(db, "SELECT count(*) FROM events", -1, &stmt, nullptr) == SQLITE_OK &&
		    sqlite3_step(stmt) == SQLITE_ROW) {
			value = sqlite3_column_int64(stmt, 0);
		}
		sqlite3_finalize(stmt);
	}
	sqlite3_close(db);
	return value;
}

// A ledger with 20 gifts (60 coins, 7 supporters) written and closed.
void writeHistory(const std::string &path)
{
	EngineOptions options;
	options.ledgerPath = path;
	Engine engine(options);
	sendGifts(engine, "a", 20);
	REQUIRE(engine.close().ok());
}

// The engine on a ledger that cannot be written: its history is shown, new gifts count in memory and wait.
void checkReadOnlyThenWritable(const std::string &path, Rig &rig, const std::function<void()> &makeWritable)
{
	{
		Engine engine(rig.options);
		engine.flush();
		auto snap = engine.snapshot();
		CHECK(snap->ledger.readOnly);
		CHECK(snap->ledger.state == LedgerStatus::State::Retrying);
		CHECK(snap->ledger.error.find("open for reading only") != std::string::npos);
		CHECK_FALSE(snap->ledgerOk);
		// the history: totals, supporters, gifts
		CHECK(snap->allTime.totals.coins == 60);
		CHECK(snap->allTime.totals.gifts == 20);
		CHECK(snap->allTime.supporterCount == 7);
		REQUIRE_FALSE(snap->allTime.gifts.empty());
		CHECK(snap->allTime.gifts[0].coins == 60);

		sendGifts(engine, "a", 20); // the old ones again: known from the ledger, not counted twice
		sendGifts(engine, "b", 30);
		snap = engine.snapshot();
		CHECK(snap->allTime.totals.coins == 150);
		CHECK(snap->ledger.readOnly);
		CHECK(snap->ledger.waitingRows > 0);
		CHECK(storedRowsUnwritable(path) == 20);

		makeWritable();
		rig.clock.advance(2000);
		engine.flush();
		snap = engine.snapshot();
		CHECK(snap->ledger.state == LedgerStatus::State::Ok);
		CHECK_FALSE(snap->ledger.readOnly);
		CHECK(snap->ledger.waitingRows == 0);
		CHECK(rig.logger.has("can be written again"));
		checkExactLedger(path, 50, 150);
		CHECK(engine.close().ok());
	}
	checkReopened(path, 150, 50);
}

} // namespace

TEST_CASE("Ledger faults: a ledger on read-only media shows its history and is written when writable again",
	  "[ledgerchaos]")
{
	TempDir dir;
	TmpfsMount media(dir.path() / "media", 16 * 1024 * 1024);
	if (!media.mounted()) {
		WARN("skipped: no tmpfs can be mounted here (" << media.why() << "); this test needs root");
		return;
	}
	const std::string path = (dir.path() / "media" / "ledger.db").string();
	writeHistory(path);
	REQUIRE(media.setReadOnly(true));
	// the media refuses writes for real, to root too
	REQUIRE(::access(path.c_str(), W_OK) != 0);
	CHECK(errno == EROFS);
	Rig rig(path);
	checkReadOnlyThenWritable(path, rig, [&] { REQUIRE(media.setReadOnly(false)); });
}

TEST_CASE("Ledger faults: a write-protected ledger file and folder (0444/0555) show their history", "[ledgerchaos]")
{
	TempDir dir;
	const auto folder = dir.path() / "ledger";
	std::filesystem::create_directories(folder);
	const std::string path = (folder / "ledger.db").string();
	writeHistory(path);
	REQUIRE(::chmod(path.c_str(), 0444) == 0);
	REQUIRE(::chmod(folder.c_str(), 0555) == 0);
	auto writable = [&] {
		::chmod(folder.c_str(), 0700);
		::chmod(path.c_str(), 0600);
	};
	if (::access(path.c_str(), W_OK) == 0 || ::access(folder.c_str(), W_OK) == 0) {
		writable();
		WARN("skipped: chmod does not refuse writes here (running as root); the read-only media test proves "
		     "this case");
		return;
	}
	Rig rig(path);
	checkReadOnlyThenWritable(path, rig, writable);
	writable();
}

TEST_CASE("Ledger faults: a disk that really fills keeps the rows and catches up when space returns", "[ledgerchaos]")
{
	TempDir dir;
	TmpfsMount disk(dir.path() / "disk", 2 * 1024 * 1024);
	if (!disk.mounted()) {
		WARN("skipped: no tmpfs can be mounted here (" << disk.why() << "); this test needs root");
		return;
	}
	const std::string path = (dir.path() / "disk" / "ledger.db").string();
	const auto filler = dir.path() / "disk" / "filler";
	Rig rig(path);
	{
		Engine engine(rig.options);
		sendGifts(engine, "a", 20);
		REQUIRE(engine.snapshot()->ledger.state == LedgerStatus::State::Ok);
		{
			std::ofstream out(filler, std::ios::binary);
			const std::string block(4096, 'f');
			while (out.write(block.data(), static_cast<std::streamsize>(block.size())) && out.flush()) {
			}
		}
		sendGifts(engine, "b", 2000);
		auto snap = engine.snapshot();
		CHECK(snap->ledger.state == LedgerStatus::State::Retrying);
		CHECK(snap->ledger.error.find("full") != std::string::npos);
		CHECK(snap->allTime.totals.coins == 2020 * 3);
		CHECK(queryInt(path, "SELECT count(*) FROM events") < 2020);

		std::filesystem::remove(filler);
		rig.clock.advance(2000);
		engine.flush();
		snap = engine.snapshot();
		CHECK(snap->ledger.state == LedgerStatus::State::Ok);
		CHECK(snap->ledger.waitingRows == 0);
		checkExactLedger(path, 2020, 2020 * 3);
		CHECK(engine.close().ok());
	}
	checkReopened(path, 2020 * 3, 2020);
}

namespace {

// Another program holding the ledger: a child process that takes an exclusive lock when told to and lets
// go when told to. Made before any engine thread exists (fork copies only the calling thread).
class LockingProcess {
public:
	explicit LockingProcess(const std::string &path)
	{
		if (::pipe(toChild_) != 0 || ::pipe(fromChild_) != 0) {
			return;
		}
		pid_ = ::fork();
		if (pid_ == 0) {
			::close(
			    toChild_[1]); // the parent's ends: the child sees the end of input when the parent closes
			::close(fromChild_[0]);
			char command = 0;
			sqlite3 *db = nullptr;
			while (::read(toChild_[0], &command, 1) == 1) {
				char reply = '0';
				if (command == 'l') {
					if (sqlite3_open(path.c_str(), &db) == SQLITE_OK &&
					    sqlite3_exec(db, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) ==
						SQLITE_OK) {
						reply = '1';
					}
				} else {
					sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
					sqlite3_close(db);
					db = nullptr;
					reply = '1';
				}
				if (::write(fromChild_[1], &reply, 1) != 1) {
					break;
				}
			}
			::_exit(0);
		}
	}
	~LockingProcess()
	{
		::close(toChild_[1]);
		if (pid_ > 0) {
			int status = 0;
			::waitpid(pid_, &status, 0);
		}
		::close(toChild_[0]);
		::close(fromChild_[0]);
		::close(fromChild_[1]);
	}
	LockingProcess(const LockingProcess &) = delete;
	LockingProcess &operator=(const LockingProcess &) = delete;

	bool ask(char command)
	{
		char reply = 0;
		return pid_ > 0 && ::write(toChild_[1], &command, 1) == 1 && ::read(fromChild_[0], &reply, 1) == 1 &&
		       reply == '1';
	}

private:
	int toChild_[2] = {-1, -1};
	int fromChild_[2] = {-1, -1};
	pid_t pid_ = -1;
};

} // namespace

TEST_CASE("Ledger faults: a lock held by another process beyond the retry window loses nothing", "[ledgerchaos]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	writeHistory(path);
	LockingProcess other(path);
	Rig rig(path);
	{
		Engine engine(rig.options);
		sendGifts(engine, "c", 10);
		REQUIRE(other.ask('l'));
		sendGifts(engine, "d", 300);
		for (int minute = 0; minute < 3; ++minute) {
			rig.clock.advance(60 * 1000); // far beyond the longest backoff
			engine.flush();
		}
		auto snap = engine.snapshot();
		CHECK(snap->ledger.state == LedgerStatus::State::Retrying);
		CHECK(snap->ledger.error.find("locked") != std::string::npos);
		CHECK(snap->allTime.totals.coins == 330 * 3);
		REQUIRE(other.ask('r'));
		rig.clock.advance(2000);
		engine.flush();
		CHECK(engine.snapshot()->ledger.state == LedgerStatus::State::Ok);
		checkExactLedger(path, 330, 330 * 3);
		CHECK(engine.close().ok());
	}
	checkReopened(path, 330 * 3, 330);
}

#endif
