// The rate limiter every log line goes through: a flood of one kind prints a few lines and a count.
#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/engine.hpp"
#include "core/logger.hpp"

using namespace livegifts;

namespace {

class Lines final : public Logger {
public:
	void log(LogLevel level, std::string_view message) override
	{
		std::lock_guard lock(mutex_);
		lines_.emplace_back(level, std::string(message));
	}
	std::vector<std::pair<LogLevel, std::string>> lines() const
	{
		std::lock_guard lock(mutex_);
		return lines_;
	}
	std::size_t size() const { return lines().size(); }
	// The numbers the summaries report, added up.
	std::uint64_t suppressed() const
	{
		std::uint64_t total = 0;
		for (const auto &[level, line] : lines()) {
			if (line.rfind("... ", 0) == 0 &&
			    line.find(" more like this suppressed") != std::string::npos) {
				total += std::stoull(line.substr(4));
			}
		}
		return total;
	}

private:
	mutable std::mutex mutex_;
	std::vector<std::pair<LogLevel, std::string>> lines_;
};

} // namespace

TEST_CASE("Logger: a kind is its message with numbers and quoted text blanked", "[logger]")
{
	CHECK(logMessageKind(LogLevel::Warning, "line 7: bundle element is not an object") ==
	      logMessageKind(LogLevel::Warning, "line 812: bundle element is not an object"));
	CHECK(logMessageKind(LogLevel::Warning, "gift 5: repeatCount is \"a\"") ==
	      logMessageKind(LogLevel::Warning, "gift 6: repeatCount is \"zzz\""));
	CHECK(logMessageKind(LogLevel::Warning, "x 1") != logMessageKind(LogLevel::Error, "x 1"));
	CHECK(logMessageKind(LogLevel::Warning, "x 1") != logMessageKind(LogLevel::Warning, "y 1"));
	CHECK(logMessageKind(LogLevel::Info, std::string(10000, 'a')).size() <= 120);
}

TEST_CASE("Logger: the first lines of a kind pass, the rest are summed up once the interval is over", "[logger]")
{
	Lines out;
	std::int64_t now = 1000;
	RateLimitedLogger logger(out, LogRateLimit{3, 10000, 8}, [&] { return now; });
	for (int i = 0; i < 1000; ++i) {
		logger.log(LogLevel::Warning, "line " + std::to_string(i) + ": bad");
	}
	logger.log(LogLevel::Warning, "another kind");
	REQUIRE(out.size() == 4);
	CHECK(out.lines()[2].second == "line 2: bad");
	CHECK(out.lines()[3].second == "another kind");

	now += 10000; // the interval is over: the next line brings the summary first
	logger.log(LogLevel::Info, "later");
	REQUIRE(out.size() == 6);
	CHECK(out.lines()[4] ==
	      std::make_pair(LogLevel::Warning, std::string("... 997 more like this suppressed: line 3: bad")));
	CHECK(out.lines()[5].second == "later");
	// A new interval: the kind passes again.
	logger.log(LogLevel::Warning, "line 5000: bad");
	CHECK(out.size() == 7);
	for (int i = 0; i < 10; ++i) {
		logger.log(LogLevel::Warning, "line 6000: bad");
	}
	logger.flush(); // the end of a run: the rest is summed up at once
	CHECK(out.lines().back().second == "... 8 more like this suppressed: line 6000: bad");
	logger.flush();
	CHECK(out.lines().back().second == "... 8 more like this suppressed: line 6000: bad");
}

TEST_CASE("Logger: endless different kinds share one budget past the cap", "[logger]")
{
	Lines out;
	{
		RateLimitedLogger logger(out, LogRateLimit{2, 10000, 4}, [] { return std::int64_t{0}; });
		for (int i = 0; i < 10000; ++i) {
			std::string word(1, static_cast<char>('a' + i % 26));
			word += static_cast<char>('a' + (i / 26) % 26);
			word += static_cast<char>('a' + (i / 676) % 26);
			logger.log(LogLevel::Warning, "kind " + word);
		}
	} // the destructor sums up
	// Four kinds of their own (one line each), then the shared budget's two lines and its summary.
	CHECK(out.size() == 4 + 2 + 1);
	CHECK(out.suppressed() == 10000 - 6);
}

TEST_CASE("Logger: threads log at once; every line is passed or counted", "[logger]")
{
	Lines out;
	{
		RateLimitedLogger logger(out, LogRateLimit{5, 60000, 16});
		std::vector<std::thread> threads;
		for (int t = 0; t < 4; ++t) {
			threads.emplace_back([&logger, t] {
				for (int i = 0; i < 20000; ++i) {
					logger.log(LogLevel::Warning, "thread " +
									  std::string(1, static_cast<char>('a' + t)) +
									  " item " + std::to_string(i));
				}
			});
		}
		for (auto &thread : threads) {
			thread.join();
		}
	}
	CHECK(out.size() == 4 * 5 + 4);
	CHECK(out.suppressed() == 4 * (20000 - 5));
}

TEST_CASE("Logger: 20000 frames with a bad item each log a bounded number of lines", "[logger]")
{
	Lines out;
	{
		RateLimitedLogger logger(out);
		EngineOptions options;
		options.logger = &logger;
		Engine engine(options);
		for (int i = 0; i < 20000; ++i) {
			engine.submitFrame(R"({"messages":[1]})");
		}
		engine.flush();
		CHECK(engine.snapshot()->stats.errors == 20000);
	}
	CHECK(out.size() <= 30);
	CHECK(out.suppressed() >= 20000 - 30);
}

TEST_CASE("Log lines: control characters a server or a message can carry are written as escapes", "[logger]")
{
	// Seen: a close reason "\x1b[31mRED\x1b[0m\rlive-gifts: FORGED" drove the terminal and forged a line.
	CHECK(printableLogLine("plain text, ümlaut, 日本, 👩‍👩‍👧") ==
	      "plain text, ümlaut, 日本, 👩‍👩‍👧");
	CHECK(printableLogLine("a\x1b[31mRED\x1b[0m\rb\nlive-gifts: FORGED") ==
	      "a\\x1b[31mRED\\x1b[0m\\rb\\nlive-gifts: FORGED");
	CHECK(printableLogLine(std::string("nul\0tab\tdel\x7f", 12)) == "nul\\x00tab\\x09del\\x7f");
	CHECK(printableLogLine("c1 \xC2\x9B"
			       "31m \xC2\x85 and \xC2\xA0 kept") == "c1 \\u009b31m \\u0085 and \xC2\xA0 kept");
	CHECK(printableLogLine("cut \xC2") == "cut \xC2"); // not a control: left to the UTF-8 policy
}
