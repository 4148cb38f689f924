// The connection store on real files: one schema, atomic private writes, unreadable files never fatal.

#include <catch2/catch.hpp>

#include <atomic>
#include <fstream>
#include <iterator>
#include <thread>

#include <nlohmann/json.hpp>

#include "connect/connection-store.hpp"
#include "support.hpp"

#ifndef _WIN32
#include <sys/stat.h>
#endif

using namespace livegifts::connect;
namespace fs = std::filesystem;

namespace {

ConnectionSettings eulerSettings()
{
	ConnectionSettings s;
	s.kind = "euler";
	s.uniqueId = "some.creator";
	s.apiKey = "secret-key";
	s.replayFile = "/data/démo/stream.jsonl";
	s.speed = 2.5;
	s.record = true;
	return s;
}

std::string readText(const fs::path &path)
{
	std::ifstream in(path, std::ios::binary);
	return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void writeText(const fs::path &path, const std::string &text)
{
	std::ofstream out(path, std::ios::binary | std::ios::trunc);
	out << text;
}

#ifndef _WIN32
unsigned modeOf(const fs::path &path)
{
	struct stat info = {};
	REQUIRE(::stat(path.c_str(), &info) == 0);
	return static_cast<unsigned>(info.st_mode & 0777);
}
#endif

} // namespace

TEST_CASE("connection settings survive a save and a load", "[connection]")
{
	const fs::path file = testing::freshTempDir("store-roundtrip") / "obs-live-gifts" / "connection.json";
	{
		ConnectionStore store(file);
		store.load(); // no file yet: the defaults
		CHECK(store.settings() == ConnectionSettings{});
		CHECK(store.settings().kind == "demo");
		CHECK(store.set(eulerSettings()));
		CHECK(store.save());
	}
	ConnectionStore again(file);
	again.load();
	CHECK(again.settings() == eulerSettings());
	const auto json = nlohmann::json::parse(readText(file));
	CHECK(json["kind"] == "euler");
	CHECK(json["apiKey"] == "secret-key");
	CHECK(connectionToJson(eulerSettings(), true)["apiKey"] == "***");
	CHECK(connectionToJson(ConnectionSettings{}, true)["apiKey"] == "");
}

TEST_CASE("a change is a new revision; the same settings again are not", "[connection]")
{
	ConnectionStore store({}); // memory only
	store.load();
	const auto first = store.revision();
	CHECK(store.set(eulerSettings()));
	CHECK(store.revision() == first + 1);
	CHECK_FALSE(store.set(eulerSettings()));
	CHECK(store.revision() == first + 1);
	const auto current = store.current();
	CHECK(current.settings == eulerSettings());
	CHECK(current.revision == first + 1);
	CHECK(store.save()); // nothing to write, and no file to write to
}

TEST_CASE("the file is written whole through a temporary file, for the user alone", "[connection]")
{
	const fs::path dir = testing::freshTempDir("store-atomic") / "obs-live-gifts";
	const fs::path file = dir / "connection.json";
	ConnectionStore store(file);
	store.load();
	store.set(eulerSettings());
	REQUIRE(store.save());

	// A temporary file left by an earlier crash, readable by everyone: replaced, and gone afterwards.
	fs::path temporary = file;
	temporary += ".tmp";
	writeText(temporary, "half a file");
	fs::permissions(temporary, fs::perms::all, fs::perm_options::replace);
	ConnectionSettings next = eulerSettings();
	next.kind = "tikfinity";
	store.set(next);
	REQUIRE(store.save());
	CHECK_FALSE(fs::exists(temporary));
	CHECK(nlohmann::json::parse(readText(file))["kind"] == "tikfinity");
	std::size_t files = 0;
	for ([[maybe_unused]] const auto &entry : fs::directory_iterator(dir)) {
		++files;
	}
	CHECK(files == 1);
#ifndef _WIN32
	CHECK(modeOf(file) == 0600);
	CHECK(modeOf(dir) == 0700);
#endif
	// Nothing changed since: save() does not touch the file.
	const auto written = fs::last_write_time(file);
	CHECK(store.save());
	CHECK(fs::last_write_time(file) == written);
}

TEST_CASE("an unreadable connection file gives the defaults, is logged and kept aside", "[connection]")
{
	const fs::path dir = testing::freshTempDir("store-corrupt");
	const fs::path file = dir / "connection.json";
	for (const std::string &text : {std::string("{\"kind\": \"euler\", \"apiKey\": "), std::string("[1, 2, 3]"),
					std::string("\xff\xfe garbage"), std::string()}) {
		writeText(file, text);
		testing::CapturingLogger logger;
		ConnectionStore store(file, logger);
		REQUIRE_NOTHROW(store.load());
		CHECK(store.settings() == ConnectionSettings{});
		CHECK(logger.count(livegifts::LogLevel::Warning, "unreadable") == 1);
		fs::path aside = file;
		aside += ".unreadable";
		CHECK(fs::exists(aside));
		CHECK(readText(aside) == text);
		CHECK_FALSE(fs::exists(file));
		// The next change writes a good file again.
		store.set(eulerSettings());
		CHECK(store.save());
		ConnectionStore again(file);
		again.load();
		CHECK(again.settings() == eulerSettings());
		fs::remove(aside);
	}
}

TEST_CASE("unknown keys are ignored and keys of the wrong type keep their defaults", "[connection]")
{
	const fs::path file = testing::freshTempDir("store-keys") / "connection.json";
	writeText(file, R"({"kind":"replay","speed":"fast","record":1,"apiKey":42,"replayFile":"/tmp/a.jsonl",
			    "future":{"nested":true},"loop":true})");
	testing::CapturingLogger logger;
	ConnectionStore store(file, logger);
	store.load();
	const ConnectionSettings s = store.settings();
	CHECK(s.kind == "replay");
	CHECK(s.replayFile == "/tmp/a.jsonl");
	CHECK(s.speed == 1.0);
	CHECK_FALSE(s.record);
	CHECK(s.apiKey.empty());
	CHECK(logger.count(livegifts::LogLevel::Warning, "") == 0);
	CHECK(connectionFromJson(nlohmann::json::array()) == ConnectionSettings{});
}

