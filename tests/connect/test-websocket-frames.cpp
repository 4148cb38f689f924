// The WebSocket connector's one UTF-8 policy, as for a replayed file: a frame whose JSON holds invalid UTF-8
// is repaired (U+FFFD), counted and warned about at most once a minute, text and binary frames alike, and the
// connection stays up. Frames are written byte by byte where websocketpp's own server would refuse them.
// Also wss:// over loopback with a self-signed certificate.

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "connect/connector.hpp"
#include "core/engine.hpp"
#include "core/utf8.hpp"
#include "support.hpp"
#include "ws-server.hpp"

using namespace livegifts::connect;
using testing::fastSettings;
using testing::waitUntil;
using testing::WsServer;

namespace {

const testing::FastTimeouts kTimeouts{.handshakeMs = 2000};

// A finished single gift (giftType 1, repeatEnd true): counts once, `coins` coins.
std::string gift(const std::string &msgId, const std::string &uniqueId, int coins, const std::string &nickname = "Fan")
{
	return R"({"event":"gift","data":{"giftId":5655,"repeatCount":1,"repeatEnd":true,"userId":"1)" + msgId +
	       R"(","uniqueId":")" + uniqueId + R"(","nickname":")" + nickname + R"(","msgId":")" + msgId +
	       R"(","giftType":1,"diamondCount":)" + std::to_string(coins) +
	       R"(,"giftName":"Rose","createTime":"1764000006000"}})";
}

// The connector's frames, counted by an engine as the module does.
struct Receiver {
	livegifts::Engine engine;
	std::mutex mutex;
	std::vector<std::string> texts; // guarded by mutex

	ReceivedFrameSink sink()
	{
		return [this](ReceivedFrame frame) {
			{
				std::lock_guard<std::mutex> lock(mutex);
				texts.push_back(frame.text);
			}
			engine.submitParsed(std::move(frame.parsed));
		};
	}

	std::vector<std::string> received()
	{
		std::lock_guard<std::mutex> lock(mutex);
		return texts;
	}
};

} // namespace

TEST_CASE("a text frame with invalid UTF-8 is repaired and counted, and the connection stays up", "[websocket]")
{
	const std::string broken1 = gift("u1", "fan\xff\xfe", 5);
	const std::string broken2 = gift("u2", "bad\xc3\x28", 7);
	const std::string fine = gift("u3", "fine", 1);
	WsServer server([&](testing::WsClient *client, int) {
		client->sendRawFrame(0x1, broken1);
		client->sendRawFrame(0x1, broken2);
		client->sendText(fine);
	});
	Receiver receiver;
	testing::CapturingLogger logger;
	auto connector = makeConnector(fastSettings(kTimeouts, server.url()), receiver.sink(), logger);
	connector->start();
	REQUIRE(waitUntil([&] { return connector->status().framesReceived == 3; }, 5000));
	testing::pump(200); // a dropped socket would reconnect within this
	const auto status = connector->status();
	connector->stop();

	CHECK(status.state == ConnectionState::Connected);
	CHECK(status.connects == 1);
	CHECK(server.connections() == 1);
	CHECK(status.framesRepaired == 2);
	CHECK(status.framesIgnored == 0);
	CHECK(status.lastError.empty());
	const auto texts = receiver.received();
	REQUIRE(texts.size() == 3);
	CHECK(texts[0] == livegifts::repairUtf8(broken1));
	CHECK(texts[0].find("fan\xEF\xBF\xBD\xEF\xBF\xBD") != std::string::npos);
	CHECK(livegifts::isValidUtf8(texts[1]));
	CHECK(texts[2] == fine);
	// One warning for both (rate-limited), none for the good frame.
	CHECK(logger.count(livegifts::LogLevel::Warning, "invalid UTF-8") == 1);

	receiver.engine.flush();
	const auto totals = receiver.engine.snapshot()->allTime.totals;
	CHECK(totals.gifts == 3);
	CHECK(totals.coins == 13);
}

