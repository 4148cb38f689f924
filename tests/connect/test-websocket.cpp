// The WebSocket connector against real servers on 127.0.0.1 (a websocketpp server, or a raw QTcpServer for
// servers that misbehave), living in this test's main thread while the connector runs on its own.

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <memory>
#include <set>
#include <mutex>
#include <tuple>
#include <vector>

#include <QByteArray>
#include <QCryptographicHash>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include "connect/connector.hpp"
#include "connect/websocket-connector.hpp"
#include "support.hpp"
#include "ws-server.hpp"

using namespace livegifts::connect;
using testing::abortWhenSent;
using testing::fastSettings;
using testing::FrameCollector;
using testing::sendFrames;
using testing::waitUntil;
using testing::WsServer;

namespace {

const testing::FastTimeouts kTimeouts{.handshakeMs = 1000, .idleMs = 5000, .slowRetryMs = 5000};

// An index inside a gift streak: a running (not final) streak message.
std::size_t midStreakIndex(const std::vector<std::string> &frames, std::size_t after)
{
	for (std::size_t i = after; i < frames.size(); ++i) {
		if (frames[i].find("\"repeatEnd\":false") != std::string::npos) {
			return i;
		}
	}
	return after;
}

} // namespace

TEST_CASE("a whole stream arrives, in order, byte for byte", "[websocket]")
{
	const auto frames = testing::readLines(testing::demoStreamPath());
	REQUIRE(frames.size() > 500);
	WsServer server([&](testing::WsClient *client, int) { sendFrames(client, frames, 0, frames.size()); });

	FrameCollector collector;
	auto connector = makeConnector(fastSettings(kTimeouts, server.url()), collector.sink());
	connector->start();
	REQUIRE(waitUntil([&] { return collector.size() == frames.size(); }, 10000));
	const auto status = connector->status();
	CHECK(status.state == ConnectionState::Connected);
	CHECK(status.framesReceived == frames.size());
	CHECK(status.framesIgnored == 0);
	CHECK(status.connects == 1);
	CHECK(describeStatus(status) == "Connected");
	connector->stop();
	CHECK(collector.frames() == frames);
	CHECK(connector->status().state == ConnectionState::Stopped);
}

TEST_CASE("a connection dropped mid-streak is reconnected and the resent messages arrive again", "[websocket]")
{
	const auto frames = testing::readLines(testing::demoStreamPath());
	const std::size_t cut = midStreakIndex(frames, frames.size() / 2);
	const std::size_t resend = 40; // the bridge re-sends its recent messages to a new client
	REQUIRE(cut > resend);
	WsServer server([&](testing::WsClient *client, int index) {
		if (index == 0) {
			sendFrames(client, frames, 0, cut);
			abortWhenSent(client);
		} else {
			sendFrames(client, frames, cut - resend, frames.size());
		}
	});

	FrameCollector collector;
	auto connector = makeConnector(fastSettings(kTimeouts, server.url()), collector.sink());
	connector->start();
	REQUIRE(waitUntil([&] { return collector.size() == frames.size() + resend; }, 10000));
	const auto status = connector->status();
	connector->stop();
	CHECK(server.connections() == 2);
	CHECK(status.connects == 2);
	CHECK(status.lastError.find("closed the connection") != std::string::npos);
	CHECK(status.problem == Problem::ServerClosed);

	// Everything arrived; the overlap is there twice (the engine's msgId dedupe drops it).
	const auto got = collector.frames();
	const std::set<std::string> unique(got.begin(), got.end());
	const std::set<std::string> sent(frames.begin(), frames.end());
	CHECK(unique == sent);
	CHECK(std::equal(got.begin(), got.begin() + static_cast<std::ptrdiff_t>(cut), frames.begin()));
}

