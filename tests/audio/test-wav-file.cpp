// Plain WAV files read without FFmpeg (obs/audio/wav-file.hpp): each sample format, the odd but legal shapes
// of real files, what is left to FFmpeg, and the decoder taking this path for the bundled sounds.

#include <catch2/catch.hpp>

#include "obs/audio/sound-decode.hpp"
#include "obs/audio/wav-file.hpp"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace livegifts::obs;

namespace {

using Bytes = std::vector<unsigned char>;

void put16(Bytes &out, uint32_t value)
{
	out.push_back(static_cast<unsigned char>(value & 0xFF));
	out.push_back(static_cast<unsigned char>((value >> 8) & 0xFF));
}

void put32(Bytes &out, uint32_t value)
{
	put16(out, value & 0xFFFF);
	put16(out, value >> 16);
}

void set32(Bytes &out, size_t at, uint32_t value)
{
	for (int i = 0; i < 4; ++i) {
		out[at + static_cast<size_t>(i)] = static_cast<unsigned char>((value >> (8 * i)) & 0xFF);
	}
}

void putTag(Bytes &out, const char *tag)
{
	for (int i = 0; i < 4; ++i) {
		out.push_back(static_cast<unsigned char>(tag[i]));
	}
}

struct Shape {
	uint16_t tag = 1; // PCM
	uint16_t channels = 1;
	uint32_t rate = 48000;
	uint16_t bits = 16;
	uint16_t container = 2; // bytes per sample
	bool extensible = false;
	uint16_t subTag = 1;
};

Bytes fmtChunk(const Shape &shape)
{
	Bytes fmt;
	put16(fmt, shape.extensible ? 0xFFFE : shape.tag);
	put16(fmt, shape.channels);
	put32(fmt, shape.rate);
	put32(fmt, shape.rate * shape.channels * shape.container);
	put16(fmt, static_cast<uint16_t>(shape.channels * shape.container));
	put16(fmt, shape.bits);
	if (shape.extensible) {
		put16(fmt, 22);
		put16(fmt, shape.bits);
		put32(fmt, 0);
		put16(fmt, shape.subTag);
		const unsigned char tail[14] = {0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71};
		fmt.insert(fmt.end(), tail, tail + 14);
	}
	return fmt;
}

// A WAV file: RIFF header, the chunks given in order.
Bytes wav(const std::vector<std::pair<const char *, Bytes>> &chunks, uint32_t riffSize = 0)
{
	Bytes out;
	putTag(out, "RIFF");
	put32(out, 0);
	putTag(out, "WAVE");
	for (const auto &[tag, body] : chunks) {
		putTag(out, tag);
		put32(out, static_cast<uint32_t>(body.size()));
		out.insert(out.end(), body.begin(), body.end());
		if (body.size() % 2 == 1) {
			out.push_back(0);
		}
	}
	const uint32_t size = riffSize != 0 ? riffSize : static_cast<uint32_t>(out.size() - 8);
	set32(out, 4, size);
	return out;
}

std::optional<WavAudio> parse(const Bytes &bytes, double maxSeconds = 30.0)
{
	return parsePlainWav(bytes.data(), bytes.size(), maxSeconds);
}

} // namespace

