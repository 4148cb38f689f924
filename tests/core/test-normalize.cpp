#include <catch2/catch.hpp>

#include "support.hpp"

using namespace livegifts;
using testsupport::parseFrame;
using testsupport::simple;

TEST_CASE("TLC 1.x flat gift: every field we use", "[normalize]")
{
	const auto text = testsupport::readFile(testsupport::dataDir() / "fixtures/examples/gift.1.2.3.full.json");
	const auto events = parseFrame(text);
	REQUIRE(events.size() == 1);
	const Event &e = events[0];
	CHECK(e.kind == EventKind::Gift);
	CHECK(e.msgId == "7510400000000058966");
	CHECK(e.user.id == "xiaohonghua88");
	CHECK(e.user.nickname == "小红花🌸");
	CHECK(e.user.numericId == "6800000000000523652");
	CHECK(e.user.avatarUrl.rfind("https://p16-sign-va.tiktokcdn.com/", 0) == 0);
	CHECK(e.giftId == 5655);
	CHECK(e.giftName == "Rose");
	CHECK(e.diamondCount == 1);
	CHECK(e.giftType == 1);
	CHECK(e.repeatCount == 1);
	CHECK(e.repeatEnd);
	CHECK(e.groupId == "1748800801290");
	CHECK(e.createTimeMs == 1748800804136);
	CHECK(e.giftImageUrl.find("eba3a9bb85c33e017f3648eaf88d7189") != std::string::npos);
}

TEST_CASE("TLC 2.5 raw gift: displayId, urlList, gift object, 0/1 repeatEnd, strings for numbers", "[normalize]")
{
	for (const char *name : {"gift.2.5.0.full.json", "gift.2.5.0.nondefault.json"}) {
		INFO(name);
		const auto text = testsupport::readFile(testsupport::dataDir() / "fixtures/examples" / name);
		const auto events = parseFrame(text);
		REQUIRE(events.size() == 1);
		const Event &e = events[0];
		CHECK(e.kind == EventKind::Gift);
		CHECK(e.msgId == "7510400000000058966");
		CHECK(e.user.id == "xiaohonghua88");
		CHECK(e.user.nickname == "小红花🌸");
		CHECK(e.user.avatarUrl.find("tplv-tiktok-shrink:100:100") != std::string::npos);
		CHECK(e.giftId == 5655);
		CHECK(e.giftName == "Rose");
		CHECK(e.diamondCount == 1);
		CHECK(e.giftType == 1);
		CHECK(e.repeatCount == 1);
		CHECK(e.repeatEnd);
		CHECK(e.groupId == "1748800801290");
		CHECK(e.createTimeMs == 1748800804136);
		CHECK(e.giftImageUrl.rfind("https://p16-webcast.tiktokcdn.com/", 0) == 0);
	}
}

TEST_CASE("TLC 2.0-2.2 nested gift: user.profilePicture.url[], giftDetails", "[normalize]")
{
	const std::string frame =
	    R"({"event":"gift","data":{"giftId":"5879","repeatCount":"3","repeatEnd":0,"groupId":"77",)"
	    R"("common":{"msgId":"m-22","createTime":"1700000000123"},)"
	    R"("user":{"userId":"123","uniqueId":"bob_22","nickname":"Bob","profilePicture":{"url":["https://a/1.jpg","https://a/2.jpg"]}},)"
	    R"("giftDetails":{"giftName":"Doughnut","diamondCount":"30","giftType":1,"giftImage":{"giftPictureUrl":"https://g/d.png"}}}})";
	const auto events = parseFrame(frame);
	REQUIRE(events.size() == 1);
	const Event &e = events[0];
	CHECK(e.msgId == "m-22");
	CHECK(e.createTimeMs == 1700000000123);
	CHECK(e.user.id == "bob_22");
	CHECK(e.user.numericId == "123");
	CHECK(e.user.avatarUrl == "https://a/1.jpg");
	CHECK(e.giftId == 5879);
	CHECK(e.giftName == "Doughnut");
	CHECK(e.diamondCount == 30);
	CHECK(e.giftType == 1);
	CHECK(e.repeatCount == 3);
	CHECK_FALSE(e.repeatEnd);
	CHECK(e.giftImageUrl == "https://g/d.png");
}

