// The streamer's files are for the user alone: 0600 files and 0700 folders, also under a lax umask, and
// files left wider by an older version are tightened when they are opened (POSIX only).
#include <catch2/catch.hpp>

#ifndef _WIN32

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "core/engine.hpp"
#include "core/private-files.hpp"
#include "sql-support.hpp"
#include "support.hpp"

using namespace livegifts;
using testsupport::flatGift;
using testsupport::TempDir;
namespace fs = std::filesystem;

namespace {

unsigned modeOf(const fs::path &path)
{
	struct stat info = {};
	REQUIRE(::stat(path.c_str(), &info) == 0);
	return static_cast<unsigned>(info.st_mode & 0777);
}

// Sets a umask that would leave new files readable by everyone (0644/0755), and restores the old one.
class LaxUmask {
public:
	LaxUmask() : old_(::umask(022)) {}
	~LaxUmask() { ::umask(old_); }
	LaxUmask(const LaxUmask &) = delete;
	LaxUmask &operator=(const LaxUmask &) = delete;

private:
	mode_t old_;
};

} // namespace

TEST_CASE("Private files: folders we create are 0700, existing ones only when they are ours", "[private]")
{
	LaxUmask umask;
	TempDir dir;
	fs::permissions(dir.path(), fs::perms(0755), fs::perm_options::replace);
	std::string error;
	const fs::path nested = dir.path() / "a" / "b" / "c";
	REQUIRE(makePrivateFolders(nested, ExistingFolder::Keep, error));
	CHECK(modeOf(dir.path()) == 0755); // there before: not ours
	CHECK(modeOf(dir.path() / "a") == 0700);
	CHECK(modeOf(dir.path() / "a" / "b") == 0700);
	CHECK(modeOf(nested) == 0700);

	fs::create_directories(dir.path() / "user-chosen");
	fs::permissions(dir.path() / "user-chosen", fs::perms(0755), fs::perm_options::replace);
	REQUIRE(makePrivateFolders(dir.path() / "user-chosen", ExistingFolder::Keep, error));
	CHECK(modeOf(dir.path() / "user-chosen") == 0755);
	REQUIRE(makePrivateFolders(dir.path() / "user-chosen", ExistingFolder::Restrict, error));
	CHECK(modeOf(dir.path() / "user-chosen") == 0700);
}

TEST_CASE("Private files: a file is created 0600 and an existing wider one is tightened", "[private]")
{
	LaxUmask umask;
	TempDir dir;
	std::string error;
	const fs::path file = dir.path() / "new";
	REQUIRE(preparePrivateFile(file, error));
	CHECK(modeOf(file) == 0600);
	{
		std::ofstream(dir.path() / "old") << "kept";
	}
	fs::permissions(dir.path() / "old", fs::perms(0666), fs::perm_options::replace);
	REQUIRE(preparePrivateFile(dir.path() / "old", error));
	CHECK(modeOf(dir.path() / "old") == 0600);
	std::ifstream in(dir.path() / "old");
	std::string text;
	in >> text;
	CHECK(text == "kept");
	CHECK(restrictFile(dir.path() / "missing", error));
}

TEST_CASE("Private files: the ledger and its -wal and -shm files are 0600", "[private]")
{
	LaxUmask umask;
	TempDir dir;
	const std::string path = dir.file("ledger.sqlite");
	{
		Engine engine(withLedger(path));
		engine.submitFrame(flatGift("a", "ann", 5558, 100, 2, 1, false));
		engine.flush();
		REQUIRE(engine.snapshot()->ledgerOk);
		CHECK(modeOf(path) == 0600);
		REQUIRE(fs::exists(path + "-wal"));
		CHECK(modeOf(path + "-wal") == 0600);
		REQUIRE(fs::exists(path + "-shm"));
		CHECK(modeOf(path + "-shm") == 0600);
	}
	// An older version's ledger readable by everyone is tightened when it is opened.
	fs::permissions(path, fs::perms(0644), fs::perm_options::replace);
	{
		std::ofstream(path + "-journal") << "";
	}
	fs::permissions(path + "-journal", fs::perms(0666), fs::perm_options::replace);
	{
		Engine engine(withLedger(path));
		engine.flush();
		REQUIRE(engine.snapshot()->ledgerOk);
		CHECK(modeOf(path) == 0600);
		if (fs::exists(path + "-journal")) {
			CHECK(modeOf(path + "-journal") == 0600);
		}
		CHECK(modeOf(path + "-wal") == 0600);
	}
}