TEST_CASE("Integer and float samples of every plain width read as [-1, 1]", "[audio][wav]")
{
	SECTION("8-bit unsigned")
	{
		const auto audio = parse(wav({{"fmt ", fmtChunk({1, 1, 8000, 8, 1})}, {"data", {0, 128, 255, 64}}}));
		REQUIRE(audio);
		CHECK(audio->frames == 4);
		CHECK(audio->samples[0] == -1.0f);
		CHECK(audio->samples[1] == 0.0f);
		CHECK(audio->samples[2] == Approx(127.0 / 128.0));
		CHECK(audio->samples[3] == -0.5f);
	}
	SECTION("16-bit stereo, planar")
	{
		Bytes data;
		put16(data, 0x8000); // left -1
		put16(data, 0x4000); // right 0.5
		put16(data, 0x7FFF);
		put16(data, 0xC000);
		const auto audio = parse(wav({{"fmt ", fmtChunk({1, 2, 44100, 16, 2})}, {"data", data}}));
		REQUIRE(audio);
		CHECK(audio->channels == 2);
		CHECK(audio->sampleRate == 44100);
		CHECK(audio->frames == 2);
		CHECK(audio->samples == std::vector<float>{-1.0f, 32767.0f / 32768.0f, 0.5f, -0.5f});
	}
	SECTION("24-bit")
	{
		const auto audio = parse(
		    wav({{"fmt ", fmtChunk({1, 1, 48000, 24, 3})}, {"data", {0x00, 0x00, 0xC0, 0x00, 0x00, 0x20}}}));
		REQUIRE(audio);
		CHECK(audio->samples == std::vector<float>{-0.5f, 0.25f});
	}
	SECTION("24 valid bits in 32-bit containers (extensible)")
	{
		Shape shape{1, 1, 48000, 32, 4, true, 1};
		Bytes data;
		put32(data, 0x40000000);
		const auto audio = parse(wav({{"fmt ", fmtChunk(shape)}, {"data", data}}));
		REQUIRE(audio);
		CHECK(audio->samples == std::vector<float>{0.5f});
	}
	SECTION("32-bit float, NaN and out-of-range values kept in [-1, 1]")
	{
		Bytes data;
		const float values[] = {0.25f, 2.0f, std::nanf(""), -3.0f};
		for (float value : values) {
			uint32_t raw;
			std::memcpy(&raw, &value, 4);
			put32(data, raw);
		}
		const auto audio = parse(wav({{"fmt ", fmtChunk({3, 1, 48000, 32, 4})}, {"data", data}}));
		REQUIRE(audio);
		CHECK(audio->samples == std::vector<float>{0.25f, 1.0f, 0.0f, -1.0f});
	}
	SECTION("64-bit float, extensible")
	{
		Bytes data;
		const double value = -0.125;
		uint64_t raw;
		std::memcpy(&raw, &value, 8);
		put32(data, static_cast<uint32_t>(raw));
		put32(data, static_cast<uint32_t>(raw >> 32));
		const auto audio = parse(wav({{"fmt ", fmtChunk({3, 1, 48000, 64, 8, true, 3})}, {"data", data}}));
		REQUIRE(audio);
		CHECK(audio->samples == std::vector<float>{-0.125f});
	}
}

TEST_CASE("Real files' odd shapes: other chunks, odd sizes, a cut or never-finished data chunk", "[audio][wav]")
{
	Bytes data;
	put16(data, 0x4000);
	put16(data, 0x2000);
	SECTION("a LIST chunk of odd size (padded) before fmt and data")
	{
		const auto audio = parse(wav({{"LIST", Bytes(7, 'x')}, {"fmt ", fmtChunk({})}, {"data", data}}));
		REQUIRE(audio);
		CHECK(audio->samples == std::vector<float>{0.5f, 0.25f});
	}
	SECTION("a data chunk longer than the file (cut short): what is there plays")
	{
		Bytes bytes = wav({{"fmt ", fmtChunk({})}, {"data", data}});
		bytes.resize(bytes.size() - 1); // half a sample gone
		const auto audio = parse(bytes);
		REQUIRE(audio);
		CHECK(audio->frames == 1);
	}
	SECTION("a size never filled in by a recorder (0xFFFFFFFF)")
	{
		Bytes bytes = wav({{"fmt ", fmtChunk({})}, {"data", data}}, 0xFFFFFFFF);
		set32(bytes, bytes.size() - data.size() - 4, 0xFFFFFFFF);
		const auto audio = parse(bytes);
		REQUIRE(audio);
		CHECK(audio->frames == 2);
	}
	SECTION("only the frames asked for are read, and the cut is said")
	{
		const auto audio =
		    parse(wav({{"fmt ", fmtChunk({1, 1, 1000, 16, 2})}, {"data", Bytes(2 * 5000, 0)}}), 2.0);
		REQUIRE(audio);
		CHECK(audio->frames == 2001); // two seconds and one frame for the resampler
		CHECK(audio->truncated);
	}
}

TEST_CASE("Files this reader does not take are left to FFmpeg", "[audio][wav]")
{
	Bytes data(4, 0);
	CHECK_FALSE(parse({}));
	CHECK_FALSE(parse(Bytes{'R', 'I', 'F', 'F'}));
	Bytes rf64 = wav({{"fmt ", fmtChunk({})}, {"data", data}});
	std::memcpy(rf64.data(), "RF64", 4);
	CHECK_FALSE(parse(rf64));
	CHECK_FALSE(parse(wav({{"fmt ", fmtChunk({2, 1, 48000, 4, 1})}, {"data", data}}))); // MS ADPCM
	CHECK_FALSE(
	    parse(wav({{"fmt ", fmtChunk({1, 1, 48000, 16, 2, true, 2})}, {"data", data}})));        // extensible ADPCM
	CHECK_FALSE(parse(wav({{"data", data}, {"fmt ", fmtChunk({})}})));                           // data before fmt
	CHECK_FALSE(parse(wav({{"fmt ", fmtChunk({1, 9, 48000, 16, 2})}, {"data", Bytes(18, 0)}}))); // 9 channels
	CHECK_FALSE(parse(wav({{"fmt ", fmtChunk({1, 1, 48000, 16, 2})}, {"data", {}}})));           // no frame
	CHECK_FALSE(parse(wav({{"fmt ", fmtChunk({3, 1, 48000, 16, 2})}, {"data", data}})));         // 16-bit "float"
	Bytes shortFmt = fmtChunk({});
	shortFmt.resize(12);
	CHECK_FALSE(parse(wav({{"fmt ", shortFmt}, {"data", data}})));
}

