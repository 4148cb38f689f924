// Checks the audio track of a recording: loud enough where a sound must be, silent where none may be.
//
//   audio-check RECORDING [--sound FROM TO]... [--silent FROM TO]... [--onset FROM TO] [--threshold RMS]
//
// Times are seconds from the start of the recording. --sound: the loudest 50 ms in the window has an RMS
// above 0.02 (-34 dBFS); --silent: the RMS of every 50 ms in the window is below the threshold (default
// 0.002, -54 dBFS); --onset: the first 10 ms of the recording above 0.005 RMS starts in the window. The track is
// decoded with the module's own decoder (FFmpeg) to 48 kHz mono.

#include "obs/audio/sound-decode.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace {

constexpr uint32_t kRate = 48000;
constexpr size_t kWindow = kRate / 20; // 50 ms

struct Span {
	double from;
	double to;
	bool sound;
};

// RMS of each 50 ms window whose start lies in [from, to).
std::vector<double> windowRms(const livegifts::obs::PcmClip &clip, double from, double to)
{
	std::vector<double> out;
	const float *samples = clip.channel(0);
	for (auto at = static_cast<size_t>(std::max(from, 0.0) * kRate);
	     at + kWindow <= clip.frames && static_cast<double>(at) < to * kRate; at += kWindow) {
		double sum = 0.0;
		for (size_t i = at; i < at + kWindow; ++i) {
			sum += static_cast<double>(samples[i]) * samples[i];
		}
		out.push_back(std::sqrt(sum / kWindow));
	}
	return out;
}

} // namespace

int main(int argc, char **argv)
{
	if (argc < 2) {
		std::fprintf(stderr, "usage: audio-check RECORDING [--sound FROM TO]... [--silent FROM TO]...\n");
		return 2;
	}
	std::vector<Span> spans;
	double threshold = 0.002;
	std::vector<double> onset;
	for (int i = 2; i < argc; ++i) {
		const std::string arg = argv[i];
		if ((arg == "--sound" || arg == "--silent") && i + 2 < argc) {
			spans.push_back({std::stod(argv[i + 1]), std::stod(argv[i + 2]), arg == "--sound"});
			i += 2;
		} else if (arg == "--onset" && i + 2 < argc) {
			onset = {std::stod(argv[i + 1]), std::stod(argv[i + 2])};
			i += 2;
		} else if (arg == "--threshold" && i + 1 < argc) {
			threshold = std::stod(argv[++i]);
		} else {
			std::fprintf(stderr, "audio-check: unknown argument %s\n", arg.c_str());
			return 2;
		}
	}
	const auto decoded = livegifts::obs::decodeSound(argv[1], kRate, 1, 600.0);
	if (!decoded.clip) {
		std::fprintf(stderr, "audio-check: FAIL %s: %s\n", argv[1], decoded.error.c_str());
		return 1;
	}
	const auto &clip = *decoded.clip;
	std::printf("audio-check: %s: %.2f s of audio\n", argv[1], clip.seconds());
	bool ok = true;
	for (const Span &span : spans) {
		const std::vector<double> rms = windowRms(clip, span.from, span.to);
		if (rms.empty()) {
			std::fprintf(stderr, "audio-check: FAIL [%.2f, %.2f] s is not in the recording\n", span.from,
				     span.to);
			ok = false;
			continue;
		}
		const auto loudest = std::max_element(rms.begin(), rms.end());
		const double at = span.from + static_cast<double>(loudest - rms.begin()) * kWindow / kRate;
		const bool pass = span.sound ? *loudest > 0.02 : *loudest < threshold;
		std::printf("audio-check: %s [%.2f, %.2f] s: loudest 50 ms RMS %.5f at %.2f s: %s\n",
			    span.sound ? "sound " : "silent", span.from, span.to, *loudest, at, pass ? "ok" : "FAIL");
		ok = ok && pass;
	}
	if (!onset.empty()) {
		constexpr size_t kStep = kRate / 100; // 10 ms
		double first = -1.0;
		for (size_t at = 0; at + kStep <= clip.frames && first < 0; at += kStep) {
			double sum = 0.0;
			for (size_t i = at; i < at + kStep; ++i) {
				sum += static_cast<double>(clip.channel(0)[i]) * clip.channel(0)[i];
			}
			if (std::sqrt(sum / kStep) > 0.005) {
				first = static_cast<double>(at) / kRate;
			}
		}
		const bool pass = first >= onset[0] && first <= onset[1];
		std::printf("audio-check: onset at %.3f s (want [%.2f, %.2f]): %s\n", first, onset[0], onset[1],
			    pass ? "ok" : "FAIL");
		ok = ok && pass;
	}
	return ok ? 0 : 1;
}
