#pragma once

// A sound file (WAV, MP3, OGG, anything FFmpeg reads) decoded to float PCM in the layout OBS mixes in: its
// sample rate and channel count, planar. A plain WAV file is read by wav-file.hpp and only resampled by FFmpeg;
// anything else goes through FFmpeg's demuxers and decoders. No libobs: the sound worker decodes, never the
// video thread.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace livegifts::obs {

struct PcmClip {
	uint32_t sampleRate = 0;
	uint32_t channels = 0;
	// Planes kept: `channels`, or 1 when every channel is the same (a mono file, or a stereo one whose two
	// channels are equal): that plane plays on every channel, kept once.
	uint32_t planes = 0;
	size_t frames = 0;
	std::vector<float> samples; // planar: plane p's frames are [p * frames, (p + 1) * frames)

	const float *channel(uint32_t c) const
	{
		const uint32_t kept = planes > 0 ? planes : channels; // a clip made without `planes`: one per channel
		const uint32_t plane = kept > 0 ? std::min(c, kept - 1) : 0;
		return samples.data() + static_cast<size_t>(plane) * frames;
	}
	// True when every channel plays the same samples.
	bool shared() const { return planes == 1 && channels > 1; }
	size_t bytes() const { return samples.size() * sizeof(float); }
	double seconds() const { return sampleRate > 0 ? static_cast<double>(frames) / sampleRate : 0.0; }
};

enum class SoundReader { PlainWav, Ffmpeg };

struct DecodedSound {
	std::optional<PcmClip> clip;              // none: see error
	std::string error;                        // why there is no clip, in words for the log
	bool truncated = false;                   // the file was longer than maxSeconds: only its start is kept
	SoundReader reader = SoundReader::Ffmpeg; // who read the file
};

// Decodes the first audio stream of the file at `utf8Path` to `channels` channels at `sampleRate` Hz
// (a mono file plays at full level on every channel), keeping at most `maxSeconds`.
DecodedSound decodeSound(const std::string &utf8Path, uint32_t sampleRate, uint32_t channels, double maxSeconds);

} // namespace livegifts::obs
