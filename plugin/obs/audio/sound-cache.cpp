#include "obs/audio/sound-cache.hpp"

#include "obs/module-singleton.hpp"

#include "core/utf8-path.hpp"

#include <chrono>
#include <filesystem>
#include <system_error>

namespace livegifts::obs {
namespace {

// The file's size and modification time, or why it cannot be read.
bool stampOf(const std::string &utf8Path, std::string &stamp, std::string &error)
{
	std::error_code failed;
	const std::filesystem::path path = pathFromUtf8(utf8Path);
	const auto size = std::filesystem::file_size(path, failed);
	if (failed) {
		error = std::filesystem::exists(path, failed) ? "cannot read the file" : "no such file";
		return false;
	}
	const auto time = std::filesystem::last_write_time(path, failed);
	stamp = std::to_string(size) + "@" +
		std::to_string(failed ? 0 : static_cast<long long>(time.time_since_epoch().count()));
	return true;
}

ModuleSingleton<SoundCache> cache;

} // namespace

SoundCache &SoundCache::instance()
{
	return cache.get();
}

void SoundCache::shutdown()
{
	cache.reset();
}

SoundCache::Result SoundCache::get(const std::string &utf8Path, uint32_t sampleRate, uint32_t channels)
{
	Result result;
	const std::string key = utf8Path + "|" + std::to_string(sampleRate) + "|" + std::to_string(channels);
	std::string stamp;
	auto report = [&](const std::string &what) {
		std::lock_guard lock(mutex_);
		result.firstReport = reported_.insert(key + "|" + stamp + "|" + what).second;
	};
	if (!stampOf(utf8Path, stamp, result.error)) {
		report(result.error);
		return result;
	}
	{
		std::lock_guard lock(mutex_);
		for (auto it = entries_.begin(); it != entries_.end(); ++it) {
			if (it->key == key && it->stamp == stamp) {
				entries_.splice(entries_.begin(), entries_, it);
				result.clip = it->clip;
				return result;
			}
		}
	}

	// Decoded without the lock: another source's sound never waits for this one.
	const auto started = std::chrono::steady_clock::now();
	DecodedSound decoded = decodeSound(utf8Path, sampleRate, channels, kMaxSeconds);
	result.decodeMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
	result.decoded = true;
	result.truncated = decoded.truncated;
	if (!decoded.clip) {
		result.error = decoded.error;
		report(result.error);
		return result;
	}
	if (decoded.truncated) {
		report("truncated");
	}
	auto clip = std::make_shared<const PcmClip>(std::move(*decoded.clip));
	result.clip = clip;

	std::lock_guard lock(mutex_);
	for (auto it = entries_.begin(); it != entries_.end();) {
		if (it->key == key) { // an older decode of the same file (edited since, or decoded twice at once)
			bytes_ -= it->clip->bytes();
			it = entries_.erase(it);
		} else {
			++it;
		}
	}
	entries_.push_front(Entry{key, stamp, clip});
	bytes_ += clip->bytes();
	// Over the bound: drop the least recently played (the new clip stays, whatever its size).
	while (bytes_ > maxBytes_ && entries_.size() > 1) {
		bytes_ -= entries_.back().clip->bytes();
		entries_.pop_back();
	}
	return result;
}

size_t SoundCache::bytes() const
{
	std::lock_guard lock(mutex_);
	return bytes_;
}

size_t SoundCache::clips() const
{
	std::lock_guard lock(mutex_);
	return entries_.size();
}

} // namespace livegifts::obs
