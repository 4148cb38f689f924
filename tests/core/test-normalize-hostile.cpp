// The frame parser against hostile input: malformed frames, wrong types, repeated keys, invalid UTF-8, lone
// surrogates, 10 MB frames and deep nesting. Each gets a clear error or a repair; nothing throws, nothing
// else in the frame is lost.

#include <catch2/catch.hpp>

#include "support.hpp"

#include "core/limits.hpp"

using namespace livegifts;
using testsupport::parseFrame;
using testsupport::simple;

TEST_CASE("Malformed frames: a clear error, never a throw", "[normalize]")
{
	const char *bad[] = {
	    R"({"event":"gift","data":{)",
	    "",
	    "   ",
	    "[1,2,3]",
	    "42",
	    R"("just a string")",
	    R"({"event":"gift","data":{"x":1}} trailing)",
	    R"({"event":"gift" "data":{}})",
	    "\x01\x02\x03",
	};
	for (const char *frame : bad) {
		INFO(frame);
		ParseResult result;
		const auto events = parseFrame(frame, &result);
		CHECK_FALSE(result.frameOk);
		CHECK_FALSE(result.errors.empty());
		CHECK(events.empty());
	}
	ParseResult result;
	parseFrame(R"({"event":"gift","data":{)", &result);
	CHECK(result.errors[0].message.find("parse") != std::string::npos);

	// Seen: broken bytes before the object were reported as an "invalid BOM" (nlohmann reads a leading 0xEF,
	// here of the U+FFFD that replaced them, as the start of a byte-order mark).
	const std::string gift = R"({"event":"follow","data":{"msgId":"x","uniqueId":"a"}})";
	struct Start {
		std::string frame;
		const char *bytes;
	};
	const Start starts[] = {
	    {"\xff\xfe" + gift, "FF FE 7B 22"}, {"\xEF\xBF\xBD" + gift, "EF BF BD 7B"}, {"\xEF" + gift, "EF 7B 22 65"}};
	for (const Start &start : starts) {
		INFO(start.bytes);
		ParseResult parsed;
		CHECK(parseFrame(start.frame, &parsed).empty());
		CHECK_FALSE(parsed.frameOk);
		REQUIRE_FALSE(parsed.errors.empty());
		const std::string &message = parsed.errors.back().message;
		CHECK(message.find("BOM") == std::string::npos);
		CHECK(message.find(std::string("begins with bytes ") + start.bytes + ", not with a JSON value") !=
		      std::string::npos);
	}
	ParseResult withBom;
	CHECK(parseFrame("\xEF\xBB\xBF" + gift, &withBom).size() == 1); // a real byte-order mark is read past
	CHECK(withBom.errors.empty());
}

TEST_CASE("Wrong types are rejected per message with a reason", "[normalize]")
{
	struct Case {
		const char *frame;
		const char *reason;
	};
	const Case cases[] = {
	    {R"({"event":"gift","data":{"msgId":"1","uniqueId":"a","giftId":{},"diamondCount":1}})", "giftId"},
	    {R"({"event":"gift","data":{"msgId":"1","uniqueId":"a","giftId":"rose","diamondCount":1}})", "giftId"},
	    {R"({"event":"gift","data":{"msgId":"1","uniqueId":"a","giftId":5655}})", "diamondCount"},
	    {R"({"event":"gift","data":{"msgId":"1","uniqueId":"a","giftId":5655,"diamondCount":1,"repeatCount":"abc"}})",
	     "repeatCount"},
	    {R"({"event":"gift","data":{"msgId":"1","uniqueId":"a","giftId":5655,"diamondCount":1,"repeatCount":-4}})",
	     "repeatCount"},
	    {R"({"event":"gift","data":{"msgId":"1","uniqueId":"a","giftId":5655,"diamondCount":1,"repeatEnd":"maybe"}})",
	     "repeatEnd"},
	    {R"({"event":"gift","data":{"msgId":"1","giftId":5655,"diamondCount":1}})", "sender"},
	    {R"({"event":"gift","data":{"msgId":[1],"uniqueId":"a","giftId":5655,"diamondCount":1}})", "msgId"},
	    {R"({"event":"like","data":{"msgId":"1","uniqueId":"a","likeCount":"many"}})", "likeCount"},
	    {R"({"event":"roomUser","data":{"viewerCount":null}})", "viewerCount"},
	    {R"({"data":{"msgId":"1"}})", "name"},
	};
	for (const auto &c : cases) {
		INFO(c.frame);
		ParseResult result;
		const auto events = parseFrame(c.frame, &result);
		CHECK(result.frameOk); // the JSON itself is fine
		REQUIRE(result.errors.size() == 1);
		CHECK(result.errors[0].message.find(c.reason) != std::string::npos);
		CHECK(events.empty());
	}
}

