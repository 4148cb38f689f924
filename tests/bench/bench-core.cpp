// live-gifts core benchmark: prints figures, passes or fails nothing.
//   parse and parse+count throughput for the TLC 1.2.3 (flat) and 2.5.0 (raw) shapes,
//   the engine end to end (memory only and with the SQLite ledger),
//   memory with 1,000,000 distinct supporters, leaderboard update cost, memory of a full msgId window.
// Usage: live_gifts_core_bench [--quick]
#include <atomic>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <malloc.h>
#include <unistd.h>
#include <vector>

#include "core/dedupe.hpp"
#include "core/engine.hpp"
#include "core/normalize.hpp"
#include "core/tally.hpp"
#include "test-files.hpp"

using namespace livegifts;
using WallTimer = std::chrono::steady_clock;
using testsupport::readLines;

namespace {

// CPU time of the calling thread: the single-core figures are taken with it, so other programs on a
// shared machine do not count against us (wall time is printed next to it).
double threadCpuSeconds()
{
	timespec ts{};
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double seconds(WallTimer::time_point since)
{
	return std::chrono::duration<double>(WallTimer::now() - since).count();
}

void replaceAll(std::string &text, const std::string &from, const std::string &to)
{
	for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
		text.replace(at, from.size(), to);
	}
}

// The fixture `copies` times with fresh msgIds and combo ids, so nothing is a duplicate.
std::vector<std::string> expand(const std::vector<std::string> &lines, int copies, std::size_t &bytes)
{
	std::vector<std::string> out;
	out.reserve(lines.size() * static_cast<std::size_t>(copies));
	bytes = 0;
	for (int copy = 0; copy < copies; ++copy) {
		const std::string tag = "c" + std::to_string(copy) + "-";
		for (std::string line : lines) {
			replaceAll(line, R"("msgId":")", R"("msgId":")" + tag);
			replaceAll(line, R"("groupId":")", R"("groupId":")" + tag);
			bytes += line.size();
			out.push_back(std::move(line));
		}
	}
	return out;
}

// Bytes the allocator hands out right now (small blocks and mmapped ones).
double heapInUse()
{
	const auto info = mallinfo2();
	return static_cast<double>(info.uordblks + info.hblkhd);
}

long statusKb(const char *field)
{
	std::ifstream in("/proc/self/status");
	std::string line;
	const std::size_t n = std::strlen(field);
	while (std::getline(in, line)) {
		if (line.compare(0, n, field) == 0) {
			return std::stol(line.substr(n + 1));
		}
	}
	return -1;
}

struct Rate {
	double eventsPerSecond = 0; // per CPU second of the measuring thread (wall for multi-threaded runs)
	double megabytesPerSecond = 0;
	double wallEventsPerSecond = 0;
};

void print(const char *what, const Rate &rate)
{
	std::printf("  %-44s %10.0f events/s %8.1f MB/s  (wall: %.0f events/s)\n", what, rate.eventsPerSecond,
		    rate.megabytesPerSecond, rate.wallEventsPerSecond);
}

// Best of `runs` timed passes over `bytes` of frames; `pass` does one and returns how many events it handled.
// With `warmUp`, one more pass first only warms caches and the allocator.
template <typename Pass>
Rate bestOf(int runs, bool warmUp, std::size_t bytes, Pass &&pass)
{
	Rate best;
	for (int r = warmUp ? -1 : 0; r < runs; ++r) {
		const auto start = WallTimer::now();
		const double cpuStart = threadCpuSeconds();
		const auto count = static_cast<double>(pass());
		const double cpu = threadCpuSeconds() - cpuStart;
		const double s = seconds(start);
		if (r >= 0 && count / cpu > best.eventsPerSecond) {
			best = {count / cpu, static_cast<double>(bytes) / cpu / 1e6, count / s};
		}
	}
	return best;
}

// Best of `runs`: parse only.
Rate parseOnly(const std::vector<std::string> &frames, std::size_t bytes, bool fast, int runs)
{
	return bestOf(runs, true, bytes, [&] {
		FrameParser parser;
		parser.setFastPath(fast);
		std::vector<Event> events;
		std::size_t count = 0;
		for (const auto &frame : frames) {
			events.clear();
			parser.parse(frame, events);
			count += events.size();
		}
		return count;
	});
}

// Best of `runs`: parse and count into a fresh Tally (one core, what the engine worker does).
Rate parseAndCount(const std::vector<std::string> &frames, std::size_t bytes, int runs, std::int64_t &coins)
{
	return bestOf(runs, false, bytes, [&] {
		TallyOptions options;
		options.recordWrites = false;
		Tally tally(options);
		FrameParser parser;
		std::vector<Event> events;
		std::size_t count = 0;
		for (const auto &frame : frames) {
			events.clear();
			parser.parse(frame, events);
			for (const auto &event : events) {
				tally.apply(event, event.createTimeMs);
				++count;
			}
		}
		tally.closeOpenStreaks(INT64_MAX / 2);
		coins = tally.totals(true).coins;
		return count;
	});
}

// The Engine facade end to end: one producer thread submits, the worker applies (and writes the ledger).
Rate engineRun(const std::vector<std::string> &frames, std::size_t bytes, const std::string &ledgerPath,
	       std::int64_t &coins)
{
	EngineOptions options;
	options.ledgerPath = ledgerPath;
	options.useEventTime = true;
	Engine engine(options);
	engine.flush();
	const auto start = WallTimer::now();
	std::size_t n = 0;
	for (const auto &frame : frames) {
		engine.submitFrame(frame);
		if (++n % 4096 == 0) {
			engine.flush();
		}
	}
	engine.endOfInput();
	engine.flush();
	const double s = seconds(start);
	coins = engine.snapshot()->allTime.totals.coins;
	const double rate = static_cast<double>(frames.size()) / s;
	return {rate, static_cast<double>(bytes) / s / 1e6, rate};
}

std::string compactGift(std::size_t i)
{
	// A TikFinity-style flat gift with only the fields an overlay uses (about 360 bytes).
	return R"({"event":"gift","data":{"msgId":"7510400000)" + std::to_string(1000000 + i) +
	       R"(","uniqueId":"supporter_)" + std::to_string(i) + R"(","userId":")" +
	       std::to_string(6800000000000000000ULL + i) + R"(","nickname":"Supporter )" + std::to_string(i) +
	       R"(","profilePictureUrl":"https://p16-sign-va.tiktokcdn.com/tos-maliva-avt-0068/)" + std::to_string(i) +
	       R"(~c5_100x100.jpeg","giftId":5655,"giftName":"Rose","diamondCount":1,"giftType":1,"repeatCount":1,"repeatEnd":true,"groupId":")" +
	       std::to_string(i) + R"(","createTime":"1748800800000"}})";
}

