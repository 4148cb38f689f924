#pragma once

// Numbers meeting nouns: "1 coin", "2 coins", "46,810 coins" in the words of the locale in use.
//
// Each noun has one text per plural category of the language, with `{n}` where the number goes, kept in
// the locale file under `LiveGifts.Noun.<Noun>.<Category>`:
//   LiveGifts.Noun.Coin.One="{n} coin"
//   LiveGifts.Noun.Coin.Other="{n} coins"
// A language with more forms adds the categories its rule uses (Polish: One, Few, Many, Other; Arabic:
// Zero, One, Two, Few, Many, Other) and names its rule in `LiveGifts.PluralRule` (a language code: "en",
// "fr", "pl", "ru", "cs", "ar", "he", "ja"...). A category a locale leaves out falls back to Other. The
// rule travels with the words (a file naming no rule uses English's), so words and rule always match.

#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace livegifts::view {

enum class PluralCategory { Zero, One, Two, Few, Many, Other };
constexpr std::size_t kPluralCategoryCount = 6;

// How a language picks a category for a whole number (CLDR's cardinal rules for integers).
enum class PluralRule {
	OneOther,          // English, German, Dutch, Italian, Spanish, Swedish...: one = 1
	ZeroOneOther,      // French, Portuguese (Brazil): one = 0 or 1
	OneFewManyEastern, // Russian, Ukrainian, Belarusian
	OneFewManyPolish,  // Polish
	OneFewOther,       // Czech, Slovak
	OneTwoOther,       // Hebrew
	Arabic,            // zero, one, two, few, many, other
	OtherOnly,         // Japanese, Chinese, Korean, Vietnamese, Thai, Indonesian
};

// The rule of a language code ("en", "pt-BR", "ru_RU"); unknown codes use English's.
PluralRule pluralRuleFor(std::string_view language);
// The category of n (negative numbers are taken by their magnitude).
PluralCategory pluralCategory(PluralRule rule, long long n);
// The category's key suffix: "Zero", "One", "Two", "Few", "Many", "Other".
std::string_view pluralCategoryName(PluralCategory category);

// The nouns the sources count.
enum class Noun { Coin, Diamond, Gift, Like, Follow, Share, Subscriber, SuperFan, Point };
constexpr std::size_t kNounCount = 9;
// The noun's key part: "Coin", "Diamond", "Gift", "Like", "Follow", "Share", "Subscriber", "SuperFan", "Point"
// (battle points).
std::string_view nounName(Noun noun);

// The words of one locale: its plural rule, each noun's forms and the digit-group separator.
class Wording {
public:
	// English (the words of locale/en-US.ini), used until a locale is read.
	Wording();

	// Reads the words through `lookup` (a key -> its text, or nullptr when the locale lacks it):
	// LiveGifts.PluralRule, LiveGifts.Number.GroupSeparator and every LiveGifts.Noun.<Noun>.<Category>.
	// What the lookup lacks keeps its English words.
	static Wording fromLocale(const std::function<const char *(const std::string &key)> &lookup);

	PluralRule rule() const { return rule_; }
	const std::string &groupSeparator() const { return separator_; }

	// n grouped ("46,810").
	std::string number(long long n) const;
	// n in a few characters, for a box too small for its digits: below 1,000 as number() gives it, then in
	// thousands, millions, billions or trillions with one decimal below 100 ("26.6K", "267K", "1.9B", "2B"),
	// cut rather than rounded (19,990 is "19.9K", never the "20K" of a goal it has not reached). The decimal
	// mark is the one the group separator leaves ("1,9B" where 1.000 is grouped with a point).
	std::string compact(long long n) const;
	// compact() when `compact`, else number().
	std::string number(long long n, bool compact) const { return compact ? this->compact(n) : number(n); }
	// n with the noun in its right form ("1 coin", "46,810 coins"; compact: "46.8K coins").
	std::string counted(Noun noun, long long n, bool compact = false) const;

	bool operator==(const Wording &) const = default;

private:
	using Forms = std::array<std::string, kPluralCategoryCount>; // empty: use Other
	PluralRule rule_ = PluralRule::OneOther;
	std::string separator_ = ",";
	std::array<Forms, kNounCount> forms_;
};

} // namespace livegifts::view
