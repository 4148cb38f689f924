#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/journal-batch.hpp"
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
	~Ledger();
	Ledger(const Ledger &) = delete;
	Ledger &operator=(const Ledger &) = delete;

	// Restores the aggregates (not the rows) into an empty `target`. `recentMsgIds` of the newest stored
	// msgIds go to its dedupe; older ones are looked up on demand.
	bool load(JournalRestore &target, Millis now, std::size_t recentMsgIds, std::string &error);
	// Writes `batch` in one transaction. On failure nothing of it is stored; failedTransiently() tells
	// whether the database was only busy (locked by another program: keep the batch and try again).
	bool commit(const JournalBatch &batch, std::string &error);
	bool failedTransiently() const { return transient_; }
	// Whether a msgId is stored.
	bool containsMsgId(std::string_view msgId);

	// Whether the last failure was damage in the file (then moveAside() and open again).
	bool damaged() const { return damaged_; }
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
};

} // namespace livegifts
