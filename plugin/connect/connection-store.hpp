#pragma once

// The one connection of the module (one engine, one connector per OBS process): where live events come
// from. One schema, one file (connection.json in the module's config folder), one owner (the module
// runtime), changed through one call (set). Everyone else reads.
//
// Each connector kind has its own fields, and a connector reads only the fields of its kind: a URL typed
// for the bridge never reaches TikFinity or Euler Stream. The file is JSON, version 2:
//   {"version":2,"kind":"tikfinity","tikfinity":{"url"},"websocket-url":{"url"},
//    "euler":{"uniqueId","apiKey"},"replay":{"file","speed"},"demo":{"speed"},"record":false}
// A file without "version" (written before 2) had one "url" and one "speed" shared by every kind: they go
// to the kind that was selected only. Unknown keys are ignored and a key of the wrong type keeps its
// default, so older and newer files both load. It holds an API key, so it is written for the user alone:
// mode 0600 in a 0700 folder, to a temporary file that is then renamed over the old one (a crash mid-write
// leaves the old file or the new one, never half of one).
//
// Threads: settings(), current() and set() are safe from any thread and never do I/O (the video thread
// may call them). load() and save() do file I/O: call them off the video thread; the store's lock is never
// held while they read or write, so a reader never waits for the disk.

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "connect/connector.hpp"
#include "core/logger.hpp"

namespace livegifts::connect {

struct ConnectionSettings {
	// "demo" (the bundled demo stream, looping), "replay" (a JSONL file), "tikfinity", "websocket-url"
	// (a bridge), "euler", or "off".
	std::string kind = "demo";
	std::string tikfinityUrl;  // empty: kTikFinityUrl
	std::string bridgeUrl;     // websocket-url
	std::string eulerUniqueId; // the streamer's @handle (with or without the @)
	std::string eulerApiKey;
	std::string replayFile; // UTF-8
	double replaySpeed = 1.0;
	double demoSpeed = 1.0;
	bool record = false; // any kind: write every frame to recordings/ in the config folder

	bool operator==(const ConnectionSettings &) const = default;
};

// What the connector of the selected kind runs with, made from that kind's own fields only. demoFile is
// the bundled demo stream (kind "demo"). False for "off" and unknown kinds (no connector).
bool connectorSettingsFor(const ConnectionSettings &settings, const std::filesystem::path &demoFile,
			  ConnectorSettings &out);

// The file's schema. With maskSecrets (logs, automation) a non-empty API key is written as "***", and so are
// the secrets a typed URL may carry (a password, query items named like secrets: maskUrlText).
nlohmann::json connectionToJson(const ConnectionSettings &settings, bool maskSecrets = false);
// Unknown keys are ignored; a missing key or one of the wrong type keeps its default; a file without
// "version" is migrated (see above).
ConnectionSettings connectionFromJson(const nlohmann::json &json);

class ConnectionStore {
public:
	// An empty file keeps the settings in memory only (a bare libobs host without a config folder).
	explicit ConnectionStore(std::filesystem::path file, Logger &logger = nullLogger());
	ConnectionStore(const ConnectionStore &) = delete;
	ConnectionStore &operator=(const ConnectionStore &) = delete;

	struct Current {
		ConnectionSettings settings;
		std::uint64_t revision = 0;
	};

	// Reads the file (I/O). A missing file gives the defaults; an unreadable one is logged, moved aside
	// to <file>.unreadable and gives the defaults: never an exception. Counts as a change (new revision)
	// when the settings differ from those held.
	void load();

	// Any thread, no I/O.
	ConnectionSettings settings() const;
	Current current() const;
	std::uint64_t revision() const;

	// The one way to change the connection. Any thread, no I/O: save() writes it later. Returns true (and
	// a new revision) when the settings differ from those held.
	bool set(const ConnectionSettings &settings);

	// Writes the newest settings unless they are already on disk (I/O; serialised between callers).
	// False when the write failed (logged; the next save() tries again).
	bool save();

	const std::filesystem::path &file() const { return file_; }

private:
	const std::filesystem::path file_;
	Logger &logger_;

	std::mutex saveMutex_; // serialises load() and save() (I/O threads only; never taken by the video thread)

	mutable std::mutex mutex_; // guards the fields below, held only to copy them; never during I/O or logging
	ConnectionSettings settings_;
	std::uint64_t revision_ = 0;
	std::uint64_t savedRevision_ = 0; // the revision the file holds
};

} // namespace livegifts::connect
