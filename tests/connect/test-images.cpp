// The image fetcher against a small real HTTP server on 127.0.0.1 (QTcpServer in this thread).

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>

#include <QBuffer>
#include <QColor>
#include <QImage>
#include <QTcpSocket>

#include <webp/encode.h>

#include "connect/image-fetcher.hpp"
#include "http-server.hpp"
#include "support.hpp"

using namespace livegifts::connect;
using testing::HttpServer;
using testing::waitUntil;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::uint64_t kHugeBody = 50ull * 1024 * 1024;

QByteArray encodeQt(const QImage &image, const char *format)
{
	QByteArray bytes;
	QBuffer buffer(&bytes);
	buffer.open(QIODevice::WriteOnly);
	REQUIRE(image.save(&buffer, format, 95));
	return bytes;
}

QImage translucentImage(int width, int height)
{
	QImage image(width, height, QImage::Format_ARGB32);
	image.fill(QColor(200, 100, 50, 128));
	image.setPixelColor(0, 0, QColor(255, 255, 255, 255));
	return image;
}

QByteArray encodeWebp(int width, int height)
{
	std::vector<std::uint8_t> rgba(static_cast<std::size_t>(width * height * 4));
	for (std::size_t i = 0; i < rgba.size(); i += 4) {
		rgba[i] = 200;
		rgba[i + 1] = 100;
		rgba[i + 2] = 50;
		rgba[i + 3] = 128;
	}
	std::uint8_t *out = nullptr;
	const std::size_t size = WebPEncodeLosslessRGBA(rgba.data(), width, height, width * 4, &out);
	REQUIRE(size > 0);
	QByteArray bytes(reinterpret_cast<const char *>(out), static_cast<int>(size));
	WebPFree(out);
	return bytes;
}

ImageFetcherSettings fastSettings(const HttpServer &http)
{
	ImageFetcherSettings settings;
	settings.testLoopbackPorts = {http.port()};
	settings.timeoutMs = 600;
	settings.connectTimeoutMs = 500;
	settings.maxBodyBytes = 1024 * 1024;
	settings.retryInitialMs = 200;
	settings.retryMaxMs = 1000;
	return settings;
}

ImageLookup settle(ImageFetcher &fetcher, const std::string &url, int timeoutMs = 5000)
{
	ImageLookup lookup;
	waitUntil(
	    [&] {
		    lookup = fetcher.get(url);
		    return lookup.state != ImageState::Loading;
	    },
	    timeoutMs);
	return lookup;
}

std::array<int, 4> pixelAt(const ImagePixels &pixels, int x, int y)
{
	const std::size_t at =
	    static_cast<std::size_t>(y) * static_cast<std::size_t>(pixels.stride) + static_cast<std::size_t>(x) * 4;
	return {pixels.bytes[at], pixels.bytes[at + 1], pixels.bytes[at + 2], pixels.bytes[at + 3]};
}

void checkNear(const std::array<int, 4> &got, const std::array<int, 4> &want, int tolerance)
{
	for (std::size_t i = 0; i < 4; ++i) {
		INFO("channel " << i << ": got " << got[i] << ", want " << want[i]);
		CHECK(std::abs(got[i] - want[i]) <= tolerance);
	}
}

} // namespace

