#pragma once

// The module-wide runtime: one Engine per OBS process shared by every source, the connector that feeds
// it, and the image fetcher. Sources are views over it. Created when the first source needs it, destroyed
// at module unload.
//
// Threads: snapshot(), images() and status() are safe from any thread and never wait on I/O (the video
// thread calls them). Connection changes are applied on the runtime's own control thread (they stop and
// start sockets and write the settings file).

#include "connect/connector.hpp"
#include "connect/image-fetcher.hpp"
#include "core/engine.hpp"
#include "core/goal-types.hpp"
#include "core/snapshot.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace livegifts::obs {

// Where events come from: global, kept in the module's config folder (connection.json).
struct ConnectionConfig {
	// "demo" (the bundled demo stream, looping), "replay" (a JSONL file), "tikfinity", "websocket-url",
	// "euler", or "off".
	std::string kind = "demo";
	std::string url;
	std::string uniqueId;
	std::string apiKey;
	std::string replayFile;
	double speed = 1.0;
	bool record = false; // write every frame to recordings/ in the config folder

	bool operator==(const ConnectionConfig &) const = default;
};

class Runtime {
public:
	static Runtime &instance();
	static void shutdown();

	Runtime();
	~Runtime();
	Runtime(const Runtime &) = delete;
	Runtime &operator=(const Runtime &) = delete;

	// The engine's newest snapshot (never null). The demo stream counts in a memory-only engine of its
	// own, so it never mixes with the streamer's ledger.
	SnapshotPtr snapshot() const;
	// Queues a frame into the engine in use (automation and tests).
	void submitFrame(std::string frame);
	// Waits until everything submitted is applied (never on the video thread).
	void flush();

	ConnectionConfig connection() const;
	// Applies a new connection on the control thread (no-op when unchanged) and saves it.
	void setConnection(const ConnectionConfig &config);
	// One line for the UI: "Demo stream: Connected", "TikFinity: Reconnecting in 4 s: ...".
	std::string statusLine() const;

	// Goals of Goal Bar sources, registered by id into whichever engine is in use.
	void setGoal(const GoalSpec &spec);
	void removeGoal(const std::string &id);
	void resetGoal(const std::string &id);

	connect::ImageFetcher &images() { return *images_; }

private:
	void post(std::function<void()> task);
	void controlLoop();
	void applyConnection(const ConnectionConfig &config); // control thread
	// The engine a connection counts in, created on first use (constructor, then control thread only).
	std::shared_ptr<Engine> engineFor(const ConnectionConfig &config);
	std::shared_ptr<Engine> engine() const { return engine_.load(); }

	std::unique_ptr<Logger> logger_;
	std::unique_ptr<connect::ImageFetcher> images_;
	std::shared_ptr<Engine> liveEngine_;          // control thread: the ledger-backed engine (created on first use)
	std::shared_ptr<Engine> demoEngine_;          // control thread: memory-only engine for the demo stream
	std::atomic<std::shared_ptr<Engine>> engine_; // the one in use (any thread reads)

	mutable std::mutex mutex_; // guards config_, goals_, connector_
	ConnectionConfig config_;
	std::map<std::string, GoalSpec> goals_;
	std::unique_ptr<connect::Connector> connector_;

	std::mutex taskMutex_; // guards tasks_ and stop_
	std::condition_variable taskWake_;
	std::deque<std::function<void()>> tasks_;
	bool stop_ = false;
	std::thread control_;
};

} // namespace livegifts::obs
