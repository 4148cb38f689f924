// Runs the live-gifts binary as a user would: fixtures, every shape, errors, CSV, ledger re-runs, kill -9.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "support.hpp"

using testsupport::dataDir;
using testsupport::readFile;
using testsupport::TempDir;

namespace {

struct RunResult {
	int status = -1;
	std::string out;
	std::string err;
};

// Starts live-gifts with `args`; stdout/stderr go to files in `dir`. Returns the pid.
pid_t spawn(const std::vector<std::string> &args, const TempDir &dir, const std::string &stdinPath = {})
{
	const std::string outPath = dir.file("stdout.txt");
	const std::string errPath = dir.file("stderr.txt");
	const pid_t pid = fork();
	if (pid == 0) {
		const int out = ::open(outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
		const int err = ::open(errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
		dup2(out, 1);
		dup2(err, 2);
		if (!stdinPath.empty()) {
			const int in = ::open(stdinPath.c_str(), O_RDONLY);
			dup2(in, 0);
		}
		std::vector<char *> argv;
		argv.push_back(const_cast<char *>(LIVE_GIFTS_CLI));
		for (const auto &a : args) {
			argv.push_back(const_cast<char *>(a.c_str()));
		}
		argv.push_back(nullptr);
		execv(LIVE_GIFTS_CLI, argv.data());
		_exit(127);
	}
	return pid;
}

RunResult run(const std::vector<std::string> &args, const std::string &stdinPath = {})
{
	TempDir dir;
	const pid_t pid = spawn(args, dir, stdinPath);
	int status = 0;
	waitpid(pid, &status, 0);
	RunResult result;
	result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	result.out = readFile(dir.file("stdout.txt"));
	result.err = readFile(dir.file("stderr.txt"));
	return result;
}

nlohmann::json summaryOf(const RunResult &result)
{
	INFO(result.err);
	REQUIRE(result.status == 0);
	return nlohmann::json::parse(result.out);
}

std::int64_t storedEvents(const std::string &path)
{
	sqlite3 *db = nullptr;
	std::int64_t count = -1;
	if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
		sqlite3_busy_timeout(db, 100);
		sqlite3_stmt *stmt = nullptr;
		if (sqlite3_prepare_v2(db, "SELECT count(*) FROM events", -1, &stmt, nullptr) == SQLITE_OK &&
		    sqlite3_step(stmt) == SQLITE_ROW) {
			count = sqlite3_column_int64(stmt, 0);
		}
		sqlite3_finalize(stmt);
	}
	sqlite3_close(db);
	return count;
}

// Totals that must not depend on how often a run was interrupted.
nlohmann::json totalsOnly(nlohmann::json summary)
{
	for (const char *key : {"duplicates", "events", "errors", "streaks_closed_by_timeout", "unknown_events"}) {
		summary.erase(key);
	}
	return summary;
}

} // namespace

TEST_CASE("CLI reproduces the fixtures' expected totals exactly", "[cli][fixtures]")
{
	for (const char *version : {"tlc-1.2.3", "tlc-2.5.0"}) {
		INFO(version);
		const auto dir = dataDir() / "fixtures" / version;
		const auto expected = nlohmann::json::parse(readFile(dir / "streak.expected.json"));
		const auto summary = summaryOf(run({"replay", (dir / "streak.jsonl").string()}));
		CHECK(summary["coins"] == expected["grand_total_diamonds"]);
		CHECK(summary["gifts"] == expected["grand_total_gifts"]);
		CHECK(summary["errors"] == 0);
		CHECK(summary["duplicates"] == 0);
		CHECK(summary["events"] == expected["library_event_counts"]);
		REQUIRE(summary["supporters"].size() == expected["per_user"].size());
		std::int64_t previous = INT64_MAX;
		std::size_t rank = 0;
		for (const auto &s : summary["supporters"]) {
			const auto &user = expected["per_user"].at(s["id"].get<std::string>());
			CHECK(s["coins"] == user["diamonds"]);
			CHECK(s["gifts"] == user["gifts"]);
			CHECK(s["nickname"] == user["nickname"]);
			CHECK(s["rank"] == ++rank);
			CHECK(s["coins"].get<std::int64_t>() <= previous);
			previous = s["coins"].get<std::int64_t>();
		}
		REQUIRE(summary["per_gift"].size() == expected["per_gift"].size());
		for (const auto &[id, gift] : expected["per_gift"].items()) {
			const auto &got = summary["per_gift"].at(id);
			CHECK(got["name"] == gift["name"]);
			CHECK(got["count"] == gift["count"]);
			CHECK(got["coins"] == gift["diamonds"]);
		}
		// the pitfalls are not what we produce
		CHECK(summary["coins"] != expected["pitfalls"]["diamonds_if_every_gift_event_is_counted"]);
	}
}

TEST_CASE("CLI reproduces the demo stream's independently computed totals", "[cli][fixtures]")
{
	// data/demo: four minutes of a made-up LIVE in the TLC 1.x shape with likes, follows sent twice
	// (social + follow), joins, viewer counts, chats and one combo whose end never comes.
	const auto dir = testsupport::demoDir();
	const auto expected = nlohmann::json::parse(readFile(dir / "demo-stream.expected.json"));
	const auto s = summaryOf(run({"replay", (dir / "demo-stream.jsonl").string()}));
	CHECK(s["coins"] == expected["coins"]);
	CHECK(s["gifts"] == expected["gifts"]);
	CHECK(s["likes"]["received"] == expected["likes"]);
	CHECK(s["likes"]["room_total"] == expected["roomLikeTotal"]);
	CHECK(s["follows"] == expected["follows"]);
	CHECK(s["shares"] == expected["shares"]);
	CHECK(s["subscribers"] == expected["subscribers"]);
	CHECK(s["joins"] == expected["joins"]);
	CHECK(s["chats"] == expected["chats"]);
	CHECK(s["viewers"]["last"] == expected["viewersLast"]);
	CHECK(s["viewers"]["peak"] == expected["viewersPeak"]);
	CHECK(s["errors"] == 0);
	REQUIRE(s["supporters"].size() == expected["perUser"].size());
	for (const auto &supporter : s["supporters"]) {
		const auto &user = expected["perUser"].at(supporter["id"].get<std::string>());
		CHECK(supporter["coins"] == user["coins"]);
		CHECK(supporter["gifts"] == user["gifts"]);
		CHECK(supporter["nickname"] == user["nickname"]);
	}
	REQUIRE(s["per_gift"].size() == expected["perGift"].size());
	for (const auto &[name, gift] : expected["perGift"].items()) {
		const auto &got = s["per_gift"].at(std::to_string(gift["giftId"].get<long long>()));
		CHECK(got["name"] == name);
		CHECK(got["count"] == gift["count"]);
		CHECK(got["coins"] == gift["coins"]);
	}
}

TEST_CASE("CLI: every shape and kind in one file, errors reported with line numbers", "[cli]")
{
	const auto path = dataDir() / "shapes/mixed.jsonl";
	const auto result = run({"replay", path.string()});
	const auto s = summaryOf(result);
	CHECK(s["coins"] == 30027);
	CHECK(s["gifts"] == 13);
	CHECK(s["likes"]["received"] == 15);
	CHECK(s["likes"]["room_total"] == 200);
	CHECK(s["follows"] == 1);
	CHECK(s["shares"] == 1);
	CHECK(s["subscribers"] == 2);
	CHECK(s["joins"] == 2);
	CHECK(s["chats"] == 1);
	CHECK(s["viewers"]["last"] == 40);
	CHECK(s["viewers"]["peak"] == 40);
	CHECK(s["duplicates"] == 3);
	CHECK(s["errors"] == 2);
	CHECK(s["repaired_utf8"] == 1);
	CHECK(s["stream_ended"] == true);
	CHECK(s["events"]["gift"] == 6);
	CHECK(s["events"]["social"] == 2); // counted as they arrived, read as a follow and a share
	CHECK(s["events"]["follow"] == 1);
	CHECK(s["events"]["share"] == 1);
	CHECK(s["events"]["streamEnd"] == 1);
	CHECK(s["events"]["control"] == 1);
	CHECK(s["events"]["unknown"] == 1);
	CHECK(s["unknown_events"]["questionNew"] == 1);
	REQUIRE(s["supporters"].size() == 4);
	CHECK(s["supporters"][0]["id"] == "eve");
	CHECK(s["supporters"][1]["id"] == "hal"); // its streak was closed by the stream end
	CHECK(s["supporters"][1]["coins"] == 20);
	CHECK(s["supporters"][2]["id"] == "bob");
	CHECK(s["supporters"][3]["nickname"] == "F\xEF\xBF\xBD"
						"ay");
	CHECK(s["per_gift"]["5655"]["count"] == 8);
	// the line numbers of the two bad lines
	const auto lines = readFile(path);
	std::size_t lineNo = 1;
	std::vector<std::size_t> bad;
	for (std::size_t i = 0, start = 0; i < lines.size(); ++i) {
		if (lines[i] == '\n') {
			const auto line = lines.substr(start, i - start);
			if (line.find("\"x1\"") != std::string::npos || line.find("\"w1\"") != std::string::npos) {
				bad.push_back(lineNo);
			}
			start = i + 1;
			++lineNo;
		}
	}
	REQUIRE(bad.size() == 2);
	for (auto n : bad) {
		CHECK(result.err.find("line " + std::to_string(n) + ": ") != std::string::npos);
	}
}

TEST_CASE("CLI: 20000 frames with a bad item each print a few warnings and a count, not 20000 lines", "[cli]")
{
	TempDir dir;
	{
		std::ofstream out(dir.file("hostile.jsonl"));
		for (int i = 0; i < 20000; ++i) {
			out << R"({"messages":[7]})"
			    << "\n";
		}
	}
	const auto result = run({"replay", dir.file("hostile.jsonl")});
	const auto s = summaryOf(result);
	CHECK(s["errors"] == 20000);
	const auto lines = static_cast<std::size_t>(std::count(result.err.begin(), result.err.end(), '\n'));
	CHECK(lines <= 30);
	CHECK(result.err.find("line 1: bundle element is not an object") != std::string::npos);
	CHECK(result.err.find("more like this suppressed") != std::string::npos);
}

TEST_CASE(
    "CLI: a line over the frame limit is skipped with one error naming the limit and counted as one; the rest counts",
    "[cli]")
{
	TempDir dir;
	const std::string path = dir.file("long.jsonl");
	{
		const std::string gift = R"({"event":"gift","data":{"msgId":"m)";
		const std::string rest = R"(","uniqueId":"ann","giftId":5655,"diamondCount":1,"giftType":2}})";
		std::ofstream out(path, std::ios::binary);
		out << gift << 1 << rest << "\n";
		out << R"({"event":"gift","data":{"padding":")" << std::string(17 * 1024 * 1024, 'x') << "\"}}\n";
		out << gift << 2 << rest << "\n";
		out << std::string(20 * 1024 * 1024, '[') << "\n"; // skipped without reading it whole
		out << gift << 3 << rest;                          // no newline at the end
	}
	const auto result = run({"replay", path});
	const auto s = summaryOf(result);
	CHECK(s["gifts"] == 3);
	CHECK(s["errors"] == 2); // the two skipped lines: the summary shows that input was lost
	INFO(result.err);
	CHECK(result.err.find("line 2: 17825830 bytes, longer than the limit of 16777216 bytes "
			      "(limits::maxFrameBytes); line skipped") != std::string::npos);
	CHECK(result.err.find("line 4: 20971520 bytes") != std::string::npos);
	CHECK(result.err.find("line 5") == std::string::npos);
}