TEST_CASE("good PNG, WebP and JPEG images decode into premultiplied RGBA", "[images]")
{
	HttpServer http;
	const QByteArray png = encodeQt(translucentImage(40, 30), "PNG");
	const QByteArray webp = encodeWebp(24, 12);
	QImage opaque(16, 16, QImage::Format_RGB32);
	opaque.fill(QColor(10, 200, 30));
	const QByteArray jpeg = encodeQt(opaque, "JPG");
	http.route("/avatar.png", [&](QTcpSocket *s) { HttpServer::respond(s, 200, "image/png", png); });
	http.route("/gift.webp", [&](QTcpSocket *s) { HttpServer::respond(s, 200, "image/webp", webp); });
	http.route("/photo.jpg", [&](QTcpSocket *s) { HttpServer::respond(s, 200, "image/jpeg", jpeg); });

	ImageFetcher fetcher(fastSettings(http));
	std::atomic<int> notified{0};
	fetcher.setListener([&](const std::string &, bool ok) { notified += ok ? 1 : 0; });

	const auto first = fetcher.get(http.url("/avatar.png"));
	CHECK(first.state == ImageState::Loading); // get() never waits for the network

	const auto pngLookup = settle(fetcher, http.url("/avatar.png"));
	REQUIRE(pngLookup.state == ImageState::Ready);
	CHECK(pngLookup.pixels->width == 40);
	CHECK(pngLookup.pixels->height == 30);
	CHECK(pngLookup.pixels->stride == 160);
	CHECK(pngLookup.pixels->bytes.size() == 160u * 30u);
	checkNear(pixelAt(*pngLookup.pixels, 5, 5), {100, 50, 25, 128}, 1); // 200,100,50 at alpha 128, premultiplied
	checkNear(pixelAt(*pngLookup.pixels, 0, 0), {255, 255, 255, 255}, 0);

	const auto webpLookup = settle(fetcher, http.url("/gift.webp"));
	REQUIRE(webpLookup.state == ImageState::Ready);
	CHECK(webpLookup.pixels->width == 24);
	CHECK(webpLookup.pixels->height == 12);
	checkNear(pixelAt(*webpLookup.pixels, 3, 7), {100, 50, 25, 128}, 1);

	const auto jpegLookup = settle(fetcher, http.url("/photo.jpg"));
	REQUIRE(jpegLookup.state == ImageState::Ready);
	CHECK(jpegLookup.pixels->width == 16);
	checkNear(pixelAt(*jpegLookup.pixels, 8, 8), {10, 200, 30, 255}, 6);

	CHECK(notified == 3);
	CHECK(fetcher.stats().downloads == 3);
	// A Ready image is served from memory: no second request.
	CHECK(fetcher.get(http.url("/avatar.png")).state == ImageState::Ready);
	testing::pump(50);
	CHECK(http.requests("/avatar.png") == 1);
}

TEST_CASE("a server that never answers times out", "[images]")
{
	HttpServer http;
	http.route("/slow.png", [](QTcpSocket *) {}); // reads the request, says nothing
	ImageFetcher fetcher(fastSettings(http));
	const auto started = Clock::now();
	const auto lookup = settle(fetcher, http.url("/slow.png"));
	const auto elapsed = Clock::now() - started;
	REQUIRE(lookup.state == ImageState::Failed);
	CHECK(lookup.error == "no complete answer within 1 s");
	CHECK(elapsed >= std::chrono::milliseconds(550));
	CHECK(elapsed < std::chrono::seconds(3));
	CHECK(lookup.pixels == nullptr);
}

TEST_CASE("a 50 MB body is aborted at the size cap", "[images]")
{
	HttpServer http;
	http.route("/huge-length.png", [&](QTcpSocket *s) { http.stream(s, kHugeBody, true); });
	http.route("/huge-chunked.png", [&](QTcpSocket *s) { http.stream(s, kHugeBody, false); });
	auto settings = fastSettings(http);
	settings.timeoutMs = 10000;
	ImageFetcher fetcher(settings);

	SECTION("announced by Content-Length: refused before the body")
	{
		const auto lookup = settle(fetcher, http.url("/huge-length.png"));
		REQUIRE(lookup.state == ImageState::Failed);
		CHECK(lookup.error == "the image is larger than 1048576 bytes");
		CHECK(fetcher.stats().bytesReceived < 2u * 1024 * 1024);
	}
	SECTION("no length: cut while receiving")
	{
		const auto lookup = settle(fetcher, http.url("/huge-chunked.png"));
		REQUIRE(lookup.state == ImageState::Failed);
		CHECK(lookup.error == "the image is larger than 1048576 bytes");
		CHECK(fetcher.stats().bytesReceived <= 2u * 1024 * 1024);
		testing::pump(100);
		CHECK(http.streamed < 16u * 1024 * 1024); // the server stopped long before 50 MB
	}
}

TEST_CASE("a wrong content type, a 404 and a non-image body fail with a reason", "[images]")
{
	HttpServer http;
	const QByteArray png = encodeQt(translucentImage(8, 8), "PNG");
	http.route("/page.png", [&](QTcpSocket *s) { HttpServer::respond(s, 200, "text/html; charset=utf-8", png); });
	http.route("/junk.png", [&](QTcpSocket *s) { HttpServer::respond(s, 200, "image/png", "<html>hi</html>"); });
	ImageFetcher fetcher(fastSettings(http));

	const auto html = settle(fetcher, http.url("/page.png"));
	REQUIRE(html.state == ImageState::Failed);
	CHECK(html.error == "the server sent text/html; charset=utf-8, not an image");

	const auto missing = settle(fetcher, http.url("/missing.png"));
	REQUIRE(missing.state == ImageState::Failed);
	CHECK(missing.error == "HTTP 404");

	const auto junk = settle(fetcher, http.url("/junk.png"));
	REQUIRE(junk.state == ImageState::Failed);
	CHECK(junk.error == "not a PNG, JPEG or WebP image");

	const auto file = fetcher.get("file:///etc/passwd");
	CHECK(file.state == ImageState::Failed);
	CHECK(file.error == "only http and https addresses are fetched");
}

