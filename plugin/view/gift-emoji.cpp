#include "view/gift-emoji.hpp"

#include <array>
#include <cctype>
#include <utility>

namespace livegifts::view {

namespace {

// Lower-case letters and digits only: "Finger Heart" and "finger-heart" are the same key.
std::string keyOf(std::string_view name)
{
	std::string key;
	key.reserve(name.size());
	for (const char c : name) {
		const auto u = static_cast<unsigned char>(c);
		if (std::isalnum(u)) {
			key.push_back(static_cast<char>(std::tolower(u)));
		}
	}
	return key;
}

// Well-known TikTok gifts, by key.
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kKnown{{
    {"rose", "\U0001F339"},
    {"tiktok", "\U0001F3B5"},
    {"fingerheart", "\U0001FAF0"},
    {"gg", "\U0001F3AE"},
    {"doughnut", "\U0001F369"},
    {"donut", "\U0001F369"},
    {"confetti", "\U0001F389"},
    {"handhearts", "\U0001FAF6"},
    {"galaxy", "\U0001F30C"},
    {"sportscar", "\U0001F3CE\uFE0F"},
    {"lion", "\U0001F981"},
    {"tiktokuniverse", "\U0001FA90"},
    {"universe", "\U0001FA90"},
    {"heartme", "\u2764\uFE0F"},
    {"icecreamcone", "\U0001F366"},
    {"perfume", "\U0001F9F4"},
}};

} // namespace

std::string giftEmoji(std::string_view giftName)
{
	const std::string key = keyOf(giftName);
	for (const auto &[name, emoji] : kKnown) {
		if (key == name) {
			return std::string(emoji);
		}
	}
	return "\U0001F381";
}

} // namespace livegifts::view
