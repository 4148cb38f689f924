// Top Supporters rankings: by coins, gift count and likes sent, ties to whoever got there first, in every
// scope (this stream, all time, since an explicit reset), and all of it back exactly after a restart.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <tuple>

#include "core/engine.hpp"
#include "core/ledger-schema.hpp"
#include "core/journal-spill.hpp"
#include "core/leaderboard.hpp"
#include "core/tally.hpp"
#include "sql-support.hpp"
#include "support.hpp"

using namespace livegifts;
using testsupport::flatGift;
using testsupport::simple;
using testsupport::TempDir;

namespace {

std::string like(const std::string &msgId, const std::string &user, long long count)
{
	return simple("like", msgId, user, R"("likeCount":)" + std::to_string(count) + R"(,"totalLikeCount":1)");
}

std::vector<std::string> idsOf(const std::vector<SupporterEntry> &entries)
{
	std::vector<std::string> ids;
	for (const auto &entry : entries) {
		ids.push_back(entry.id);
	}
	return ids;
}

using Row = std::tuple<std::size_t, std::string, std::int64_t, std::int64_t, std::int64_t, std::uint64_t>;

// Everything a ranking shows and orders by (rank, id, the three amounts, the reach stamp of the measure).
std::vector<Row> rowsOf(const std::vector<SupporterEntry> &entries)
{
	std::vector<Row> rows;
	for (const auto &e : entries) {
		rows.emplace_back(e.rank, e.id, e.coins, e.gifts, e.likes, e.reachOrder);
	}
	return rows;
}

using Rankings = std::vector<std::vector<Row>>;

Rankings allRankings(Engine &engine)
{
	Rankings out;
	for (auto scope : {SupporterScope::Stream, SupporterScope::AllTime, SupporterScope::SinceReset}) {
		for (auto by : {RankBy::Coins, RankBy::Gifts, RankBy::Likes}) {
			out.push_back(rowsOf(engine.supporters(scope, by, 0)));
		}
	}
	return out;
}

// A run with every kind of change: gifts (one of 0 coins), likes, ties in each measure, a second stream.
void feedMixed(Engine &engine, const std::string &prefix)
{
	engine.submitFrame(flatGift(prefix + "a", "ann", 1, 10, 2, 1, false)); // ann 10 coins, 1 gift
	engine.submitFrame(flatGift(prefix + "b", "bob", 2, 5, 2, 2, false));  // bob 10 coins, 2 gifts
	engine.submitFrame(like(prefix + "l1", "cat", 30));                    // cat: likes only
	engine.submitFrame(like(prefix + "l2", "bob", 30));                    // tie with cat: cat first
	engine.submitFrame(flatGift(prefix + "c", "ann", 3, 0, 2, 1, false));  // 0 coins: gifts tie with bob
	engine.submitFrame(like(prefix + "l3", "ann", 5));
}

} // namespace

TEST_CASE("Leaderboard: three rankings match sorted references under random updates", "[ranking]")
{
	std::mt19937 rng(777);
	Leaderboard board;
	struct Ref {
		std::array<std::int64_t, 3> amount{};
		std::array<std::uint64_t, 3> reach{};
	};
	std::vector<Ref> ref(500);
	std::uint64_t stamp = 1;
	for (int step = 0; step < 20000; ++step) {
		const auto index = static_cast<std::uint32_t>(rng() % ref.size());
		Ref &r = ref[index];
		const std::uint64_t reach = stamp++;
		if (rng() % 3 == 0) {
			const std::int64_t likes = static_cast<std::int64_t>(rng() % 3) * 10; // 0: nothing
			board.addLikes(index, likes, reach);
			if (likes > 0) {
				r.amount[2] += likes;
				r.reach[2] = reach;
			}
			continue;
		}
		const std::int64_t coins = static_cast<std::int64_t>(rng() % 4) * 5; // many ties, some zero
		const std::int64_t units = static_cast<std::int64_t>(rng() % 2);     // some zero
		board.addGift(index, coins, units, reach);
		for (std::size_t m : {0u, 1u}) {
			const std::int64_t delta = m == 0 ? coins : units;
			if (r.reach[m] == 0 || delta != 0) {
				r.reach[m] = reach;
			}
			r.amount[m] += delta;
		}
	}
	for (auto by : {RankBy::Coins, RankBy::Gifts, RankBy::Likes}) {
		const auto m = static_cast<std::size_t>(by);
		std::vector<std::tuple<std::int64_t, std::uint64_t, std::uint32_t>> expected;
		for (std::uint32_t i = 0; i < ref.size(); ++i) {
			if (ref[i].reach[m] != 0) {
				expected.emplace_back(-ref[i].amount[m], ref[i].reach[m], i);
			}
		}
		std::sort(expected.begin(), expected.end());
		REQUIRE(board.size(by) == expected.size());
		std::size_t position = 0;
		bool same = true;
		board.forEachRanked(by, 0, [&](std::uint32_t index, std::size_t rank, const Leaderboard::Standing &s) {
			same = same && rank == position + 1 && std::get<2>(expected[position]) == index &&
			       s.amount == ref[index].amount && s.reach[m] == ref[index].reach[m];
			++position;
		});
		CHECK(same);
		CHECK(position == expected.size());
	}
	CHECK(sizeof(Leaderboard::Standing) == 72);
}

