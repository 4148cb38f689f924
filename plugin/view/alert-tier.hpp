#pragma once

// Value tiers of gift alerts: a gift worth at least a tier's minimum is shown in that tier's look (accent
// colours) and held for that tier's duration. Tiers are numbered levels (1, 2, ...); 0 is the default look.

#include "core/clock.hpp"

#include <cstdint>
#include <vector>

namespace livegifts::view {

struct AlertTier {
	std::int64_t minCoins = 0;
	int level = 0;         // 1, 2, ...: which look the renderer shows
	Millis durationMs = 0; // 0: the queue's default duration
};

// The tier for a gift worth `coins`: the one with the highest minimum that `coins` reaches (the later one
// of two equal minimums), or null when none is reached.
const AlertTier *tierFor(const std::vector<AlertTier> &tiers, std::int64_t coins);

// The streamer's tiers as set: level i + 1 has minimum minCoins[i] and duration durationsMs[i]; a level
// with a minimum of 0 or less is off.
std::vector<AlertTier> tiersFrom(const std::vector<std::int64_t> &minCoins, const std::vector<Millis> &durationsMs);

} // namespace livegifts::view
