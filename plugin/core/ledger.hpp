#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/journal-batch.hpp"
#include "core/journal-spill.hpp"
#include "core/journal.hpp"
#include "core/ledger-schema.hpp"
#include "core/logger.hpp"

namespace livegifts {

// The streamer's gift ledger: one SQLite database (WAL) holding every stored message once (msgId
// UNIQUE), the streams, resets, goals, open streaks and the aggregates a restart loads.
//
// Threads: one Ledger is used by one thread (the engine worker); it owns its connection.
class Ledger {
public:
	static constexpr int schemaVersion = ledgerSchemaVersion;

	// Opens or creates the ledger. A file that is not a database, is corrupt or has an unreadable
	// schema is renamed to "<path>.corrupt-<unix ms>" (with its -wal/-shm) and a new one is created;
	// `notice` then says so. Returns nullptr when no ledger can be used at all (`error` says why).
	static std::unique_ptr<Ledger> open(const std::string &path, Logger &logger, std::string &notice,
					    std::string &error);
	// Opens an existing ledger for reading only (its file or folder cannot be written): load() and
	// findMsgId() work, commit() fails. nullptr (with `error`) when it cannot even be read.
	static std::unique_ptr<Ledger> openReadOnly(const std::string &path, Logger &logger, std::string &error);
	~Ledger();
	Ledger(const Ledger &) = delete;
	Ledger &operator=(const Ledger &) = delete;

	// Restores the aggregates (not the rows) into an empty `target`. `recentMsgIds` of the newest stored
	// msgIds go to its dedupe; older ones are looked up on demand.
	bool load(JournalRestore &target, Millis now, std::size_t recentMsgIds, std::string &error);
	// Writes `batch` in one transaction. On failure nothing of it is stored; failedTransiently() tells
	// whether the database was only busy (locked by another program: keep the batch and try again).
	bool commit(const JournalBatch &batch, std::string &error);
	// The same, after the batches of a spill file (in the same transaction, its id recorded with them:
	// see SpillFile). A spill file already written (its id recorded) is not written again.
	// `skipped` (when given) tells what the spill file's read passed over; `skipUnreadable` passes over its
	// damaged lines instead of failing (SpillFile::read).
	bool commit(const JournalBatch &batch, const SpillFile &spill, std::string &error,
		    SpillFile::Skipped *skipped = nullptr, bool skipUnreadable = false);
	bool failedTransiently() const { return transient_; }
	// Whether a msgId is stored. Failed (with `error`) when the ledger cannot answer (a damaged index
	// is rebuilt and asked once more first): never read that as "not stored".
	enum class Lookup { Unseen, Seen, Failed };
	Lookup findMsgId(std::string_view msgId, std::string &error);

	// Checks the events table and its msgId index (PRAGMA integrity_check); damage in the indexes is
	// repaired (REINDEX). Ok: sound, or the check could not run for a reason other than damage (busy:
	// `report` says so); Repaired: `report` says what was rebuilt; Damaged: the rows themselves are
	// damaged (move the file aside), `report` says how.
	enum class Check { Ok, Repaired, Damaged };
	Check checkAndRepair(std::string &report);

	// Whether a spill file with this id was written.
	bool spillWritten(const std::string &spillId);

	// Runs SQL on the ledger's own connection (tests inject faults with it: max_page_count, query_only).
	void execute(const std::string &sql);

	// Whether the last failure was damage in the file (then moveAside() and open again).
	bool damaged() const { return damaged_; }
	// Opened with openReadOnly().
	bool readOnly() const { return readOnly_; }
	// Renames a ledger and its -wal/-shm to "<path>.corrupt-<unix ms>"; returns the new path or "".
	static std::string moveAside(const std::string &path);

	const std::string &path() const { return path_; }
	// Counters for tests and the benchmark.
	std::int64_t storedRows();

private:
	struct Impl;
	explicit Ledger(std::unique_ptr<Impl> impl, std::string path);
	std::unique_ptr<Impl> impl_;
	std::string path_;
	bool damaged_ = false;
	bool transient_ = false;
	bool readOnly_ = false;
};

} // namespace livegifts
