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
	s.eulerUniqueId = "some.creator";
	s.eulerApiKey = "secret-key";
	s.bridgeUrl = "ws://127.0.0.1:21300/";
	s.replayFile = "/data/démo/stream.jsonl";
	s.replaySpeed = 2.5;
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
	CHECK(json["version"] == 2);
	CHECK(json["kind"] == "euler");
	CHECK(json["euler"]["apiKey"] == "secret-key");
	CHECK(json["websocket-url"]["url"] == "ws://127.0.0.1:21300/");
	CHECK(connectionToJson(eulerSettings(), true)["euler"]["apiKey"] == "***");
	CHECK(connectionToJson(ConnectionSettings{}, true)["euler"]["apiKey"] == "");
}

TEST_CASE("a description for logs and automation masks the secrets a typed URL carries", "[connection]")
{
	ConnectionSettings settings;
	settings.kind = "websocket-url";
	settings.bridgeUrl = "ws://user:hunter2@127.0.0.1:21300/live?room=7&token=abc123";
	settings.tikfinityUrl = "ws://localhost:21213/?apiKey=k3y";
	const nlohmann::json masked = connectionToJson(settings, true);
	const std::string text = masked.dump();
	CHECK(text.find("hunter2") == std::string::npos);
	CHECK(text.find("abc123") == std::string::npos);
	CHECK(text.find("k3y") == std::string::npos);
	CHECK(masked["websocket-url"]["url"] == "ws://user:***@127.0.0.1:21300/live?room=7&token=***");
	CHECK(masked["tikfinity"]["url"] == "ws://localhost:21213/?apiKey=***");
	// The file keeps what was typed.
	CHECK(connectionToJson(settings)["websocket-url"]["url"] == settings.bridgeUrl);
	CHECK(connectionToJson(settings)["tikfinity"]["url"] == settings.tikfinityUrl);
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

#ifndef _WIN32
TEST_CASE("the settings file and the folders made for it are the user's alone, an old file included", "[connection]")
{
	const mode_t oldMask = ::umask(022);
	const fs::path base = testing::freshTempDir("store-private");
	const fs::path dir = base / "plugin_config" / "obs-live-gifts";
	const fs::path file = dir / "connection.json";
	{
		ConnectionStore store(file);
		store.load();
		store.set(eulerSettings());
		REQUIRE(store.save());
	}
	CHECK(modeOf(base / "plugin_config") == 0700); // made for it
	CHECK(modeOf(dir) == 0700);
	CHECK(modeOf(file) == 0600);

	// An older version left the file (with the API key) readable by everyone: tightened when it is loaded.
	fs::permissions(file, fs::perms(0644), fs::perm_options::replace);
	ConnectionStore store(file);
	store.load();
	CHECK(store.settings().eulerApiKey == eulerSettings().eulerApiKey);
	CHECK(modeOf(file) == 0600);
	::umask(oldMask);
}
#endif

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
	writeText(file, R"({"version":2,"kind":"replay","replay":{"speed":"fast","file":"/tmp/a.jsonl"},"record":1,
			    "euler":{"apiKey":42},"tikfinity":"ws://x","future":{"nested":true},"loop":true})");
	testing::CapturingLogger logger;
	ConnectionStore store(file, logger);
	store.load();
	const ConnectionSettings s = store.settings();
	CHECK(s.kind == "replay");
	CHECK(s.replayFile == "/tmp/a.jsonl");
	CHECK(s.replaySpeed == 1.0);
	CHECK_FALSE(s.record);
	CHECK(s.eulerApiKey.empty());
	CHECK(s.tikfinityUrl.empty());
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
	b.tikfinityUrl = "ws://127.0.0.1:1/";
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

