#pragma once

// Plain WAV files (RIFF/WAVE with integer PCM of 8, 16, 24 or 32 bits or IEEE float of 32 or 64 bits, also in
// WAVE_FORMAT_EXTENSIBLE, 1 to 8 channels) read without FFmpeg: the bundled alert sounds are such files, and
// reading them directly keeps FFmpeg's demuxers and decoders out of memory. Anything else (compressed WAV,
// RF64, a damaged header, MP3, OGG...) is left to FFmpeg. Pure C++: no FFmpeg, no libobs.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace livegifts::obs {

struct WavAudio {
	uint32_t sampleRate = 0;
	uint32_t channels = 0;
	size_t frames = 0;
	std::vector<float> samples; // planar, in [-1, 1]: channel c's frames are [c * frames, (c + 1) * frames)
	bool truncated = false;     // the file holds more than the frames asked for
};

// The audio of the WAV file at `utf8Path`, its first `maxSeconds` (and one frame more, for a resampler's
// sake); none when the file is not a plain WAV this reader takes (then FFmpeg decides), or holds no frame.
// Only the header and those frames are read from the file.
std::optional<WavAudio> readPlainWav(const std::string &utf8Path, double maxSeconds);

// The same from a file's bytes.
std::optional<WavAudio> parsePlainWav(const unsigned char *data, size_t size, double maxSeconds);

} // namespace livegifts::obs
