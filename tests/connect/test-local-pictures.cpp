// A gift rule's own picture file: read by the image fetcher's workers from this computer.
#include <catch2/catch.hpp>

#include <QBuffer>
#include <QImage>

#include <chrono>
#include <fstream>

#include "connect/image-fetcher.hpp"
#include "support.hpp"

using namespace livegifts::connect;
using testing::waitUntil;

namespace {

ImageLookup settleLocal(ImageFetcher &fetcher, const std::string &url)
{
	ImageLookup lookup;
	waitUntil(
	    [&] {
		    lookup = fetcher.get(url, true);
		    return lookup.state != ImageState::Loading;
	    },
	    5000);
	return lookup;
}

} // namespace

TEST_CASE("A local picture file of the streamer's is read and decoded, never one from the stream; a missing or bad one "
	  "fails with an error",
	  "[images]")
{
	CHECK(isLocalPicture("/home/me/lion.png"));
	CHECK(isLocalPicture("C:/Users/me/lion.png"));
	CHECK(isLocalPicture("D:\\pics\\lion.png"));
	CHECK(isLocalPicture("file:///home/me/lion.png"));
	CHECK_FALSE(isLocalPicture("https://p16.example/lion.png"));
	CHECK_FALSE(isLocalPicture("lion.png"));
	CHECK_FALSE(isLocalPicture(""));

	const std::filesystem::path dir = std::filesystem::temp_directory_path() / "live-gifts-local-pictures";
	std::filesystem::remove_all(dir);
	std::filesystem::create_directories(dir);
	QImage image(20, 10, QImage::Format_ARGB32);
	image.fill(QColor(10, 200, 30, 255));
	const std::string png = (dir / "rule picture.png").string();
	REQUIRE(image.save(QString::fromStdString(png), "PNG"));
	const std::string bad = (dir / "bad.png").string();
	std::ofstream(bad) << "not a picture";

	ImageFetcherSettings settings;
	settings.cacheDir = dir / "cache";
	ImageFetcher fetcher(settings);
	const ImageLookup good = settleLocal(fetcher, png);
	REQUIRE(good.state == ImageState::Ready);
	REQUIRE(good.pixels != nullptr);
	CHECK(good.pixels->width == 20);
	CHECK(good.pixels->height == 10);
	CHECK(good.pixels->bytes[1] == 200); // RGBA: green
	CHECK(settleLocal(fetcher, "file://" + png).state == ImageState::Ready);
	// never copied into the download cache
	CHECK((!std::filesystem::exists(dir / "cache") || std::filesystem::is_empty(dir / "cache")));

	// An address from the stream (an avatar, a gift picture) never reads a file here.
	ImageFetcher other(settings);
	const ImageLookup fromStream = other.get(png);
	CHECK(fromStream.state == ImageState::Failed);
	CHECK(fromStream.pixels == nullptr);

	const ImageLookup missing = settleLocal(fetcher, (dir / "none.png").string());
	CHECK(missing.state == ImageState::Failed);
	CHECK_FALSE(missing.error.empty());
	const ImageLookup broken = settleLocal(fetcher, bad);
	CHECK(broken.state == ImageState::Failed);
	CHECK_FALSE(broken.error.empty());
	std::filesystem::remove_all(dir);
}