TEST_CASE("garbage frames are ignored with a clear status and the connection survives", "[websocket]")
{
	WsServer server([&](testing::WsClient *client, int) {
		client->sendText(R"({"event":"like","data":{"msgId":"1","likeCount":1}})");
		client->sendText("this is not json");
		client->sendText(R"({"event":"gift","data":{)");
		client->sendBinary(std::string("\xff\xfe\x00garbage", 10));
		client->sendText(std::string(200, '[') + std::string(200, ']')); // JSON, but over a limit
		client->sendText(R"({"event":"like","data":{"msgId":"2","likeCount":1}})");
	});
	testing::CapturingLogger logger;
	FrameCollector collector;
	auto connector = makeConnector(fastSettings(kTimeouts, server.url()), collector.sink(), logger);
	connector->start();
	REQUIRE(waitUntil([&] { return collector.size() == 2 && connector->status().framesIgnored == 4; }, 5000));
	testing::pump(100);
	const auto status = connector->status();
	connector->stop();
	CHECK(status.state == ConnectionState::Connected);
	CHECK(status.connects == 1);
	CHECK(status.framesReceived == 2);
	CHECK(status.lastError.find("not JSON") != std::string::npos);
	// the parser's own reason, not "not JSON" for every refusal
	CHECK(status.lastError.find("nested deeper than 128 levels (limits::maxJsonDepth)") != std::string::npos);
	CHECK(status.problem == Problem::NotJson);
	CHECK_FALSE(status.problemDetail.empty());
	CHECK(collector.frames()[1].find("\"msgId\":\"2\"") != std::string::npos);
	CHECK(logger.count(livegifts::LogLevel::Warning, "not JSON") == 1); // logged once, not per frame
}

TEST_CASE("a frame of several MB that a replay counts is counted live too", "[websocket]")
{
	// 5 MiB of comment: over the 4 MiB the connector used to allow, under the engine's limit.
	const std::string big =
	    R"({"event":"chat","data":{"msgId":"20","comment":")" + std::string(5 << 20, 'x') + "\"}}";
	const std::string after = R"({"event":"like","data":{"msgId":"21","likeCount":1}})";
	WsServer server([&](testing::WsClient *client, int) {
		client->sendText(big);
		client->sendText(after);
	});
	FrameCollector collector;
	auto connector = makeConnector(fastSettings(kTimeouts, server.url()), collector.sink());
	connector->start();
	REQUIRE(waitUntil([&] { return collector.size() == 2; }, 10000));
	const auto status = connector->status();
	connector->stop();
	CHECK(ConnectorSettings{}.maxFrameBytes == static_cast<std::int64_t>(livegifts::limits::maxFrameBytes));
	CHECK(status.connects == 1);
	CHECK(collector.frames()[0].size() == big.size());
	CHECK(collector.frames()[1] == after);
}

TEST_CASE("an oversized frame is refused, the connector reconnects and nothing else is lost", "[websocket]")
{
	const std::string before = R"({"event":"like","data":{"msgId":"10","likeCount":1}})";
	const std::string after = R"({"event":"like","data":{"msgId":"11","likeCount":1}})";
	const std::string huge = R"({"event":"chat","data":{"comment":")" + std::string(200 * 1024, 'x') + "\"}}";
	WsServer server([&](testing::WsClient *client, int index) {
		client->sendText(before);
		if (index == 0) {
			client->sendText(huge);
		}
		client->sendText(after);
	});
	auto settings = fastSettings(kTimeouts, server.url());
	settings.maxFrameBytes = 64 * 1024;
	FrameCollector collector;
	auto connector = makeConnector(settings, collector.sink());
	connector->start();
	REQUIRE(waitUntil(
	    [&] {
		    const auto frames = collector.frames();
		    return std::count(frames.begin(), frames.end(), after) >= 1 && connector->status().connects == 2;
	    },
	    5000));
	const auto status = connector->status();
	connector->stop();
	CHECK(status.lastError.find("larger than the limit") != std::string::npos);
	CHECK(status.problem == Problem::FrameTooBig);
	CHECK(status.dropped == 1); // the stop's own close is not one
	const auto frames = collector.frames();
	CHECK(std::count(frames.begin(), frames.end(), before) == 2); // sent again after the reconnect
	CHECK(std::count(frames.begin(), frames.end(), huge) == 0);
	CHECK(server.connections() == 2);
}

