// Connectors driving the real engine: totals must come out exact, whatever the connection went through.

#include <catch2/catch.hpp>

#include <fstream>
#include <memory>
#include <vector>

#include <QProcess>
#include <QTimer>

#include <nlohmann/json.hpp>

#include "connect/connector.hpp"
#include "core/engine.hpp"
#include "support.hpp"
#include "ws-server.hpp"

using namespace livegifts::connect;
using livegifts::Engine;
using testing::abortWhenSent;
using testing::sendFrames;
using testing::waitUntil;
using testing::WsServer;
using json = nlohmann::json;

namespace {

json expectedTotals()
{
	std::ifstream in(testing::demoExpectedPath());
	return json::parse(in);
}

// The engine's all-time totals against the generator's own count of the demo stream.
void checkDemoTotals(Engine &engine)
{
	engine.endOfInput(); // the one combo without an end message counts with its last repeatCount
	engine.flush();
	const json expected = expectedTotals();
	const auto snapshot = engine.snapshot();
	const auto &totals = snapshot->allTime.totals;
	CHECK(totals.coins == expected["coins"].get<std::int64_t>());
	CHECK(totals.gifts == expected["gifts"].get<std::int64_t>());
	CHECK(totals.likesReceived == expected["likes"].get<std::int64_t>());
	CHECK(totals.roomLikeTotal == expected["roomLikeTotal"].get<std::int64_t>());
	CHECK(totals.follows == expected["follows"].get<std::int64_t>());
	CHECK(totals.shares == expected["shares"].get<std::int64_t>());
	CHECK(totals.subscribers == expected["subscribers"].get<std::int64_t>());
	CHECK(totals.joins == expected["joins"].get<std::int64_t>());
	CHECK(totals.chats == expected["chats"].get<std::int64_t>());
	CHECK(totals.viewersPeak == expected["viewersPeak"].get<std::int64_t>());

	const auto supporters = engine.supporters(true, 0);
	CHECK(supporters.size() == expected["perUser"].size());
	for (const auto &supporter : supporters) {
		const std::string id = supporter.id.rfind('@', 0) == 0 ? supporter.id.substr(1) : supporter.id;
		INFO("supporter " << id);
		REQUIRE(expected["perUser"].contains(id));
		CHECK(supporter.coins == expected["perUser"][id]["coins"].get<std::int64_t>());
		CHECK(supporter.gifts == expected["perUser"][id]["gifts"].get<std::int64_t>());
		CHECK(supporter.nickname == expected["perUser"][id]["nickname"].get<std::string>());
	}
}

ConnectorSettings wsSettings(const std::string &url)
{
	ConnectorSettings settings;
	settings.kind = ConnectorKind::WebSocketUrl;
	settings.url = url;
	settings.backoffInitialMs = 50;
	settings.backoffMaxMs = 200;
	return settings;
}

} // namespace

TEST_CASE("the demo stream drives the engine end to end through the replay connector", "[engine]")
{
	Engine engine;
	ConnectorSettings settings; // the default connector: replay
	settings.replayFile = testing::demoStreamPath();
	settings.speed = 5000.0;
	auto connector =
	    makeConnector(settings, [&](ReceivedFrame frame) { engine.submitParsed(std::move(frame.parsed)); });
	connector->start();
	REQUIRE(waitUntil([&] { return connector->status().state == ConnectionState::Finished; }, 10000));
	connector->stop();
	checkDemoTotals(engine);
	CHECK(engine.snapshot()->stats.errors == 0);
}

