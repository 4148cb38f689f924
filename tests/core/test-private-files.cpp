// The streamer's files are for the user alone: 0600 files and 0700 folders, also under a lax umask, and
// files left wider by an older version are tightened when they are opened (POSIX only).
#include <catch2/catch.hpp>

#ifndef _WIN32

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

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

#endif
