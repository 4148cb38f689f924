#include "core/ledger-schema.hpp"

#include <string>

namespace livegifts {

namespace {

// 4: superfan counts per scope, and LIVE battles (points, never coins): one row per battle, its teams as
// JSON [[host_id, points], ...].
const char *const battlesMigration = R"sql(
ALTER TABLE room_totals ADD COLUMN superfan_joins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE room_totals ADD COLUMN superfan_boxes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE room_totals ADD COLUMN superfan_other INTEGER NOT NULL DEFAULT 0;
CREATE TABLE battles(seq INTEGER PRIMARY KEY, battle_id TEXT NOT NULL, ended INTEGER NOT NULL,
                     winner_host_id TEXT NOT NULL, teams TEXT NOT NULL, updated_at INTEGER NOT NULL);
)sql";

// Recipients: the recipient of each gift row and streak ('host', 'guest', 'unknown'; a NULL
// recipient of an older gift row reads as 'unknown'), and gifts by recipient per scope. An older database's
// gifts named no recipient: each scope's coins and gifts become its 'unknown' row.
const char *const recipientsMigration = R"sql(
ALTER TABLE events ADD COLUMN recipient TEXT;
ALTER TABLE events ADD COLUMN recipient_id TEXT;
ALTER TABLE streaks ADD COLUMN recipient TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE streaks ADD COLUMN recipient_id TEXT NOT NULL DEFAULT '';
ALTER TABLE streaks ADD COLUMN recipient_unique_id TEXT NOT NULL DEFAULT '';
ALTER TABLE streaks ADD COLUMN recipient_nickname TEXT NOT NULL DEFAULT '';
CREATE TABLE recipient_totals(scope INTEGER NOT NULL, recipient TEXT NOT NULL, recipient_id TEXT NOT NULL,
                              unique_id TEXT NOT NULL, nickname TEXT NOT NULL, coins INTEGER NOT NULL,
                              gifts INTEGER NOT NULL, PRIMARY KEY(scope, recipient, recipient_id)) WITHOUT ROWID;
INSERT INTO recipient_totals(scope, recipient, recipient_id, unique_id, nickname, coins, gifts)
  SELECT scope, 'unknown', '', '', '', coins, gifts FROM room_totals WHERE coins <> 0 OR gifts <> 0;
)sql";

// Stream boundaries: the room a stream was in and why it started and ended (core/stream-cause.hpp names:
// first_event, new_room, silence, stream_end, manual, reset, reset_all; '' in rows of earlier versions).
const char *const streamBoundariesMigration = R"sql(
ALTER TABLE streams ADD COLUMN room_id TEXT NOT NULL DEFAULT '';
ALTER TABLE streams ADD COLUMN started_by TEXT NOT NULL DEFAULT '';
ALTER TABLE streams ADD COLUMN ended_by TEXT NOT NULL DEFAULT '';
)sql";

// 7: each guest's units per gift per scope (whole-room goals of one gift). An older database's come from its
// gift rows, which name each gift's recipient since schema 5: a stream's from its rows, all time's from the
// rows of the streams of its epoch. (Gifts of builds before recipients named no guest: there are none.)
const char *const guestGiftsMigration = R"sql(
CREATE TABLE guest_gifts(scope INTEGER NOT NULL, guest_id TEXT NOT NULL, gift_id INTEGER NOT NULL,
                         units INTEGER NOT NULL, PRIMARY KEY(scope, guest_id, gift_id)) WITHOUT ROWID;
INSERT INTO guest_gifts(scope, guest_id, gift_id, units)
  SELECT stream_id, recipient_id, gift_id, sum(units) FROM events
  WHERE kind = 'gift' AND recipient = 'guest' AND coalesce(recipient_id, '') <> '' AND units > 0
  GROUP BY stream_id, recipient_id, gift_id;
INSERT INTO guest_gifts(scope, guest_id, gift_id, units)
  SELECT -s.epoch, e.recipient_id, e.gift_id, sum(e.units) FROM events e JOIN streams s ON s.id = e.stream_id
  WHERE e.kind = 'gift' AND e.recipient = 'guest' AND coalesce(e.recipient_id, '') <> '' AND e.units > 0
  GROUP BY s.epoch, e.recipient_id, e.gift_id;
)sql";

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
    // 2: a goal's reset point for every counter (JSON; '' in rows of version 1, read from `base`), and the
    // manual acts on goals that are not resets (adjustments, undone resets).
    R"sql(
ALTER TABLE goals ADD COLUMN progress TEXT NOT NULL DEFAULT '';
CREATE TABLE goal_actions(id INTEGER PRIMARY KEY, goal_id TEXT NOT NULL, action TEXT NOT NULL,
                          amount INTEGER NOT NULL, at INTEGER NOT NULL);
)sql",
    // 3: supporters ranked by gift units and likes sent as well as coins: likes sent and a reach stamp per
    // ranking (0: not ranked by it). Rows of version 2 rank by gifts from the moment they reached their
    // coins; likes sent come from the like rows each scope holds (a stream's, an epoch's for all time),
    // ranked by the last like's row. Explicit resets of the ranking are `resets` rows (kind 'supporters').
    R"sql(
ALTER TABLE supporter_totals ADD COLUMN likes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE supporter_totals ADD COLUMN gift_reach INTEGER NOT NULL DEFAULT 0;
ALTER TABLE supporter_totals ADD COLUMN like_reach INTEGER NOT NULL DEFAULT 0;
UPDATE supporter_totals SET gift_reach = reach;
INSERT INTO supporter_totals(scope, user_id, coins, gifts, reach, likes, gift_reach, like_reach)
  SELECT e.stream_id, e.user_id, 0, 0, 0, sum(e.likes), 0, max(e.id) FROM events e
  WHERE e.kind = 'like' AND e.likes > 0 AND coalesce(e.user_id, '') <> '' GROUP BY e.stream_id, e.user_id
  ON CONFLICT(scope, user_id) DO UPDATE SET likes = excluded.likes, like_reach = excluded.like_reach;
