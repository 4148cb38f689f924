#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "core/logger.hpp"
#include "test-files.hpp"

namespace testing {

// Runs the main thread's event loops (Qt's and the WebSocket test servers') until `done` or the timeout.
bool waitUntil(const std::function<bool()> &done, int timeoutMs);
// Runs the event loop for a while.
void pump(int ms);

// Collects frames from a connector thread.
class FrameCollector {
public:
	std::function<void(std::string)> sink();
	std::vector<std::string> frames() const;
	std::size_t size() const;

private:
	mutable std::mutex mutex_;
	std::vector<std::string> frames_;
};

class CapturingLogger final : public livegifts::Logger {
public:
	void log(livegifts::LogLevel level, std::string_view message) override;
	// Lines at `level` or above containing `needle`.
	int count(livegifts::LogLevel level, const std::string &needle) const;
	std::vector<std::string> lines() const;

private:
	mutable std::mutex mutex_;
	std::vector<std::pair<livegifts::LogLevel, std::string>> lines_;
};

using testsupport::demoExpectedPath;
using testsupport::demoStreamPath;
using testsupport::readLines;

// A fresh empty folder under the system temp folder.
std::filesystem::path freshTempDir(const std::string &name);

} // namespace testing