TEST_CASE("CLI: a nickname cut inside an emoji (a lone surrogate escape) keeps its gift", "[cli]")
{
	TempDir dir;
	const auto path = dir.file("cut.jsonl");
	{
		std::ofstream out(path, std::ios::binary);
		int n = 0;
		for (const char *nickname : {"Ok", R"(Sara \ud83d)", R"(\udc00Ok too)"}) {
			++n;
			out << R"({"event":"gift","data":{"giftId":5655,"repeatCount":1,"repeatEnd":true,"groupId":"g)"
			    << n << R"(","uniqueId":"user)" << n << R"(","nickname":")" << nickname
			    << R"(","createTime":"174880080)" << n
			    << R"(000","giftType":2,"diamondCount":100,"msgId":"m)" << n << "\"}}\n";
		}
	}
	const auto s = summaryOf(run({"replay", path}));
	CHECK(s["coins"] == 300);
	CHECK(s["gifts"] == 3);
	CHECK(s["errors"] == 0);
	CHECK(s["repaired_utf8"] == 2);
}

TEST_CASE("CLI: stdin, CSV, usage errors", "[cli]")
{
	const auto fixture = (dataDir() / "fixtures/tlc-1.2.3/streak.jsonl").string();
	const auto fromStdin = summaryOf(run({"replay", "-"}, fixture));
	CHECK(fromStdin["coins"] == 73863);

	const auto csv = run({"replay", fixture, "--csv"});
	REQUIRE(csv.status == 0);
	CHECK(csv.out.rfind("rank,id,nickname,coins,gifts\r\n1,quote.backslash,", 0) == 0);
	CHECK(csv.out.find(R"("""Quoted"" \ Back\slash </script>&amp;",34999,1)") != std::string::npos);
	std::size_t rows = 0;
	for (char c : csv.out) {
		rows += c == '\n' ? 1 : 0;
	}
	CHECK(rows == 17);

	CHECK(run({"replay"}).status == 2);
	CHECK(run({"nonsense"}).status == 2);
	CHECK(run({"replay", "/no/such/file.jsonl"}).status == 1);
	CHECK(run({"--help"}).status == 0);
}

