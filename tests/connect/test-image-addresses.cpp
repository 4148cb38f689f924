// Only public addresses are fetched: the address classification, and the fetcher refusing loopback and
// 0.0.0.0 whether they come as a literal, a name that resolves to them or a redirect.

#include <catch2/catch.hpp>

#include <QBuffer>
#include <QColor>
#include <QImage>

#include "connect/address-policy.hpp"
#include "connect/image-fetcher.hpp"
#include "http-server.hpp"
#include "support.hpp"

using namespace livegifts::connect;
using testing::HttpServer;
using testing::waitUntil;

namespace {

QByteArray smallPng()
{
	QImage image(4, 4, QImage::Format_ARGB32);
	image.fill(QColor(10, 20, 30, 255));
	QByteArray bytes;
	QBuffer buffer(&bytes);
	buffer.open(QIODevice::WriteOnly);
	REQUIRE(image.save(&buffer, "PNG"));
	return bytes;
}

ImageFetcherSettings quick()
{
	ImageFetcherSettings settings;
	settings.timeoutMs = 2000;
	settings.connectTimeoutMs = 1000;
	settings.retryInitialMs = 100;
	settings.retryMaxMs = 200;
	return settings;
}

ImageLookup settle(ImageFetcher &fetcher, const std::string &url)
{
	ImageLookup lookup;
	waitUntil(
	    [&] {
		    lookup = fetcher.get(url);
		    return lookup.state != ImageState::Loading;
	    },
	    5000);
	return lookup;
}

} // namespace

TEST_CASE("addresses: IPv4 ranges", "[addresses]")
{
	struct Case {
		const char *address;
		AddressKind kind;
	};
	const Case cases[] = {
	    {"0.0.0.0", AddressKind::Unspecified},
	    {"0.255.255.255", AddressKind::Unspecified},
	    {"1.0.0.0", AddressKind::Public},
	    {"9.255.255.255", AddressKind::Public},
	    {"10.0.0.0", AddressKind::Private},
	    {"10.255.255.255", AddressKind::Private},
	    {"11.0.0.0", AddressKind::Public},
	    {"100.63.255.255", AddressKind::Public},
	    {"100.64.0.0", AddressKind::SharedCgnat},
	    {"100.127.255.255", AddressKind::SharedCgnat},
	    {"100.128.0.0", AddressKind::Public},
	    {"126.255.255.255", AddressKind::Public},
	    {"127.0.0.1", AddressKind::Loopback},
	    {"127.255.255.254", AddressKind::Loopback},
	    {"128.0.0.0", AddressKind::Public},
	    {"169.253.255.255", AddressKind::Public},
	    {"169.254.0.1", AddressKind::LinkLocal},
	    {"169.254.169.254", AddressKind::LinkLocal},
	    {"169.255.0.0", AddressKind::Public},
	    {"172.15.255.255", AddressKind::Public},
	    {"172.16.0.0", AddressKind::Private},
	    {"172.31.255.255", AddressKind::Private},
	    {"172.32.0.0", AddressKind::Public},
	    {"192.0.0.8", AddressKind::Reserved},
	    {"192.0.2.1", AddressKind::Reserved},
	    {"192.167.255.255", AddressKind::Public},
	    {"192.168.0.0", AddressKind::Private},
	    {"192.168.255.255", AddressKind::Private},
	    {"192.169.0.0", AddressKind::Public},
	    {"198.18.0.1", AddressKind::Reserved},
	    {"198.51.100.7", AddressKind::Reserved},
	    {"203.0.113.9", AddressKind::Reserved},
	    {"223.255.255.255", AddressKind::Public},
	    {"224.0.0.1", AddressKind::Multicast},
	    {"239.255.255.255", AddressKind::Multicast},
	    {"240.0.0.1", AddressKind::Reserved},
	    {"255.255.255.255", AddressKind::Reserved},
	    {"8.8.8.8", AddressKind::Public},
	    {"93.184.216.34", AddressKind::Public},
	};
	for (const Case &c : cases) {
		INFO(c.address);
		CHECK(classifyAddress(c.address) == c.kind);
	}
	CHECK(classifyIpv4(0x7F000001) == AddressKind::Loopback);
}

