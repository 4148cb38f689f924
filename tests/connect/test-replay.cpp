// The replay connector and the recorder, on real files.

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <algorithm>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#ifndef _WIN32
#include <sys/stat.h>
#endif

#include "connect/connector.hpp"
#include "connect/recorder.hpp"
#include "connect/replay.hpp"
#include "support.hpp"

using namespace livegifts::connect;
using testing::FrameCollector;
using testing::waitUntil;
using Clock = std::chrono::steady_clock;

namespace {

std::string likeAt(int id, long long ms)
{
	return R"({"event":"like","data":{"msgId":")" + std::to_string(id) + R"(","likeCount":1,"createTime":")" +
	       std::to_string(ms) + "\"}}";
}

std::filesystem::path writeFile(const std::filesystem::path &path, const std::vector<std::string> &lines)
{
	std::ofstream out(path, std::ios::binary | std::ios::trunc);
	for (const auto &line : lines) {
		out << line << "\n";
	}
	return path;
}

ConnectorSettings replaySettings(const std::filesystem::path &file, double speed)
{
	ConnectorSettings settings;
	settings.kind = ConnectorKind::Replay;
	settings.replayFile = file;
	settings.speed = speed;
	return settings;
}

} // namespace

TEST_CASE("the demo stream replays completely and fast", "[replay]")
{
	const auto lines = testing::readLines(testing::demoStreamPath());
	FrameCollector collector;
	auto connector = makeConnector(replaySettings(testing::demoStreamPath(), 2000.0), collector.sink());
	const auto started = Clock::now();
	connector->start();
	REQUIRE(waitUntil([&] { return connector->status().state == ConnectionState::Finished; }, 10000));
	const auto elapsed = Clock::now() - started;
	connector->stop();
	CHECK(collector.frames() == lines);
	CHECK(connector->status().framesReceived == lines.size());
	CHECK(connector->status().state == ConnectionState::Finished);
	// 240 s of stream at 2000x is 0.12 s of waiting.
	CHECK(elapsed >= std::chrono::milliseconds(100));
	CHECK(elapsed < std::chrono::seconds(3));
}

TEST_CASE("replay follows createTime gaps, caps long pauses and scales with speed", "[replay]")
{
	const auto dir = testing::freshTempDir("replay-timing");
	const long long t0 = 1764000000000;
	// Gaps: 300 ms, then 100 s (capped to maxGapSeconds), then 300 ms.
	const auto file = writeFile(
	    dir / "timing.jsonl", {likeAt(1, t0), likeAt(2, t0 + 300), likeAt(3, t0 + 100300), likeAt(4, t0 + 100600)});
	std::vector<Clock::time_point> arrivals;
	std::mutex mutex;
	auto settings = replaySettings(file, 1.0);
	settings.maxGapSeconds = 0.5;
	auto connector = makeConnector(settings, [&](std::string) {
		std::lock_guard<std::mutex> lock(mutex);
		arrivals.push_back(Clock::now());
	});
	connector->start();
	REQUIRE(waitUntil([&] { return connector->status().state == ConnectionState::Finished; }, 5000));
	connector->stop();
	REQUIRE(arrivals.size() == 4);
	// The schedule is absolute (no drift): arrival i is due at the sum of the (capped) gaps before it.
	const auto since = [&](std::size_t i) {
		return std::chrono::duration_cast<std::chrono::milliseconds>(arrivals[i] - arrivals[0]).count();
	};
	CHECK(since(1) >= 280);
	CHECK(since(1) < 700);
	CHECK(since(2) >= 780); // 300 ms + 100 s cut to 0.5 s
	CHECK(since(2) < 1300);
	CHECK(since(3) >= 1080);
	CHECK(since(3) < 1600);

	// Ten times faster: the same file takes about a tenth.
	arrivals.clear();
	settings.speed = 10.0;
	auto fast = makeConnector(settings, [&](std::string) {
		std::lock_guard<std::mutex> lock(mutex);
		arrivals.push_back(Clock::now());
	});
	fast->start();
	REQUIRE(waitUntil([&] { return fast->status().state == ConnectionState::Finished; }, 5000));
	REQUIRE(arrivals.size() == 4);
	const auto total =
	    std::chrono::duration_cast<std::chrono::milliseconds>(arrivals.back() - arrivals.front()).count();
	CHECK(total >= 100); // (300 + 500 + 300) / 10
	CHECK(total < 600);
}

