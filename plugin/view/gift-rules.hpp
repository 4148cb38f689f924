#pragma once

// Gift rules: a few per source, each giving one gift (picked from the gifts seen so far or the bundled
// catalogue) or a range of coins its own alert: template, picture and colours (CardLook in
// view/alert-card.hpp), duration and sound (here). The first enabled rule that matches wins.

#include "core/clock.hpp"
#include "core/snapshot.hpp"
#include "view/sound-spec.hpp"

#include <optional>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace livegifts::view {

constexpr int kGiftRuleCount = 3; // rule slots a streamer can set

struct GiftRule {
	bool enabled = false;
	std::int64_t giftId = 0;        // matches this gift; 0: matches by coins
	std::int64_t minCoins = 0;      // by coins: the alert's value is at least this...
	std::int64_t maxCoins = 0;      // ...and at most this (0: no upper bound)
	Millis durationMs = 0;          // 0: the tier's or the source's duration
	std::optional<SoundSpec> sound; // none: the sound of the gift's tier; an empty one: silence
	bool operator==(const GiftRule &) const = default;
};

// The index of the first enabled rule matching a gift `giftId` worth `coins`, or -1.
int ruleFor(const std::vector<GiftRule> &rules, std::int64_t giftId, std::int64_t coins);

// A gift a streamer can pick for a rule (or a goal): from the bundled catalogue or seen on stream.
struct GiftChoice {
	std::int64_t giftId = 0;
	std::string name;
	std::int64_t coins = 0; // unit price
	std::string imageUrl;   // as last seen on stream; empty for catalogue-only gifts
	bool seen = false;      // sent in this ledger's history
	bool operator==(const GiftChoice &) const = default;
};

// The bundled catalogue (data/gifts/catalogue.json: {"gifts":[{"id","name","coins"}, ...]}). Entries
// without an id or a name are skipped; text that is not such JSON gives an empty list and `error`.
std::vector<GiftChoice> parseGiftCatalogue(std::string_view json, std::string *error = nullptr);

// The gifts to pick from: those seen (names, prices and pictures as seen win) and the catalogue's, one per
// id, cheapest first, then by name.
std::vector<GiftChoice> giftChoices(const std::vector<GiftChoice> &catalogue, const std::vector<GiftTotal> &seen);

// A choice's label: "Rose · 1 coin", "Lion · 29,999 coins".
std::string choiceLabel(const GiftChoice &choice, std::string_view coin, std::string_view coins);

} // namespace livegifts::view
