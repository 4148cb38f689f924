// The summary `live-gifts replay` and `listen` print: written one supporter at a time, it is the same text as
// the whole summary built and dumped at once.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "core/engine.hpp"
#include "core/summary.hpp"

using namespace livegifts;

namespace {

std::string gift(int n, const std::string &user, const std::string &nickname, int coins)
{
	return R"({"event":"gift","data":{"msgId":")" + std::to_string(n) + R"(","uniqueId":)" +
	       nlohmann::json(user).dump() + R"(,"nickname":)" + nickname + R"(,"giftId":7,"diamondCount":)" +
	       std::to_string(coins) + R"(,"giftType":2,"repeatCount":1,"repeatEnd":true}})";
}

std::string dumped(Engine &engine)
{
	return makeSummary(engine).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string written(Engine &engine, const std::function<void(nlohmann::ordered_json &)> &amend = {})
{
	std::ostringstream out;
	writeSummary(engine, out, SummaryScope::AllTime, amend);
	return out.str();
}

} // namespace

TEST_CASE("The summary written supporter by supporter is the summary dumped whole", "[engine]")
{
	Engine engine(EngineOptions{});
	SECTION("no supporters: the empty list as dump() writes it")
	{
		CHECK(written(engine) == dumped(engine));
		CHECK(written(engine).find("\"supporters\": [],") != std::string::npos);
	}
	SECTION("names that look like the list's place, with newlines, quotes, tabs and emoji")
	{
		engine.submitFrame(gift(1, "ann", R"("Ann \"supporters\": []")", 50));
		engine.submitFrame(gift(2, "bob", R"("two\nlines\tand \\ and 👩‍👩‍👧")", 30));
		engine.submitFrame(gift(3, "\n  \"supporters\": []", R"("\n  \"supporters\": []")", 20));
		engine.submitFrame(gift(4, "dee", R"("دينا")", 10));
		const std::string text = written(engine);
		CHECK(text == dumped(engine));
		const auto parsed = nlohmann::json::parse(text);
		REQUIRE(parsed["supporters"].size() == 4);
		CHECK(parsed["supporters"][0]["nickname"] == "Ann \"supporters\": []");
		CHECK(parsed["supporters"][2]["id"] == "\n  \"supporters\": []");
		CHECK(parsed["coins"] == 110);
	}
	SECTION("fields amended before writing")
	{
		engine.submitFrame(gift(1, "ann", R"("Ann")", 5));
		const std::string text = written(engine, [](nlohmann::ordered_json &summary) {
			summary["errors"] = 7;
			summary["connections"] = 2;
		});
		const auto parsed = nlohmann::json::parse(text);
		CHECK(parsed["errors"] == 7);
		CHECK(parsed["connections"] == 2);
		CHECK(parsed["supporters"].size() == 1);
		CHECK(text.back() == '\n');
	}
}

TEST_CASE("The supporters' CSV file opens in a spreadsheet with every script intact", "[engine]")
{
	Engine engine(EngineOptions{});
	engine.submitFrame(gift(1, "dee", R"("دينا 🌸")", 10));
	engine.submitFrame(gift(2, "sakura", R"("さくら, \"桜\"")", 5));
	std::ostringstream plain;
	writeSupportersCsv(engine, plain);
	std::ostringstream file;
	writeSupportersCsvFile(engine, file);
	// the byte order mark Excel needs to read UTF-8, then the same rows as the tool prints (without one)
	CHECK(file.str() == "\xEF\xBB\xBF" + plain.str());
	CHECK(plain.str().rfind("rank,id,nickname,coins,gifts\r\n", 0) == 0);
	CHECK(plain.str().find("2,sakura,\"さくら, \"\"桜\"\"\",5,1\r\n") != std::string::npos);
	CHECK(plain.str().find("1,dee,دينا 🌸,10,1\r\n") != std::string::npos);
}
