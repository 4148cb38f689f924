#include "core/ledger-writer.hpp"

#include <string>

#include "core/goal-json.hpp"

namespace livegifts {

LedgerWriter::LedgerWriter(sqlite::Database &db)
    : insertEvent_(db,
		   "INSERT INTO events(msg_id, kind, stream_id, user_id, gift_id, units, coins, likes, "
		   "streak_key, created_at, stored_at) VALUES(?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(msg_id) DO NOTHING"),
      upsertUser_(db, "INSERT INTO users(user_id, nickname, avatar_url) VALUES(?,?,?) ON CONFLICT(user_id) DO "
		      "UPDATE SET nickname = excluded.nickname, avatar_url = excluded.avatar_url"),
      upsertSupporter_(db,
		       "INSERT INTO supporter_totals(scope, user_id, coins, gifts, reach, likes, gift_reach, "
		       "like_reach) VALUES(?,?,?,?,?,?,?,?) ON CONFLICT(scope, user_id) DO UPDATE SET "
		       "coins = excluded.coins, gifts = excluded.gifts, reach = excluded.reach, "
		       "likes = excluded.likes, gift_reach = excluded.gift_reach, like_reach = excluded.like_reach"),
      upsertGift_(db, "INSERT INTO gift_totals(scope, gift_id, name, image_url, diamond_count, count, coins) "
		      "VALUES(?,?,?,?,?,?,?) ON CONFLICT(scope, gift_id) DO UPDATE SET name = excluded.name, "
		      "image_url = excluded.image_url, diamond_count = excluded.diamond_count, "
		      "count = excluded.count, coins = excluded.coins"),
      upsertTotals_(db, "INSERT OR REPLACE INTO room_totals(scope, coins, gifts, likes_received, room_like_total, "
			"follows, shares, subscribers, joins, chats, viewers_last, viewers_peak, superfan_joins, "
			"superfan_boxes, superfan_other) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
      upsertBattle_(db, "INSERT OR REPLACE INTO battles(seq, battle_id, ended, winner_host_id, teams, updated_at) "
			"VALUES(?,?,?,?,?,?)"),
      upsertStreak_(db, "INSERT OR REPLACE INTO streaks(key, user_id, gift_id, diamond_count, last_count, counted, "
			"open, ended, updated_at) VALUES(?,?,?,?,?,?,?,?,?)"),
      deleteStreak_(db, "DELETE FROM streaks WHERE key = ?"),
      upsertGoal_(db, "INSERT OR REPLACE INTO goals(id, spec, base, target, stage, times_reached, reached, "
		      "stream_id, updated_at, progress) VALUES(?,?,?,?,?,?,?,?,?,?)"),
      startStream_(db, "INSERT INTO streams(id, epoch, started_at) VALUES(?,?,?) ON CONFLICT(id) DO NOTHING"),
      endStream_(db, "UPDATE streams SET ended_at = ? WHERE id = ?"),
      insertReset_(db, "INSERT INTO resets(kind, target, at) VALUES(?,?,?)"),
      insertGoalAction_(db, "INSERT INTO goal_actions(goal_id, action, amount, at) VALUES(?,?,?,?)"),
      setMeta_(db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?,?)")
{
}

void LedgerWriter::write(const JournalBatch &batch, Millis wall)
{
	writeChanges(batch, wall);
	for (const MessageRecord &message : batch.messages) {
		writeMessage(message, wall);
	}
	for (const UserRecord &user : batch.users) {
		upsertUser_.bind(1, user.id).bind(2, user.nickname).bind(3, user.avatarUrl);
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
	if (batch.hasEpoch) {
		setMeta_.bind(1, std::string_view("epoch")).bind(2, std::to_string(batch.epoch));
		setMeta_.run();
	}
}

void LedgerWriter::writeMessage(const MessageRecord &message, Millis wall)
{
	insertEvent_.bind(1, message.msgId)
	    .bind(2, eventKindName(message.kind))
	    .bind(3, message.streamId)
	    .bind(4, message.userId)
	    .bind(5, message.giftId)
	    .bind(6, message.units)
	    .bind(7, message.coins)
	    .bind(8, message.likes);
	if (message.streakKey.empty()) {
		insertEvent_.bindNull(9);
	} else {
		insertEvent_.bind(9, message.streakKey);
	}
	if (message.createTimeMs != 0) {
		insertEvent_.bind(10, message.createTimeMs);
	} else {
		insertEvent_.bindNull(10);
	}
	insertEvent_.bind(11, wall);
	insertEvent_.run();
}

void LedgerWriter::writeStanding(ScopeKey scope, const StandingRecord &standing)
{
	upsertSupporter_.bind(1, scope)
	    .bind(2, standing.id)
	    .bind(3, standing.coins)
	    .bind(4, standing.gifts)
	    .bind(5, static_cast<std::int64_t>(standing.reach))
	    .bind(6, standing.likes)
	    .bind(7, static_cast<std::int64_t>(standing.giftReach))
	    .bind(8, static_cast<std::int64_t>(standing.likeReach));
	upsertSupporter_.run();
}

void LedgerWriter::writeGift(ScopeKey scope, const GiftTotal &gift)
{
	upsertGift_.bind(1, scope)
	    .bind(2, gift.giftId)
	    .bind(3, gift.name)
	    .bind(4, gift.imageUrl)
	    .bind(5, gift.diamondCount)
	    .bind(6, gift.count)
	    .bind(7, gift.coins);
	upsertGift_.run();
}

void LedgerWriter::writeTotals(ScopeKey scope, const RoomTotals &t)
{
	upsertTotals_.bind(1, scope)
	    .bind(2, t.coins)
	    .bind(3, t.gifts)
	    .bind(4, t.likesReceived)
	    .bind(5, t.roomLikeTotal)
	    .bind(6, t.follows)
	    .bind(7, t.shares)
	    .bind(8, t.subscribers)
	    .bind(9, t.joins)
	    .bind(10, t.chats)
	    .bind(11, t.viewersLast)
	    .bind(12, t.viewersPeak)
	    .bind(13, t.superFanJoins)
	    .bind(14, t.superFanBoxes)
	    .bind(15, t.superFanOther);
	upsertTotals_.run();
}

void LedgerWriter::writeStreak(const StreakRecord &streak, Millis wall)
{
	upsertStreak_.bind(1, streak.key)
	    .bind(2, streak.userId)
	    .bind(3, streak.giftId)
	    .bind(4, streak.diamondCount)
	    .bind(5, streak.lastCount)
	    .bind(6, streak.counted)
	    .bind(7, std::int64_t{streak.open ? 1 : 0})
	    .bind(8, std::int64_t{streak.ended ? 1 : 0})
	    .bind(9, wall);
	upsertStreak_.run();
}

void LedgerWriter::writeGoal(const GoalRecord &goal, Millis wall)
{
	upsertGoal_.bind(1, goal.spec.id)
	    .bind(2, goalSpecToJson(goal.spec))
	    .bind(3, goal.base)
	    .bind(4, goal.target)
	    .bind(5, static_cast<std::int64_t>(goal.stage))
	    .bind(6, goal.timesReached)
	    .bind(7, std::int64_t{goal.reached ? 1 : 0})
	    .bind(8, goal.streamId)
	    .bind(9, wall)
	    .bind(10, goalProgressToJson(goal));
	upsertGoal_.run();
}

} // namespace livegifts
