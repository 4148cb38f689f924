#include "connect/image-fetcher.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <optional>
#include <system_error>
#include <utility>

#include <curl/curl.h>

#include "core/utf8-path.hpp"

namespace livegifts::connect {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// RAII for libcurl handles.
struct CurlEasyDeleter {
	void operator()(CURL *handle) const { curl_easy_cleanup(handle); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;

struct CurlListDeleter {
	void operator()(curl_slist *list) const { curl_slist_free_all(list); }
};
using CurlList = std::unique_ptr<curl_slist, CurlListDeleter>;

void curlGlobalInit()
{
	static std::once_flag once;
	std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool startsWithNoCase(const std::string &text, std::string_view prefix)
{
	if (text.size() < prefix.size()) {
		return false;
	}
	for (std::size_t i = 0; i < prefix.size(); ++i) {
		if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) {
			return false;
		}
	}
	return true;
}

bool acceptableContentType(const char *type)
{
	if (!type || !*type) {
		return true; // none given: the bytes decide
	}
	std::string lower(type);
	std::transform(lower.begin(), lower.end(), lower.begin(),
		       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
	return lower.rfind("image/", 0) == 0 || lower.rfind("application/octet-stream", 0) == 0 ||
	       lower.rfind("binary/octet-stream", 0) == 0;
}

std::uint64_t fnv1a(const std::string &text)
{
	std::uint64_t hash = 1469598103934665603ull;
	for (const unsigned char c : text) {
		hash ^= c;
		hash *= 1099511628211ull;
	}
	return hash;
}

// State of one transfer, shared with curl's callbacks.
struct Transfer {
	CURL *handle = nullptr;
	std::vector<std::uint8_t> *body = nullptr;
	std::size_t cap = 0;
	const std::atomic<bool> *stopping = nullptr;
	std::uint64_t received = 0;
	bool checkedHeaders = false;
	bool outOfMemory = false; // the body could not be kept (set instead of throwing into curl)
	std::string abortReason;
};

// curl calls this with each piece of the body. It is noexcept and never lets an exception into curl:
// whatever goes wrong aborts the transfer (return 0) with a reason.
std::size_t onBody(char *data, std::size_t size, std::size_t count, void *user) noexcept
{
	auto &transfer = *static_cast<Transfer *>(user);
	try {
		const std::size_t bytes = size * count;
		transfer.received += bytes;
		if (!transfer.checkedHeaders) {
			transfer.checkedHeaders = true;
			long code = 0;
			curl_easy_getinfo(transfer.handle, CURLINFO_RESPONSE_CODE, &code);
			if (code >= 400) {
				transfer.abortReason = "HTTP " + std::to_string(code);
				return 0;
			}
			const char *type = nullptr;
			curl_easy_getinfo(transfer.handle, CURLINFO_CONTENT_TYPE, &type);
			if (!acceptableContentType(type)) {
				transfer.abortReason = std::string("the server sent ") + type + ", not an image";
				return 0;
			}
		}
		if (transfer.body->size() + bytes > transfer.cap) {
			transfer.abortReason = "the image is larger than " + std::to_string(transfer.cap) + " bytes";
			return 0; // aborts the transfer at once
		}
		transfer.body->insert(transfer.body->end(), data, data + bytes);
		return bytes;
	} catch (...) {
		transfer.outOfMemory = true;
		return 0;
	}
}

int onProgress(void *user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) noexcept
{
	const auto &transfer = *static_cast<Transfer *>(user);
	return transfer.stopping->load() ? 1 : 0;
}

} // namespace

ImageFetcher::ImageFetcher(ImageFetcherSettings settings, Logger &logger)
    : settings_(std::move(settings)), logger_(logger)
{
	curlGlobalInit();
	if (!settings_.cacheDir.empty()) {
		std::error_code ec;
		fs::create_directories(settings_.cacheDir, ec);
		if (ec) {
			logger_.log(LogLevel::Warning, "Images: cannot create the cache folder " +
							   pathToUtf8(settings_.cacheDir) + ": " + ec.message());
		}
	}
	for (int i = 0; i < std::max(1, settings_.workers); ++i) {
		workers_.emplace_back([this] { run(); });
	}
}

ImageFetcher::~ImageFetcher()
{
	stopping_ = true; // aborts running transfers (onProgress)
	queue_.close();   // wakes idle workers; queued URLs are dropped
	for (auto &worker : workers_) {
		worker.join();
	}
}

void ImageFetcher::setListener(std::function<void(const std::string &, bool)> listener)
{
	std::lock_guard<std::mutex> lock(mutex_);
	listener_ = std::move(listener);
}

ImageFetcher::Stats ImageFetcher::stats() const
{
	std::lock_guard<std::mutex> lock(mutex_);
	return stats_;
}

fs::path ImageFetcher::cachePath(const std::string &url) const
{
	char name[32];
	std::snprintf(name, sizeof(name), "%016llx.img", static_cast<unsigned long long>(fnv1a(url)));
	return settings_.cacheDir / name;
}

ImageLookup ImageFetcher::get(const std::string &url, bool allowLocal)
{
	LogLines lines;
	ImageLookup lookup;
	bool fetch = false;
	{
		std::lock_guard<std::mutex> lock(mutex_);
		auto [it, inserted] = entries_.try_emplace(url);
		Entry &entry = it->second;
		entry.lastUse = ++useCounter_;
		if (inserted) {
			if (!(allowLocal && isLocalPicture(url)) && !startsWithNoCase(url, "http://") &&
			    !startsWithNoCase(url, "https://")) {
				entry.state = ImageState::Failed;
				entry.error = "only http and https addresses are fetched";
				entry.retryable = false;
				logFailureLocked(true, "Images: not fetching '" + url + "': " + entry.error, lines);
			} else {
				entry.state = ImageState::Loading;
				fetch = true;
			}
		} else if (entry.state == ImageState::Failed && entry.retryable && Clock::now() >= entry.retryAt) {
			entry.state = ImageState::Loading;
			fetch = true;
		}
		lookup = ImageLookup{entry.state, entry.pixels, entry.error};
	}
	if (fetch) {
		queue_.push(url);
	}
	writeLog(lines);
	return lookup;
}

void ImageFetcher::run()
{
	while (std::optional<std::string> url = queue_.pop()) {
		if (stopping_) {
			return;
		}
		processGuarded(*url);
	}
}

void ImageFetcher::processGuarded(const std::string &url) noexcept
{
	// The worker keeps running whatever one URL does; the URL is marked failed (retried later) so a
	// caller never waits on it forever.
	std::string what;
	try {
		process(url);
		return;
	} catch (const std::exception &e) {
		what = e.what();
	} catch (...) {
		what = "unknown exception";
	}
	try {
		finish(url, nullptr, "internal error: " + what, true);
	} catch (...) {
		writeLog({{LogLevel::Error, "Images: " + url + ": internal error"}});
	}
}

void ImageFetcher::process(const std::string &url)
{
	std::vector<std::uint8_t> body;
	std::string error;
	bool fromDisk = false;
	if (isLocalPicture(url)) {
		// A streamer's own picture file (a gift rule's): read where it is, never cached.
		if (!readLocalPicture(url, body, error)) {
			finish(url, nullptr, error, true);
			return;
		}
		auto pixels = std::make_shared<ImagePixels>();
		if (!decodeImage(body.data(), body.size(), *pixels, error, settings_.maxDimension)) {
			finish(url, nullptr, error, true);
			return;
		}
		finish(url, std::move(pixels), {}, true);
		return;
	}
	if (!settings_.cacheDir.empty() && loadFromDisk(url, body)) {
		fromDisk = true;
	} else {
		body.clear();
		if (!download(url, body, error)) {
			finish(url, nullptr, error, true);
			return;
		}
	}
	auto pixels = std::make_shared<ImagePixels>();
	if (!decodeImage(body.data(), body.size(), *pixels, error, settings_.maxDimension)) {
		if (fromDisk) {
			std::error_code ec;
			fs::remove(cachePath(url), ec); // a damaged cache file: fetch again next time
		}
		finish(url, nullptr, error, true);
		return;
	}
	if (fromDisk) {
		std::lock_guard<std::mutex> lock(mutex_);
		stats_.diskHits += 1;
	} else if (!settings_.cacheDir.empty()) {
		// The cache is a convenience: a failure there never fails the image.
		try {
			storeOnDisk(url, body);
		} catch (const std::exception &e) {
			writeLog({{LogLevel::Debug, "Images: cannot cache " + url + ": " + e.what()}});
		}
	}
	finish(url, std::move(pixels), {}, true);
}

bool ImageFetcher::download(const std::string &url, std::vector<std::uint8_t> &body, std::string &error)
{
	CurlEasy curl(curl_easy_init());
	if (!curl) {
		error = "libcurl could not start a transfer";
		return false;
	}
	Transfer transfer;
	transfer.handle = curl.get();
	transfer.body = &body;
	transfer.cap = settings_.maxBodyBytes;
	transfer.stopping = &stopping_;
	char curlError[CURL_ERROR_SIZE] = {};

	CURL *h = curl.get();
	curl_easy_setopt(h, CURLOPT_URL, url.c_str());
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, 3L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.timeoutMs));
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings_.connectTimeoutMs));
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(settings_.maxBodyBytes));
	curl_easy_setopt(h, CURLOPT_USERAGENT, settings_.userAgent.c_str());
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, curlError);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, onBody);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &transfer);
	curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, onProgress);
	curl_easy_setopt(h, CURLOPT_XFERINFODATA, &transfer);
	CurlList headers(curl_slist_append(nullptr, "Accept: image/webp,image/png,image/jpeg;q=0.9,*/*;q=0.1"));
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());

	const CURLcode result = curl_easy_perform(h);
	{
		std::lock_guard<std::mutex> lock(mutex_);
		stats_.bytesReceived += transfer.received;
	}
	long code = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	if (result != CURLE_OK) {
		if (transfer.outOfMemory) {
			error = "out of memory while receiving the image";
		} else if (!transfer.abortReason.empty()) {
			error = transfer.abortReason;
		} else if (result == CURLE_OPERATION_TIMEDOUT) {
			error =
			    "no complete answer within " + std::to_string((settings_.timeoutMs + 999) / 1000) + " s";
		} else if (result == CURLE_FILESIZE_EXCEEDED) {
			error = "the image is larger than " + std::to_string(settings_.maxBodyBytes) + " bytes";
		} else if (result == CURLE_ABORTED_BY_CALLBACK && stopping_) {
			error = "stopped";
		} else {
			error = curlError[0] ? curlError : curl_easy_strerror(result);
		}
		return false;
	}
	if (code >= 400) {
		error = "HTTP " + std::to_string(code);
		return false;
	}
	const char *type = nullptr;
	curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &type);
	if (!acceptableContentType(type)) {
		error = std::string("the server sent ") + type + ", not an image";
		return false;
	}
	if (body.empty()) {
		error = "the server sent an empty body";
		return false;
	}
	return true;
}

