#pragma once

// The connection's status as the dock and the vendor API show it, made from the connector's status. Pure:
// no libobs, no Qt; a copy, read from any thread.

#include <cstdint>
#include <string>

#include "connect/connector.hpp"

namespace livegifts::obs {

// Where the connection stands, for the dock's light and text.
enum class LiveState { Off, Connecting, Connected, Reconnecting, Error };

// The connection's live status at one moment (a copy; read from any thread without I/O). Words the
// connector gives are English (error, for logs); the dock localises them from problem and problemDetail.
struct LiveStatus {
	LiveState state = LiveState::Off;
	std::string kind;   // the connection kind of the store ("demo", "tikfinity", ...)
	std::string target; // what the connector reaches (URL with the API key masked, or a file)
	std::string error;  // the connector's last problem in English words, empty when none
	connect::Problem problem = connect::Problem::None; // the same as a code the dock puts in the locale's words
	std::string problemDetail;                         // what those words leave open (an address, seconds)
	int retryInSeconds = 0;                            // Reconnecting: seconds until the next attempt
	bool finished = false;                             // Off because a replay reached its end
	bool disconnected = false; // Off because Disconnect was asked (Reconnect or a new setting starts it again)
	std::uint64_t framesReceived = 0; // since this connector started
	std::int64_t lastFrameMs = 0;     // wall clock (ms since the epoch) of the last frame received, 0: none

	bool operator==(const LiveStatus &) const = default;
};

const char *liveStateName(LiveState state); // "off", "connecting", ... (logs and automation)

// A connection kind in English for the log ("demo" -> "Demo stream"; unknown kinds -> "Off").
const char *kindLogName(const std::string &kind);

// Fills what the connector's status says into `live` (state, target, error, problem, frames, retry); the
// wall clock of the last frame counts only once a frame came.
void fillLiveStatus(const connect::ConnectorStatus &status, std::int64_t lastFrameMs, LiveStatus &live);

} // namespace livegifts::obs
