// The raster worker publishes each job's image to its slot, and gives the free heap back once it has had
// nothing to do for a moment after work: once per quiet spell, never while idle without work.

#include "obs/render/raster-worker.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
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
	std::vector<std::shared_ptr<RasterSlot>> slots;
	for (int i = 0; i < 5; ++i) {
		slots.push_back(std::make_shared<RasterSlot>());
		worker.post(slots.back(), [i] { return imageOfWidth(10 + i); });
	}
	REQUIRE(waitFor([&] {
		for (const auto &each : slots) {
			if (each->imageVersion() != 1) {
				return false;
			}
		}
		return true;
	}));
	CHECK(slots.back()->image()->width == 14);
	REQUIRE(waitFor([&] { return worker.heapTrims() == 2; }));
	std::this_thread::sleep_for(quiet * 3);
	CHECK(worker.heapTrims() == 2);
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