TEST_CASE("CLI: replay - stores a line from a pipe as soon as it is complete, the writer still open", "[cli]")
{
	TempDir dir;
	const auto fifo = dir.file("feed");
	const auto db = dir.file("ledger.db");
	REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
	const pid_t pid = spawn({"replay", "-", "--db", db}, dir, fifo);
	const int writer = ::open(fifo.c_str(), O_WRONLY); // returns once live-gifts has opened its end
	REQUIRE(writer >= 0);
	const std::string line = testsupport::flatGift("p1", "piper", 5655, 10, 2, 1, true, "g1", 1748800801000) + "\n";
	REQUIRE(::write(writer, line.data(), line.size()) == static_cast<ssize_t>(line.size()));
	// A live producer keeps its end open: the gift must be stored without more data or the end of the input.
	bool stored = false;
	for (int i = 0; i < 100 && !stored; ++i) {
		std::this_thread::sleep_for(std::chrono::milliseconds(50));
		stored = storedEvents(db) == 1;
	}
	::close(writer);
	int status = 0;
	waitpid(pid, &status, 0);
	CHECK(stored);
	CHECK(WIFEXITED(status));
	CHECK(WEXITSTATUS(status) == 0);
	CHECK(nlohmann::json::parse(readFile(dir.file("stdout.txt")))["coins"] == 10);
}