TEST_CASE("a binary frame of JSON is counted like a text frame, invalid UTF-8 repaired the same way", "[websocket]")
{
	const std::string broken = gift("b1", "fan\xff", 3);
	const std::string fine = gift("b2", "fine", 2);
	WsServer server([&](testing::WsClient *client, int) {
		client->sendBinary(broken);
		client->sendBinary(fine);
	});
	Receiver receiver;
	testing::CapturingLogger logger;
	auto connector = makeConnector(fastSettings(kTimeouts, server.url()), receiver.sink(), logger);
	connector->start();
	REQUIRE(waitUntil([&] { return connector->status().framesReceived == 2; }, 5000));
	testing::pump(100);
	const auto status = connector->status();
	connector->stop();

	CHECK(status.state == ConnectionState::Connected);
	CHECK(status.connects == 1);
	CHECK(status.framesRepaired == 1);
	CHECK(status.framesIgnored == 0);
	const auto texts = receiver.received();
	REQUIRE(texts.size() == 2);
	CHECK(texts[0] == livegifts::repairUtf8(broken));
	CHECK(texts[1] == fine);
	CHECK(logger.count(livegifts::LogLevel::Warning, "invalid UTF-8") == 1);
	receiver.engine.flush();
	CHECK(receiver.engine.snapshot()->allTime.totals.gifts == 2);
	CHECK(receiver.engine.snapshot()->allTime.totals.coins == 5);
}

TEST_CASE("fragmented, long and interleaved text frames with invalid UTF-8 arrive whole", "[websocket]")
{
	// One message in three frames with a ping between them, the invalid byte inside the middle one; then
	// frames with a 16-bit and a 64-bit length (the client follows every frame header to keep text frames).
	const std::string split = gift("f1", "sp\xfflit", 4);
	const std::size_t third = split.size() / 3;
	const std::string medium = gift("f2", "medium\xc0", 1, std::string(300, 'm'));
	const std::string huge = gift("f3", "huge\xed\xa0\x80", 1, std::string(70000, 'h'));
	const std::string fine = gift("f4", "fine", 1);
	WsServer server([&](testing::WsClient *client, int) {
		client->sendRawFrame(0x1, split.substr(0, third), false);
		client->sendRawFrame(0x9, "are you there");
		client->sendRawFrame(0x0, split.substr(third, third), false);
		client->sendRawFrame(0x0, split.substr(2 * third), true);
		client->sendRawFrame(0x1, medium);
		client->sendRawFrame(0x1, huge);
		client->sendText(fine);
	});
	Receiver receiver;
	auto connector = makeConnector(fastSettings(kTimeouts, server.url()), receiver.sink());
	connector->start();
	REQUIRE(waitUntil([&] { return connector->status().framesReceived == 4; }, 5000));
	testing::pump(100);
	const auto status = connector->status();
	connector->stop();

	CHECK(status.connects == 1);
	CHECK(status.framesRepaired == 3);
	const auto texts = receiver.received();
	REQUIRE(texts.size() == 4);
	CHECK(texts[0] == livegifts::repairUtf8(split));
	CHECK(texts[1] == livegifts::repairUtf8(medium));
	CHECK(texts[2] == livegifts::repairUtf8(huge));
	CHECK(texts[3] == fine);
	receiver.engine.flush();
	CHECK(receiver.engine.snapshot()->allTime.totals.coins == 7);
}

TEST_CASE("wss:// over loopback with a self-signed certificate", "[websocket][tls]")
{
	const std::string dir = LIVE_GIFTS_TEST_TLS_DIR;
	const std::string frame = gift("t1", "secure", 9);
	WsServer server([&](testing::WsClient *client, int) { client->sendText(frame); }, dir + "/cert.pem",
			dir + "/key.pem");
	REQUIRE(server.url().rfind("wss://127.0.0.1:", 0) == 0);
	auto settings = fastSettings(kTimeouts, server.url());

	SECTION("trusted by the test-only extra certificate: frames arrive")
	{
		settings.extraCaFile = dir + "/cert.pem";
		Receiver receiver;
		auto connector = makeConnector(settings, receiver.sink());
		connector->start();
		REQUIRE(waitUntil([&] { return connector->status().framesReceived == 1; }, 5000));
		const auto status = connector->status();
		connector->stop();
		CHECK(status.state == ConnectionState::Connected);
		CHECK(receiver.received() == std::vector<std::string>{frame});
	}
	SECTION("a trusted certificate for another host name is refused")
	{
		// The certificate names the address 127.0.0.1, not the name localhost.
		settings.url = "wss://localhost:" + server.url().substr(std::string("wss://127.0.0.1:").size());
		settings.extraCaFile = dir + "/cert.pem";
		Receiver receiver;
		auto connector = makeConnector(settings, receiver.sink());
		connector->start();
		REQUIRE(waitUntil([&] { return connector->status().state == ConnectionState::Reconnecting; }, 5000));
		const auto status = connector->status();
		connector->stop();
		CHECK(status.lastError == "TLS: the server's certificate is not made out to localhost");
		CHECK(status.connects == 0);
		CHECK(receiver.received().empty());
	}
	SECTION("not trusted: refused in words, retried, nothing received")
	{
		Receiver receiver;
		auto connector = makeConnector(settings, receiver.sink());
		connector->start();
		REQUIRE(waitUntil([&] { return connector->status().state == ConnectionState::Reconnecting; }, 5000));
		const auto status = connector->status();
		connector->stop();
		CHECK(status.lastError == "TLS: the server's certificate was refused: self-signed certificate");
		CHECK(status.connects == 0);
		CHECK(server.connections() == 0);
		CHECK(receiver.received().empty());
	}
}