TEST_CASE("replay stops promptly in the middle of a long pause", "[replay]")
{
	const auto dir = testing::freshTempDir("replay-stop");
	const auto file = writeFile(dir / "pause.jsonl", {likeAt(1, 1000), likeAt(2, 61000)});
	auto settings = replaySettings(file, 1.0);
	settings.maxGapSeconds = 60.0;
	FrameCollector collector;
	auto connector = makeConnector(settings, collector.sink());
	connector->start();
	REQUIRE(waitUntil([&] { return collector.size() == 1; }, 2000));
	const auto stopping = Clock::now();
	connector->stop();
	CHECK(Clock::now() - stopping < std::chrono::milliseconds(500));
	CHECK(collector.size() == 1);
	CHECK(connector->status().state == ConnectionState::Stopped);
}

TEST_CASE("a looping replay gives each round fresh msgIds and later times", "[replay]")
{
	const auto dir = testing::freshTempDir("replay-loop");
	const auto file = writeFile(dir / "loop.jsonl", {likeAt(1, 1000), "not json", likeAt(2, 3000)});
	auto settings = replaySettings(file, 0.0); // as fast as possible
	settings.loop = true;
	FrameCollector collector;
	auto connector = makeConnector(settings, collector.sink());
	connector->start();
	REQUIRE(waitUntil([&] { return collector.size() >= 6; }, 5000));
	connector->stop();
	const auto frames = collector.frames();
	CHECK(frames[0] == likeAt(1, 1000));
	CHECK(frames[1] == likeAt(2, 3000));
	const auto round1 = nlohmann::json::parse(frames[2]);
	CHECK(round1["data"]["msgId"] == "1~1");
	CHECK(round1["data"]["createTime"] == "4000"); // shifted by the round's span (2 s) + 1 s
	const auto round2 = nlohmann::json::parse(frames[5]);
	CHECK(round2["data"]["msgId"] == "2~2");
	CHECK(round2["data"]["createTime"] == "9000");
	CHECK(connector->status().framesIgnored >= 3); // "not json" once a round
}

TEST_CASE("a looping replay started again goes on with rounds it has not played", "[replay]")
{
	// The demo stream after Reconnect: from round 0 again, every msgId was counted already and nothing moved
	// until the replay passed where the last one stopped.
	const auto dir = testing::freshTempDir("replay-loop-again");
	const auto file = writeFile(dir / "loop.jsonl", {likeAt(1, 1000), likeAt(2, 3000)});
	auto settings = replaySettings(file, 0.0);
	settings.loop = true;
	const auto play = [&](std::size_t frames) {
		FrameCollector collector;
		auto connector = makeConnector(settings, collector.sink());
		connector->start();
		REQUIRE(waitUntil([&] { return collector.size() >= frames; }, 5000));
		connector->stop();
		std::vector<nlohmann::json> out;
		for (const std::string &frame : collector.frames()) {
			out.push_back(nlohmann::json::parse(frame)["data"]);
		}
		return out;
	};
	const auto first = play(5);
	const auto again = play(2);
	std::set<std::string> seen;
	long long latest = 0;
	for (const auto &data : first) {
		seen.insert(data["msgId"].get<std::string>());
		latest = std::max(latest, std::stoll(data["createTime"].get<std::string>()));
	}
	for (const auto &data : again) {
		INFO(data.dump());
		CHECK(seen.count(data["msgId"].get<std::string>()) == 0);
		CHECK(std::stoll(data["createTime"].get<std::string>()) > latest);
	}
	// A recording that does not loop plays the same stream again (its gifts are the ones counted before).
	settings.loop = false;
	const auto recording = play(2);
	CHECK(recording[0]["msgId"] == "1");
}

TEST_CASE("frames of every wire shape give their createTime", "[replay]")
{
	CHECK(frameCreateTimeMs(R"({"event":"gift","data":{"createTime":"1748800804136"}})") == 1748800804136);
	CHECK(frameCreateTimeMs(R"({"event":"gift","data":{"common":{"createTime":"1748800804137"}}})") ==
	      1748800804137);
	CHECK(frameCreateTimeMs(R"({"type":"WebcastGiftMessage","data":{"common":{"createTime":17}}})") == 17);
	CHECK(frameCreateTimeMs(R"({"messages":[{"type":"x","data":{"common":{"createTime":"42"}}}]})") == 42);
	CHECK_FALSE(frameCreateTimeMs(R"({"event":"roomUser","data":{"viewerCount":3}})").has_value());
	CHECK_FALSE(frameCreateTimeMs("garbage").has_value());

	const auto bundle = nlohmann::json::parse(
	    frameForRound(R"({"messages":[{"type":"x","data":{"common":{"msgId":123,"createTime":"42"}}}]})", 2, 1000));
	CHECK(bundle["messages"][0]["data"]["common"]["msgId"] == "123~2");
	CHECK(bundle["messages"][0]["data"]["common"]["createTime"] == "1042");

	// A lone surrogate escape (a name cut inside an emoji) is read as FrameParser reads it: U+FFFD.
	const std::string cut = R"({"event":"gift","data":{"msgId":"7","nickname":"Sara \ud83d","createTime":"42"}})";
	CHECK(frameCreateTimeMs(cut) == 42);
	const auto renumbered = nlohmann::json::parse(frameForRound(cut, 1, 1000));
	CHECK(renumbered["data"]["msgId"] == "7~1");
	CHECK(renumbered["data"]["nickname"] == "Sara \xEF\xBF\xBD");
}

