#pragma once

// The engine worker's use of its ledger: open it (a spill file left by the last run written first, the
// msgId index checked and rebuilt when damaged, a damaged file moved aside and a new ledger started, an
// unusable one leaving the engine counting in memory only) and restore the Tally; write what the Tally
// tells after each batch. A write that fails (disk full, read-only, a lock held by another program) never
// turns the ledger off: what was told is kept (in memory up to a bound, then appended to the spill file
// beside the ledger), retried with backoff, and written when the fault clears, all in one transaction so
// that a retry never stores a row twice. At exit a bounded wait, then a plain report of what is kept where.
// A ledger whose file or folder cannot be written is opened for reading only: its history is restored, new
// counts wait as for any failing write, and each retry tries to open it for writing again. Only one program
// writes a ledger ("<ledger>.lock"): each writes the totals it counted, so a second writer would overwrite the
// first's. A ledger another program writes is read for its history and msgIds, and what this one counts stays
// in memory, said plainly.
//
// Threads: the engine worker only.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/file-lock.hpp"
#include "core/journal-batch.hpp"
#include "core/journal-spill.hpp"
#include "core/logger.hpp"
#include "core/snapshot.hpp"

namespace livegifts {

class Ledger;
class Tally;

struct LedgerKeeperOptions {
	// Rows kept in memory while the ledger cannot be written; beyond that they go to the spill file.
	std::int64_t memoryRows = 50000;
	// Backoff between tries of a failing write: the first wait, doubled up to the longest.
	Millis firstRetryMs = 250;
	Millis longestRetryMs = 5000;
	// Called on the worker before each write (tests inject faults with Ledger::execute).
	std::function<void(Ledger &)> beforeWrite;
};

// What the last write at exit left unwritten.
struct LedgerExit {
	std::int64_t unwrittenRows = 0; // rows not in the ledger
	std::int64_t heldMessages = 0;  // messages never applied (their msgId lookup kept failing)
	std::string keptIn;             // the spill file holding the unwritten rows ("" when lost or none)
	std::string message;            // the plain report ("" when everything was written)
	bool memoryOnly = false;        // a ledger was asked for but none could be used: nothing was written
	std::string replaced;           // a damaged ledger was moved aside and a new one started (what was said)
	bool ok() const { return unwrittenRows == 0 && heldMessages == 0 && !memoryOnly && replaced.empty(); }
};

class LedgerKeeper {
public:
	// `path` empty: memory only. `recentMsgIds`: how many of the newest msgIds a load restores. `clock`
	// times the backoff.
	LedgerKeeper(std::string path, std::size_t recentMsgIds, Logger &logger, const Clock &clock,
		     LedgerKeeperOptions options = {});
	~LedgerKeeper();
	LedgerKeeper(const LedgerKeeper &) = delete;
	LedgerKeeper &operator=(const LedgerKeeper &) = delete;

	// Opens the ledger and restores `tally` (empty) from it. `freshTally` replaces a half-restored Tally
	// after a failed load.
	void open(Tally &tally, Millis now, const std::function<void()> &freshTally);
	// Takes what `tally` has to tell and writes everything waiting in one transaction, unless a failed
	// write's backoff has not run out yet.
	void commit(Tally &tally);
	// The clock time of the next try of a failed write, INT64_MAX when nothing waits.
	Millis retryAt() const;
	// At exit: tries for up to `waitMs` (real time), then keeps what is left in the spill file and says so.
	// `heldMessages`: messages the engine could not apply (reported too).
	LedgerExit finish(Tally &tally, Millis waitMs, std::int64_t heldMessages);

	// The status a Snapshot shows (heldMessages is the engine's to fill).
	LedgerStatus status() const;
	// A msgId lookup that failed (the engine holds the message); "" clears it.
	void noteLookupError(const std::string &error);

	bool ok() const;
	std::string error() const;

private:
	void memoryOnly(Tally &tally, const std::string &why);
	bool openReadOnly(Tally &tally, Millis now, const std::function<void()> &freshTally, const std::string &why);
	void openInUse(Tally &tally, Millis now, const std::function<void()> &freshTally, const std::string &why);
	bool reopenWritable(std::string &error);
	bool replaceDamaged(Tally &tally, Millis now, const std::function<void()> &freshTally, std::string error);
	bool writeLeftSpill();
	void ready(Tally &tally);
	bool tryWrite();
	void boundMemory();
	bool spillAll(std::string &error);

	const std::string path_;
	const std::size_t recentMsgIds_;
	Logger &logger_;
	const Clock &clock_;
	LedgerKeeperOptions options_;
	std::unique_ptr<FileLock> lock_; // "<ledger>.lock", held while this one may write the ledger
	std::unique_ptr<Ledger> ledger_;
	LedgerStatus::State state_ = LedgerStatus::State::None;
	std::string error_;    // the write failure while Retrying, why while MemoryOnly
	std::string notice_;   // what open found and did (a file moved aside, an index rebuilt)
	std::string replaced_; // this run moved a damaged ledger aside and started a new one: what it said
	std::string lookupError_;
	JournalBatch pending_; // told by the Tally, not yet in the ledger (after the spill file's rows)
	std::int64_t pendingRows_ = 0;
	SpillFile spill_;
	bool spillPending_ = false; // the spill file holds rows not yet in the ledger
	bool inUse_ = false;        // another program holds the ledger's lock (state MemoryOnly)
	bool readOnly_ = false;     // ledger_ was opened for reading only (each retry tries to open it for writing)
	std::string spillError_;
	Millis nextTry_ = 0;
	Millis backoff_ = 0;
	Millis failingSince_ = 0;
};

} // namespace livegifts