TEST_CASE("drops mid-streak with messages re-sent on every reconnect still give exact totals", "[engine]")
{
	const auto frames = testing::readLines(testing::demoStreamPath());
	// Three drops, each in the middle of a combo; every new connection first repeats the last 60 frames.
	std::vector<std::size_t> cuts;
	for (const std::size_t start : {frames.size() / 4, frames.size() / 2, frames.size() * 3 / 4}) {
		std::size_t i = start;
		while (frames[i].find("\"repeatEnd\":false") == std::string::npos) {
			++i;
		}
		cuts.push_back(i);
	}
	cuts.push_back(frames.size());
	const std::size_t resend = 60;
	WsServer server([&](testing::WsClient *client, int index) {
		const auto k = static_cast<std::size_t>(index);
		const std::size_t from = k == 0 ? 0 : cuts[k - 1] - resend;
		sendFrames(client, frames, from, cuts[std::min(k, cuts.size() - 1)]);
		if (k + 1 < cuts.size()) {
			abortWhenSent(client);
		}
	});
	Engine engine;
	std::atomic<std::size_t> delivered{0};
	auto connector = makeConnector(wsSettings(server.url()), [&](ReceivedFrame frame) {
		++delivered;
		engine.submitParsed(std::move(frame.parsed));
	});
	connector->start();
	REQUIRE(waitUntil([&] { return delivered == frames.size() + 3 * resend; }, 15000));
	connector->stop();
	CHECK(server.connections() == 4);
	checkDemoTotals(engine);
	// Every re-sent message with a msgId was recognised as a duplicate (roomUser frames carry none and are
	// idempotent), on top of the follow/share pairs TLC 1.x itself sends twice.
	std::int64_t resentWithId = 0;
	for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
		for (std::size_t i = cuts[k] - resend; i < cuts[k]; ++i) {
			resentWithId += frames[i].find("\"msgId\"") != std::string::npos ? 1 : 0;
		}
	}
	Engine reference;
	for (const auto &frame : frames) {
		reference.submitFrame(frame);
	}
	reference.flush();
	REQUIRE(resentWithId > 100);
	CHECK(engine.snapshot()->stats.duplicates == reference.snapshot()->stats.duplicates + resentWithId);
}

TEST_CASE("garbage and an oversized frame cost nothing else", "[engine]")
{
	const auto frames = testing::readLines(testing::demoStreamPath());
	const std::string huge = R"({"event":"chat","data":{"comment":")" + std::string(300 * 1024, 'x') + "\"}}";
	const std::size_t half = frames.size() / 2;
	WsServer server([&](testing::WsClient *client, int index) {
		if (index == 0) {
			sendFrames(client, frames, 0, half);
			client->sendText("<html>502 Bad Gateway</html>");
			client->sendText(huge);
			sendFrames(client, frames, half, frames.size()); // lost with the connection...
		} else {
			sendFrames(client, frames, half - 20, frames.size()); // ...and sent again after it
		}
	});
	auto settings = wsSettings(server.url());
	settings.maxFrameBytes = 128 * 1024;
	Engine engine;
	auto connector =
	    makeConnector(settings, [&](ReceivedFrame frame) { engine.submitParsed(std::move(frame.parsed)); });
	connector->start();
	REQUIRE(waitUntil(
	    [&] {
		    return connector->status().connects == 2 &&
			   connector->status().framesReceived >= half + (frames.size() - half + 20);
	    },
	    10000));
	const auto status = connector->status();
	connector->stop();
	CHECK(status.framesIgnored == 1);
	CHECK(status.lastError.find("larger than the limit") != std::string::npos);
	checkDemoTotals(engine);
}

#ifdef LIVE_GIFTS_CLI_PATH
namespace {

json runCli(QProcess &process)
{
	const QByteArray out = process.readAllStandardOutput();
	return json::parse(out.toStdString(), nullptr, false);
}

// Runs `live-gifts listen URL --until-stream-end` (at most 30 s) and waits until it ends.
void listenUntilEnd(QProcess &process, const std::string &url)
{
	process.start(QStringLiteral(LIVE_GIFTS_CLI_PATH),
		      {QStringLiteral("listen"), QString::fromStdString(url), QStringLiteral("--until-stream-end"),
		       QStringLiteral("--max-seconds"), QStringLiteral("30")});
	REQUIRE(process.waitForStarted(5000));
	REQUIRE(waitUntil([&] { return process.state() == QProcess::NotRunning; }, 15000));
}

} // namespace

