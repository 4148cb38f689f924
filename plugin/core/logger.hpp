#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace livegifts {

enum class LogLevel { Debug, Info, Warning, Error };

// Core code logs through this interface so it stays free of libobs; the OBS module provides an adapter
// that forwards to blog() with the module prefix, the CLI one that writes to stderr.
class Logger {
public:
	virtual ~Logger() = default;
	virtual void log(LogLevel level, std::string_view message) = 0;
};

// A logger that drops everything (the default where none is given).
Logger &nullLogger();

// A log line as it may be written: control characters (C0, DEL, C1), which a server's close reason or a
// message's value can carry to forge lines or drive a terminal, become visible escapes ("\x1b", "\r",
// "\n", "\u009b"). Sinks that write lines call it; the line is returned as it is when nothing needs it.
std::string printableLogLine(std::string_view line);

struct LogRateLimit {
	int burst = 10; // lines of one kind passed on per interval
	std::int64_t intervalMs = 10000;
	std::size_t maxKinds = 32; // kinds told apart; past that, new kinds share one budget
};

// What makes two lines "the same kind": the message with its numbers and quoted text blanked, so
// "line 7: bundle element is not an object" and "line 8: ..." are one kind. At most 120 characters.
std::string logMessageKind(LogLevel level, std::string_view message);

// Passes lines on to another logger, at most `burst` of one kind per interval: a hostile frame with a
// hundred thousand bad items, or a flood of failing pictures, prints a few lines and then one summary
// ("... 99990 more like this suppressed") when the interval is over (at the next line logged after it, or
// at flush()/destruction). Thread-safe: the lock guards the counters only and is never held while the
// inner logger writes, so a caller on the video thread never waits for I/O.
class RateLimitedLogger final : public Logger {
public:
	// nowMs: a steady clock in milliseconds (tests pass their own).
	explicit RateLimitedLogger(Logger &inner, LogRateLimit limit = {}, std::function<std::int64_t()> nowMs = {});
	~RateLimitedLogger() override;
	RateLimitedLogger(const RateLimitedLogger &) = delete;
	RateLimitedLogger &operator=(const RateLimitedLogger &) = delete;

	void log(LogLevel level, std::string_view message) override;
	// Writes the summaries of every kind with suppressed lines now (end of a run).
	void flush();

private:
	struct Kind {
		std::int64_t windowStart = 0;
		int passed = 0;
		std::uint64_t suppressed = 0;
		LogLevel level = LogLevel::Info;
		std::string example; // the first suppressed line, for the summary
	};
	using Lines = std::vector<std::pair<LogLevel, std::string>>;

	// Moves the summaries of kinds whose interval is over (or all, with `all`) into `out`. mutex_ held.
	void sweepLocked(std::int64_t now, bool all, Lines &out);
	// The summary of a kind's suppressed lines (if any) into `out`; its interval starts again. mutex_ held.
	static void summarize(Kind &kind, std::int64_t now, Lines &out);
	void write(const Lines &lines) noexcept;

	Logger &inner_;
	const LogRateLimit limit_;
	const std::function<std::int64_t()> nowMs_;

	std::mutex mutex_; // guards the fields below (any thread that logs); never held while writing
	std::unordered_map<std::string, Kind> kinds_;
	std::int64_t nextSweep_ = 0;
};

} // namespace livegifts