TEST_CASE("a failed image is retried later with backoff and logged once", "[images]")
{
	HttpServer http;
	const QByteArray png = encodeQt(translucentImage(8, 8), "PNG");
	int calls = 0;
	http.route("/flaky.png", [&](QTcpSocket *s) {
		if (++calls <= 2) {
			HttpServer::respond(s, 503, "text/plain", "busy");
		} else {
			HttpServer::respond(s, 200, "image/png", png);
		}
	});
	testing::CapturingLogger logger;
	ImageFetcher fetcher(fastSettings(http), logger);
	const std::string url = http.url("/flaky.png");

	REQUIRE(settle(fetcher, url).error == "HTTP 503");
	// Asking again at once does not hit the server: the retry waits for its time (200 ms).
	for (int i = 0; i < 20; ++i) {
		CHECK(fetcher.get(url).state == ImageState::Failed);
	}
	testing::pump(50);
	CHECK(http.requests("/flaky.png") == 1);

	testing::pump(250);
	CHECK(fetcher.get(url).state == ImageState::Loading);
	REQUIRE(settle(fetcher, url).state == ImageState::Failed);
	CHECK(http.requests("/flaky.png") == 2);

	// The second delay is twice the first: 400 ms.
	testing::pump(250);
	CHECK(fetcher.get(url).state == ImageState::Failed);
	testing::pump(250);
	REQUIRE(settle(fetcher, url).state == ImageState::Ready);
	CHECK(http.requests("/flaky.png") == 3);
	CHECK(logger.count(livegifts::LogLevel::Warning, "/flaky.png") == 1);
}

TEST_CASE("the disk cache serves images across restarts and keeps under its cap", "[images]")
{
	HttpServer http;
	const QByteArray png = encodeQt(translucentImage(32, 32), "PNG");
	http.route("/avatar.png", [&](QTcpSocket *s) { HttpServer::respond(s, 200, "image/png", png); });
	const auto dir = testing::freshTempDir("image-cache");
	auto settings = fastSettings(http);
	settings.cacheDir = dir;
	const std::string url = http.url("/avatar.png?id=1");
	{
		ImageFetcher fetcher(settings);
		REQUIRE(settle(fetcher, url).state == ImageState::Ready);
		CHECK(std::filesystem::exists(fetcher.cachePath(url)));
	}
	{
		ImageFetcher fetcher(settings);
		const auto lookup = settle(fetcher, url);
		REQUIRE(lookup.state == ImageState::Ready);
		CHECK(lookup.pixels->width == 32);
		CHECK(fetcher.stats().diskHits == 1);
		CHECK(http.requests("/avatar.png") == 1);
	}

	settings.cacheMaxBytes = static_cast<std::uint64_t>(png.size()) * 2 + 10;
	ImageFetcher fetcher(settings);
	for (int i = 2; i <= 6; ++i) {
		REQUIRE(settle(fetcher, http.url("/avatar.png?id=" + std::to_string(i))).state == ImageState::Ready);
	}
	std::uint64_t total = 0;
	int files = 0;
	for (const auto &item : std::filesystem::directory_iterator(dir)) {
		total += item.file_size();
		++files;
	}
	CHECK(total <= settings.cacheMaxBytes);
	CHECK(files == 2);
	CHECK(std::filesystem::exists(fetcher.cachePath(http.url("/avatar.png?id=6"))));
}

TEST_CASE("destroying the fetcher aborts a download in progress at once", "[images]")
{
	HttpServer http;
	http.route("/slow.png", [](QTcpSocket *) {});
	auto settings = fastSettings(http);
	settings.timeoutMs = 20000;
	auto fetcher = std::make_unique<ImageFetcher>(settings);
	fetcher->get(http.url("/slow.png"));
	REQUIRE(waitUntil([&] { return http.requests("/slow.png") == 1; }, 3000));
	const auto started = Clock::now();
	fetcher.reset();
	CHECK(Clock::now() - started < std::chrono::milliseconds(1500));
}

