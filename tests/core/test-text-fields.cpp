// What a message's text fields become: control characters out of names, every field within its bound.
#include <catch2/catch.hpp>

#include "support.hpp"

#include "core/limits.hpp"
#include "core/normalize.hpp"
#include "core/utf8.hpp"

using namespace livegifts;

TEST_CASE("Control characters in names become spaces; joiners and direction marks stay", "[normalize]")
{
	// A NUL, a bell, a terminal escape, line breaks, DEL and a C1 control (U+0085) never reach a card, the
	// dock or an exported CSV; a ZWJ family and a right-to-left mark are part of a name.
	const std::string family = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
	const std::string rlm = "\xE2\x80\x8F";
	for (const bool fastPath : {true, false}) {
		FrameParser parser;
		parser.setFastPath(fastPath);
		INFO((fastPath ? "fast path" : "nlohmann"));
		const std::string frame =
		    R"({"event":"gift","data":{"msgId":"c1","uniqueId":"ctl","nickname":"Ev\u0000il\u001b[31mRed\u0007\r\nX\u007f\u0085)" +
		    family + rlm +
		    R"(","giftId":5655,"giftName":"Ro\tse","diamondCount":1,"giftType":1,"repeatCount":1,"repeatEnd":true,)"
		    R"("toUser":{"userId":"5","nickname":"Mei\u001b]0;x\u0007"}}})";
		std::vector<Event> events;
		const ParseResult result = parser.parse(frame, events);
		CHECK(result.frameOk);
		REQUIRE(events.size() == 1);
		CHECK(events[0].user.nickname == "Ev il [31mRed   X  " + family + rlm);
		CHECK(events[0].giftName == "Ro se");
		CHECK(events[0].recipient.nickname == "Mei ]0;x ");
		CHECK(isValidUtf8(events[0].user.nickname));
	}
}

TEST_CASE("Names, ids and picture addresses are bounded per field, whatever the frame's size", "[normalize]")
{
	// A 10 MB gift name was kept whole (in the gift catalogue, every activity entry and every vendor event).
	const std::string hugeName(10 * 1024 * 1024, 'G');
	std::string longNick;
	for (int i = 0; i < 3000; ++i) {
		longNick += "é";
	}
	const std::string longId(1000, 'u');
	const std::string longUrl = "https://p16.example/a.webp?x=" + std::string(20000, 'x');
	const std::string fineUrl = "https://p16.example/b.webp?x-expires=1&x-signature=abc";
	for (const bool fastPath : {true, false}) {
		FrameParser parser;
		parser.setFastPath(fastPath);
		INFO((fastPath ? "fast path" : "nlohmann"));
		const std::string frame = R"({"event":"gift","data":{"msgId":"big1","uniqueId":")" + longId +
					  R"(","nickname":")" + longNick + R"(","profilePictureUrl":")" + longUrl +
					  R"(","giftPictureUrl":")" + fineUrl + R"(","giftId":5655,"giftName":")" +
					  hugeName +
					  R"(","diamondCount":1,"giftType":2,"repeatCount":1,"repeatEnd":true}})";
		std::vector<Event> events;
		const ParseResult result = parser.parse(frame, events);
		CHECK(result.frameOk);
		REQUIRE(events.size() == 1);
		CHECK(events[0].giftName.size() == limits::maxNameBytes);
		CHECK(events[0].user.nickname.size() <= limits::maxNameBytes);
		CHECK(events[0].user.nickname.size() % 2 == 0); // cut between two-byte characters
		CHECK(isValidUtf8(events[0].user.nickname));
		CHECK(events[0].user.id == longId.substr(0, limits::maxIdBytes));
		CHECK(events[0].user.avatarUrl.empty());
		CHECK(events[0].giftImageUrl == fineUrl);
		CHECK(events[0].diamondCount == 1);
	}
}

TEST_CASE("A byte is named by two hexadecimal digits, upper or lower case", "[normalize]")
{
	std::string out = "x";
	appendHexByte(out, 0x00);
	appendHexByte(out, 0x0F);
	appendHexByte(out, 0xA5);
	appendHexByte(out, 0xFF, HexCase::lower);
	CHECK(out == "x000FA5ff");
}

TEST_CASE("A picture address is kept up to maxUrlBytes and dropped past it", "[normalize]")
{
	const auto avatarOf = [](const std::string &url) {
		FrameParser parser;
		std::vector<Event> events;
		parser.parse(R"({"event":"gift","data":{"msgId":"u1","uniqueId":"fan","profilePictureUrl":")" + url +
				 R"(","giftId":5655,"diamondCount":1,"giftType":1,"repeatCount":1,"repeatEnd":true}})",
			     events);
		REQUIRE(events.size() == 1);
		return events[0].user.avatarUrl;
	};
	const std::string head = "https://p16-sign-va.tiktokcdn.com/tos-maliva-avt-0068/a~c5_100x100.webp?x=";
	const std::string atCap = head + std::string(limits::maxUrlBytes - head.size(), 's');
	CHECK(avatarOf(atCap) == atCap);
	CHECK(avatarOf(atCap + "s").empty());
	static_assert(limits::maxUrlBytes >= 1024, "signed picture addresses of about 300 bytes must fit, and more");
}