TEST_CASE("a missing replay file stops with a reason", "[replay]")
{
	auto connector = makeConnector(replaySettings("/nonexistent/demo.jsonl", 1.0), [](std::string) {});
	connector->start();
	REQUIRE(waitUntil([&] { return connector->status().fatal; }, 2000));
	CHECK(connector->status().lastError.find("Cannot open the replay file") == 0);
	CHECK(connector->status().problem == Problem::ReplayUnreadable);
	CHECK(connector->status().state == ConnectionState::Stopped);
}

TEST_CASE("a folder chosen as the replay file stops with the same reason, not as a recording that ended", "[replay]")
{
	// Seen in OBS: a folder chosen as the recording said only "The recording has ended".
	const auto dir = testing::freshTempDir("replay-folder");
	auto connector = makeConnector(replaySettings(dir, 1.0), [](std::string) {});
	connector->start();
	REQUIRE(waitUntil([&] { return connector->status().fatal; }, 2000));
	CHECK(connector->status().problem == Problem::ReplayUnreadable);
	CHECK(connector->status().state == ConnectionState::Stopped);
}

TEST_CASE("the recorder writes one line a frame and rotates at its cap", "[recorder]")
{
	const auto dir = testing::freshTempDir("recorder");
	const auto path = dir / "rec.jsonl";
	Recorder recorder(path, 1000, 2);
	const std::string frame = R"({"event":"like","data":{"msgId":"1","pad":")" + std::string(200, 'p') + "\"}}";
	for (int i = 0; i < 20; ++i) {
		REQUIRE(recorder.write(frame));
	}
	REQUIRE(recorder.write("{\"event\":\"chat\",\n\"data\":{}}"));
	CHECK(std::filesystem::exists(path));
	CHECK(std::filesystem::exists(dir / "rec.1.jsonl"));
	CHECK(std::filesystem::exists(dir / "rec.2.jsonl"));
	CHECK_FALSE(std::filesystem::exists(dir / "rec.3.jsonl"));
	for (const auto &name : {"rec.jsonl", "rec.1.jsonl", "rec.2.jsonl"}) {
		CHECK(std::filesystem::file_size(dir / name) <= 1000);
	}
	const auto last = testing::readLines(path);
	REQUIRE_FALSE(last.empty());
	CHECK(last.back() == "{\"event\":\"chat\", \"data\":{}}"); // the line break became a space
	CHECK(testing::readLines(dir / "rec.1.jsonl").front() == frame);
}

#ifndef _WIN32
TEST_CASE("recordings and the folders made for them are the user's alone", "[recorder]")
{
	const mode_t oldMask = ::umask(022);
	const auto base = testing::freshTempDir("recorder-private");
	std::filesystem::permissions(base, std::filesystem::perms(0755), std::filesystem::perm_options::replace);
	const auto path = base / "recordings" / "stream.jsonl";
	{
		Recorder recorder(path, 300, 2);
		const std::string pad(200, 'p');
		for (int i = 0; i < 4; ++i) {
			REQUIRE(recorder.write(R"({"event":"like","data":{"msgId":")" + std::to_string(i) +
					       R"(","pad":")" + pad + R"("}})"));
		}
	}
	auto modeOf = [](const std::filesystem::path &file) {
		struct stat info = {};
		REQUIRE(::stat(file.c_str(), &info) == 0);
		return static_cast<unsigned>(info.st_mode & 0777);
	};
	CHECK(modeOf(base) == 0755); // the user's folder: left alone
	CHECK(modeOf(base / "recordings") == 0700);
	CHECK(modeOf(path) == 0600);
	REQUIRE(std::filesystem::exists(base / "recordings" / "stream.1.jsonl"));
	CHECK(modeOf(base / "recordings" / "stream.1.jsonl") == 0600);

	// A recording an older version left readable by everyone: tightened when it is written again.
	std::filesystem::permissions(path, std::filesystem::perms(0644), std::filesystem::perm_options::replace);
	{
		Recorder recorder(path, 100000, 2);
		REQUIRE(recorder.write(R"({"event":"like","data":{"msgId":"x"}})"));
	}
	CHECK(modeOf(path) == 0600);
	::umask(oldMask);
}
#endif