TEST_CASE("decoding refuses what is not a picture or too large", "[images]")
{
	const QByteArray png = encodeQt(translucentImage(300, 20), "PNG");
	ImagePixels pixels;
	std::string error;
	const auto *data = reinterpret_cast<const std::uint8_t *>(png.constData());
	CHECK(sniffImageFormat(data, static_cast<std::size_t>(png.size())) == ImageFormat::Png);
	CHECK_FALSE(decodeImage(data, static_cast<std::size_t>(png.size()), pixels, error, 256));
	CHECK(error == "the image is too large (300x20)");
	CHECK(decodeImage(data, static_cast<std::size_t>(png.size()), pixels, error, 4096));
	CHECK(pixels.width == 300);

	const QByteArray webp = encodeWebp(300, 2);
	const auto *webpData = reinterpret_cast<const std::uint8_t *>(webp.constData());
	CHECK(sniffImageFormat(webpData, static_cast<std::size_t>(webp.size())) == ImageFormat::Webp);
	CHECK_FALSE(decodeImage(webpData, static_cast<std::size_t>(webp.size()), pixels, error, 256));
	// A truncated WebP is damaged, not a crash.
	CHECK_FALSE(decodeImage(webpData, static_cast<std::size_t>(webp.size()) / 2, pixels, error, 4096));
}

TEST_CASE("decoded pixels kept in memory stay under their cap", "[images]")
{
	HttpServer http;
	const QByteArray png = encodeQt(translucentImage(16, 16), "PNG"); // 1 KiB of pixels each
	http.route("/a.png", [&](QTcpSocket *s) { HttpServer::respond(s, 200, "image/png", png); });
	auto settings = fastSettings(http);
	settings.memoryMaxBytes = 2 * 16 * 16 * 4;
	ImageFetcher fetcher(settings);
	for (int i = 1; i <= 3; ++i) {
		REQUIRE(settle(fetcher, http.url("/a.png?n=" + std::to_string(i))).state == ImageState::Ready);
	}
	// The least recently used one was dropped; asking for it fetches it again.
	CHECK(fetcher.get(http.url("/a.png?n=1")).state == ImageState::Loading);
	CHECK(settle(fetcher, http.url("/a.png?n=1")).state == ImageState::Ready);
	CHECK(http.requests("/a.png") == 4);
	// The most recent ones stayed.
	CHECK(fetcher.get(http.url("/a.png?n=1")).state == ImageState::Ready);

	// One image larger than the whole cap is still delivered, not dropped at once.
	auto tiny = fastSettings(http);
	tiny.memoryMaxBytes = 10;
	ImageFetcher small(tiny);
	CHECK(settle(small, http.url("/a.png?n=9")).state == ImageState::Ready);
	CHECK(small.get(http.url("/a.png?n=9")).state == ImageState::Ready);
}

TEST_CASE("a slow host does not hold up other images", "[images]")
{
	HttpServer http;
	const QByteArray png = encodeQt(translucentImage(8, 8), "PNG");
	http.route("/slow.png", [](QTcpSocket *) {});
	http.route("/quick.png", [&](QTcpSocket *s) { HttpServer::respond(s, 200, "image/png", png); });
	auto settings = fastSettings(http);
	settings.timeoutMs = 3000;
	ImageFetcher fetcher(settings);
	fetcher.get(http.url("/slow.png"));
	REQUIRE(waitUntil([&] { return http.requests("/slow.png") == 1; }, 2000));
	const auto started = Clock::now();
	REQUIRE(settle(fetcher, http.url("/quick.png")).state == ImageState::Ready);
	CHECK(Clock::now() - started < std::chrono::milliseconds(1000));
	CHECK(fetcher.get(http.url("/slow.png")).state == ImageState::Loading);
}

TEST_CASE("many failing images do not flood the log", "[images]")
{
	HttpServer http;
	auto settings = fastSettings(http);
	settings.warningsPerMinute = 2;
	testing::CapturingLogger logger;
	ImageFetcher fetcher(settings, logger);
	for (int i = 0; i < 6; ++i) {
		REQUIRE(settle(fetcher, http.url("/gone" + std::to_string(i) + ".png")).error == "HTTP 404");
	}
	CHECK(logger.count(livegifts::LogLevel::Warning, "HTTP 404") == 2);
	CHECK(logger.count(livegifts::LogLevel::Debug, "HTTP 404") == 6);
}

