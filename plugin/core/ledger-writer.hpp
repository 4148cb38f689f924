#pragma once

// Writes a JournalBatch into the ledger's tables with prepared statements (the caller holds the
// transaction).

#include <string>

#include "core/clock.hpp"
#include "core/journal-batch.hpp"
#include "core/sqlite.hpp"

namespace livegifts {

class LedgerWriter {
public:
	// Prepares every statement. Throws sqlite::SqliteError.
	explicit LedgerWriter(sqlite::Database &db);

	// Writes everything in `batch`; `wall` stamps the rows. Throws sqlite::SqliteError.
	void write(const JournalBatch &batch, Millis wall);
	// Records that the spill file `id` was written (in the same transaction as its batches).
	void markSpillWritten(const std::string &id);

private:
	void writeChanges(const JournalBatch &batch, Millis wall);
	void writeMessage(const MessageRecord &message, Millis wall);
	void writeStanding(ScopeKey scope, const StandingRecord &standing);
	void writeGift(ScopeKey scope, const GiftTotal &gift);
	void writeTotals(ScopeKey scope, const RoomTotals &totals);
	void writeStreak(const StreakRecord &streak, Millis wall);
	void writeGoal(const GoalRecord &goal, Millis wall);

	sqlite::Statement insertEvent_;
	sqlite::Statement upsertUser_;
	sqlite::Statement upsertSupporter_;
	sqlite::Statement upsertGift_;
	sqlite::Statement upsertTotals_;
	sqlite::Statement upsertBattle_;
	sqlite::Statement upsertStreak_;
	sqlite::Statement deleteStreak_;
	sqlite::Statement upsertGoal_;
	sqlite::Statement startStream_;
	sqlite::Statement endStream_;
	sqlite::Statement streamInfo_; // stream boundaries: room and causes
	sqlite::Statement insertReset_;
	sqlite::Statement insertGoalAction_;
	sqlite::Statement setMeta_;
	sqlite::Statement upsertRecipient_; // recipient_totals (schema 5)
	sqlite::Statement upsertGuestGift_; // guest_gifts (schema 7)
};

} // namespace livegifts
