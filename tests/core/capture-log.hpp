#pragma once

// A logger for tests that keeps every line it is given, to be searched afterwards.

#include <mutex>
#include <string>
#include <string_view>

#include "core/logger.hpp"

namespace testsupport {

// Every line logged, each followed by a newline. Lines come from the engine's threads: `mutex` guards `text`.
struct Capture final : livegifts::Logger {
	std::mutex mutex;
	std::string text;
	void log(livegifts::LogLevel, std::string_view message) override
	{
		std::lock_guard lock(mutex);
		text.append(message).append("\n");
	}
	// Whether some line holds `part`.
	bool has(std::string_view part)
	{
		std::lock_guard lock(mutex);
		return text.find(part) != std::string::npos;
	}
};

} // namespace testsupport
