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

} // namespace livegifts
