#include "obs/audio/wav-file.hpp"

#include "core/utf8-path.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>

namespace livegifts::obs {
namespace {

// Where the bytes come from: a file (read piece by piece: only the header and the frames asked for are read)
// or memory.
class ByteSource {
public:
	virtual ~ByteSource() = default;
	virtual uint64_t size() const = 0;
	// Reads `count` bytes at `offset`; false when fewer are there.
	virtual bool read(uint64_t offset, unsigned char *out, size_t count) = 0;
};

class MemorySource final : public ByteSource {
public:
	MemorySource(const unsigned char *data, size_t size) : data_(data), size_(size) {}
	uint64_t size() const override { return size_; }
	bool read(uint64_t offset, unsigned char *out, size_t count) override
	{
		if (offset > size_ || count > size_ - offset) {
			return false;
		}
		std::memcpy(out, data_ + offset, count);
		return true;
	}

private:
	const unsigned char *data_;
	size_t size_;
};

struct FileCloser {
	void operator()(std::FILE *file) const { std::fclose(file); }
};

class FileSource final : public ByteSource {
public:
	explicit FileSource(std::FILE *file) : file_(file)
	{
		if (std::fseek(file, 0, SEEK_END) == 0) {
			const long end = std::ftell(file);
			size_ = end > 0 ? static_cast<uint64_t>(end) : 0;
		}
	}
	uint64_t size() const override { return size_; }
	bool read(uint64_t offset, unsigned char *out, size_t count) override
	{
		if (offset > size_ || count > size_ - offset ||
		    std::fseek(file_.get(), static_cast<long>(offset), SEEK_SET) != 0) {
			return false;
		}
		return std::fread(out, 1, count, file_.get()) == count;
	}

private:
	std::unique_ptr<std::FILE, FileCloser> file_;
	uint64_t size_ = 0;
};

uint16_t le16(const unsigned char *p)
{
	return static_cast<uint16_t>(p[0] | (p[1] << 8));
}

uint32_t le32(const unsigned char *p)
{
	return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) | (static_cast<uint32_t>(p[2]) << 16) |
	       (static_cast<uint32_t>(p[3]) << 24);
}

enum class Encoding { Int, Float };

struct Format {
	Encoding encoding = Encoding::Int;
	uint32_t channels = 0;
	uint32_t sampleRate = 0;
	uint32_t bytesPerSample = 0; // the container: 24-bit samples in 4-byte containers read as 4 bytes
	uint32_t blockAlign = 0;
};

constexpr uint16_t kTagPcm = 0x0001;
constexpr uint16_t kTagFloat = 0x0003;
constexpr uint16_t kTagExtensible = 0xFFFE;
// The tail every WAVE_FORMAT_EXTENSIBLE sub-format GUID shares (KSDATAFORMAT_SUBTYPE_*), after its 2-byte tag.
constexpr unsigned char kGuidTail[14] = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80,
					 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71};

std::optional<Format> readFormat(const unsigned char *fmt, uint32_t size)
{
	if (size < 16) {
		return std::nullopt;
	}
	uint16_t tag = le16(fmt);
	Format format;
	format.channels = le16(fmt + 2);
	format.sampleRate = le32(fmt + 4);
	format.blockAlign = le16(fmt + 12);
	const uint32_t bits = le16(fmt + 14);
	if (tag == kTagExtensible) {
		if (size < 40 || std::memcmp(fmt + 26, kGuidTail, sizeof(kGuidTail)) != 0) {
			return std::nullopt;
		}
		tag = le16(fmt + 24);
	}
	if (format.channels < 1 || format.channels > 8 || format.sampleRate < 1000 || format.sampleRate > 384000 ||
	    format.blockAlign == 0 || format.blockAlign % format.channels != 0) {
		return std::nullopt;
	}
	format.bytesPerSample = format.blockAlign / format.channels;
	if (tag == kTagPcm && bits >= 1 && bits <= 32 && format.bytesPerSample >= 1 && format.bytesPerSample <= 4 &&
	    bits <= format.bytesPerSample * 8) {
		format.encoding = Encoding::Int;
		return format;
	}
	if (tag == kTagFloat &&
	    ((bits == 32 && format.bytesPerSample == 4) || (bits == 64 && format.bytesPerSample == 8))) {
		format.encoding = Encoding::Float;
		return format;
	}
	return std::nullopt;
}

