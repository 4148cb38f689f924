#include "core/ledger-writer.hpp"

#include <string>

#include "core/goal-json.hpp"
#include "core/ledger-fields.hpp"

namespace livegifts {

namespace {

using fields::columns;
using fields::count;
using fields::placeholders;
using fields::updates;

std::string insertEventSql()
{
	return "INSERT INTO events(" + columns(fields::message) + ", stored_at) VALUES(" +
	       placeholders(count<decltype(fields::message)> + 1) + ") ON CONFLICT(msg_id) DO NOTHING";
}

std::string upsertUserSql()
{
	return "INSERT INTO users(" + columns(fields::user) + ") VALUES(" +
	       placeholders(count<decltype(fields::user)>) + ") ON CONFLICT(user_id) DO UPDATE SET " +
	       updates(fields::user);
}

std::string upsertSupporterSql()
{
	return "INSERT INTO supporter_totals(scope, " + columns(fields::standing) + ") VALUES(" +
	       placeholders(count<decltype(fields::standing)> + 1) + ") ON CONFLICT(scope, user_id) DO UPDATE SET " +
	       updates(fields::standing);
}

std::string upsertGiftSql()
{
	return "INSERT INTO gift_totals(scope, " + columns(fields::gift) + ") VALUES(" +
	       placeholders(count<decltype(fields::gift)> + 1) + ") ON CONFLICT(scope, gift_id) DO UPDATE SET " +
	       updates(fields::gift);
}

std::string upsertTotalsSql()
{
	return "INSERT OR REPLACE INTO room_totals(scope, " + columns(fields::totals) + ") VALUES(" +
	       placeholders(count<decltype(fields::totals)> + 1) + ")";
}

std::string upsertStreakSql()
{
	return "INSERT OR REPLACE INTO streaks(" + columns(fields::streak) + ", updated_at) VALUES(" +
	       placeholders(count<decltype(fields::streak)> + 1) + ")";
}

std::string upsertGoalSql()
{
	return "INSERT OR REPLACE INTO goals(id, " + columns(fields::goal) + ", updated_at, progress) VALUES(" +
	       placeholders(count<decltype(fields::goal)> + 3) + ")";
}

std::string upsertRecipientSql()
{
	return "INSERT OR REPLACE INTO recipient_totals(scope, " + columns(fields::recipientTotal) + ") VALUES(" +
	       placeholders(count<decltype(fields::recipientTotal)> + 1) + ")";
}

} // namespace

LedgerWriter::LedgerWriter(sqlite::Database &db)
    : insertEvent_(db, insertEventSql().c_str()), upsertUser_(db, upsertUserSql().c_str()),
      upsertSupporter_(db, upsertSupporterSql().c_str()), upsertGift_(db, upsertGiftSql().c_str()),
      upsertTotals_(db, upsertTotalsSql().c_str()),
      upsertBattle_(db, "INSERT OR REPLACE INTO battles(seq, battle_id, ended, winner_host_id, teams, updated_at) "
			"VALUES(?,?,?,?,?,?)"),
      upsertStreak_(db, upsertStreakSql().c_str()), deleteStreak_(db, "DELETE FROM streaks WHERE key = ?"),
      upsertGoal_(db, upsertGoalSql().c_str()),
      startStream_(db, "INSERT INTO streams(id, epoch, started_at) VALUES(?,?,?) ON CONFLICT(id) DO NOTHING"),
      endStream_(db, "UPDATE streams SET ended_at = ? WHERE id = ?"),
      streamInfo_(db, "UPDATE streams SET room_id = ?, started_by = ?, ended_by = ? WHERE id = ?"),
      insertReset_(db, "INSERT INTO resets(kind, target, at) VALUES(?,?,?)"),
      insertGoalAction_(db, "INSERT INTO goal_actions(goal_id, action, amount, at) VALUES(?,?,?,?)"),
      setMeta_(db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?,?)"),
      upsertRecipient_(db, upsertRecipientSql().c_str()),
      upsertGuestGift_(db, "INSERT OR REPLACE INTO guest_gifts(scope, guest_id, gift_id, units) VALUES(?,?,?,?)")
{
}

void LedgerWriter::write(const JournalBatch &batch, Millis wall)
{
	writeChanges(batch, wall);
	for (const MessageRecord &message : batch.messages) {
		writeMessage(message, wall);
	}
	for (const UserRecord &user : batch.users) {
		fields::bindFields(upsertUser_, 1, fields::user, user);
		upsertUser_.run();
	}
	for (const auto &entry : batch.standings) {
		writeStanding(entry.scope, entry.standing);
	}
	for (const auto &entry : batch.gifts) {
		writeGift(entry.scope, entry.gift);
	}
	for (const auto &entry : batch.totals) {
		writeTotals(entry.scope, entry.totals);
	}
	for (const auto &entry : batch.streaks) {
		if (entry.gone) {
			deleteStreak_.bind(1, entry.record.key);
			deleteStreak_.run();
		} else {
			writeStreak(entry.record, wall);
		}
	}
	for (const GoalRecord &goal : batch.goals) {
		writeGoal(goal, wall);
	}
	for (const BattleState &battle : batch.battles) {
		upsertBattle_.bind(1, battle.seq)
		    .bind(2, battle.id)
		    .bind(3, battle.ended ? 1 : 0)
		    .bind(4, battle.winnerHostId)
		    .bind(5, battleTeamsJson(battle.teams).dump())
		    .bind(6, wall);
		upsertBattle_.run();
	}
	for (const auto &entry : batch.recipients) {
		fields::bindFields(upsertRecipient_.bind(1, entry.scope), 2, fields::recipientTotal, entry.total);
		upsertRecipient_.run();
		for (const auto &[giftId, units] : entry.total.giftUnits) {
			upsertGuestGift_.bind(1, entry.scope).bind(2, entry.total.id).bind(3, giftId).bind(4, units);
			upsertGuestGift_.run();
		}
	}
}

void LedgerWriter::markSpillWritten(const std::string &id)
{
	setMeta_.bind(1, std::string_view("spill_written")).bind(2, id);
	setMeta_.run();
}

void LedgerWriter::writeChanges(const JournalBatch &batch, Millis wall)
{
	for (const auto &change : batch.changes) {
		switch (change.type) {
		case JournalBatch::Change::Type::StreamStart:
			startStream_.bind(1, change.streamId).bind(2, change.epoch).bind(3, wall);
			startStream_.run();
			break;
		case JournalBatch::Change::Type::StreamEnd:
			endStream_.bind(1, wall).bind(2, change.streamId);
			endStream_.run();
			break;
		case JournalBatch::Change::Type::Reset:
			insertReset_.bind(1, resetKindName(change.reset)).bind(2, change.target).bind(3, wall);
			insertReset_.run();
			break;
		case JournalBatch::Change::Type::GoalAction:
			insertGoalAction_.bind(1, change.target)
			    .bind(2, goalActionName(change.action))
			    .bind(3, change.amount)
			    .bind(4, wall);
			insertGoalAction_.run();
			break;
		}
	}
	for (const StreamRecord &stream : batch.streams) {
		streamInfo_.bind(1, stream.roomId)
		    .bind(2, streamCauseName(stream.startedBy))
		    .bind(3, streamCauseName(stream.endedBy))
		    .bind(4, stream.id);
		streamInfo_.run();
	}
	if (batch.hasEpoch) {
		setMeta_.bind(1, std::string_view("epoch")).bind(2, std::to_string(batch.epoch));
		setMeta_.run();
	}
	if (batch.hasHost) {
		// The host id the gifts taught; "~" before it: it may be a rounded double (meta is key/value).
		setMeta_.bind(1, std::string_view("host_id")).bind(2, (batch.hostRounded ? "~" : "") + batch.host);
		setMeta_.run();
	}
}

void LedgerWriter::writeMessage(const MessageRecord &message, Millis wall)
{
	insertEvent_.bind(fields::bindFields(insertEvent_, 1, fields::message, message), wall);
	insertEvent_.run();
}

void LedgerWriter::writeStanding(ScopeKey scope, const StandingRecord &standing)
{
	fields::bindFields(upsertSupporter_.bind(1, scope), 2, fields::standing, standing);
	upsertSupporter_.run();
}

void LedgerWriter::writeGift(ScopeKey scope, const GiftTotal &gift)
{
	fields::bindFields(upsertGift_.bind(1, scope), 2, fields::gift, gift);
	upsertGift_.run();
}

void LedgerWriter::writeTotals(ScopeKey scope, const RoomTotals &totals)
{
	fields::bindFields(upsertTotals_.bind(1, scope), 2, fields::totals, totals);
	upsertTotals_.run();
}

void LedgerWriter::writeStreak(const StreakRecord &streak, Millis wall)
{
	upsertStreak_.bind(fields::bindFields(upsertStreak_, 1, fields::streak, streak), wall);
	upsertStreak_.run();
}

void LedgerWriter::writeGoal(const GoalRecord &goal, Millis wall)
{
	const int next = fields::bindFields(upsertGoal_.bind(1, goal.spec.id), 2, fields::goal, goal);
	upsertGoal_.bind(next, wall).bind(next + 1, goalProgressToJson(goal));
	upsertGoal_.run();
}

} // namespace livegifts
