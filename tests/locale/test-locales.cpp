#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <regex>

#include "locale-check.hpp"
#include "view/plural.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace locale_check;
using livegifts::view::Noun;
using livegifts::view::pluralRuleFor;
using livegifts::view::Wording;

namespace {

// At most this share of a translation's keys may keep the English text (names and words like "Neon" aside).
constexpr double kMaxIdenticalShare = 0.08;

const std::filesystem::path &localeDir()
{
	static const std::filesystem::path dir = std::filesystem::path(LIVE_GIFTS_SOURCE_DIR) / "locale";
	return dir;
}

std::string readText(const std::filesystem::path &path)
{
	std::ifstream in(path, std::ios::binary);
	std::ostringstream text;
	text << in.rdbuf();
	return text.str();
}

std::string joinProblems(const std::vector<std::string> &problems)
{
	std::string out;
	for (const auto &problem : problems) {
		out += "  " + problem + "\n";
	}
	return out;
}

// The English file with one line changed by `edit` (the line holding `key`).
std::string editedEnglish(const std::string &key, const std::function<std::string(const std::string &)> &edit)
{
	std::istringstream in(readText(localeDir() / "en-US.ini"));
	std::string out;
	std::string line;
	bool found = false;
	while (std::getline(in, line)) {
		if (line.rfind(key + "=", 0) == 0) {
			line = edit(line);
			found = true;
		}
		out += line.empty() ? "" : line + "\n";
	}
	REQUIRE(found);
	return out;
}

// A translation made from English whose every value gets a mark, so it does not count as English left over.
std::string markedEnglish(const std::string &english)
{
	std::istringstream in(english);
	std::string out;
	std::string line;
	while (std::getline(in, line)) {
		const auto quote = line.find("=\"");
		if (quote != std::string::npos && line[0] != '#') {
			line.insert(quote + 2, "\xC3\xA9 ");
		}
		out += line + "\n";
	}
	return out;
}

Report checkAgainstEnglish(const std::string &translation)
{
	return checkTranslation(parseLocale(readText(localeDir() / "en-US.ini")), parseLocale(translation),
				kMaxIdenticalShare);
}

} // namespace

TEST_CASE("en-US.ini reads cleanly", "[locales]")
{
	const LocaleFile english = parseLocale(readText(localeDir() / "en-US.ini"));
	INFO(joinProblems(english.problems));
	CHECK(english.problems.empty());
	CHECK(english.entries.size() > 300);
}

TEST_CASE("every locale has every English key, no other key, and the same placeholders", "[locales]")
{
	const std::set<std::string> expected = {"ar-SA.ini", "de-DE.ini", "en-US.ini", "es-ES.ini",
						"fr-FR.ini", "id-ID.ini", "ja-JP.ini", "ko-KR.ini",
						"pt-BR.ini", "tr-TR.ini", "vi-VN.ini", "zh-CN.ini"};
	std::set<std::string> present;
	for (const auto &item : std::filesystem::directory_iterator(localeDir())) {
		present.insert(item.path().filename().string());
	}
	CHECK(present == expected);

	const LocaleFile english = parseLocale(readText(localeDir() / "en-US.ini"));
	for (const auto &name : present) {
		if (name == "en-US.ini") {
			continue;
		}
		const Report report =
		    checkTranslation(english, parseLocale(readText(localeDir() / name)), kMaxIdenticalShare);
		INFO(name << ": " << report.identical << " of " << report.translated << " values as in English\n"
			  << joinProblems(report.problems));
		CHECK(report.problems.empty());
	}
}

TEST_CASE("every locale counts coins in its own words and plural rule", "[locales]")
{
	const LocaleFile english = parseLocale(readText(localeDir() / "en-US.ini"));
	for (const auto &item : std::filesystem::directory_iterator(localeDir())) {
		const std::string name = item.path().stem().string();
		const LocaleFile file = parseLocale(readText(item.path()));
		// As OBS looks up a key: the locale in use, then the default locale.
		const Wording words = Wording::fromLocale([&](const std::string &key) -> const char * {
			if (const auto found = file.entries.find(key); found != file.entries.end()) {
				return found->second.value.c_str();
			}
			const auto fallback = english.entries.find(key);
			return fallback != english.entries.end() ? fallback->second.value.c_str() : nullptr;
		});
		INFO(name);
		CHECK(words.rule() == pluralRuleFor(name));
		for (const long long n : {0LL, 1LL, 2LL, 3LL, 11LL, 100LL, 46810LL}) {
			const std::string text = words.counted(Noun::Coin, n);
			INFO(text);
			CHECK(text.find(words.number(n)) != std::string::npos);
			CHECK(text.find("{n}") == std::string::npos);
			if (name != "en-US") {
				CHECK(text != livegifts::view::Wording().counted(Noun::Coin, n));
			}
		}
	}
}

