#pragma once

// The engine worker's use of its ledger: open it and restore the Tally (a damaged file is moved aside and
// a new ledger started; an unusable one leaves the engine counting in memory only), write what the Tally
// tells after each batch (kept and retried while another program holds the database), and the status a
// Snapshot shows.
//
// Threads: the engine worker only.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/journal-batch.hpp"
#include "core/logger.hpp"

namespace livegifts {

class Ledger;
class Tally;

class LedgerKeeper {
public:
	// `path` empty: memory only. `recentMsgIds`: how many of the newest msgIds a load restores.
	LedgerKeeper(std::string path, std::size_t recentMsgIds, Logger &logger);
	~LedgerKeeper();
	LedgerKeeper(const LedgerKeeper &) = delete;
	LedgerKeeper &operator=(const LedgerKeeper &) = delete;

	// Opens the ledger and restores `tally` (empty) from it. `freshTally` replaces a half-restored Tally
	// after a failed load.
	void open(Tally &tally, Millis now, const std::function<void()> &freshTally);
	// Writes what `tally` has to tell in one transaction. A ledger that cannot be written is given up
	// (memory only from then on, and the Tally notes a change so the status is published).
	void commit(Tally &tally);
	// At exit: gives a busy ledger a few more tries for what is left.
	void finish(Tally &tally);

	bool ok() const { return ok_; }
	const std::string &error() const { return error_; }

private:
	void memoryOnly(Tally &tally, const std::string &why);
	bool replaceDamaged(Tally &tally, Millis now, const std::function<void()> &freshTally, std::string error);

	const std::string path_;
	const std::size_t recentMsgIds_;
	Logger &logger_;
	std::unique_ptr<Ledger> ledger_;
	JournalBatch unwritten_; // told by the Tally, not yet in the ledger
	bool ok_ = true;
	std::string error_;
	int busyFailures_ = 0; // consecutive commits refused because another program holds the database
};

} // namespace livegifts