TEST_CASE("Euler frames and bundles map like envelopes", "[normalize]")
{
	const std::string gift =
	    R"({"type":"WebcastGiftMessage","data":{"common":{"msgId":"e1"},"giftId":"5655","repeatCount":2,"repeatEnd":1,)"
	    R"("user":{"displayId":"eve","nickname":"Eve","avatarThumb":{"urlList":["https://a/e.jpg"]}},)"
	    R"("gift":{"id":"5655","name":"Rose","diamondCount":1,"type":1,"image":{"urlList":["https://g/r.png"]}}}})";
	const auto single = parseFrame(gift);
	REQUIRE(single.size() == 1);
	CHECK(single[0].kind == EventKind::Gift);
	CHECK(single[0].wireName == "WebcastGiftMessage");
	CHECK(single[0].user.id == "eve");
	CHECK(single[0].repeatCount == 2);
	CHECK(single[0].repeatEnd);

	const std::string bundle =
	    R"({"messages":[)" + gift +
	    R"(,{"type":"WebcastLikeMessage","data":{"common":{"msgId":"e2"},"count":"15","total":"1000","user":{"displayId":"eve"}}},)"
	    R"({"type":"WebcastChatMessage","data":{"common":{"msgId":"e3"},"comment":"hi","user":{"displayId":"amy"}}},)"
	    R"({"type":"WebcastRoomUserSeqMessage","data":{"common":{"msgId":"e4"},"total":"321"}},)"
	    R"({"type":"WebcastControlMessage","data":{"common":{"msgId":"e5"},"action":"3"}},)"
	    R"({"event":"follow","data":{"msgId":"e6","uniqueId":"fred"}}]})";
	ParseResult result;
	const auto events = parseFrame(bundle, &result);
	CHECK(result.frameOk);
	CHECK(result.errors.empty());
	REQUIRE(events.size() == 6);
	CHECK(events[0].kind == EventKind::Gift);
	CHECK(events[1].kind == EventKind::Like);
	CHECK(events[1].likeCount == 15);
	CHECK(events[1].totalLikeCount == 1000);
	CHECK(events[2].kind == EventKind::Chat);
	CHECK(events[2].user.id == "amy");
	CHECK(events[3].kind == EventKind::RoomUser);
	CHECK(events[3].viewerCount == 321);
	CHECK(events[4].kind == EventKind::StreamEnd); // Euler: control action 3 is the end
	CHECK(events[5].kind == EventKind::Follow);
	CHECK(events[5].msgId == "e6");
}

TEST_CASE("Every envelope event name", "[normalize]")
{
	struct Case {
		const char *frame;
		EventKind kind;
	};
	const Case cases[] = {
	    {R"({"event":"like","data":{"msgId":"1","uniqueId":"a","likeCount":5,"totalLikeCount":50}})",
	     EventKind::Like},
	    {R"({"event":"follow","data":{"msgId":"2","uniqueId":"a"}})", EventKind::Follow},
	    {R"({"event":"share","data":{"msgId":"3","uniqueId":"a"}})", EventKind::Share},
	    {R"({"event":"subscribe","data":{"msgId":"4","uniqueId":"a"}})", EventKind::Subscribe},
	    {R"({"event":"subNotify","data":{"common":{"msgId":"5"},"user":{"displayId":"a"}}})", EventKind::Subscribe},
	    {R"({"event":"member","data":{"msgId":"6","uniqueId":"a","actionId":1}})", EventKind::Member},
	    {R"({"event":"roomUser","data":{"viewerCount":"42"}})", EventKind::RoomUser},
	    {R"({"event":"chat","data":{"msgId":"8","uniqueId":"a","comment":"hello"}})", EventKind::Chat},
	    {R"({"event":"streamEnd","data":{"action":3}})", EventKind::StreamEnd},
	    {R"({"event":"controlMessage","data":{"common":{"msgId":"10"},"action":"3"}})", EventKind::Control},
	    {R"({"event":"questionNew","data":{"msgId":"11"}})", EventKind::Unknown},
	    {R"({"event":"social","data":{"msgId":"12","uniqueId":"a","displayType":"pm_main_follow_message_viewer_2"}})",
	     EventKind::Follow},
	    {R"({"event":"social","data":{"msgId":"13","uniqueId":"a","displayType":"pm_mt_guidance_share"}})",
	     EventKind::Share},
	    {R"({"event":"social","data":{"msgId":"14","uniqueId":"a","displayType":"pm_mt_something_else"}})",
	     EventKind::Social},
	    {R"({"type":"WebcastSocialMessage","data":{"common":{"msgId":"15","displayText":{"key":"pm_main_follow_message_viewer_2"}},"action":"1"}})",
	     EventKind::Follow},
	};
	for (const auto &c : cases) {
		INFO(c.frame);
		ParseResult result;
		const auto events = parseFrame(c.frame, &result);
		CHECK(result.errors.empty());
		REQUIRE(events.size() == 1);
		CHECK(events[0].kind == c.kind);
	}
	const auto roomUser = parseFrame(R"({"event":"roomUser","data":{"viewerCount":"42"}})");
	CHECK(roomUser[0].msgId.empty());
	CHECK(roomUser[0].viewerCount == 42);
	const auto unknown = parseFrame(R"({"event":"questionNew","data":{"msgId":"11"}})");
	CHECK(unknown[0].wireName == "questionNew");
}

