#include <catch2/catch.hpp>

#include <limits>

#include "view/alert-card.hpp"
#include "view/goal-bar.hpp"
#include "view/plural.hpp"
#include "view/top-supporters.hpp"

#include <fstream>
#include <map>
#include <string>

using namespace livegifts;
using namespace livegifts::view;

namespace {

// key -> value of locale/en-US.ini, read the way OBS reads it ("#" comments, key="value").
std::map<std::string, std::string> englishLocale()
{
	std::map<std::string, std::string> keys;
	std::ifstream in(std::string(LIVE_GIFTS_SOURCE_DIR) + "/locale/en-US.ini");
	std::string line;
	while (std::getline(in, line)) {
		const auto eq = line.find('=');
		if (line.empty() || line[0] == '#' || eq == std::string::npos) {
			continue;
		}
		std::string value = line.substr(eq + 1);
		if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
			value = value.substr(1, value.size() - 2);
		}
		keys[line.substr(0, eq)] = value;
	}
	return keys;
}

CardContent card(int64_t count, int64_t coins, int64_t diamonds, int64_t others)
{
	CardContent content;
	content.alertId = 1;
	content.nickname = "Ann";
	content.giftName = "Rose";
	content.count = count;
	content.coins = coins;
	content.diamonds = diamonds;
	content.coalesced = others;
	return content;
}

} // namespace

TEST_CASE("Plural rules pick each language's category for whole numbers", "[plural]")
{
	const PluralRule en = pluralRuleFor("en-US");
	CHECK(pluralCategory(en, 1) == PluralCategory::One);
	CHECK(pluralCategory(en, 0) == PluralCategory::Other);
	CHECK(pluralCategory(en, 2) == PluralCategory::Other);
	CHECK(pluralCategory(en, 21) == PluralCategory::Other);
	CHECK(pluralCategory(en, -1) == PluralCategory::One);

	const PluralRule fr = pluralRuleFor("fr_FR");
	CHECK(pluralCategory(fr, 0) == PluralCategory::One);
	CHECK(pluralCategory(fr, 1) == PluralCategory::One);
	CHECK(pluralCategory(fr, 2) == PluralCategory::Other);

	const PluralRule ru = pluralRuleFor("ru-RU");
	CHECK(pluralCategory(ru, 1) == PluralCategory::One);
	CHECK(pluralCategory(ru, 21) == PluralCategory::One);
	CHECK(pluralCategory(ru, 11) == PluralCategory::Many);
	CHECK(pluralCategory(ru, 3) == PluralCategory::Few);
	CHECK(pluralCategory(ru, 24) == PluralCategory::Few);
	CHECK(pluralCategory(ru, 14) == PluralCategory::Many);
	CHECK(pluralCategory(ru, 5) == PluralCategory::Many);
	CHECK(pluralCategory(ru, 0) == PluralCategory::Many);

	const PluralRule pl = pluralRuleFor("pl-PL");
	CHECK(pluralCategory(pl, 1) == PluralCategory::One);
	CHECK(pluralCategory(pl, 21) == PluralCategory::Many); // unlike Russian
	CHECK(pluralCategory(pl, 22) == PluralCategory::Few);
	CHECK(pluralCategory(pl, 12) == PluralCategory::Many);

	const PluralRule cs = pluralRuleFor("cs");
	CHECK(pluralCategory(cs, 1) == PluralCategory::One);
	CHECK(pluralCategory(cs, 4) == PluralCategory::Few);
	CHECK(pluralCategory(cs, 5) == PluralCategory::Other);

	const PluralRule he = pluralRuleFor("he-IL");
	CHECK(pluralCategory(he, 2) == PluralCategory::Two);
	CHECK(pluralCategory(he, 3) == PluralCategory::Other);

	const PluralRule ar = pluralRuleFor("ar-SA");
	CHECK(pluralCategory(ar, 0) == PluralCategory::Zero);
	CHECK(pluralCategory(ar, 1) == PluralCategory::One);
	CHECK(pluralCategory(ar, 2) == PluralCategory::Two);
	CHECK(pluralCategory(ar, 7) == PluralCategory::Few);
	CHECK(pluralCategory(ar, 103) == PluralCategory::Few);
	CHECK(pluralCategory(ar, 11) == PluralCategory::Many);
	CHECK(pluralCategory(ar, 100) == PluralCategory::Other);

	const PluralRule ja = pluralRuleFor("ja-JP");
	CHECK(pluralCategory(ja, 1) == PluralCategory::Other);
	CHECK(pluralRuleFor("xx-unknown") == PluralRule::OneOther);
	CHECK(pluralCategoryName(PluralCategory::Few) == "Few");
	CHECK(nounName(Noun::Subscriber) == "Subscriber");
}