void ImageFetcher::finish(const std::string &url, std::shared_ptr<const ImagePixels> pixels, std::string error,
			  bool retryable)
{
	std::function<void(const std::string &, bool)> listener;
	LogLines lines;
	const bool ok = pixels != nullptr;
	{
		std::lock_guard<std::mutex> lock(mutex_);
		Entry &entry = entries_[url];
		if (ok) {
			memoryBytes_ += pixels->bytes.size();
			entry.state = ImageState::Ready;
			entry.pixels = std::move(pixels);
			entry.error.clear();
			entry.failures = 0;
			stats_.downloads += 1;
			evictMemoryLocked(url);
		} else {
			stats_.failures += 1;
			const int failures = entry.failures++;
			const double delay = std::min(static_cast<double>(settings_.retryMaxMs),
						      static_cast<double>(settings_.retryInitialMs) *
							  static_cast<double>(1ull << std::min(failures, 20)));
			entry.state = ImageState::Failed;
			entry.error = error;
			entry.retryable = retryable;
			entry.retryAt = Clock::now() + std::chrono::milliseconds(static_cast<std::int64_t>(delay));
			// The first failure of a URL is worth a line; the retries are not.
			logFailureLocked(failures == 0,
					 "Images: " + url + ": " + error + " (placeholder shown, retry in " +
					     std::to_string(static_cast<std::int64_t>(delay / 1000)) + " s)",
					 lines);
		}
		listener = listener_;
	}
	writeLog(lines);
	if (listener) {
		try {
			listener(url, ok);
		} catch (const std::exception &e) {
			writeLog({{LogLevel::Error, std::string("Images: the listener failed: ") + e.what()}});
		} catch (...) {
			writeLog({{LogLevel::Error, "Images: the listener failed"}});
		}
	}
}

