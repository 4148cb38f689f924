// The painting thread's kept canvases (obs/render/scratch): reused, bounded, freed on request and when their
// thread ends, whatever thread lets the last image go.
#include "obs/render/scratch.hpp"

#include <catch2/catch.hpp>

#include <QImage>

#include <thread>
#include <vector>

using namespace livegifts::obs;

namespace {

// Runs `work` on a new thread, as the raster worker's painting threads are, and waits for it.
template <typename Work>
void onNewThread(Work work)
{
	std::thread thread(work);
	thread.join();
}

} // namespace

TEST_CASE("a canvas let go is painted on again by the next one of its size or smaller", "[scratch]")
{
	onNewThread([] {
		const unsigned char *first = nullptr;
		{
			QImage image = scratchImage(400, 120);
			REQUIRE(image.format() == QImage::Format_ARGB32_Premultiplied);
			REQUIRE(image.width() == 400);
			REQUIRE(image.height() == 120);
			REQUIRE(image.bytesPerLine() == 400 * 4);
			first = image.constBits();
			CHECK(scratchKeptBytes() == 0);
		}
		CHECK(scratchKeptBytes() >= std::size_t{400} * 120 * 4);
		{
			const QImage again = transparentScratch(300, 100);
			CHECK(again.constBits() == first);
			CHECK(again.pixel(299, 99) == 0); // filled transparent, over what the first one left
			CHECK(scratchKeptBytes() == 0);
			// A second one at the same time gets a buffer of its own.
			const QImage other = scratchImage(300, 100);
			CHECK(other.constBits() != first);
		}
		releaseScratch();
		CHECK(scratchKeptBytes() == 0);
	});
}

TEST_CASE("a copy on a scratch canvas has the same pixels and a buffer of its own", "[scratch]")
{
	onNewThread([] {
		QImage source(37, 11, QImage::Format_ARGB32_Premultiplied);
		source.fill(qRgba(10, 20, 30, 40));
		source.setPixel(36, 10, qRgba(1, 2, 3, 4));
		QImage copy = scratchCopy(source);
		REQUIRE(copy.size() == source.size());
		CHECK(copy == source);
		copy.setPixel(0, 0, qRgba(0, 0, 0, 0));
		CHECK(source.pixel(0, 0) == qRgba(10, 20, 30, 40));
	});
}

TEST_CASE("the kept canvases stay within their bounds", "[scratch]")
{
	onNewThread([] {
		{
			std::vector<QImage> many;
			for (int i = 0; i < 40; ++i) {
				many.push_back(scratchImage(200 + i, 200)); // 40 canvases of about 160 KB at once
			}
		}
		CHECK(scratchKeptBytes() > 0);
		CHECK(scratchKeptBytes() <=
		      kScratchMostBuffers * (std::size_t{240} * 200 * 4 + (std::size_t{64} << 10)));
		{
			// Larger than the whole bound: painted, then freed rather than kept.
			const QImage huge = scratchImage(3000, 1500);
			CHECK(huge.width() == 3000);
		}
		CHECK(scratchKeptBytes() <= kScratchMostBytes);
	});
}

TEST_CASE("bytes on a kept buffer start zeroed", "[scratch]")
{
	onNewThread([] {
		{
			QImage dirty = scratchImage(64, 64);
			dirty.fill(0xFFFFFFFFu);
		}
		ScratchBytes bytes(64 * 64 * 4);
		REQUIRE(bytes.size() == std::size_t{64} * 64 * 4);
		bool zero = true;
		for (std::size_t i = 0; i < bytes.size(); ++i) {
			zero = zero && bytes.data()[i] == 0;
		}
		CHECK(zero);
		ScratchBytes moved = std::move(bytes);
		CHECK(moved.size() == std::size_t{64} * 64 * 4);
		CHECK(bytes.data() == nullptr);
		const ScratchBytes none(0);
		CHECK(none.data() == nullptr);
	});
}

TEST_CASE("an image that outlives its painting thread is freed where it is let go", "[scratch]")
{
	QImage kept;
	onNewThread([&kept] {
		kept = transparentScratch(128, 128);
		kept.setPixel(5, 5, qRgba(255, 0, 0, 255));
	});
	// The thread has ended: its pool is closed, and the image still reads what was painted on it.
	CHECK(kept.pixel(5, 5) == qRgba(255, 0, 0, 255));
	kept = QImage(); // freed here (ASan checks it is freed once, and not read after)
	CHECK(kept.isNull());
}
