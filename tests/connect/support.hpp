#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "connect/connector.hpp"
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

// The timeouts a WebSocket test gives its connector; unset ones keep the connector's defaults.
struct FastTimeouts {
	int handshakeMs = livegifts::connect::ConnectorSettings{}.handshakeTimeoutMs;
	int idleMs = livegifts::connect::ConnectorSettings{}.idleTimeoutMs;
	int slowRetryMs = livegifts::connect::ConnectorSettings{}.slowRetryMs;
};

// WebSocket-url settings for `url` that reconnect within a fraction of a second (backoff 50-200 ms).
inline livegifts::connect::ConnectorSettings fastSettings(const FastTimeouts &timeouts, const std::string &url)
{
	livegifts::connect::ConnectorSettings settings;
	settings.kind = livegifts::connect::ConnectorKind::WebSocketUrl;
	settings.url = url;
	settings.handshakeTimeoutMs = timeouts.handshakeMs;
	settings.idleTimeoutMs = timeouts.idleMs;
	settings.backoffInitialMs = 50;
	settings.backoffMaxMs = 200;
	settings.slowRetryMs = timeouts.slowRetryMs;
	return settings;
}

// A fresh empty folder under the system temp folder.
std::filesystem::path freshTempDir(const std::string &name);
// Removes every folder freshTempDir made (the test runner calls it once the tests ran).
void removeTempDirs();

} // namespace testing
