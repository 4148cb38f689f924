#include "core/gift-catalogue.hpp"

#include <nlohmann/json.hpp>

namespace livegifts {

bool GiftCatalogue::seed(std::string_view json)
{
	const auto doc = nlohmann::json::parse(json, nullptr, false);
	if (doc.is_discarded() || !doc.is_object() || !doc.contains("gifts") || !doc["gifts"].is_array()) {
		return false;
	}
	for (const auto &gift : doc["gifts"]) {
		if (!gift.is_object() || !gift.contains("id") || !gift["id"].is_number_integer() ||
		    !gift.contains("name") || !gift["name"].is_string() || gift["name"].get<std::string>().empty()) {
			continue;
		}
		Entry &entry = entries_[gift["id"].get<std::int64_t>()];
		entry.name = gift["name"].get<std::string>();
		entry.fromCatalogue = true;
		if (gift.contains("coins") && gift["coins"].is_number_integer()) {
			entry.coins = gift["coins"].get<std::int64_t>();
		}
		if (gift.contains("streakable") && gift["streakable"].is_boolean()) {
			entry.streakable = entry.streakable || gift["streakable"].get<bool>();
		}
	}
	return true;
}

void GiftCatalogue::learn(std::int64_t giftId, std::string_view name, std::string_view imageUrl, int giftType)
{
	Entry &entry = entries_[giftId];
	if (entry.name.empty() && !name.empty()) {
		entry.name = name;
	}
	if (!imageUrl.empty() && entry.imageUrl != imageUrl) {
		entry.imageUrl = imageUrl;
	}
	if (giftType == 1) {
		entry.streakable = true;
	}
}

const GiftCatalogue::Entry *GiftCatalogue::find(std::int64_t giftId) const
{
	const auto it = entries_.find(giftId);
	return it == entries_.end() ? nullptr : &it->second;
}

bool GiftCatalogue::streakable(std::int64_t giftId) const
{
	const Entry *entry = find(giftId);
	return entry != nullptr && entry->streakable;
}

} // namespace livegifts