TEST_CASE("a file written before version 2 gives its one url to the kind that was selected only", "[connection]")
{
	const fs::path dir = testing::freshTempDir("store-migrate");
	const fs::path file = dir / "connection.json";
	struct Case {
		const char *text;
		ConnectionSettings expected;
	};
	ConnectionSettings tikfinity;
	tikfinity.kind = "tikfinity";
	tikfinity.tikfinityUrl = "ws://127.0.0.1:21999/";
	ConnectionSettings bridge;
	bridge.kind = "websocket-url";
	bridge.bridgeUrl = "ws://127.0.0.1:21300/";
	bridge.record = true;
	ConnectionSettings euler; // the bridge's leftover URL was the hidden field: dropped
	euler.kind = "euler";
	euler.eulerUniqueId = "@some.creator";
	euler.eulerApiKey = "k";
	ConnectionSettings replay;
	replay.kind = "replay";
	replay.replayFile = "/tmp/a.jsonl";
	replay.replaySpeed = 4.0;
	ConnectionSettings demo;
	demo.demoSpeed = 3.0;
	const Case cases[] = {
	    {R"({"kind":"tikfinity","url":"ws://127.0.0.1:21999/","speed":2.0})", tikfinity},
	    {R"({"kind":"websocket-url","url":"ws://127.0.0.1:21300/","record":true})", bridge},
	    {R"({"kind":"euler","url":"ws://127.0.0.1:21300/?uniqueId=x","uniqueId":"@some.creator","apiKey":"k"})",
	     euler},
	    {R"({"kind":"replay","url":"ws://127.0.0.1:21300/","replayFile":"/tmp/a.jsonl","speed":4.0})", replay},
	    {R"({"kind":"demo","url":"ws://127.0.0.1:21300/","speed":3.0})", demo},
	};
	for (const Case &c : cases) {
		CAPTURE(c.text);
		writeText(file, c.text);
		ConnectionStore store(file);
		store.load();
		CHECK(store.settings() == c.expected);
		// The next save writes version 2, which loads back the same.
		ConnectionSettings changed = store.settings();
		changed.record = !changed.record;
		store.set(changed);
		REQUIRE(store.save());
		CHECK(nlohmann::json::parse(readText(file))["version"] == 2);
		ConnectionStore again(file);
		again.load();
		CHECK(again.settings() == changed);
	}
}

TEST_CASE("a connector reads only the fields of its own kind", "[connection]")
{
	// Every field filled: what each kind's connector gets must come from its own fields alone.
	ConnectionSettings all;
	all.tikfinityUrl = "ws://127.0.0.1:1111/";
	all.bridgeUrl = "ws://127.0.0.1:2222/";
	all.eulerUniqueId = "creator";
	all.eulerApiKey = "key";
	all.replayFile = "/tmp/r.jsonl";
	all.replaySpeed = 3.0;
	all.demoSpeed = 5.0;
	const fs::path demoFile = "/data/demo.jsonl";
	ConnectorSettings out;

	all.kind = "tikfinity";
	REQUIRE(connectorSettingsFor(all, demoFile, out));
	CHECK(out.kind == ConnectorKind::TikFinity);
	CHECK(connectUrl(out) == "ws://127.0.0.1:1111/");
	CHECK(out.apiKey.empty());
	ConnectionSettings empty = all;
	empty.tikfinityUrl.clear();
	REQUIRE(connectorSettingsFor(empty, demoFile, out));
	CHECK(connectUrl(out) == kTikFinityUrl); // the default, never the bridge's URL

	all.kind = "websocket-url";
	REQUIRE(connectorSettingsFor(all, demoFile, out));
	CHECK(out.kind == ConnectorKind::WebSocketUrl);
	CHECK(connectUrl(out) == "ws://127.0.0.1:2222/");
	CHECK(out.uniqueId.empty());

	all.kind = "euler";
	REQUIRE(connectorSettingsFor(all, demoFile, out));
	CHECK(out.kind == ConnectorKind::Euler);
	CHECK(connectUrl(out).rfind(kEulerUrl, 0) == 0);
	CHECK(connectUrl(out).find("creator") != std::string::npos);
	CHECK(connectUrl(out).find("2222") == std::string::npos);

	all.kind = "replay";
	REQUIRE(connectorSettingsFor(all, demoFile, out));
	CHECK(out.kind == ConnectorKind::Replay);
	CHECK(out.replayFile == fs::path("/tmp/r.jsonl"));
	CHECK(out.speed == 3.0);
	CHECK_FALSE(out.loop);
	CHECK(out.url.empty());

	all.kind = "demo";
	REQUIRE(connectorSettingsFor(all, demoFile, out));
	CHECK(out.replayFile == demoFile);
	CHECK(out.speed == 5.0);
	CHECK(out.loop);

	all.kind = "off";
	CHECK_FALSE(connectorSettingsFor(all, demoFile, out));
	all.kind = "something-newer";
	CHECK_FALSE(connectorSettingsFor(all, demoFile, out));
}