TEST_CASE("a connector with a recorder path records every frame it delivers", "[recorder]")
{
	const auto dir = testing::freshTempDir("recorder-connector");
	auto settings = replaySettings(testing::demoStreamPath(), 0.0);
	settings.recorderPath = dir / "sub" / "stream.jsonl";
	FrameCollector collector;
	auto connector = makeConnector(settings, collector.sink());
	connector->start();
	REQUIRE(waitUntil([&] { return connector->status().state == ConnectionState::Finished; }, 10000));
	connector->stop();
	CHECK(testing::readLines(settings.recorderPath) == testing::readLines(testing::demoStreamPath()));
	CHECK(collector.size() == testing::readLines(testing::demoStreamPath()).size());
}

TEST_CASE("a finished replay plays again on start()", "[replay]")
{
	const auto dir = testing::freshTempDir("replay-again");
	const auto file = writeFile(dir / "short.jsonl", {likeAt(1, 1000), likeAt(2, 1001)});
	FrameCollector collector;
	auto connector = makeConnector(replaySettings(file, 0.0), collector.sink());
	connector->start();
	REQUIRE(waitUntil([&] { return connector->status().state == ConnectionState::Finished; }, 2000));
	connector->start();
	REQUIRE(waitUntil([&] { return collector.size() == 4; }, 2000));
	REQUIRE(waitUntil([&] { return connector->status().state == ConnectionState::Finished; }, 2000));
	CHECK(connector->status().framesReceived == 4);
}

TEST_CASE("a sink that throws something that is no std::exception loses its frame and the replay goes on", "[replay]")
{
	struct NotAnException {};
	const auto dir = testing::freshTempDir("replay-throwing-sink");
	const auto file = writeFile(dir / "short.jsonl", {likeAt(1, 1000), likeAt(2, 1001), likeAt(3, 1002)});
	testing::CapturingLogger logger;
	FrameCollector collector;
	const auto keep = collector.sink();
	auto connector = makeConnector(
	    replaySettings(file, 0.0),
	    [&keep](std::string frame) {
		    if (frame.find(R"("msgId":"2")") != std::string::npos) {
			    throw NotAnException{};
		    }
		    keep(std::move(frame));
	    },
	    logger);
	connector->start();
	REQUIRE(waitUntil([&] { return connector->status().state == ConnectionState::Finished; }, 2000));
	connector->stop();
	const auto frames = collector.frames();
	REQUIRE(frames.size() == 2);
	CHECK(frames[0] == likeAt(1, 1000));
	CHECK(frames[1] == likeAt(3, 1002));
	CHECK(connector->status().framesReceived == 3);
	CHECK_FALSE(connector->status().fatal);
	CHECK(logger.count(livegifts::LogLevel::Error, "the frame sink failed with an unknown exception") == 1);
}

TEST_CASE("a replay speed from a settings file is taken within its range, never cast as it is", "[replay]")
{
	CHECK(replaySpeed(1.0) == 1.0);
	CHECK(replaySpeed(1e-300) == kMinReplaySpeed);
	CHECK(replaySpeed(1e300) == kMaxReplaySpeed);
	CHECK(replaySpeed(0.0) == 0.0);
	CHECK(replaySpeed(-3.0) == 0.0);
	CHECK(replaySpeed(std::numeric_limits<double>::infinity()) == 0.0);
	CHECK(replaySpeed(std::numeric_limits<double>::quiet_NaN()) == 0.0);

	// A looping replay at the smallest speed: its pause between rounds is counted, not overflowed, and
	// stop() ends it at once.
	const auto dir = testing::freshTempDir("replay-tiny-speed");
	const auto file = writeFile(dir / "two.jsonl", {likeAt(1, 1000), likeAt(2, 1000)});
	auto settings = replaySettings(file, 1e-300);
	settings.loop = true;
	FrameCollector collector;
	auto connector = makeConnector(settings, collector.sink());
	connector->start();
	REQUIRE(waitUntil([&] { return collector.size() == 2; }, 2000));
	const auto stopping = Clock::now();
	connector->stop();
	CHECK(Clock::now() - stopping < std::chrono::milliseconds(500));
	CHECK(collector.size() == 2);
}
