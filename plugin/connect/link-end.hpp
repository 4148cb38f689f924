#pragma once

// How a WebSocket connection ended (what the transport saw) and what the connector makes of it: the words for
// the status, the problem code, and whether and how soon to try again. Std types only; the connector and its
// tests share it.

#include <cstdint>
#include <string>

#include "connect/connector.hpp"

namespace livegifts::connect {

namespace detail {

// How a connection ended.
struct LinkEnd {
	bool wasOpen = false;     // the WebSocket handshake had completed
	int remoteCode = 0;       // the close code the server sent; 0 when it sent none
	std::string remoteReason; // with that code
	int localCode = 0;        // the close code we sent (1009: a message was larger than the limit); 0: none
	std::string localReason;  // why we ended it: the reason sent with localCode, or why we dropped it
	bool dropped = false;     // we dropped it without a close frame (localReason says why)
	std::string error;        // plain words for a failure (refused, TLS, an HTTP answer); empty when none
};

} // namespace detail

inline constexpr int kCloseNormal = 1000;
inline constexpr int kCloseTooBig = 1009;

// What an end means for the connection.
struct EndVerdict {
	std::string reason; // plain words for the status and the log
	Problem problem = Problem::Other;
	std::string detail;          // the problem's detail (see Problem)
	bool retry = true;           // false: give up (reason names why, with the close code)
	bool slow = false;           // retry after ConnectorSettings::slowRetryMs instead of the backoff
	bool restartBackoff = false; // retry at once with the backoff from its start (Euler's lifetime ran out)
	bool streamEnded = false;    // the server said the stream ended
	bool droppedByUs = false;    // an open connection we ended for the server's fault (ConnectorStatus::dropped)
};

EndVerdict judgeLinkEnd(const detail::LinkEnd &end, ConnectorKind kind, std::int64_t maxFrameBytes);

} // namespace livegifts::connect
