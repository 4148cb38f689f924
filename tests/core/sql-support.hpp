#pragma once

// Looking into a ledger file from a test, beside the engine: one number from a query, a statement run as
// another program would, and engine options that use the file.

#include "core/engine.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <string>

// Takes a ledger back to schema 8 from the supporters' newest handles (a database that did not keep them).
inline const char *const undoNewerHandlesSql = "ALTER TABLE users DROP COLUMN handle;";

// Takes a ledger of schema 8 back to schema 7 from the supporters' numeric ids (a database older than renamed
// viewers).
inline const char *const undoNumericIdsSql = "ALTER TABLE users DROP COLUMN numeric_id;";

// Takes a ledger back to schema 6 from the guests' units per gift (a database older than whole-room gift goals).
inline const char *const undoGuestGiftsSql = "DROP TABLE guest_gifts;";

// Takes a ledger back to schema 5 from the stream boundaries' migration (a database older than rooms and causes).
inline const char *const undoStreamBoundariesSql =
    "ALTER TABLE streams DROP COLUMN room_id; ALTER TABLE streams DROP COLUMN started_by;"
    "ALTER TABLE streams DROP COLUMN ended_by;";

// Takes a ledger back to schema 4 from the recipients' migration (a database older than recipients).
inline const char *const undoRecipientsSql =
    "DROP TABLE recipient_totals; ALTER TABLE events DROP COLUMN recipient;"
    "ALTER TABLE events DROP COLUMN recipient_id; ALTER TABLE streaks DROP COLUMN recipient;"
    "ALTER TABLE streaks DROP COLUMN recipient_id; ALTER TABLE streaks DROP COLUMN recipient_unique_id;"
    "ALTER TABLE streaks DROP COLUMN recipient_nickname;";

// The first column of the first row of `sql` on a read-only connection; -1 when there is none.
inline std::int64_t queryInt(const std::string &path, const std::string &sql)
{
	sqlite3 *db = nullptr;
	sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
	sqlite3_stmt *stmt = nullptr;
	std::int64_t value = -1;
	if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
		value = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return value;
}

// Runs `sql` on its own connection; the error text, empty when it succeeded.
inline std::string execSql(const std::string &path, const std::string &sql)
{
	sqlite3 *db = nullptr;
	sqlite3_open(path.c_str(), &db);
	char *error = nullptr;
	sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
	std::string text = error != nullptr ? error : "";
	sqlite3_free(error);
	sqlite3_close(db);
	return text;
}

inline livegifts::EngineOptions withLedger(const std::string &path)
{
	livegifts::EngineOptions options;
	options.ledgerPath = path;
	return options;
}
