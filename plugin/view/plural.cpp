#include "view/plural.hpp"

#include "view/template.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>

namespace livegifts::view {

namespace {

constexpr std::array<std::string_view, kPluralCategoryCount> kCategoryNames = {"Zero", "One",  "Two",
									       "Few",  "Many", "Other"};
constexpr std::array<std::string_view, kNounCount> kNounNames = {"Coin",  "Diamond",    "Gift",     "Like", "Follow",
								 "Share", "Subscriber", "SuperFan", "Point"};

std::size_t indexOf(PluralCategory category)
{
	return static_cast<std::size_t>(category);
}

// Slavic one/few/many by the last two digits.
PluralCategory eastern(unsigned long long n)
{
	const auto last = n % 10;
	const auto lastTwo = n % 100;
	if (last == 1 && lastTwo != 11) {
		return PluralCategory::One;
	}
	if (last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)) {
		return PluralCategory::Few;
	}
	return PluralCategory::Many;
}

PluralCategory polish(unsigned long long n)
{
	if (n == 1) {
		return PluralCategory::One;
	}
	const auto last = n % 10;
	const auto lastTwo = n % 100;
	if (last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)) {
		return PluralCategory::Few;
	}
	return PluralCategory::Many;
}

PluralCategory arabic(unsigned long long n)
{
	const auto lastTwo = n % 100;
	if (n <= 2) {
		return n == 0 ? PluralCategory::Zero : n == 1 ? PluralCategory::One : PluralCategory::Two;
	}
	if (lastTwo >= 3 && lastTwo <= 10) {
		return PluralCategory::Few;
	}
	if (lastTwo >= 11) {
		return PluralCategory::Many;
	}
	return PluralCategory::Other;
}

void replaceAll(std::string &text, std::string_view what, std::string_view with)
{
	for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size())) {
		text.replace(at, what.size(), with);
	}
}

} // namespace

PluralRule pluralRuleFor(std::string_view language)
{
	std::string code;
	for (const char c : language) {
		if (c == '-' || c == '_') {
			break;
		}
		code += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
	}
	if (code == "fr" || code == "pt") {
		return PluralRule::ZeroOneOther;
	}
	if (code == "ru" || code == "uk" || code == "be") {
		return PluralRule::OneFewManyEastern;
	}
	if (code == "pl") {
		return PluralRule::OneFewManyPolish;
	}
	if (code == "cs" || code == "sk") {
		return PluralRule::OneFewOther;
	}
	if (code == "he" || code == "iw") {
		return PluralRule::OneTwoOther;
	}
	if (code == "ar") {
		return PluralRule::Arabic;
	}
	if (code == "ja" || code == "zh" || code == "ko" || code == "vi" || code == "th" || code == "id" ||
	    code == "ms") {
		return PluralRule::OtherOnly;
	}
	return PluralRule::OneOther;
}

PluralCategory pluralCategory(PluralRule rule, long long n)
{
	const unsigned long long m =
	    n < 0 ? 0ULL - static_cast<unsigned long long>(n) : static_cast<unsigned long long>(n);
	switch (rule) {
	case PluralRule::OneOther:
		return m == 1 ? PluralCategory::One : PluralCategory::Other;
	case PluralRule::ZeroOneOther:
		return m <= 1 ? PluralCategory::One : PluralCategory::Other;
	case PluralRule::OneFewManyEastern:
		return eastern(m);
	case PluralRule::OneFewManyPolish:
		return polish(m);
	case PluralRule::OneFewOther:
		return m == 1 ? PluralCategory::One : m >= 2 && m <= 4 ? PluralCategory::Few : PluralCategory::Other;
	case PluralRule::OneTwoOther:
		return m == 1 ? PluralCategory::One : m == 2 ? PluralCategory::Two : PluralCategory::Other;
	case PluralRule::Arabic:
		return arabic(m);
	case PluralRule::OtherOnly:
		break;
	}
	return PluralCategory::Other;
}

std::string_view pluralCategoryName(PluralCategory category)
{
	return kCategoryNames[indexOf(category)];
}

std::string_view nounName(Noun noun)
{
	return kNounNames[static_cast<std::size_t>(noun)];
}

Wording::Wording()
{
	const auto set = [this](Noun noun, const char *one, const char *other) {
		Forms &forms = forms_[static_cast<std::size_t>(noun)];
		forms[indexOf(PluralCategory::One)] = one;
		forms[indexOf(PluralCategory::Other)] = other;
	};
	set(Noun::Coin, "{n} coin", "{n} coins");
	set(Noun::Diamond, "{n} diamond", "{n} diamonds");
	set(Noun::Gift, "{n} gift", "{n} gifts");
	set(Noun::Like, "{n} like", "{n} likes");
	set(Noun::Follow, "{n} follow", "{n} follows");
	set(Noun::Share, "{n} share", "{n} shares");
	set(Noun::Subscriber, "{n} subscriber", "{n} subscribers");
	set(Noun::SuperFan, "{n} Super Fan", "{n} Super Fans");
	set(Noun::Point, "{n} point", "{n} points");
}

Wording Wording::fromLocale(const std::function<const char *(const std::string &key)> &lookup)
{
	Wording words;
	if (const char *rule = lookup("LiveGifts.PluralRule")) {
		words.rule_ = pluralRuleFor(rule);
	}
	if (const char *separator = lookup("LiveGifts.Number.GroupSeparator")) {
		words.separator_ = separator;
	}
	for (std::size_t noun = 0; noun < kNounCount; ++noun) {
		for (std::size_t category = 0; category < kPluralCategoryCount; ++category) {
			const std::string key = "LiveGifts.Noun." + std::string(kNounNames[noun]) + "." +
						std::string(kCategoryNames[category]);
			if (const char *form = lookup(key); form != nullptr && *form != '\0') {
				words.forms_[noun][category] = sanitizeUserText(form);
			}
		}
	}
	return words;
}

std::string Wording::number(long long n) const
{
	return formatCount(n, separator_);
}

std::string Wording::compact(long long n) const
{
	// By magnitude, in unsigned arithmetic: the smallest long long has no positive counterpart.
	const unsigned long long magnitude =
	    n < 0 ? 0ULL - static_cast<unsigned long long>(n) : static_cast<unsigned long long>(n);
	if (magnitude < 1000ULL) {
		return number(n);
	}
	static constexpr std::array<std::pair<unsigned long long, char>, 4> kUnits = {
	    {{1000000000000ULL, 'T'}, {1000000000ULL, 'B'}, {1000000ULL, 'M'}, {1000ULL, 'K'}}};
	std::string text = n < 0 ? "-" : "";
	for (const auto &[unit, letter] : kUnits) {
		if (magnitude < unit) {
			continue;
		}
		const unsigned long long whole = magnitude / unit;
		text += std::to_string(whole);
		if (whole < 100ULL) {
			const unsigned long long tenth = magnitude % unit / (unit / 10ULL);
			if (tenth > 0) {
				text += separator_ == "." ? ',' : '.';
				text += static_cast<char>('0' + tenth);
			}
		}
		text += letter;
		break;
	}
	return text;
}

std::string Wording::counted(Noun noun, long long n, bool compact) const
{
	const Forms &forms = forms_[static_cast<std::size_t>(noun)];
	std::string text = forms[indexOf(pluralCategory(rule_, n))];
	if (text.empty()) {
		text = forms[indexOf(PluralCategory::Other)];
	}
	replaceAll(text, "{n}", number(n, compact));
	return text;
}

} // namespace livegifts::view
