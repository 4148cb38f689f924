#include "view/event-alerts.hpp"

namespace livegifts::view {

int eventIndex(ActivityKind kind)
{
	switch (kind) {
	case ActivityKind::Follow:
		return 0;
	case ActivityKind::Share:
		return 1;
	case ActivityKind::Subscribe:
		return 2;
	case ActivityKind::Like:
		return 3;
	case ActivityKind::SuperFanJoin:
		return 4;
	case ActivityKind::SuperFanBox:
		return 5;
	case ActivityKind::SuperFanOther:
		return 6;
	case ActivityKind::BattleResult:
		return 7;
	case ActivityKind::Gift:
		break;
	}
	return -1;
}

const EventAlertOptions *EventAlertsOptions::of(ActivityKind kind) const
{
	const int index = eventIndex(kind);
	return index < 0 ? nullptr : &kinds[static_cast<std::size_t>(index)];
}

std::int64_t likeMilestone(std::int64_t previous, std::int64_t total, std::int64_t every)
{
	if (every <= 0 || total <= previous) {
		return 0;
	}
	const std::int64_t reached = total / every;
	const std::int64_t before = previous < 0 ? -1 : previous / every;
	return reached > before && reached > 0 ? reached * every : 0;
}

} // namespace livegifts::view
