#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace livegifts {

// Milliseconds on a monotonic time line. Only differences are meaningful.
using Millis = std::int64_t;

// The time source of the engine and the alert queues, injected so tests can drive time by hand.
class Clock {
public:
	virtual ~Clock() = default;
	virtual Millis nowMs() const = 0;
};

// std::chrono::steady_clock in milliseconds. Thread-safe, shared.
class SteadyClock final : public Clock {
public:
	Millis nowMs() const override;
};

// A clock that only moves when told to. Thread-safe (atomic), so a test thread may advance it while an
// engine worker reads it.
class ManualClock final : public Clock {
public:
	explicit ManualClock(Millis start = 0) : now_(start) {}
	Millis nowMs() const override { return now_.load(std::memory_order_acquire); }
	void set(Millis now) { now_.store(now, std::memory_order_release); }
	void advance(Millis delta) { now_.fetch_add(delta, std::memory_order_acq_rel); }

private:
	std::atomic<Millis> now_;
};

// The process-wide steady clock (the default where none is given).
Clock &steadyClock();

// Wall-clock time in milliseconds since the Unix epoch (for ledger timestamps only, never for timeouts).
Millis wallClockMs();

} // namespace livegifts
