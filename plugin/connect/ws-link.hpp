#pragma once

// Internal: the WebSocket transport under WebSocketConnector, websocketpp over standalone asio (TLS through
// OpenSSL). One connection at a time on the connector's io_context; every call and every event on the thread
// that runs it. Compiled as C++17 like the connector (websocketpp 0.8.2 does not compile as C++20 with
// GCC 11+), so this header uses only std and asio types.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <asio/io_context.hpp>

#include "connect/link-end.hpp"

namespace livegifts::connect::detail {

struct LinkOptions {
	bool tls = false;                  // wss://
	std::uint64_t maxMessageBytes = 0; // larger messages close the connection with code 1009
	std::string userAgent;             // the upgrade request's User-Agent
	std::string extraCaFile;           // a PEM certificate trusted besides the system's (tests)
};

struct LinkEvents {
	std::function<void()> opened;
	std::function<void(std::string payload)> message; // text and binary messages alike, bytes as they came
	std::function<void()> pong;
	std::function<void(const LinkEnd &end)> ended;
};

class Link {
public:
	virtual ~Link() = default;
	// Starts a connection to `url` (a previous one is aborted first). False with `error` when the URL cannot be
	// opened; otherwise opened() or ended() follows.
	virtual bool open(const std::string &url, std::string &error) = 0;
	virtual void ping() = 0;
	// Sends a close frame; ended() follows once the server answers or the transport gives up.
	virtual void close(int code, const std::string &reason) = 0;
	// Drops the connection at once; no event of it follows.
	virtual void abort() = 0;
};

std::unique_ptr<Link> makeLink(asio::io_context &io, LinkOptions options, LinkEvents events);

} // namespace livegifts::connect::detail
