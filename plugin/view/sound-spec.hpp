#pragma once

// A sound an alert plays when it starts showing: a file (one of data/sounds or the streamer's own WAV, MP3
// or OGG) and its volume. An empty path plays nothing.

#include <string>

namespace livegifts::view {

struct SoundSpec {
	std::string path;    // UTF-8 file path; empty: no sound
	float volume = 1.0f; // 0..1, linear gain applied to the file's samples

	bool empty() const { return path.empty() || volume <= 0.0f; }
	bool operator==(const SoundSpec &) const = default;
};

} // namespace livegifts::view
