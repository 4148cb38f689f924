#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/logger.hpp"
#include "core/tally.hpp"

namespace livegifts {

// The streamer's gift ledger: one SQLite database (WAL) holding every stored message once (msgId
// UNIQUE), the streams, resets, goals, open streaks and the aggregates a restart loads.
//
// Threads: one Ledger is used by one thread (the engine worker); it owns its connection.
class Ledger {
public:
	static constexpr int schemaVersion = 1;

	// Opens or creates the ledger. A file that is not a database, is corrupt or has an unreadable
	// schema is renamed to "<path>.corrupt-<unix ms>" (with its -wal/-shm) and a new one is created;
	// `notice` then says so. Returns nullptr when no ledger can be used at all (`error` says why).
	static std::unique_ptr<Ledger> open(const std::string &path, Logger &logger, std::string &notice,
					    std::string &error);
	~Ledger();
	Ledger(const Ledger &) = delete;
	Ledger &operator=(const Ledger &) = delete;

	// Loads the aggregates (not the rows) into an empty Tally. `recentMsgIds` of the newest stored
	// msgIds go to its dedupe; older ones are looked up on demand.
	bool load(Tally &tally, Millis now, std::size_t recentMsgIds, std::string &error);
	// Writes the Tally's pending changes in one transaction and clears them. On failure nothing of
	// the batch is stored; when the database was only busy (locked by another program) the changes
	// stay pending for the next try (failedTransiently()), otherwise they are dropped.
	bool commit(Tally &tally, std::string &error);
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
