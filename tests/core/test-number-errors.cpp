// What an error says about a number field it refuses: out of its range (and which range), not a whole number,
// or not a number at all.
#include <catch2/catch.hpp>

#include "support.hpp"

#include "core/limits.hpp"
#include "core/normalize.hpp"

#include <string>
#include <utility>
#include <vector>

using namespace livegifts;

namespace {

// The one error of a gift frame whose `field` holds `value` (the other fields fine); empty when none.
std::string giftError(bool fastPath, const std::string &field, const std::string &value)
{
	std::string data = R"({"msgId":"n1","uniqueId":"ann","giftId":5655,"diamondCount":1,"repeatCount":1,)"
			   R"("giftType":1)";
	const std::string key = "\"" + field + "\":";
	const std::size_t at = data.find(key);
	if (at == std::string::npos) {
		data += "," + key + value;
	} else {
		const std::size_t end = data.find_first_of(",}", at);
		data.replace(at + key.size(), (end == std::string::npos ? data.size() : end) - at - key.size(), value);
	}
	FrameParser parser;
	parser.setFastPath(fastPath);
	std::vector<Event> events;
	const ParseResult result = parser.parse(R"({"event":"gift","data":)" + data + "}}", events);
	return result.errors.empty() ? std::string() : result.errors[0].message;
}

} // namespace

TEST_CASE("A number out of a field's range says so, with the range; a fraction is not a whole number", "[normalize]")
{
	for (const bool fast : {true, false}) {
		INFO("fast path " << fast);
		const std::string dc = "gift 5655: diamondCount ";
		const std::string dcRange = " is out of range (0 to 1000000000)";
		const std::vector<std::pair<std::string, std::string>> diamonds = {
		    {"2000000000", dc + "2000000000" + dcRange},
		    {"-5", dc + "-5" + dcRange},
		    {"1e308", dc + "1e308" + dcRange},
		    {"9223372036854775807", dc + "9223372036854775807" + dcRange},
		    {"18446744073709551615", dc + "18446744073709551615" + dcRange},
		    {"\"-7\"", dc + "-7" + dcRange},
		    {"1.5", dc + "1.5 is not a whole number"},
		    {"\"abc\"", "gift 5655: diamondCount is \"abc\" (not a number)"}};
		for (const auto &[value, message] : diamonds) {
			CHECK(giftError(fast, "diamondCount", value) == message);
		}
		CHECK(giftError(fast, "repeatCount", "0") ==
		      "gift 5655: repeatCount 0 is out of range (1 to 1000000000)");
		CHECK(giftError(fast, "repeatCount", "2147483648000") ==
		      "gift 5655: repeatCount 2147483648000 is out of range (1 to 1000000000)");
		CHECK(giftError(fast, "giftType", "1001") == "gift 5655: giftType 1001 is out of range (0 to 1000)");
		CHECK(giftError(fast, "giftId", "-1") == "gift: giftId -1 is out of range (1 to 9223372036854775807)");
		CHECK(giftError(fast, "diamondCount", "1000000000").empty());
	}
}

TEST_CASE("Likes and viewers below zero are out of range, with the range", "[normalize]")
{
	FrameParser parser;
	std::vector<Event> events;
	auto likes = parser.parse(R"({"event":"like","data":{"msgId":"l1","uniqueId":"ann","likeCount":-3}})", events);
	REQUIRE(likes.errors.size() == 1);
	CHECK(likes.errors[0].message == "like: likeCount -3 is out of range (0 to 9223372036854775807)");
	auto viewers = parser.parse(R"({"event":"roomUser","data":{"msgId":"v1","viewerCount":-1}})", events);
	REQUIRE(viewers.errors.size() == 1);
	CHECK(viewers.errors[0].message == "roomUser: viewerCount -1 is out of range (0 to 9223372036854775807)");
}
