// The raster worker publishes each job's image to its slot, and gives the free heap back once it has had
// nothing to do for a moment after work: once per quiet spell, never while idle without work.

#include "obs/render/alert-card-image.hpp"
#include "obs/render/raster-worker.hpp"
#include "obs/render/scratch.hpp"

#include <catch2/catch.hpp>

#include <QImage>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

using livegifts::obs::RasterImage;
using livegifts::obs::RasterSlot;
using livegifts::obs::RasterWorker;

namespace {

template <typename Done>
bool waitFor(Done done, std::chrono::milliseconds limit = std::chrono::milliseconds(3000))
{
	const auto until = std::chrono::steady_clock::now() + limit;
	while (!done()) {
		if (std::chrono::steady_clock::now() > until) {
			return false;
		}
		std::this_thread::sleep_for(std::chrono::milliseconds(5));
	}
	return true;
}

std::shared_ptr<const RasterImage> imageOfWidth(int width)
{
	auto image = std::make_shared<RasterImage>();
	image->width = width;
	image->height = 1;
	image->rgba.assign(static_cast<size_t>(width) * 4, 0xFF);
	return image;
}

} // namespace

TEST_CASE("Raster worker: the heap is given back once after work, when the worker goes quiet", "[raster-worker]")
{
	// A short quiet spell, so the test does not wait for the module's.
	constexpr std::chrono::milliseconds quiet{250};
	RasterWorker worker(quiet);
	auto slot = std::make_shared<RasterSlot>();
	// Nothing done yet: nothing to give back, however long it waits.
	std::this_thread::sleep_for(quiet * 2);
	CHECK(worker.heapTrims() == 0);

	worker.post(slot, [] { return imageOfWidth(3); });
	REQUIRE(waitFor([&] { return slot->imageVersion() == 1; }));
	CHECK(slot->image()->width == 3);
	REQUIRE(waitFor([&] { return worker.heapTrims() == 1; }));
	// Quiet since: no second trim.
	std::this_thread::sleep_for(quiet * 3);
	CHECK(worker.heapTrims() == 1);

	// Jobs queued together (five slots at once): one trim, after the last of them.
	std::vector<std::shared_ptr<RasterSlot>> queued;
	for (int i = 0; i < 5; ++i) {
		queued.push_back(std::make_shared<RasterSlot>());
		worker.post(queued.back(), [i] { return imageOfWidth(10 + i); });
	}
	REQUIRE(waitFor([&] {
		for (const auto &each : queued) {
			if (each->imageVersion() != 1) {
				return false;
			}
		}
		return true;
	}));
	CHECK(queued.back()->image()->width == 14);
	REQUIRE(waitFor([&] { return worker.heapTrims() == 2; }));
	std::this_thread::sleep_for(quiet * 3);
	CHECK(worker.heapTrims() == 2);
}

TEST_CASE("Raster worker: the canvases a job let go are kept for the next job, and freed when it goes quiet",
	  "[raster-worker]")
{
	constexpr std::chrono::milliseconds quiet{250};
	RasterWorker worker(quiet);
	auto slot = std::make_shared<RasterSlot>();
	std::atomic<std::size_t> keptBefore{0};
	std::atomic<std::size_t> keptAfter{1};
	// A job paints on a canvas and lets it go; the next one, right behind it, finds it kept.
	worker.post(slot, [] {
		QImage canvas = livegifts::obs::transparentScratch(300, 200);
		canvas.setPixel(0, 0, 0xFFFFFFFFu);
		return imageOfWidth(1);
	});
	auto second = std::make_shared<RasterSlot>();
	worker.post(second, [&keptBefore] {
		keptBefore.store(livegifts::obs::scratchKeptBytes());
		return imageOfWidth(2);
	});
	REQUIRE(waitFor([&] { return second->imageVersion() == 1; }));
	CHECK(keptBefore.load() >= std::size_t{300} * 200 * 4);
	// Quiet for the spell: the kept canvases go with the free heap.
	REQUIRE(waitFor([&] { return worker.heapTrims() == 1; }));
	worker.post(slot, [&keptAfter] {
		keptAfter.store(livegifts::obs::scratchKeptBytes());
		return imageOfWidth(3);
	});
	REQUIRE(waitFor([&] { return slot->imageVersion() == 2; }));
	CHECK(keptAfter.load() == 0);
}

