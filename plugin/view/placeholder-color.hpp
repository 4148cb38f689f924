#pragma once

// The disc colour behind a supporter's initials while there is no avatar picture.

#include "view/draw-types.hpp"

#include <string>

namespace livegifts::view {

// A pleasant disc colour picked from `seed` (a supporter id), the same for the same seed.
Rgba placeholderColor(const std::string &seed);

} // namespace livegifts::view
