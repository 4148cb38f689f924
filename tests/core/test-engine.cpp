#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "core/engine.hpp"
#include "support.hpp"

using namespace livegifts;
using testsupport::flatGift;
using testsupport::simple;

TEST_CASE("Engine: frames from many threads are all counted exactly once", "[engine]")
{
	Engine engine;
	constexpr int threads = 4;
	constexpr int perThread = 2500;
	std::vector<std::thread> workers;
	for (int t = 0; t < threads; ++t) {
		workers.emplace_back([&engine, t] {
			for (int i = 0; i < perThread; ++i) {
				const std::string id = "t" + std::to_string(t) + "-" + std::to_string(i);
				engine.submitFrame(flatGift(id, "user" + std::to_string(i % 50), 5655, 1, 2, 1, false));
				// every message twice, as a double connection would deliver it
				engine.submitFrame(flatGift(id, "user" + std::to_string(i % 50), 5655, 1, 2, 1, false));
			}
		});
	}
	// the video thread's view: snapshots are never null and versions never go back
	std::atomic<bool> done{false};
	std::uint64_t lastVersion = 0;
	bool monotonic = true;
	std::thread reader([&] {
		while (!done.load()) {
			const auto snap = engine.snapshot();
			monotonic = monotonic && snap != nullptr && snap->version >= lastVersion;
			lastVersion = snap->version;
		}
	});
	for (auto &w : workers) {
		w.join();
	}
	engine.flush();
	done = true;
	reader.join();
	const auto snap = engine.snapshot();
	CHECK(monotonic);
	CHECK(snap->allTime.totals.coins == threads * perThread);
	CHECK(snap->stats.duplicates == threads * perThread);
	CHECK(snap->allTime.supporterCount == 50);
	CHECK(snap->allTime.top.size() == 50);
	CHECK(snap->stats.frames == 2 * threads * perThread);
	CHECK(engine.supporters(true, 0).size() == 50);
	CHECK(engine.supporters(true, 3).size() == 3);
}

TEST_CASE("Engine: the snapshot version changes only with content", "[engine]")
{
	Engine engine;
	engine.flush();
	const auto a = engine.snapshot();
	engine.flush();
	CHECK(engine.snapshot()->version == a->version);
	engine.submitFrame(simple("follow", "f1", "ann"));
	engine.flush();
	const auto b = engine.snapshot();
	CHECK(b->version > a->version);
	CHECK(b->stream.totals.follows == 1);
	CHECK(a->stream.totals.follows == 0); // an old snapshot never changes
	CHECK(b->streamLive);
}

TEST_CASE("Engine: a live streak closes by the injected clock", "[engine]")
{
	ManualClock clock(100000);
	EngineOptions options;
	options.clock = &clock;
	options.streakQuietTimeoutMs = 5000;
	Engine engine(options);
	engine.submitFrame(flatGift("s1", "ann", 5655, 1, 1, 1, false));
	engine.submitFrame(flatGift("s2", "ann", 5655, 1, 1, 6, false));
	engine.flush();
	auto snap = engine.snapshot();
	CHECK(snap->stream.totals.coins == 0);
	REQUIRE_FALSE(snap->activity.empty());
	CHECK(snap->activity.back().count == 6);
	CHECK_FALSE(snap->activity.back().final);
	clock.advance(4999);
	engine.flush();
	CHECK(engine.snapshot()->stream.totals.coins == 0);
	clock.advance(1);
	engine.flush();
	snap = engine.snapshot();
	CHECK(snap->stream.totals.coins == 6);
	CHECK(snap->stats.streaksClosedByTimeout == 1);
	CHECK(snap->activity.back().final);
}

TEST_CASE("Engine: goals registered by id appear in snapshots", "[engine]")
{
	Engine engine;
	GoalSpec spec;
	spec.id = "source-uuid-1";
	spec.title = "Lion!";
	spec.kind = GoalKind::Coins;
	spec.target = 30000;
	engine.setGoal(spec);
	engine.submitFrame(flatGift("l", "eve", 6369, 29999, 2, 1, false));
	engine.flush();
	auto snap = engine.snapshot();
	REQUIRE(snap->goals.count("source-uuid-1") == 1);
	const auto &goal = snap->goals.at("source-uuid-1");
	CHECK(goal.current == 29999);
	CHECK(goal.target == 30000);
	CHECK_FALSE(goal.reached);
	CHECK(goal.title == "Lion!");
	engine.submitFrame(flatGift("r", "eve", 5655, 1, 2, 1, false));
	engine.flush();
	snap = engine.snapshot();
	CHECK(snap->goals.at("source-uuid-1").reached);
	REQUIRE(snap->goalEvents.size() == 1);
	engine.removeGoal("source-uuid-1");
	engine.flush();
	CHECK(engine.snapshot()->goals.empty());
}

TEST_CASE("Engine: stream control and resets", "[engine]")
{
	Engine engine;
	engine.startStream();
	engine.submitFrame(flatGift("a", "ann", 5558, 1000, 2, 1, false));
	engine.flush();
	const auto first = engine.snapshot()->streamId;
	engine.endStream();
	engine.flush();
	CHECK_FALSE(engine.snapshot()->streamLive);
	engine.resetStream();
	engine.flush();
	auto snap = engine.snapshot();
	CHECK(snap->streamLive);
	CHECK(snap->streamId > first);
	CHECK(snap->stream.totals.coins == 0);
	CHECK(snap->allTime.totals.coins == 1000);
	engine.resetAll();
	engine.flush();
	snap = engine.snapshot();
	CHECK(snap->allTime.totals.coins == 0);
	CHECK(snap->allTime.supporterCount == 0);
}

