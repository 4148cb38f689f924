#pragma once

// What the Coin Jar draws once and what it draws every frame. A renderer keeps the glass, the settled layer
// and the sleeping bodies (CoinJar: they do not move at all) in one cached picture, the "baked" layer, and
// draws only the bodies awake on top each frame. This decides which bodies are baked and when the picture
// must be drawn again: `version()` changes exactly when the baked bodies, their places or the settled level
// change.
//
// A baked body that wakes, moves, melts or leaves, or a settled level that changes, makes the picture
// stale: it is baked again in the same update, so it never shows a body where it is not. Bodies that only
// fell asleep wait for the next bake, drawn on top until then, at most kBakeInterval steps (or until
// nothing is awake), so a pile falling asleep body by body is not baked again every frame.

#include "view/coin-jar.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace livegifts::view {

constexpr int kBakeInterval = 30; // steps between two bakes that only add bodies fallen asleep

// A baked body: which one (CoinBody::order) and where the picture shows it.
struct BakedBody {
	std::uint64_t order = 0;
	float x = 0.0f, y = 0.0f, spin = 0.0f;
	bool operator==(const BakedBody &) const = default;
};

class CoinJarLayers {
public:
	// After each CoinJar::advance(): `steps` is what it returned (the steps simulated).
	void update(const CoinJar &jar, int steps);
	// Forgets every body (the jar was emptied); the next update bakes anew.
	void clear();

	// Bodies known (the jar's bodies() at the last update; other counts mean an update is missing).
	std::size_t size() const { return tracks_.size(); }
	// Index by index with the jar's bodies() of the last update: in the baked layer?
	bool baked(std::size_t index) const { return index < tracks_.size() && tracks_[index].baked; }
	// The baked layer's bodies, oldest first, at their baked places.
	std::vector<BakedBody> bakedBodies() const;
	// The settled level the baked layer shows (pixels).
	float bakedLevel() const { return bakedLevel_; }
	// Changes exactly when bakedBodies() or bakedLevel() change.
	std::uint64_t version() const { return version_; }
	// Bodies drawn on top each frame (not baked).
	std::size_t liveCount() const { return liveCount_; }

private:
	struct Track {
		std::uint64_t order = 0;
		float x = 0.0f, y = 0.0f, spin = 0.0f; // where it was at the last update (its baked place once baked)
		bool asleep = false;
		bool baked = false;
	};
	void bake();

	std::vector<Track> tracks_; // one per body of the jar, oldest first
	std::vector<Track> next_;   // the next update's tracks (kept to spare allocations)
	float bakedLevel_ = 0.0f;
	std::uint64_t version_ = 0;
	int sinceBake_ = 0; // steps since the last bake
	std::size_t liveCount_ = 0;
};

} // namespace livegifts::view