TEST_CASE("addresses: IPv6 ranges and the forms IPv4 hides in", "[addresses]")
{
	struct Case {
		const char *address;
		AddressKind kind;
	};
	const Case cases[] = {
	    {"::", AddressKind::Unspecified},
	    {"::1", AddressKind::Loopback},
	    {"[::1]", AddressKind::Loopback},
	    {"0:0:0:0:0:0:0:1", AddressKind::Loopback},
	    {"::ffff:127.0.0.1", AddressKind::Loopback},
	    {"::ffff:7f00:1", AddressKind::Loopback},
	    {"::ffff:0.0.0.0", AddressKind::Unspecified},
	    {"::ffff:10.1.2.3", AddressKind::Private},
	    {"::ffff:169.254.169.254", AddressKind::LinkLocal},
	    {"::ffff:192.168.1.1", AddressKind::Private},
	    {"::ffff:100.64.0.1", AddressKind::SharedCgnat},
	    {"::ffff:8.8.8.8", AddressKind::Public},
	    {"::127.0.0.1", AddressKind::Reserved},
	    {"64:ff9b::7f00:1", AddressKind::Loopback},
	    {"64:ff9b::808:808", AddressKind::Public},
	    {"2002:7f00:1::", AddressKind::Loopback},
	    {"2002:c0a8:101::1", AddressKind::Private},
	    {"2002:808:808::1", AddressKind::Public},
	    {"fe80::1", AddressKind::LinkLocal},
	    {"febf:ffff::1", AddressKind::LinkLocal},
	    {"fec0::1", AddressKind::Private},
	    {"fc00::1", AddressKind::Private},
	    {"fd12:3456:789a::1", AddressKind::Private},
	    {"ff02::1", AddressKind::Multicast},
	    {"ff0e::1", AddressKind::Multicast},
	    {"2001:db8::1", AddressKind::Reserved},
	    {"100::1", AddressKind::Reserved},
	    {"2606:4700:4700::1111", AddressKind::Public},
	    {"2a03:2880:f12f:83:face:b00c:0:25de", AddressKind::Public},
	    {"3fff:ffff::1", AddressKind::Public},
	    {"4000::1", AddressKind::Reserved},
	};
	for (const Case &c : cases) {
		INFO(c.address);
		CHECK(classifyAddress(c.address) == c.kind);
	}
	for (const char *name : {"localhost", "example.com", "", "127.1", "1.2.3.4.5", "[::1", "::1]"}) {
		INFO(name);
		CHECK(classifyAddress(name) == AddressKind::Invalid);
	}
}

TEST_CASE("addresses: the host of a URL, never its user name or password", "[addresses]")
{
	CHECK(hostOfUrl("https://P16-Sign.tiktokcdn.com/avatar.webp?x-signature=abc") == "p16-sign.tiktokcdn.com");
	CHECK(hostOfUrl("http://user:secret@127.0.0.1:8080/a.png") == "127.0.0.1");
	CHECK(hostOfUrl("http://[::1]:80/") == "::1");
	CHECK(hostOfUrl("http://example.com?k=v") == "example.com");
	CHECK(hostOfUrl("http://example.com#frag") == "example.com");
	CHECK(hostOfUrl("http://") == "");
}

