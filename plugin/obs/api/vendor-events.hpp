#pragma once

// What changed between two of the engine's snapshots, as the vendor events of the API: GiftCounted (a
// gift's final count, never a test), Follow, Share, Subscribe, GoalReached, TopSupporterChanged (this
// stream's first supporter by coins). Pure: no libobs; the API's event thread runs it.

#include "core/snapshot.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace livegifts::obs::api {

struct VendorEvent {
	std::string type;
	nlohmann::json data;
};

// Owned by one thread (the API's event thread).
class EventDiff {
public:
	// The events since the snapshot seen last. The first snapshot (and one of another engine, whose
	// numbers start again) only sets where to start: nothing that happened before is announced.
	std::vector<VendorEvent> next(const Snapshot &snapshot);

private:
	bool started_ = false;
	std::uint64_t activitySeq_ = 0;
	std::uint64_t goalSeq_ = 0;
	std::string topId_;
};

} // namespace livegifts::obs::api
