#include "core/ledger.hpp"

#include "core/ledger-load.hpp"
#include "core/ledger-writer.hpp"
#include "core/private-files.hpp"
#include "core/sqlite.hpp"
#include "core/utf8-path.hpp"

#include <filesystem>
#include <system_error>

namespace livegifts {

namespace {

sqlite::Database &prepared(sqlite::Database &db, bool readOnly)
{
	prepareLedgerDatabase(db, readOnly);
	return db;
}

// The ledger is the streamer's data: a new file is created 0600 before SQLite opens it (SQLite gives its
// -wal, -shm and -journal files the mode of the database file). Those files left write-protected by a time
// the ledger was (a ledger made writable again) get the ledger's owner access back, or SQLite cannot open it.
void prepareLedgerFiles(const std::string &path, bool existed, Logger &logger)
{
	if (path.empty() || path == ":memory:") {
		return;
	}
	std::string error;
	bool ok = existed || preparePrivateFile(pathFromUtf8(path), error);
	for (const char *suffix : {"-wal", "-shm", "-journal"}) {
		ok = ok && restrictFile(pathFromUtf8(path + suffix), error) &&
		     shareOwnerAccess(pathFromUtf8(path + suffix), pathFromUtf8(path), error);
	}
	if (!ok) {
		logger.log(LogLevel::Warning, "ledger: " + error);
	}
}

// A file there before, left wider by an older version, is tightened once it is known to be a ledger (another
// program's database keeps its mode), with the -wal and -shm SQLite has just made like it. By path: opening
// and closing a descriptor of a file SQLite holds would drop SQLite's locks on it (POSIX record locks belong
// to the process).
void tightenLedgerFiles(const std::string &path, Logger &logger)
{
	if (path.empty() || path == ":memory:") {
		return;
	}
	std::string error;
	bool ok = true;
	for (const char *suffix : {"", "-wal", "-shm", "-journal"}) {
		ok = restrictFile(pathFromUtf8(path + suffix), error) && ok;
	}
	if (!ok) {
		logger.log(LogLevel::Warning, "ledger: " + error);
	}
}

} // namespace

struct Ledger::Impl {
	// Opens, configures and migrates the database, then prepares the statements. Throws.
	explicit Impl(const std::string &path, sqlite::Database::Access access = sqlite::Database::Access::ReadWrite)
	    : db(path, access), writer(prepared(db, access != sqlite::Database::Access::ReadWrite)),
	      findMsgId(db, "SELECT 1 FROM events WHERE msg_id = ?")
	{
	}

