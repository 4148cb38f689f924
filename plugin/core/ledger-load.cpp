#include "core/ledger-load.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/battle.hpp"
#include "core/goal-json.hpp"
#include "core/ledger-fields.hpp"
#include "core/recipient.hpp"

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

// The host id the gifts taught (meta `host_id`, "~" first when it may be a rounded double).
void loadHostId(Database &db, JournalRestore &target)
{
	Statement q(db, "SELECT value FROM meta WHERE key = 'host_id'");
	if (!q.step()) {
		return;
	}
	std::string id(q.text(0));
	const bool rounded = !id.empty() && id.front() == '~';
	if (rounded) {
		id.erase(0, 1);
	}
	if (!isNoUserId(id)) {
		target.restoreHostId(id, rounded);
	}
}

struct LastStream {
	std::int64_t id = 0;
	bool open = false;
	StreamRecord record; // stream boundaries
	Millis lastCreatedAt = 0;
	Millis lastStoredAt = 0;
};

LastStream loadLastStream(Database &db)
{
	LastStream last;
	Statement q(db, "SELECT id, ended_at, room_id, started_by, ended_by FROM streams ORDER BY id DESC LIMIT 1");
	if (q.step()) {
		last.id = q.integer(0);
		last.open = q.isNull(1);
		last.record = StreamRecord{last.id, std::string(q.text(2)), streamCauseFromName(q.text(3)),
					   streamCauseFromName(q.text(4))};
	}
	if (last.id > 0) {
		// When the stream last heard from its room: a restart after a long silence starts a new stream.
		Statement times(db, "SELECT max(created_at), max(stored_at) FROM events WHERE stream_id = ?");
		times.bind(1, last.id);
		if (times.step()) {
			last.lastCreatedAt = times.isNull(0) ? 0 : times.integer(0);
			last.lastStoredAt = times.isNull(1) ? 0 : times.integer(1);
		}
	}
	return last;
}

// Returns the largest reach order seen.
std::int64_t loadStandings(Database &db, JournalRestore &target, SupporterScope which, ScopeKey scope)
{
	std::int64_t maxReach = 0;
	// The standing's columns, then the user's name, picture, numeric id and newest handle.
	constexpr int nameColumn = static_cast<int>(fields::count<decltype(fields::standing)>);
	const std::string sql = "SELECT " + fields::columns(fields::standing, "s.") +
				", u.nickname, u.avatar_url, u.numeric_id, u.handle FROM supporter_totals s "
				"LEFT JOIN users u ON u.user_id = s.user_id WHERE s.scope = ? ORDER BY s.reach";
	Statement q(db, sql.c_str());
	q.bind(1, scope);
	while (q.step()) {
		StandingRecord standing;
		fields::readFields(q, 0, fields::standing, standing);
		maxReach = std::max({maxReach, static_cast<std::int64_t>(standing.reach),
				     static_cast<std::int64_t>(standing.giftReach),
				     static_cast<std::int64_t>(standing.likeReach)});
		const UserRecord user{standing.id, std::string(q.text(nameColumn)), std::string(q.text(nameColumn + 1)),
				      std::string(q.text(nameColumn + 2)), std::string(q.text(nameColumn + 3))};
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
	const std::string sql = "SELECT " + fields::columns(fields::gift) + " FROM gift_totals WHERE scope = ?";
	Statement q(db, sql.c_str());
	q.bind(1, scope);
	while (q.step()) {
		GiftTotal gift;
		fields::readFields(q, 0, fields::gift, gift);
		target.restoreGift(allTime, gift);
	}
}

void loadTotals(Database &db, JournalRestore &target, bool allTime, ScopeKey scope)
{
	const std::string sql = "SELECT " + fields::columns(fields::totals) + " FROM room_totals WHERE scope = ?";
	Statement q(db, sql.c_str());
	q.bind(1, scope);
	if (!q.step()) {
		return;
	}
	RoomTotals totals;
	fields::readFields(q, 0, fields::totals, totals);
	target.restoreTotals(allTime, totals);
}

// Gifts by recipient (host, unknown, each guest), a guest's with its units per gift.
void loadRecipients(Database &db, JournalRestore &target, bool allTime, ScopeKey scope)
{
	std::map<std::string, std::map<std::int64_t, std::int64_t>, std::less<>> guestUnits;
	{
		Statement units(db, "SELECT guest_id, gift_id, units FROM guest_gifts WHERE scope = ?");
		units.bind(1, scope);
		while (units.step()) {
			guestUnits[std::string(units.text(0))][units.integer(1)] = units.integer(2);
		}
	}
	const std::string sql =
	    "SELECT " + fields::columns(fields::recipientTotal) + " FROM recipient_totals WHERE scope = ?";
	Statement q(db, sql.c_str());
	q.bind(1, scope);
	while (q.step()) {
		RecipientTotal total;
		fields::readFields(q, 0, fields::recipientTotal, total);
		if (total.kind == RecipientKind::Guest) {
			if (auto it = guestUnits.find(total.id); it != guestUnits.end()) {
				total.giftUnits = std::move(it->second);
			}
		}
		target.restoreRecipientTotal(allTime, total);
	}
}

std::int64_t loadScope(Database &db, JournalRestore &target, bool allTime, ScopeKey scope)
{
	const std::int64_t maxReach =
	    loadStandings(db, target, allTime ? SupporterScope::AllTime : SupporterScope::Stream, scope);
	loadGifts(db, target, allTime, scope);
	loadTotals(db, target, allTime, scope);
	loadRecipients(db, target, allTime, scope);
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
	const std::string sql =
	    "SELECT " + fields::columns(fields::streak) + " FROM streaks WHERE open = 1 OR updated_at > ?";
	Statement q(db, sql.c_str());
	q.bind(1, wallClockMs() - closedStreakMemoryMs);
	while (q.step()) {
		StreakRecord record;
		fields::readFields(q, 0, fields::streak, record);
		target.restoreStreak(record, now);
	}
}

void loadGoals(Database &db, JournalRestore &target)
{
	constexpr int progressColumn = static_cast<int>(fields::count<decltype(fields::goal)>);
	const std::string sql = "SELECT " + fields::columns(fields::goal) + ", progress FROM goals";
	Statement q(db, sql.c_str());
	while (q.step()) {
		GoalRecord record;
		if (!fields::readFields(q, 0, fields::goal, record)) {
			continue; // an unreadable spec
		}
		// A row of schema 1 has no progress: restoreGoal takes its reset point from `base`.
		const std::string_view progress = q.text(progressColumn);
		record.progressKnown = !progress.empty() && goalProgressFromJson(progress, record);
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
	if (last.id > 0) {
		target.restoreStream(last.record, last.lastCreatedAt, last.lastStoredAt);
	}
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
	loadHostId(db, target);
	loadStreaks(db, target, now);
	loadGoals(db, target);
	loadBattles(db, target);
	const bool older = loadRecentMsgIds(db, target, recentMsgIds);
	read.commit();
	target.restoreEnd(static_cast<std::uint64_t>(maxReach) + 1, older);
}

} // namespace livegifts
