#pragma once

// The module-wide runtime: one Engine per OBS process shared by every source, the connector that feeds
// it, the image fetcher, and the one connection store. Sources are views over it. Created when the first
// source is created, destroyed at module unload.
//
// Threads: snapshot(), images(), connection(), setConnection(), liveStatus() and statusLine() are safe from
// any thread and never wait on I/O (the video thread calls them; no lock they take is held during file or
// network I/O or logging). Connection changes, reconnect, disconnect and exports run on the runtime's own
// control thread.

#include "connect/connection-store.hpp"
#include "connect/connector.hpp"
#include "connect/image-fetcher.hpp"
#include "connect/recorder.hpp"
#include "core/engine.hpp"
#include "core/goal-types.hpp"
#include "core/shared-slot.hpp"
#include "core/snapshot.hpp"
#include "core/test-events.hpp"
#include "core/work-queue.hpp"
#include "obs/live-status.hpp"
#include "obs/module-singleton.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace livegifts::obs {

class Runtime {
public:
	// The module's runtime, created on the first call (call it first from a source's create, never from
	// the video thread: creating it reads files). Later calls take no lock.
	static Runtime &instance();
	// The runtime held until the lease goes, or empty when there is none (never creates it; no lock, nothing the
	// video thread waits on): for threads module unload may not have stopped (obs-websocket's, calling the vendor
	// requests). shutdown() waits for every lease; a holder must not call instance(), ifAlive() or shutdown().
	using Lease = ModuleSingleton<Runtime>::Lease;
	static Lease lease();
	static void shutdown();
	// Runs act on the runtime unless it was never created or is gone (module unload): for sources' destructors,
	// which OBS may call after the module unloaded; never creates it. Waits while it is being torn down.
	static void ifAlive(const std::function<void(Runtime &)> &act);

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

	// The one connection, as the store holds it now.
	connect::ConnectionSettings connection() const { return store_.settings(); }
	// The one way to change it: the store takes it at once (no I/O), the control thread applies and saves
	// it. No-op when unchanged.
	void setConnection(const connect::ConnectionSettings &settings);
	// The store's settings (API key masked), its revision and the revision the connector runs:
	// {"connection": {...}, "revision": N, "applied": M, "status": "..."} (automation and tests).
	std::string describeConnection() const;
	// One line for the UI: "Demo stream: Connected", "TikFinity: Reconnecting in 4 s: ...".
	std::string statusLine() const;

	// The connection's status now (any thread, no I/O).
	LiveStatus liveStatus() const;
	// Starts the connector of the newest settings again (control thread; also after Disconnect).
	void reconnect();
	// Stops the connector until reconnect() or a new setting (control thread).
	void disconnect();

	// This stream by hand (queued into the engine in use).
	void startStream();
	void endStream();

	// The ledger file of the engine in use; empty when it counts in memory only (the demo stream).
	std::string ledgerPath() const;
	// Writes this stream's ranked supporters as CSV (rank,id,nickname,coins,gifts) to a UTF-8 path on the
	// control thread, then calls done there with an error in plain words (empty on success).
	void exportSupportersCsv(std::string path, std::function<void(std::string error)> done);

	// Goals of Goal Bar sources, registered by id into whichever engine is in use.
	void setGoal(const GoalSpec &spec);
	void removeGoal(const std::string &id);
	// Explicit acts on a goal (queued; recorded in the ledger): a reset (the goal counts from zero from
	// now), undoing the newest reset, and a manual +/- on its counter (never below zero).
	void resetGoal(const std::string &id);
	void adjustGoal(const std::string &id, std::int64_t delta);
	void undoGoalReset(const std::string &id);
	// The "since reset" ranking of Top Supporters starts from zero (queued; recorded in the ledger).
	void resetSupporters();

	// A goal's identity is its own: each live Goal Bar source owns one goal id. claimGoal() gives `owner`
	// the id `wanted` unless another live source owns it (a duplicate, or two sources saved with one id),
	// or it is empty: then a fresh id. releaseGoal() gives up what `owner` holds (its goal stops counting
	// until a source claims it again); a release by a source that no longer owns the id does nothing.
	std::string claimGoal(const void *owner, const std::string &wanted);
	void releaseGoal(const void *owner);