TEST_CASE("live-gifts listen counts a feed until the stream ends and prints the replay summary", "[cli]")
{
	const auto frames = testing::readLines(testing::demoStreamPath());
	WsServer server([&](testing::WsClient *client, int) {
		sendFrames(client, frames, 0, frames.size());
		client->sendText(R"({"event":"streamEnd","data":{"action":3}})");
	});
	QProcess process;
	listenUntilEnd(process, server.url());
	CHECK(process.exitStatus() == QProcess::NormalExit);
	CHECK(process.exitCode() == 0);
	const json summary = runCli(process);
	REQUIRE_FALSE(summary.is_discarded());
	const json expected = expectedTotals();
	CHECK(summary["coins"] == expected["coins"]);
	CHECK(summary["gifts"] == expected["gifts"]);
	CHECK(summary["likes"]["received"] == expected["likes"]);
	CHECK(summary["follows"] == expected["follows"]);
	CHECK(summary["stream_ended"] == true);
	CHECK(summary["supporters"].size() == expected["perUser"].size());
}

TEST_CASE("live-gifts listen keeps a gift with a lone surrogate escape and counts a frame that is not JSON", "[cli]")
{
	auto gift = [](int n, const std::string &nickname) {
		return R"({"event":"gift","data":{"giftId":5655,"repeatCount":1,"repeatEnd":true,"uniqueId":"user)" +
		       std::to_string(n) + R"(","nickname":")" + nickname + R"(","createTime":"174880080)" +
		       std::to_string(n) + R"(000","giftType":2,"diamondCount":100,"msgId":"m)" + std::to_string(n) +
		       "\"}}";
	};
	WsServer server([&](testing::WsClient *client, int) {
		client->sendText(gift(1, "Ok"));
		client->sendText(gift(2, R"(Sara \ud83d)"));
		client->sendText("not json");
		client->sendText(gift(3, "Ok too"));
		client->sendText(R"({"event":"streamEnd","data":{"action":3}})");
	});
	QProcess process;
	listenUntilEnd(process, server.url());
	CHECK(process.exitCode() == 0);
	const json summary = runCli(process);
	REQUIRE_FALSE(summary.is_discarded());
	CHECK(summary["coins"] == 300);
	CHECK(summary["gifts"] == 3);
	CHECK(summary["repaired_utf8"] == 1);
	CHECK(summary["errors"] == 1); // "not json", as replay counts such a line
}

TEST_CASE("live-gifts listen --until-stream-end counts up to the stream's end, never what follows it", "[cli]")
{
	// Seen: 150 frames, a streamEnd and 20,000 late gifts in one burst counted 155, 160 and 601 gifts on three
	// runs: whatever arrived before the tool looked again.
	const auto frames = testing::readLines(testing::demoStreamPath());
	const std::size_t upTo = 150;
	WsServer server([&](testing::WsClient *client, int) {
		std::vector<std::string> burst(frames.begin(), frames.begin() + upTo);
		burst.push_back(R"({"event":"streamEnd","data":{"action":3}})");
		for (std::size_t i = upTo; i < frames.size(); ++i) {
			burst.push_back(frames[i]);
		}
		sendFrames(client, burst, 0, burst.size()); // one write
	});
	QProcess process;
	listenUntilEnd(process, server.url());
	CHECK(process.exitCode() == 0);
	const json summary = runCli(process);
	REQUIRE_FALSE(summary.is_discarded());
	std::int64_t events = 0;
	for (const auto &[kind, count] : summary["events"].items()) {
		events += kind == "streamEnd" ? 0 : count.get<std::int64_t>();
	}
	CHECK(events == static_cast<std::int64_t>(upTo));
	CHECK(summary["stream_ended"] == true);
}

TEST_CASE("live-gifts listen stops on SIGTERM and on its time limit with a summary", "[cli]")
{
	const auto frames = testing::readLines(testing::demoStreamPath());
	WsServer server([&](testing::WsClient *client, int) { sendFrames(client, frames, 0, 100); });

	SECTION("SIGTERM")
	{
		QProcess process;
		process.start(QStringLiteral(LIVE_GIFTS_CLI_PATH),
			      {QStringLiteral("listen"), QString::fromStdString(server.url())});
		REQUIRE(process.waitForStarted(5000));
		REQUIRE(waitUntil([&] { return server.connections() == 1; }, 5000));
		testing::pump(500);
		process.terminate();
		REQUIRE(waitUntil([&] { return process.state() == QProcess::NotRunning; }, 5000));
		CHECK(process.exitStatus() == QProcess::NormalExit);
		CHECK(process.exitCode() == 0);
		const json summary = runCli(process);
		REQUIRE_FALSE(summary.is_discarded());
		CHECK(summary["stream_ended"] == false);
		CHECK(summary["events"].size() > 0);
	}
	SECTION("time limit")
	{
		QProcess process;
		const auto started = std::chrono::steady_clock::now();
		process.start(QStringLiteral(LIVE_GIFTS_CLI_PATH),
			      {QStringLiteral("listen"), QString::fromStdString(server.url()),
			       QStringLiteral("--max-seconds"), QStringLiteral("1")});
		REQUIRE(process.waitForStarted(5000));
		REQUIRE(waitUntil([&] { return process.state() == QProcess::NotRunning; }, 5000));
		CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(950));
		CHECK(process.exitCode() == 0);
		const json summary = runCli(process);
		REQUIRE_FALSE(summary.is_discarded());
		CHECK(summary["connections"] == 1);
	}
}

