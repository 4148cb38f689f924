#include "core/clock.hpp"

namespace livegifts {

Millis SteadyClock::nowMs() const
{
	using namespace std::chrono;
	return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

Clock &steadyClock()
{
	// Never destroyed: a worker thread still running while static objects are torn down (a host that
	// calls exit()) may still read it.
	static SteadyClock *clock = new SteadyClock;
	return *clock;
}

Millis wallClockMs()
{
	using namespace std::chrono;
	return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace livegifts
