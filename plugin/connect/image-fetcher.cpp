#include "connect/image-fetcher.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <optional>
#include <system_error>
#include <utility>

#include <curl/curl.h>

#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#endif

#include "connect/address-policy.hpp"
#include "connect/connector.hpp"
#include "core/heap.hpp"

#include "core/private-files.hpp"
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
	const std::vector<int> *loopbackPorts = nullptr; // ImageFetcherSettings::testLoopbackPorts
	std::string refusedReason;                       // set when a connection's address was refused
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

// The address a connection is about to use, as text with its port, and what kind it is.
struct Endpoint {
	AddressKind kind = AddressKind::Invalid;
	std::string text;
	int port = 0;
};

Endpoint endpointOf(const curl_sockaddr &address)
{
	Endpoint out;
	char text[INET6_ADDRSTRLEN] = {};
	if (address.family == AF_INET && address.addrlen >= sizeof(sockaddr_in)) {
		sockaddr_in v4 = {};
		std::memcpy(&v4, &address.addr, sizeof(v4));
		out.kind = classifyIpv4(ntohl(v4.sin_addr.s_addr));
		out.port = ntohs(v4.sin_port);
		inet_ntop(AF_INET, &v4.sin_addr, text, sizeof(text));
	} else if (address.family == AF_INET6 && address.addrlen >= sizeof(sockaddr_in6)) {
		sockaddr_in6 v6 = {};
		std::memcpy(&v6, &address.addr, sizeof(v6));
		std::array<std::uint8_t, 16> bytes{};
		std::memcpy(bytes.data(), &v6.sin6_addr, bytes.size());
		out.kind = classifyIpv6(bytes);
		out.port = ntohs(v6.sin6_port);
		inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof(text));
	}
	out.text = text;
	return out;
}

// curl calls this for every connection it opens (the first, each redirect's, each address a name resolved
// to), with the address it is about to connect to: the one place where a public-looking name that resolves
// to 127.0.0.1, or a redirect to 0.0.0.0, is caught. A refused address gets no socket.
curl_socket_t onOpenSocket(void *user, curlsocktype purpose, curl_sockaddr *address) noexcept
{
	auto &transfer = *static_cast<Transfer *>(user);
	try {
		const Endpoint endpoint = endpointOf(*address);
		const bool testServer = endpoint.kind == AddressKind::Loopback &&
					std::find(transfer.loopbackPorts->begin(), transfer.loopbackPorts->end(),
						  endpoint.port) != transfer.loopbackPorts->end();
		if (purpose == CURLSOCKTYPE_IPCXN && (endpoint.kind == AddressKind::Public || testServer)) {
			return ::socket(address->family, address->socktype, address->protocol);
		}
		transfer.refusedReason = "it leads to " +
					 (endpoint.text.empty() ? std::string("an address") : endpoint.text) + " (" +
					 addressKindName(endpoint.kind) + "); only public addresses are fetched";
	} catch (...) {
		transfer.outOfMemory = true;
	}
	return CURL_SOCKET_BAD;
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
	if (!settings_.cacheDir.empty()) {
		// The cache folder is ours: made (or kept) for the user alone.
		std::string error;
		if (!makePrivateFolders(settings_.cacheDir, ExistingFolder::Restrict, error)) {
			logger_.log(LogLevel::Warning, "Images: cannot prepare the cache folder: " + error);
		}
	}
}

void ImageFetcher::startWorkers()
{
	// The first address to fetch starts the workers: a scene without pictures never starts libcurl (nor
	// TLS) or their threads.
	std::call_once(workersStarted_, [this] {
		for (int i = 0; i < std::max(1, settings_.workers); ++i) {
			workers_.emplace_back([this] { run(); });
		}
	});
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
				logFailureLocked(
				    true, "Images: not fetching '" + maskUrlText(url) + "': " + entry.error, lines);
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
		startWorkers();
	}
	writeLog(lines);
	return lookup;
}

void ImageFetcher::run()
{
	curlGlobalInit(); // here, not on the caller's thread: it may read TLS configuration files
	while (std::optional<std::string> url = queue_.pop()) {
		if (stopping_) {
			return;
		}
		processGuarded(*url);
		if (queue_.size() == 0) {
			// Nothing more to fetch for now: the downloaded and decoded buffers' heap goes back.
			releaseFreeHeap();
		}
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
		writeLog({{LogLevel::Error, "Images: " + maskUrlText(url) + ": internal error"}});
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
		bool refused = false;
		if (!download(url, body, error, refused)) {
			finish(url, nullptr, error, !refused, refused ? hostOfUrl(url) : std::string());
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
			writeLog({{LogLevel::Debug, "Images: cannot cache " + maskUrlText(url) + ": " + e.what()}});
		}
	}
	finish(url, std::move(pixels), {}, true);
}

bool ImageFetcher::download(const std::string &url, std::vector<std::uint8_t> &body, std::string &error, bool &refused)
{
	refused = false;
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
	transfer.loopbackPorts = &settings_.testLoopbackPorts;
	char curlError[CURL_ERROR_SIZE] = {};

	CURL *h = curl.get();
	curl_easy_setopt(h, CURLOPT_URL, url.c_str());
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, 3L);
	// Every connection's address is checked before it is made; a proxy would hide where a request goes.
	curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, onOpenSocket);
	curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, &transfer);
	curl_easy_setopt(h, CURLOPT_PROXY, "");
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
		if (!transfer.refusedReason.empty()) {
			refused = true;
			error = transfer.refusedReason;
		} else if (transfer.outOfMemory) {
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
			  bool retryable, const std::string &refusedHost)
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
			if (!refusedHost.empty()) {
				// Once per host (a hostile stream may send thousands of such addresses), never the
				// URL itself.
				const bool first =
				    refusedHosts_.size() < 1000 && refusedHosts_.insert(refusedHost).second;
				logFailureLocked(first, "Images: not fetching from " + refusedHost + ": " + error,
						 lines);
			} else {
				// The first failure of a URL is worth a line; the retries are not.
				logFailureLocked(failures == 0,
						 "Images: " + maskUrlText(url) + ": " + error +
						     " (placeholder shown, retry in " +
						     std::to_string(static_cast<std::int64_t>(delay / 1000)) + " s)",
						 lines);
			}
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

} // namespace livegifts::connect
