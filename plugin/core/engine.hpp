#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/goal-types.hpp"
#include "core/ledger-keeper.hpp"
#include "core/logger.hpp"
#include "core/normalize.hpp"
#include "core/snapshot.hpp"

namespace livegifts {

// How an Engine is built.
struct EngineOptions {
	// SQLite ledger file. Empty: memory only (nothing survives the process). A corrupt ledger is moved
	// aside ("<path>.corrupt-<time>") and a new one started; an unusable one leaves the engine in
	// memory-only mode. Both are logged and shown in Snapshot::ledgerError, never thrown.
	std::string ledgerPath;
	// A ledger write that fails (disk full, read-only, locked) keeps the rows and retries: this many rows
	// are kept in memory, more go to "<ledgerPath>.spill" (0600), written into the ledger when the fault
	// clears or at the next start. Retries back off from ledgerRetryMs to ledgerLongestRetryMs (engine
	// clock). At exit (close() or the destructor) a failing ledger is given ledgerExitWaitMs (real time).
	std::int64_t ledgerMemoryRows = 50000;
	Millis ledgerRetryMs = 250;
	Millis ledgerLongestRetryMs = 5000;
	Millis ledgerExitWaitMs = 5000;
	// Called on the worker before each ledger write (tests inject faults through Ledger::execute).
	std::function<void(Ledger &)> ledgerBeforeWrite;
	// Called on the worker right after each new snapshot is published (before the ledger writes the batch):
	// whoever draws it can start the work the screen will wait for at once. Must be quick and must not
	// call back into the engine.
	std::function<void()> onPublish;
	// A streak (giftType 1) with no message for this long is closed with its last repeatCount.
	Millis streakQuietTimeoutMs = 5000;
	// Stream boundaries: the same room after more than this without any event starts a new stream
	// (engine time: the clock, or the events' createTime with useEventTime).
	Millis streamSilenceMs = 30 * 60 * 1000;
	// Use the events' createTime instead of the clock to decide streak timeouts (file replays, where
	// the input runs much faster than real time). Events without createTime fall back to the clock.
	bool useEventTime = false;
	// Where log lines go (nullptr: nullLogger()). Called from the worker thread.
	Logger *logger = nullptr;
	// Time source (nullptr: steadyClock()). Must outlive the engine.
	Clock *clock = nullptr;
	// How many msgIds the in-memory dedupe remembers (older ones are still found in the ledger).
	std::size_t dedupeCapacity = 200000;
	// How many supporters each Snapshot lists per scope.
	std::size_t topN = 100;
	// How many gift activity entries / goal events a Snapshot keeps.
	std::size_t activityCapacity = 256;
	// Longest frame accepted, in bytes; longer ones are rejected as errors.
	std::size_t maxFrameBytes = limits::maxFrameBytes;
};

// The thread-safe facade over the counting engine. One per process, shared by every source.
//
// Threads: every public member may be called from any thread. A single worker thread owns all state
// and the ledger; it applies frames and commands strictly in the order they were submitted, writes the
// ledger in small transactions and publishes an immutable Snapshot after each batch. A frame or command
// that throws is logged and skipped; the worker keeps running.
class Engine {
public:
	explicit Engine(EngineOptions options = {});
	// close(), when not called before.
	~Engine();

	// Applies what was already submitted, writes the ledger (a failing one is given ledgerExitWaitMs, then
	// what it could not take is kept in the spill file), closes it and joins the worker. Returns what was
	// left unwritten (also logged as an error); later calls return the same. Open streaks stay open (they
	// continue after a restart); call endOfInput() first to close them. Nothing submitted after it is applied.
	LedgerExit close();

	Engine(const Engine &) = delete;
	Engine &operator=(const Engine &) = delete;

