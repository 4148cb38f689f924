#include "connect/replay.hpp"

#include "core/utf8-path.hpp"
#include "core/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <filesystem>
#include <system_error>
#include <fstream>
#include <map>
#include <mutex>
#include <utility>

#include <nlohmann/json.hpp>

namespace livegifts::connect {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

std::optional<std::int64_t> timeOf(const json &value)
{
	if (value.is_number_integer()) {
		return value.get<std::int64_t>();
	}
	if (value.is_number_float()) {
		return static_cast<std::int64_t>(value.get<double>());
	}
	if (value.is_string()) {
		const auto &text = value.get_ref<const std::string &>();
		try {
			std::size_t used = 0;
			const long long ms = std::stoll(text, &used);
			if (used == text.size()) {
				return ms;
			}
		} catch (const std::exception &) {
		}
	}
	return std::nullopt;
}

// The object that carries msgId/createTime in one message: data, or data.common for TLC 2.x shapes.
std::optional<std::int64_t> messageTime(const json &message)
{
	const auto data = message.find("data");
	if (data == message.end() || !data->is_object()) {
		return std::nullopt;
	}
	if (const auto t = data->find("createTime"); t != data->end()) {
		if (auto ms = timeOf(*t)) {
			return ms;
		}
	}
	if (const auto common = data->find("common"); common != data->end() && common->is_object()) {
		if (const auto t = common->find("createTime"); t != common->end()) {
			return timeOf(*t);
		}
	}
	return std::nullopt;
}

void renumber(json &holder, const std::string &suffix, std::int64_t shiftMs)
{
	if (!holder.is_object()) {
		return;
	}
	if (auto id = holder.find("msgId"); id != holder.end()) {
		if (id->is_string()) {
			*id = id->get<std::string>() + suffix;
		} else if (id->is_number()) {
			*id = id->dump() + suffix;
		}
	}
	if (auto t = holder.find("createTime"); t != holder.end()) {
		if (const auto ms = timeOf(*t)) {
			if (t->is_string()) {
				*t = std::to_string(*ms + shiftMs);
			} else {
				*t = *ms + shiftMs;
			}
		}
	}
}

void renumberMessage(json &message, const std::string &suffix, std::int64_t shiftMs)
{
	if (!message.is_object()) {
		return;
	}
	auto data = message.find("data");
	if (data == message.end() || !data->is_object()) {
		return;
	}
	renumber(*data, suffix, shiftMs);
	if (auto common = data->find("common"); common != data->end()) {
		renumber(*common, suffix, shiftMs);
	}
}

// The createTime of the first message that has one.
std::optional<std::int64_t> firstCreateTime(const ParsedFrame &frame)
{
	for (const Event &event : frame.events) {
		if (event.createTimeMs != 0) {
			return event.createTimeMs;
		}
	}
	return std::nullopt;
}

// Looping replays (the demo stream) of this process: the round the next replay of a file starts from. Started
// again (Reconnect, or the connection switched away and back), a loop goes on with rounds it has not played:
// from round 0 it sent only msgIds the engine had counted, and nothing moved until it passed where the last
// one stopped (up to a whole loop: four minutes of the demo).
std::mutex loopRoundsMutex;
std::map<std::filesystem::path, int> nextLoopRounds; // guarded by loopRoundsMutex

int nextLoopRound(const std::filesystem::path &file)
{
	const std::lock_guard<std::mutex> lock(loopRoundsMutex);
	const auto found = nextLoopRounds.find(file);
	return found != nextLoopRounds.end() ? found->second : 0;
}

void noteLoopRound(const std::filesystem::path &file, int round)
{
	const std::lock_guard<std::mutex> lock(loopRoundsMutex);
	int &next = nextLoopRounds[file];
	next = std::max(next, round + 1);
}

// A round's createTime span plus one second (what later rounds are shifted by), read from the whole file before
// the first frame: a loop may start past round 0.
std::int64_t roundShiftOf(const std::filesystem::path &file)
{
	std::ifstream in(file, std::ios::binary);
	std::optional<std::int64_t> first;
	std::optional<std::int64_t> last;
	std::string line;
	while (std::getline(in, line)) {
		if (const auto ms = frameCreateTimeMs(line)) {
			first = first.value_or(*ms);
			last = std::max(last.value_or(*ms), *ms);
		}
	}
	return first && last ? *last - *first + 1000 : 1000;
}

// The frame's JSON as FrameParser reads it: a frame that needs repair (invalid UTF-8, a lone surrogate
// escape) is read repaired.
json parseFrameJson(std::string_view frame)
{
	json doc = json::parse(frame, nullptr, false);
	if (doc.is_discarded() && (!isValidUtf8(frame) || hasLoneSurrogateEscape(frame))) {
		doc = json::parse(repairJsonText(frame), nullptr, false);
	}
	return doc;
}

} // namespace

