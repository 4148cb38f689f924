#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/event.hpp"
#include "core/limits.hpp"
#include "core/utf8.hpp"

namespace livegifts {

namespace detail {
struct FrameHandler;
}

// What went wrong with one frame or one message in it.
struct ParseError {
	std::string message; // human-readable, without the frame's position in the input
};

// Result of parsing one frame. A bundle may yield several events and several errors.
struct ParseResult {
	bool frameOk = true;       // false: the frame itself was rejected (malformed JSON, too large, ...)
	bool repairedUtf8 = false; // invalid UTF-8 or a lone surrogate escape was replaced by U+FFFD before parsing
	std::vector<ParseError> errors; // frame-level or per-message problems

	// A frame refused as a whole, for `reason`.
	static ParseResult rejected(std::string reason)
	{
		ParseResult result;
		result.frameOk = false;
		result.errors.push_back({std::move(reason)});
		return result;
	}
};

// One frame read once: its events and what went wrong. Made where the frame arrives (a connector's
// thread, or the engine's worker for Engine::submitFrame) and handed on as it is.
struct ParsedFrame {
	std::vector<Event> events;
	ParseResult result;

	// The frame ends the LIVE stream: one of its events is a stream end (streamEnd, liveEnd, an Euler
	// control message with action 3 or 4, in a bundle too).
	bool streamEnd() const;
};

// Turns one raw text frame into normalised Events. Understands the {"event","data"} envelope
// (TikFinity, TLC bridges), Euler {"type","data"} frames, {"messages":[...]} bundles and bare
// WebcastXxxMessage objects with common.method; the `data` of TLC 1.x (flat), 2.0-2.2 (nested
// user/giftDetails) and 2.3+ (raw protobuf objects). Numbers may be strings, booleans 0/1.
//
// A streaming (SAX) parser that keeps only the fields the engine uses; never throws on input. The bounds
// of limits.hpp apply (size, nesting depth, messages per frame, errors kept); after a frame of
// limits::releaseAfterBytes or more its buffers are given back.
// Not thread-safe: one per thread (it reuses its buffers).
class FrameParser {
public:
	explicit FrameParser(std::size_t maxFrameBytes = limits::maxFrameBytes);
	~FrameParser();
	FrameParser(const FrameParser &) = delete;
	FrameParser &operator=(const FrameParser &) = delete;

	// Appends the frame's events to `out`.
	ParseResult parse(std::string_view frame, std::vector<Event> &out);
	// The frame's events and result.
	ParsedFrame parse(std::string_view frame);

	// The fast scanner (on by default) skips what is not needed; off, every frame goes through
	// nlohmann's SAX parser. Both give the same events (tests compare them).
	void setFastPath(bool enabled) { fastPath_ = enabled; }

private:
	ParseResult parseFrame(std::string_view frame, std::vector<Event> &out);

	struct Scanner;
	std::unique_ptr<detail::FrameHandler> handler_;
	std::unique_ptr<Scanner> scanner_;
	std::size_t maxFrameBytes_;
	bool fastPath_ = true;
};

} // namespace livegifts