TEST_CASE("The decoder reads plain WAV itself: exact samples at OBS's rate, resampled otherwise", "[audio][wav]")
{
	const auto dir = std::filesystem::temp_directory_path() / "live-gifts-wav-test";
	std::filesystem::create_directories(dir);
	auto write = [&](const std::string &name, const Bytes &bytes) {
		const auto path = dir / name;
		std::ofstream(path, std::ios::binary)
		    .write(reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
		return path.string();
	};
	Bytes data;
	for (int i = 0; i < 480; ++i) {
		put16(data, static_cast<uint32_t>(static_cast<uint16_t>(static_cast<int16_t>(i * 64 - 15000))));
		put16(data, 0x2000);
	}
	SECTION("stereo at 48 kHz into stereo at 48 kHz: the samples as they are")
	{
		const auto decoded = decodeSound(
		    write("same.wav", wav({{"fmt ", fmtChunk({1, 2, 48000, 16, 2})}, {"data", data}})), 48000, 2, 30.0);
		REQUIRE(decoded.clip);
		CHECK(decoded.reader == SoundReader::PlainWav);
		CHECK(decoded.clip->frames == 480);
		CHECK(decoded.clip->channel(0)[10] == static_cast<float>(10 * 64 - 15000) / 32768.0f);
		CHECK(decoded.clip->channel(1)[479] == 0.25f);
		CHECK(decoded.clip->planes == 2); // two different channels: both kept
		CHECK_FALSE(decoded.clip->shared());
		CHECK(decoded.clip->bytes() == 480 * 2 * sizeof(float));
		CHECK_FALSE(decoded.truncated);
	}
	SECTION("stereo whose channels are the same: one plane kept for both")
	{
		Bytes twin;
		for (int i = 0; i < 480; ++i) {
			const auto sample =
			    static_cast<uint32_t>(static_cast<uint16_t>(static_cast<int16_t>(i * 64 - 15000)));
			put16(twin, sample);
			put16(twin, sample);
		}
		const auto decoded = decodeSound(
		    write("twin.wav", wav({{"fmt ", fmtChunk({1, 2, 48000, 16, 2})}, {"data", twin}})), 48000, 2, 30.0);
		REQUIRE(decoded.clip);
		CHECK(decoded.clip->planes == 1);
		CHECK(decoded.clip->bytes() == 480 * sizeof(float));
		CHECK(decoded.clip->channel(1)[10] == static_cast<float>(10 * 64 - 15000) / 32768.0f);
	}
	SECTION("stereo at 24 kHz into stereo at 48 kHz: resampled, twice the frames")
	{
		const auto decoded = decodeSound(
		    write("half.wav", wav({{"fmt ", fmtChunk({1, 2, 24000, 16, 2})}, {"data", data}})), 48000, 2, 30.0);
		REQUIRE(decoded.clip);
		CHECK(decoded.clip->frames == Approx(960).margin(2));
		CHECK(decoded.clip->channel(1)[480] == Approx(0.25).margin(0.001));
	}
	SECTION("a WAV this reader does not take goes to FFmpeg")
	{
		Bytes bytes = wav({{"fmt ", fmtChunk({1, 2, 48000, 16, 2})}, {"data", data}});
		std::memcpy(bytes.data(), "RF64", 4); // not a valid RF64 either: FFmpeg's error is the answer
		const auto decoded = decodeSound(write("rf64.wav", bytes), 48000, 2, 30.0);
		CHECK(decoded.reader == SoundReader::Ffmpeg);
	}
	SECTION("a cut at maxSeconds is said")
	{
		const auto decoded = decodeSound(
		    write("cut.wav", wav({{"fmt ", fmtChunk({1, 2, 48000, 16, 2})}, {"data", data}})), 48000, 1, 0.005);
		REQUIRE(decoded.clip);
		CHECK(decoded.clip->frames == 240);
		CHECK(decoded.truncated);
	}
	std::filesystem::remove_all(dir);
}

TEST_CASE("Every bundled sound is a plain WAV (read without FFmpeg's demuxers)", "[audio][wav]")
{
	for (const char *name : {"chime", "coin", "fanfare", "pop"}) {
		INFO(name);
		const auto audio =
		    readPlainWav(std::string(LIVE_GIFTS_SOURCE_DIR) + "/data/sounds/" + name + ".wav", 30.0);
		REQUIRE(audio);
		CHECK(audio->frames > 1000);
	}
}
