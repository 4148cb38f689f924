#pragma once

// UTF-8 checks for text from the wire: frames, names, templates.

#include <string>
#include <string_view>

namespace livegifts {

// True when `text` is valid UTF-8.
bool isValidUtf8(std::string_view text);
// Replaces each invalid UTF-8 sequence with U+FFFD.
std::string repairUtf8(std::string_view text);

} // namespace livegifts