TEST_CASE("Raster worker: the card kept under its text goes with the canvases when the worker goes quiet",
	  "[raster-worker]")
{
	constexpr std::chrono::milliseconds quiet{250};
	RasterWorker worker(quiet);
	auto slot = std::make_shared<RasterSlot>();
	// A card of its plate alone (no avatar, picture or text: no fonts needed): composeCard keeps it.
	livegifts::obs::CardJob job;
	job.layout.avatarSize = 0;
	job.layout.giftSize = 0;
	job.style.background = livegifts::view::Rgba{20, 20, 28, 220};
	worker.post(slot, [job] { return livegifts::obs::composeCard(job); });
	REQUIRE(waitFor([&] { return slot->imageVersion() == 1; }));
	REQUIRE(waitFor([&] { return worker.heapTrims() == 1; }));
	std::atomic<std::size_t> keptAfter{1};
	worker.post(slot, [&keptAfter] {
		keptAfter.store(livegifts::obs::scratchKeptBytes());
		return imageOfWidth(3);
	});
	REQUIRE(waitFor([&] { return slot->imageVersion() == 2; }));
	CHECK(keptAfter.load() == 0); // its canvas went back to the system, not into the kept canvases
}

TEST_CASE("Raster worker: trimSoon gives the heap back once the worker is quiet, without a job", "[raster-worker]")
{
	constexpr std::chrono::milliseconds quiet{250};
	RasterWorker worker(quiet);
	std::this_thread::sleep_for(quiet * 2);
	CHECK(worker.heapTrims() == 0);

	// Asked three times at once (a texture freed by three sources in one frame): one trim, after the quiet spell.
	const auto asked = std::chrono::steady_clock::now();
	worker.trimSoon();
	worker.trimSoon();
	worker.trimSoon();
	REQUIRE(waitFor([&] { return worker.heapTrims() == 1; }));
	CHECK(std::chrono::steady_clock::now() - asked >= quiet);
	std::this_thread::sleep_for(quiet * 3);
	CHECK(worker.heapTrims() == 1);

	// A job still paints as before after it.
	auto slot = std::make_shared<RasterSlot>();
	worker.post(slot, [] { return imageOfWidth(5); });
	REQUIRE(waitFor([&] { return slot->imageVersion() == 1; }));
	CHECK(slot->image()->width == 5);
	REQUIRE(waitFor([&] { return worker.heapTrims() == 2; }));
}

TEST_CASE("Raster worker: a painting thread makes way for a new one after its share of jobs", "[raster-worker]")
{
	// A thread's fonts and glyph images live as long as it does: after retireAfterJobs jobs and a quiet spell,
	// the painting thread ends and a new one paints the next job.
	constexpr std::chrono::milliseconds quiet{100};
	RasterWorker worker(quiet, 3);
	REQUIRE(waitFor([&] { return worker.painters() == 1; }));
	// Each job notes how many jobs its thread had painted before it (a thread's own count starts at 0).
	std::vector<int> painted;
	std::mutex mutex;
	const auto job = [&](int width) {
		return [&, width] {
			thread_local int before = 0;
			const std::lock_guard<std::mutex> lock(mutex);
			painted.push_back(before++);
			return imageOfWidth(width);
		};
	};
	auto slot = std::make_shared<RasterSlot>();
	worker.post(slot, job(1));
	REQUIRE(waitFor([&] { return slot->imageVersion() == 1; }));
	worker.post(slot, job(2));
	REQUIRE(waitFor([&] { return slot->imageVersion() == 2; }));
	REQUIRE(waitFor([&] { return worker.heapTrims() == 1; }));
	CHECK(worker.painters() == 1); // two jobs: the thread stays, its heap trimmed
	worker.post(slot, job(3));
	REQUIRE(waitFor([&] { return slot->imageVersion() == 3; }));
	REQUIRE(waitFor([&] { return worker.painters() == 2; })); // the third: it retires once quiet
	CHECK(worker.heapTrims() == 2);                           // and the worker trims after it
	worker.post(slot, job(4));
	REQUIRE(waitFor([&] { return slot->imageVersion() == 4; }));
	CHECK(slot->image()->width == 4);
	const std::lock_guard<std::mutex> lock(mutex);
	CHECK(painted == std::vector<int>{0, 1, 2, 0}); // the fourth on a new thread
}

TEST_CASE("Raster worker: on a stream that never quiets, the painting thread retires between two jobs",
	  "[raster-worker]")
{
	// A quiet spell far longer than the test: only the busy rule can retire the thread, at ten times its share.
	RasterWorker worker(std::chrono::milliseconds(60000), 1);
	REQUIRE(waitFor([&] { return worker.painters() == 1; }));
	auto slot = std::make_shared<RasterSlot>();
	for (uint64_t i = 1; i <= 9; ++i) {
		worker.post(slot, [] { return imageOfWidth(1); });
		REQUIRE(waitFor([&] { return slot->imageVersion() == i; }));
	}
	std::this_thread::sleep_for(std::chrono::milliseconds(50));
	CHECK(worker.painters() == 1);
	worker.post(slot, [] { return imageOfWidth(10); });
	REQUIRE(waitFor([&] { return slot->imageVersion() == 10; }));
	REQUIRE(waitFor([&] { return worker.painters() == 2; }));
	worker.post(slot, [] { return imageOfWidth(11); });
	REQUIRE(waitFor([&] { return slot->imageVersion() == 11; }));
	CHECK(slot->image()->width == 11);
}
