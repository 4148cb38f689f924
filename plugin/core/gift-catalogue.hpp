#pragma once

// What the core knows about gifts by id, whatever language their names arrive in: a stable display name,
// the picture, the unit price and whether the gift streaks. Seeded from the bundled catalogue
// (data/gifts/catalogue.json, built in) and learned from the gifts seen (the ledger keeps each gift's name
// and picture in gift_totals; they come back on restart).
//
// The name of an id never changes once known: the catalogue's English name, else the first name seen
// ("Rose" stays "Rose" when "Rosa" or "玫瑰" arrive later). Totals are always keyed by id.
// Single-threaded: owned by the Tally (the engine's worker).

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace livegifts {

class GiftCatalogue {
public:
	struct Entry {
		std::string name;
		std::string imageUrl;
		std::int64_t coins = 0;
		bool streakable = false; // the catalogue says so, or a message of it came with giftType 1
		bool fromCatalogue = false;
	};

	// {"gifts":[{"id","name","coins","streakable"}, ...]}; entries without an id or a name are skipped.
	// False (and nothing added) when the text is not such JSON.
	bool seed(std::string_view json);
	// The built-in catalogue (data/gifts/catalogue.json at build time).
	static std::string_view builtinJson();

	// A gift seen: keeps its name when the id has none yet, its picture (the latest one), and that it
	// streaks when `giftType` is 1.
	void learn(std::int64_t giftId, std::string_view name, std::string_view imageUrl, int giftType);
	const Entry *find(std::int64_t giftId) const;
	bool streakable(std::int64_t giftId) const;

private:
	std::unordered_map<std::int64_t, Entry> entries_;
};

} // namespace livegifts
