// The sound decoder and cache on real files: the bundled sounds (data/sounds), copies edited on disk, a
// missing file and a file that is not a sound.

#include <catch2/catch.hpp>

#include "obs/audio/sound-cache.hpp"
#include "obs/audio/sound-decode.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

using namespace livegifts::obs;

namespace {

std::string bundled(const std::string &name)
{
	return std::string(LIVE_GIFTS_SOURCE_DIR) + "/data/sounds/" + name + ".wav";
}

float peakOf(const PcmClip &clip, uint32_t channel)
{
	float peak = 0.0f;
	for (size_t i = 0; i < clip.frames; ++i) {
		peak = std::max(peak, std::fabs(clip.channel(channel)[i]));
	}
	return peak;
}

std::filesystem::path tempDir()
{
	auto dir = std::filesystem::temp_directory_path() / "live-gifts-sound-test";
	std::filesystem::create_directories(dir);
	return dir;
}

} // namespace

TEST_CASE("A bundled mono WAV decodes to OBS's rate and layout at full level on every channel", "[audio]")
{
	const DecodedSound decoded = decodeSound(bundled("chime"), 48000, 2, 30.0);
	REQUIRE(decoded.clip);
	const PcmClip &clip = *decoded.clip;
	CHECK(clip.sampleRate == 48000);
	CHECK(clip.channels == 2);
	CHECK(clip.seconds() == Approx(1.3).margin(0.01)); // 24 kHz resampled to 48 kHz
	CHECK_FALSE(decoded.truncated);
	// The file's peak is 17267 / 32768 = 0.527 (a mono channel copied, not 3 dB down).
	CHECK(peakOf(clip, 0) == Approx(0.527).margin(0.03));
	CHECK(std::equal(clip.channel(0), clip.channel(0) + clip.frames, clip.channel(1)));
	// Both channels play one plane, kept once: half the memory of two copies.
	CHECK(clip.shared());
	CHECK(clip.planes == 1);
	CHECK(clip.channel(1) == clip.channel(0));
	CHECK(clip.bytes() == clip.frames * sizeof(float));
	// Six channels of OBS's 5.1 layout: still one plane.
	const DecodedSound surround = decodeSound(bundled("chime"), 48000, 6, 30.0);
	REQUIRE(surround.clip);
	CHECK(surround.clip->planes == 1);
	CHECK(surround.clip->bytes() == clip.bytes());
	CHECK(surround.clip->channel(5)[clip.frames / 2] == clip.channel(0)[clip.frames / 2]);
}

TEST_CASE("A long file keeps only its start", "[audio]")
{
	const DecodedSound decoded = decodeSound(bundled("fanfare"), 48000, 1, 0.5);
	REQUIRE(decoded.clip);
	CHECK(decoded.truncated);
	CHECK(decoded.clip->frames == 24000);
}

TEST_CASE("A missing or broken file gives no clip, reported once", "[audio]")
{
	SoundCache cache;
	const std::string missing = (tempDir() / "no-such-sound.wav").string();
	std::filesystem::remove(missing);
	SoundCache::Result first = cache.get(missing, 48000, 2);
	CHECK_FALSE(first.clip);
	CHECK(first.error == "no such file");
	CHECK(first.firstReport);
	CHECK_FALSE(cache.get(missing, 48000, 2).firstReport);

	const std::string broken = (tempDir() / "broken.wav").string();
	std::ofstream(broken, std::ios::binary) << "this is not a sound at all";
	SoundCache::Result bad = cache.get(broken, 48000, 2);
	CHECK_FALSE(bad.clip);
	CHECK_FALSE(bad.error.empty());
	CHECK(bad.firstReport);
	CHECK_FALSE(cache.get(broken, 48000, 2).firstReport);
	CHECK(cache.clips() == 0);
}

TEST_CASE("The cache decodes once, stays within its bound and follows a file edited on disk", "[audio]")
{
	const size_t chimeBytes = decodeSound(bundled("chime"), 48000, 2, 30.0).clip->bytes();
	SoundCache cache(chimeBytes + 1024);
	SoundCache::Result chime = cache.get(bundled("chime"), 48000, 2);
	REQUIRE(chime.clip);
	CHECK(chime.decoded);
	SoundCache::Result again = cache.get(bundled("chime"), 48000, 2);
	CHECK_FALSE(again.decoded);
	CHECK(again.clip == chime.clip);
	CHECK(cache.bytes() == chimeBytes);

	// Over the bound: the least recently played goes.
	REQUIRE(cache.get(bundled("pop"), 48000, 2).clip);
	CHECK(cache.clips() == 1);
	CHECK(cache.bytes() <= cache.maxBytes());
	CHECK(cache.get(bundled("chime"), 48000, 2).decoded);

	// Another format is another clip.
	SoundCache roomy;
	const auto stereo = roomy.get(bundled("pop"), 48000, 2).clip;
	const auto mono = roomy.get(bundled("pop"), 44100, 1).clip;
	REQUIRE(stereo);
	REQUIRE(mono);
	CHECK(mono->channels == 1);
	CHECK(mono->sampleRate == 44100);
	CHECK(roomy.clips() == 2);

	// The same path with other contents is decoded again.
	const auto copy = tempDir() / "mine.wav";
	std::filesystem::copy_file(bundled("pop"), copy, std::filesystem::copy_options::overwrite_existing);
	const auto before = roomy.get(copy.string(), 48000, 2);
	REQUIRE(before.clip);
	std::filesystem::copy_file(bundled("coin"), copy, std::filesystem::copy_options::overwrite_existing);
	const auto after = roomy.get(copy.string(), 48000, 2);
	REQUIRE(after.clip);
	CHECK(after.decoded);
	CHECK(after.clip->frames > before.clip->frames);
	CHECK(roomy.clips() == 3); // the old decode of mine.wav was replaced
}
