#pragma once

// Supporter avatars and gift pictures by URL. Downloads run on a few worker threads (libcurl), never on the
// caller's: get() only looks at memory and queues work (the video thread calls it: no I/O and no logging is
// ever done under the lock it takes; log lines are collected under it and written after). http(s) with a timeout,
// a body size cap (checked against Content-Length and while receiving), a content-type check, decoding of PNG, JPEG and
// WebP into premultiplied RGBA8, and an on-disk cache with a size cap. A failed URL reports Failed (the
// caller draws initials), is logged once, and is tried again later with a growing delay. A local picture file
// (a gift rule's) is read by the same workers. Only public addresses are connected to: an address, a
// redirect or a DNS answer that leads to this computer or a private network is refused (checked on the
// address each connection is about to use), logged once per host.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/logger.hpp"
#include "core/work-queue.hpp"

namespace livegifts::connect {

// Premultiplied RGBA, 8 bits a channel, rows top to bottom, `stride` bytes a row.
struct ImagePixels {
	int width = 0;
	int height = 0;
	int stride = 0;
	std::vector<std::uint8_t> bytes;
};

enum class ImageFormat { Unknown, Png, Jpeg, Webp };

// True when `url` names a picture file on this computer (an absolute path, "C:\\..." or "file://..."): the
// fetcher reads it on its worker (size capped, never cached) instead of downloading it.
bool isLocalPicture(const std::string &url);

// Looks at the first bytes, not at what the server claims.
ImageFormat sniffImageFormat(const std::uint8_t *data, std::size_t size);

// Decodes PNG, JPEG or WebP. Images wider or taller than maxDimension are refused (decompression bombs).
bool decodeImage(const std::uint8_t *data, std::size_t size, ImagePixels &out, std::string &error,
		 int maxDimension = 4096);

struct ImageFetcherSettings {
	std::filesystem::path cacheDir;                    // empty: no disk cache
	std::uint64_t cacheMaxBytes = 64ull * 1024 * 1024; // disk cache cap; least recently used go first
	std::size_t memoryMaxBytes = 64u * 1024 * 1024;    // decoded pixels kept in memory
	std::size_t maxBodyBytes = 8u * 1024 * 1024;       // larger downloads are aborted
	int timeoutMs = 15000;                             // whole transfer
	int connectTimeoutMs = 5000;
	int retryInitialMs = 30000; // first retry after a failure; doubles up to retryMaxMs
	int retryMaxMs = 30 * 60 * 1000;
	int maxDimension = 4096;
	int workers = 3;           // parallel downloads, so one slow host does not hold up the others
	int warningsPerMinute = 5; // first failures of URLs beyond this are logged at debug level, then summed up
	std::string userAgent = "obs-live-gifts";
	// Tests only: loopback connections to these ports are allowed (the tests' own HTTP servers on
	// 127.0.0.1). Empty as shipped: only public addresses are ever connected to (address-policy.hpp).
	std::vector<int> testLoopbackPorts;
};

enum class ImageState {
	Loading, // queued or downloading: draw the placeholder for now
	Ready,   // pixels are set
	Failed,  // draw the placeholder; error says why; retried after a delay by a later get()
};

struct ImageLookup {
	ImageState state = ImageState::Loading;
	std::shared_ptr<const ImagePixels> pixels; // when Ready
	std::string error;                         // when Failed
};

class ImageFetcher {
public:
	explicit ImageFetcher(ImageFetcherSettings settings, Logger &logger = nullLogger());
	~ImageFetcher(); // aborts a running download, joins the worker
	ImageFetcher(const ImageFetcher &) = delete;
	ImageFetcher &operator=(const ImageFetcher &) = delete;

	// Never blocks on I/O: returns what is known and queues a download when the URL is new or its retry
	// time has come. Thread-safe. A local picture file is read only when `allowLocal` says the address is
	// the streamer's own (a gift rule's picture), never for addresses that came from the stream.
	ImageLookup get(const std::string &url, bool allowLocal = false);

	// Called on the worker thread when a URL finished (ok or not), e.g. to wake the raster worker.
	// Set it before the first get().
	void setListener(std::function<void(const std::string &url, bool ok)> listener);

	struct Stats {
		std::uint64_t downloads = 0;     // successful downloads
		std::uint64_t diskHits = 0;      // served from the disk cache
		std::uint64_t failures = 0;      // failed attempts
		std::uint64_t bytesReceived = 0; // body bytes received, including aborted ones
	};
	Stats stats() const;

	// The cache file a URL is stored in (whether or not it exists).
	std::filesystem::path cachePath(const std::string &url) const;

private:
	struct Entry {
		ImageState state = ImageState::Loading;
		std::shared_ptr<const ImagePixels> pixels;
		std::string error;
		int failures = 0;
		std::chrono::steady_clock::time_point retryAt{};
		std::uint64_t lastUse = 0; // for memory eviction
		bool retryable = true;
	};

	// Log lines collected under mutex_ and written once it is released.
	using LogLines = std::vector<std::pair<LogLevel, std::string>>;

	void startWorkers(); // once, from get()
	void run();
	void process(const std::string &url);
	void processGuarded(const std::string &url) noexcept; // a failure of any kind marks the URL failed
	// `refused`: the address was not a public one (not retried).
	bool download(const std::string &url, std::vector<std::uint8_t> &body, std::string &error, bool &refused);
	// `refusedHost`: set when the URL was refused for its address, logged once per host.
	void finish(const std::string &url, std::shared_ptr<const ImagePixels> pixels, std::string error,
		    bool retryable, const std::string &refusedHost = {});
	void storeOnDisk(const std::string &url, const std::vector<std::uint8_t> &body);
	bool loadFromDisk(const std::string &url, std::vector<std::uint8_t> &body);
	bool readLocalPicture(const std::string &url, std::vector<std::uint8_t> &body, std::string &error);
	void evictMemoryLocked(const std::string &keep); // drops least recently used pixels, never `keep`
	void logFailureLocked(bool firstForUrl, std::string line, LogLines &out);
	void writeLog(const LogLines &lines) noexcept;

	const ImageFetcherSettings settings_;
	Logger &logger_;

	mutable std::mutex mutex_; // guards the fields below (any thread: get() from the video thread, workers)
	std::unordered_map<std::string, Entry> entries_;
	std::function<void(const std::string &, bool)> listener_;
	std::size_t memoryBytes_ = 0;
	std::uint64_t useCounter_ = 0;
	Stats stats_;
	// Log budget for failures: a network outage must not print a line per avatar.
	std::chrono::steady_clock::time_point warningWindow_{};
	int warningsInWindow_ = 0;
	int warningsSuppressed_ = 0;
	std::unordered_set<std::string> refusedHosts_; // hosts whose refusal was logged (capped)

	WorkQueue<std::string> queue_;      // URLs to fetch: get() pushes, the workers pop
	std::atomic<bool> stopping_{false}; // set by the destructor, read by the workers and curl's callbacks

	// Started by the first get() that queues an address (startWorkers); joined by the destructor.
	std::once_flag workersStarted_;
	std::vector<std::thread> workers_; // last: started after everything above exists
};

} // namespace livegifts::connect