TEST_CASE("a save that cannot write is logged, keeps the settings and is tried again", "[connection]")
{
	const fs::path dir = testing::freshTempDir("store-blocked");
	// The folder the file should go in is a file: nothing can be written there.
	writeText(dir / "obs-live-gifts", "in the way");
	testing::CapturingLogger logger;
	ConnectionStore store(dir / "obs-live-gifts" / "connection.json", logger);
	store.load();
	store.set(eulerSettings());
	CHECK_FALSE(store.save());
	CHECK(logger.count(livegifts::LogLevel::Warning, "Cannot save the connection settings") == 1);
	CHECK(store.settings() == eulerSettings());
	fs::remove(dir / "obs-live-gifts");
	CHECK(store.save());
	CHECK(fs::exists(dir / "obs-live-gifts" / "connection.json"));
}

TEST_CASE("readers never see half a change while another thread sets and saves", "[connection]")
{
	const fs::path file = testing::freshTempDir("store-threads") / "connection.json";
	ConnectionStore store(file);
	store.load();
	ConnectionSettings a = eulerSettings();
	ConnectionSettings b;
	b.kind = "tikfinity";
	b.url = "ws://127.0.0.1:1/";
	std::atomic<bool> done{false};
	std::thread writer([&] {
		for (int i = 0; i < 200; ++i) {
			store.set(i % 2 == 0 ? a : b);
			store.save();
		}
		done = true;
	});
	std::size_t reads = 0;
	bool whole = true;
	while (!done) {
		const ConnectionSettings seen = store.settings();
		whole = whole && (seen == a || seen == b || seen == ConnectionSettings{});
		++reads;
	}
	writer.join();
	CHECK(whole);
	CHECK(reads > 0);
	ConnectionStore again(file);
	again.load();
	CHECK(again.settings() == b);
}
