#include "obs/audio/sound-decode.hpp"

#include "obs/audio/wav-file.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libswresample/swresample.h>
}

#include <algorithm>
#include <cmath>
#include <memory>

namespace livegifts::obs {
namespace {

struct FormatCloser {
	void operator()(AVFormatContext *context) const { avformat_close_input(&context); }
};
struct CodecFreer {
	void operator()(AVCodecContext *context) const { avcodec_free_context(&context); }
};
struct PacketFreer {
	void operator()(AVPacket *packet) const { av_packet_free(&packet); }
};
struct FrameFreer {
	void operator()(AVFrame *frame) const { av_frame_free(&frame); }
};
struct ResamplerFreer {
	void operator()(SwrContext *context) const { swr_free(&context); }
};
struct LayoutGuard {
	AVChannelLayout layout = {};
	~LayoutGuard() { av_channel_layout_uninit(&layout); }
};

using Resampler = std::unique_ptr<SwrContext, ResamplerFreer>;

// A resampler from `in` (`inFormat` at `inRate` Hz) to planar float in `channels` channels (their default
// layout) at `rate` Hz; null when FFmpeg refuses the conversion.
Resampler makeResampler(AVChannelLayout &in, AVSampleFormat inFormat, int inRate, uint32_t channels, uint32_t rate)
{
	LayoutGuard out;
	av_channel_layout_default(&out.layout, static_cast<int>(channels));
	SwrContext *made = nullptr;
	if (swr_alloc_set_opts2(&made, &out.layout, AV_SAMPLE_FMT_FLTP, static_cast<int>(rate), &in, inFormat, inRate,
				0, nullptr) < 0) {
		return nullptr;
	}
	Resampler resampler(made);
	if (swr_init(resampler.get()) < 0) {
		return nullptr;
	}
	return resampler;
}

std::string errorText(int code)
{
	char text[AV_ERROR_MAX_STRING_SIZE] = {};
	av_strerror(code, text, sizeof(text));
	return text;
}

// Collects the resampler's planar output, channel by channel, up to a frame limit.
class Collector {
public:
	Collector(uint32_t channels, size_t maxFrames) : planes_(channels), maxFrames_(maxFrames) {}

	// Converts `inFrames` input frames (null: flush) and keeps what fits. False once the limit is reached.
	bool take(SwrContext *resampler, const uint8_t **input, int inFrames)
	{
		const int room = swr_get_out_samples(resampler, inFrames);
		if (room <= 0) {
			return true;
		}
		std::vector<uint8_t *> out(planes_.size());
		for (size_t c = 0; c < planes_.size(); ++c) {
			planes_[c].resize(frames_ + static_cast<size_t>(room));
			out[c] = reinterpret_cast<uint8_t *>(planes_[c].data() + frames_);
		}
		const int made = swr_convert(resampler, out.data(), room, input, inFrames);
		frames_ += static_cast<size_t>(std::max(made, 0));
		const bool full = frames_ >= maxFrames_;
		frames_ = std::min(frames_, maxFrames_);
		for (auto &plane : planes_) {
			plane.resize(frames_);
		}
		return !full;
	}

	// Appends planar frames (channel c at `planar + c * frames`) as they are. False once the limit is reached.
	bool append(const float *planar, size_t frames)
	{
		const size_t kept = std::min(frames, maxFrames_ - std::min(frames_, maxFrames_));
		for (size_t c = 0; c < planes_.size(); ++c) {
			const float *from = planar + c * frames;
			planes_[c].insert(planes_[c].end(), from, from + kept);
		}
		frames_ += kept;
		return kept == frames;
	}

