// Makes the default alert sounds of obs-live-gifts (data/sounds/*.wav): a soft chime, a coin sparkle, a big
// fanfare and a pop, synthesised from sine partials, envelopes and a little noise.
//
//   make-sounds OUT_DIR
//
// Deterministic to the byte on every platform and compiler: integer arithmetic only (a fixed-point sine,
// envelopes and a xorshift noise), no libm, no floating point. The test sounds.generated regenerates them
// and compares them with the committed files.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace {

constexpr int64_t kRate = 24000;           // mono 16-bit at 24 kHz: small files, OBS resamples them
constexpr int64_t kOne = int64_t{1} << 30; // Q30

// sin(2 pi phase / 2^32) in Q15, from an odd polynomial of the quarter wave in Q30.
int32_t sine(uint32_t phase)
{
	const uint32_t quadrant = phase >> 30;
	int64_t x = (phase >> 14) & 0xFFFF; // position in the quarter, Q16
	if (quadrant & 1u) {
		x = 0x10000 - x;
	}
	const int64_t q = x << 14; // Q30
	const int64_t q2 = (q * q) >> 30;
	int64_t r = 172272;                // (pi/2)^9 / 9!
	r = 5026995 - ((q2 * r) >> 30);    // (pi/2)^7 / 7!
	r = 85569306 - ((q2 * r) >> 30);   // (pi/2)^5 / 5!
	r = 693598668 - ((q2 * r) >> 30);  // (pi/2)^3 / 3!
	r = 1686629713 - ((q2 * r) >> 30); // pi/2
	const auto s = static_cast<int32_t>(std::min<int64_t>((q * r) >> 45, 32767));
	return quadrant >= 2 ? -s : s;
}

// Phase step per sample of a frequency given in millihertz.
uint32_t stepOf(int64_t milliHz)
{
	return static_cast<uint32_t>((milliHz << 32) / (kRate * 1000));
}

int64_t samplesOf(int64_t ms)
{
	return ms * kRate / 1000;
}

// A decaying partial: attack ramp, then an exponential decay with time constant tauMs, over [start, end).
struct Partial {
	int64_t milliHz;
	int32_t level; // Q15
	int64_t startMs;
	int64_t attackMs;
	int64_t tauMs;
	int64_t endMs;
	int64_t releaseMs = 30; // linear fade before end
};

void addPartial(std::vector<int64_t> &mix, const Partial &p)
{
	const int64_t start = samplesOf(p.startMs);
	const int64_t end = std::min<int64_t>(samplesOf(p.endMs), static_cast<int64_t>(mix.size()));
	const int64_t attack = std::max<int64_t>(samplesOf(p.attackMs), 1);
	const int64_t release = std::max<int64_t>(samplesOf(p.releaseMs), 1);
	const int64_t decay = kOne - kOne / std::max<int64_t>(samplesOf(p.tauMs), 1); // per-sample factor, Q30
	const uint32_t step = stepOf(p.milliHz);
	uint32_t phase = 0;
	int64_t envelope = kOne;
	for (int64_t i = start; i < end; ++i) {
		const int64_t t = i - start;
		int64_t gain = envelope;
		if (t < attack) {
			gain = gain * t / attack;
		}
		if (end - i < release) {
			gain = gain * (end - i) / release;
		}
		mix[static_cast<size_t>(i)] += ((int64_t{sine(phase)} * p.level >> 15) * gain) >> 30;
		phase += step;
		if (t >= attack) {
			envelope = (envelope * decay) >> 30;
		}
	}
}

// A brass-like note: harmonics 1..6 with falling levels.
void addBrass(std::vector<int64_t> &mix, int64_t milliHz, int32_t level, int64_t startMs, int64_t endMs, int64_t tauMs)
{
	const int32_t harmonics[] = {32767, 19660, 14745, 9830, 6553, 3932};
	for (int h = 0; h < 6; ++h) {
		const int64_t f = milliHz * (h + 1);
		if (f >= kRate * 1000 / 2) {
			break;
		}
		addPartial(mix, {f, static_cast<int32_t>(int64_t{level} * harmonics[h] >> 15), startMs, 18 + 4 * h,
				 tauMs, endMs, 60});
	}
}

// Short filtered noise (a click or a shimmer): xorshift32, smoothed once.
void addNoise(std::vector<int64_t> &mix, int32_t level, int64_t startMs, int64_t lengthMs, uint32_t seed)
{
	const int64_t start = samplesOf(startMs);
	const int64_t length = std::max<int64_t>(samplesOf(lengthMs), 1);
	uint32_t state = seed;
	int64_t last = 0;
	for (int64_t t = 0; t < length && start + t < static_cast<int64_t>(mix.size()); ++t) {
		state ^= state << 13;
		state ^= state >> 17;
		state ^= state << 5;
		const int64_t white = static_cast<int64_t>(state >> 16) - 32768; // Q15
		last = (last + white) / 2;
		mix[static_cast<size_t>(start + t)] += (last * level >> 15) * (length - t) / length;
	}
}

std::vector<int16_t> finish(const std::vector<int64_t> &mix)
{
	std::vector<int16_t> out(mix.size());
	for (size_t i = 0; i < mix.size(); ++i) {
		out[i] = static_cast<int16_t>(std::clamp<int64_t>(mix[i], -32767, 32767));
	}
	return out;
}

