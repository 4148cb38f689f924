// Fuzz target: the JSON the plugin reads back from files it wrote. The first byte picks the reader, the rest
// is the text: 0 the connection settings file (ConnectionStore::load), 1 a goal's spec and 2 a goal's progress
// as the ledger stores them (goal-json.cpp). Nothing may crash or throw; what was read must survive being
// written and read again unchanged.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

#include "connect/connection-store.hpp"
#include "core/goal-json.hpp"
#include "fuzz-support.hpp"

using namespace livegifts;
namespace fs = std::filesystem;

namespace {

using livegifts::fuzz::check;

const fs::path &workDir()
{
	static const fs::path dir = [] {
		std::error_code ec;
		fs::path base = fs::exists("/dev/shm", ec) ? fs::path("/dev/shm") : fs::temp_directory_path();
		std::string pattern = (base / "live-gifts-fuzz-settings-XXXXXX").string();
		if (mkdtemp(pattern.data()) == nullptr) {
			livegifts::fuzz::fail("cannot make a temporary folder");
		}
		return fs::path(pattern);
	}();
	return dir;
}

void connectionFile(std::string_view text)
{
	const fs::path file = workDir() / "connection.json";
	std::error_code ec;
	fs::remove(file, ec);
	fs::remove(fs::path(file).concat(".unreadable"), ec);
	{
		std::ofstream out(file, std::ios::binary);
		out.write(text.data(), static_cast<std::streamsize>(text.size()));
	}
	connect::ConnectionStore store(file);
	store.load();
	const connect::ConnectionSettings loaded = store.settings();
	// What the store writes back reads as the same settings.
	const connect::ConnectionSettings again = connect::connectionFromJson(connect::connectionToJson(loaded));
	check(again == loaded, "connection settings change when written and read again");
	connect::ConnectorSettings settings;
	connect::connectorSettingsFor(loaded, workDir() / "demo.jsonl", settings);
}

void goalSpec(std::string_view text)
{
	GoalSpec spec;
	if (!goalSpecFromJson(text, spec)) {
		return;
	}
	const std::string written = goalSpecToJson(spec);
	GoalSpec reread;
	check(goalSpecFromJson(written, reread), "a goal spec it wrote does not read back");
	check(goalSpecToJson(reread) == written, "a goal spec changes when written and read again");
}

void goalProgress(std::string_view text)
{
	GoalRecord record;
	if (!goalProgressFromJson(text, record)) {
		return;
	}
	const std::string written = goalProgressToJson(record);
	GoalRecord reread;
	check(goalProgressFromJson(written, reread), "goal progress it wrote does not read back");
	check(goalProgressToJson(reread) == written, "goal progress changes when written and read again");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	if (size == 0) {
		return 0;
	}
	const std::string_view text(reinterpret_cast<const char *>(data) + 1, size - 1);
	try {
		switch (data[0] % 3) {
		case 0:
			connectionFile(text);
			break;
		case 1:
			goalSpec(text);
			break;
		default:
			goalProgress(text);
			break;
		}
	} catch (const std::exception &e) {
		std::fprintf(stderr, "fuzz: %s\n", e.what());
		livegifts::fuzz::fail("an exception left a settings reader");
	}
	return 0;
}