double cpuSeconds(clockid_t clock)
{
	timespec ts{};
	clock_gettime(clock, &ts);
	return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// The engine as a live storm feeds it: one gift at a time, `rate` a second (each its own batch, snapshot and
// ledger write), against the same gifts handed over at once. The engine's CPU per gift: the process's CPU
// less this (submitting) thread's.
void trickle(const std::vector<std::string> &frames, double rate, const std::string &ledgerPath)
{
	EngineOptions options;
	options.ledgerPath = ledgerPath;
	std::atomic<long> publishes{0};
	options.onPublish = [&publishes] { publishes.fetch_add(1); };
	Engine engine(options);
	engine.flush();
	const long publishes0 = publishes.load();
	const double process0 = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID), own0 = cpuSeconds(CLOCK_THREAD_CPUTIME_ID);
	const auto start = WallTimer::now();
	const auto period = std::chrono::duration<double>(1.0 / rate);
	for (std::size_t i = 0; i < frames.size(); ++i) {
		std::this_thread::sleep_until(start + std::chrono::duration_cast<WallTimer::duration>(period * i));
		engine.submitFrame(frames[i]);
	}
	engine.flush();
	const double wall = seconds(start);
	const double engineCpu =
	    (cpuSeconds(CLOCK_PROCESS_CPUTIME_ID) - process0) - (cpuSeconds(CLOCK_THREAD_CPUTIME_ID) - own0);
	std::printf("  %-44s %8.1f us a gift, %5.1f %% of a core (%zu gifts in %.1f s, %s, %ld snapshots)\n",
		    ("engine, " + std::to_string(static_cast<int>(rate)) + " gifts/s one at a time").c_str(),
		    engineCpu / static_cast<double>(frames.size()) * 1e6, engineCpu / wall * 100.0, frames.size(), wall,
		    ledgerPath.empty() ? "memory only" : "SQLite ledger", publishes.load() - publishes0);
}

