#include "connect/connection-store.hpp"

#include "core/private-files.hpp"
#include "core/utf8-path.hpp"

#include <fstream>
#include <iterator>
#include <system_error>
#include <utility>

#ifndef _WIN32
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace livegifts::connect {

namespace fs = std::filesystem;
using json = nlohmann::json;

json connectionToJson(const ConnectionSettings &s, bool maskSecrets)
{
	return json{
	    {"version", 2},
	    {"kind", s.kind},
	    {"tikfinity", {{"url", maskSecrets ? maskUrlText(s.tikfinityUrl) : s.tikfinityUrl}}},
	    {"websocket-url", {{"url", maskSecrets ? maskUrlText(s.bridgeUrl) : s.bridgeUrl}}},
	    {"euler",
	     {{"uniqueId", s.eulerUniqueId},
	      {"apiKey", maskSecrets && !s.eulerApiKey.empty() ? std::string("***") : s.eulerApiKey}}},
	    {"replay", {{"file", s.replayFile}, {"speed", s.replaySpeed}}},
	    {"demo", {{"speed", s.demoSpeed}}},
	    {"record", s.record},
	};
}

bool connectorSettingsFor(const ConnectionSettings &s, const fs::path &demoFile, ConnectorSettings &out)
{
	out = ConnectorSettings{};
	if (s.kind == "demo") {
		out.kind = ConnectorKind::Replay;
		out.replayFile = demoFile;
		out.loop = true;
		out.speed = s.demoSpeed;
	} else if (s.kind == "replay") {
		out.kind = ConnectorKind::Replay;
		out.replayFile = pathFromUtf8(s.replayFile);
		out.speed = s.replaySpeed;
	} else if (s.kind == "tikfinity") {
		out.kind = ConnectorKind::TikFinity;
		out.url = s.tikfinityUrl.empty() ? std::string(kTikFinityUrl) : s.tikfinityUrl;
	} else if (s.kind == "websocket-url") {
		out.kind = ConnectorKind::WebSocketUrl;
		out.url = s.bridgeUrl;
	} else if (s.kind == "euler") {
		out.kind = ConnectorKind::Euler;
		out.uniqueId = s.eulerUniqueId;
		out.apiKey = s.eulerApiKey;
	} else {
		return false;
	}
	return true;
}

namespace {

void takeString(const json &from, const char *key, std::string &into)
{
	if (const auto it = from.find(key); it != from.end() && it->is_string()) {
		into = it->get<std::string>();
	}
}

// Reads the whole file; false with a reason when it cannot be read.
bool readFile(const fs::path &path, std::string &text, std::string &error)
{
	std::ifstream in(path, std::ios::binary);
	if (!in) {
		error = "cannot open it";
		return false;
	}
	text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
	if (in.bad()) {
		error = "cannot read it";
		return false;
	}
	return true;
}

// Writes text to a file created for the user alone (0600 from the start: no moment where it is readable by
// others), flushed to disk before it is renamed into place.
bool writePrivateFile(const fs::path &path, const std::string &text, std::string &error)
{
#ifdef _WIN32
	std::ofstream out(path, std::ios::binary | std::ios::trunc);
	out.write(text.data(), static_cast<std::streamsize>(text.size()));
	out.close();
	if (!out) {
		error = "cannot write " + pathToUtf8(path);
		return false;
	}
	return true;
#else
	const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, S_IRUSR | S_IWUSR);
	if (fd < 0) {
		error = "cannot create " + pathToUtf8(path) + ": " + std::strerror(errno);
		return false;
	}
	// An existing temporary file keeps its mode on O_CREAT: set it again.
	bool ok = ::fchmod(fd, S_IRUSR | S_IWUSR) == 0;
	std::size_t written = 0;
	while (ok && written < text.size()) {
		const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		ok = n > 0;
		written += ok ? static_cast<std::size_t>(n) : 0;
	}
	ok = ok && ::fsync(fd) == 0;
	if (!ok) {
		error = "cannot write " + pathToUtf8(path) + ": " + std::strerror(errno);
	}
	::close(fd);
	return ok;
#endif
}

} // namespace

namespace {

void takeNumber(const json &from, const char *key, double &into)
{
	if (const auto it = from.find(key); it != from.end() && it->is_number()) {
		into = it->get<double>();
	}
}

// The object under key, or an empty one.
const json &section(const json &from, const char *key)
{
	static const json empty = json::object();
	const auto it = from.find(key);
	return it != from.end() && it->is_object() ? *it : empty;
}

// A file written before version 2: one url and one speed for every kind. They belong to the kind that was
// selected; the others keep their defaults (the hidden leftover URL of another kind is dropped).
void migrateVersion1(const json &from, ConnectionSettings &s)
{
	std::string url;
	takeString(from, "url", url);
	double speed = 1.0;
	takeNumber(from, "speed", speed);
	if (s.kind == "tikfinity") {
		s.tikfinityUrl = url;
	} else if (s.kind == "websocket-url") {
		s.bridgeUrl = url;
	} else if (s.kind == "demo") {
		s.demoSpeed = speed;
	} else if (s.kind == "replay") {
		s.replaySpeed = speed;
	}
	// The @handle, the key and the file were only ever read by their own kind.
	takeString(from, "uniqueId", s.eulerUniqueId);
	takeString(from, "apiKey", s.eulerApiKey);
	takeString(from, "replayFile", s.replayFile);
}

} // namespace