TEST_CASE("Rankings by coins, gift count and likes sent; ties go to who got there first", "[ranking]")
{
	Engine engine;
	feedMixed(engine, "");
	engine.flush();
	const auto snap = engine.snapshot();
	// coins: ann and bob both 10, ann first; cat sent no gift
	CHECK(idsOf(snap->stream.top) == std::vector<std::string>{"ann", "bob"});
	// gifts: bob reached 2 before ann did (her 0-coin gift)
	CHECK(idsOf(snap->stream.topGifts) == std::vector<std::string>{"bob", "ann"});
	// likes: cat and bob 30, cat first; ann 5
	CHECK(idsOf(snap->stream.topLikes) == std::vector<std::string>{"cat", "bob", "ann"});
	CHECK(snap->stream.topLikes[0].likes == 30);
	CHECK(snap->stream.ranked(RankBy::Likes).size() == 3);
	CHECK(snap->stream.supporterCount == 2);
	CHECK(snap->stream.likerCount == 3);
	// ann's 0-coin gift moved her gifts, not her coins: still first by coins
	CHECK(snap->allTime.top[0].id == "ann");
	CHECK(snap->allTime.top[0].gifts == 2);
	CHECK(snap->allTime.top[0].likes == 5);
	// more likes move bob past cat
	engine.submitFrame(like("l4", "bob", 1));
	engine.flush();
	CHECK(idsOf(engine.snapshot()->allTime.topLikes) == std::vector<std::string>{"bob", "cat", "ann"});
	// the room's like total is still counted as before
	CHECK(engine.snapshot()->stream.totals.likesReceived == 66);
}

TEST_CASE("Since reset: an explicit reset starts a ranking from zero; this stream and all time stay", "[ranking]")
{
	Engine engine;
	feedMixed(engine, "");
	engine.flush();
	auto snap = engine.snapshot();
	CHECK_FALSE(snap->sinceResetActive);
	// before any reset it is all time
	CHECK(idsOf(snap->supporters(SupporterScope::SinceReset).top) == idsOf(snap->allTime.top));

	engine.resetSupporters();
	engine.flush();
	snap = engine.snapshot();
	CHECK(snap->sinceResetActive);
	CHECK(snap->supporterResets == 1);
	CHECK(snap->supporters(SupporterScope::SinceReset).top.empty());
	CHECK(snap->stream.top.size() == 2);
	CHECK(snap->allTime.topLikes.size() == 3);

	engine.submitFrame(flatGift("d", "dan", 1, 1, 2, 1, false));
	engine.submitFrame(like("l5", "cat", 2));
	engine.flush();
	snap = engine.snapshot();
	const ScopeView &since = snap->supporters(SupporterScope::SinceReset);
	CHECK(idsOf(since.top) == std::vector<std::string>{"dan"});
	CHECK(idsOf(since.topLikes) == std::vector<std::string>{"cat"});
	CHECK(since.topLikes[0].likes == 2);
	CHECK(idsOf(snap->stream.top) == std::vector<std::string>{"ann", "bob", "dan"});
	CHECK(snap->allTime.topLikes[0].likes == 32);

	// reset all: everything from zero, and "since reset" is all time again
	engine.resetAll();
	engine.flush();
	snap = engine.snapshot();
	CHECK_FALSE(snap->sinceResetActive);
	CHECK(snap->supporters(SupporterScope::SinceReset).top.empty());
	engine.submitFrame(flatGift("e", "eve", 1, 1, 2, 1, false));
	engine.flush();
	CHECK(idsOf(engine.snapshot()->supporters(SupporterScope::SinceReset).top) == std::vector<std::string>{"eve"});
}