void ImageFetcher::writeLog(const LogLines &lines) noexcept
{
	for (const auto &[level, line] : lines) {
		try {
			logger_.log(level, line);
		} catch (...) {
			// A logger that throws loses its line, nothing else.
		}
	}
}

void ImageFetcher::logFailureLocked(bool firstForUrl, std::string line, LogLines &out)
{
	if (!firstForUrl) {
		out.emplace_back(LogLevel::Debug, std::move(line));
		return;
	}
	const auto now = Clock::now();
	if (now - warningWindow_ >= std::chrono::minutes(1)) {
		if (warningsSuppressed_ > 0) {
			out.emplace_back(LogLevel::Warning, "Images: " + std::to_string(warningsSuppressed_) +
								" more images failed in the last minute (not listed)");
		}
		warningWindow_ = now;
		warningsInWindow_ = 0;
		warningsSuppressed_ = 0;
	}
	if (warningsInWindow_ < settings_.warningsPerMinute) {
		++warningsInWindow_;
		out.emplace_back(LogLevel::Warning, std::move(line));
	} else {
		++warningsSuppressed_;
		out.emplace_back(LogLevel::Debug, std::move(line));
	}
}

void ImageFetcher::evictMemoryLocked(const std::string &keep)
{
	while (memoryBytes_ > settings_.memoryMaxBytes) {
		auto oldest = entries_.end();
		for (auto it = entries_.begin(); it != entries_.end(); ++it) {
			if (it->second.state == ImageState::Ready && it->first != keep &&
			    (oldest == entries_.end() || it->second.lastUse < oldest->second.lastUse)) {
				oldest = it;
			}
		}
		if (oldest == entries_.end()) {
			return;
		}
		memoryBytes_ -= oldest->second.pixels->bytes.size();
		entries_.erase(oldest); // a later get() loads it again (from disk when cached)
	}
}