TEST_CASE("a server that accepts TCP but never completes the handshake is retried", "[websocket]")
{
	QTcpServer silent;
	REQUIRE(silent.listen(QHostAddress::LocalHost, 0));
	int accepted = 0;
	std::vector<std::unique_ptr<QTcpSocket>> held;
	QObject::connect(&silent, &QTcpServer::newConnection, [&] {
		while (QTcpSocket *socket = silent.nextPendingConnection()) {
			held.emplace_back(socket); // read nothing, answer nothing
			++accepted;
		}
	});
	auto settings = fastSettings(kTimeouts, "ws://127.0.0.1:" + std::to_string(silent.serverPort()) + "/");
	settings.handshakeTimeoutMs = 300;
	FrameCollector collector;
	auto connector = makeConnector(settings, collector.sink());
	const auto started = std::chrono::steady_clock::now();
	connector->start();
	REQUIRE(waitUntil([&] { return accepted >= 2; }, 5000));
	const auto elapsed = std::chrono::steady_clock::now() - started;
	CHECK(elapsed >= std::chrono::milliseconds(300)); // the first attempt waited for its timeout
	REQUIRE(waitUntil([&] { return connector->status().state == ConnectionState::Reconnecting; }, 2000));
	const auto status = connector->status();
	CHECK(status.lastError == "No answer from the server within 1 s");
	CHECK(status.problem == Problem::NoAnswer);
	CHECK(status.problemDetail == "1");
	CHECK(status.connects == 0);

	const auto stopping = std::chrono::steady_clock::now();
	connector->stop();
	CHECK(std::chrono::steady_clock::now() - stopping < std::chrono::milliseconds(500));
	CHECK(connector->status().state == ConnectionState::Stopped);
	CHECK(collector.size() == 0);
}

TEST_CASE("a connection that goes silent (no frames, no pongs) is detected and replaced", "[websocket]")
{
	// A hand-made WebSocket server: completes the handshake, then ignores everything (pings too).
	QTcpServer server;
	REQUIRE(server.listen(QHostAddress::LocalHost, 0));
	int handshakes = 0;
	std::vector<std::unique_ptr<QTcpSocket>> held;
	QObject::connect(&server, &QTcpServer::newConnection, [&] {
		while (QTcpSocket *socket = server.nextPendingConnection()) {
			held.emplace_back(socket);
			QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, &handshakes] {
				if (socket->property("upgraded").toBool()) {
					socket->readAll(); // pings land here and are never answered
					return;
				}
				const QByteArray request = socket->peek(8192);
				if (!request.contains("\r\n\r\n")) {
					return;
				}
				socket->readAll();
				QByteArray key;
				for (const QByteArray &line : request.split('\n')) {
					if (line.toLower().startsWith("sec-websocket-key:")) {
						key = line.mid(18).trimmed();
					}
				}
				const QByteArray accept =
				    QCryptographicHash::hash(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11",
							     QCryptographicHash::Sha1)
					.toBase64();
				socket->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
					      "Connection: Upgrade\r\nSec-WebSocket-Accept: " +
					      accept + "\r\n\r\n");
				socket->setProperty("upgraded", true);
				++handshakes;
			});
		}
	});
	auto settings = fastSettings(kTimeouts, "ws://127.0.0.1:" + std::to_string(server.serverPort()) + "/");
	settings.idleTimeoutMs = 300;
	testing::CapturingLogger logger;
	FrameCollector collector;
	auto connector = makeConnector(settings, collector.sink(), logger);
	connector->start();
	REQUIRE(waitUntil([&] { return connector->status().connects >= 1; }, 3000));
	REQUIRE(waitUntil([&] { return handshakes >= 2 && connector->status().connects >= 2; }, 5000));
	const auto status = connector->status();
	connector->stop();
	CHECK(status.lastError == "No data from the server for 1 s");
	CHECK(status.problem == Problem::NoData);
	CHECK(status.problemDetail == "1");
}

TEST_CASE("a refused connection reports the error in words and retries", "[websocket]")
{
	quint16 port = 0;
	{
		QTcpServer probe;
		REQUIRE(probe.listen(QHostAddress::LocalHost, 0));
		port = probe.serverPort();
	}
	auto settings = fastSettings(kTimeouts, "ws://127.0.0.1:" + std::to_string(port) + "/");
	settings.backoffInitialMs = 2000;
	settings.backoffMaxMs = 4000;
	FrameCollector collector;
	testing::CapturingLogger logger;
	auto connector = makeConnector(settings, collector.sink(), logger);
	connector->start();
	REQUIRE(waitUntil([&] { return connector->status().state == ConnectionState::Reconnecting; }, 3000));
	testing::pump(50);
	const auto status = connector->status();
	INFO(status.lastError);
	CHECK(logger.count(livegifts::LogLevel::Warning, "refused") == 1);
	CHECK(logger.count(livegifts::LogLevel::Warning, "Could not connect") == 0);
	CHECK(status.lastError.find("refused") != std::string::npos);
	CHECK(status.secondsUntilRetry() >= 1);
	CHECK(status.secondsUntilRetry() <= 3);
	CHECK(describeStatus(status).rfind("Reconnecting in ", 0) == 0);
	// The log tells the delay in tenths (the first is 2 s +-20 %: "2 s" or "3 s" rounded up before).
	double delay = -1.0;
	for (const std::string &line : logger.lines()) {
		const auto at = line.find("; reconnecting in ");
		if (at != std::string::npos && line.size() > at + 21 && line[at + 19] == '.') {
			delay = std::stod(line.substr(at + 18, 3));
		}
	}
	CHECK(delay >= 1.6);
	CHECK(delay <= 2.4);
	connector->stop();
}