TEST_CASE("English words: one coin, many coins, grouped", "[plural]")
{
	const Wording words;
	CHECK(words.counted(Noun::Coin, 1) == "1 coin");
	CHECK(words.counted(Noun::Coin, 0) == "0 coins");
	CHECK(words.counted(Noun::Coin, 2) == "2 coins");
	CHECK(words.counted(Noun::Coin, 46810) == "46,810 coins");
	CHECK(words.counted(Noun::Gift, 1) == "1 gift");
	CHECK(words.counted(Noun::Like, 1) == "1 like");
	CHECK(words.counted(Noun::Like, 1000000) == "1,000,000 likes");
	CHECK(words.counted(Noun::Subscriber, 1) == "1 subscriber");
	CHECK(words.number(46810) == "46,810");
}

TEST_CASE("The locale file holds the English words and rule, read through the key scheme", "[plural]")
{
	const auto keys = englishLocale();
	REQUIRE(keys.count("LiveGifts.PluralRule") == 1);
	for (std::size_t noun = 0; noun < kNounCount; ++noun) {
		const std::string base = "LiveGifts.Noun." + std::string(nounName(static_cast<Noun>(noun)));
		CHECK(keys.count(base + ".One") == 1);
		CHECK(keys.count(base + ".Other") == 1);
	}
	const Wording fromFile = Wording::fromLocale([&](const std::string &key) -> const char * {
		const auto found = keys.find(key);
		return found == keys.end() ? nullptr : found->second.c_str();
	});
	CHECK(fromFile == Wording{});
	// The defaults the sources start with count with their noun.
	CHECK(keys.at("LiveGifts.Alerts.DefaultLine3") == "{coins_text}");
	CHECK(keys.at("LiveGifts.Top.DefaultCoins") == "{amount_text}"); // the amount ranked by (coins by default)
}

TEST_CASE("A locale with more forms: its rule picks among them, missing ones fall back to Other", "[plural]")
{
	const std::map<std::string, std::string> polish = {
	    {"LiveGifts.PluralRule", "pl"},
	    {"LiveGifts.Number.GroupSeparator", "\u00a0"},
	    {"LiveGifts.Noun.Coin.One", "{n} moneta"},
	    {"LiveGifts.Noun.Coin.Few", "{n} monety"},
	    {"LiveGifts.Noun.Coin.Many", "{n} monet"},
	    {"LiveGifts.Noun.Coin.Other", "{n} monety"},
	    {"LiveGifts.Noun.Like.Other", "polubienia: {n}"},
	};
	const Wording words = Wording::fromLocale([&](const std::string &key) -> const char * {
		const auto found = polish.find(key);
		return found == polish.end() ? nullptr : found->second.c_str();
	});
	CHECK(words.rule() == PluralRule::OneFewManyPolish);
	CHECK(words.counted(Noun::Coin, 1) == "1 moneta");
	CHECK(words.counted(Noun::Coin, 3) == "3 monety");
	CHECK(words.counted(Noun::Coin, 5) == "5 monet");
	CHECK(words.counted(Noun::Coin, 22) == "22 monety");
	CHECK(words.counted(Noun::Coin, 46810) == "46\u00a0810 monet");
	// the number goes where the form says; a category the locale lacks uses its Other
	CHECK(words.counted(Noun::Like, 5) == "polubienia: 5");
	CHECK(words.counted(Noun::Like, 1) == "1 like"); // One not translated: English's One stays
}