TEST_CASE("Numbers as strings, booleans as 0/1 or text, big msgIds as numbers", "[normalize]")
{
	const auto a = parseFrame(
	    R"({"event":"gift","data":{"msgId":7510400000000058966,"uniqueId":"a","giftId":"5655","diamondCount":"1",)"
	    R"("giftType":"1","repeatCount":"12","repeatEnd":"1"}})");
	REQUIRE(a.size() == 1);
	CHECK(a[0].msgId == "7510400000000058966");
	CHECK(a[0].repeatCount == 12);
	CHECK(a[0].repeatEnd);
	const auto b = parseFrame(
	    R"({"event":"gift","data":{"msgId":"x","uniqueId":"a","giftId":5655,"diamondCount":1,"giftType":1,"repeatCount":2,"repeatEnd":"false"}})");
	REQUIRE(b.size() == 1);
	CHECK_FALSE(b[0].repeatEnd);
	const auto c = parseFrame(
	    R"({"event":"gift","data":{"msgId":"y","uniqueId":"a","giftId":5655,"diamondCount":1,"giftType":1,"repeatCount":2,"repeatEnd":true}})");
	REQUIRE(c.size() == 1);
	CHECK(c[0].repeatEnd);
}

TEST_CASE("The recorded fixtures parse without a single error", "[normalize]")
{
	for (const char *version : {"tlc-1.2.3", "tlc-2.5.0"}) {
		INFO(version);
		FrameParser parser;
		std::vector<Event> events;
		std::size_t errors = 0;
		for (const auto &line :
		     testsupport::readLines(testsupport::dataDir() / "fixtures" / version / "streak.jsonl")) {
			errors += parser.parse(line, events).errors.size();
		}
		CHECK(errors == 0);
		CHECK(events.size() == 200);
		for (const auto &e : events) {
			CHECK(e.kind == EventKind::Gift);
			CHECK_FALSE(e.msgId.empty());
			CHECK_FALSE(e.user.id.empty());
			CHECK_FALSE(e.groupId.empty());
		}
	}
}

namespace {

bool sameEvent(const Event &a, const Event &b)
{
	return a.kind == b.kind && a.wireName == b.wireName && a.msgId == b.msgId && a.createTimeMs == b.createTimeMs &&
	       a.user.id == b.user.id && a.user.numericId == b.user.numericId && a.user.nickname == b.user.nickname &&
	       a.user.avatarUrl == b.user.avatarUrl && a.giftId == b.giftId && a.giftName == b.giftName &&
	       a.giftImageUrl == b.giftImageUrl && a.diamondCount == b.diamondCount && a.giftType == b.giftType &&
	       a.repeatCount == b.repeatCount && a.repeatEnd == b.repeatEnd && a.groupId == b.groupId &&
	       a.likeCount == b.likeCount && a.totalLikeCount == b.totalLikeCount && a.viewerCount == b.viewerCount &&
	       a.action == b.action;
}

} // namespace

