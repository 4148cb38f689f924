#include <catch2/catch.hpp>

#include "core/engine.hpp"
#include "core/gift-catalogue.hpp"
#include "core/summary.hpp"
#include "core/tally.hpp"
#include "support.hpp"

using namespace livegifts;
using testsupport::parseFrame;

namespace {

// A TLC 2.5-style gift without giftType (the shape some connectors send for every gift).
std::string untypedGift(const std::string &msgId, const std::string &user, long long giftId, long long coins,
			long long repeatCount, bool repeatEnd, const std::string &name,
			const std::string &groupId = "77")
{
	return R"({"event":"gift","data":{"msgId":")" + msgId + R"(","uniqueId":")" + user + R"(","giftId":)" +
	       std::to_string(giftId) + R"(,"giftName":")" + name + R"(","diamondCount":)" + std::to_string(coins) +
	       R"(,"repeatCount":)" + std::to_string(repeatCount) + R"(,"repeatEnd":)" +
	       (repeatEnd ? "true" : "false") + R"(,"groupId":")" + groupId + R"("}})";
}

Event one(const std::string &frame)
{
	auto events = parseFrame(frame);
	REQUIRE(events.size() == 1);
	return events[0];
}

} // namespace

TEST_CASE("Catalogue: built in, names by id, streakable hints", "[catalogue]")
{
	GiftCatalogue catalogue;
	REQUIRE(catalogue.seed(GiftCatalogue::builtinJson()));
	REQUIRE(catalogue.find(5655) != nullptr);
	CHECK(catalogue.find(5655)->name == "Rose");
	CHECK(catalogue.find(5655)->coins == 1);
	CHECK(catalogue.streakable(6104)); // Cap
	CHECK_FALSE(catalogue.streakable(6369));
	catalogue.learn(5655, "Rosa", "https://example.invalid/rose.webp", 0);
	CHECK(catalogue.find(5655)->name == "Rose");
	CHECK(catalogue.find(5655)->imageUrl == "https://example.invalid/rose.webp");
	catalogue.learn(424242, "Sternchen", "", 0);
	catalogue.learn(424242, "Starlet", "", 1);
	CHECK(catalogue.find(424242)->name == "Sternchen");
	CHECK(catalogue.streakable(424242));
	CHECK_FALSE(catalogue.seed("not json"));
}

TEST_CASE("One gift id is one gift in per_gift, with a stable name, whatever language it arrives in", "[catalogue]")
{
	Engine engine;
	engine.submitFrame(testsupport::flatGift("a", "ann", 5655, 1, 2, 1, true));
	for (const auto &[msgId, name] :
	     {std::pair<std::string, std::string>{"b", "Rosa"}, {"c", "玫瑰"}, {"d", "Rose"}}) {
		engine.submitFrame(R"({"event":"gift","data":{"msgId":")" + msgId +
				   R"(","uniqueId":"bob","giftId":5655,"giftName":")" + name +
				   R"(","diamondCount":1,"giftType":2,"repeatCount":1}})");
	}
	// a gift the catalogue does not know keeps the first name it arrived with
	engine.submitFrame(
	    R"({"event":"gift","data":{"msgId":"e","uniqueId":"cat","giftId":424242,"giftName":"Sternchen","diamondCount":3,"giftType":2}})");
	engine.submitFrame(
	    R"({"event":"gift","data":{"msgId":"f","uniqueId":"cat","giftId":424242,"giftName":"Starlet","diamondCount":3,"giftType":2}})");
	const auto summary = makeSummary(engine);
	REQUIRE(summary["per_gift"].size() == 2);
	CHECK(summary["per_gift"]["5655"]["name"] == "Rose");
	CHECK(summary["per_gift"]["5655"]["count"] == 4);
	CHECK(summary["per_gift"]["424242"]["name"] == "Sternchen");
	CHECK(summary["per_gift"]["424242"]["coins"] == 6);
	CHECK(summary["coins"] == 10);
}

TEST_CASE("A streakable gift without giftType 1 and without its end: the quiet timeout counts its last count once",
	  "[catalogue]")
{
	TallyOptions options;
	options.streakQuietTimeoutMs = 5000;
	Tally tally(options);
	// Cap (6104) streaks, but these messages carry no giftType.
	for (int i = 1; i <= 5; ++i) {
		tally.apply(one(untypedGift("cap" + std::to_string(i), "ann", 6104, 99, i, false, "Cap")), i * 100);
	}
	CHECK(tally.totals(true).coins == 0); // in progress
	tally.tick(500 + 4999);
	CHECK(tally.totals(true).coins == 0);
	tally.tick(500 + 5000);
	CHECK(tally.totals(true).gifts == 5); // not 1+2+3+4+5
	CHECK(tally.totals(true).coins == 5 * 99);
	CHECK(tally.stats().streaksClosedByTimeout == 1);
}

TEST_CASE("A gift once seen with giftType 1 streaks when later messages omit it", "[catalogue]")
{
	Tally tally;
	tally.apply(one(testsupport::flatGift("t1", "bob", 424243, 2, 1, 1, true)), 0);
	CHECK(tally.totals(true).coins == 2);
	for (int i = 1; i <= 3; ++i) {
		tally.apply(one(untypedGift("u" + std::to_string(i), "bob", 424243, 2, i, false, "Star", "g2")),
			    10 * i);
	}
	tally.apply(one(untypedGift("u4", "bob", 424243, 2, 3, true, "Star", "g2")), 40);
	CHECK(tally.totals(true).gifts == 1 + 3);
	CHECK(tally.totals(true).coins == 2 + 6);
	// an explicit other giftType is taken at its word
	tally.apply(
	    one(R"({"event":"gift","data":{"msgId":"x","uniqueId":"bob","giftId":424243,"diamondCount":2,"giftType":2,"repeatCount":2}})"),
	    50);
	CHECK(tally.totals(true).gifts == 1 + 3 + 2);
}