TEST_CASE("settings that cannot work stop the connector with a reason", "[websocket]")
{
	ConnectorSettings settings;
	settings.kind = ConnectorKind::WebSocketUrl;
	settings.url = "http://127.0.0.1:1/";
	auto connector = makeConnector(settings, [](std::string) {});
	connector->start();
	REQUIRE(waitUntil([&] { return connector->status().fatal; }, 2000));
	CHECK(connector->status().lastError.find("Not a WebSocket address") != std::string::npos);
	CHECK(connector->status().problem == Problem::NotWebSocketAddress);
	CHECK(connector->status().state == ConnectionState::Stopped);
	CHECK(stoppedByFault(connector->status()));
	connector->stop();

	ConnectorSettings euler;
	euler.kind = ConnectorKind::Euler;
	auto eulerConnector = makeConnector(euler, [](std::string) {});
	eulerConnector->start();
	REQUIRE(waitUntil([&] { return eulerConnector->status().fatal; }, 2000));
	CHECK(eulerConnector->status().lastError.find("@handle") != std::string::npos);
	CHECK(eulerConnector->status().problem == Problem::MissingHandle);
}

TEST_CASE("a connection kind picked before its field is filled in asks for it, without an error", "[websocket]")
{
	// Seen: picking "WebSocket bridge" or "Recorded stream" in the dock stopped at once with a red error ("Not
	// a WebSocket address (ws:// or wss://): " with nothing after the colon, "Cannot open the replay file ")
	// and an error line in OBS's log, before the streamer could type anything.
	ConnectorSettings bridge;
	bridge.kind = ConnectorKind::WebSocketUrl;
	ConnectorSettings recording;
	recording.kind = ConnectorKind::Replay;
	ConnectorSettings euler;
	euler.kind = ConnectorKind::Euler;
	for (const auto &[settings, problem, words] :
	     {std::tuple{bridge, Problem::MissingUrl, "Enter the bridge's WebSocket address"},
	      std::tuple{recording, Problem::MissingReplayFile, "Choose a recorded stream"},
	      std::tuple{euler, Problem::MissingHandle, "Enter the TikTok @handle"}}) {
		testing::CapturingLogger logger;
		auto connector = makeConnector(
		    settings, [](std::string) {}, logger);
		connector->start();
		REQUIRE(waitUntil([&] { return connector->status().fatal; }, 2000));
		const auto status = connector->status();
		connector->stop();
		INFO(status.lastError);
		CHECK(status.problem == problem);
		CHECK(missingSetting(status.problem));
		CHECK_FALSE(stoppedByFault(status)); // the dock shows it as a prompt, not "Stopped with an error"
		CHECK(status.lastError.rfind(words, 0) == 0);
		CHECK(status.state == ConnectionState::Stopped);
		CHECK(logger.count(livegifts::LogLevel::Warning, "") == 0); // a prompt, not a warning or an error
	}
	CHECK_FALSE(missingSetting(Problem::NotWebSocketAddress));
	CHECK_FALSE(missingSetting(Problem::ReplayUnreadable));
}