INSERT INTO supporter_totals(scope, user_id, coins, gifts, reach, likes, gift_reach, like_reach)
  SELECT -s.epoch, e.user_id, 0, 0, 0, sum(e.likes), 0, max(e.id) FROM events e JOIN streams s ON s.id = e.stream_id
  WHERE e.kind = 'like' AND e.likes > 0 AND coalesce(e.user_id, '') <> '' GROUP BY s.epoch, e.user_id
  ON CONFLICT(scope, user_id) DO UPDATE SET likes = excluded.likes, like_reach = excluded.like_reach;
)sql",
    battlesMigration,
    recipientsMigration,
    streamBoundariesMigration,
    guestGiftsMigration,
    // 8: TikTok's numeric id of each supporter's account, so that a viewer who changes their @handle stays one
    // supporter ('' for the users of earlier versions: their id is attached by their next gift or like).
    "ALTER TABLE users ADD COLUMN numeric_id TEXT NOT NULL DEFAULT '';",
    // 9: the @handle a renamed supporter's account has now, shown in place of the first one after a restart
    // ('' when it is the user_id, and for the users of earlier versions until their next gift or like).
    "ALTER TABLE users ADD COLUMN handle TEXT NOT NULL DEFAULT '';",
};
static_assert(sizeof(migrations) / sizeof(migrations[0]) == ledgerSchemaVersion);

int userVersion(sqlite::Database &db)
{
	sqlite::Statement query(db, "PRAGMA user_version");
	return query.step() ? static_cast<int>(query.integer(0)) : 0;
}

// Refuses a database another program made before anything is written to it (not even the WAL switch). A
// ledger is an empty database (version 0: the first migration makes the tables and version 1 at once) or
// one with the ledger's own `meta` and `events` tables. Reads only.
void requireLedgerSchema(sqlite::Database &db, int version)
{
	sqlite::Statement tables(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
				     "ORDER BY name");
	std::string names;
	int count = 0;
	bool meta = false;
	bool events = false;
	while (tables.step()) {
		const std::string name(tables.text(0));
		meta = meta || name == "meta";
		events = events || name == "events";
		if (++count <= 3) {
			names += (count > 1 ? ", " : "") + name;
		}
	}
	if (count > 3) {
		names += ", ... " + std::to_string(count) + " in all";
	}
	if (version == 0 ? count == 0 : (meta && events)) {
		return;
	}
	throw sqlite::SqliteError(SQLITE_MISMATCH,
				  "the file is not a ledger but a database of another program (schema version " +
				      std::to_string(version) + ", tables: " + (count == 0 ? "none" : names) +
				      "); it was left untouched: choose another file");
}

} // namespace

void prepareLedgerDatabase(sqlite::Database &db, bool readOnly)
{
	sqlite3_busy_timeout(db.handle(), 250); // the worker must not stall long
	// SQLite's page cache keeps what was read last, up to 2 MB by default, for the whole session. The ledger is
	// read through once at open and then appended to: a quarter of that keeps the indexes' upper pages.
	db.exec("PRAGMA cache_size = -512");
	// Reading the schema is what detects a file that is not a database.
	db.exec("SELECT count(*) FROM sqlite_master");
	if (readOnly) {
		const int version = userVersion(db);
		if (version != ledgerSchemaVersion) {
			throw sqlite::SqliteError(SQLITE_READONLY, "the read-only ledger has schema version " +
								       std::to_string(version) + ", this build reads " +
								       std::to_string(ledgerSchemaVersion));
		}
		db.exec("SELECT count(*) FROM meta");
		return;
	}
	if (db.readOnly()) {
		throw sqlite::SqliteError(SQLITE_READONLY, "the ledger file is write-protected");
	}
	// Nothing is written before these checks: a newer ledger, a damaged header or another program's database
	// stays as it was.
	const int version = userVersion(db);
	if (version > ledgerSchemaVersion) {
		throw sqlite::SqliteError(SQLITE_MISMATCH, "ledger schema version " + std::to_string(version) +
							       " is newer than this build understands (" +
							       std::to_string(ledgerSchemaVersion) + ")");
	}
	if (version < 0) {
		// The header's user_version is a signed 32-bit number; a negative one is damage, never a migration
		// step.
		throw sqlite::SqliteError(SQLITE_CORRUPT,
					  "ledger schema version " + std::to_string(version) + " is not valid");
	}
	requireLedgerSchema(db, version);
	{
		sqlite::Statement mode(db, "PRAGMA journal_mode = WAL");
		if (!mode.step() || mode.text(0) != "wal") {
			throw sqlite::SqliteError(SQLITE_CANTOPEN, "the ledger cannot use WAL mode");
		}
	}
	db.exec("PRAGMA synchronous = NORMAL");
	for (int v = version; v < ledgerSchemaVersion; ++v) {
		sqlite::Transaction migration(db, sqlite::Transaction::Mode::Immediate);
		db.exec(migrations[v]);
		db.exec("PRAGMA user_version = " + std::to_string(v + 1));
		migration.commit();
	}
	// A structural check of the schema pages only (cheap); row-level damage is found when read.
	db.exec("SELECT count(*) FROM meta");
}

} // namespace livegifts
