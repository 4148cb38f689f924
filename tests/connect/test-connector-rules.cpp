// The connector's rules without a connection: the backoff, how often a failure is a warning, what an end of a
// connection means (words, problem code, retry or not), and the words of every problem code.

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <set>
#include <string>

#include "connect/connector.hpp"
#include "connect/failure-log.hpp"
#include "connect/link-end.hpp"
#include "connect/websocket-connector.hpp"

using namespace livegifts::connect;
using detail::LinkEnd;

namespace {

LinkEnd linkEnd(void (*fill)(LinkEnd &))
{
	LinkEnd end;
	fill(end);
	return end;
}

} // namespace

TEST_CASE("backoff grows, is capped and jittered", "[websocket]")
{
	CHECK(backoffDelayMs(0, 1000, 30000, 0.5) == 1000);
	CHECK(backoffDelayMs(1, 1000, 30000, 0.5) == 2000);
	CHECK(backoffDelayMs(3, 1000, 30000, 0.5) == 8000);
	CHECK(backoffDelayMs(10, 1000, 30000, 0.5) == 24000 + 6000); // capped at 30 s before jitter
	CHECK(backoffDelayMs(10, 1000, 30000, 1.0) == 30000);        // jitter never goes above the cap
	CHECK(backoffDelayMs(10, 1000, 30000, 0.0) == 24000);
	CHECK(backoffDelayMs(0, 1000, 30000, 0.0) == 800);
	CHECK(backoffDelayMs(0, 1000, 30000, 0.999) < 1200);
	CHECK(backoffDelayMs(100, 1000, 30000, 0.3) <= 30000);
}

TEST_CASE("a failure is a warning once a minute, its repeats in between counted, a connection or not", "[websocket]")
{
	// Seen: a server breaking the protocol right after each handshake wrote the same warning every second
	// (each connection started the log over).
	FailureLog log;
	const auto t0 = FailureLog::Clock::time_point{} + std::chrono::hours(1);
	CHECK(log.warn("Dropped the connection: x", t0));
	for (int i = 1; i <= 59; ++i) {
		CHECK_FALSE(log.warn("Dropped the connection: x", t0 + std::chrono::seconds(i)));
	}
	CHECK(log.takeRepeats() == 59);
	CHECK(log.takeRepeats() == 0);
	CHECK(log.warn("Dropped the connection: x", t0 + std::chrono::seconds(60))); // a minute on: again
	CHECK(log.warn("Connection refused", t0 + std::chrono::seconds(61)));        // another reason: at once
	CHECK_FALSE(log.warn("Connection refused", t0 + std::chrono::seconds(62)));
	CHECK(log.warn("Dropped the connection: x", t0 + std::chrono::seconds(63))); // the reason before: at once
	CHECK(log.takeRepeats() == 1);
}

TEST_CASE("Euler close codes have words", "[websocket][euler]")
{
	for (const int code : {4005, 4006, 4400, 4401, 4403, 4404, 4429, 4500, 4555, 4556, 4557}) {
		CHECK_FALSE(eulerCloseMeaning(code).message.empty());
		CHECK(eulerCloseMeaning(code).problem != Problem::None);
		CHECK(eulerCloseMeaning(code).problem != Problem::Other);
	}
	CHECK_FALSE(eulerCloseMeaning(4401).retry);
	CHECK_FALSE(eulerCloseMeaning(4400).retry);
	CHECK(eulerCloseMeaning(4404).slow);
	CHECK(eulerCloseMeaning(4005).streamEnded);
	CHECK(eulerCloseMeaning(4999).message.empty());
	CHECK(eulerCloseMeaning(4999).problem == Problem::None);
}

TEST_CASE("every problem code has words in en-US.ini", "[websocket]")
{
	std::ifstream in(std::string(LIVE_GIFTS_SOURCE_DIR) + "/locale/en-US.ini");
	std::set<std::string> keys;
	for (std::string line; std::getline(in, line);) {
		keys.insert(line.substr(0, line.find('=')));
	}
	REQUIRE(keys.size() > 300);
	for (int code = static_cast<int>(Problem::MissingHandle); code <= static_cast<int>(Problem::EulerNoRoom);
	     ++code) {
		const std::string key = std::string("LiveGifts.Problem.") + problemName(static_cast<Problem>(code));
		INFO(key);
		CHECK(keys.count(key) == 1);
	}
	CHECK(keys.count("LiveGifts.Problem.ServerClosedDetail") == 1);
	CHECK(std::string(problemName(Problem::EulerNoRoom)) == "EulerNoRoom");
}

