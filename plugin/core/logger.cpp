#include "core/logger.hpp"

#include <chrono>

#include "core/utf8.hpp"

namespace livegifts {

namespace {
class NullLogger final : public Logger {
public:
	void log(LogLevel, std::string_view) override {}
};

std::int64_t steadyMs()
{
	return std::chrono::duration_cast<std::chrono::milliseconds>(
		   std::chrono::steady_clock::now().time_since_epoch())
	    .count();
}

// The kind that kinds past LogRateLimit::maxKinds share.
constexpr std::string_view kOtherKind = "\x01other";

} // namespace

Logger &nullLogger()
{
	static NullLogger logger;
	return logger;
}

std::string printableLogLine(std::string_view line)
{
	std::string out;
	out.reserve(line.size());
	for (std::size_t i = 0; i < line.size(); ++i) {
		const auto byte = static_cast<unsigned char>(line[i]);
		if (byte == '\n') {
			out += "\\n";
		} else if (byte == '\r') {
			out += "\\r";
		} else if (byte < 0x20 || byte == 0x7F) {
			out += "\\x";
			appendHexByte(out, byte, HexCase::lower);
		} else if (byte == 0xC2 && i + 1 < line.size() && static_cast<unsigned char>(line[i + 1]) >= 0x80 &&
			   static_cast<unsigned char>(line[i + 1]) <= 0x9F) {
			const auto code = static_cast<unsigned char>(line[++i]); // U+0080..U+009F, C1 controls
			out += "\\u00";
			appendHexByte(out, code, HexCase::lower);
		} else {
			out += static_cast<char>(byte);
		}
	}
	return out;
}

std::string logMessageKind(LogLevel level, std::string_view message)
{
	std::string kind(1, static_cast<char>('0' + static_cast<int>(level)));
	char quote = 0;
	for (const char c : message) {
		if (kind.size() >= 120) {
			break;
		}
		if (quote != 0) {
			if (c == quote) {
				quote = 0;
				kind += c;
			}
			continue;
		}
		if (c == '\'' || c == '"') {
			quote = c;
			kind += c;
		} else if (c >= '0' && c <= '9') {
			if (kind.back() != '#') {
				kind += '#';
			}
		} else {
			kind += c;
		}
	}
	return kind;
}

RateLimitedLogger::RateLimitedLogger(Logger &inner, LogRateLimit limit, std::function<std::int64_t()> nowMs)
    : inner_(inner), limit_(limit), nowMs_(nowMs ? std::move(nowMs) : std::function<std::int64_t()>(steadyMs))
{
}

RateLimitedLogger::~RateLimitedLogger()
{
	flush();
}

void RateLimitedLogger::log(LogLevel level, std::string_view message)
{
	Lines lines;
	{
		std::lock_guard lock(mutex_);
		const std::int64_t now = nowMs_();
		if (now >= nextSweep_) {
			sweepLocked(now, false, lines);
			nextSweep_ = now + limit_.intervalMs;
		}
		std::string key = logMessageKind(level, message);
		auto it = kinds_.find(key);
		if (it == kinds_.end()) {
			if (kinds_.size() >= limit_.maxKinds) {
				key = std::string(kOtherKind);
			}
			it = kinds_.try_emplace(std::move(key)).first;
			if (it->second.passed == 0 && it->second.suppressed == 0) {
				it->second.windowStart = now;
			}
		}
		Kind &kind = it->second;
		if (now - kind.windowStart >= limit_.intervalMs) {
			summarize(kind, now, lines);
		}
		if (kind.passed < limit_.burst) {
			++kind.passed;
			lines.emplace_back(level, std::string(message));
		} else {
			if (kind.suppressed++ == 0) {
				kind.level = level;
				kind.example = std::string(message.substr(0, 200));
			}
		}
	}
	write(lines);
}

void RateLimitedLogger::flush()
{
	Lines lines;
	{
		std::lock_guard lock(mutex_);
		sweepLocked(nowMs_(), true, lines);
	}
	write(lines);
}

void RateLimitedLogger::sweepLocked(std::int64_t now, bool all, Lines &out)
{
	for (auto it = kinds_.begin(); it != kinds_.end();) {
		Kind &kind = it->second;
		const bool over = now - kind.windowStart >= limit_.intervalMs;
		if (kind.suppressed > 0 && (over || all)) {
			summarize(kind, now, out);
			++it;
		} else if (over) {
			it = kinds_.erase(it); // quiet for a whole interval: forgotten
		} else {
			++it;
		}
	}
}

void RateLimitedLogger::summarize(Kind &kind, std::int64_t now, Lines &out)
{
	if (kind.suppressed > 0) {
		out.emplace_back(kind.level, "... " + std::to_string(kind.suppressed) +
						 " more like this suppressed: " + kind.example);
	}
	kind.suppressed = 0;
	kind.example.clear();
	kind.windowStart = now;
	kind.passed = 0;
}

void RateLimitedLogger::write(const Lines &lines) noexcept
{
	for (const auto &[level, line] : lines) {
		try {
			inner_.log(level, line);
		} catch (...) {
			// A logger that throws loses its line, nothing else.
		}
	}
}

} // namespace livegifts