TEST_CASE("A restart restores all three rankings of every scope exactly, since reset too", "[ranking][ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	Rankings before;
	{
		Engine engine(withLedger(path));
		feedMixed(engine, "s1");
		engine.startStream();
		feedMixed(engine, "s2");
		engine.resetSupporters();
		engine.submitFrame(flatGift("r1", "bob", 1, 7, 2, 1, false));
		engine.submitFrame(like("r2", "ann", 4));
		engine.submitFrame(flatGift("r3", "ann", 1, 7, 2, 1, false)); // tie with bob at 7: bob first
		engine.submitFrame(like("r4", "bob", 4));                     // tie with ann at 4: ann first
		engine.flush();
		before = allRankings(engine);
		CHECK(engine.snapshot()->ledgerOk);
	}
	REQUIRE(before[6].size() == 2); // since reset, by coins
	CHECK(std::get<1>(before[6][0]) == "bob");
	CHECK(std::get<1>(before[8][0]) == "ann");
	CHECK(queryInt(path, "SELECT count(*) FROM resets WHERE kind = 'supporters' AND target = '1' AND at > 0") == 1);
	{
		Engine engine(withLedger(path));
		engine.flush();
		CHECK(engine.snapshot()->sinceResetActive);
		CHECK(allRankings(engine) == before);
		// counting goes on from there, with later stamps than every restored one
		engine.submitFrame(flatGift("r5", "ann", 1, 0, 2, 1, false));
		engine.submitFrame(like("r6", "cat", 4));
		engine.flush();
		const auto since = engine.supporters(SupporterScope::SinceReset, RankBy::Likes, 0);
		CHECK(idsOf(since) == std::vector<std::string>{"ann", "bob", "cat"});
		CHECK(engine.supporters(SupporterScope::SinceReset, RankBy::Gifts, 0)[0].id == "ann");
		before = allRankings(engine);
	}
	{
		Engine engine(withLedger(path));
		engine.flush();
		CHECK(allRankings(engine) == before);
	}
	// a reset of everything after the ranking's reset: after a restart "since reset" is all time again
	{
		Engine engine(withLedger(path));
		engine.resetAll();
		engine.submitFrame(flatGift("x", "zed", 1, 3, 2, 1, false));
		engine.flush();
	}
	{
		Engine engine(withLedger(path));
		engine.flush();
		CHECK_FALSE(engine.snapshot()->sinceResetActive);
		CHECK(idsOf(engine.supporters(SupporterScope::SinceReset, RankBy::Coins, 0)) ==
		      std::vector<std::string>{"zed"});
	}
}