	// Enqueues one frame already parsed where it arrived (a connector's thread): the worker applies its
	// events and counts its errors without parsing it again. Never blocks on I/O.
	void submitParsed(ParsedFrame frame);
	// The same, naming the frame by its line in an input file (as submitFrame(frame, lineNumber)).
	void submitParsed(ParsedFrame frame, std::uint64_t lineNumber);
	// Enqueues one raw text frame: an {"event","data"} envelope, a {"type","data"} frame or a
	// {"messages":[...]} bundle; the worker parses it (once). For automation, tests and the CLI. Never
	// blocks on I/O; only takes the queue's mutex briefly.
	void submitFrame(std::string frame);
	// The same, naming the frame by its line in an input file: error log lines then say "line N: ..."
	// instead of "frame N: ..." (N counts submitted frames from 1).
	void submitFrame(std::string frame, std::uint64_t lineNumber);

	// The latest published snapshot (never null): a copy of one shared_ptr swapped in by the worker
	// under a flag held only for that pointer copy; never waits for the worker's work or the ledger.
	// Safe on the OBS video thread.
	std::shared_ptr<const Snapshot> snapshot() const;

	// Blocks until everything submitted before the call is applied, committed to the ledger (unless a
	// write fails: then it is kept and retried, Snapshot::ledger says so; or its msgId lookup failed:
	// then it is held, Snapshot::ledger.heldMessages) and visible
	// in snapshot(). For tests, the CLI and shutdown paths, never for the video thread or from the
	// Logger (which the worker calls).
	void flush();

	// Stream control (queued like frames). startStream() ends an open stream and starts a new one;
	// endStream() closes open streaks (counting them) and ends the stream, as a streamEnd message does.
	// Events counted while no stream is open start one automatically (the room is live).
	void startStream();
	void endStream();
	// Closes every open streak with its last repeatCount (end of a replayed file, connector gone for
	// good). The stream stays open.
	void endOfInput();

	// Resets (queued, recorded in the ledger; history stays).
	// A goal's reset: it counts from zero from now in every scope (GoalScope::Stream: until the stream
	// ends). Recorded in the ledger (resets), undoable: undoGoalReset() goes back to the reset point
	// before (recorded in goal_actions). adjustGoal() adds a manual +/- to the goal's counter (recorded in
	// goal_actions; never below zero; may reach a target as counting does). Unknown ids are logged.
	void resetGoal(const std::string &goalId);
	void undoGoalReset(const std::string &goalId);
	void adjustGoal(const std::string &goalId, std::int64_t delta);
	void resetStream(); // ends the current stream and starts a fresh one
	void resetAll();    // all-time totals restart from zero (a new all-time epoch) and a new stream starts
	// The "since reset" ranking of supporters restarts from zero (Snapshot::sinceReset); this stream and
	// all time are untouched. Recorded in the ledger (a `resets` row), so a restart ranks exactly as before.
	void resetSupporters();

	// Goals (queued). A Goal Bar source registers its goal by id and reads Snapshot::goals[id].
	void setGoal(GoalSpec spec);
	void removeGoal(const std::string &goalId);

	// Publishes a test entry in the snapshot's activity (queued like frames): every Gift Alerts source
	// shows it, nothing counts it (no totals, goals, supporters or ledger rows). See core/test-events.hpp.
	void showTest(GiftActivity entry);

	// Ranked supporters of a scope beyond the snapshot's topN (limit 0 = all). Runs on the worker after
	// everything submitted before; blocks the caller until then. Not for the video thread.
	std::vector<SupporterEntry> supporters(bool allTime, std::size_t limit = 0);
	// The same for any scope and ranking (SinceReset before any resetSupporters(): all time).
	std::vector<SupporterEntry> supporters(SupporterScope scope, RankBy by, std::size_t limit = 0);

	// The options the engine runs with.
	const EngineOptions &options() const { return options_; }

private:
	struct Impl;
	EngineOptions options_;
	std::unique_ptr<Impl> impl_;
};

} // namespace livegifts
