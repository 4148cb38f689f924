#include "core/ledger-load.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "core/battle.hpp"
#include "core/goal-json.hpp"

namespace livegifts {

namespace {

using sqlite::Database;
using sqlite::Statement;

// How long a closed streak is remembered across a restart (a late end then adds only what was not counted).
constexpr Millis closedStreakMemoryMs = 10 * 60 * 1000;

std::int64_t loadEpoch(Database &db)
{
	Statement q(db, "SELECT value FROM meta WHERE key = 'epoch'");
	return q.step() ? std::stoll(std::string(q.text(0))) : 1;
}

struct LastStream {
	std::int64_t id = 0;
	bool open = false;
};

LastStream loadLastStream(Database &db)
{
	LastStream last;
	Statement q(db, "SELECT id, ended_at FROM streams ORDER BY id DESC LIMIT 1");
	if (q.step()) {
		last.id = q.integer(0);
		last.open = q.isNull(1);
	}
	return last;
}

// Returns the largest reach order seen.
std::int64_t loadStandings(Database &db, JournalRestore &target, SupporterScope which, ScopeKey scope)
{
	std::int64_t maxReach = 0;
	Statement q(db, "SELECT s.user_id, u.nickname, u.avatar_url, s.coins, s.gifts, s.reach, s.likes, "
			"s.gift_reach, s.like_reach FROM supporter_totals s LEFT JOIN users u ON u.user_id = s.user_id "
			"WHERE s.scope = ? ORDER BY s.reach");
	q.bind(1, scope);
	while (q.step()) {
		StandingRecord standing{std::string(q.text(0)),
					q.integer(3),
					q.integer(4),
					static_cast<std::uint64_t>(q.integer(5)),
					q.integer(6),
					static_cast<std::uint64_t>(q.integer(7)),
					static_cast<std::uint64_t>(q.integer(8))};
		maxReach = std::max({maxReach, q.integer(5), q.integer(7), q.integer(8)});
		const UserRecord user{standing.id, std::string(q.text(1)), std::string(q.text(2))};
		target.restoreStanding(which, user, standing);
	}
	return maxReach;
}

// The newest explicit reset of the ranking: its number (0: none) and whether no "reset all" followed it.
std::pair<std::int64_t, bool> loadSupportersReset(Database &db)
{
	Statement last(db, "SELECT id, target FROM resets WHERE kind = 'supporters' ORDER BY id DESC LIMIT 1");
	if (!last.step()) {
		return {0, false};
	}
	const std::int64_t row = last.integer(0);
	const std::int64_t number = std::stoll(std::string(last.text(1)));
	Statement all(db, "SELECT EXISTS(SELECT 1 FROM resets WHERE kind = 'all' AND id > ?)");
	all.bind(1, row);
	return {number, !(all.step() && all.integer(0) != 0)};
}

void loadGifts(Database &db, JournalRestore &target, bool allTime, ScopeKey scope)
{
	Statement q(db,
		    "SELECT gift_id, name, image_url, diamond_count, count, coins FROM gift_totals WHERE scope = ?");
	q.bind(1, scope);
	while (q.step()) {
		GiftTotal gift;
		gift.giftId = q.integer(0);
		gift.name = q.text(1);
		gift.imageUrl = q.text(2);
		gift.diamondCount = q.integer(3);
		gift.count = q.integer(4);
		gift.coins = q.integer(5);
		target.restoreGift(allTime, gift);
	}
}

void loadTotals(Database &db, JournalRestore &target, bool allTime, ScopeKey scope)
{
	Statement q(
	    db, "SELECT coins, gifts, likes_received, room_like_total, follows, shares, subscribers, joins, "
		"chats, viewers_last, viewers_peak, superfan_joins, superfan_boxes, superfan_other FROM room_totals "
		"WHERE scope = ?");
	q.bind(1, scope);
	if (!q.step()) {
		return;
	}
	RoomTotals t;
	t.coins = q.integer(0);
	t.gifts = q.integer(1);
	t.likesReceived = q.integer(2);
	t.roomLikeTotal = q.integer(3);
	t.follows = q.integer(4);
	t.shares = q.integer(5);
	t.subscribers = q.integer(6);
	t.joins = q.integer(7);
	t.chats = q.integer(8);
	t.viewersLast = q.integer(9);
	t.viewersPeak = q.integer(10);
	t.superFanJoins = q.integer(11);
	t.superFanBoxes = q.integer(12);
	t.superFanOther = q.integer(13);
	target.restoreTotals(allTime, t);
}

std::int64_t loadScope(Database &db, JournalRestore &target, bool allTime, ScopeKey scope)
{
	const std::int64_t maxReach =
	    loadStandings(db, target, allTime ? SupporterScope::AllTime : SupporterScope::Stream, scope);
	loadGifts(db, target, allTime, scope);
	loadTotals(db, target, allTime, scope);
	return maxReach;
}

std::int64_t loadMaxReach(Database &db)
{
	Statement q(db, "SELECT max(max(reach), max(gift_reach), max(like_reach)) FROM supporter_totals");
	return q.step() ? q.integer(0) : 0;
}

// Open streaks, and recently closed ones.
void loadStreaks(Database &db, JournalRestore &target, Millis now)
{
	Statement q(db, "SELECT key, user_id, gift_id, diamond_count, last_count, counted, open, ended "
			"FROM streaks WHERE open = 1 OR updated_at > ?");
	q.bind(1, wallClockMs() - closedStreakMemoryMs);
	while (q.step()) {
		StreakRecord record;
		record.key = q.text(0);
		record.userId = q.text(1);
		record.giftId = q.integer(2);
		record.diamondCount = q.integer(3);
		record.lastCount = q.integer(4);
		record.counted = q.integer(5);
		record.open = q.integer(6) != 0;
		record.ended = q.integer(7) != 0;
		target.restoreStreak(record, now);
	}
}

void loadGoals(Database &db, JournalRestore &target)
{
	Statement q(db, "SELECT spec, base, target, stage, times_reached, reached, stream_id, progress FROM goals");
	while (q.step()) {
		GoalRecord record;
		if (!goalSpecFromJson(q.text(0), record.spec)) {
			continue;
		}
		record.base = q.integer(1);
		record.target = q.integer(2);
		record.stage = static_cast<std::size_t>(q.integer(3));
		record.timesReached = q.integer(4);
		record.reached = q.integer(5) != 0;
		record.streamId = q.integer(6);
		// A row of schema 1 has no progress: restoreGoal takes its reset point from `base`.
		record.progressKnown = !q.text(7).empty() && goalProgressFromJson(q.text(7), record);
		if (record.stage > record.spec.stages.size()) {
			record.stage = 0;
		}
		target.restoreGoal(record);
	}
}

// The newest battles (BattleBoard keeps as many), in order of first sight. A row whose teams do not read is
// skipped.
void loadBattles(Database &db, JournalRestore &target)
{
	Statement q(db, "SELECT seq, battle_id, ended, winner_host_id, teams FROM battles ORDER BY seq DESC LIMIT ?");
	q.bind(1, static_cast<std::int64_t>(BattleBoard::kMaxBattles));
	std::vector<BattleState> battles;
	while (q.step()) {
		BattleState battle;
		battle.seq = q.integer(0);
		battle.id = std::string(q.text(1));
		battle.ended = q.integer(2) != 0;
		battle.winnerHostId = std::string(q.text(3));
		try {
			battle.teams = battleTeamsFrom(nlohmann::json::parse(q.text(4)));
		} catch (const std::exception &) {
			continue;
		}
		battles.push_back(std::move(battle));
	}
	for (auto it = battles.rbegin(); it != battles.rend(); ++it) {
		target.restoreBattle(*it);
	}
}

// The newest msgIds, oldest first; returns whether older ones exist.
bool loadRecentMsgIds(Database &db, JournalRestore &target, std::size_t count)
{
	Statement q(db, "SELECT id, msg_id FROM events ORDER BY id DESC LIMIT ?");
	q.bind(1, static_cast<std::int64_t>(count));
	std::vector<std::string> ids;
	std::int64_t oldest = 0;
	while (q.step()) {
		oldest = q.integer(0);
		ids.emplace_back(q.text(1));
	}
	for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
		target.restoreMsgId(*it);
	}
	if (ids.empty()) {
		return false;
	}
	Statement more(db, "SELECT EXISTS(SELECT 1 FROM events WHERE id < ?)");
	more.bind(1, oldest);
	return more.step() && more.integer(0) != 0;
}

} // namespace

void loadLedger(Database &db, JournalRestore &target, Millis now, std::size_t recentMsgIds)
{
	sqlite::Transaction read(db);
	const std::int64_t epoch = loadEpoch(db);
	const LastStream last = loadLastStream(db);
	target.restoreBegin(epoch, last.id, last.open);
	const auto [resetNumber, resetActive] = loadSupportersReset(db);
	target.restoreSupportersReset(resetNumber, resetActive);
	std::int64_t maxReach = loadScope(db, target, true, -epoch);
	if (resetActive) {
		maxReach = std::max(
		    maxReach, loadStandings(db, target, SupporterScope::SinceReset, sinceResetScopeKey(resetNumber)));
	}
	if (last.id > 0) {
		maxReach = std::max(maxReach, loadScope(db, target, false, last.id));
	}
	maxReach = std::max(maxReach, loadMaxReach(db));
	loadStreaks(db, target, now);
	loadGoals(db, target);
	loadBattles(db, target);
	const bool older = loadRecentMsgIds(db, target, recentMsgIds);
	read.commit();
	target.restoreEnd(static_cast<std::uint64_t>(maxReach) + 1, older);
}

} // namespace livegifts