TEST_CASE("A ledger of schema 2 loads: coins and gifts kept, likes sent taken from its like rows", "[ranking][ledger]")
{
	TempDir dir;
	const auto path = dir.file("ledger.db");
	std::vector<SupporterEntry> coinsBefore;
	{
		Engine engine(withLedger(path));
		feedMixed(engine, "s1");
		engine.startStream();
		engine.submitFrame(flatGift("s2a", "bob", 1, 4, 2, 1, false));
		engine.submitFrame(like("s2l", "dan", 8));
		engine.flush();
		coinsBefore = engine.supporters(true, 0);
	}
	// Back to what a build of schema 2 wrote: no likes or per-ranking stamps, no row for who only liked.
	REQUIRE(
	    execSql(path, std::string(undoNewerHandlesSql) + undoNumericIdsSql + undoGuestGiftsSql +
			      undoStreamBoundariesSql + undoRecipientsSql +
			      "DELETE FROM supporter_totals WHERE reach = 0;"
			      "ALTER TABLE supporter_totals DROP COLUMN likes;"
			      "ALTER TABLE supporter_totals DROP COLUMN gift_reach;"
			      "ALTER TABLE supporter_totals DROP COLUMN like_reach;"
			      "DELETE FROM users WHERE user_id IN ('cat', 'dan');"
			      "ALTER TABLE room_totals DROP COLUMN superfan_joins; ALTER TABLE room_totals DROP COLUMN "
			      "superfan_boxes;"
			      "ALTER TABLE room_totals DROP COLUMN superfan_other; DROP TABLE battles;"
			      "PRAGMA user_version = 2;") == "");
	REQUIRE(queryInt(path, "SELECT count(*) FROM supporter_totals") == 5); // ann, bob x (stream 1, all) + bob s2
	{
		Engine engine(withLedger(path));
		engine.flush();
		const auto snap = engine.snapshot();
		CHECK(snap->ledgerOk);
		CHECK(rowsOf(engine.supporters(true, 0)).size() == coinsBefore.size());
		const auto coins = engine.supporters(SupporterScope::AllTime, RankBy::Coins, 0);
		REQUIRE(coins.size() == coinsBefore.size());
		for (std::size_t i = 0; i < coins.size(); ++i) {
			CHECK(coins[i].id == coinsBefore[i].id);
			CHECK(coins[i].coins == coinsBefore[i].coins);
			CHECK(coins[i].gifts == coinsBefore[i].gifts);
		}
		// likes sent per scope from the like rows, ordered by who liked last... first
		const auto likesAll = engine.supporters(SupporterScope::AllTime, RankBy::Likes, 0);
		CHECK(idsOf(likesAll) == std::vector<std::string>{"cat", "bob", "dan", "ann"});
		CHECK(likesAll[0].likes == 30);
		CHECK(likesAll[0].nickname.empty()); // never stored for who only liked
		const auto likesStream = engine.supporters(SupporterScope::Stream, RankBy::Likes, 0);
		CHECK(idsOf(likesStream) == std::vector<std::string>{"dan"});
		CHECK(likesStream[0].likes == 8);
		// gifts rank from when they reached their coins
		CHECK(idsOf(engine.supporters(SupporterScope::AllTime, RankBy::Gifts, 0)) ==
		      std::vector<std::string>{"bob", "ann"});
		// new likes go on from the migrated ones
		engine.submitFrame(like("n1", "ann", 30));
		engine.flush();
		CHECK(engine.supporters(SupporterScope::AllTime, RankBy::Likes, 1)[0].id == "ann");
	}
	CHECK(queryInt(path, "PRAGMA user_version") == ledgerSchemaVersion);
	CHECK(queryInt(path, "SELECT likes FROM supporter_totals WHERE scope = -1 AND user_id = 'ann'") == 35);
}

TEST_CASE("A spill line keeps every ranking's amount and stamp, and a reset of the ranking", "[ranking]")
{
	JournalBatch batch;
	batch.reset(ResetKind::Supporters, "2");
	batch.standing(sinceResetScopeKey(2), {"ann", 20, 2, 17, 5, 18, 19});
	const std::string line = toSpillLine(batch);
	JournalBatch back;
	REQUIRE(fromSpillLine(line, back));
	REQUIRE(back.standings.size() == 1);
	CHECK(back.standings[0].scope == sinceResetScopeKey(2));
	CHECK(back.standings[0].standing == StandingRecord{"ann", 20, 2, 17, 5, 18, 19});
	REQUIRE(back.changes.size() == 1);
	CHECK(back.changes[0].reset == ResetKind::Supporters);
	CHECK(back.changes[0].target == "2");

	// a line written by a build that ranked by coins only: gifts rank from the coins' stamp, no likes
	std::string old = line;
	const std::string tail = ",5,18,19]";
	REQUIRE(old.find(tail) != std::string::npos);
	old.replace(old.find(tail), tail.size(), "]");
	JournalBatch fromOld;
	REQUIRE(fromSpillLine(old, fromOld));
	CHECK(fromOld.standings[0].standing == StandingRecord{"ann", 20, 2, 17, 0, 17, 0});
}
