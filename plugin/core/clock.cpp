#include "core/clock.hpp"

namespace livegifts {

Millis SteadyClock::nowMs() const
{
	using namespace std::chrono;
	return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

Clock &steadyClock()
{
	static SteadyClock clock;
	return clock;
}

Millis wallClockMs()
{
	using namespace std::chrono;
	return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace livegifts
