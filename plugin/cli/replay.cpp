// live-gifts replay: counts a recorded JSONL stream and prints the totals.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "core/engine.hpp"
#include "core/line-reader.hpp"
#include "core/summary.hpp"
#include "core/utf8-path.hpp"

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#endif

namespace livegifts::cli {

void StderrLogger::log(LogLevel level, std::string_view message)
{
	if (level == LogLevel::Debug || (level == LogLevel::Info && !verbose_)) {
		return;
	}
	const char *tag = level == LogLevel::Error ? "error: " : level == LogLevel::Warning ? "warning: " : "";
	const std::string line = printableLogLine(message);
	std::fprintf(stderr, "live-gifts: %s%.*s\n", tag, static_cast<int>(line.size()), line.data());
}

namespace {

constexpr const char *replayUsage =
    "usage: live-gifts replay FILE.jsonl|- [--csv] [--db LEDGER] [--scope all|stream] [--timeout MS] "
    "[--verbose]\n"
    "  Counts every line (one frame each) and prints a JSON summary, or the ranked supporters as CSV.\n"
    "  --db LEDGER   count into a SQLite ledger (a re-run of the same file adds nothing)\n"
    "  --scope       totals of all time (default) or of the current stream\n"
    "  --timeout MS  streak quiet timeout on the events' own clock (default 5000)\n";

// Text handed to the engine and not yet parsed: beyond this the reader waits for the engine.
constexpr std::uint64_t maxQueuedBytes = 64 * 1024 * 1024;

// Standard input's file descriptor, reading bytes as they are (no newline translation on Windows).
int stdinDescriptor()
{
#ifdef _WIN32
	_setmode(_fileno(stdin), _O_BINARY);
	return _fileno(stdin);
#else
	return fileno(stdin);
#endif
}

} // namespace

int runReplay(std::span<char *const> args)
{
	std::string input;
	bool csv = false;
	bool verbose = false;
	EngineOptions options;
	options.useEventTime = true;
	SummaryScope scope = SummaryScope::AllTime;
	for (std::size_t i = 0; i < args.size(); ++i) {
		const std::string_view arg = args[i];
		auto value = [&]() -> const char * { return i + 1 < args.size() ? args[++i] : nullptr; };
		if (arg == "--csv") {
			csv = true;
		} else if (arg == "--verbose") {
			verbose = true;
		} else if (arg == "--db") {
			const char *path = value();
			if (path == nullptr) {
				std::fputs(replayUsage, stderr);
				return 2;
			}
			options.ledgerPath = path;
		} else if (arg == "--scope") {
			const char *name = value();
			if (name == nullptr ||
			    (std::string_view(name) != "all" && std::string_view(name) != "stream")) {
				std::fputs(replayUsage, stderr);
				return 2;
			}
			scope = std::string_view(name) == "all" ? SummaryScope::AllTime : SummaryScope::Stream;
		} else if (arg == "--timeout") {
			const char *ms = value();
			try {
				options.streakQuietTimeoutMs = ms != nullptr ? std::stoll(ms) : -1;
			} catch (const std::exception &) {
				options.streakQuietTimeoutMs = -1;
			}
			if (options.streakQuietTimeoutMs < 0) {
				std::fputs(replayUsage, stderr);
				return 2;
			}
		} else if (arg == "--help" || arg == "-h") {
			std::fputs(replayUsage, stdout);
			return 0;
		} else if (input.empty() && (arg == "-" || arg.substr(0, 1) != "-")) {
			input = arg;
		} else {
			std::fprintf(stderr, "live-gifts replay: unexpected argument '%.*s'\n",
				     static_cast<int>(arg.size()), arg.data());
			std::fputs(replayUsage, stderr);
			return 2;
		}
	}
	if (input.empty()) {
		std::fputs(replayUsage, stderr);
		return 2;
	}

	// std::cout buffered on its own, not through C stdio.
	std::ios::sync_with_stdio(false);
	std::ifstream file;
	if (input != "-") {
		file.open(pathFromUtf8(input), std::ios::binary);
		if (!file) {
			std::fprintf(stderr, "live-gifts replay: cannot open '%s'\n", input.c_str());
			return 1;
		}
	}

	StderrLogger stderrLogger(verbose);
	RateLimitedLogger logger(stderrLogger); // a hostile frame's thousand bad items: a few lines and a count
	options.logger = &logger;
	Engine engine(options);
	// Lines are read in bounded chunks: one longer than the frame limit is skipped to its newline, never
	// held whole. A file a whole chunk at a time; stdin (often a pipe from a live producer) through its
	// descriptor, so each complete line is counted (and stored) as soon as it has arrived.
	LineReader reader = input == "-" ? LineReader(stdinDescriptor(), options.maxFrameBytes)
					 : LineReader(file, options.maxFrameBytes);
	std::string line;
	std::uint64_t length = 0;
	std::uint64_t queuedBytes = 0;
	for (;;) {
		const LineReader::Result read = reader.next(line, length);
		if (read == LineReader::Result::End) {
			break;
		}
		const std::uint64_t lineNumber = reader.lineNumber();
		if (read == LineReader::Result::TooLong) {
			// Counted and logged by the engine like any other rejected frame (the summary's "errors").
			ParsedFrame skipped;
			skipped.result = ParseResult::rejected(
			    std::to_string(length) + " bytes, longer than the limit of " +
			    std::to_string(options.maxFrameBytes) + " bytes (limits::maxFrameBytes); line skipped");
			engine.submitParsed(std::move(skipped), lineNumber);
			continue;
		}
		if (line.find_first_not_of(" \t") == std::string::npos) {
			continue;
		}
		queuedBytes += line.size();
		engine.submitFrame(std::move(line), lineNumber);
		line = std::string();
		if (lineNumber % 2048 == 0 || queuedBytes > maxQueuedBytes) {
			engine.flush(); // keeps the queue (and memory) bounded on big files
			queuedBytes = 0;
		}
	}
	// The gifts of streaks whose end message is missing were sent: count them.
	engine.endOfInput();

	if (csv) {
		writeSupportersCsv(engine, std::cout, scope);
	} else {
		writeSummary(engine, std::cout, scope);
	}
	std::cout.flush();
	const std::int64_t unidentified = engine.snapshot()->stats.unidentified;
	if (unidentified > 0 && !options.ledgerPath.empty()) {
		logger.log(LogLevel::Warning,
			   std::to_string(unidentified) +
			       " messages had neither a msgId nor a createTime: nothing tells them from "
			       "new ones, so a rerun of this input into the ledger counts them again");
	}
	// A ledger that could not take everything has said so (an error line naming the spill file).
	const LedgerExit exit = engine.close();
	return std::cout && exit.ok() ? 0 : 1;
}

} // namespace livegifts::cli