TEST_CASE("The fast scanner and nlohmann's parser agree on every input", "[normalize]")
{
	std::vector<std::string> inputs;
	for (const char *file :
	     {"fixtures/tlc-1.2.3/streak.jsonl", "fixtures/tlc-2.5.0/streak.jsonl", "shapes/mixed.jsonl"}) {
		for (auto &line : testsupport::readLines(testsupport::dataDir() / file)) {
			inputs.push_back(std::move(line));
		}
	}
	for (const char *file : {"gift.1.2.3.full.json", "gift.2.5.0.full.json", "gift.2.5.0.nondefault.json"}) {
		inputs.push_back(testsupport::readFile(testsupport::dataDir() / "fixtures/examples" / file));
	}
	inputs.push_back(R"({"event":"gift","data":{"msgId":"e\u0041\"\\\/\b\f\n\r\t","uniqueId":"\ud83d\ude00x",)"
			 R"("nickname":"\u00e9\u4e2d","giftId":1.0,"diamondCount":1e0,"giftType":-0,"repeatCount":2E1,)"
			 R"("repeatEnd":false,"groupId":123456789012345678901234567890}})");
	inputs.push_back(
	    R"({"event":"gift","data":{"msgId":"lone","uniqueId":"\ud83dx","giftId":1,"diamondCount":1}})");
	inputs.push_back("\xEF\xBB\xBF"
			 R"({"event":"follow","data":{"msgId":"bom","uniqueId":"a"}})");
	inputs.push_back(R"( { "event" : "like" , "data" : { "msgId" : "ws" , "likeCount" : -3 } } )");
	// numbers that overflow a double are refused wherever they are, even in ignored fields
	inputs.push_back(R"({"event":"follow","data":{"msgId":"o1","uniqueId":"a","ignored":1e999}})");
	inputs.push_back(R"({"event":"follow","data":{"msgId":"o2","uniqueId":"a","ignored":[)" +
			 std::string(400, '9') + "]}}");
	inputs.push_back(R"({"event":"follow","data":{"msgId":"o3","uniqueId":"a","ignored":-1e-999}})");
	// damaged copies: truncated, bytes flipped
	std::uint32_t seed = 7;
	auto next = [&seed] {
		seed = seed * 1664525u + 1013904223u;
		return seed >> 8;
	};
	const std::size_t originals = inputs.size();
	for (std::size_t i = 0; i < originals; i += 7) {
		const std::string base = inputs[i]; // a copy: push_back below may move the strings
		inputs.push_back(base.substr(0, next() % base.size()));
		for (int k = 0; k < 3; ++k) {
			std::string flipped = base;
			flipped[next() % flipped.size()] = static_cast<char>(next() & 0xFF);
			inputs.push_back(flipped);
		}
	}
	FrameParser fast;
	FrameParser reference;
	reference.setFastPath(false);
	std::size_t mismatches = 0;
	std::size_t accepted = 0;
	for (const auto &input : inputs) {
		std::vector<Event> a;
		std::vector<Event> b;
		const auto ra = fast.parse(input, a);
		const auto rb = reference.parse(input, b);
		bool same = ra.frameOk == rb.frameOk && ra.repairedUtf8 == rb.repairedUtf8 &&
			    ra.errors.size() == rb.errors.size() && a.size() == b.size();
		for (std::size_t k = 0; same && k < a.size(); ++k) {
			same = sameEvent(a[k], b[k]);
		}
		if (!same) {
			++mismatches;
			UNSCOPED_INFO("differs: " << input.substr(0, 200));
		}
		accepted += ra.frameOk ? 1 : 0;
	}
	CHECK(mismatches == 0);
	CHECK(accepted > originals / 2);
	CHECK(inputs.size() > 500);
}

