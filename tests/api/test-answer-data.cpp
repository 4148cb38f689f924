// A vendor request's answer written into OBS settings (obs/api/answer-data.*): the same settings the text path
// gave (JSON text parsed by OBS), invalid UTF-8 repaired, and a summary of 100 supporters written at a fraction of
// the text path's cost.
#include "obs/api/answer-data.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <string>

using livegifts::obs::api::writeAnswer;
using Json = nlohmann::json;

namespace {

// The settings as JSON, read back the way obs-websocket reads a response (OBS's own JSON of them).
Json readBack(obs_data_t *data)
{
	const char *text = obs_data_get_json(data);
	return Json::parse(text ? text : "null", nullptr, false);
}

Json summaryOf(int supporters)
{
	Json top = Json::array();
	for (int i = 0; i < supporters; ++i) {
		top.push_back({{"rank", i + 1},
			       {"userId", "user.number." + std::to_string(i)},
			       {"nickname", "User " + std::to_string(i)},
			       {"coins", 100000 - i},
			       {"gifts", 50 + i},
			       {"likes", 3 * i}});
	}
	const Json goal = {{"goalId", "goal-1"}, {"sourceName", "Goal"}, {"title", "Roses"}, {"kind", "coins"},
			   {"current", 1234},    {"target", 100000},     {"percent", 1.234}, {"reached", false},
			   {"timesReached", 0},  {"wholeRoom", false}};
	return {{"ok", true},
		{"scope", "stream"},
		{"streamLive", true},
		{"totals", {{"coins", 9223372036854775807LL}, {"gifts", 2}, {"viewers", 0}}},
		{"supporterCount", 30000},
		{"top", top},
		{"goals", Json::array({goal})},
		{"duplicates", 0},
		{"errors", 0}};
}

// The answer as it was written before: text, parsed by OBS, applied to the response.
void writeAsText(obs_data_t *response, const Json &answer)
{
	const std::string text = answer.dump(-1, ' ', false, Json::error_handler_t::replace);
	obs_data_t *parsed = obs_data_create_from_json(text.c_str());
	obs_data_apply(response, parsed);
	obs_data_release(parsed);
}

template <typename Write>
double microsecondsEach(Write write, int times)
{
	const auto start = std::chrono::steady_clock::now();
	for (int i = 0; i < times; ++i) {
		obs_data_t *response = obs_data_create();
		write(response);
		obs_data_release(response);
	}
	return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / times;
}

} // namespace

TEST_CASE("An answer written into the response is what its JSON text gave", "[answer-data]")
{
	const Json answer = summaryOf(100);
	obs_data_t *direct = obs_data_create();
	writeAnswer(direct, answer);
	obs_data_t *text = obs_data_create();
	writeAsText(text, answer);
	CHECK(readBack(direct) == readBack(text));
	CHECK(readBack(direct) == answer);
	CHECK(obs_data_get_int(obs_data_get_obj(direct, "totals"), "coins") == 9223372036854775807LL);
	obs_data_release(obs_data_get_obj(direct, "totals"));
	obs_data_release(direct);
	obs_data_release(text);

	// Refusals and nested empty things too.
	const Json refusal = {
	    {"ok", false}, {"error", "too-long"}, {"message", "words"}, {"none", nullptr}, {"empty", Json::array()}};
	obs_data_t *refused = obs_data_create();
	writeAnswer(refused, refusal);
	CHECK(readBack(refused) ==
	      Json{{"ok", false}, {"error", "too-long"}, {"message", "words"}, {"empty", Json::array()}});
	obs_data_release(refused);
}

TEST_CASE("Invalid UTF-8 in an answer is repaired, never handed to obs-websocket", "[answer-data]")
{
	const Json answer = {{"ok", true}, {"title", std::string("Ro\xC3\x28se")}};
	obs_data_t *out = obs_data_create();
	writeAnswer(out, answer);
	const std::string title = obs_data_get_string(out, "title");
	CHECK(title == "Ro\xEF\xBF\xBD(se");
	obs_data_release(out);
}

TEST_CASE("A summary of 100 supporters is written at a fraction of the text path's cost", "[answer-data]")
{
	const Json answer = summaryOf(100);
	// Warm, then the best of three rounds of each (the machine may be busy with other work).
	double direct = 1e9;
	double text = 1e9;
	for (int round = 0; round < 3; ++round) {
		direct = std::min(direct, microsecondsEach([&](obs_data_t *r) { writeAnswer(r, answer); }, 300));
		text = std::min(text, microsecondsEach([&](obs_data_t *r) { writeAsText(r, answer); }, 300));
	}
	INFO("direct " << direct << " us, as text " << text << " us");
	CHECK(direct * 3 < text);
}