TEST_CASE("Euler Stream: URL, frames and close codes in plain words", "[websocket][euler]")
{
	int closeCode = 4404;
	WsServer server([&](testing::WsClient *client, int) {
		client->sendText(
		    R"({"messages":[{"type":"WebcastLikeMessage","data":{"common":{"msgId":"5"},"likeCount":3}}]})");
		client->close(closeCode, "bye");
	});
	ConnectorSettings settings = fastSettings(kTimeouts, "");
	settings.kind = ConnectorKind::Euler;
	settings.url = server.url();
	settings.uniqueId = "@some.creator";
	settings.apiKey = "secret-key";

	CHECK(connectUrl(settings).find("uniqueId=some.creator") != std::string::npos);
	CHECK(connectUrl(settings).find("apiKey=secret-key") != std::string::npos);
	CHECK(maskedUrl(settings).find("secret-key") == std::string::npos);

	SECTION("not live: slow retry")
	{
		FrameCollector collector;
		auto connector = makeConnector(settings, collector.sink());
		CHECK(connector->status().target.find("secret-key") == std::string::npos);
		connector->start();
		REQUIRE(waitUntil([&] { return connector->status().state == ConnectionState::Reconnecting; }, 3000));
		const auto status = connector->status();
		connector->stop();
		CHECK(status.lastError == "The creator is not LIVE right now");
		CHECK(status.problem == Problem::NotLive);
		CHECK(status.secondsUntilRetry() >= 4); // slowRetryMs, not the 50 ms backoff
		CHECK(collector.size() == 1);
		CHECK(collector.frames()[0].find("\"messages\"") != std::string::npos);
		const QUrlQuery query(QUrl(QString::fromStdString("http://127.0.0.1" + server.requestResource(0))));
		CHECK(query.queryItemValue(QStringLiteral("uniqueId")) == QStringLiteral("some.creator"));
		CHECK(query.queryItemValue(QStringLiteral("apiKey")) == QStringLiteral("secret-key"));
	}
	SECTION("invalid key: stop, no retry")
	{
		closeCode = 4401;
		auto connector = makeConnector(settings, [](std::string) {});
		connector->start();
		REQUIRE(waitUntil([&] { return connector->status().fatal; }, 3000));
		testing::pump(300);
		const auto status = connector->status();
		CHECK(status.state == ConnectionState::Stopped);
		CHECK(status.lastError.find("The Euler Stream API key is invalid") == 0);
		CHECK(status.problem == Problem::EulerBadKey);
		CHECK(server.connections() == 1);
	}
	SECTION("stream ended")
	{
		closeCode = 4005;
		auto connector = makeConnector(settings, [](std::string) {});
		connector->start();
		REQUIRE(waitUntil([&] { return connector->status().streamEnded; }, 3000));
		CHECK(connector->status().lastError == "The LIVE stream ended");
		CHECK(connector->status().problem == Problem::StreamEnded);
	}
	SECTION("too many connections")
	{
		closeCode = 4429;
		auto connector = makeConnector(settings, [](std::string) {});
		connector->start();
		REQUIRE(waitUntil([&] { return connector->status().state == ConnectionState::Reconnecting; }, 3000));
		CHECK(connector->status().lastError == "Too many connections on this Euler Stream account");
		CHECK(connector->status().problem == Problem::TooManyConnections);
	}
	SECTION("lifetime reached: reconnect at once")
	{
		closeCode = 4555;
		auto connector = makeConnector(settings, [](std::string) {});
		connector->start();
		REQUIRE(waitUntil([&] { return server.connections() >= 2; }, 3000));
		CHECK(connector->status().lastError == "The connection reached its maximum lifetime (8 hours)");
		CHECK(connector->status().problem == Problem::LifetimeReached);
	}
}

TEST_CASE("secrets never reach the log or the status: the Euler key, a URL's password and token", "[websocket]")
{
	const int closeCode = 4401; // invalid key
	WsServer server([&](testing::WsClient *client, int) { client->close(closeCode, "bye"); });
	testing::CapturingLogger logger;
	ConnectorSettings euler = fastSettings(kTimeouts, "");
	euler.kind = ConnectorKind::Euler;
	euler.url = server.url();
	euler.uniqueId = "@some.creator";
	euler.apiKey = "secret-key";
	{
		auto connector = makeConnector(
		    euler, [](std::string) {}, logger);
		connector->start();
		REQUIRE(waitUntil([&] { return connector->status().fatal; }, 3000));
		CHECK(connector->status().target.find("secret-key") == std::string::npos);
		connector->stop();
	}

	// A custom address with a key of its own: the password and the token are masked, the rest is kept.
	const std::string port = server.url().substr(server.url().rfind(':') + 1);
	ConnectorSettings custom =
	    fastSettings(kTimeouts, "ws://viewer:pw-secret@127.0.0.1:" + port + "?room=7&token=tok-secret");
	CHECK(maskedUrl(custom).find("pw-secret") == std::string::npos);
	CHECK(maskedUrl(custom).find("tok-secret") == std::string::npos);
	CHECK(maskedUrl(custom).find("room=7") != std::string::npos);
	CHECK(maskedUrl(custom).find("token=***") != std::string::npos);
	CHECK(connectUrl(custom).find("tok-secret") != std::string::npos);
	{
		auto connector = makeConnector(
		    custom, [](std::string) {}, logger);
		connector->start();
		REQUIRE(waitUntil([&] { return server.connections() >= 2; }, 3000));
		CHECK(connector->status().target.find("tok-secret") == std::string::npos);
		// The URL's user and password go as HTTP Basic authentication ("viewer:pw-secret").
		CHECK(server.requestAuthorization(1) == "Basic dmlld2VyOnB3LXNlY3JldA==");
		CHECK(server.requestResource(1).find("token=tok-secret") != std::string::npos);
		connector->stop();
	}
	REQUIRE(logger.count(livegifts::LogLevel::Debug, "") > 0);
	for (const char *secret : {"secret-key", "pw-secret", "tok-secret"}) {
		INFO(secret);
		CHECK(logger.count(livegifts::LogLevel::Debug, secret) == 0);
	}
}

