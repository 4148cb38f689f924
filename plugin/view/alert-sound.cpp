#include "view/alert-sound.hpp"

namespace livegifts::view {

SoundSpec alertSound(const AlertQueueOptions &options, int tierLevel)
{
	if (auto tier = options.tierSounds.find(tierLevel); tierLevel > 0 && tier != options.tierSounds.end()) {
		return tier->second;
	}
	return options.sound;
}

} // namespace livegifts::view