std::optional<std::int64_t> frameCreateTimeMs(std::string_view frame)
{
	const json doc = parseFrameJson(frame);
	if (doc.is_discarded() || !doc.is_object()) {
		return std::nullopt;
	}
	if (const auto messages = doc.find("messages"); messages != doc.end() && messages->is_array()) {
		for (const auto &message : *messages) {
			if (message.is_object()) {
				if (auto ms = messageTime(message)) {
					return ms;
				}
			}
		}
		return std::nullopt;
	}
	return messageTime(doc);
}

std::string frameForRound(std::string_view frame, int round, std::int64_t shiftMs)
{
	json doc = parseFrameJson(frame);
	if (doc.is_discarded() || !doc.is_object()) {
		return std::string(frame);
	}
	const std::string suffix = "~" + std::to_string(round);
	if (auto messages = doc.find("messages"); messages != doc.end() && messages->is_array()) {
		for (auto &message : *messages) {
			renumberMessage(message, suffix, shiftMs);
		}
	} else {
		renumberMessage(doc, suffix, shiftMs);
	}
	return doc.dump();
}

ReplayConnector::ReplayConnector(ConnectorSettings settings, ReceivedFrameSink sink, Logger &logger)
    : settings_(std::move(settings)), sink_(std::move(sink)), logger_(logger)
{
	status_.update([&](ConnectorStatus &s) { s.target = pathToUtf8(settings_.replayFile); });
}

ReplayConnector::~ReplayConnector()
{
	stop();
}

void ReplayConnector::start()
{
	if (thread_.joinable()) {
		if (running_) {
			return;
		}
		thread_.join(); // finished or gave up: play again from the start
	}
	running_ = true;
	{
		std::lock_guard<std::mutex> lock(mutex_);
		stopping_ = false;
	}
	status_.update([](ConnectorStatus &s) {
		s.state = ConnectionState::Connecting;
		s.fatal = false;
	});
	thread_ = std::thread([this] {
		runGuarded();
		running_ = false;
	});
}

void ReplayConnector::runGuarded() noexcept
{
	std::string what;
	try {
		run();
		return;
	} catch (const std::exception &e) {
		what = e.what();
	} catch (...) {
		what = "unknown exception";
	}
	// Nothing escapes the thread (that would end the process): the replay stops with the reason.
	try {
		const std::string error = "The replay stopped after an internal error: " + what;
		status_.update([&](ConnectorStatus &s) {
			s.state = ConnectionState::Stopped;
			s.lastError = error;
			s.problem = Problem::Internal;
			s.problemDetail = what;
			s.fatal = true;
		});
		logger_.log(LogLevel::Error, "Replay: " + error);
	} catch (...) {
		// Out of memory or a logger that throws: the thread still ends cleanly.
	}
}

void ReplayConnector::stop()
{
	if (!thread_.joinable()) {
		return;
	}
	{
		std::lock_guard<std::mutex> lock(mutex_);
		stopping_ = true;
	}
	wake_.notify_all();
	thread_.join();
	status_.update([](ConnectorStatus &s) {
		if (s.state != ConnectionState::Finished) {
			s.state = ConnectionState::Stopped;
		}
	});
}

double replaySpeed(double requested)
{
	if (!std::isfinite(requested) || requested <= 0.0) {
		return 0.0; // as fast as possible (an infinite or unreadable speed too)
	}
	return std::clamp(requested, kMinReplaySpeed, kMaxReplaySpeed);
}

bool ReplayConnector::sleepUntil(Clock::time_point due)
{
	std::unique_lock<std::mutex> lock(mutex_);
	return !wake_.wait_until(lock, due, [this] { return stopping_; });
}