ConnectionSettings connectionFromJson(const json &from)
{
	ConnectionSettings s;
	if (!from.is_object()) {
		return s;
	}
	takeString(from, "kind", s.kind);
	if (const auto it = from.find("record"); it != from.end() && it->is_boolean()) {
		s.record = it->get<bool>();
	}
	if (!from.contains("version")) {
		migrateVersion1(from, s);
		return s;
	}
	takeString(section(from, "tikfinity"), "url", s.tikfinityUrl);
	takeString(section(from, "websocket-url"), "url", s.bridgeUrl);
	takeString(section(from, "euler"), "uniqueId", s.eulerUniqueId);
	takeString(section(from, "euler"), "apiKey", s.eulerApiKey);
	takeString(section(from, "replay"), "file", s.replayFile);
	takeNumber(section(from, "replay"), "speed", s.replaySpeed);
	takeNumber(section(from, "demo"), "speed", s.demoSpeed);
	return s;
}

ConnectionStore::ConnectionStore(fs::path file, Logger &logger) : file_(std::move(file)), logger_(logger) {}

void ConnectionStore::load()
{
	std::lock_guard io(saveMutex_);
	ConnectionSettings loaded;
	std::string problem;
	std::error_code ec;
	if (!file_.empty() && fs::exists(file_, ec)) {
		// It holds the Euler Stream API key: a file an older version left readable by others is tightened.
		std::string modeError;
		if (!restrictFile(file_, modeError)) {
			logger_.log(LogLevel::Warning, "Connection settings: " + modeError);
		}
		std::string text;
		if (readFile(file_, text, problem)) {
			const json parsed = json::parse(text, nullptr, false);
			if (parsed.is_discarded()) {
				problem = "it is not valid JSON";
			} else if (!parsed.is_object()) {
				problem = "it is not a JSON object";
			} else {
				loaded = connectionFromJson(parsed);
			}
		}
	}
	if (!problem.empty()) {
		fs::path aside = file_;
		aside += ".unreadable";
		fs::rename(file_, aside, ec);
		logger_.log(LogLevel::Warning,
			    "Connection settings " + pathToUtf8(file_) + " are unreadable (" + problem +
				"); using the defaults (demo stream)" +
				(ec ? std::string() : "; the file was moved to " + pathToUtf8(aside)));
	}
	std::lock_guard lock(mutex_);
	if (!(loaded == settings_)) {
		settings_ = std::move(loaded);
		++revision_;
	}
	// What the file holds now (or, when it was missing or unreadable, nothing worth writing yet).
	savedRevision_ = revision_;
}

ConnectionSettings ConnectionStore::settings() const
{
	std::lock_guard lock(mutex_);
	return settings_;
}

ConnectionStore::Current ConnectionStore::current() const
{
	std::lock_guard lock(mutex_);
	return Current{settings_, revision_};
}

std::uint64_t ConnectionStore::revision() const
{
	std::lock_guard lock(mutex_);
	return revision_;
}

bool ConnectionStore::set(const ConnectionSettings &settings)
{
	std::lock_guard lock(mutex_);
	if (settings == settings_) {
		return false;
	}
	settings_ = settings;
	++revision_;
	return true;
}

bool ConnectionStore::save()
{
	std::lock_guard io(saveMutex_);
	Current current;
	{
		std::lock_guard lock(mutex_);
		if (savedRevision_ == revision_) {
			return true;
		}
		current = Current{settings_, revision_};
	}
	if (file_.empty()) {
		std::lock_guard lock(mutex_);
		savedRevision_ = current.revision;
		return true;
	}
	std::string error;
	fs::path temporary = file_;
	temporary += ".tmp";
	bool ok = makePrivateFolders(file_.parent_path(), ExistingFolder::Restrict, error) &&
		  writePrivateFile(temporary, connectionToJson(current.settings).dump(2) + "\n", error);
	if (ok) {
		std::error_code ec;
		fs::rename(temporary, file_, ec);
		if (ec) {
			error = "cannot replace " + pathToUtf8(file_) + ": " + ec.message();
			ok = false;
		}
	}
	if (!ok) {
		std::error_code ignored;
		fs::remove(temporary, ignored);
		logger_.log(LogLevel::Warning, "Cannot save the connection settings: " + error);
		return false;
	}
	std::lock_guard lock(mutex_);
	savedRevision_ = current.revision;
	return true;
}

} // namespace livegifts::connect
