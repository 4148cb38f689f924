#include "view/coin-jar-layers.hpp"

#include <algorithm>

namespace livegifts::view {

void CoinJarLayers::update(const CoinJar &jar, int steps)
{
	bool stale = false;
	// Both lists are oldest first (orders grow): walk them together.
	next_.clear();
	std::size_t t = 0;
	for (const CoinBody &body : jar.bodies()) {
		while (t < tracks_.size() && tracks_[t].order < body.order) {
			stale = stale || tracks_[t].baked; // a baked body melted or left
			++t;
		}
		Track track;
		if (t < tracks_.size() && tracks_[t].order == body.order) {
			track = tracks_[t++];
		} else {
			track.order = body.order;
			track.x = body.x;
			track.y = body.y;
			track.spin = body.spin;
		}
		const bool moved = body.x != track.x || body.y != track.y || body.spin != track.spin;
		if (moved || !body.asleep()) {
			stale = stale || track.baked;
			track.baked = false;
		}
		track.x = body.x;
		track.y = body.y;
		track.spin = body.spin;
		track.asleep = body.asleep();
		next_.push_back(track);
	}
	for (; t < tracks_.size(); ++t) {
		stale = stale || tracks_[t].baked;
	}
	tracks_.swap(next_);
	stale = stale || jar.settledLevel() != bakedLevel_;
	sinceBake_ += std::max(steps, 0);

	bool waiting = false; // a body came to rest and is not baked yet
	bool moving = false;
	for (const Track &track : tracks_) {
		waiting = waiting || (!track.baked && track.asleep);
		moving = moving || !track.asleep;
	}
	if (stale || (waiting && (sinceBake_ >= kBakeInterval || !moving))) {
		bakedLevel_ = jar.settledLevel();
		bake();
	}
	liveCount_ = static_cast<std::size_t>(
	    std::count_if(tracks_.begin(), tracks_.end(), [](const Track &track) { return !track.baked; }));
}

void CoinJarLayers::bake()
{
	for (Track &track : tracks_) {
		track.baked = track.asleep;
	}
	++version_;
	sinceBake_ = 0;
}

void CoinJarLayers::clear()
{
	if (!tracks_.empty() || bakedLevel_ != 0.0f) {
		++version_;
	}
	tracks_.clear();
	bakedLevel_ = 0.0f;
	sinceBake_ = 0;
	liveCount_ = 0;
}

std::vector<BakedBody> CoinJarLayers::bakedBodies() const
{
	std::vector<BakedBody> bodies;
	for (const Track &track : tracks_) {
		if (track.baked) {
			bodies.push_back({track.order, track.x, track.y, track.spin});
		}
	}
	return bodies;
}

} // namespace livegifts::view
