#pragma once

// The colour emoji that stands in for a gift's picture when there is none (no URL, a failed download,
// or pictures hidden by the streamer's choice stay hidden: this is only the missing-picture fallback).

#include <string>
#include <string_view>

namespace livegifts::view {

// By gift name, case and spacing ignored ("Rose" -> 🌹, "Finger Heart" -> 🫰); 🎁 for anything else.
std::string giftEmoji(std::string_view giftName);

} // namespace livegifts::view
