#pragma once

// The spill file: JournalBatches the ledger could not take yet, kept beside it ("<ledger>.spill", 0600)
// when memory is the limit or at exit. One JSON line per batch after a header line naming the file
// ({"spill":1,"id":"..."}); the ledger records that id in the transaction that writes the file's
// batches, so a file whose removal was interrupted is never written twice.
//
// Threads: used by the engine worker only.

#include <cstdint>
#include <functional>
#include <string>

#include "core/journal-batch.hpp"

namespace livegifts {

// How many records (rows) a batch holds.
std::int64_t batchRows(const JournalBatch &batch);

// Appends `more` to `batch` (everything in order, later values after earlier ones).
void appendBatch(JournalBatch &batch, JournalBatch &&more);

// Keeps only the latest value of each aggregate (standing, gift total, room totals, streak, goal, user):
// the ledger stores the same after writing either, since each replaces the one before. Messages, stream
// changes and resets stay as they are.
void compactBatch(JournalBatch &batch);

// One batch as one line of JSON (no newline), and back. fromSpillLine returns false for a line that is
// not such a batch.
std::string toSpillLine(const JournalBatch &batch);
bool fromSpillLine(const std::string &line, JournalBatch &batch);

class SpillFile {
public:
	// "<ledgerPath>.spill"
	static std::string pathFor(const std::string &ledgerPath);

	explicit SpillFile(std::string path) : path_(std::move(path)) {}

	const std::string &path() const { return path_; }
	// Whether the file exists; reads its id (empty when it has no readable header).
	bool exists() const;
	std::string readId() const;
	// Appends a batch (creating the file, 0600, with a new id when missing), flushed to disk. False (with
	// `error`) when it could not be written completely; then the file is as before.
	bool append(const JournalBatch &batch, std::string &error);
	// What a read passed over.
	struct Skipped {
		std::int64_t unreadableLines = 0; // complete lines that are not a batch (damage)
		bool cutLastLine = false;         // a last line cut short (a crash while appending)
	};
	// Calls `each` for every batch in order; false (with `error`) when a line cannot be read, unless
	// `skipUnreadable`: then such a line is passed over and counted in `skipped`. A last line cut short is
	// always passed over (and noted in `skipped`).
	bool read(const std::function<void(JournalBatch &&)> &each, std::string &error) const;
	bool read(const std::function<void(JournalBatch &&)> &each, std::string &error, Skipped &skipped,
		  bool skipUnreadable) const;
	// Renames the file to "<path>.damaged-<ms>" (kept for the streamer); that name, or "" when it cannot.
	std::string moveAside();
	bool remove(std::string &error);
	std::int64_t rows() const { return rows_; }
	std::int64_t messages() const { return messages_; }
	std::int64_t bytes() const;

private:
	std::string path_;
	std::int64_t rows_ = 0;     // appended by this process
	std::int64_t messages_ = 0; // of those, messages
};

} // namespace livegifts