TEST_CASE("A bad message in a bundle does not lose the others", "[normalize]")
{
	ParseResult result;
	const auto events =
	    parseFrame(R"({"messages":[{"event":"follow","data":{"msgId":"a","uniqueId":"x"}},7,)"
		       R"({"event":"gift","data":{"msgId":"b","uniqueId":"x","giftId":"oops","diamondCount":1}},)"
		       R"({"event":"share","data":{"msgId":"c","uniqueId":"y"}}]})",
		       &result);
	CHECK(result.frameOk);
	CHECK(result.errors.size() == 2);
	REQUIRE(events.size() == 2);
	CHECK(events[0].kind == EventKind::Follow);
	CHECK(events[1].kind == EventKind::Share);
}

TEST_CASE("A key repeated in one object skips its message with a clear error, on both parser paths", "[normalize]")
{
	// Seen: {"repeatCount":1,"repeatCount":1000000} counted one Galaxy (the first value), where JSON.parse (a
	// relay's or an overlay's) reads a million. Which value is meant cannot be known.
	struct Case {
		const char *frame;
		const char *key;
	};
	const Case cases[] = {
	    {R"({"event":"gift","data":{"msgId":"1","uniqueId":"a","giftId":5558,"diamondCount":1000,)"
	     R"("repeatCount":1,"repeatCount":1000000}})",
	     "repeatCount"},
	    {R"({"event":"gift","data":{"msgId":"2","uniqueId":"a","giftId":5558,"giftId":6369,"diamondCount":1}})",
	     "giftId"},
	    {R"({"event":"gift","event":"chat","data":{"msgId":"3","uniqueId":"a","giftId":1,"diamondCount":1}})",
	     "event"},
	    {R"({"event":"gift","data":{"msgId":"4","msgId":"4","uniqueId":"a","giftId":1,"diamondCount":1}})",
	     "msgId"},
	    {R"({"event":"gift","data":{"msgId":"5","user":{"uniqueId":"a","uniqueId":"b"},"giftId":1,"diamondCount":1}})",
	     "uniqueId"},
	    {R"({"event":"gift","data":{"msgId":"6","uniqueId":"a","giftId":1,"diamondCount":1},"data":{"msgId":"7"}})",
	     "data"},
	};
	for (bool fastPath : {true, false}) {
		FrameParser parser;
		parser.setFastPath(fastPath);
		for (const auto &c : cases) {
			INFO(c.frame << (fastPath ? " (fast path)" : " (nlohmann)"));
			std::vector<Event> events;
			const ParseResult result = parser.parse(c.frame, events);
			CHECK(result.frameOk); // the JSON is well-formed
			CHECK(events.empty());
			REQUIRE(result.errors.size() == 1);
			CHECK(result.errors[0].message.find("key '" + std::string(c.key) + "' appears twice") !=
			      std::string::npos);
		}
		// The same key in different objects, and keys nobody reads, are fine; so is the next message of a
		// bundle.
		std::vector<Event> events;
		const ParseResult result = parser.parse(
		    R"({"messages":[{"event":"gift","data":{"msgId":"8","uniqueId":"a","giftId":1,"diamondCount":1,)"
		    R"("repeatCount":2,"repeatCount":3}},{"event":"gift","data":{"msgId":"9","uniqueId":"a","extra":1,)"
		    R"("extra":2,"user":{"uniqueId":"a"},"giftId":1,"diamondCount":5,"repeatCount":2}}]})",
		    events);
		CHECK(result.frameOk);
		CHECK(result.errors.size() == 1);
		REQUIRE(events.size() == 1);
		CHECK(events[0].msgId == "9");
		CHECK(events[0].repeatCount == 2);
	}
}