TEST_CASE("CLI: a re-run on the same ledger adds nothing", "[cli][ledger]")
{
	TempDir dir;
	const auto db = dir.file("ledger.db");
	const auto fixture = (dataDir() / "fixtures/tlc-2.5.0/streak.jsonl").string();
	const auto first = summaryOf(run({"replay", fixture, "--db", db}));
	const auto second = summaryOf(run({"replay", fixture, "--db", db}));
	CHECK(first["coins"] == 73863);
	CHECK(totalsOnly(second) == totalsOnly(first));
	CHECK(second["duplicates"] == 200);
	CHECK(storedEvents(db) == 200);
}

TEST_CASE("CLI: kill -9 in the middle of a ledger replay, then the same replay again", "[cli][kill]")
{
	TempDir dir;
	// A long input in the real 1.x shape: the fixture many times over with fresh msgIds and combos.
	const auto lines = testsupport::readLines(dataDir() / "fixtures/tlc-1.2.3/streak.jsonl");
	const auto input = dir.file("long.jsonl");
	constexpr int copies = 150;
	{
		std::ofstream out(input, std::ios::binary);
		for (int copy = 0; copy < copies; ++copy) {
			// fresh ids and combos, and 30 s later each time (the fixture spans 22.5 s)
			const std::string tag = "c" + std::to_string(copy) + "-";
			for (const auto &line : lines) {
				auto frame = nlohmann::json::parse(line);
				auto &data = frame["data"];
				data["msgId"] = tag + data["msgId"].get<std::string>();
				data["groupId"] = tag + data["groupId"].get<std::string>();
				const auto created = std::stoll(data["createTime"].get<std::string>());
				data["createTime"] = std::to_string(created + copy * 30000LL);
				out << frame.dump() << '\n';
			}
		}
	}
	const auto reference = summaryOf(run({"replay", input, "--db", dir.file("reference.db")}));
	CHECK(reference["coins"] == 73863 * copies);
	CHECK(reference["gifts"] == 204 * copies);
	CHECK(reference["streaks_closed_by_timeout"] == 0);

	const auto db = dir.file("killed.db");
	int kills = 0;
	for (int attempt = 0; attempt < 2; ++attempt) {
		TempDir runDir;
		const pid_t pid = spawn({"replay", input, "--db", db}, runDir);
		// wait until part of the input is committed, then kill without warning
		const std::int64_t before = std::max<std::int64_t>(storedEvents(db), 0);
		const std::int64_t wanted = before + 2000 + attempt * 3000;
		bool killed = false;
		for (int i = 0; i < 20000; ++i) {
			int status = 0;
			if (waitpid(pid, &status, WNOHANG) == pid) {
				break; // finished before we could kill it
			}
			if (storedEvents(db) >= wanted) {
				kill(pid, SIGKILL);
				waitpid(pid, &status, 0);
				killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
				break;
			}
			std::this_thread::sleep_for(std::chrono::milliseconds(1));
		}
		kills += killed ? 1 : 0;
		const auto stored = storedEvents(db);
		INFO("stored after kill " << stored);
		CHECK(stored < copies * 200);
	}
	CHECK(kills == 2);
	const auto resumed = summaryOf(run({"replay", input, "--db", db}));
	CHECK(totalsOnly(resumed) == totalsOnly(reference));
	CHECK(storedEvents(db) == copies * 200);
	CHECK(resumed["duplicates"].get<std::int64_t>() > 0);
}

