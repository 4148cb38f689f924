#pragma once
// A WebSocket server on 127.0.0.1 for the connector tests (websocketpp, as the connector's client): it lives
// in the test's main thread (waitUntil and pump run it) and hands each new client to a script. ws:// or, with
// a certificate and key, wss://. Compiled as C++17 like websocketpp; this header uses only std types.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace testing {

// One client of a WsServer as its script sees it; valid while the server lives.
class WsClient {
public:
	virtual ~WsClient() = default;
	virtual void sendText(const std::string &text) = 0; // websocketpp refuses text that is not UTF-8
	virtual void sendBinary(const std::string &bytes) = 0;
	// One frame written as it is, past websocketpp's checks (ws:// only): `opcode` 1 text, 2 binary,
	// 0 continuation, 9 ping; `fin` false leaves the message open.
	virtual void sendRawFrame(std::uint8_t opcode, const std::string &payload, bool fin = true) = 0;
	virtual void close(int code = 1000, const std::string &reason = "") = 0;
	// Once everything queued is written, ends the TCP connection (FIN) without a close frame.
	virtual void abortWhenSent() = 0;
};

class WsServer {
public:
	// Called for each new client with its index (0 for the first connection).
	using Script = std::function<void(WsClient *client, int index)>;

	explicit WsServer(Script script);
	// wss:// with this certificate chain and key (PEM files).
	WsServer(Script script, const std::string &certFile, const std::string &keyFile);
	~WsServer();

	std::string url() const;
	int connections() const;
	// The path and query the client at `index` asked for.
	std::string requestResource(int index) const;
	// The Authorization header of connection `index`'s handshake ("" without one).
	std::string requestAuthorization(int index) const;

	class Impl;

private:
	std::unique_ptr<Impl> impl_;
};

// Runs the pending work of every live WsServer (waitUntil and pump call it).
void pollWsServers();

// Sends frames[from, to) as text messages, written to the socket at once (ws:// only).
void sendFrames(WsClient *client, const std::vector<std::string> &frames, std::size_t from, std::size_t to);

// Once everything queued is written, ends the TCP connection (FIN) without a close frame.
void abortWhenSent(WsClient *client);

// The Sec-WebSocket-Accept answer to a handshake's Sec-WebSocket-Key (for servers written by hand).
std::string webSocketAccept(const std::string &key);

// A listening TCP socket on 127.0.0.1 at a free port, for servers written by hand: the descriptor (-1 when
// it failed) and its port. `receiveBuffer` > 0 sets SO_RCVBUF, which accepted sockets inherit.
int listenOnLoopback(int &port, int receiveBuffer = 0);

// Reads a client's handshake request from `socket` up to its blank line: its Sec-WebSocket-Key, or false when
// the connection ended first or the request has none.
bool readHandshakeKey(int socket, std::string &key);

} // namespace testing