TEST_CASE("a server that pings faster than it reads the answers is dropped, what waits unsent bounded", "[websocket]")
{
	// Seen: a server sending pings without reading our pongs took the process from 14 MB to 2 GB in 20 s
	// (websocketpp queues every pong without bound). A server written by hand: websocketpp's own reads all.
	int port = 0;
	const int listener = testing::listenOnLoopback(port, 4096); // a small window: our pongs fill it at once
	REQUIRE(listener >= 0);
	std::atomic<bool> stop{false};
	std::atomic<long> pingsSent{0};
	std::thread server([&] {
		const int peer = ::accept(listener, nullptr, nullptr);
		if (peer < 0) {
			return;
		}
		std::string key;
		if (!testing::readHandshakeKey(peer, key)) {
			::close(peer);
			return;
		}
		std::string out = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				  "Sec-WebSocket-Accept: " +
				  testing::webSocketAccept(key) + "\r\n\r\n";
		const std::string text = gift("p1", "pinged", 5);
		out += std::string{'\x81', '\x7E', static_cast<char>(text.size() >> 8),
				   static_cast<char>(text.size() & 0xFF)};
		out += text;
		std::string pings;
		for (int i = 0; i < 1000; ++i) {
			pings += std::string{'\x89', '\x7D'} + std::string(125, 'z');
		}
		bool open = ::send(peer, out.data(), out.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(out.size());
		while (open && !stop) {
			std::size_t sent = 0;
			while (open && sent < pings.size()) {
				const ssize_t n = ::send(peer, pings.data() + sent, pings.size() - sent, MSG_NOSIGNAL);
				open = n > 0;
				sent += n > 0 ? static_cast<std::size_t>(n) : 0;
			}
			pingsSent += open ? 1000 : 0;
		}
		::close(peer);
	});
	Receiver receiver;
	testing::CapturingLogger logger;
	auto connector = makeConnector(fastSettings(kTimeouts, "ws://127.0.0.1:" + std::to_string(port) + "/"),
				       receiver.sink(), logger);
	connector->start();
	const bool dropped = waitUntil(
	    [&] { return connector->status().lastError.find("pings faster than it read") != std::string::npos; },
	    30000);
	const auto status = connector->status();
	connector->stop();
	stop = true;
	::shutdown(listener, SHUT_RDWR);
	::close(listener);
	server.join();

	INFO(status.lastError << "; pings sent " << pingsSent.load());
	CHECK(dropped);
	CHECK(status.lastError.find("Dropped the connection: the server sent pings faster than it read the answers") !=
	      std::string::npos);
	CHECK(status.lastError.find("The server closed") == std::string::npos);
	CHECK(status.framesReceived == 1);
	CHECK(status.dropped >= 1);
	receiver.engine.flush();
	CHECK(receiver.engine.snapshot()->allTime.totals.coins == 5); // what came before the flood counts
}

TEST_CASE("a frame that breaks the protocol drops the connection with our reason, not the server's close",
	  "[websocket]")
{
	// Seen: a reserved opcode, a masked frame or reserved bits from the server were reported as "The server
	// closed the connection", while we had closed it (code 1002) for a reason the status never showed.
	WsServer server([&](testing::WsClient *client, int index) {
		if (index == 0) {
			client->sendRawFrame(0x1, gift("o1", "first", 3)); // written in order with the next
			client->sendRawFrame(0x3, "reserved opcode");
		} else {
			client->sendText(gift("o2", "second", 4));
		}
	});
	Receiver receiver;
	testing::CapturingLogger logger;
	auto connector = makeConnector(fastSettings(kTimeouts, server.url()), receiver.sink(), logger);
	connector->start();
	REQUIRE(waitUntil([&] { return connector->status().framesReceived == 2; }, 5000));
	const auto status = connector->status();
	connector->stop();
	INFO(status.lastError);
	CHECK(status.lastError.rfind("Dropped the connection: ", 0) == 0);
	CHECK(status.lastError.find("(close code 1002)") != std::string::npos);
	CHECK(status.problem == Problem::Other);
	CHECK(status.dropped == 1);
	CHECK(server.connections() == 2);
	receiver.engine.flush();
	CHECK(receiver.engine.snapshot()->allTime.totals.coins == 7);
}
