#pragma once

#include <string_view>

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

} // namespace livegifts