TEST_CASE("a picture's signed address is logged with its secrets masked", "[images]")
{
	HttpServer http;
	testing::CapturingLogger logger;
	ImageFetcher fetcher(fastSettings(http), logger);
	// TikTok's picture addresses are signed; the signature is no business of the log.
	const std::string signedUrl = http.url("/gone.png") + "?x-expires=1764000000&x-signature=SIGabc123";
	REQUIRE(settle(fetcher, signedUrl).state == ImageState::Failed);
	const std::string otherScheme = "ftp://user:pw0rd@203.0.113.9/a.png?token=TOKzzz";
	REQUIRE(settle(fetcher, otherScheme).state == ImageState::Failed);
	CHECK(logger.count(livegifts::LogLevel::Warning, "x-signature=***") == 1);
	CHECK(logger.count(livegifts::LogLevel::Warning, "user:***@203.0.113.9/a.png?token=***") == 1);
	for (const auto level : {livegifts::LogLevel::Debug, livegifts::LogLevel::Info, livegifts::LogLevel::Warning,
				 livegifts::LogLevel::Error}) {
		CHECK(logger.count(level, "SIGabc123") == 0);
		CHECK(logger.count(level, "pw0rd") == 0);
		CHECK(logger.count(level, "TOKzzz") == 0);
	}
}

TEST_CASE("redirects are followed to http(s) only", "[images]")
{
	HttpServer http;
	const QByteArray png = encodeQt(translucentImage(8, 8), "PNG");
	http.route("/avatar.png", [&](QTcpSocket *s) { HttpServer::respond(s, 200, "image/png", png); });
	const auto redirect = [](QTcpSocket *s, const QByteArray &to) {
		s->write("HTTP/1.1 302 Found\r\nLocation: " + to +
			 "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
		s->disconnectFromHost();
	};
	http.route("/moved.png", [&](QTcpSocket *s) { redirect(s, "/avatar.png"); });
	http.route("/sneaky.png", [&](QTcpSocket *s) { redirect(s, "file:///etc/passwd"); });
	ImageFetcher fetcher(fastSettings(http));
	CHECK(settle(fetcher, http.url("/moved.png")).state == ImageState::Ready);
	CHECK(http.requests("/avatar.png") == 1);
	const auto sneaky = settle(fetcher, http.url("/sneaky.png"));
	CHECK(sneaky.state == ImageState::Failed);
	CHECK_FALSE(sneaky.error.empty());
}

TEST_CASE("the fetcher logs outside its lock and survives a listener that throws", "[images]")
{
	// A logger that asks the fetcher again from inside log(): had the line been written under the lock
	// that get() takes (the video thread's), this would deadlock.
	class ReentrantLogger final : public livegifts::Logger {
	public:
		void log(livegifts::LogLevel, std::string_view) override
		{
			if (fetcher) {
				fetcher->get("ftp://example.invalid/a.png");
				++lines;
			}
		}
		ImageFetcher *fetcher = nullptr;
		std::atomic<int> lines{0};
	};
	HttpServer http;
	const QByteArray png = encodeQt(translucentImage(8, 8), "PNG");
	http.route("/ok.png", [&](QTcpSocket *s) { HttpServer::respond(s, 200, "image/png", png); });
	http.route("/missing.png", [](QTcpSocket *s) { HttpServer::respond(s, 404, "text/plain", "no"); });

	ReentrantLogger logger;
	ImageFetcherSettings settings = fastSettings(http);
	settings.workers = 1;
	ImageFetcher fetcher(settings, logger);
	logger.fetcher = &fetcher;
	fetcher.setListener([](const std::string &, bool) { throw std::runtime_error("listener failed"); });

	CHECK(fetcher.get("ftp://example.invalid/a.png").state == ImageState::Failed);
	CHECK(logger.lines >= 1);
	REQUIRE(settle(fetcher, http.url("/missing.png")).error == "HTTP 404");
	// The one worker is still there after the listener threw twice.
	REQUIRE(settle(fetcher, http.url("/ok.png")).state == ImageState::Ready);
}

namespace {

// The threads of this process now (Linux; -1 elsewhere).
int threadCount()
{
	std::error_code ec;
	int count = 0;
	for (auto it = std::filesystem::directory_iterator("/proc/self/task", ec);
	     !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
		++count;
	}
	return ec ? -1 : count;
}

} // namespace

TEST_CASE("a fetcher starts its download threads with the first address to fetch, not before", "[images]")
{
	const int before = threadCount();
	if (before < 0) {
		SUCCEED("no /proc/self/task here");
		return;
	}
	ImageFetcherSettings settings;
	settings.workers = 3;
	ImageFetcher fetcher(settings);
	CHECK(threadCount() == before);
	CHECK(fetcher.get("not-a-web-address").state == ImageState::Failed); // refused at once: nothing to fetch
	CHECK(threadCount() == before);
	fetcher.get("http://127.0.0.1:9/a.png"); // a public-address check refuses it on a worker
	CHECK(threadCount() == before + 3);
}