TEST_CASE("Templates of the three sources count with their noun", "[plural]")
{
	const Wording words;
	TemplateOptions plain;
	plain.isolateBidi = false;
	const TemplateVars one = varsOf(card(1, 1, 1, 1), words);
	CHECK(renderTemplate("{coins_text} · {count_text} · {diamonds_text} · +{others_text}", one, plain) ==
	      "1 coin · 1 gift · 1 diamond · +1 gift");
	const TemplateVars many = varsOf(card(12, 46810, 2, 0), words);
	CHECK(renderTemplate("{coins_text} · {count_text} · {coins}", many, plain) ==
	      "46,810 coins · 12 gifts · 46,810");

	AlertStyle alert;
	alert.line1 = "{nickname}";
	alert.line3 = "{coins_text}";
	const auto items = textItems(alert, layOut(alert), card(1, 1, 1, 0));
	CHECK(items[2].text == "\u20681 coin\u2069");

	TopStyle top;
	top.coinsFormat = "{coins_text}";
	RowContent row;
	row.rank = 1;
	row.nickname = "Ann";
	row.coins = 1;
	CHECK(rowTexts(top, layOut(top), row)[2].text == "1 coin");
	row.coins = 46810;
	CHECK(rowTexts(top, layOut(top), row)[2].text == "46,810 coins");

	GoalBarStyle goal;
	goal.valueFormat = "{current_text} / {target_text}";
	goal.unit = nounOf(GoalKind::Likes);
	GoalValues values;
	values.current = 1;
	values.target = 1;
	CHECK(valueText(goal, values) == "\u20681 like\u2069 / \u20681 like\u2069");
	goal.unit = nounOf(GoalKind::GiftCount);
	values.current = 0;
	values.target = 46810;
	CHECK(valueText(goal, values) == "\u20680 gifts\u2069 / \u206846,810 gifts\u2069");
	CHECK(nounOf(GoalKind::Coins) == Noun::Coin);
	CHECK(nounOf(GoalKind::Subscribers) == Noun::Subscriber);
	// a bar far past its target groups its percent too
	values.current = 19960;
	values.target = 1000;
	CHECK(percentText(values, words) == "1,996%");
}

TEST_CASE("Every source's texts carry the style's outline and plate", "[plural]")
{
	TextEffects effects;
	effects.outlineWidth = 3;
	effects.plate = true;
	AlertStyle alert;
	alert.effects = effects;
	for (const TextItem &item : textItems(alert, layOut(alert), card(1, 1, 1, 0))) {
		CHECK(item.effects == effects);
	}
	CHECK(comboItem(alert, layOut(alert), card(1, 1, 1, 0)).effects == effects);
	TopStyle top;
	top.title = "Top";
	top.effects = effects;
	RowContent row;
	for (const TextItem &item : rowTexts(top, layOut(top), row)) {
		CHECK(item.effects == effects);
	}
	CHECK(titleItem(top, layOut(top)).effects == effects);
	GoalBarStyle goal;
	goal.effects = effects;
	for (const TextItem &item : layOut(goal, GoalValues{}).texts) {
		CHECK(item.effects == effects);
	}
	CHECK(TextItem{}.effects.outlineWidth == 0); // no outline unless a style asks
}

TEST_CASE("Compact numbers: a few characters, cut rather than rounded, in the locale's decimal mark", "[plural]")
{
	const Wording words;
	CHECK(words.compact(0) == "0");
	CHECK(words.compact(999) == "999");
	CHECK(words.compact(1000) == "1K");
	CHECK(words.compact(1099) == "1K");
	CHECK(words.compact(1100) == "1.1K");
	CHECK(words.compact(19990) == "19.9K"); // not the 20K of a goal it has not reached
	CHECK(words.compact(26641) == "26.6K");
	CHECK(words.compact(100000) == "100K");
	CHECK(words.compact(999999) == "999K");
	CHECK(words.compact(1000000) == "1M");
	CHECK(words.compact(1900026641) == "1.9B");
	CHECK(words.compact(2000000000) == "2B");
	CHECK(words.compact(5000000000000LL) == "5T");
	CHECK(words.compact(-1500) == "-1.5K");
	CHECK(words.compact(std::numeric_limits<long long>::min()) == "-9223372T");
	CHECK(words.counted(Noun::Coin, 2999999970, true) == "2.9B coins");
	CHECK(words.counted(Noun::Coin, 1, true) == "1 coin");
	const std::map<std::string, std::string> german = {{"LiveGifts.Number.GroupSeparator", "."}};
	const Wording grouped = Wording::fromLocale([&](const std::string &key) -> const char * {
		const auto found = german.find(key);
		return found == german.end() ? nullptr : found->second.c_str();
	});
	REQUIRE(grouped.number(46810) == "46.810");
	CHECK(grouped.compact(1900026641) == "1,9B");
}
