#pragma once

// The WebSocket connector: TikFinity's local API, any {"event","data"} bridge, Euler Stream. It runs a
// std::thread with its own asio event loop (never the OBS video thread), joined by stop(); the transport is
// websocketpp (ws:// and wss://, TLS through OpenSSL). No Qt. Reconnects with capped exponential backoff and
// jitter, detects a dead connection (no frame and no pong for idleTimeoutMs), refuses oversized frames, keeps
// frames with invalid UTF-8 (repaired, as a replay is) and reports its status in words.

#include <memory>
#include <thread>

#include "connect/connector.hpp"
#include "connect/status-box.hpp"

namespace livegifts::connect {

class WebSocketConnector final : public Connector {
public:
	WebSocketConnector(ConnectorSettings settings, ReceivedFrameSink sink, Logger &logger = nullLogger());
	~WebSocketConnector() override;

	void start() override;
	void stop() override;
	ConnectorStatus status() const override { return status_->get(); }

	class Control; // the stop handshake with the thread's event loop (defined in the .cpp, keeps asio out of here)

private:
	const ConnectorSettings settings_; // immutable after construction
	const ReceivedFrameSink sink_;
	Logger &logger_;
	std::shared_ptr<StatusBox> status_; // written by the connector thread, read by any thread
	std::unique_ptr<Control> control_;  // made by start(), released by stop(): the owner's thread
	std::thread thread_;                // started and joined by the owner's thread
};

// The reconnect delay for attempt n (0-based): initial * 2^n capped at max, then spread by +-20 % jitter
// (never above max). `unit` in [0, 1) picks the point inside the jitter range.
int backoffDelayMs(int attempt, int initialMs, int maxMs, double unit);

} // namespace livegifts::connect