// The storm in memory and with a SQLite ledger.
void storm(const std::vector<std::string> &frames)
{
	trickle(frames, 1000.0, "");
	const auto ledger =
	    std::filesystem::temp_directory_path() / ("live-gifts-trickle-" + std::to_string(::getpid()) + ".db");
	trickle(frames, 1000.0, ledger.string());
	for (const char *suffix : {"", "-wal", "-shm", ".lock"}) {
		std::filesystem::remove(ledger.string() + suffix);
	}
}

} // namespace

int main(int argc, char **argv)
{
	const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
	// --storm: only the live storm (one gift at a time), for a profiler.
	const bool stormOnly = argc > 1 && std::strcmp(argv[1], "--storm") == 0;
	const std::filesystem::path data = LIVE_GIFTS_TEST_DATA;
	const int runs = quick ? 1 : 3;
	std::printf("live-gifts core benchmark%s (hardware threads: %u; one core used unless noted)\n",
		    quick ? " (quick)" : "", std::thread::hardware_concurrency());
	if (stormOnly) {
		std::vector<std::string> frames;
		for (std::size_t i = 0; i < 10000; ++i) {
			frames.push_back(compactGift(i));
		}
		std::printf("\nA storm of compact flat gifts, 10 s\n");
		storm(frames);
		return 0;
	}

	{
		const std::size_t supporters = quick ? 50000 : 1000000;
		std::printf(
		    "\nMemory with %zu distinct supporters (each sends one gift, 1 ms apart; default engine limits)\n",
		    supporters);
		TallyOptions options;
		options.recordWrites = false;
		const long before = statusKb("VmRSS:");
		const double heapBefore = heapInUse();
		std::size_t stringBytes = 0;
		const auto start = WallTimer::now();
		{
			Tally tally(options);
			FrameParser parser;
			std::vector<Event> events;
			for (std::size_t i = 0; i < supporters; ++i) {
				events.clear();
				parser.parse(compactGift(i), events);
				stringBytes += events[0].user.id.size() + events[0].user.numericId.size() +
					       events[0].user.nickname.size() + events[0].user.avatarUrl.size();
				tally.apply(events[0], static_cast<Millis>(i)); // one gift a millisecond
			}
			const double fill = seconds(start);
			const long after = statusKb("VmRSS:");
			const double perSupporter = (heapInUse() - heapBefore) / static_cast<double>(supporters);
			const double rssPerSupporter =
			    static_cast<double>(after - before) * 1024.0 / static_cast<double>(supporters);
			const double strings = static_cast<double>(stringBytes) / static_cast<double>(supporters);
			std::printf("  %-44s %12.1f s\n", "fill time", fill);
			std::printf("  %-44s %12.0f bytes/supporter (heap in use by all engine state)\n", "memory",
				    perSupporter);
			std::printf("  %-44s %12.0f bytes/supporter (process RSS growth)\n", "", rssPerSupporter);
			std::printf("  %-44s %12.0f bytes/supporter (handle, account id, nickname, avatar URL)\n",
				    "  of which their strings", strings);
			std::printf("  %-44s %12.0f bytes/supporter\n", "  everything else", perSupporter - strings);
			std::printf("  %-44s %12zu + %zu + %zu bytes\n", "  directory / stream board / all-time board",
				    tally.directory().memoryBytes(), tally.board(false).memoryBytes(),
				    tally.board(true).memoryBytes());
			std::printf("  %-44s %12ld MB\n", "peak RSS of the process so far", statusKb("VmHWM:") / 1024);

			auto t = WallTimer::now();
			Snapshot snapshot;
			tally.fillSnapshot(snapshot);
			std::printf("  %-44s %12.2f ms\n", "snapshot (top 100 of both scopes)", seconds(t) * 1e3);
			t = WallTimer::now();
			const auto all = tally.supporters(true, 0);
			std::printf("  %-44s %12.0f ms (%zu entries)\n", "full ranking (CLI summary)", seconds(t) * 1e3,
				    all.size());
		}
		Leaderboard board;
		board.reserve(supporters);
		std::mt19937 rng(1);
		std::uint64_t stamp = 1;
		for (std::uint32_t i = 0; i < supporters; ++i) {
			board.addGift(i, rng() % 1000, 1, stamp++);
		}
		const std::size_t updates = supporters;
		const auto t = WallTimer::now();
		for (std::size_t i = 0; i < updates; ++i) {
			board.addGift(static_cast<std::uint32_t>(rng() % supporters), 1 + rng() % 100, 1, stamp++);
		}
		std::printf("  %-44s %12.0f ns/update (%zu random updates)\n", "leaderboard update",
			    seconds(t) * 1e9 / static_cast<double>(updates), updates);
	}

	{
		// The msgIds a session remembers (the default window): held for the whole session once a busy stream
		// or two have filled it.
		const std::size_t capacity = EngineOptions{}.dedupeCapacity;
		const double heapBefore = heapInUse();
		MsgIdDedupe window(capacity);
		const auto t = WallTimer::now();
		for (std::size_t i = 0; i < 2 * capacity; ++i) {
			window.insert(std::to_string(7300000000000000000ULL + i));
		}
		const double fill = seconds(t);
		std::printf("\nmsgId window, full (%zu ids remembered, %zu inserted)\n", window.size(), 2 * capacity);
		std::printf("  %-44s %12.1f bytes/id (heap in use)\n", "memory",
			    (heapInUse() - heapBefore) / static_cast<double>(capacity));
		std::printf("  %-44s %12.0f ns/insert\n", "insert (a new id, the oldest forgotten)",
			    fill * 1e9 / static_cast<double>(2 * capacity));
	}

	struct Shape {
		const char *name;
		const char *file;
		int copies;
	};
	const Shape shapes[] = {
	    {"TLC 1.2.3 flat (fixture, ~2.9 KB/event)", "fixtures/tlc-1.2.3/streak.jsonl", quick ? 5 : 500},
	    {"TLC 2.5.0 raw (fixture, ~10 KB/event)", "fixtures/tlc-2.5.0/streak.jsonl", quick ? 2 : 100},
	};
	for (const auto &shape : shapes) {
		std::size_t bytes = 0;
		const auto frames = expand(readLines(data / shape.file), shape.copies, bytes);
		std::printf("\n%s: %zu events, %.1f MB\n", shape.name, frames.size(), static_cast<double>(bytes) / 1e6);
		print("parse (fast scanner)", parseOnly(frames, bytes, true, runs));
		print("parse (nlohmann SAX only, for comparison)", parseOnly(frames, bytes, false, 1));
		std::int64_t coins = 0;
		print("parse + count (Tally)", parseAndCount(frames, bytes, runs, coins));
		std::printf("  %-44s %12lld (fixture x %d = %lld)\n", "coins counted", static_cast<long long>(coins),
			    shape.copies, 73863LL * shape.copies);
		std::int64_t engineCoins = 0;
		print("Engine end to end, memory only (wall, 2 thr.)", engineRun(frames, bytes, "", engineCoins));
		const auto ledger =
		    std::filesystem::temp_directory_path() / ("live-gifts-bench-" + std::to_string(::getpid()) + ".db");
		std::filesystem::remove(ledger);
		print("Engine end to end, SQLite ledger (wall)",
		      engineRun(frames, bytes, ledger.string(), engineCoins));
		std::printf("  %-44s %12lld coins, ledger %.1f MB\n", "ledger run", static_cast<long long>(engineCoins),
			    static_cast<double>(std::filesystem::file_size(ledger)) / 1e6);
		for (const char *suffix : {"", "-wal", "-shm", ".lock"}) {
			std::filesystem::remove(ledger.string() + suffix);
		}
	}

	{
		const std::size_t n = quick ? 20000 : 200000;
		std::vector<std::string> frames;
		std::size_t bytes = 0;
		for (std::size_t i = 0; i < n; ++i) {
			frames.push_back(compactGift(i));
			bytes += frames.back().size();
		}
		std::printf("\nCompact flat gifts (TikFinity-style, %zu bytes each): %zu events\n", frames[0].size(),
			    n);
		std::int64_t coins = 0;
		print("parse + count (Tally)", parseAndCount(frames, bytes, runs, coins));

		// A storm as it arrives live: 1,000 gifts a second from as many viewers, for 3 s (1 s quick).
		storm(std::vector<std::string>(frames.begin(), frames.begin() + (quick ? 1000 : 3000)));
	}

	return 0;
}
