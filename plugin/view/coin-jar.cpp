#include "view/coin-jar.hpp"

#include <algorithm>
#include <cmath>

namespace livegifts::view {
namespace {

constexpr float kGravity = 1800.0f;     // pixels / s²
constexpr float kDamping = 0.995f;      // velocity kept per step in the air
constexpr float kFloorFriction = 0.85f; // horizontal velocity kept per step on the floor
constexpr float kRestMove = 0.05f;      // pixels a step below which a body is still
constexpr int kIterations = 4;          // contact passes per step
constexpr float kPi = 3.14159265358979f;
constexpr float kGolden = 0.6180339887f;

float areaOf(float radius)
{
	return kPi * radius * radius;
}

} // namespace

float bodyRadius(float baseRadius, std::int64_t coins)
{
	const double scale = 1.0 + 0.3 * std::log10(static_cast<double>(std::max<std::int64_t>(coins, 1)));
	return baseRadius * static_cast<float>(std::min(scale, 2.2));
}

CoinJar::CoinJar(CoinJarOptions options) : options_(options) {}

void CoinJar::setOptions(const CoinJarOptions &options)
{
	options_ = options;
	options_.width = std::max(options_.width, 4.0f * options_.baseRadius);
	options_.height = std::max(options_.height, 4.0f * options_.baseRadius);
	while (bodies_.size() > options_.maxBodies) {
		settleOldest();
	}
	wakeAll();
	for (CoinBody &body : bodies_) {
		constrain(body);
		body.px = body.x;
		body.py = body.y;
	}
}

void CoinJar::add(std::int64_t giftId, std::int64_t unitCoins, std::int64_t units)
{
	if (units <= 0) {
		return;
	}
	const float radius = bodyRadius(options_.baseRadius, unitCoins);
	const auto dropped = static_cast<std::int64_t>(std::min<std::int64_t>(units, kMaxBodiesPerGift));
	settledArea_ += static_cast<double>(units - dropped) * areaOf(radius);
	for (std::int64_t i = 0; i < dropped; ++i) {
		queue_.push_back({giftId, radius});
	}
	while (queue_.size() > kMaxQueued) {
		settledArea_ += areaOf(queue_.front().radius);
		queue_.pop_front();
	}
}

void CoinJar::settleNow()
{
	// Only the newest maxBodies can still be bodies: the rest melt at once.
	while (queue_.size() > options_.maxBodies) {
		settledArea_ += areaOf(queue_.front().radius);
		queue_.pop_front();
	}
	// Drop them quickly and let the pile come to rest.
	for (int steps = 0; steps < kMaxSettleSteps && !atRest(); ++steps) {
		if (!queue_.empty() && steps % 8 == 0) {
			spawn(queue_.front());
			queue_.pop_front();
		}
		step();
	}
	for (CoinBody &body : bodies_) {
		body.px = body.x;
		body.py = body.y;
	}
	maxSpeed_ = 0.0f;
	if (atRest()) { // a restored pile sleeps at once
		for (CoinBody &body : bodies_) {
			body.still = kSleepSteps;
		}
		awake_ = 0;
	}
}

void CoinJar::clear()
{
	bodies_.clear();
	queue_.clear();
	settledArea_ = 0.0;
	carry_ = 0.0f;
	dropTimer_ = 0.0f;
	maxSpeed_ = 0.0f;
	awake_ = 0;
}

int CoinJar::advance(float seconds)
{
	carry_ += std::max(seconds, 0.0f);
	int steps = 0;   // simulated
	int counted = 0; // simulated or slept
	while (carry_ >= kCoinJarStep && counted < kMaxStepsPerFrame) {
		carry_ -= kCoinJarStep;
		dropTimer_ -= kCoinJarStep;
		++counted;
		if (asleep()) {
			continue; // the time passes, nothing moves
		}
		if (!queue_.empty() && dropTimer_ <= 0.0f) {
			spawn(queue_.front());
			queue_.pop_front();
			dropTimer_ = kDropInterval;
		}
		step();
		++steps;
	}
	if (counted == kMaxStepsPerFrame) {
		carry_ = std::min(carry_, kCoinJarStep); // a long frame is not caught up
	}
	return steps;
}

float CoinJar::settledLevel() const
{
	const double level = settledArea_ / static_cast<double>(options_.width);
	return static_cast<float>(std::min(level, static_cast<double>(options_.maxSettledLevel * options_.height)));
}

bool CoinJar::atRest() const
{
	return queue_.empty() && maxSpeed_ < kRestMove;
}

void CoinJar::spawn(const Pending &pending)
{
	const float r = pending.radius;
	const float span = std::max(options_.width - 2.0f * r, 0.0f);
	const float fraction = std::fmod(static_cast<float>(dropSlot_) * kGolden, 1.0f);
	++dropSlot_;
	CoinBody body;
	body.giftId = pending.giftId;
	body.radius = r;
	body.x = body.px = r + fraction * span;
	body.y = body.py = -r;
	body.order = nextOrder_++;
	bodies_.push_back(body);
	++awake_;
	while (bodies_.size() > options_.maxBodies) {
		settleOldest();
	}
	maxSpeed_ = kRestMove; // something moves again
}

void CoinJar::settleOldest()
{
	settledArea_ += areaOf(bodies_.front().radius);
	bodies_.erase(bodies_.begin());
	wakeAll(); // what it held may fall, and the settled level rose
}

void CoinJar::wakeAll()
{
	for (CoinBody &body : bodies_) {
		body.still = 0;
	}
	awake_ = bodies_.size();
}

void CoinJar::constrain(CoinBody &body)
{
	const float r = body.radius;
	const float x = std::clamp(body.x, r, std::max(r, options_.width - r));
	const float floor = floorY() - r;
	if (body.asleep()) {
		if (x == body.x && body.y <= floor) {
			return; // a sleeping body inside the jar stays
		}
		body.still = 0; // outside (a narrower jar, a higher floor): it wakes and is pushed back
	}
	body.x = x;
	if (body.y > floor) {
		body.y = floor;
		body.px = body.x - (body.x - body.px) * kFloorFriction;
	}
}

void CoinJar::step()
{
	const float dt2 = kCoinJarStep * kCoinJarStep;
	speeds_.assign(bodies_.size(), 0.0f);
	for (std::size_t i = 0; i < bodies_.size(); ++i) {
		CoinBody &body = bodies_[i];
		if (body.asleep()) {
			continue;
		}
		const float vx = (body.x - body.px) * kDamping;
		const float vy = (body.y - body.py) * kDamping;
		speeds_[i] = std::sqrt(vx * vx + vy * vy);
		body.px = body.x;
		body.py = body.y;
		body.x += vx;
		body.y += vy + kGravity * dt2;
	}
	lastPairTests_ = 0;
	for (int i = 0; i < kIterations; ++i) {
		collide();
		for (CoinBody &body : bodies_) {
			constrain(body);
		}
	}
	maxSpeed_ = 0.0f;
	awake_ = 0;
	bool overflow = false;
	for (CoinBody &body : bodies_) {
		if (body.asleep()) {
			overflow = overflow || body.y < body.radius;
			continue;
		}
		const float dx = body.x - body.px;
		const float dy = body.y - body.py;
		const float moved = std::sqrt(dx * dx + dy * dy);
		if (moved < kRestMove * 0.5f) {
			body.px = body.x; // a creeping body stops (the pile comes to rest), and then sleeps
			body.py = body.y;
			body.still = std::min(body.still + 1, kSleepSteps);
		} else {
			body.still = 0;
		}
		awake_ += body.asleep() ? 0 : 1;
		body.spin += dx / std::max(body.radius, 1.0f);
		maxSpeed_ = std::max(maxSpeed_, moved);
		overflow = overflow || (moved < kRestMove && body.y < body.radius);
	}
	// A pile resting above the jar's mouth: the oldest body melts, the pile sinks into its room.
	if (overflow && !bodies_.empty()) {
		settleOldest();
		maxSpeed_ = std::max(maxSpeed_, kRestMove);
	}
}

void CoinJar::collide()
{
	// A uniform grid of cells as wide as the largest body in the jar: each body meets the bodies of its 3 x 3
	// cells.
	float largest = options_.baseRadius;
	for (const CoinBody &body : bodies_) {
		largest = std::max(largest, body.radius);
	}
	const float cell = 2.0f * largest;
	const int cols = std::max(1, static_cast<int>(std::ceil(options_.width / cell)));
	const int rows = std::max(1, static_cast<int>(std::ceil(options_.height / cell)) + 2);
	const auto cellOf = [&](const CoinBody &body) {
		const int cx = std::clamp(static_cast<int>(body.x / cell), 0, cols - 1);
		const int cy = std::clamp(static_cast<int>((body.y + 2.0f * cell) / cell), 0, rows - 1);
		return std::pair{cx, cy};
	};
	const std::size_t cells = static_cast<std::size_t>(cols) * static_cast<std::size_t>(rows);
	cellStart_.assign(cells + 1, 0);
	for (const CoinBody &body : bodies_) {
		const auto [cx, cy] = cellOf(body);
		++cellStart_[static_cast<std::size_t>(cy * cols + cx) + 1];
	}
	for (std::size_t i = 1; i <= cells; ++i) {
		cellStart_[i] += cellStart_[i - 1];
	}
	cellItems_.assign(bodies_.size(), 0);
	cellFill_.assign(cellStart_.begin(), cellStart_.end() - 1);
	for (std::size_t i = 0; i < bodies_.size(); ++i) {
		const auto [cx, cy] = cellOf(bodies_[i]);
		cellItems_[cellFill_[static_cast<std::size_t>(cy * cols + cx)]++] = static_cast<std::uint32_t>(i);
	}
	for (std::size_t i = 0; i < bodies_.size(); ++i) {
		const auto [cx, cy] = cellOf(bodies_[i]);
		for (int ny = std::max(cy - 1, 0); ny <= std::min(cy + 1, rows - 1); ++ny) {
			for (int nx = std::max(cx - 1, 0); nx <= std::min(cx + 1, cols - 1); ++nx) {
				const auto c = static_cast<std::size_t>(ny * cols + nx);
				for (std::uint32_t k = cellStart_[c]; k < cellStart_[c + 1]; ++k) {
					const std::size_t j = cellItems_[k];
					if (j <= i) {
						continue;
					}
					++lastPairTests_;
					CoinBody &a = bodies_[i];
					CoinBody &b = bodies_[j];
					if (a.asleep() && b.asleep()) {
						continue; // two sleeping bodies hold where they are
					}
					const float dx = b.x - a.x;
					const float dy = b.y - a.y;
					const float reach = a.radius + b.radius;
					const float d2 = dx * dx + dy * dy;
					if (d2 >= reach * reach) {
						continue;
					}
					float d = std::sqrt(d2);
					float nxv = 1.0f, nyv = 0.0f;
					if (d > 1e-4f) {
						nxv = dx / d;
						nyv = dy / d;
					} else {
						d = 0.0f;
						nxv = (i % 2 == 0)
							  ? 1.0f
							  : -1.0f; // same centre: apart sideways, the same way each run
					}
					const float overlap = reach - d;
					// A sleeping body hit fast enough wakes; else it holds like a wall.
					if (a.asleep() && speeds_[j] > kWakeSpeed) {
						a.still = 0;
					} else if (b.asleep() && speeds_[i] > kWakeSpeed) {
						b.still = 0;
					}
					const float ma = areaOf(a.radius), mb = areaOf(b.radius);
					// Against a sleeping body the awake one moves by its usual share (a body
					// falling asleep gives its neighbours no jolt); the passes after it close the
					// rest.
					const float wa = a.asleep() ? 0.0f : mb / (ma + mb);
					const float wb = b.asleep() ? 0.0f : ma / (ma + mb);
					a.x -= nxv * overlap * wa;
					a.y -= nyv * overlap * wa;
					b.x += nxv * overlap * wb;
					b.y += nyv * overlap * wb;
				}
			}
		}
	}
}

} // namespace livegifts::view