TEST_CASE("the fetcher refuses loopback literals, names and 0.0.0.0; once per host in the log", "[addresses]")
{
	HttpServer http;
	const QByteArray png = smallPng();
	http.route("/a.png", [&](QTcpSocket *s) { HttpServer::respond(s, 200, "image/png", png); });
	const std::string port = std::to_string(http.port());
	testing::CapturingLogger logger;
	ImageFetcher fetcher(quick(), logger); // as shipped: no test ports
	for (const std::string &url :
	     {"http://127.0.0.1:" + port + "/a.png?token=hush1", "http://127.0.0.1:" + port + "/a.png?token=hush2",
	      "http://localhost:" + port + "/a.png", "http://0.0.0.0:" + port + "/a.png",
	      "http://[::ffff:127.0.0.1]:" + port + "/a.png"}) {
		INFO(url);
		const ImageLookup lookup = settle(fetcher, url);
		CHECK(lookup.state == ImageState::Failed);
		CHECK(lookup.error.find("only public addresses are fetched") != std::string::npos);
		CHECK(fetcher.get(url).state == ImageState::Failed); // not tried again
	}
	CHECK(http.requests("/a.png") == 0);
	CHECK(logger.count(livegifts::LogLevel::Warning, "not fetching from 127.0.0.1") == 1);
	CHECK(logger.count(livegifts::LogLevel::Warning, "not fetching from localhost") == 1);
	CHECK(logger.count(livegifts::LogLevel::Warning, "not fetching from 0.0.0.0") == 1);
	CHECK(logger.count(livegifts::LogLevel::Warning, "hush") == 0);
	CHECK(logger.count(livegifts::LogLevel::Debug, "hush") == 0);

	// The test switch lets the tests' own server through, and nothing else.
	ImageFetcherSettings testing = quick();
	testing.testLoopbackPorts = {http.port()};
	ImageFetcher allowed(testing);
	CHECK(settle(allowed, "http://127.0.0.1:" + port + "/a.png").state == ImageState::Ready);
	CHECK(settle(allowed, "http://0.0.0.0:" + port + "/a.png").state == ImageState::Failed);
}

TEST_CASE("a redirect from an allowed server to 127.0.0.1 or 0.0.0.0 is refused", "[addresses]")
{
	HttpServer entry;  // the allowed one (stands for a public server)
	HttpServer inside; // a service on this computer, not allowed
	const QByteArray png = smallPng();
	inside.route("/secret.png", [&](QTcpSocket *s) { HttpServer::respond(s, 200, "image/png", png); });
	entry.route("/a.png", [&](QTcpSocket *s) { HttpServer::respond(s, 200, "image/png", png); });
	const auto redirect = [](QTcpSocket *s, const std::string &to) {
		s->write(QByteArray("HTTP/1.1 302 Found\r\nLocation: ") + to.c_str() +
			 "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
		s->disconnectFromHost();
	};
	const std::string insideUrl = inside.url("/secret.png");
	const std::string zeroUrl = "http://0.0.0.0:" + std::to_string(entry.port()) + "/a.png";
	entry.route("/to-inside.png", [&](QTcpSocket *s) { redirect(s, insideUrl); });
	entry.route("/to-zero.png", [&](QTcpSocket *s) { redirect(s, zeroUrl); });
	entry.route("/to-self.png", [&](QTcpSocket *s) { redirect(s, "/a.png"); });
	ImageFetcherSettings settings = quick();
	settings.testLoopbackPorts = {entry.port()};
	ImageFetcher fetcher(settings);

	CHECK(settle(fetcher, entry.url("/to-self.png")).state == ImageState::Ready); // redirects still work
	const ImageLookup toInside = settle(fetcher, entry.url("/to-inside.png"));
	CHECK(toInside.state == ImageState::Failed);
	CHECK(toInside.error.find("loopback") != std::string::npos);
	CHECK(inside.requests("/secret.png") == 0);
	const ImageLookup toZero = settle(fetcher, entry.url("/to-zero.png"));
	CHECK(toZero.state == ImageState::Failed);
	CHECK(toZero.error.find("0.0.0.0") != std::string::npos);
	CHECK(entry.requests("/a.png") == 1); // only the allowed redirect's
}