void ReplayConnector::run()
{
	if (settings_.replayFile.empty()) {
		logger_.log(LogLevel::Info, "Replay: no recording chosen");
		status_.update([](ConnectorStatus &s) {
			s.state = ConnectionState::Stopped;
			s.lastError = "Choose a recorded stream (a JSONL file) to play";
			s.problem = Problem::MissingReplayFile;
			s.fatal = true;
		});
		return;
	}
	const double speed = replaySpeed(settings_.speed);
	const auto maxGapMs = static_cast<std::int64_t>(std::max(0.0, settings_.maxGapSeconds) * 1000.0);
	bool loggedIgnored = false;
	FrameParser parser; // this thread's
	// A loop goes on from the rounds an earlier replay of the file played in this process.
	const int firstRound = settings_.loop ? nextLoopRound(settings_.replayFile) : 0;
	// What each later round's createTimes are shifted by (a loop only).
	const std::int64_t roundShiftMs = settings_.loop ? roundShiftOf(settings_.replayFile) : 0;
	Clock::time_point due = Clock::now();

	for (int round = firstRound;; ++round) {
		if (settings_.loop) {
			noteLoopRound(settings_.replayFile, round); // begun: a replay started later skips it
		}
		std::ifstream in(settings_.replayFile, std::ios::binary);
		std::error_code folderError;
		// A folder opens as a stream on some systems and reads as an empty recording: it is no recording.
		if (!in || std::filesystem::is_directory(settings_.replayFile, folderError)) {
			const std::string error = "Cannot open the replay file " + pathToUtf8(settings_.replayFile);
			logger_.log(LogLevel::Error, "Replay: " + error);
			status_.update([&](ConnectorStatus &s) {
				s.state = ConnectionState::Stopped;
				s.lastError = error;
				s.problem = Problem::ReplayUnreadable;
				s.problemDetail = pathToUtf8(settings_.replayFile);
				s.fatal = true;
			});
			return;
		}
		if (round == firstRound) {
			logger_.log(LogLevel::Info, "Replay: playing " + pathToUtf8(settings_.replayFile));
			status_.update([](ConnectorStatus &s) {
				s.state = ConnectionState::Connected;
				s.connects += 1;
			});
		}
		std::optional<std::int64_t> previousMs;
		std::uint64_t delivered = 0;
		std::string line;
		while (std::getline(in, line)) {
			if (!line.empty() && line.back() == '\r') {
				line.pop_back();
			}
			if (line.find_first_not_of(" \t") == std::string::npos) {
				continue;
			}
			// Parsed once, here; a later round's frame is parsed with its new msgIds and times.
			std::string frame = round == 0 ? line : frameForRound(line, round, roundShiftMs * round);
			ParsedFrame parsed = parser.parse(frame);
			if (!parsed.result.frameOk) {
				status_.update([](ConnectorStatus &s) { s.framesIgnored += 1; });
				if (!loggedIgnored) {
					logger_.log(LogLevel::Warning,
						    "Replay: skipping lines that are not JSON objects");
					loggedIgnored = true;
				}
				continue;
			}
			if (const auto ms = firstCreateTime(parsed)) {
				if (previousMs && speed > 0.0) {
					const std::int64_t gap =
					    std::clamp<std::int64_t>(*ms - *previousMs, 0, maxGapMs);
					due += std::chrono::microseconds(static_cast<std::int64_t>(
					    std::llround(static_cast<double>(gap) * 1000.0 / speed)));
				}
				if (!previousMs || *ms > *previousMs) {
					previousMs = ms;
				}
			}
			if (speed > 0.0 && !sleepUntil(due)) {
				return;
			}
			{
				std::lock_guard<std::mutex> lock(mutex_);
				if (stopping_) {
					return;
				}
			}
			// Counted before the hand-off: whoever sees the frame also sees it in the status.
			++delivered;
			status_.update([](ConnectorStatus &s) { s.framesReceived += 1; });
			try {
				sink_(ReceivedFrame{std::move(frame), std::move(parsed)});
			} catch (const std::exception &e) {
				// The frame is lost, the replay goes on (as the WebSocket connector does).
				logger_.log(LogLevel::Error, std::string("Replay: the frame sink failed: ") + e.what());
			} catch (...) {
				logger_.log(LogLevel::Error, "Replay: the frame sink failed with an unknown exception");
			}
		}
		if (!settings_.loop || delivered == 0) {
			logger_.log(LogLevel::Info, "Replay: reached the end of " + pathToUtf8(settings_.replayFile));
			status_.update([](ConnectorStatus &s) { s.state = ConnectionState::Finished; });
			return;
		}
		// A short pause between rounds so a looping demo reads as a new burst of activity.
		if (speed > 0.0) {
			due += std::chrono::milliseconds(static_cast<std::int64_t>(1000.0 / speed));
		}
	}
}

} // namespace livegifts::connect