	// Sends a test event of `kind` to every Gift Alerts source: shown, never counted (no totals, goals
	// or ledger rows). A streak's later updates follow over about two seconds. Any thread; never waits.
	void sendTestEvent(TestEventKind kind);

	connect::ImageFetcher &images() { return *images_; }

	// Called on an engine's thread right after it publishes a new snapshot (either engine), with the
	// snapshot of the engine in use and the image fetcher: a source starts the pixels the screen will wait
	// for at hand-over, not at its next video tick. A listener must be quick (no I/O, no logging) and must not
	// call instance(): while the runtime goes away (module unload) the engines still publish, but no listener
	// is called any more. Static, so that a source adds and removes its listener without the runtime; remove
	// waits for a call in progress.
	using PublishListener = std::function<void(const SnapshotPtr &snapshot, connect::ImageFetcher &images)>;
	static void addPublishListener(const void *owner, PublishListener listener);
	static void removePublishListener(const void *owner);

private:
	void notifyPublished(); // engine threads
	using TimePoint = std::chrono::steady_clock::time_point;
	void runDueTests(); // control thread: publishes the test entries whose time has come
	void post(std::function<void()> task);
	void controlLoop();
	void applyNewest(bool force); // control thread: applies (when new, or forced) and saves the newest revision
	void applyConnection(const connect::ConnectionSettings &config, bool force); // control thread
	void applyRecording(bool record);                                            // control thread
	// The engine a connection counts in, created on first use (constructor, then control thread only).
	std::shared_ptr<Engine> engineFor(const connect::ConnectionSettings &config);
	std::shared_ptr<Engine> engine() const { return engine_.load(); }

	std::unique_ptr<Logger> obsLogger_; // blog() with the module prefix
	std::unique_ptr<Logger> logger_;    // obsLogger_ through a rate limiter: what everything logs to
	std::unique_ptr<connect::ImageFetcher> images_;
	// Held by the engine threads while they call the publish listeners, and by the destructor to stop them
	// (before anything is torn down); never by the video thread.
	std::mutex notifyMutex_;
	bool closing_ = false;               // under notifyMutex_: the destructor has begun, no listener is called
	connect::ConnectionStore store_;     // any thread reads and sets; the control thread loads and saves
	std::shared_ptr<Engine> liveEngine_; // control thread: the ledger-backed engine (created on first use)
	std::shared_ptr<Engine> demoEngine_; // control thread: memory-only engine for the demo stream
	SharedSlot<Engine> engine_;          // the one in use: the control thread stores, any thread loads

	// Guards goals_ .. ledgerPath_ and testNumber_; held only to copy them, never during I/O or logging.
	mutable std::mutex mutex_;
	std::map<std::string, GoalSpec> goals_;              // any thread (update) writes
	std::map<std::string, const void *> goalOwners_;     // goal id -> live source (create, remove, destroy)
	std::shared_ptr<connect::Connector> connector_;      // control thread writes, any thread copies
	std::uint64_t appliedRevision_ = 0;                  // control thread writes: the store revision running
	std::optional<connect::ConnectionSettings> applied_; // control thread: the settings running
	std::uint64_t connects_ = 0; // control thread writes: connectors started so far (automation reads)
	bool disconnected_ = false;  // control thread writes: Disconnect asked
	std::uint64_t framesBeforeDisconnect_ = 0; // control thread writes (under mutex_): the status shows them
	std::string ledgerPath_;                   // control thread writes: the ledger of the engine in use

	std::atomic<std::int64_t> lastFrameMs_{0}; // connector threads write, any thread reads
	// Where frames are also written while "Record every event" is on: the control thread stores (switched
	// without reconnecting), connector threads load.
	SharedSlot<connect::Recorder> recorder_;
	std::uint64_t testNumber_ = 0; // any thread (sendTestEvent) increments

	// Control thread only: test entries waiting for their time (a streak's later updates), by due time.
	std::multimap<TimePoint, GiftActivity> dueTests_;

	WorkQueue<std::function<void()>> tasks_; // any thread posts; the control thread runs them
	std::thread control_;                    // last: started once everything above exists
};

} // namespace livegifts::obs
