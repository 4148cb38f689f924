#pragma once

// A sound file (WAV, MP3, OGG, anything FFmpeg reads) decoded to float PCM in the layout OBS mixes in: its
// sample rate and channel count, planar. A plain WAV file is read by wav-file.hpp and only resampled by FFmpeg;
// anything else goes through FFmpeg's demuxers and decoders. No libobs: the sound worker decodes, never the
// video thread.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace livegifts::obs {

struct PcmClip {
	uint32_t sampleRate = 0;
	uint32_t channels = 0;
	size_t frames = 0;
	std::vector<float> samples; // planar: channel c's frames are [c * frames, (c + 1) * frames)

	const float *channel(uint32_t c) const { return samples.data() + static_cast<size_t>(c) * frames; }
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
