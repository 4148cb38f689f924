#pragma once

// Decoded sounds kept for the next alert, bounded in memory: least recently played clips go first. A file
// edited on disk (size or time changed) is decoded again; a file that cannot be played is remembered so
// that it is reported once, not at every alert. Thread-safe: the lock is held for lookups only, never while
// a file is read or decoded, and the video thread never takes it (only sound workers do).

#include "obs/audio/sound-decode.hpp"

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <set>
#include <string>

namespace livegifts::obs {

class SoundCache {
public:
	static constexpr size_t kDefaultMaxBytes = 32u << 20; // 32 MiB of float samples
	static constexpr double kMaxSeconds = 30.0;           // a longer file plays its first 30 s

	explicit SoundCache(size_t maxBytes = kDefaultMaxBytes) : maxBytes_(maxBytes) {}

	struct Result {
		std::shared_ptr<const PcmClip> clip; // null: the file cannot be played (see error)
		std::string error;
		bool firstReport = false; // this failure (or truncation) was not reported before: log it
		bool truncated = false;
		bool decoded = false; // decoded by this call (not found in the cache)
		double decodeMs = 0.0;
	};

	// The clip of `utf8Path` at this rate and channel count: from the cache, or decoded on the calling
	// thread (never the video thread).
	Result get(const std::string &utf8Path, uint32_t sampleRate, uint32_t channels);

	size_t bytes() const;
	size_t clips() const;
	size_t maxBytes() const { return maxBytes_; }

	// The module's cache, shared by every source (created on first use, freed at module unload).
	static SoundCache &instance();
	static void shutdown();

private:
	struct Entry {
		std::string key;   // path, rate, channels
		std::string stamp; // size and modification time when decoded
		std::shared_ptr<const PcmClip> clip;
	};

	const size_t maxBytes_;
	mutable std::mutex mutex_;
	std::list<Entry> entries_;       // under mutex_: most recently used first
	size_t bytes_ = 0;               // under mutex_
	std::set<std::string> reported_; // under mutex_: "key|stamp|error" already logged
};

} // namespace livegifts::obs
