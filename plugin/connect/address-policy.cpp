#include "connect/address-policy.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#include <netinet/in.h>
#endif

namespace livegifts::connect {

namespace {

// True when the top `bits` bits of `address` are those of `prefix`.
constexpr bool inRange(std::uint32_t address, std::uint32_t prefix, int bits)
{
	const std::uint32_t mask = bits == 0 ? 0u : ~std::uint32_t{0} << (32 - bits);
	return (address & mask) == (prefix & mask);
}

std::uint32_t ipv4At(const std::array<std::uint8_t, 16> &a, std::size_t at)
{
	return (std::uint32_t{a[at]} << 24) | (std::uint32_t{a[at + 1]} << 16) | (std::uint32_t{a[at + 2]} << 8) |
	       std::uint32_t{a[at + 3]};
}

bool startsWith(const std::array<std::uint8_t, 16> &a, std::initializer_list<std::uint8_t> prefix)
{
	return std::equal(prefix.begin(), prefix.end(), a.begin());
}

} // namespace

AddressKind classifyIpv4(std::uint32_t a)
{
	struct Range {
		std::uint32_t prefix;
		int bits;
		AddressKind kind;
	};
	static constexpr Range ranges[] = {
	    {0x00000000, 8, AddressKind::Unspecified},  // 0.0.0.0/8
	    {0x0A000000, 8, AddressKind::Private},      // 10.0.0.0/8
	    {0x64400000, 10, AddressKind::SharedCgnat}, // 100.64.0.0/10
	    {0x7F000000, 8, AddressKind::Loopback},     // 127.0.0.0/8
	    {0xA9FE0000, 16, AddressKind::LinkLocal},   // 169.254.0.0/16
	    {0xAC100000, 12, AddressKind::Private},     // 172.16.0.0/12
	    {0xC0000000, 24, AddressKind::Reserved},    // 192.0.0.0/24 IETF protocol assignments
	    {0xC0000200, 24, AddressKind::Reserved},    // 192.0.2.0/24 documentation
	    {0xC0A80000, 16, AddressKind::Private},     // 192.168.0.0/16
	    {0xC6120000, 15, AddressKind::Reserved},    // 198.18.0.0/15 benchmarking
	    {0xC6336400, 24, AddressKind::Reserved},    // 198.51.100.0/24 documentation
	    {0xCB007100, 24, AddressKind::Reserved},    // 203.0.113.0/24 documentation
	    {0xE0000000, 4, AddressKind::Multicast},    // 224.0.0.0/4
	    {0xF0000000, 4, AddressKind::Reserved},     // 240.0.0.0/4 and the broadcast address
	};
	for (const Range &range : ranges) {
		if (inRange(a, range.prefix, range.bits)) {
			return range.kind;
		}
	}
	return AddressKind::Public;
}

AddressKind classifyIpv6(const std::array<std::uint8_t, 16> &a)
{
	const bool zero80 = std::all_of(a.begin(), a.begin() + 10, [](std::uint8_t b) { return b == 0; });
	if (zero80 && a[10] == 0xff && a[11] == 0xff) {
		return classifyIpv4(ipv4At(a, 12)); // ::ffff:a.b.c.d
	}
	if (zero80 && a[10] == 0 && a[11] == 0) {
		if (ipv4At(a, 12) == 0) {
			return AddressKind::Unspecified; // ::
		}
		if (ipv4At(a, 12) == 1) {
			return AddressKind::Loopback; // ::1
		}
		return AddressKind::Reserved; // ::a.b.c.d, IPv4-compatible (deprecated)
	}
	if (startsWith(a, {0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0})) {
		return classifyIpv4(ipv4At(a, 12)); // 64:ff9b::/96 NAT64
	}
	if (startsWith(a, {0x20, 0x02})) {
		return classifyIpv4(ipv4At(a, 2)); // 2002::/16 6to4
	}
	if (a[0] == 0xff) {
		return AddressKind::Multicast; // ff00::/8
	}
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) {
		return AddressKind::LinkLocal; // fe80::/10
	}
	if ((a[0] == 0xfe && (a[1] & 0xc0) == 0xc0) || (a[0] & 0xfe) == 0xfc) {
		return AddressKind::Private; // fec0::/10 site-local (deprecated), fc00::/7 unique local
	}
	if (startsWith(a, {0x20, 0x01, 0x0d, 0xb8})) {
		return AddressKind::Reserved; // 2001:db8::/32 documentation
	}
	if ((a[0] & 0xe0) != 0x20) {
		return AddressKind::Reserved; // outside 2000::/3, the global unicast block (100::/64 discard, ...)
	}
	return AddressKind::Public;
}

AddressKind classifyAddress(std::string_view text)
{
	if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
		text = text.substr(1, text.size() - 2);
	}
	if (text.empty() || text.size() > 64) {
		return AddressKind::Invalid;
	}
	const std::string copy(text);
	in_addr v4 = {};
	if (inet_pton(AF_INET, copy.c_str(), &v4) == 1) {
		return classifyIpv4(ntohl(v4.s_addr));
	}
	in6_addr v6 = {};
	if (inet_pton(AF_INET6, copy.c_str(), &v6) == 1) {
		std::array<std::uint8_t, 16> bytes{};
		std::memcpy(bytes.data(), &v6, bytes.size());
		return classifyIpv6(bytes);
	}
	return AddressKind::Invalid;
}

const char *addressKindName(AddressKind kind)
{
	switch (kind) {
	case AddressKind::Public:
		return "public";
	case AddressKind::Unspecified:
		return "unspecified: this computer";
	case AddressKind::Loopback:
		return "loopback: this computer";
	case AddressKind::LinkLocal:
		return "link-local";
	case AddressKind::Private:
		return "private network";
	case AddressKind::SharedCgnat:
		return "carrier-grade NAT";
	case AddressKind::Multicast:
		return "multicast";
	case AddressKind::Reserved:
		return "reserved";
	case AddressKind::Invalid:
		break;
	}
	return "invalid";
}

std::string hostOfUrl(std::string_view url)
{
	const auto scheme = url.find("://");
	std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
	rest = rest.substr(0, rest.find_first_of("/?#\\"));
	if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
		rest = rest.substr(at + 1); // user:password@ never goes into a log line
	}
	if (!rest.empty() && rest.front() == '[') {
		const auto close = rest.find(']');
		rest = close == std::string_view::npos ? rest.substr(1) : rest.substr(1, close - 1);
	} else {
		rest = rest.substr(0, rest.find(':'));
	}
	std::string host(rest.substr(0, 255));
	std::transform(host.begin(), host.end(), host.begin(),
		       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
	return host;
}

} // namespace livegifts::connect
