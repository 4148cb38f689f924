#include "core/summary.hpp"

namespace livegifts {

namespace {

nlohmann::ordered_json amounts(std::int64_t coins, std::int64_t gifts)
{
	return {{"coins", coins}, {"gifts", gifts}};
}

} // namespace

void addRecipientsSection(nlohmann::ordered_json &out, const RecipientsView &recipients)
{
	nlohmann::ordered_json guests = nlohmann::ordered_json::array();
	for (const RecipientTotal &guest : recipients.guests) {
		guests.push_back({{"id", guest.id},
				  {"unique_id", guest.uniqueId},
				  {"nickname", guest.nickname},
				  {"coins", guest.coins},
				  {"gifts", guest.gifts}});
	}
	nlohmann::ordered_json section;
	section["host"] = amounts(recipients.host.coins, recipients.host.gifts);
	section["unknown"] = amounts(recipients.unknown.coins, recipients.unknown.gifts);
	section["guests"] = std::move(guests);
	section["room"] = amounts(recipients.roomCoins, recipients.roomGifts);
	out["recipients"] = std::move(section);
}

} // namespace livegifts
