#include "obs/audio/sound-player.hpp"

#include "obs/audio/sound-cache.hpp"
#include "obs/plugin-support.hpp"

#include "core/heap.hpp"

#include <media-io/audio-io.h>
#include <util/platform.h>
#include <util/threading.h>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <utility>

namespace livegifts::obs {
namespace {

constexpr uint32_t kChunkFrames = 1024;       // about 21 ms at 48 kHz
constexpr uint64_t kLeadNs = 60'000'000;      // chunks are handed over this far ahead of their time
constexpr uint64_t kContinueNs = 200'000'000; // a sound cut within this of the last one's end follows on

uint64_t framesToNs(size_t frames, uint32_t rate)
{
	return static_cast<uint64_t>(frames) * 1'000'000'000ull / rate;
}

} // namespace

SoundPlayer::SoundPlayer(obs_source_t *source) : source_(source), worker_([this] { run(); }) {}

SoundPlayer::~SoundPlayer()
{
	{
		std::lock_guard lock(mutex_);
		stop_ = true;
	}
	wake_.notify_all();
	worker_.join();
}

void SoundPlayer::play(const view::SoundSpec &sound)
{
	if (sound.empty()) {
		return;
	}
	{
		std::lock_guard lock(mutex_);
		next_ = sound;
		takeLater(); // played first, then the rest decoded ahead
	}
	wake_.notify_all();
}

void SoundPlayer::stop()
{
	{
		std::lock_guard lock(mutex_);
		next_ = view::SoundSpec{}; // an empty request: cuts the output and plays nothing
	}
	wake_.notify_all();
}

void SoundPlayer::prepareLater(std::vector<view::SoundSpec> sounds)
{
	std::lock_guard lock(mutex_);
	later_ = std::move(sounds);
}

void SoundPlayer::prepareNow()
{
	{
		std::lock_guard lock(mutex_);
		if (!takeLater()) {
			return;
		}
	}
	wake_.notify_all();
}

bool SoundPlayer::takeLater()
{
	if (later_.empty()) {
		return false;
	}
	prepare_ = std::exchange(later_, {}); // a newer list than any still waiting in prepare_
	return true;
}

bool SoundPlayer::waitUntil(uint64_t ns)
{
	std::unique_lock lock(mutex_);
	const uint64_t now = os_gettime_ns();
	if (ns > now) {
		wake_.wait_for(lock, std::chrono::nanoseconds(ns - now), [&] { return stop_ || next_.has_value(); });
	}
	return stop_ || next_.has_value();
}

bool SoundPlayer::deferAhead(std::vector<view::SoundSpec> &ahead, size_t from)
{
	std::lock_guard lock(mutex_);
	if (!next_ && !stop_) {
		return false;
	}
	if (prepare_.empty()) { // a newer list to decode ahead replaces this one
		prepare_.assign(std::make_move_iterator(ahead.begin() + static_cast<std::ptrdiff_t>(from)),
				std::make_move_iterator(ahead.end()));
	}
	return true;
}

void SoundPlayer::run()
{
	os_set_thread_name("live-gifts: sound");
	for (;;) {
		std::optional<view::SoundSpec> sound;
		std::vector<view::SoundSpec> ahead;
		{
			std::unique_lock lock(mutex_);
			wake_.wait(lock, [&] { return stop_ || next_ || !prepare_.empty(); });
			if (stop_) {
				return;
			}
			sound.swap(next_);
			ahead.swap(prepare_);
		}
		// OBS's mixing format (a host without audio still decodes, so a bad file is reported).
		obs_audio_info info = {};
		const bool audio = obs_get_audio_info(&info);
		const uint32_t rate = audio ? info.samples_per_sec : 48000;
		const uint32_t channels = audio ? static_cast<uint32_t>(get_audio_channels(info.speakers)) : 2;
		if (sound) {
			ahead.insert(ahead.begin(), *sound);
		}
		bool decodedAny = false;
		for (size_t i = 0; i < ahead.size(); ++i) {
			const view::SoundSpec &spec = ahead[i];
			if (spec.empty()) {
				continue;
			}
			if ((i > 0 || !sound) && deferAhead(ahead, i)) {
				break; // a sound to play came in: it goes first, the rest is decoded after it
			}
			SoundCache::Result found = SoundCache::instance().get(spec.path, rate, channels);
			if (found.firstReport && !found.clip) {
				LG_SOURCE_LOG(LOG_WARNING, source_,
					      "sound file '%s' cannot be played: %s (alerts show without it)",
					      spec.path.c_str(), found.error.c_str());
			} else if (found.firstReport && found.truncated) {
				LG_SOURCE_LOG(LOG_WARNING, source_,
					      "sound file '%s' is longer than %.0f s: only its start plays",
					      spec.path.c_str(), SoundCache::kMaxSeconds);
			}
			decodedAny = decodedAny || found.decoded;
			if (found.decoded && found.clip) {
				LG_SOURCE_LOG(LOG_INFO, source_,
					      "sound '%s' decoded: %.2f s in %.1f ms (cache: %zu clips, %.1f MiB)",
					      spec.path.c_str(), found.clip->seconds(), found.decodeMs,
					      SoundCache::instance().clips(),
					      static_cast<double>(SoundCache::instance().bytes()) / (1 << 20));
			}
			if (i == 0 && sound && found.clip && audio) {
				output(*found.clip, spec.volume, info.speakers);
			}
		}
		if (decodedAny) {
			// Decoding let go of its file buffers, decoder and resampler: give that heap back.
			releaseFreeHeap();
		}
	}
}

bool SoundPlayer::output(const PcmClip &clip, float volume, speaker_layout speakers)
{
	uint64_t start = os_gettime_ns();
	if (nextTimestamp_ > start && nextTimestamp_ - start < kContinueNs) {
		start = nextTimestamp_; // right after the sound this one cuts: no overlap, no gap
	}
	const float gain = std::clamp(volume, 0.0f, 1.0f);
	// A clip whose channels are all the same is scaled once and handed to OBS as every channel.
	const uint32_t kept = clip.planes > 0 ? clip.planes : clip.channels;
	const uint32_t planes = std::clamp<uint32_t>(kept, 1, std::max<uint32_t>(1, clip.channels));
	std::vector<std::vector<float>> chunk(planes, std::vector<float>(kChunkFrames));
	for (size_t at = 0; at < clip.frames; at += kChunkFrames) {
		const size_t frames = std::min<size_t>(kChunkFrames, clip.frames - at);
		obs_source_audio audio = {};
		for (uint32_t p = 0; p < planes; ++p) {
			const float *from = clip.channel(p) + at;
			std::transform(from, from + frames, chunk[p].begin(), [gain](float s) { return s * gain; });
		}
		for (uint32_t c = 0; c < clip.channels && c < MAX_AV_PLANES; ++c) {
			audio.data[c] = reinterpret_cast<const uint8_t *>(chunk[std::min(c, planes - 1)].data());
		}
		audio.frames = static_cast<uint32_t>(frames);
		audio.speakers = speakers;
		audio.format = AUDIO_FORMAT_FLOAT_PLANAR;
		audio.samples_per_sec = clip.sampleRate;
		audio.timestamp = start + framesToNs(at, clip.sampleRate);
		obs_source_output_audio(source_, &audio);
		nextTimestamp_ = start + framesToNs(at + frames, clip.sampleRate);
		if (waitUntil(nextTimestamp_ - std::min(kLeadNs, nextTimestamp_))) {
			return false;
		}
	}
	return true;
}

} // namespace livegifts::obs
