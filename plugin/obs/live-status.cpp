#include "obs/live-status.hpp"

namespace livegifts::obs {

const char *liveStateName(LiveState state)
{
	switch (state) {
	case LiveState::Off:
		return "off";
	case LiveState::Connecting:
		return "connecting";
	case LiveState::Connected:
		return "connected";
	case LiveState::Reconnecting:
		return "reconnecting";
	case LiveState::Error:
		return "error";
	}
	return "off";
}

const char *kindLogName(const std::string &kind)
{
	if (kind == "demo") {
		return "Demo stream";
	}
	if (kind == "replay") {
		return "Replay";
	}
	if (kind == "tikfinity") {
		return "TikFinity";
	}
	if (kind == "websocket-url") {
		return "WebSocket";
	}
	if (kind == "euler") {
		return "Euler Stream";
	}
	return "Off";
}

void fillLiveStatus(const connect::ConnectorStatus &status, std::int64_t lastFrameMs, LiveStatus &live)
{
	live.target = status.target;
	live.error = status.lastError;
	live.problem = status.problem;
	live.problemDetail = status.problemDetail;
	live.framesReceived = status.framesReceived;
	live.lastFrameMs = live.framesReceived > 0 ? lastFrameMs : 0;
	switch (status.state) {
	case connect::ConnectionState::Connecting:
		live.state = LiveState::Connecting;
		break;
	case connect::ConnectionState::Connected:
		live.state = LiveState::Connected;
		break;
	case connect::ConnectionState::Reconnecting:
		live.state = LiveState::Reconnecting;
		live.retryInSeconds = status.secondsUntilRetry();
		break;
	case connect::ConnectionState::Finished:
		live.finished = true;
		break;
	case connect::ConnectionState::Stopped:
		live.state = connect::stoppedByFault(status) ? LiveState::Error : LiveState::Off;
		break;
	}
}

} // namespace livegifts::obs
