#pragma once

// The Coin Jar: gift pictures drop into a jar and pile up. Simple, deterministic 2D physics of circles
// (gravity, the jar's walls and floor, circle against circle) at a fixed time step, so the same gifts at
// the same (test) clock times always give the same pile. Work per frame is bounded: at most
// kMaxStepsPerFrame steps a frame, a uniform grid so each body only meets its neighbours, and a cap on
// live bodies: past the cap the oldest body melts into the "settled layer", a level of coins at the bottom
// of the jar that rises by the area it took (up to a maximum level); a pile that comes to rest above the
// jar's mouth melts its oldest bodies too, until it fits.
//
// Bodies per gift (the rule): one body per gift unit, but the units of one gift that arrive together (a
// combo, or a burst counted between two frames) drop at most kMaxBodiesPerGift bodies; the rest go
// straight into the settled layer, each unit as the area of its body. A body's radius
// grows with the gift's unit price: radius = base x (1 + 0.3 x log10(coins)), at most 2.2 x base
// (1 coin: base; 99 coins: 1.6 x; 30,000 coins: 2.2 x).
//
// Sleep: a body that kept still (under half a kRestMove a step) for kSleepSteps steps sleeps: it is not
// moved, it holds like a wall against the bodies that touch it, and it does not tremble by rounding. A
// body touching it faster than kWakeSpeed wakes it (a new gift wakes what it lands on, and that what it
// pushes hard enough); a body melting, the settled level rising or new options wake all. With
// every body asleep and none waiting, the jar does no work at all. All of it follows from the inputs, so
// the same gifts at the same times still give the same pile.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

namespace livegifts::view {

struct CoinJarOptions {
	float width = 400.0f;         // jar inside width, pixels
	float height = 500.0f;        // jar inside height, pixels
	float baseRadius = 18.0f;     // radius of a 1-coin gift's body
	std::size_t maxBodies = 120;  // live bodies at most (older ones melt into the settled layer)
	float maxSettledLevel = 0.6f; // the settled layer fills at most this part of the jar's height
	bool operator==(const CoinJarOptions &) const = default;
};

constexpr float kCoinJarStep = 1.0f / 120.0f; // seconds of one physics step
constexpr int kMaxStepsPerFrame = 16;         // more time than that in one frame is dropped (no catch-up)
constexpr std::size_t kMaxBodiesPerGift = 10; // bodies one gift message drops at most
constexpr std::size_t kMaxQueued = 400;       // bodies waiting to drop at most (older waiting ones settle)
constexpr float kDropInterval = 0.06f;        // seconds between two bodies entering the jar
constexpr int kMaxSettleSteps = 6000;         // steps settleNow() takes at most
constexpr int kSleepSteps = 60;               // steps a body keeps still before it sleeps
constexpr float kWakeSpeed = 0.25f;           // pixels a step a body must move to wake one it touches

// Radius of one body of a gift whose unit price is `coins` (the rule above).
float bodyRadius(float baseRadius, std::int64_t coins);

struct CoinBody {
	std::int64_t giftId = 0;
	float x = 0.0f, y = 0.0f;   // centre; y grows downwards, 0 is the jar's top, height its floor
	float px = 0.0f, py = 0.0f; // position one step ago (Verlet)
	float radius = 0.0f;
	std::uint64_t order = 0; // when it was added (smaller: older)
	float spin = 0.0f;       // drawn rotation, radians (follows the horizontal motion)
	int still = 0;           // steps in a row it kept still (kSleepSteps: asleep)
	bool asleep() const { return still >= kSleepSteps; }
};

class CoinJar {
public:
	explicit CoinJar(CoinJarOptions options = {});

	// New options; the pile is kept (bodies outside a narrower jar are pushed back in).
	void setOptions(const CoinJarOptions &options);
	const CoinJarOptions &options() const { return options_; }

	// `units` units of a gift worth `unitCoins` each: queues the bodies to drop (the rule above).
	void add(std::int64_t giftId, std::int64_t unitCoins, std::int64_t units);
	// A pile restored at once (after a restart: call add() for each gift first): the waiting bodies past
	// the cap melt into the settled layer, the rest drop and come to rest now, not on stream (at most
	// kMaxSettleSteps steps, once).
	void settleNow();
	// Empties the jar.
	void clear();

	// Advances by `seconds`: whole fixed steps (at most kMaxStepsPerFrame; the remainder is carried).
	// Returns the steps simulated (0 while the jar sleeps).
	int advance(float seconds);

	const std::vector<CoinBody> &bodies() const { return bodies_; }
	std::size_t queued() const { return queue_.size(); }
	// Height of the settled layer in pixels (0..maxSettledLevel x height).
	float settledLevel() const;
	// Area melted into the settled layer so far (square pixels; keeps growing past the maximum level).
	double settledArea() const { return settledArea_; }
	// Pairs of bodies tested for contact in the last step (the grid keeps it near linear).
	std::size_t lastPairTests() const { return lastPairTests_; }
	// Nothing falls, nothing waits to drop: a still frame.
	bool atRest() const;
	// Every body asleep and none waiting: nothing is simulated until the next add() or setOptions().
	bool asleep() const { return queue_.empty() && awake_ == 0; }

private:
	struct Pending {
		std::int64_t giftId;
		float radius;
	};
	void step();
	void spawn(const Pending &pending);
	void settleOldest();
	void wakeAll();
	void collide();
	void constrain(CoinBody &body);
	float floorY() const { return options_.height - settledLevel(); }

	CoinJarOptions options_;
	std::vector<CoinBody> bodies_;                                // oldest first
	std::deque<Pending> queue_;                                   // waiting to drop, oldest first
	std::vector<std::uint32_t> cellStart_, cellItems_, cellFill_; // the grid, kept to spare allocations
	std::vector<float> speeds_; // each body's speed this step before contacts (pixels a step)
	double settledArea_ = 0.0;
	float carry_ = 0.0f;     // seconds not yet stepped
	float dropTimer_ = 0.0f; // seconds until the next body may drop
	std::uint64_t nextOrder_ = 0;
	std::uint32_t dropSlot_ = 0; // where the next body enters (a fixed sequence across the jar)
	std::size_t lastPairTests_ = 0;
	float maxSpeed_ = 0.0f; // largest distance a body moved in the last step
	std::size_t awake_ = 0; // bodies not asleep after the last step
};

} // namespace livegifts::view
