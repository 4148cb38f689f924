// What a WebSocket handshake that goes wrong tells the streamer, from servers written by hand: each header
// of the server's 101 answer that RFC 6455 asks for, absent or wrong, is named (websocketpp says "A required
// HTTP header is missing" for all of them, a wrong Sec-WebSocket-Accept included); and a failure that
// repeats is logged once as a warning, then counted.

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "connect/connector.hpp"
#include "support.hpp"
#include "ws-server.hpp"

using namespace livegifts::connect;
using livegifts::LogLevel;
using testing::fastSettings;
using testing::waitUntil;

namespace {

// Answers every connection's handshake with answer(Sec-WebSocket-Key) and keeps it open until the client
// closes it or the server stops.
class HandshakeServer {
public:
	explicit HandshakeServer(std::function<std::string(const std::string &key)> answer) : answer_(std::move(answer))
	{
		listener_ = testing::listenOnLoopback(port_);
		REQUIRE(listener_ >= 0);
		thread_ = std::thread([this] { run(); });
	}
	~HandshakeServer()
	{
		::shutdown(listener_, SHUT_RDWR);
		::close(listener_);
		thread_.join();
	}

	std::string url() const { return "ws://127.0.0.1:" + std::to_string(port_) + "/"; }
	int answered() const { return answered_; }

private:
	void run()
	{
		for (;;) {
			const int peer = ::accept(listener_, nullptr, nullptr);
			if (peer < 0) {
				return;
			}
			if (std::string key; testing::readHandshakeKey(peer, key)) {
				const std::string out = answer_(key);
				::send(peer, out.data(), out.size(), MSG_NOSIGNAL);
				++answered_;
				char buffer[4096];
				while (::recv(peer, buffer, sizeof(buffer), 0) > 0) {
				}
			}
			::close(peer);
		}
	}

	std::function<std::string(const std::string &)> answer_;
	int listener_ = -1;
	int port_ = 0;
	std::atomic<int> answered_{0};
	std::thread thread_;
};

const std::string kSwitching = "HTTP/1.1 101 Switching Protocols\r\n";

std::string failureOf(const std::function<std::string(const std::string &)> &answer)
{
	HandshakeServer server(answer);
	testing::CapturingLogger logger;
	auto connector = makeConnector(
	    fastSettings({.handshakeMs = 2000, .slowRetryMs = 100}, server.url()), [](ReceivedFrame) {}, logger);
	connector->start();
	waitUntil([&] { return !connector->status().lastError.empty(); }, 10000);
	const auto status = connector->status();
	connector->stop();
	CHECK(status.connects == 0);
	CHECK(server.answered() >= 1);
	return status.lastError;
}

} // namespace

TEST_CASE("a 101 answer without what RFC 6455 asks of it names what is missing or wrong", "[websocket]")
{
	const std::string upgrade = "Upgrade: websocket\r\n";
	const std::string connection = "Connection: Upgrade\r\n";
	const auto accept = [](const std::string &key) {
		return "Sec-WebSocket-Accept: " + testing::webSocketAccept(key) + "\r\n";
	};
	std::string error =
	    failureOf([&](const std::string &key) { return kSwitching + connection + accept(key) + "\r\n"; });
	INFO(error);
	CHECK(error.find("has no \"Upgrade: websocket\" header") != std::string::npos);

	error = failureOf([&](const std::string &key) { return kSwitching + upgrade + accept(key) + "\r\n"; });
	INFO(error);
	CHECK(error.find("has no \"Connection: Upgrade\" header") != std::string::npos);

	error = failureOf([&](const std::string &) { return kSwitching + upgrade + connection + "\r\n"; });
	INFO(error);
	CHECK(error.find("has no Sec-WebSocket-Accept header") != std::string::npos);

	// The answer to another key: what a proxy replaying an old handshake, or a server computing it wrong, sends.
	error = failureOf([&](const std::string &) {
		return kSwitching + upgrade + connection + accept("dGhlIHNhbXBsZSBub25jZQ==") + "\r\n";
	});
	INFO(error);
	CHECK(error.find("has a Sec-WebSocket-Accept header that does not answer the key we sent") !=
	      std::string::npos);
	CHECK(error.find("required HTTP header is missing") == std::string::npos);
}

TEST_CASE("a 101 answer in another HTTP version, or with a subprotocol or extension not offered, is refused",
	  "[websocket]")
{
	// Seen: all three were taken as a working connection (browsers refuse each of them; the frames after an
	// unoffered extension or subprotocol are in an encoding or a protocol we do not speak).
	const std::string rest = "Upgrade: websocket\r\nConnection: Upgrade\r\n";
	const auto accept = [](const std::string &key) {
		return "Sec-WebSocket-Accept: " + testing::webSocketAccept(key) + "\r\n";
	};
	std::string error = failureOf([&](const std::string &key) {
		return "HTTP/1.0 101 Switching Protocols\r\n" + rest + accept(key) + "\r\n";
	});
	INFO(error);
	CHECK(error == "The server's answer to the WebSocket handshake is in HTTP/1.0, not HTTP/1.1");

	error = failureOf([&](const std::string &key) {
		return kSwitching + rest + accept(key) + "Sec-WebSocket-Protocol: chat\r\n\r\n";
	});
	INFO(error);
	CHECK(error ==
	      "The server's answer to the WebSocket handshake chose the subprotocol \"chat\", which we did not "
	      "offer");

	error = failureOf([&](const std::string &key) {
		return kSwitching + rest + accept(key) + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n";
	});
	INFO(error);
	CHECK(error.find("turned on the extension \"permessage-deflate\", which we did not offer") !=
	      std::string::npos);

	// The same answer without them connects: the refusals above are theirs alone.
	HandshakeServer server([&](const std::string &key) { return kSwitching + rest + accept(key) + "\r\n"; });
	testing::CapturingLogger logger;
	auto connector = makeConnector(
	    fastSettings({.handshakeMs = 2000, .slowRetryMs = 100}, server.url()), [](ReceivedFrame) {}, logger);
	connector->start();
	CHECK(waitUntil([&] { return connector->status().connects >= 1; }, 10000));
	connector->stop();
}

TEST_CASE("a connection failure that repeats is logged once as a warning, then counted", "[websocket]")
{
	HandshakeServer server([](const std::string &) { return kSwitching + "\r\n"; }); // no headers at all
	testing::CapturingLogger logger;
	auto connector = makeConnector(
	    fastSettings({.handshakeMs = 2000, .slowRetryMs = 20}, server.url()), [](ReceivedFrame) {}, logger);
	connector->start();
	REQUIRE(waitUntil([&] { return server.answered() >= 7; }, 20000));
	connector->stop();
	const int attempts = server.answered();
	INFO(attempts << " attempts");
	CHECK(logger.count(LogLevel::Warning, "has no \"Upgrade: websocket\" header") == 1);
	// Every failure after the first is in the count, logged when the connector stops.
	bool counted = false;
	for (const std::string &line : logger.lines()) {
		const std::string head = "WebSocket: the failure before happened ";
		if (line.rfind(head, 0) == 0) {
			const int repeats = std::stoi(line.substr(head.size()));
			counted = repeats >= 5 && repeats <= attempts - 1;
			INFO(line);
			CHECK(counted);
		}
	}
	CHECK(counted);
}
