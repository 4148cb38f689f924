#pragma once

// Replay of a JSONL recording (one frame a line), paced by the events' createTime: in real time, faster
// (speed factor) or as fast as possible, optionally looping. Runs on its own std::thread; stop() is prompt.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "connect/connector.hpp"
#include "connect/status-box.hpp"

namespace livegifts::connect {

// The speed a replay runs at: 0 (as fast as possible) for a speed that is not a positive finite number,
// else the speed within [kMinReplaySpeed, kMaxReplaySpeed] (a settings file may say anything; a speed of
// 1e-300 would otherwise make a pause longer than any clock can count).
constexpr double kMinReplaySpeed = 0.01;
constexpr double kMaxReplaySpeed = 100000.0;
double replaySpeed(double requested);

class ReplayConnector final : public Connector {
public:
	ReplayConnector(ConnectorSettings settings, ReceivedFrameSink sink, Logger &logger = nullLogger());
	~ReplayConnector() override;

	void start() override;
	void stop() override;
	ConnectorStatus status() const override { return status_.get(); }

private:
	void run();
	// run() with every exception caught: logged, and the replay stops with the reason in its status.
	void runGuarded() noexcept;
	// Sleeps until `due` or until stop(); returns false when stopping.
	bool sleepUntil(std::chrono::steady_clock::time_point due);

	const ConnectorSettings settings_; // immutable after construction
	const ReceivedFrameSink sink_;
	Logger &logger_;
	StatusBox status_;

	std::mutex mutex_; // guards stopping_
	std::condition_variable wake_;
	bool stopping_ = false;
	std::atomic<bool> running_{false}; // set by start(), cleared by the thread when run() returns
	std::thread thread_;               // started and joined by the owner's thread
};

// The createTime of a frame in milliseconds (data.createTime, data.common.createTime, or the first message of
// a bundle); strings and numbers are both accepted. nullopt when the frame carries none.
std::optional<std::int64_t> frameCreateTimeMs(std::string_view frame);

// A frame for loop round `round` (>= 1): every msgId gets the suffix "~round" so the engine counts the
// round as new events, and createTime moves forward by shiftMs. Frames that are not JSON come back as is.
std::string frameForRound(std::string_view frame, int round, std::int64_t shiftMs);

} // namespace livegifts::connect