TEST_CASE("Invalid UTF-8 is replaced, the message is kept", "[normalize]")
{
	const std::string frame =
	    std::string(R"({"event":"gift","data":{"msgId":"u1","uniqueId":"bad_utf8","nickname":"A)") + "\xff\xfe" +
	    "B\xc3" + R"(","giftId":5655,"diamondCount":1,"giftType":2}})";
	ParseResult result;
	const auto events = parseFrame(frame, &result);
	CHECK(result.repairedUtf8);
	CHECK(result.frameOk);
	REQUIRE(events.size() == 1);
	CHECK(events[0].user.nickname == "A\xEF\xBF\xBD\xEF\xBF\xBD"
					 "B\xEF\xBF\xBD");
	CHECK(isValidUtf8(events[0].user.nickname));
	CHECK_FALSE(isValidUtf8("\xed\xa0\x80")); // a UTF-16 surrogate
	CHECK_FALSE(isValidUtf8("\xc0\xaf"));     // overlong
	CHECK(isValidUtf8("Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐ 👨‍👩‍👧‍👦"));
}

TEST_CASE("A lone UTF-16 surrogate escape is replaced like invalid UTF-8, the message is kept", "[normalize]")
{
	const std::string fffd = "\xEF\xBF\xBD";
	// The nickname's JSON text -> what the event holds.
	const std::vector<std::pair<std::string, std::string>> cases = {
	    {R"(Sara \ud83d)", "Sara " + fffd},                   // a high one at the end (JavaScript's cut emoji)
	    {R"(\uDC00x)", fffd + "x"},                           // a low one alone, upper case
	    {R"(\ud83d\u0041)", fffd + "A"},                      // a high one followed by another escape
	    {R"(\ud83d\ud83d\ude00)", fffd + "\xF0\x9F\x98\x80"}, // a lone high one, then a pair
	    {R"(\ude00\ud83d)", fffd + fffd},                     // a low one before a high one: two lone ones
	};
	for (const bool fastPath : {true, false}) {
		FrameParser parser;
		parser.setFastPath(fastPath);
		for (const auto &[text, nickname] : cases) {
			INFO(text << (fastPath ? " (fast path)" : " (nlohmann)"));
			const std::string frame =
			    R"({"event":"gift","data":{"msgId":"s1","uniqueId":"sara","nickname":")" + text +
			    R"(","giftId":5655,"diamondCount":100,"giftType":2}})";
			std::vector<Event> events;
			const ParseResult result = parser.parse(frame, events);
			CHECK(result.frameOk);
			CHECK(result.repairedUtf8);
			CHECK(result.errors.empty());
			REQUIRE(events.size() == 1);
			CHECK(events[0].user.nickname == nickname);
			CHECK(events[0].diamondCount == 100);
		}
		// A pair and an escaped backslash before "ud83d" are no lone surrogates: nothing to repair.
		std::vector<Event> events;
		const ParseResult result = parser.parse(
		    R"({"event":"gift","data":{"msgId":"s2","uniqueId":"a\\ud83d","nickname":"\ud83d\ude00","giftId":1,"diamondCount":1}})",
		    events);
		CHECK(result.frameOk);
		CHECK_FALSE(result.repairedUtf8);
		REQUIRE(events.size() == 1);
		CHECK(events[0].user.id == "a\\ud83d");
		CHECK(events[0].user.nickname == "\xF0\x9F\x98\x80");
	}
	CHECK(hasLoneSurrogateEscape(R"("\uD83D")"));
	CHECK_FALSE(hasLoneSurrogateEscape(R"("\\uD83D \uD83D\uDE00 \u0041")"));
	CHECK(repairJsonText(R"({"a":"\ud83d\\ud83d","b":"\udfff"})") == R"({"a":"\ufffd\\ud83d","b":"\ufffd"})");
	CHECK(repairJsonText("\"\xff\\ud800\"") == "\"" + fffd + "\\ufffd\"");
}