	sqlite::Database db;
	LedgerWriter writer;
	sqlite::Statement findMsgId;
};

std::string Ledger::moveAside(const std::string &path)
{
	const std::string target = path + ".corrupt-" + std::to_string(wallClockMs());
	std::error_code ec;
	std::filesystem::rename(pathFromUtf8(path), pathFromUtf8(target), ec);
	if (ec) {
		return {};
	}
	for (const char *suffix : {"-wal", "-shm"}) {
		std::error_code ignored;
		if (std::filesystem::exists(pathFromUtf8(path + suffix), ignored)) {
			std::filesystem::rename(pathFromUtf8(path + suffix), pathFromUtf8(target + suffix), ignored);
		}
	}
	return target;
}

Ledger::Ledger(std::unique_ptr<Impl> impl, std::string path) : impl_(std::move(impl)), path_(std::move(path)) {}

Ledger::~Ledger() = default;

std::unique_ptr<Ledger> Ledger::open(const std::string &path, Logger &logger, std::string &notice, std::string &error)
{
	for (int attempt = 0; attempt < 2; ++attempt) {
		try {
			std::error_code ec;
			const bool existed = std::filesystem::exists(pathFromUtf8(path), ec);
			prepareLedgerFiles(path, existed, logger);
			auto impl = std::make_unique<Impl>(path);
			if (existed) {
				tightenLedgerFiles(path, logger);
			}
			logger.log(LogLevel::Info, "ledger open: " + path);
			return std::unique_ptr<Ledger>(new Ledger(std::move(impl), path));
		} catch (const sqlite::SqliteError &e) {
			if (!e.corrupt() || attempt > 0) {
				error = e.what();
				return nullptr;
			}
			const std::string aside = moveAside(path);
			if (aside.empty()) {
				error = std::string(e.what()) + " (and it could not be moved aside)";
				return nullptr;
			}
			notice = "ledger '" + path + "' is damaged (" + e.what() + "); moved to '" + aside +
				 "', starting a new ledger";
			logger.log(LogLevel::Error, notice);
		} catch (const std::exception &e) {
			error = e.what();
			return nullptr;
		}
	}
	return nullptr;
}

std::unique_ptr<Ledger> Ledger::openReadOnly(const std::string &path, Logger &logger, std::string &error)
{
	std::error_code ec;
	if (!std::filesystem::is_regular_file(pathFromUtf8(path), ec)) {
		error = "no ledger file '" + path + "' to read";
		return nullptr;
	}
	// Read-only media without a -shm beside the file: only an immutable open can read it.
	for (const auto access : {sqlite::Database::Access::ReadOnly, sqlite::Database::Access::Immutable}) {
		try {
			auto impl = std::make_unique<Impl>(path, access);
			logger.log(LogLevel::Info, "ledger open for reading only: " + path);
			auto ledger = std::unique_ptr<Ledger>(new Ledger(std::move(impl), path));
			ledger->readOnly_ = true;
			return ledger;
		} catch (const std::exception &e) {
			error = e.what();
		}
	}
	return nullptr;
}

bool Ledger::load(JournalRestore &target, Millis now, std::size_t recentMsgIds, std::string &error)
{
	try {
		loadLedger(impl_->db, target, now, recentMsgIds);
		return true;
	} catch (const sqlite::SqliteError &e) {
		damaged_ = e.corrupt();
		error = e.what();
		return false;
	} catch (const std::exception &e) {
		damaged_ = true; // unreadable contents (e.g. a meta value that is not a number)
		error = e.what();
		return false;
	}
}

bool Ledger::commit(const JournalBatch &batch, std::string &error)
{
	return commit(batch, SpillFile({}), error);
}

bool Ledger::commit(const JournalBatch &batch, const SpillFile &spill, std::string &error, SpillFile::Skipped *skipped,
		    bool skipUnreadable)
{
	try {
		sqlite::Transaction transaction(impl_->db, sqlite::Transaction::Mode::Immediate);
		const Millis wall = wallClockMs();
		if (!spill.path().empty() && spill.exists()) {
			const std::string id = spill.readId();
			if (id.empty()) {
				throw std::runtime_error("the spill file '" + spill.path() +
							 "' has no readable header");
			}
			if (!spillWritten(id)) {
				std::string readError;
				SpillFile::Skipped passed;
				if (!spill.read([&](JournalBatch &&kept) { impl_->writer.write(kept, wall); },
						readError, passed, skipUnreadable)) {
					throw std::runtime_error(readError);
				}
				if (skipped != nullptr) {
					*skipped = passed;
				}
				impl_->writer.markSpillWritten(id);
			}
		}
		impl_->writer.write(batch, wall);
		transaction.commit();
		transient_ = false;
		return true;
	} catch (const sqlite::SqliteError &e) {
		// Another program holding the file (a viewer, a backup) is worth waiting for: keep the batch.
		transient_ = e.busy();
		error = e.what();
		return false;
	} catch (const std::exception &e) {
		transient_ = false;
		error = e.what();
		return false;
	}
}

bool Ledger::spillWritten(const std::string &spillId)
{
	sqlite::Statement q(impl_->db, "SELECT 1 FROM meta WHERE key = 'spill_written' AND value = ?");
	q.bind(1, spillId);
	return q.step();
}

Ledger::Lookup Ledger::findMsgId(std::string_view msgId, std::string &error)
{
	for (int attempt = 0; attempt < 2; ++attempt) {
		try {
			sqlite::Statement &q = impl_->findMsgId;
			q.bind(1, msgId);
			const bool found = q.step();
			q.reset();
			return found ? Lookup::Seen : Lookup::Unseen;
		} catch (const sqlite::SqliteError &e) {
			impl_->findMsgId.reset();
			error = std::string("msgId lookup failed: ") + e.what();
			if (!e.corrupt() || attempt > 0) {
				break;
			}
			try {
				impl_->db.exec("REINDEX events"); // an index rebuilt from the rows, then ask again
			} catch (const std::exception &) {
				break;
			}
		} catch (const std::exception &e) {
			error = std::string("msgId lookup failed: ") + e.what();
			break;
		}
	}
	return Lookup::Failed;
}

namespace {

// "ok", or the problems integrity_check lists (the first few).
std::string integrityReport(sqlite::Database &db)
{
	sqlite::Statement q(db, "PRAGMA integrity_check(events)");
	std::string report;
	int lines = 0;
	while (q.step()) {
		const std::string_view line = q.text(0);
		if (line == "ok") {
			continue;
		}
		if (++lines <= 3) {
			report += report.empty() ? "" : "; ";
			report += line;
		}
	}
	return report.empty() ? "ok" : report;
}

} // namespace

Ledger::Check Ledger::checkAndRepair(std::string &report)
{
	std::string found;
	try {
		found = integrityReport(impl_->db);
		if (found == "ok") {
			return Check::Ok;
		}
	} catch (const sqlite::SqliteError &e) {
		if (!e.corrupt()) {
			// Busy, out of memory, ...: nothing says the file is damaged; a failed lookup still holds.
			report = "ledger '" + path_ + "': the integrity check could not run (" + e.what() + ")";
			return Check::Ok;
		}
		found = e.what();
	}
	try {
		impl_->db.exec("REINDEX events");
		const std::string after = integrityReport(impl_->db);
		if (after == "ok") {
			report = "ledger '" + path_ + "': damaged msgId index rebuilt (" + found + ")";
			return Check::Repaired;
		}
		report = after;
	} catch (const sqlite::SqliteError &e) {
		if (!e.corrupt()) {
			report = "ledger '" + path_ + "': damaged (" + found + "), not rebuilt yet (" + e.what() + ")";
			return Check::Ok; // tried again at the next open; lookups that fail hold their messages
		}
		report = found + "; rebuilding the indexes failed: " + e.what();
	}
	damaged_ = true;
	return Check::Damaged;
}

void Ledger::execute(const std::string &sql)
{
	impl_->db.exec(sql);
}

std::int64_t Ledger::storedRows()
{
	try {
		sqlite::Statement q(impl_->db, "SELECT count(*) FROM events");
		return q.step() ? q.integer(0) : 0;
	} catch (const std::exception &) {
		return -1;
	}
}

} // namespace livegifts
