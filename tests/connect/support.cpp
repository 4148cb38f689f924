#include "support.hpp"

#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include <QCoreApplication>
#include <QEventLoop>

#include "ws-server.hpp"

namespace testing {

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
	const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
	while (!done()) {
		if (std::chrono::steady_clock::now() >= deadline) {
			return false;
		}
		QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
		pollWsServers();
		std::this_thread::sleep_for(std::chrono::milliseconds(1));
	}
	return true;
}

void pump(int ms)
{
	waitUntil([] { return false; }, ms);
}

std::function<void(std::string)> FrameCollector::sink()
{
	return [this](std::string frame) {
		std::lock_guard<std::mutex> lock(mutex_);
		frames_.push_back(std::move(frame));
	};
}

std::vector<std::string> FrameCollector::frames() const
{
	std::lock_guard<std::mutex> lock(mutex_);
	return frames_;
}

std::size_t FrameCollector::size() const
{
	std::lock_guard<std::mutex> lock(mutex_);
	return frames_.size();
}

void CapturingLogger::log(livegifts::LogLevel level, std::string_view message)
{
	std::lock_guard<std::mutex> lock(mutex_);
	lines_.emplace_back(level, std::string(message));
}

int CapturingLogger::count(livegifts::LogLevel level, const std::string &needle) const
{
	std::lock_guard<std::mutex> lock(mutex_);
	int n = 0;
	for (const auto &[lineLevel, text] : lines_) {
		if (lineLevel >= level && text.find(needle) != std::string::npos) {
			++n;
		}
	}
	return n;
}

std::vector<std::string> CapturingLogger::lines() const
{
	std::lock_guard<std::mutex> lock(mutex_);
	std::vector<std::string> out;
	for (const auto &line : lines_) {
		out.push_back(line.second);
	}
	return out;
}

namespace {
std::mutex tempDirsMutex;
std::vector<std::filesystem::path> tempDirs; // made by freshTempDir, removed by removeTempDirs
} // namespace

std::filesystem::path freshTempDir(const std::string &name)
{
	const auto dir = std::filesystem::temp_directory_path() /
			 ("live-gifts-connect-" + name + "-" + std::to_string(QCoreApplication::applicationPid()));
	std::filesystem::remove_all(dir);
	std::filesystem::create_directories(dir);
	const std::lock_guard<std::mutex> lock(tempDirsMutex);
	tempDirs.push_back(dir);
	return dir;
}

void removeTempDirs()
{
	const std::lock_guard<std::mutex> lock(tempDirsMutex);
	for (const auto &dir : tempDirs) {
		std::error_code ignored;
		std::filesystem::remove_all(dir, ignored);
	}
	tempDirs.clear();
}

} // namespace testing