TEST_CASE("a streamEnd event marks the status", "[websocket]")
{
	WsServer server(
	    [&](testing::WsClient *client, int) { client->sendText(R"({"event":"streamEnd","data":{"action":3}})"); });
	auto connector = makeConnector(fastSettings(kTimeouts, server.url()), [](std::string) {});
	connector->start();
	REQUIRE(waitUntil([&] { return connector->status().streamEnded; }, 3000));
	CHECK(connector->status().framesReceived == 1);
}

TEST_CASE("the status and the engine agree on what ends a stream", "[websocket]")
{
	// An Euler control message in a bundle ends the stream; a TLC controlMessage alone does not.
	WsServer server([&](testing::WsClient *client, int) {
		client->sendText(R"({"event":"controlMessage","data":{"action":3}})");
		client->sendText(
		    R"({"messages":[{"type":"WebcastControlMessage","data":{"common":{"msgId":"c1"},"action":3}}]})");
	});
	std::mutex mutex;
	std::vector<bool> ends;
	auto connector = makeConnector(fastSettings(kTimeouts, server.url()), [&](ReceivedFrame frame) {
		std::lock_guard<std::mutex> lock(mutex);
		ends.push_back(frame.parsed.streamEnd());
	});
	connector->start();
	REQUIRE(waitUntil(
	    [&] {
		    std::lock_guard<std::mutex> lock(mutex);
		    return ends.size() == 2;
	    },
	    3000));
	CHECK(connector->status().framesReceived == 2);
	CHECK(connector->status().streamEnded);
	std::lock_guard<std::mutex> lock(mutex);
	CHECK(ends == std::vector<bool>{false, true});
}

TEST_CASE("the stream-ended mark stays until the next connection", "[websocket]")
{
	WsServer server([&](testing::WsClient *client, int index) {
		if (index == 0) {
			client->sendText(R"({"event":"streamEnd","data":{"action":3}})");
			client->sendText(R"({"event":"roomUser","data":{"viewerCount":3}})");
			client->close();
		} else {
			client->sendText(R"({"event":"roomUser","data":{"viewerCount":4}})");
		}
	});
	FrameCollector collector;
	auto connector = makeConnector(fastSettings(kTimeouts, server.url()), collector.sink());
	connector->start();
	REQUIRE(waitUntil([&] { return collector.size() == 2; }, 3000));
	CHECK(connector->status().streamEnded); // a frame after the end does not clear it
	REQUIRE(waitUntil([&] { return collector.size() == 3; }, 3000));
	CHECK_FALSE(connector->status().streamEnded);
}

TEST_CASE("a connector stopped at any point after start() stops promptly, and starts again", "[websocket]")
{
	WsServer server([&](testing::WsClient *client, int) {
		client->sendText(R"({"event":"like","data":{"msgId":"1","likeCount":1}})");
	});
	FrameCollector collector;
	auto connector = makeConnector(fastSettings(kTimeouts, server.url()), collector.sink());
	const auto started = std::chrono::steady_clock::now();
	for (int i = 0; i < 20; ++i) {
		connector->start();
		if (i % 4 == 3) {
			testing::pump(i); // sometimes while connecting or connected, mostly before the loop runs
		}
		connector->stop();
		CHECK(connector->status().state == ConnectionState::Stopped);
	}
	CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
	connector->start();
	REQUIRE(waitUntil([&] { return collector.size() >= 1; }, 5000));
	connector->stop();
}
