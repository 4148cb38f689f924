#pragma once
// A WebSocket server on 127.0.0.1 for the connector tests: it lives in the test's main thread (run its
// event loop with waitUntil or pump) and hands each new client to a script.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <QUrl>
#include <QWebSocket>
#include <QWebSocketServer>

namespace testing {

class WsServer {
public:
	// Called for each new client with its index (0 for the first connection).
	using Script = std::function<void(QWebSocket *client, int index)>;

	explicit WsServer(Script script);

	std::string url() const;
	int connections() const;
	// The URL the client at `index` asked for (its path and query).
	QUrl requestUrl(int index) const;

private:
	QWebSocketServer server_;
	Script script_;
	std::vector<std::unique_ptr<QWebSocket>> clients_;
	std::vector<QUrl> requestUrls_;
};

// Sends frames[from, to) as text messages and flushes.
void sendFrames(QWebSocket *client, const std::vector<std::string> &frames, std::size_t from, std::size_t to);

// Once everything queued is on the wire, drops the TCP connection without a close frame.
void abortWhenSent(QWebSocket *client);

} // namespace testing