bool isLocalPicture(const std::string &url)
{
	if (url.empty()) {
		return false;
	}
	if (url.front() == '/' || startsWithNoCase(url, "file://")) {
		return true;
	}
	// A Windows path: "C:/..." or "C:\..."
	return url.size() > 2 && std::isalpha(static_cast<unsigned char>(url[0])) != 0 && url[1] == ':' &&
	       (url[2] == '/' || url[2] == '\\');
}

bool ImageFetcher::readLocalPicture(const std::string &url, std::vector<std::uint8_t> &body, std::string &error)
{
	const fs::path path = pathFromUtf8(startsWithNoCase(url, "file://") ? url.substr(7) : url);
	std::error_code ec;
	const auto size = fs::file_size(path, ec);
	if (ec) {
		error = "cannot read the picture file: " + ec.message();
		return false;
	}
	if (size == 0 || size > settings_.maxBodyBytes) {
		error = "the picture file is empty or too large";
		return false;
	}
	std::ifstream in(path, std::ios::binary);
	body.resize(static_cast<std::size_t>(size));
	in.read(reinterpret_cast<char *>(body.data()), static_cast<std::streamsize>(size));
	if (!in) {
		error = "cannot read the picture file";
		return false;
	}
	return true;
}

bool ImageFetcher::loadFromDisk(const std::string &url, std::vector<std::uint8_t> &body)
{
	const fs::path path = cachePath(url);
	std::ifstream in(path, std::ios::binary);
	if (!in) {
		return false;
	}
	std::error_code ec;
	const auto size = fs::file_size(path, ec);
	if (ec || size == 0 || size > settings_.maxBodyBytes) {
		return false;
	}
	body.resize(static_cast<std::size_t>(size));
	in.read(reinterpret_cast<char *>(body.data()), static_cast<std::streamsize>(size));
	if (!in) {
		return false;
	}
	fs::last_write_time(path, fs::file_time_type::clock::now(), ec); // recently used
	return true;
}

void ImageFetcher::storeOnDisk(const std::string &url, const std::vector<std::uint8_t> &body)
{
	const fs::path path = cachePath(url);
	fs::path temporary = path;
	temporary += ".part";
	{
		std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
		out.write(reinterpret_cast<const char *>(body.data()), static_cast<std::streamsize>(body.size()));
		if (!out) {
			std::error_code ec;
			fs::remove(temporary, ec);
			return;
		}
	}
	std::error_code ec;
	fs::rename(temporary, path, ec);
	if (ec) {
		fs::remove(temporary, ec);
		return;
	}

	// Keep the folder under its cap: drop the least recently used files.
	struct File {
		fs::path path;
		fs::file_time_type time;
		std::uint64_t size;
	};
	std::vector<File> files;
	std::uint64_t total = 0;
	for (const auto &item : fs::directory_iterator(settings_.cacheDir, ec)) {
		if (item.path().extension() != ".img") {
			continue;
		}
		std::error_code itemError;
		const auto size = item.file_size(itemError);
		const auto time = item.last_write_time(itemError);
		if (!itemError) {
			files.push_back({item.path(), time, size});
			total += size;
		}
	}
	if (total <= settings_.cacheMaxBytes) {
		return;
	}
	std::sort(files.begin(), files.end(), [](const File &a, const File &b) { return a.time < b.time; });
	for (const File &file : files) {
		if (total <= settings_.cacheMaxBytes) {
			break;
		}
		if (file.path == path) {
			continue;
		}
		fs::remove(file.path, ec);
		total -= file.size;
	}
}

} // namespace livegifts::connect
