#pragma once

// Small pieces every file of the OBS layer uses: the module log prefix, the core-logger adapter and the
// noexcept guard for the C boundary.

#include <obs-module.h>
#include <util/base.h>

#include "core/logger.hpp"

#include <exception>
#include <string>
#include <utility>

// Logs with the module prefix: LG_LOG(LOG_INFO, "loaded version %s", version).
#define LG_LOG(level, format, ...) blog(level, "[obs-live-gifts] " format __VA_OPT__(, ) __VA_ARGS__)
// Logs with the module prefix and the source's name (what a streamer sees in the Sources list).
#define LG_SOURCE_LOG(level, source, format, ...)                                                                      \
	blog(level, "[obs-live-gifts] '%s': " format, obs_source_get_name(source) __VA_OPT__(, ) __VA_ARGS__)

namespace livegifts::obs {

inline constexpr const char *kLogPrefix = "[obs-live-gifts]";

// Forwards core log lines to blog() with the module prefix (and an optional speaker such as a source name).
class ObsLogger final : public Logger {
public:
	explicit ObsLogger(std::string speaker = {}) : speaker_(printableLogLine(speaker)) {}
	void log(LogLevel level, std::string_view message) override;

private:
	std::string speaker_;
};

// The module's rate-limited log, for lines a client, a rule or a file can repeat at will (rule problems, API
// requests): per kind of line at most 10 per 10 s, then a count of the rest. Any thread.
Logger &limitedLog();

// Runs fn and returns its result; any exception is logged and turned into fallback, because nothing may
// unwind into libobs. Every callback OBS calls goes through this.
template <typename Fn, typename R = std::invoke_result_t<Fn>>
R guarded(const char *where, R fallback, Fn &&fn) noexcept
{
	try {
		return std::forward<Fn>(fn)();
	} catch (const std::exception &e) {
		blog(LOG_ERROR, "%s %s: %s", kLogPrefix, where, e.what());
	} catch (...) {
		blog(LOG_ERROR, "%s %s: unknown exception", kLogPrefix, where);
	}
	return fallback;
}

template <typename Fn>
void guarded(const char *where, Fn &&fn) noexcept
{
	try {
		std::forward<Fn>(fn)();
	} catch (const std::exception &e) {
		blog(LOG_ERROR, "%s %s: %s", kLogPrefix, where, e.what());
	} catch (...) {
		blog(LOG_ERROR, "%s %s: unknown exception", kLogPrefix, where);
	}
}

// The localised text of a key in locale/*.ini (LiveGifts.GoalBar.Title ...).
inline const char *text(const char *key)
{
	return obs_module_text(key);
}

} // namespace livegifts::obs
