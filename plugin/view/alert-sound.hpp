#pragma once

// Which sound an alert plays. The one place the choice is made: the most specific sound that is set wins
// (a value tier's own sound, else the default look's). More specific choices (an event kind, a gift rule)
// go in front of the tier's here.

#include "view/alert-queue.hpp"
#include "view/sound-spec.hpp"

namespace livegifts::view {

// The sound of an alert shown in tier `tierLevel` (0: the default look). A tier whose sound is not set
// plays the default look's; a tier set to "none" (an empty SoundSpec) plays nothing.
SoundSpec alertSound(const AlertQueueOptions &options, int tierLevel);

} // namespace livegifts::view