TEST_CASE("Engine: errors are counted and logged with their frame, counting goes on", "[engine]")
{
	struct Capture final : Logger {
		std::mutex mutex;
		std::vector<std::string> lines;
		void log(LogLevel level, std::string_view message) override
		{
			if (level >= LogLevel::Warning) {
				std::lock_guard lock(mutex);
				lines.emplace_back(message);
			}
		}
	} logger;
	EngineOptions options;
	options.logger = &logger;
	Engine engine(options);
	engine.submitFrame("{not json", 7);
	engine.submitFrame(flatGift("ok", "ann", 5655, 1, 2, 1, false), 8);
	engine.submitFrame(R"({"event":"gift","data":{"msgId":"w","uniqueId":"a","giftId":[],"diamondCount":1}})");
	engine.flush();
	const auto snap = engine.snapshot();
	CHECK(snap->stats.errors == 2);
	CHECK(snap->allTime.totals.coins == 1);
	std::lock_guard lock(logger.mutex);
	REQUIRE(logger.lines.size() == 2);
	CHECK(logger.lines[0].rfind("line 7: ", 0) == 0);
	CHECK(logger.lines[1].rfind("frame 3: gift: giftId", 0) == 0);
}

namespace {

// A clock that throws while armed: every use of the engine's time fails.
class FailingClock final : public Clock {
public:
	Millis nowMs() const override
	{
		if (armed.load()) {
			throw std::runtime_error("clock broken");
		}
		return 1000;
	}
	std::atomic<bool> armed{false};
};

class CapturingLogger final : public Logger {
public:
	void log(LogLevel level, std::string_view message) override
	{
		std::lock_guard lock(mutex_);
		if (level == LogLevel::Error) {
			errors_.emplace_back(message);
		}
	}
	std::vector<std::string> errors() const
	{
		std::lock_guard lock(mutex_);
		return errors_;
	}

private:
	mutable std::mutex mutex_;
	std::vector<std::string> errors_;
};

} // namespace

TEST_CASE("Engine: an item that throws is logged and the worker keeps running", "[engine]")
{
	FailingClock clock;
	CapturingLogger logger;
	EngineOptions options;
	options.clock = &clock;
	options.logger = &logger;
	Engine engine(options);
	clock.armed = true;
	engine.submitFrame(flatGift("bad", "ann", 5655, 7, 2, 1, false));
	engine.flush();
	clock.armed = false;
	REQUIRE_FALSE(logger.errors().empty());
	CHECK(logger.errors().front().find("clock broken") != std::string::npos);
	engine.submitFrame(flatGift("good", "bob", 5655, 5, 2, 1, false));
	engine.flush();
	CHECK(engine.snapshot()->allTime.totals.coins == 5);
}

TEST_CASE("Engine: a frame parsed elsewhere is applied without parsing again", "[engine]")
{
	Engine engine;
	FrameParser parser;
	ParsedFrame frame = parser.parse(flatGift("p1", "ann", 5655, 3, 2, 2, false));
	ParsedFrame broken = parser.parse(R"({"event":"gift","data":{"msgId":"p2","uniqueId":"a","giftId":[]}})");
	engine.submitParsed(std::move(frame));
	engine.submitParsed(std::move(broken));
	engine.flush();
	const auto snap = engine.snapshot();
	CHECK(snap->allTime.totals.coins == 6);
	CHECK(snap->stats.frames == 2);
	CHECK(snap->stats.errors == 1);
}

TEST_CASE("Engine: a counted gift is published before the ledger writes it", "[engine]")
{
	testsupport::TempDir dir;
	std::atomic<bool> holdWrites{false};
	std::promise<void> release;
	std::shared_future<void> released = release.get_future().share();
	EngineOptions options;
	options.ledgerPath = dir.file("ledger.db");
	// The write stands still (a slow disk) until the test lets it go.
	options.ledgerBeforeWrite = [&](Ledger &) {
		if (holdWrites.load()) {
			released.wait();
		}
	};
	Engine engine(options);
	engine.flush();
	holdWrites = true;
	engine.submitFrame(flatGift("slow-disk-1", "u1", 5655, 7, 2, 1, false));
	// Not a timing: the gift must show while its write is still held (the wait ends as soon as it shows).
	bool shownDuringWrite = false;
	for (int i = 0; i < 1000 && !shownDuringWrite; ++i) {
		shownDuringWrite = engine.snapshot()->allTime.totals.coins == 7;
		std::this_thread::sleep_for(std::chrono::milliseconds(10));
	}
	release.set_value();
	engine.flush();
	CHECK(shownDuringWrite);
	CHECK(engine.snapshot()->allTime.totals.coins == 7);
	CHECK(engine.snapshot()->ledgerOk);
}

TEST_CASE("Engine: a written batch publishes one snapshot unless the ledger's status changed", "[engine]")
{
	testsupport::TempDir dir;
	std::atomic<int> publishes{0};
	EngineOptions options;
	options.ledgerPath = dir.file("ledger.db");
	options.onPublish = [&publishes] { publishes.fetch_add(1); };
	Engine engine(options);
	engine.flush();
	for (int i = 0; i < 5; ++i) {
		const int before = publishes.load();
		const auto version = engine.snapshot()->version;
		engine.submitFrame(flatGift("one-publish-" + std::to_string(i), "u1", 5655, 3, 2, 1, false));
		engine.flush();
		// The gift's snapshot, published before the write; the write changed nothing the snapshot shows.
		CHECK(publishes.load() - before == 1);
		CHECK(engine.snapshot()->version == version + 1);
	}
	CHECK(engine.snapshot()->allTime.totals.coins == 15);
	CHECK(engine.snapshot()->ledgerOk);
	CHECK(engine.snapshot()->ledger.state == LedgerStatus::State::Ok);
}
