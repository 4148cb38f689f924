#include "view/gift-rules.hpp"

#include "view/template.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace livegifts::view {

int ruleFor(const std::vector<GiftRule> &rules, std::int64_t giftId, std::int64_t coins)
{
	for (std::size_t i = 0; i < rules.size(); ++i) {
		const GiftRule &rule = rules[i];
		if (!rule.enabled) {
			continue;
		}
		const bool matches = rule.giftId != 0
					 ? rule.giftId == giftId
					 : coins >= rule.minCoins && (rule.maxCoins <= 0 || coins <= rule.maxCoins);
		if (matches) {
			return static_cast<int>(i);
		}
	}
	return -1;
}

std::vector<GiftChoice> parseGiftCatalogue(std::string_view json, std::string *error)
{
	std::vector<GiftChoice> out;
	const nlohmann::json doc = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
	if (doc.is_discarded() || !doc.is_object() || !doc.contains("gifts") || !doc["gifts"].is_array()) {
		if (error != nullptr) {
			*error = "the gift catalogue is not {\"gifts\": [...]}";
		}
		return out;
	}
	for (const auto &item : doc["gifts"]) {
		if (!item.is_object() || !item.contains("id") || !item["id"].is_number_integer() ||
		    !item.contains("name") || !item["name"].is_string()) {
			continue;
		}
		GiftChoice choice;
		choice.giftId = item["id"].get<std::int64_t>();
		choice.name = item["name"].get<std::string>();
		if (item.contains("coins") && item["coins"].is_number_integer()) {
			choice.coins = item["coins"].get<std::int64_t>();
		}
		if (choice.giftId > 0 && !choice.name.empty()) {
			out.push_back(std::move(choice));
		}
	}
	return out;
}

std::vector<GiftChoice> giftChoices(const std::vector<GiftChoice> &catalogue, const std::vector<GiftTotal> &seen)
{
	std::map<std::int64_t, GiftChoice> byId;
	for (const GiftChoice &choice : catalogue) {
		byId.emplace(choice.giftId, choice);
	}
	for (const GiftTotal &gift : seen) {
		if (gift.giftId <= 0) {
			continue;
		}
		GiftChoice &choice = byId[gift.giftId];
		choice.giftId = gift.giftId;
		if (!gift.name.empty()) {
			choice.name = gift.name;
		}
		if (choice.name.empty()) {
			choice.name = "#" + std::to_string(gift.giftId);
		}
		if (gift.diamondCount > 0) {
			choice.coins = gift.diamondCount;
		}
		if (!gift.imageUrl.empty()) {
			choice.imageUrl = gift.imageUrl;
		}
		choice.seen = true;
	}
	std::vector<GiftChoice> out;
	out.reserve(byId.size());
	for (auto &[id, choice] : byId) {
		out.push_back(std::move(choice));
	}
	std::stable_sort(out.begin(), out.end(), [](const GiftChoice &a, const GiftChoice &b) {
		return a.coins != b.coins ? a.coins < b.coins : a.name < b.name;
	});
	return out;
}

std::string choiceLabel(const GiftChoice &choice, std::string_view coin, std::string_view coins)
{
	std::string label = choice.name;
	label += " \u00b7 ";
	label += formatCount(choice.coins);
	label += ' ';
	label.append(choice.coins == 1 ? coin : coins);
	return label;
}

} // namespace livegifts::view
