#pragma once

// Reading the ledger back on start: aggregates, open and recent streaks, goals and the newest msgIds (not a
// replay of every row), told to a JournalRestore.

#include <cstddef>

#include "core/clock.hpp"
#include "core/journal.hpp"
#include "core/sqlite.hpp"

namespace livegifts {

// Restores `target` from `db` in one read transaction; `recentMsgIds` of the newest stored msgIds go to
// its dedupe. Throws sqlite::SqliteError (damage, locks) or std::exception (unreadable values).
void loadLedger(sqlite::Database &db, JournalRestore &target, Millis now, std::size_t recentMsgIds);

} // namespace livegifts
