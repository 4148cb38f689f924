#pragma once

// Which network addresses the image fetcher may connect to. Addresses of pictures come from the stream
// (anyone in a LIVE's chat sets their avatar URL): a URL, a redirect or a DNS answer that leads to this
// computer or the streamer's home network (a router's admin page, a local service) is refused. Pure
// functions, no sockets.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace livegifts::connect {

enum class AddressKind {
	Public,      // a global unicast address: fetched
	Unspecified, // 0.0.0.0/8, :: (Linux connects 0.0.0.0 to this computer)
	Loopback,    // 127.0.0.0/8, ::1
	LinkLocal,   // 169.254.0.0/16, fe80::/10
	Private,     // 10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10
	SharedCgnat, // 100.64.0.0/10 (carrier-grade NAT: the ISP's network)
	Multicast,   // 224.0.0.0/4, ff00::/8
	Reserved,    // documentation, benchmarking, 240/4, broadcast, IETF protocol assignments, ::/96, 100::/64
	Invalid,     // not a numeric address
};

// An IPv4 address as a number (192.168.0.1 is 0xC0A80001).
AddressKind classifyIpv4(std::uint32_t address);
// An IPv6 address in network byte order. IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::/96) and 6to4
// (2002::/16) addresses are what their IPv4 address is.
AddressKind classifyIpv6(const std::array<std::uint8_t, 16> &address);
// Numeric text: "10.0.0.1", "::1", "[fe80::1]", "::ffff:127.0.0.1". Invalid for anything else (names).
AddressKind classifyAddress(std::string_view text);

// Short words for a log line: "loopback", "private", ...
const char *addressKindName(AddressKind kind);

// The host of an http(s) URL, lower case, without user name, password, port or IPv6 brackets: what a log
// line may name ("" when there is none). Never returns the user info (it may hold a password).
std::string hostOfUrl(std::string_view url);

} // namespace livegifts::connect
