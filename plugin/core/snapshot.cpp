#include "core/snapshot.hpp"

namespace livegifts {

std::vector<const GiftActivity *> Snapshot::activitySince(std::uint64_t seq) const
{
	std::vector<const GiftActivity *> out;
	for (const auto &entry : activity) {
		if (entry.seq > seq) {
			out.push_back(&entry);
		}
	}
	return out;
}

const char *ledgerStateName(LedgerStatus::State state)
{
	switch (state) {
	case LedgerStatus::State::None:
		return "none";
	case LedgerStatus::State::Ok:
		return "ok";
	case LedgerStatus::State::Retrying:
		return "retrying";
	case LedgerStatus::State::MemoryOnly:
		return "memory-only";
	}
	return "none";
}

} // namespace livegifts
