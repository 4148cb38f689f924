#include "view/alert-tier.hpp"

namespace livegifts::view {

const AlertTier *tierFor(const std::vector<AlertTier> &tiers, std::int64_t coins)
{
	const AlertTier *best = nullptr;
	for (const auto &tier : tiers) {
		if (coins >= tier.minCoins && (best == nullptr || tier.minCoins >= best->minCoins)) {
			best = &tier;
		}
	}
	return best;
}

std::vector<AlertTier> tiersFrom(const std::vector<std::int64_t> &minCoins, const std::vector<Millis> &durationsMs)
{
	std::vector<AlertTier> tiers;
	for (size_t i = 0; i < minCoins.size(); ++i) {
		if (minCoins[i] > 0) {
			tiers.push_back(AlertTier{minCoins[i], static_cast<int>(i + 1),
						  i < durationsMs.size() ? durationsMs[i] : 0});
		}
	}
	return tiers;
}

} // namespace livegifts::view