TEST_CASE("An event carries the kind it arrived as", "[normalize]")
{
	// TLC 1.x sends one follow twice, as `social` and as `follow`, with the same msgId.
	const auto social =
	    parseFrame(simple("social", "77", "hal", R"("displayType":"pm_main_follow_message_viewer_2")"));
	const auto follow = parseFrame(simple("follow", "77", "hal"));
	REQUIRE(social.size() == 1);
	REQUIRE(follow.size() == 1);
	CHECK(social[0].kind == EventKind::Follow);
	CHECK(social[0].arrivedAs == EventKind::Social);
	CHECK(follow[0].kind == EventKind::Follow);
	CHECK(follow[0].arrivedAs == EventKind::Follow);
	const auto share = parseFrame(simple("social", "78", "hal", R"("displayType":"pm_mt_guidance_share")"));
	CHECK(share[0].kind == EventKind::Share);
	CHECK(share[0].arrivedAs == EventKind::Social);
	// TLC 2.5 names subscriptions subNotify; an Euler control message with action 3 ends the stream.
	const auto sub = parseFrame(simple("subNotify", "79", "hal"));
	CHECK(sub[0].kind == EventKind::Subscribe);
	CHECK(sub[0].arrivedAs == EventKind::Subscribe);
	const auto end = parseFrame(R"({"type":"WebcastControlMessage","data":{"action":3}})");
	CHECK(end[0].kind == EventKind::StreamEnd);
	CHECK(end[0].arrivedAs == EventKind::Control);
	const auto unknown = parseFrame(simple("questionNew", "80", "hal"));
	CHECK(unknown[0].arrivedAs == EventKind::Unknown);
}

TEST_CASE("A frame knows whether it ends the stream", "[normalize]")
{
	FrameParser parser;
	CHECK(parser.parse(R"({"event":"streamEnd","data":{"action":3}})").streamEnd());
	CHECK(parser.parse(R"({"type":"WebcastControlMessage","data":{"action":4}})").streamEnd());
	CHECK(parser
		  .parse(R"({"messages":[{"type":"WebcastLikeMessage","data":{"likeCount":1}},)"
			 R"({"type":"WebcastControlMessage","data":{"action":3}}]})")
		  .streamEnd());
	CHECK_FALSE(parser.parse(R"({"event":"controlMessage","data":{"action":3}})").streamEnd());
	CHECK_FALSE(parser.parse(simple("like", "1", "ann", R"("likeCount":1)")).streamEnd());
	const auto broken = parser.parse(R"({"event":"streamEnd")");
	CHECK_FALSE(broken.result.frameOk);
	CHECK_FALSE(broken.streamEnd());
}

TEST_CASE("Floats become integers only inside the range, checked before the cast", "[normalize]")
{
	for (const bool fast : {true, false}) {
		INFO("fast path " << fast);
		FrameParser parser;
		parser.setFastPath(fast);
		auto gift = [&](const std::string &giftId, const std::string &diamonds) {
			std::vector<Event> events;
			const auto result =
			    parser.parse(R"({"event":"gift","data":{"msgId":"m","uniqueId":"ann","giftId":)" + giftId +
					     R"(,"diamondCount":)" + diamonds + "}}",
					 events);
			return std::make_pair(result, events);
		};
		auto [ok, okEvents] = gift("5655.0", "1.5e3");
		REQUIRE(okEvents.size() == 1);
		CHECK(okEvents[0].giftId == 5655);
		CHECK(okEvents[0].diamondCount == 1500);
		// Far outside int64: refused, never cast.
		for (const char *huge : {"1e19", "-1e19", "9.3e18", "1e300", "-1.7976931348623157e308"}) {
			INFO(huge);
			auto [result, events] = gift(huge, "1");
			CHECK(events.empty());
			REQUIRE(result.errors.size() == 1);
			CHECK(result.errors[0].message ==
			      "gift: giftId " + std::string(huge) + " is out of range (1 to 9223372036854775807)");
		}
		// The edge of the range, and what is not an integer.
		auto [edge, edgeEvents] = gift("9.0e18", "1");
		REQUIRE(edgeEvents.size() == 1);
		CHECK(edgeEvents[0].giftId == 9'000'000'000'000'000'000);
		for (const char *fraction : {"1.5", "1e-400", "4e-320"}) {
			INFO(fraction);
			auto [result, events] = gift("5655", fraction);
			CHECK(events.empty());
		}
		auto [zero, zeroEvents] = gift("5655", "0.0e5");
		REQUIRE(zeroEvents.size() == 1);
		CHECK(zeroEvents[0].diamondCount == 0);
	}
}
