#pragma once

// Alerts for events other than gifts: follows, shares, subscribers, like milestones (every N likes of the
// room's total), Super Fans (a new one, a box, other superFan messages) and a battle's result. Which kinds a source
// alerts, how long and with which sound; their looks are in AlertStyle (view/alert-card.hpp).

#include "core/clock.hpp"
#include "core/snapshot.hpp"
#include "view/sound-spec.hpp"

#include <array>
#include <cstdint>

namespace livegifts::view {

// follow, share, subscribe, like milestone, super fan join, super fan box, other super fan, battle result
constexpr int kEventKindCount = 8;

// The index of a non-gift kind in per-kind arrays (follow 0, share 1, subscribe 2, like 3, super fan join 4,
// box 5, other 6, battle result 7); -1 for gifts.
int eventIndex(ActivityKind kind);

struct EventAlertOptions {
	bool enabled = false;
	Millis durationMs = 0; // 0: the source's default duration
	SoundSpec sound;
	bool operator==(const EventAlertOptions &) const = default;
};

struct EventAlertsOptions {
	std::array<EventAlertOptions, kEventKindCount> kinds{};
	std::int64_t likeEvery = 1000; // a like alert each time the room total passes a multiple of it

	// The options of a non-gift kind, null for gifts.
	const EventAlertOptions *of(ActivityKind kind) const;
	bool operator==(const EventAlertsOptions &) const = default;
};

// The highest multiple of `every` that `total` reaches and `previous` did not, or 0 when none (or `every`
// is not positive).
std::int64_t likeMilestone(std::int64_t previous, std::int64_t total, std::int64_t every);

} // namespace livegifts::view