// One sample in [-1, 1]. Integer PCM is left-justified in its container (WAV's rule), so the container's full
// width scales it; 8-bit PCM is unsigned.
float sampleAt(const Format &format, const unsigned char *p)
{
	if (format.encoding == Encoding::Float) {
		if (format.bytesPerSample == 4) {
			const uint32_t raw = le32(p);
			float value;
			std::memcpy(&value, &raw, sizeof(value));
			return value;
		}
		const uint64_t raw = static_cast<uint64_t>(le32(p)) | (static_cast<uint64_t>(le32(p + 4)) << 32);
		double value;
		std::memcpy(&value, &raw, sizeof(value));
		return static_cast<float>(value);
	}
	switch (format.bytesPerSample) {
	case 1:
		return (static_cast<float>(p[0]) - 128.0f) / 128.0f;
	case 2:
		return static_cast<float>(static_cast<int16_t>(le16(p))) / 32768.0f;
	case 3: {
		const uint32_t raw = static_cast<uint32_t>(p[0] << 8) | static_cast<uint32_t>(p[1] << 16) |
				     (static_cast<uint32_t>(p[2]) << 24);
		return static_cast<float>(static_cast<int32_t>(raw)) / 2147483648.0f;
	}
	default:
		return static_cast<float>(static_cast<int32_t>(le32(p))) / 2147483648.0f;
	}
}

// A float sample kept finite and within [-1, 1] (a float file may hold anything, NaN included).
float clampSample(float value)
{
	if (std::isnan(value)) {
		return 0.0f;
	}
	return std::clamp(value, -1.0f, 1.0f);
}

std::optional<WavAudio> parse(ByteSource &source, double maxSeconds)
{
	unsigned char header[12];
	if (!source.read(0, header, sizeof(header)) || std::memcmp(header, "RIFF", 4) != 0 ||
	    std::memcmp(header + 8, "WAVE", 4) != 0) {
		return std::nullopt;
	}
	std::optional<Format> format;
	const uint64_t end = source.size();
	uint64_t offset = 12;
	while (offset + 8 <= end) {
		unsigned char chunk[8];
		if (!source.read(offset, chunk, sizeof(chunk))) {
			return std::nullopt;
		}
		const uint32_t size = le32(chunk + 4);
		offset += 8;
		if (std::memcmp(chunk, "fmt ", 4) == 0) {
			if (size > 1024) {
				return std::nullopt;
			}
			unsigned char fmt[1024];
			if (!source.read(offset, fmt, size) || !(format = readFormat(fmt, size))) {
				return std::nullopt;
			}
		} else if (std::memcmp(chunk, "data", 4) == 0) {
			if (!format) {
				return std::nullopt; // "data" before "fmt ": left to FFmpeg
			}
			// A file cut short (or written while recording, its size never filled in) plays what it holds.
			const uint64_t held = std::min<uint64_t>(size, end - offset) / format->blockAlign;
			const double wanted =
			    std::ceil(std::clamp(maxSeconds, 0.0, 86400.0) * format->sampleRate) + 1.0;
			const size_t frames =
			    static_cast<size_t>(std::min<uint64_t>(held, static_cast<uint64_t>(wanted)));
			if (frames == 0) {
				return std::nullopt;
			}
			std::vector<unsigned char> bytes(frames * format->blockAlign);
			if (!source.read(offset, bytes.data(), bytes.size())) {
				return std::nullopt;
			}
			WavAudio audio;
			audio.sampleRate = format->sampleRate;
			audio.channels = format->channels;
			audio.frames = frames;
			audio.truncated = held > frames;
			audio.samples.resize(frames * format->channels);
			for (size_t f = 0; f < frames; ++f) {
				const unsigned char *block = bytes.data() + f * format->blockAlign;
				for (uint32_t c = 0; c < format->channels; ++c) {
					audio.samples[c * frames + f] =
					    clampSample(sampleAt(*format, block + c * format->bytesPerSample));
				}
			}
			return audio;
		}
		offset += size + (size & 1u); // chunks are padded to an even size
	}
	return std::nullopt;
}

} // namespace

std::optional<WavAudio> parsePlainWav(const unsigned char *data, size_t size, double maxSeconds)
{
	MemorySource source(data, size);
	return parse(source, maxSeconds);
}

std::optional<WavAudio> readPlainWav(const std::string &utf8Path, double maxSeconds)
{
	std::FILE *file = openFile(pathFromUtf8(utf8Path), "rb");
	if (file == nullptr) {
		return std::nullopt;
	}
	FileSource source(file);
	return parse(source, maxSeconds);
}

} // namespace livegifts::obs
