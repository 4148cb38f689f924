#pragma once
// Which of the WebSocket connector's failures are logged as warnings (compiled as C++17 like it).

#include <chrono>
#include <string>
#include <utility>

namespace livegifts::connect {

// A failure is a warning unless the same reason was one less than `every` ago; then it is only counted
// (the caller logs it at debug level and says the count later). A connection in between does not start
// over: a server that breaks the protocol right after each handshake writes a warning a minute, not one a
// reconnect. Used by the connector's thread only.
class FailureLog {
public:
	using Clock = std::chrono::steady_clock;
	static constexpr std::chrono::seconds every{60};

	// True: warn about `reason` now; false: counted as a repeat.
	bool warn(const std::string &reason, Clock::time_point now)
	{
		if (reason == last_ && now - lastAt_ < every) {
			++repeats_;
			return false;
		}
		last_ = reason;
		lastAt_ = now;
		return true;
	}

	// Repeats counted since the last call.
	int takeRepeats() { return std::exchange(repeats_, 0); }

private:
	std::string last_;
	Clock::time_point lastAt_{};
	int repeats_ = 0;
};

} // namespace livegifts::connect