TEST_CASE("how a connection ended becomes words, a problem code and a retry", "[websocket]")
{
	SECTION("a frame over the limit: ours, said with the limit")
	{
		const EndVerdict v = judgeLinkEnd(linkEnd([](LinkEnd &e) {
							  e.wasOpen = true;
							  e.localCode = kCloseTooBig;
							  e.localReason = "too big";
						  }),
						  ConnectorKind::WebSocketUrl, 1024);
		CHECK(v.reason == "A frame was larger than the limit of 1024 bytes");
		CHECK(v.problem == Problem::FrameTooBig);
		CHECK(v.detail == "1024");
		CHECK(v.retry);
		CHECK(v.droppedByUs);
	}
	SECTION("a protocol error: we dropped it, and say why")
	{
		const EndVerdict v = judgeLinkEnd(linkEnd([](LinkEnd &e) {
							  e.wasOpen = true;
							  e.localCode = 1002;
							  e.localReason = "Reserved opcode used";
						  }),
						  ConnectorKind::WebSocketUrl, 1024);
		CHECK(v.reason == "Dropped the connection: Reserved opcode used (close code 1002)");
		CHECK(v.droppedByUs);
		CHECK(v.retry);
		CHECK_FALSE(v.slow);
	}
	SECTION("pings not answered: dropped without a close frame")
	{
		const EndVerdict v = judgeLinkEnd(linkEnd([](LinkEnd &e) {
							  e.wasOpen = true;
							  e.localReason = "the server does not read";
							  e.dropped = true;
						  }),
						  ConnectorKind::WebSocketUrl, 1024);
		CHECK(v.reason == "Dropped the connection: the server does not read");
		CHECK(v.droppedByUs);
	}
	SECTION("the server closed it, with its code and words; not counted as dropped")
	{
		const EndVerdict v = judgeLinkEnd(linkEnd([](LinkEnd &e) {
							  e.wasOpen = true;
							  e.remoteCode = 1011;
							  e.remoteReason = "restarting";
							  e.localCode = 1011;
						  }),
						  ConnectorKind::WebSocketUrl, 1024);
		CHECK(v.reason == "The server closed the connection (code 1011, restarting)");
		CHECK(v.problem == Problem::ServerClosed);
		CHECK(v.detail == "code 1011, restarting");
		CHECK_FALSE(v.droppedByUs);
	}
	SECTION("a normal close by the server has no details")
	{
		const EndVerdict v = judgeLinkEnd(linkEnd([](LinkEnd &e) {
							  e.wasOpen = true;
							  e.remoteCode = kCloseNormal;
						  }),
						  ConnectorKind::WebSocketUrl, 1024);
		CHECK(v.reason == "The server closed the connection");
		CHECK(v.detail.empty());
	}
	SECTION("never connected: the transport's words, or that it could not")
	{
		const EndVerdict refused = judgeLinkEnd(linkEnd([](LinkEnd &e) { e.error = "Connection refused"; }),
							ConnectorKind::WebSocketUrl, 1024);
		CHECK(refused.reason == "Connection refused");
		CHECK(refused.problem == Problem::CouldNotConnect); // said in the UI's words, the transport's as detail
		CHECK(refused.detail == "Connection refused");
		const EndVerdict silent = judgeLinkEnd(LinkEnd{}, ConnectorKind::WebSocketUrl, 1024);
		CHECK(silent.reason == "Could not connect");
		CHECK(silent.problem == Problem::CouldNotConnect);
		CHECK(silent.detail.empty());
		CHECK_FALSE(silent.droppedByUs); // not open: nothing was lost behind it
	}
	SECTION("Euler Stream's codes: a bad key gives up, the stream's end retries slowly, the lifetime at once")
	{
		const EndVerdict badKey = judgeLinkEnd(linkEnd([](LinkEnd &e) {
							       e.wasOpen = true;
							       e.remoteCode = 4401;
						       }),
						       ConnectorKind::Euler, 1024);
		CHECK_FALSE(badKey.retry);
		CHECK(badKey.problem == eulerCloseMeaning(4401).problem);
		CHECK(badKey.reason == eulerCloseMeaning(4401).message + " (close code 4401)");
		const EndVerdict ended = judgeLinkEnd(linkEnd([](LinkEnd &e) {
							      e.wasOpen = true;
							      e.remoteCode = 4005;
						      }),
						      ConnectorKind::Euler, 1024);
		CHECK(ended.streamEnded);
		CHECK(ended.retry);
		CHECK(ended.slow == eulerCloseMeaning(4005).slow);
		CHECK(ended.problem == Problem::StreamEnded);
		const EndVerdict lifetime = judgeLinkEnd(linkEnd([](LinkEnd &e) {
								 e.wasOpen = true;
								 e.remoteCode = 4555;
							 }),
							 ConnectorKind::Euler, 1024);
		CHECK(lifetime.restartBackoff);
		CHECK(lifetime.retry);
		// The same codes from a bridge that is not Euler Stream are only a server's close.
		const EndVerdict bridge = judgeLinkEnd(linkEnd([](LinkEnd &e) {
							       e.wasOpen = true;
							       e.remoteCode = 4401;
						       }),
						       ConnectorKind::WebSocketUrl, 1024);
		CHECK(bridge.retry);
		CHECK(bridge.problem == Problem::ServerClosed);
	}
}
