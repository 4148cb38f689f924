// Addresses typed by hand: their secrets never reach a log line or the status, whether they parse or not,
// and an Euler address that does not parse is refused before any connection, as a plain one is.

#include <catch2/catch.hpp>

#include <string>

#include "connect/connector.hpp"
#include "support.hpp"
#include "ws-server.hpp"

using namespace livegifts::connect;
using livegifts::LogLevel;
using testing::fastSettings;
using testing::waitUntil;

namespace {

const testing::FastTimeouts kTimeouts{.handshakeMs = 1000, .idleMs = 5000, .slowRetryMs = 5000};

// Starts a connector on `settings`, waits until it gives up and returns its status; `logger` gets its lines.
ConnectorStatus refusedStatus(const ConnectorSettings &settings, testing::CapturingLogger &logger)
{
	auto connector = makeConnector(
	    settings, [](std::string) {}, logger);
	connector->start();
	const bool gaveUp = waitUntil([&] { return connector->status().fatal; }, 3000);
	const ConnectorStatus status = connector->status();
	connector->stop();
	CHECK(gaveUp);
	return status;
}

} // namespace

TEST_CASE("a URL that does not parse is said with its secrets masked", "[websocket]")
{
	auto masked = [](const std::string &url) { return maskedUrl(fastSettings(kTimeouts, url)); };
	CHECK(masked("ws://127.0.0.1:99999/?apiKey=MY-SECRET-KEY") == "ws://127.0.0.1:99999/?apiKey=***");
	CHECK(masked("ws://127.0.0.1:2121x/?room=7&token=MY-SECRET-TOKEN") == "ws://127.0.0.1:2121x/?room=7&token=***");
	CHECK(masked("ws://bob:MY-PASSWORD@[::1/?x=1") == "ws://bob:***@[::1/?x=1");
	CHECK(masked("ws://bob:MY/PASSWORD@[::1") == "ws://bob:***@[::1");
	CHECK(masked("ws://[::1:99999/?pass=A&password=B&sig=C&session=D&auth=E#access_token=F") ==
	      "ws://[::1:99999/?pass=***&password=***&sig=***&session=***&auth=***#access_token=***");
	CHECK(maskUrlText("not a url at all") == "not a url at all");

	// The connector's error, its status and its log say the address without the key.
	testing::CapturingLogger logger;
	const ConnectorStatus status =
	    refusedStatus(fastSettings(kTimeouts, "ws://127.0.0.1:99999/?apiKey=MY-SECRET-KEY"), logger);
	CHECK(status.problem == Problem::UnusableAddress);
	CHECK(status.lastError.find("ws://127.0.0.1:99999/?apiKey=***") != std::string::npos);
	CHECK(status.lastError.find("MY-SECRET") == std::string::npos);
	CHECK(status.target.find("MY-SECRET") == std::string::npos);
	CHECK(logger.count(LogLevel::Debug, "apiKey=***") > 0);
	CHECK(logger.count(LogLevel::Debug, "MY-SECRET") == 0);
}

TEST_CASE("a URL that parses is masked as before, a pass item too", "[websocket]")
{
	auto masked = [](const std::string &url) { return maskedUrl(fastSettings(kTimeouts, url)); };
	CHECK(masked("ws://viewer:pw-secret@127.0.0.1:2000/?room=7&token=tok-secret") ==
	      "ws://viewer:***@127.0.0.1:2000/?room=7&token=***");
	CHECK(masked("ws://127.0.0.1:2000/?apiKey=k&pass=p&x=") == "ws://127.0.0.1:2000/?apiKey=***&pass=***&x=");
	CHECK(masked("ws://127.0.0.1:21213/") == "ws://127.0.0.1:21213/");

	ConnectorSettings euler;
	euler.kind = ConnectorKind::Euler;
	euler.uniqueId = "@someone";
	euler.apiKey = "EULER-SECRET";
	CHECK(maskedUrl(euler) == "wss://ws.eulerstream.com?uniqueId=someone&apiKey=***");
	CHECK(connectUrl(euler) == "wss://ws.eulerstream.com?uniqueId=someone&apiKey=EULER-SECRET");
}

TEST_CASE("an Euler address that does not parse is refused as a plain one, before connecting", "[websocket][euler]")
{
	for (const std::string url : {"ws://127.0.0.1:99999/", "ws://[::1/"}) {
		INFO(url);
		ConnectorSettings plain = fastSettings(kTimeouts, url);
		ConnectorSettings euler = plain;
		euler.kind = ConnectorKind::Euler;
		euler.uniqueId = "@someone";
		euler.apiKey = "EULER-SECRET";
		CHECK_FALSE(eulerUsable(euler));
		CHECK(connectUrl(euler).find("EULER-SECRET") == std::string::npos);

		testing::CapturingLogger plainLog;
		testing::CapturingLogger eulerLog;
		const ConnectorStatus plainStatus = refusedStatus(plain, plainLog);
		const ConnectorStatus eulerStatus = refusedStatus(euler, eulerLog);
		CHECK(eulerStatus.problem == plainStatus.problem);
		CHECK(eulerStatus.problem == Problem::UnusableAddress);
		CHECK(eulerStatus.lastError == plainStatus.lastError);
		CHECK(eulerStatus.lastError == "Not a usable WebSocket address (invalid uri): " + url);
		CHECK(eulerStatus.connects == 0);
		CHECK(eulerLog.count(LogLevel::Debug, "connecting to") == 0); // no attempt, anywhere
		CHECK(eulerLog.count(LogLevel::Debug, "EULER-SECRET") == 0);
	}

	// A port websocketpp reads past its letters: for the key, the Euler path refuses it too.
	ConnectorSettings euler = fastSettings(kTimeouts, "ws://127.0.0.1:2121x/");
	euler.kind = ConnectorKind::Euler;
	euler.uniqueId = "@someone";
	euler.apiKey = "EULER-SECRET";
	testing::CapturingLogger log;
	CHECK(refusedStatus(euler, log).lastError ==
	      "Not a usable WebSocket address (invalid uri): ws://127.0.0.1:2121x/");
	CHECK(log.count(LogLevel::Debug, "connecting to") == 0);

	// A usable override still gets the handle and the key.
	euler = ConnectorSettings{};
	euler.kind = ConnectorKind::Euler;
	euler.url = "ws://127.0.0.1:2000/";
	euler.uniqueId = "@someone";
	euler.apiKey = "EULER-SECRET";
	CHECK(eulerUsable(euler));
	CHECK(connectUrl(euler) == "ws://127.0.0.1:2000/?uniqueId=someone&apiKey=EULER-SECRET");
}