namespace {

// Runs `body` where file modes refuse writes as they do for a streamer: directly, or, when this process is
// root (which modes do not stop), in a child process switched to the user nobody, with `dir` made its. True
// when `body` returned true.
bool unprivileged(const fs::path &dir, const std::function<bool()> &body)
{
	if (::geteuid() != 0) {
		return body();
	}
	constexpr uid_t nobody = 65534;
	if (::chown(dir.c_str(), nobody, nobody) != 0) {
		return false;
	}
	const pid_t child = ::fork();
	if (child == 0) {
		bool ok = false;
		try {
			ok = ::setgid(nobody) == 0 && ::setuid(nobody) == 0 && body();
		} catch (...) {
			ok = false;
		}
		::_exit(ok ? 0 : 1);
	}
	int status = 0;
	return child > 0 && ::waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// The coins the ledger at `path` holds after `gift` is counted into it (-1: not written).
std::int64_t coinsAfter(const std::string &path, const std::string &gift)
{
	Engine engine(withLedger(path));
	engine.submitFrame(gift);
	engine.flush();
	return engine.snapshot()->ledgerOk ? engine.snapshot()->allTime.totals.coins : -1;
}

} // namespace

// SQLite makes -wal and -shm with the database's mode at that moment: a ledger write-protected for a while
// leaves them 0400. Once the streamer makes it writable again (0600) they must follow, or the ledger stays
// unusable and what is counted next is lost.
TEST_CASE("Private files: a ledger made writable again is written again, with what waited", "[private]")
{
	TempDir dir;
	const std::string path = dir.file("ledger.sqlite");
	const bool ok = unprivileged(dir.path(), [&] {
		if (coinsAfter(path, flatGift("a", "ann", 5558, 100, 2, 1, false)) != 100) {
			return false;
		}
		fs::permissions(path, fs::perms(0400), fs::perm_options::replace);
		for (const char *suffix : {"-wal", "-shm"}) {
			std::ofstream(path + suffix, std::ios::app) << "";
			fs::permissions(path + suffix, fs::perms(0400), fs::perm_options::replace);
		}
		// Write-protected: the gift waits in the spill file beside the ledger.
		if (coinsAfter(path, flatGift("b", "bob", 5558, 100, 2, 1, false)) != -1) {
			return false;
		}
		fs::permissions(path, fs::perms(0600), fs::perm_options::replace);
		return coinsAfter(path, flatGift("c", "cat", 5558, 100, 2, 1, false)) == 300;
	});
	CHECK(ok);
}

TEST_CASE("Private files: -wal and -shm get the owner access their ledger has, never more", "[private]")
{
	TempDir dir;
	const fs::path ledger = dir.file("ledger.sqlite");
	const fs::path wal = dir.file("ledger.sqlite-wal");
	std::ofstream(ledger) << "";
	std::ofstream(wal) << "";
	fs::permissions(wal, fs::perms(0400), fs::perm_options::replace);
	fs::permissions(ledger, fs::perms(0400), fs::perm_options::replace);
	std::string error;
	CHECK(shareOwnerAccess(wal, ledger, error));
	CHECK(modeOf(wal) == 0400); // a write-protected ledger stays so
	fs::permissions(ledger, fs::perms(0640), fs::perm_options::replace);
	CHECK(shareOwnerAccess(wal, ledger, error));
	CHECK(modeOf(wal) == 0600); // the owner's read and write only
	CHECK(shareOwnerAccess(dir.file("missing"), ledger, error));
}

#endif
