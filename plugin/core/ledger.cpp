#include "core/ledger.hpp"

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace livegifts {

namespace {

// A failed SQLite call, with its result code.
class SqliteError : public std::runtime_error {
public:
	SqliteError(int code, const std::string &what) : std::runtime_error(what), code_(code) {}
	int code() const { return code_; }
	bool corrupt() const
	{
		const int primary = code_ & 0xff;
		return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
	}

private:
	int code_;
};

struct DbCloser {
	void operator()(sqlite3 *db) const { sqlite3_close_v2(db); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;

[[noreturn]] void fail(sqlite3 *db, int code, const std::string &context)
{
	std::string message = context + ": ";
	message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
	throw SqliteError(db != nullptr ? sqlite3_extended_errcode(db) : code, message);
}

void exec(sqlite3 *db, const char *sql)
{
	char *error = nullptr;
	const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
	if (rc != SQLITE_OK) {
		std::string message = error != nullptr ? error : sqlite3_errstr(rc);
		sqlite3_free(error);
		throw SqliteError(sqlite3_extended_errcode(db), std::string("SQL failed: ") + message);
	}
}

// A prepared statement (RAII), reset after each use.
class Statement {
public:
	Statement(sqlite3 *db, const char *sql) : db_(db)
	{
		const int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
		if (rc != SQLITE_OK) {
			fail(db, rc, std::string("prepare '") + sql + "'");
		}
	}
	~Statement() { sqlite3_finalize(stmt_); }
	Statement(const Statement &) = delete;
	Statement &operator=(const Statement &) = delete;

	Statement &bind(int index, std::int64_t value)
	{
		check(sqlite3_bind_int64(stmt_, index, value));
		return *this;
	}
	Statement &bind(int index, std::string_view value)
	{
		// An empty view may have no data pointer, which SQLite would store as NULL.
		const char *data = value.data() != nullptr ? value.data() : "";
		check(sqlite3_bind_text(stmt_, index, data, static_cast<int>(value.size()), SQLITE_TRANSIENT));
		return *this;
	}
	Statement &bindNull(int index)
	{
		check(sqlite3_bind_null(stmt_, index));
		return *this;
	}
	// true: a row is available; false: done.
	bool step()
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
	void run()
	{
		step();
		reset();
	}
	void reset()
	{
		sqlite3_reset(stmt_);
		sqlite3_clear_bindings(stmt_);
	}
	std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }
	bool isNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
	std::string_view text(int column) const
	{
		const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(stmt_, column));
		return p == nullptr
			   ? std::string_view{}
			   : std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
	}

private:
	void check(int rc)
	{
		if (rc != SQLITE_OK) {
			fail(db_, rc, "bind");
		}
	}
	sqlite3 *db_;
	sqlite3_stmt *stmt_ = nullptr;
};

// Schema migrations: entry i brings a database from user_version i to i + 1.
const char *const migrations[] = {
    R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE streams(id INTEGER PRIMARY KEY, epoch INTEGER NOT NULL, started_at INTEGER NOT NULL,
                     ended_at INTEGER);
CREATE TABLE events(id INTEGER PRIMARY KEY, msg_id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
                    stream_id INTEGER NOT NULL, user_id TEXT, gift_id INTEGER, units INTEGER NOT NULL,
                    coins INTEGER NOT NULL, likes INTEGER NOT NULL, streak_key TEXT, created_at INTEGER,
                    stored_at INTEGER NOT NULL);
CREATE INDEX events_stream ON events(stream_id);
CREATE TABLE users(user_id TEXT PRIMARY KEY, nickname TEXT NOT NULL, avatar_url TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE supporter_totals(scope INTEGER NOT NULL, user_id TEXT NOT NULL, coins INTEGER NOT NULL,
                              gifts INTEGER NOT NULL, reach INTEGER NOT NULL,
                              PRIMARY KEY(scope, user_id)) WITHOUT ROWID;
CREATE TABLE gift_totals(scope INTEGER NOT NULL, gift_id INTEGER NOT NULL, name TEXT NOT NULL,
                         image_url TEXT NOT NULL, diamond_count INTEGER NOT NULL, count INTEGER NOT NULL,
                         coins INTEGER NOT NULL, PRIMARY KEY(scope, gift_id)) WITHOUT ROWID;
CREATE TABLE room_totals(scope INTEGER PRIMARY KEY, coins INTEGER NOT NULL, gifts INTEGER NOT NULL,
                         likes_received INTEGER NOT NULL, room_like_total INTEGER NOT NULL,
                         follows INTEGER NOT NULL, shares INTEGER NOT NULL, subscribers INTEGER NOT NULL,
                         joins INTEGER NOT NULL, chats INTEGER NOT NULL, viewers_last INTEGER NOT NULL,
                         viewers_peak INTEGER NOT NULL);
CREATE TABLE streaks(key TEXT PRIMARY KEY, user_id TEXT NOT NULL, gift_id INTEGER NOT NULL,
                     diamond_count INTEGER NOT NULL, last_count INTEGER NOT NULL, counted INTEGER NOT NULL,
                     open INTEGER NOT NULL, ended INTEGER NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE goals(id TEXT PRIMARY KEY, spec TEXT NOT NULL, base INTEGER NOT NULL, target INTEGER NOT NULL,
                   stage INTEGER NOT NULL, times_reached INTEGER NOT NULL, reached INTEGER NOT NULL,
                   stream_id INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE resets(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, target TEXT NOT NULL, at INTEGER NOT NULL);
INSERT INTO meta(key, value) VALUES('epoch', '1');
)sql",
};
static_assert(sizeof(migrations) / sizeof(migrations[0]) == Ledger::schemaVersion);

nlohmann::json goalSpecJson(const GoalSpec &spec)
{
	nlohmann::json stages = nlohmann::json::array();
	for (const auto &stage : spec.stages) {
		stages.push_back({{"title", stage.title}, {"target", stage.target}});
	}
	return {{"id", spec.id},
		{"title", spec.title},
		{"kind", goalKindName(spec.kind)},
		{"gift_id", spec.giftId},
		{"start", spec.start},
		{"target", spec.target},
		{"scope", goalScopeName(spec.scope)},
		{"on_reach", goalOnReachName(spec.onReach)},
		{"repeat_step", spec.repeatStep},
		{"stages", stages}};
}

bool goalSpecFromJson(std::string_view text, GoalSpec &spec)
{
	const auto json = nlohmann::json::parse(text, nullptr, false);
	if (!json.is_object()) {
		return false;
	}
	try {
		spec.id = json.at("id").get<std::string>();
		spec.title = json.value("title", std::string());
		spec.giftId = json.value("gift_id", std::int64_t{0});
		spec.start = json.value("start", std::int64_t{0});
		spec.target = json.value("target", std::int64_t{0});
		spec.repeatStep = json.value("repeat_step", std::int64_t{0});
		if (!parseGoalKind(json.value("kind", std::string()), spec.kind) ||
		    !parseGoalScope(json.value("scope", std::string()), spec.scope) ||
		    !parseGoalOnReach(json.value("on_reach", std::string()), spec.onReach)) {
			return false;
		}
		for (const auto &stage : json.value("stages", nlohmann::json::array())) {
			spec.stages.push_back(
			    {stage.value("title", std::string()), stage.value("target", std::int64_t{0})});
		}
	} catch (const nlohmann::json::exception &) {
		return false;
	}
	return true;
}

} // namespace

struct Ledger::Impl {
	DbHandle db;
	std::unique_ptr<Statement> insertEvent;
	std::unique_ptr<Statement> findMsgId;
	std::unique_ptr<Statement> upsertUser;
	std::unique_ptr<Statement> upsertSupporter;
	std::unique_ptr<Statement> upsertGift;
	std::unique_ptr<Statement> upsertTotals;
	std::unique_ptr<Statement> upsertStreak;
	std::unique_ptr<Statement> deleteStreak;
	std::unique_ptr<Statement> upsertGoal;
	std::unique_ptr<Statement> startStream;
	std::unique_ptr<Statement> endStream;
	std::unique_ptr<Statement> insertReset;
	std::unique_ptr<Statement> setMeta;

	void prepare()
	{
		sqlite3 *h = db.get();
		insertEvent = std::make_unique<Statement>(
		    h, "INSERT INTO events(msg_id, kind, stream_id, user_id, gift_id, units, coins, likes, streak_key, "
		       "created_at, stored_at) VALUES(?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(msg_id) DO NOTHING");
		findMsgId = std::make_unique<Statement>(h, "SELECT 1 FROM events WHERE msg_id = ?");
		upsertUser = std::make_unique<Statement>(
		    h, "INSERT INTO users(user_id, nickname, avatar_url) VALUES(?,?,?) ON CONFLICT(user_id) DO "
		       "UPDATE SET nickname = excluded.nickname, avatar_url = excluded.avatar_url");
		upsertSupporter = std::make_unique<Statement>(
		    h, "INSERT INTO supporter_totals(scope, user_id, coins, gifts, reach) VALUES(?,?,?,?,?) "
		       "ON CONFLICT(scope, user_id) DO UPDATE SET coins = excluded.coins, gifts = excluded.gifts, "
		       "reach = excluded.reach");
		upsertGift = std::make_unique<Statement>(
		    h, "INSERT INTO gift_totals(scope, gift_id, name, image_url, diamond_count, count, coins) "
		       "VALUES(?,?,?,?,?,?,?) ON CONFLICT(scope, gift_id) DO UPDATE SET name = excluded.name, "
		       "image_url = excluded.image_url, diamond_count = excluded.diamond_count, "
		       "count = excluded.count, coins = excluded.coins");
		upsertTotals = std::make_unique<Statement>(
		    h, "INSERT OR REPLACE INTO room_totals(scope, coins, gifts, likes_received, room_like_total, "
		       "follows, shares, subscribers, joins, chats, viewers_last, viewers_peak) "
		       "VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
		upsertStreak = std::make_unique<Statement>(
		    h, "INSERT OR REPLACE INTO streaks(key, user_id, gift_id, diamond_count, last_count, counted, "
		       "open, ended, updated_at) VALUES(?,?,?,?,?,?,?,?,?)");
		deleteStreak = std::make_unique<Statement>(h, "DELETE FROM streaks WHERE key = ?");
		upsertGoal = std::make_unique<Statement>(
		    h, "INSERT OR REPLACE INTO goals(id, spec, base, target, stage, times_reached, reached, "
		       "stream_id, updated_at) VALUES(?,?,?,?,?,?,?,?,?)");
		startStream = std::make_unique<Statement>(
		    h, "INSERT INTO streams(id, epoch, started_at) VALUES(?,?,?) ON CONFLICT(id) DO NOTHING");
		endStream = std::make_unique<Statement>(h, "UPDATE streams SET ended_at = ? WHERE id = ?");
		insertReset = std::make_unique<Statement>(h, "INSERT INTO resets(kind, target, at) VALUES(?,?,?)");
		setMeta = std::make_unique<Statement>(h, "INSERT OR REPLACE INTO meta(key, value) VALUES(?,?)");
	}

	void writeSupporter(std::int64_t scope, std::string_view id, std::int64_t coins, std::int64_t gifts,
			    std::uint64_t reach)
	{
		upsertSupporter->bind(1, scope).bind(2, id).bind(3, coins).bind(4, gifts).bind(
		    5, static_cast<std::int64_t>(reach));
		upsertSupporter->run();
	}

	void writeGift(std::int64_t scope, const GiftTotal &gift)
	{
		upsertGift->bind(1, scope)
		    .bind(2, gift.giftId)
		    .bind(3, gift.name)
		    .bind(4, gift.imageUrl)
		    .bind(5, gift.diamondCount)
		    .bind(6, gift.count)
		    .bind(7, gift.coins);
		upsertGift->run();
	}

	void writeTotals(std::int64_t scope, const RoomTotals &t)
	{
		upsertTotals->bind(1, scope)
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
		    .bind(12, t.viewersPeak);
		upsertTotals->run();
	}
};

namespace {

// Opens, configures and migrates a database. Throws SqliteError.
DbHandle openDatabase(const std::string &path)
{
	sqlite3 *raw = nullptr;
	const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
	DbHandle db(raw);
	if (rc != SQLITE_OK) {
		fail(raw, rc, "open '" + path + "'");
	}
	sqlite3_extended_result_codes(db.get(), 1);
	sqlite3_busy_timeout(db.get(), 250); // the worker must not stall long
	// Reading the schema is what detects a file that is not a database.
	exec(db.get(), "SELECT count(*) FROM sqlite_master");
	{
		Statement mode(db.get(), "PRAGMA journal_mode = WAL");
		if (!mode.step() || mode.text(0) != "wal") {
			throw SqliteError(SQLITE_CANTOPEN, "the ledger cannot use WAL mode");
		}
	}
	exec(db.get(), "PRAGMA synchronous = NORMAL");
	int version = 0;
	{
		Statement query(db.get(), "PRAGMA user_version");
		if (query.step()) {
			version = static_cast<int>(query.integer(0));
		}
	}
	if (version > Ledger::schemaVersion) {
		throw SqliteError(SQLITE_MISMATCH, "ledger schema version " + std::to_string(version) +
						       " is newer than this build understands (" +
						       std::to_string(Ledger::schemaVersion) + ")");
	}
	for (int v = version; v < Ledger::schemaVersion; ++v) {
		exec(db.get(), "BEGIN IMMEDIATE");
		try {
			exec(db.get(), migrations[v]);
			exec(db.get(), ("PRAGMA user_version = " + std::to_string(v + 1)).c_str());
			exec(db.get(), "COMMIT");
		} catch (...) {
			sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
			throw;
		}
	}
	// A structural check of the schema pages only (cheap); row-level damage is found when read.
	exec(db.get(), "SELECT count(*) FROM meta");
	return db;
}

} // namespace

std::string Ledger::moveAside(const std::string &path)
{
	const std::string target = path + ".corrupt-" + std::to_string(wallClockMs());
	std::error_code ec;
	std::filesystem::rename(path, target, ec);
	if (ec) {
		return {};
	}
	for (const char *suffix : {"-wal", "-shm"}) {
		std::error_code ignored;
		if (std::filesystem::exists(path + suffix, ignored)) {
			std::filesystem::rename(path + suffix, target + suffix, ignored);
		}
	}
	return target;
}

Ledger::Ledger(std::unique_ptr<Impl> impl, std::string path) : impl_(std::move(impl)), path_(std::move(path)) {}

Ledger::~Ledger() = default;

std::unique_ptr<Ledger> Ledger::open(const std::string &path, Logger &logger, std::string &notice, std::string &error)
{
	for (int attempt = 0; attempt < 2; ++attempt) {
		try {
			auto impl = std::make_unique<Impl>();
			impl->db = openDatabase(path);
			impl->prepare();
			logger.log(LogLevel::Info, "ledger open: " + path);
			return std::unique_ptr<Ledger>(new Ledger(std::move(impl), path));
		} catch (const SqliteError &e) {
			if (!e.corrupt() || attempt > 0) {
				error = e.what();
				return nullptr;
			}
			const std::string aside = moveAside(path);
			if (aside.empty()) {
				error = std::string(e.what()) + " (and it could not be moved aside)";
				return nullptr;
			}
			notice = "ledger '" + path + "' is damaged (" + e.what() + "); moved to '" + aside +
				 "', starting a new ledger";
			logger.log(LogLevel::Error, notice);
		} catch (const std::exception &e) {
			error = e.what();
			return nullptr;
		}
	}
	return nullptr;
}

bool Ledger::load(Tally &tally, Millis now, std::size_t recentMsgIds, std::string &error)
{
	sqlite3 *db = impl_->db.get();
	try {
		exec(db, "BEGIN");
		std::int64_t epoch = 1;
		{
			Statement q(db, "SELECT value FROM meta WHERE key = 'epoch'");
			if (q.step()) {
				epoch = std::stoll(std::string(q.text(0)));
			}
		}
		std::int64_t lastStream = 0;
		bool open = false;
		{
			Statement q(db, "SELECT id, ended_at FROM streams ORDER BY id DESC LIMIT 1");
			if (q.step()) {
				lastStream = q.integer(0);
				open = q.isNull(1);
			}
		}
		tally.restoreBegin(epoch, lastStream, open);
		std::int64_t maxReach = 0;
		auto loadScope = [&](bool allTime, std::int64_t scope) {
			Statement supporters(db,
					     "SELECT s.user_id, u.nickname, u.avatar_url, s.coins, s.gifts, s.reach "
					     "FROM supporter_totals s LEFT JOIN users u ON u.user_id = s.user_id "
					     "WHERE s.scope = ? ORDER BY s.reach");
			supporters.bind(1, scope);
			while (supporters.step()) {
				const std::int64_t reach = supporters.integer(5);
				maxReach = std::max(maxReach, reach);
				tally.restoreSupporter(allTime, supporters.text(0), supporters.text(1),
						       supporters.text(2), supporters.integer(3), supporters.integer(4),
						       static_cast<std::uint64_t>(reach));
			}
			Statement gifts(db,
					"SELECT gift_id, name, image_url, diamond_count, count, coins FROM gift_totals "
					"WHERE scope = ?");
			gifts.bind(1, scope);
			while (gifts.step()) {
				GiftTotal gift;
				gift.giftId = gifts.integer(0);
				gift.name = gifts.text(1);
				gift.imageUrl = gifts.text(2);
				gift.diamondCount = gifts.integer(3);
				gift.count = gifts.integer(4);
				gift.coins = gifts.integer(5);
				tally.restoreGift(allTime, gift);
			}
			Statement totals(db, "SELECT coins, gifts, likes_received, room_like_total, follows, shares, "
					     "subscribers, joins, chats, viewers_last, viewers_peak FROM room_totals "
					     "WHERE scope = ?");
			totals.bind(1, scope);
			if (totals.step()) {
				RoomTotals t;
				t.coins = totals.integer(0);
				t.gifts = totals.integer(1);
				t.likesReceived = totals.integer(2);
				t.roomLikeTotal = totals.integer(3);
				t.follows = totals.integer(4);
				t.shares = totals.integer(5);
				t.subscribers = totals.integer(6);
				t.joins = totals.integer(7);
				t.chats = totals.integer(8);
				t.viewersLast = totals.integer(9);
				t.viewersPeak = totals.integer(10);
				tally.restoreTotals(allTime, t);
			}
		};
		loadScope(true, -epoch);
		if (lastStream > 0) {
			loadScope(false, lastStream);
		}
		{
			Statement q(db, "SELECT max(reach) FROM supporter_totals");
			if (q.step()) {
				maxReach = std::max(maxReach, q.integer(0));
			}
		}
		{
			// Open streaks, and recently closed ones (a late end adds only what was not counted).
			Statement q(db, "SELECT key, user_id, gift_id, diamond_count, last_count, counted, open, ended "
					"FROM streaks WHERE open = 1 OR updated_at > ?");
			q.bind(1, wallClockMs() - 10 * 60 * 1000);
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
				tally.restoreStreak(record, now);
			}
		}
		{
			Statement q(db,
				    "SELECT spec, base, target, stage, times_reached, reached, stream_id FROM goals");
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
				if (record.stage > record.spec.stages.size()) {
					record.stage = 0;
				}
				tally.restoreGoal(record);
			}
		}
		bool older = false;
		{
			Statement q(db, "SELECT id, msg_id FROM events ORDER BY id DESC LIMIT ?");
			q.bind(1, static_cast<std::int64_t>(recentMsgIds));
			std::vector<std::string> ids;
			std::int64_t oldest = 0;
			while (q.step()) {
				oldest = q.integer(0);
				ids.emplace_back(q.text(1));
			}
			for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
				tally.restoreMsgId(*it);
			}
			if (!ids.empty()) {
				Statement more(db, "SELECT EXISTS(SELECT 1 FROM events WHERE id < ?)");
				more.bind(1, oldest);
				older = more.step() && more.integer(0) != 0;
			}
		}
		exec(db, "COMMIT");
		tally.restoreEnd(static_cast<std::uint64_t>(maxReach) + 1, older);
		return true;
	} catch (const SqliteError &e) {
		sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
		damaged_ = e.corrupt();
		error = e.what();
		return false;
	} catch (const std::exception &e) {
		sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
		damaged_ = true; // unreadable contents (e.g. a meta value that is not a number)
		error = e.what();
		return false;
	}
}

bool Ledger::commit(Tally &tally, std::string &error)
{
	PendingWrites &p = tally.pending();
	sqlite3 *db = impl_->db.get();
	Impl &s = *impl_;
	const Millis wall = wallClockMs();
	try {
		exec(db, "BEGIN IMMEDIATE");
		for (const auto &change : p.streams) {
			if (change.started) {
				s.startStream->bind(1, change.id).bind(2, change.epoch).bind(3, wall);
				s.startStream->run();
			} else {
				s.endStream->bind(1, wall).bind(2, change.id);
				s.endStream->run();
			}
		}
		if (p.epochChanged) {
			s.setMeta->bind(1, std::string_view("epoch")).bind(2, std::to_string(tally.epoch()));
			s.setMeta->run();
		}
		for (const auto &reset : p.resets) {
			s.insertReset->bind(1, reset.kind).bind(2, reset.target).bind(3, wall);
			s.insertReset->run();
		}
		for (const auto &row : p.rows) {
			Statement &st = *s.insertEvent;
			st.bind(1, row.msgId)
			    .bind(2, eventKindName(row.kind))
			    .bind(3, row.streamId)
			    .bind(4, row.userId)
			    .bind(5, row.giftId)
			    .bind(6, row.units)
			    .bind(7, row.coins)
			    .bind(8, row.likes);
			if (row.streakKey.empty()) {
				st.bindNull(9);
			} else {
				st.bind(9, row.streakKey);
			}
			if (row.createTimeMs != 0) {
				st.bind(10, row.createTimeMs);
			} else {
				st.bindNull(10);
			}
			st.bind(11, wall);
			st.run();
		}
		const SupporterDirectory &dir = tally.directory();
		for (std::uint32_t index : p.users) {
			s.upsertUser->bind(1, dir.id(index)).bind(2, dir.nickname(index)).bind(3, dir.avatarUrl(index));
			s.upsertUser->run();
		}
		for (const auto &flush : p.flushed) {
			for (const auto &sup : flush.supporters) {
				s.writeSupporter(flush.scope, sup.id, sup.coins, sup.gifts, sup.reach);
			}
			for (const auto &gift : flush.gifts) {
				s.writeGift(flush.scope, gift);
			}
			s.writeTotals(flush.scope, flush.totals);
		}
		for (bool allTime : {false, true}) {
			const std::int64_t scope = allTime ? tally.allTimeScopeKey() : tally.streamScopeKey();
			if (scope == 0) {
				continue;
			}
			const Leaderboard &board = tally.board(allTime);
			for (std::uint32_t index : allTime ? p.allTimeSupporters : p.streamSupporters) {
				if (board.contains(index)) {
					const auto &st = board.standing(index);
					s.writeSupporter(scope, dir.id(index), st.coins, st.gifts, st.reach);
				}
			}
			const auto &gifts = tally.gifts(allTime);
			for (std::int64_t giftId : allTime ? p.allTimeGifts : p.streamGifts) {
				if (auto it = gifts.find(giftId); it != gifts.end()) {
					s.writeGift(scope, it->second);
				}
			}
			if (allTime ? p.allTimeTotals : p.streamTotals) {
				s.writeTotals(scope, tally.totals(allTime));
			}
		}
		for (const auto &key : p.streaks) {
			const StreakRecord *rec = tally.streak(key);
			if (rec == nullptr) {
				s.deleteStreak->bind(1, key);
				s.deleteStreak->run();
				continue;
			}
			s.upsertStreak->bind(1, rec->key)
			    .bind(2, rec->userId)
			    .bind(3, rec->giftId)
			    .bind(4, rec->diamondCount)
			    .bind(5, rec->lastCount)
			    .bind(6, rec->counted)
			    .bind(7, std::int64_t{rec->open ? 1 : 0})
			    .bind(8, std::int64_t{rec->ended ? 1 : 0})
			    .bind(9, wall);
			s.upsertStreak->run();
		}
		for (const auto &id : p.goals) {
			const GoalRecord *goal = tally.goalRecord(id);
			if (goal == nullptr) {
				continue;
			}
			s.upsertGoal->bind(1, id)
			    .bind(2, goalSpecJson(goal->spec).dump())
			    .bind(3, goal->base)
			    .bind(4, goal->target)
			    .bind(5, static_cast<std::int64_t>(goal->stage))
			    .bind(6, goal->timesReached)
			    .bind(7, std::int64_t{goal->reached ? 1 : 0})
			    .bind(8, goal->streamId)
			    .bind(9, wall);
			s.upsertGoal->run();
		}
		exec(db, "COMMIT");
		tally.clearPending();
		transient_ = false;
		return true;
	} catch (const SqliteError &e) {
		sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
		const int primary = e.code() & 0xff;
		// Another program holding the file (a viewer, a backup) is worth waiting for: keep the batch.
		transient_ = primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
		if (!transient_) {
			tally.clearPending();
		}
		error = e.what();
		return false;
	} catch (const std::exception &e) {
		sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
		tally.clearPending();
		transient_ = false;
		error = e.what();
		return false;
	}
}

bool Ledger::containsMsgId(std::string_view msgId)
{
	try {
		Statement &q = *impl_->findMsgId;
		q.bind(1, msgId);
		const bool found = q.step();
		q.reset();
		return found;
	} catch (const std::exception &) {
		return false;
	}
}

std::int64_t Ledger::storedRows()
{
	try {
		Statement q(impl_->db.get(), "SELECT count(*) FROM events");
		return q.step() ? q.integer(0) : 0;
	} catch (const std::exception &) {
		return -1;
	}
}

} // namespace livegifts