TEST_CASE("live-gifts listen: never connected fails the run; a time limit that is not a number is refused", "[cli]")
{
	// Seen: a refused port gave exit status 0 and a summary of zeros, the same as a quiet stream; and
	// `--max-seconds nan` passed the check and meant no limit at all.
	QProcess refused;
	refused.start(QStringLiteral(LIVE_GIFTS_CLI_PATH),
		      {QStringLiteral("listen"), QStringLiteral("ws://127.0.0.1:9/"), QStringLiteral("--max-seconds"),
		       QStringLiteral("1")});
	REQUIRE(refused.waitForStarted(5000));
	REQUIRE(waitUntil([&] { return refused.state() == QProcess::NotRunning; }, 10000));
	CHECK(refused.exitCode() == 1);
	const QString errors = QString::fromUtf8(refused.readAllStandardError());
	INFO(errors.toStdString());
	CHECK(errors.contains(QStringLiteral("never connected")));
	const json summary = runCli(refused);
	REQUIRE_FALSE(summary.is_discarded());
	CHECK(summary["connections"] == 0);

	for (const char *limit : {"nan", "-nan", "inf", "1e999", "0x3", "0", "-1", "2s"}) {
		INFO(limit);
		QProcess process;
		process.start(QStringLiteral(LIVE_GIFTS_CLI_PATH),
			      {QStringLiteral("listen"), QStringLiteral("ws://127.0.0.1:9/"),
			       QStringLiteral("--max-seconds"), QString::fromLatin1(limit)});
		REQUIRE(process.waitForStarted(5000));
		REQUIRE(waitUntil([&] { return process.state() == QProcess::NotRunning; }, 5000));
		CHECK(process.exitCode() == 2); // usage error
	}
}
TEST_CASE("live-gifts listen counts a connection dropped for the server's fault and says what it may have lost",
	  "[cli]")
{
	// Seen: a frame breaking the protocol (or over the size limit) ended the connection, as RFC 6455 asks;
	// what the server had sent behind it was lost, and the summary did not show that anything had happened.
	const auto gift = [](const std::string &msgId, int coins) {
		return R"({"event":"gift","data":{"giftId":5655,"repeatCount":1,"repeatEnd":true,"uniqueId":"u)" +
		       msgId + R"(","msgId":")" + msgId + R"(","giftType":1,"diamondCount":)" + std::to_string(coins) +
		       R"(,"giftName":"Rose","createTime":"1764000006000"}})";
	};
	WsServer server([&](testing::WsClient *client, int index) {
		if (index == 0) {
			client->sendRawFrame(0x1, gift("d1", 3));
			client->sendRawFrame(0x3, "reserved opcode");
			client->sendRawFrame(0x1, gift("lost", 100)); // behind the fault: never read
		} else {
			client->sendText(gift("d2", 4));
			client->sendText(R"({"event":"streamEnd","data":{"action":3}})");
		}
	});
	QProcess process;
	listenUntilEnd(process, server.url());
	CHECK(process.exitCode() == 0);
	const QString errors = QString::fromUtf8(process.readAllStandardError());
	INFO(errors.toStdString());
	CHECK(errors.contains(QStringLiteral("1 connections were dropped for the server's fault")));
	const json summary = runCli(process);
	REQUIRE_FALSE(summary.is_discarded());
	CHECK(summary["dropped"] == 1);
	CHECK(summary["connections"] == 2);
	CHECK(summary["coins"] == 7);
}
#endif
