#include "core/sqlite.hpp"

#include "core/utf8.hpp"

namespace livegifts::sqlite {

namespace {

[[noreturn]] void fail(sqlite3 *db, int code, const std::string &context)
{
	std::string message = context + ": ";
	message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
	throw SqliteError(db != nullptr ? sqlite3_extended_errcode(db) : code, message);
}

// A "file:" URI for `path` with `query` (percent-escaping what a URI path cannot hold as it is).
std::string fileUri(const std::string &path, const char *query)
{
	std::string uri = "file:";
#if defined(_WIN32)
	if (path.size() > 1 && path[1] == ':') {
		uri += '/'; // file:/C:/...
	}
#endif
	for (const char c : path) {
#if defined(_WIN32)
		if (c == '\\') {
			uri += '/';
			continue;
		}
#endif
		if (c == '%' || c == '?' || c == '#' || static_cast<unsigned char>(c) < 0x20) {
			uri += '%';
			appendHexByte(uri, static_cast<unsigned char>(c));
		} else {
			uri += c;
		}
	}
	return uri + "?" + query;
}

} // namespace

bool SqliteError::corrupt() const
{
	const int primary = code_ & 0xff;
	return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

bool SqliteError::busy() const
{
	const int primary = code_ & 0xff;
	return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

Database::Database(const std::string &path, Access access)
{
	int rc = SQLITE_OK;
	switch (access) {
	case Access::ReadWrite:
		rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
		break;
	case Access::ReadOnly:
		rc = sqlite3_open_v2(fileUri(path, "mode=ro").c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
				     nullptr);
		break;
	case Access::Immutable:
		rc = sqlite3_open_v2(fileUri(path, "mode=ro&immutable=1").c_str(), &db_,
				     SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
		break;
	}
	if (rc != SQLITE_OK) {
		try {
			fail(db_, rc, "open '" + path + "'");
		} catch (...) {
			sqlite3_close_v2(db_);
			throw;
		}
	}
	sqlite3_extended_result_codes(db_, 1);
}

Database::~Database()
{
	sqlite3_close_v2(db_);
}

void Database::exec(const char *sql)
{
	char *error = nullptr;
	const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
	if (rc != SQLITE_OK) {
		std::string message = error != nullptr ? error : sqlite3_errstr(rc);
		sqlite3_free(error);
		throw SqliteError(sqlite3_extended_errcode(db_), std::string("SQL failed: ") + message);
	}
}

void Database::rollbackQuietly() noexcept
{
	sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

Statement::Statement(Database &db, const char *sql) : db_(db.handle())
{
	const int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
	if (rc != SQLITE_OK) {
		fail(db_, rc, std::string("prepare '") + sql + "'");
	}
}

Statement::~Statement()
{
	sqlite3_finalize(stmt_);
}

Statement &Statement::bind(int index, std::int64_t value)
{
	check(sqlite3_bind_int64(stmt_, index, value));
	return *this;
}

Statement &Statement::bind(int index, std::string_view value)
{
	// An empty view may have no data pointer, which SQLite would store as NULL.
	const char *data = value.data() != nullptr ? value.data() : "";
	check(sqlite3_bind_text(stmt_, index, data, static_cast<int>(value.size()), SQLITE_TRANSIENT));
	return *this;
}

Statement &Statement::bindNull(int index)
{
	check(sqlite3_bind_null(stmt_, index));
	return *this;
}

bool Statement::step()
{
	const int rc = sqlite3_step(stmt_);
	if (rc == SQLITE_ROW) {
		return true;
	}
	if (rc == SQLITE_DONE) {
		return false;
	}
	const int code = sqlite3_extended_errcode(db_);
	const std::string message = sqlite3_errmsg(db_);
	sqlite3_reset(stmt_);
	throw SqliteError(code, "step: " + message);
}

void Statement::run()
{
	step();
	reset();
}

void Statement::reset()
{
	sqlite3_reset(stmt_);
	sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::integer(int column) const
{
	return sqlite3_column_int64(stmt_, column);
}

bool Statement::isNull(int column) const
{
	return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::string_view Statement::text(int column) const
{
	const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(stmt_, column));
	return p == nullptr ? std::string_view{}
			    : std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

void Statement::check(int rc)
{
	if (rc != SQLITE_OK) {
		fail(db_, rc, "bind");
	}
}

Transaction::Transaction(Database &db, Mode mode) : db_(db)
{
	db_.exec(mode == Mode::Immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction()
{
	if (open_) {
		db_.rollbackQuietly();
	}
}

void Transaction::commit()
{
	db_.exec("COMMIT");
	open_ = false;
}

} // namespace livegifts::sqlite