	// The clip in `channels` channels: a single collected channel, or channels that are all the same, kept
	// once for every channel.
	PcmClip clip(uint32_t sampleRate, uint32_t channels) const
	{
		PcmClip clip;
		clip.sampleRate = sampleRate;
		clip.channels = channels;
		clip.frames = frames_;
		const bool same = std::all_of(planes_.begin(), planes_.end(), [&](const std::vector<float> &plane) {
			return plane == planes_.front();
		});
		clip.planes = same ? 1 : channels;
		clip.samples.reserve(frames_ * clip.planes);
		for (uint32_t c = 0; c < clip.planes; ++c) {
			const auto &plane = planes_[planes_.size() == 1 ? 0 : c];
			clip.samples.insert(clip.samples.end(), plane.begin(), plane.end());
		}
		return clip;
	}

private:
	std::vector<std::vector<float>> planes_;
	size_t frames_ = 0;
	size_t maxFrames_;
};

size_t framesFor(double seconds, uint32_t sampleRate)
{
	return static_cast<size_t>(std::max(seconds, 0.0) * sampleRate);
}

// A plain WAV file's samples (already planar float) to the clip: copied when rate and channels already fit,
// else through the resampler alone (no demuxer, no decoder: FFmpeg's formats stay untouched).
DecodedSound fromWav(const WavAudio &audio, uint32_t sampleRate, uint32_t channels, double maxSeconds)
{
	DecodedSound result;
	result.reader = SoundReader::PlainWav;
	const size_t maxFrames = framesFor(maxSeconds, sampleRate);
	const bool mono = audio.channels == 1;
	const uint32_t converted = mono ? 1 : channels;
	Collector collector(converted, maxFrames);
	bool room = true;
	if (audio.sampleRate == sampleRate && (mono || audio.channels == channels)) {
		room = collector.append(audio.samples.data(), audio.frames);
	} else {
		LayoutGuard in;
		av_channel_layout_default(&in.layout, static_cast<int>(audio.channels));
		const Resampler resampler = makeResampler(in.layout, AV_SAMPLE_FMT_FLTP,
							  static_cast<int>(audio.sampleRate), converted, sampleRate);
		if (!resampler) {
			result.error = "cannot convert its audio";
			return result;
		}
		std::vector<const uint8_t *> planes(audio.channels);
		for (uint32_t c = 0; c < audio.channels; ++c) {
			planes[c] = reinterpret_cast<const uint8_t *>(audio.samples.data() + c * audio.frames);
		}
		room = collector.take(resampler.get(), planes.data(), static_cast<int>(audio.frames));
		if (room) {
			room = collector.take(resampler.get(), nullptr, 0);
		}
	}
	result.truncated = !room || audio.truncated;
	PcmClip clip = collector.clip(sampleRate, channels);
	if (clip.frames == 0) {
		result.error = "no sound decoded";
		return result;
	}
	result.clip = std::move(clip);
	return result;
}

} // namespace

DecodedSound decodeSound(const std::string &utf8Path, uint32_t sampleRate, uint32_t channels, double maxSeconds)
{
	DecodedSound result;
	if (sampleRate == 0 || channels == 0 || channels > 8) {
		result.error = "unsupported output format";
		return result;
	}
	if (const auto wav = readPlainWav(utf8Path, maxSeconds)) {
		return fromWav(*wav, sampleRate, channels, maxSeconds);
	}
	AVFormatContext *opened = nullptr;
	// FFmpeg's file protocol takes UTF-8 paths on every platform.
	if (const int code = avformat_open_input(&opened, utf8Path.c_str(), nullptr, nullptr); code < 0) {
		result.error = "cannot open (" + errorText(code) + ")";
		return result;
	}
	std::unique_ptr<AVFormatContext, FormatCloser> format(opened);
	if (const int code = avformat_find_stream_info(format.get(), nullptr); code < 0) {
		result.error = "not a sound file (" + errorText(code) + ")";
		return result;
	}
	const AVCodec *codec = nullptr;
	const int stream = av_find_best_stream(format.get(), AVMEDIA_TYPE_AUDIO, -1, -1, &codec, 0);
	if (stream < 0 || codec == nullptr) {
		result.error = "no audio in the file";
		return result;
	}
	std::unique_ptr<AVCodecContext, CodecFreer> decoder(avcodec_alloc_context3(codec));
	if (!decoder || avcodec_parameters_to_context(decoder.get(), format->streams[stream]->codecpar) < 0 ||
	    avcodec_open2(decoder.get(), codec, nullptr) < 0) {
		result.error = "cannot decode its audio";
		return result;
	}

	LayoutGuard in;
	if (av_channel_layout_copy(&in.layout, &decoder->ch_layout) < 0 || in.layout.order == AV_CHANNEL_ORDER_UNSPEC) {
		const int count = std::max(decoder->ch_layout.nb_channels, 1);
		av_channel_layout_uninit(&in.layout);
		av_channel_layout_default(&in.layout, count);
	}
	// A mono file is resampled as one channel and copied to every output channel at full level (FFmpeg's
	// own upmix puts it 3 dB down on each side).
	const bool mono = in.layout.nb_channels == 1;
	const uint32_t converted = mono ? 1 : channels;
	const Resampler resampler =
	    makeResampler(in.layout, decoder->sample_fmt, decoder->sample_rate, converted, sampleRate);
	if (!resampler) {
		result.error = "cannot convert its audio";
		return result;
	}

	Collector collector(converted, framesFor(maxSeconds, sampleRate));
	std::unique_ptr<AVPacket, PacketFreer> packet(av_packet_alloc());
	std::unique_ptr<AVFrame, FrameFreer> frame(av_frame_alloc());
	if (!packet || !frame) {
		result.error = "out of memory";
		return result;
	}
	bool room = true;
	auto drain = [&] {
		while (room && avcodec_receive_frame(decoder.get(), frame.get()) >= 0) {
			room = collector.take(resampler.get(), const_cast<const uint8_t **>(frame->extended_data),
					      frame->nb_samples);
			av_frame_unref(frame.get());
		}
	};
	while (room && av_read_frame(format.get(), packet.get()) >= 0) {
		if (packet->stream_index == stream) {
			avcodec_send_packet(decoder.get(), packet.get());
			drain();
		}
		av_packet_unref(packet.get());
	}
	if (room) {
		avcodec_send_packet(decoder.get(), nullptr);
		drain();
	}
	if (room) {
		room = collector.take(resampler.get(), nullptr, 0);
	}
	result.truncated = !room;
	PcmClip clip = collector.clip(sampleRate, channels);
	if (clip.frames == 0) {
		result.error = "no sound decoded";
		return result;
	}
	result.clip = std::move(clip);
	return result;
}

} // namespace livegifts::obs