TEST_CASE("10 MB frames: ignored bulk is skipped, oversize is refused", "[normalize]")
{
	std::string big = R"({"event":"gift","data":{"padding":")" + std::string(10 * 1024 * 1024, 'x') +
			  R"(","nested":[)" + std::string(100, '[') + std::string(100, ']') + // within maxJsonDepth
			  R"(],"msgId":"big","uniqueId":"whale","giftId":6369,"diamondCount":29999,"giftType":2}})";
	ParseResult result;
	auto events = parseFrame(big, &result);
	CHECK(result.errors.empty());
	REQUIRE(events.size() == 1);
	CHECK(events[0].diamondCount == 29999);

	FrameParser small(1024);
	std::vector<Event> out;
	const auto refused = small.parse(big, out);
	CHECK_FALSE(refused.frameOk);
	CHECK(refused.errors[0].message.find("too large") != std::string::npos);
	CHECK(out.empty());

	// a 10 MB nickname is read, and cut to the names' bound
	std::string nick = R"({"event":"gift","data":{"msgId":"n","uniqueId":"long","nickname":")" +
			   std::string(10 * 1024 * 1024, 'n') + R"(","giftId":1,"diamondCount":1,"giftType":2}})";
	events = parseFrame(nick, &result);
	REQUIRE(events.size() == 1);
	CHECK(events[0].user.nickname.size() == limits::maxNameBytes);
}

TEST_CASE("Deep nesting does not overflow the stack", "[normalize]")
{
	const std::string deep = std::string(200000, '[') + std::string(200000, ']');
	ParseResult result;
	const auto events = parseFrame(deep, &result);
	CHECK(events.empty());
	CHECK_FALSE(result.frameOk);
	// Deep nesting in a part nobody reads is past limits::maxJsonDepth all the same (test-hostile.cpp).
	const std::string deepInData = R"({"event":"follow","data":{"msgId":"d","uniqueId":"a","x":)" +
				       std::string(100000, '[') + std::string(100000, ']') + "}}";
	CHECK(parseFrame(deepInData, &result).empty());
	CHECK_FALSE(result.frameOk);
	const std::string deepButLegal = R"({"event":"follow","data":{"msgId":"d","uniqueId":"a","x":)" +
					 std::string(100, '[') + std::string(100, ']') + "}}";
	const auto ok = parseFrame(deepButLegal, &result);
	REQUIRE(ok.size() == 1);
	CHECK(ok[0].kind == EventKind::Follow);
}

TEST_CASE("A nickname that shows nothing is no nickname: the handle is shown", "[normalize]")
{
	for (const std::string blank : {"   ", "\u3164", "\u3164\u3164 ", "\u200b\u200d\u2060", "\u00a0\u3000\u202f",
					R"(\t\n)", "\u200f\u200e", "\ufe0f"}) {
		const std::string frame =
		    R"({"event":"gift","data":{"msgId":"b1","uniqueId":"hidden.fan","nickname":")" + blank +
		    R"(","giftId":5655,"diamondCount":1,"giftType":2}})";
		const auto events = parseFrame(frame);
		REQUIRE(events.size() == 1);
		CAPTURE(blank);
		CHECK(events[0].user.nickname.empty());
		CHECK(events[0].user.id == "hidden.fan");
	}
	// Anything that shows stays, spaces around it included.
	for (const std::string shown : {" a ", "\u3164x", "ـ", "\u200d👍", "😶‍🌫️", "."}) {
		const std::string frame = R"({"event":"gift","data":{"msgId":"b2","uniqueId":"fan","nickname":")" +
					  shown + R"(","giftId":5655,"diamondCount":1,"giftType":2}})";
		const auto events = parseFrame(frame);
		REQUIRE(events.size() == 1);
		CHECK(events[0].user.nickname == shown);
	}
	CHECK(blankDisplayText(""));
	CHECK_FALSE(blankDisplayText("\xe3\x85")); // cut short: not judged blank
}
