#pragma once

// A cheap look at a frame without building it: is it one JSON document, and does it announce the end of
// the stream? Counting is the engine's job; this only feeds the connector's status.

#include <string_view>

namespace livegifts::connect {

struct FrameCheck {
	bool json = false;      // exactly one well-formed JSON value
	bool streamEnd = false; // top-level "event" is "streamEnd"
};

FrameCheck checkFrame(std::string_view frame);

} // namespace livegifts::connect
