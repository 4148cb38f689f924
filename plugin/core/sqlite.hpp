#pragma once

// A small RAII wrapper over SQLite: a database connection, prepared statements and transactions. Every
// failure throws SqliteError with SQLite's extended result code.

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace livegifts::sqlite {

// A failed SQLite call, with its extended result code.
class SqliteError : public std::runtime_error {
public:
	SqliteError(int code, const std::string &what) : std::runtime_error(what), code_(code) {}
	int code() const { return code_; }
	// The file is damaged or not a database.
	bool corrupt() const;
	// Another connection holds a lock: worth trying again later.
	bool busy() const;

private:
	int code_;
};

// One connection, closed when destroyed.
class Database {
public:
	// ReadWrite: opens (creating it when missing) for reading and writing. ReadOnly: opens an existing
	// file for reading only. Immutable: the same, for a file on read-only media that SQLite may not even
	// lock (no -shm beside it can be made). Extended result codes on.
	enum class Access { ReadWrite, ReadOnly, Immutable };
	explicit Database(const std::string &path, Access access = Access::ReadWrite);
	~Database();
	Database(const Database &) = delete;
	Database &operator=(const Database &) = delete;

	// Runs one or more statements without results.
	void exec(const char *sql);
	void exec(const std::string &sql) { exec(sql.c_str()); }
	// Rolls back an open transaction, ignoring errors (cleanup after a failure).
	void rollbackQuietly() noexcept;
	sqlite3 *handle() const { return db_; }
	// Whether the main database cannot be written on this connection (SQLite opens a write-protected
	// file for reading only even when asked for reading and writing).
	bool readOnly() const { return sqlite3_db_readonly(db_, "main") == 1; }

private:
	sqlite3 *db_ = nullptr;
};

// A prepared statement, finalized when destroyed; reset after each run().
class Statement {
public:
	Statement(Database &db, const char *sql);
	~Statement();
	Statement(const Statement &) = delete;
	Statement &operator=(const Statement &) = delete;

	Statement &bind(int index, std::int64_t value);
	Statement &bind(int index, std::string_view value);
	Statement &bindNull(int index);
	// true: a row is available; false: done.
	bool step();
	// Steps once and resets.
	void run();
	void reset();

	std::int64_t integer(int column) const;
	bool isNull(int column) const;
	std::string_view text(int column) const;

private:
	void check(int rc);
	sqlite3 *db_;
	sqlite3_stmt *stmt_ = nullptr;
};

// BEGIN (or BEGIN IMMEDIATE) now, ROLLBACK when destroyed before commit().
class Transaction {
public:
	enum class Mode { Deferred, Immediate };
	explicit Transaction(Database &db, Mode mode = Mode::Deferred);
	~Transaction();
	Transaction(const Transaction &) = delete;
	Transaction &operator=(const Transaction &) = delete;
	void commit();

private:
	Database &db_;
	bool open_ = true;
};

} // namespace livegifts::sqlite
