#pragma once

// The bounds on what one frame (one WebSocket message, one line of a JSONL replay) may cost. They are
// all here so that a reader sees in one place what hostile input can take from OBS, and every error
// that stops at one of them names the constant.
//
// - A frame longer than maxFrameBytes is rejected unread (the replay reads such a line in bounded
//   chunks and skips it to its newline, never holding it whole).
// - A frame nested deeper than maxJsonDepth (objects and arrays, counted from the frame's root) is
//   rejected: every tracked level costs the parser a record of the message being read.
// - A frame whose bundles hold more than maxMessagesPerFrame messages in all is rejected.
// - At most maxErrorsPerFrame errors of one frame are kept and logged; one more line says how many
//   were left out.
// - After a frame of releaseAfterBytes or more, the parser's buffers are given back and, on glibc,
//   malloc_trim(0) returns the free heap to the system (a hostile frame leaves no lasting RSS).
//
// - A gift's diamondCount above maxDiamondsPerUnit or repeatCount above maxRepeatCount makes that
//   message an error. Sums of legal values stop at the int64 limit with an error (checked.hpp).
//
// - Names, ids and picture addresses are bounded per field (below).
//
// The rest of the stream is read on after any of them.

#include <cstddef>
#include <cstdint>

namespace livegifts::limits {

inline constexpr std::size_t maxFrameBytes = 16 * 1024 * 1024;
inline constexpr std::size_t maxJsonDepth = 128;
inline constexpr std::size_t maxMessagesPerFrame = 2000;
inline constexpr std::size_t maxErrorsPerFrame = 20;
inline constexpr std::size_t releaseAfterBytes = 1024 * 1024;
inline constexpr std::int64_t maxDiamondsPerUnit = 1'000'000'000;
inline constexpr std::int64_t maxRepeatCount = 1'000'000'000;
// Text fields of a message, whatever the frame's size: names (nicknames, gift names) are cut at a UTF-8
// boundary to maxNameBytes (a 120-character name of ZWJ emoji fits), ids to maxIdBytes; a picture address
// longer than maxUrlBytes is dropped (cut, it would name nothing): what is kept per message stays small.
// TikTok's signed picture addresses take about 300 bytes; every supporter keeps one, so its cap is what a
// feed of ever-new viewers with made-up addresses can cost each (8192 before: 200,000 such viewers held
// gigabytes).
inline constexpr std::size_t maxNameBytes = 4096;
inline constexpr std::size_t maxIdBytes = 256;
inline constexpr std::size_t maxUrlBytes = 2048;

} // namespace livegifts::limits