TEST_CASE("the locale check finds what a broken translation does wrong", "[locales]")
{
	const std::string english = readText(localeDir() / "en-US.ini");
	const std::string marked = markedEnglish(english);
	SECTION("a marked copy passes")
	{
		const Report report = checkAgainstEnglish(marked);
		INFO(joinProblems(report.problems));
		CHECK(report.problems.empty());
	}
	SECTION("English left as it is")
	{
		CHECK_FALSE(checkAgainstEnglish(english).problems.empty());
	}
	SECTION("a lost key")
	{
		CHECK_FALSE(checkAgainstEnglish(markedEnglish(editedEnglish("LiveGifts.Dock.Apply", [](auto &) {
				    return std::string();
			    }))).problems.empty());
	}
	SECTION("a key of its own")
	{
		CHECK_FALSE(checkAgainstEnglish(marked + "LiveGifts.Dock.Aply=\"x\"\n").problems.empty());
	}
	SECTION("a plural form English needs not is fine, with its {n}")
	{
		CHECK(checkAgainstEnglish(marked + "LiveGifts.Noun.Coin.Few=\"{n} c\"\n").problems.empty());
		CHECK_FALSE(checkAgainstEnglish(marked + "LiveGifts.Noun.Coin.Few=\"c\"\n").problems.empty());
		CHECK_FALSE(checkAgainstEnglish(marked + "LiveGifts.Noun.Coins.Few=\"{n} c\"\n").problems.empty());
	}
	SECTION("a key twice")
	{
		CHECK_FALSE(checkAgainstEnglish(marked + "LiveGifts.Dock.Apply=\"x\"\n").problems.empty());
	}
	SECTION("a placeholder renamed, lost or added")
	{
		const auto renamed = editedEnglish("LiveGifts.Alerts.DefaultLine2", [](const std::string &) {
			return std::string("LiveGifts.Alerts.DefaultLine2=\"sent {cuont}x {gift}\"");
		});
		CHECK_FALSE(checkAgainstEnglish(markedEnglish(renamed)).problems.empty());
		const auto lost = editedEnglish("LiveGifts.Dock.Frames", [](const std::string &) {
			return std::string("LiveGifts.Dock.Frames=\"Frames\"");
		});
		CHECK_FALSE(checkAgainstEnglish(markedEnglish(lost)).problems.empty());
		const auto added = editedEnglish("LiveGifts.Dock.Apply", [](const std::string &) {
			return std::string("LiveGifts.Dock.Apply=\"Apply %1\"");
		});
		CHECK_FALSE(checkAgainstEnglish(markedEnglish(added)).problems.empty());
		const auto pattern = editedEnglish("LiveGifts.Alerts.SoundFilter", [](const std::string &) {
			return std::string("LiveGifts.Alerts.SoundFilter=\"Sounds (*.wav);;All files (*.*)\"");
		});
		CHECK_FALSE(checkAgainstEnglish(markedEnglish(pattern)).problems.empty());
	}
	SECTION("invalid UTF-8")
	{
		CHECK_FALSE(checkAgainstEnglish(marked + "# \xC3\x28\n").problems.empty());
		CHECK_FALSE(checkAgainstEnglish(marked + "# \xED\xA0\x80\n").problems.empty());
	}
	SECTION("a value without its quotes, a line without =")
	{
		const auto unquoted = editedEnglish("LiveGifts.Dock.Apply", [](const std::string &) {
			return std::string("LiveGifts.Dock.Apply=Apply");
		});
		CHECK_FALSE(checkAgainstEnglish(markedEnglish(unquoted)).problems.empty());
		CHECK_FALSE(checkAgainstEnglish(marked + "LiveGifts.Dock.Nothing\n").problems.empty());
	}
}

TEST_CASE("an address in right-to-left words reads left to right", "[locales]")
{
	// Seen in OBS in Arabic: "(ws://…)" inside an Arabic hint showed as "(…//:ws)". An address (a scheme's
	// "://") inside Arabic words is wrapped in a left-to-right isolate (U+2066 … U+2069).
	const LocaleFile arabic = parseLocale(readText(localeDir() / "ar-SA.ini"));
	int addresses = 0;
	for (const auto &[key, entry] : arabic.entries) {
		const std::string &value = entry.value;
		for (auto at = value.find("://"); at != std::string::npos; at = value.find("://", at + 3)) {
			++addresses;
			const std::string before = value.substr(0, at);
			const auto opened = before.rfind("\u2066");
			const auto closed = before.rfind("\u2069");
			INFO(key << " = " << value);
			CHECK(opened != std::string::npos);
			CHECK((closed == std::string::npos || closed < opened));
			CHECK(value.find("\u2069", at) != std::string::npos);
		}
	}
	CHECK(addresses >= 4);
}

TEST_CASE("a right-to-left dock line with no words of its own starts right to left", "[locales]")
{
	// Seen in OBS in Arabic: the dock's goal rows ("%1: %2 / %3") and supporters ("%1. %2: %3") hold no Arabic
	// letter of their own, so such a line read left to right (the title left, the amount right) among Arabic
	// lines. Every dock line of the Arabic file whose text outside its placeholders has no letter starts with a
	// right-to-left mark (U+200F); GoalTwin is a name inside other lines, not a line.
	const LocaleFile arabic = parseLocale(readText(localeDir() / "ar-SA.ini"));
	const std::regex placeholder("%[0-9]");
	int lines = 0;
	for (const auto &[key, entry] : arabic.entries) {
		if (key.rfind("LiveGifts.Dock.", 0) != 0 || key == "LiveGifts.Dock.GoalTwin") {
			continue;
		}
		std::string rest = std::regex_replace(entry.value, placeholder, "");
		const std::string mark = "\u200F";
		if (rest.rfind(mark, 0) == 0) {
			rest.erase(0, mark.size());
		}
		const bool letters = std::any_of(rest.begin(), rest.end(), [](char c) {
			return std::isalpha(static_cast<unsigned char>(c)) != 0 ||
			       (static_cast<unsigned char>(c) & 0x80) != 0;
		});
		if (letters) {
			continue;
		}
		++lines;
		INFO(key << " = " << entry.value);
		CHECK(entry.value.rfind(mark, 0) == 0);
	}
	CHECK(lines >= 3);
}