// A soft two-note bell: E6 then B6, each with a quiet octave and an inharmonic overtone.
std::vector<int16_t> chime()
{
	std::vector<int64_t> mix(static_cast<size_t>(samplesOf(1300)));
	const int64_t notes[][2] = {{1318510, 0}, {1975533, 140}};
	for (const auto &note : notes) {
		addPartial(mix, {note[0], 9000, note[1], 6, 380, 1300, 200});
		addPartial(mix, {note[0] * 2, 2600, note[1], 4, 160, 1300, 200});
		addPartial(mix, {note[0] * 276 / 100, 1300, note[1], 3, 90, 1300, 200});
	}
	return finish(mix);
}

// The classic coin: B5 then a ringing E6, and three sparkles above.
std::vector<int16_t> coin()
{
	std::vector<int64_t> mix(static_cast<size_t>(samplesOf(650)));
	addPartial(mix, {987767, 9000, 0, 3, 400, 85, 8});
	addPartial(mix, {987767 * 3, 2600, 0, 3, 400, 85, 8});
	addPartial(mix, {1318510, 9500, 85, 3, 170, 650, 120});
	addPartial(mix, {1318510 * 3, 2400, 85, 3, 90, 650, 120});
	const int64_t sparkles[][2] = {{2637020, 150}, {3135963, 220}, {3951066, 290}, {5274041, 350}};
	for (const auto &sparkle : sparkles) {
		addPartial(mix, {sparkle[0], 4200, sparkle[1], 2, 45, 650, 60});
	}
	addNoise(mix, 1800, 150, 260, 0x9E3779B9u);
	return finish(mix);
}

// A short brass call (G4, C5, E5) and a held C major chord that swells out.
std::vector<int16_t> fanfare()
{
	std::vector<int64_t> mix(static_cast<size_t>(samplesOf(1900)));
	addBrass(mix, 391995, 4200, 0, 170, 900);
	addBrass(mix, 523251, 4200, 160, 330, 900);
	addBrass(mix, 659255, 4200, 320, 490, 900);
	const int64_t chord[] = {523251, 659255, 783991, 1046502};
	for (const int64_t note : chord) {
		addBrass(mix, note, 3000, 480, 1900, 1100);
	}
	addNoise(mix, 2200, 480, 120, 0x2545F491u); // a cymbal-like splash on the chord
	return finish(mix);
}

// A bubble pop: a sine falling from 900 to 250 Hz in 60 ms, with a tiny click.
std::vector<int16_t> pop()
{
	std::vector<int64_t> mix(static_cast<size_t>(samplesOf(220)));
	const int64_t length = static_cast<int64_t>(mix.size());
	const int64_t fall = samplesOf(60);
	const int64_t decay = kOne - kOne / samplesOf(35);
	uint32_t phase = 0;
	int64_t envelope = kOne;
	for (int64_t t = 0; t < length; ++t) {
		const int64_t milliHz = t < fall ? 900000 - (650000 * t) / fall : 250000;
		int64_t gain = envelope;
		if (t < samplesOf(2)) {
			gain = gain * t / samplesOf(2);
		}
		mix[static_cast<size_t>(t)] += ((int64_t{sine(phase)} * 16000 >> 15) * gain) >> 30;
		phase += stepOf(milliHz);
		envelope = (envelope * decay) >> 30;
	}
	addNoise(mix, 5000, 0, 4, 0x6C8E9CF5u);
	return finish(mix);
}

void put16(std::string &out, uint32_t value)
{
	out.push_back(static_cast<char>(value & 0xFF));
	out.push_back(static_cast<char>((value >> 8) & 0xFF));
}

void put32(std::string &out, uint32_t value)
{
	put16(out, value & 0xFFFF);
	put16(out, value >> 16);
}

// A canonical 44-byte-header PCM WAV, little-endian whatever the machine.
bool writeWav(const std::string &path, const std::vector<int16_t> &samples)
{
	const auto dataBytes = static_cast<uint32_t>(samples.size() * 2);
	std::string out = "RIFF";
	put32(out, 36 + dataBytes);
	out += "WAVEfmt ";
	put32(out, 16);
	put16(out, 1); // PCM
	put16(out, 1); // mono
	put32(out, static_cast<uint32_t>(kRate));
	put32(out, static_cast<uint32_t>(kRate * 2));
	put16(out, 2);
	put16(out, 16);
	out += "data";
	put32(out, dataBytes);
	for (const int16_t sample : samples) {
		put16(out, static_cast<uint16_t>(sample));
	}
	std::ofstream file(path, std::ios::binary | std::ios::trunc);
	file.write(out.data(), static_cast<std::streamsize>(out.size()));
	return static_cast<bool>(file);
}

} // namespace

int main(int argc, char **argv)
{
	if (argc != 2) {
		std::fprintf(stderr, "usage: make-sounds OUT_DIR\n");
		return 2;
	}
	const std::string dir = argv[1];
	const struct {
		const char *name;
		std::vector<int16_t> samples;
	} sounds[] = {{"chime", chime()}, {"coin", coin()}, {"fanfare", fanfare()}, {"pop", pop()}};
	for (const auto &sound : sounds) {
		const std::string path = dir + "/" + sound.name + ".wav";
		if (!writeWav(path, sound.samples)) {
			std::fprintf(stderr, "make-sounds: cannot write %s\n", path.c_str());
			return 1;
		}
		std::printf("make-sounds: %s (%.2f s)\n", path.c_str(),
			    static_cast<double>(sound.samples.size()) / static_cast<double>(kRate));
	}
	return 0;
}