TEST_CASE("CLI: a ledger locked until exit keeps the rows in its spill file and fails loudly", "[cli][ledger]")
{
	TempDir dir;
	const auto db = dir.file("ledger.db");
	const auto empty = dir.file("empty.jsonl");
	{
		std::ofstream out(empty);
	}
	const auto fixture = (dataDir() / "fixtures/tlc-2.5.0/streak.jsonl").string();
	summaryOf(run({"replay", empty, "--db", db})); // the ledger exists
	sqlite3 *other = nullptr;
	REQUIRE(sqlite3_open(db.c_str(), &other) == SQLITE_OK);
	REQUIRE(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
	const RunResult locked = run({"replay", fixture, "--db", db});
	sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
	sqlite3_close(other);
	INFO(locked.err);
	CHECK(locked.status == 1);
	CHECK(nlohmann::json::parse(locked.out)["coins"] == 73863);
	CHECK(locked.err.find("error: ledger: ") != std::string::npos);
	CHECK(locked.err.find("rows (200 messages) could not be written") != std::string::npos);
	CHECK(locked.err.find(db + ".spill") != std::string::npos);
	CHECK(std::filesystem::exists(db + ".spill"));
	CHECK(storedEvents(db) == 0);
	// the next run writes the kept rows first: the same file then adds nothing
	const auto next = summaryOf(run({"replay", fixture, "--db", db}));
	CHECK(next["coins"] == 73863);
	CHECK(next["duplicates"] == 200);
	CHECK(storedEvents(db) == 200);
	CHECK_FALSE(std::filesystem::exists(db + ".spill"));
}

TEST_CASE("CLI: a damaged ledger moved aside, or another program's database, fails the run loudly", "[cli][ledger]")
{
	// Seen: `replay --db` on a damaged ledger printed "error: ... moved to ..." and exited 0, so a script could
	// not tell that the totals it read no longer held the ledger's history; another program's SQLite file
	// given as --db got the ledger's tables added beside its own.
	TempDir dir;
	const auto fixture = (dataDir() / "fixtures/tlc-2.5.0/streak.jsonl").string();
	const auto damaged = dir.file("damaged.db");
	{
		std::ofstream out(damaged, std::ios::binary);
		for (int i = 0; i < 500; ++i) {
			out << "not a database ";
		}
	}
	const RunResult first = run({"replay", fixture, "--db", damaged});
	INFO(first.err);
	CHECK(first.status == 1);
	CHECK(nlohmann::json::parse(first.out)["coins"] == 73863); // counted, into the new ledger
	CHECK(first.err.find("is damaged") != std::string::npos);
	CHECK(first.err.find(damaged + ".corrupt-") != std::string::npos);
	CHECK(storedEvents(damaged) == 200);
	// The new ledger is a ledger: the next run is an ordinary one.
	const auto second = summaryOf(run({"replay", fixture, "--db", damaged}));
	CHECK(second["duplicates"] == 200);

	const auto foreign = dir.file("notes.db");
	sqlite3 *other = nullptr;
	REQUIRE(sqlite3_open(foreign.c_str(), &other) == SQLITE_OK);
	REQUIRE(sqlite3_exec(other, "CREATE TABLE notes(text); INSERT INTO notes VALUES('keep')", nullptr, nullptr,
			     nullptr) == SQLITE_OK);
	sqlite3_close(other);
	const RunResult refused = run({"replay", fixture, "--db", foreign});
	INFO(refused.err);
	CHECK(refused.status == 1);
	CHECK(nlohmann::json::parse(refused.out)["coins"] == 73863); // counted in memory
	CHECK(refused.err.find("not a ledger but a database of another program") != std::string::npos);
	CHECK(refused.err.find("tables: notes") != std::string::npos);
	CHECK(storedEvents(foreign) == -1); // no events table was added
	CHECK_FALSE(std::filesystem::exists(foreign + "-wal"));
}

TEST_CASE("CLI: messages with neither msgId nor createTime are named when they go into a ledger", "[cli][ledger]")
{
	// Seen: such a gift counted again on every rerun into one ledger (1,000 -> 2,000 -> 3,000 coins) without a
	// word. It must count (two real gifts cannot be told from a re-send), but the run says so.
	TempDir dir;
	const auto input = dir.file("bare.jsonl");
	{
		std::ofstream out(input);
		out << R"({"event":"gift","data":{"uniqueId":"ann","giftId":5558,"diamondCount":1000,"repeatCount":1,)"
		       R"("repeatEnd":true,"giftType":2}})"
		    << '\n'
		    << R"({"event":"gift","data":{"uniqueId":"bob","giftId":5655,"diamondCount":1,"repeatCount":1,)"
		       R"("repeatEnd":true,"giftType":1,"createTime":"1700000000001"}})"
		    << '\n';
	}
	const auto db = dir.file("ledger.db");
	const RunResult first = run({"replay", input, "--db", db});
	INFO(first.err);
	CHECK(first.status == 0);
	const auto summary = nlohmann::json::parse(first.out);
	CHECK(summary["coins"] == 1001);
	CHECK(summary["unidentified"] == 1);
	CHECK(first.err.find("warning: 1 messages had neither a msgId nor a createTime") != std::string::npos);
	CHECK(first.err.find("a rerun of this input into the ledger counts them again") != std::string::npos);
	// The rerun shows it: the timed gift is a duplicate, the bare one counts again.
	const auto second = summaryOf(run({"replay", input, "--db", db}));
	CHECK(second["coins"] == 2001);
	CHECK(second["duplicates"] == 1);
	// Without a ledger nothing is kept to count twice: the figure is in the summary, no warning.
	const RunResult memory = run({"replay", input});
	CHECK(memory.err.find("neither a msgId") == std::string::npos);
	CHECK(nlohmann::json::parse(memory.out)["unidentified"] == 1);
}

TEST_CASE("CLI: a message's values cannot forge log lines or drive the terminal", "[cli]")
{
	TempDir dir;
	const auto input = dir.file("forge.jsonl");
	{
		std::ofstream out(input, std::ios::binary);
		out << R"({"event":"gift","data":{"msgId":"1","uniqueId":"a","giftId":"\u001b[31m\r\nlive-gifts: FORGED",)"
		       R"("diamondCount":1}})"
		    << '\n';
	}
	const RunResult result = run({"replay", input});
	INFO(result.err);
	CHECK(result.status == 0);
	CHECK(result.err.find('\x1b') == std::string::npos);
	CHECK(result.err.find('\r') == std::string::npos);
	CHECK(result.err.find("\nlive-gifts: FORGED") == std::string::npos);
	CHECK(result.err.find("\\x1b[31m\\r\\nlive-gifts: FORGED") != std::string::npos);
}
