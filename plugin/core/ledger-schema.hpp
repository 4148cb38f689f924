#pragma once

// The ledger's schema: versioned migrations (PRAGMA user_version) and how a connection is set up.

#include "core/sqlite.hpp"

namespace livegifts {

inline constexpr int ledgerSchemaVersion = 9;

// Configures a fresh connection (WAL, synchronous NORMAL, a short busy timeout) and brings its schema to
// ledgerSchemaVersion, one migration per transaction. Throws sqlite::SqliteError; a file that is not a
// database, or a schema newer than this build, fails here; so does a write-protected file opened for
// writing (SQLITE_READONLY). A connection opened for reading only is checked, not changed: its schema
// must be ledgerSchemaVersion already.
void prepareLedgerDatabase(sqlite::Database &db, bool readOnly = false);

} // namespace livegifts
