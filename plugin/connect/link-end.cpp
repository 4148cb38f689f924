#include "connect/link-end.hpp"

namespace livegifts::connect {

EndVerdict judgeLinkEnd(const detail::LinkEnd &end, ConnectorKind kind, std::int64_t maxFrameBytes)
{
	EndVerdict v;
	const int code = end.remoteCode;
	if (end.localCode == kCloseTooBig) {
		v.reason = "A frame was larger than the limit of " + std::to_string(maxFrameBytes) + " bytes";
		v.problem = Problem::FrameTooBig;
		v.detail = std::to_string(maxFrameBytes);
	}
	if (kind == ConnectorKind::Euler && code >= 4000) {
		const CloseMeaning meaning = eulerCloseMeaning(code);
		if (!meaning.message.empty()) {
			v.reason = meaning.message;
			v.problem = meaning.problem;
		}
		v.streamEnded = meaning.streamEnded;
		if (!meaning.retry) {
			v.retry = false;
			v.reason += " (close code " + std::to_string(code) + ")";
			return v;
		}
		v.slow = meaning.slow;
		v.restartBackoff = code == 4555; // the connection's lifetime ran out: reconnect at once
	}
	const bool ours = code == 0 && ((end.localCode != 0 && end.localCode != kCloseNormal) || end.dropped);
	v.droppedByUs = end.wasOpen && ours;
	if (v.reason.empty() && v.droppedByUs) {
		// We ended it: the server broke the protocol (RFC 6455 asks a client to close), or did not read.
		v.reason = "Dropped the connection: " + end.localReason;
		if (end.localCode != 0) {
			v.reason += " (close code " + std::to_string(end.localCode) + ")";
		}
		v.detail = v.reason;
	}
	if (v.reason.empty() && end.wasOpen) {
		v.reason = "The server closed the connection";
		v.problem = Problem::ServerClosed;
		std::string details;
		if (code != 0 && code != kCloseNormal) {
			details =
			    "code " + std::to_string(code) + (end.remoteReason.empty() ? "" : ", " + end.remoteReason);
		}
		if (!end.error.empty()) {
			details += (details.empty() ? "" : "; ") + end.error;
		}
		if (!details.empty()) {
			v.reason += " (" + details + ")";
		}
		v.detail = details;
	}
	if (v.reason.empty()) {
		// Never connected: the transport's words ("Connection refused") are the detail of a problem a UI
		// can say in its own language.
		v.reason = end.error.empty() ? "Could not connect" : end.error;
		v.problem = Problem::CouldNotConnect;
		v.detail = end.error;
	}
	return v;
}

} // namespace livegifts::connect
