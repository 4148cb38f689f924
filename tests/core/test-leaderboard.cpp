#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <tuple>

#include "core/leaderboard.hpp"
#include "core/supporters.hpp"

using namespace livegifts;

TEST_CASE("Leaderboard matches a sorted reference under random updates", "[leaderboard]")
{
	std::mt19937 rng(12345);
	Leaderboard board;
	struct Ref {
		std::int64_t coins = 0;
		std::int64_t gifts = 0;
		std::uint64_t reach = 0;
	};
	std::vector<Ref> ref(2000);
	std::uint64_t stamp = 1;
	for (int step = 0; step < 20000; ++step) {
		const auto index = static_cast<std::uint32_t>(rng() % ref.size());
		const std::int64_t coins = static_cast<std::int64_t>(rng() % 4) * 5; // many ties, some zero
		const std::uint64_t reach = stamp++;
		board.addGift(index, coins, 1, reach);
		Ref &r = ref[index];
		if (r.reach == 0 || coins != 0) {
			r.reach = reach;
		}
		r.coins += coins;
		r.gifts += 1;
	}
	std::vector<std::tuple<std::int64_t, std::uint64_t, std::uint32_t>> expected;
	for (std::uint32_t i = 0; i < ref.size(); ++i) {
		if (ref[i].reach != 0) {
			expected.emplace_back(-ref[i].coins, ref[i].reach, i);
		}
	}
	std::sort(expected.begin(), expected.end());
	REQUIRE(board.size() == expected.size());
	std::size_t position = 0;
	bool same = true;
	board.forEachRanked(0, [&](std::uint32_t index, std::size_t rank, const Leaderboard::Standing &s) {
		same = same && rank == position + 1 && std::get<2>(expected[position]) == index &&
		       s.coins() == ref[index].coins && s.gifts() == ref[index].gifts;
		++position;
	});
	CHECK(same);
	CHECK(position == expected.size());

	std::size_t limited = 0;
	board.forEachRanked(10, [&](std::uint32_t, std::size_t, const Leaderboard::Standing &) { ++limited; });
	CHECK(limited == 10);
	CHECK(board.rankOf(std::get<2>(expected[0])) == 1);
	CHECK(board.rankOf(std::get<2>(expected[5])) == 6);
}

TEST_CASE("Leaderboard: a million supporters, deterministic", "[leaderboard][large]")
{
	constexpr std::uint32_t count = 1000000;
	auto build = [] {
		Leaderboard board;
		board.reserve(count);
		std::uint64_t stamp = 1;
		for (std::uint32_t i = 0; i < count; ++i) {
			board.addGift(i, (i * 7919u) % 1000u, 1, stamp++);
		}
		// a second round on a tenth of them
		for (std::uint32_t i = 0; i < count; i += 10) {
			board.addGift(i, 5, 1, stamp++);
		}
		std::vector<std::uint32_t> top;
		board.forEachRanked(100, [&](std::uint32_t index, std::size_t, const Leaderboard::Standing &) {
			top.push_back(index);
		});
		return std::make_pair(board.size(), top);
	};
	const auto a = build();
	const auto b = build();
	CHECK(a.first == count);
	CHECK(a.second == b.second);
	REQUIRE(a.second.size() == 100);
}

TEST_CASE("Supporter directory interns handles and updates profile text", "[leaderboard]")
{
	SupporterDirectory dir;
	bool changed = false;
	const auto a = dir.intern("ann", "Ann", "https://a", changed);
	CHECK(changed);
	const auto b = dir.intern("bob", "Bob", "", changed);
	CHECK(a != b);
	CHECK(dir.intern("ann", "Ann", "https://a", changed) == a);
	CHECK_FALSE(changed);
	dir.intern("ann", "Annie", "", changed);
	CHECK(changed);
	CHECK(dir.nickname(a) == "Annie");
	CHECK(dir.avatarUrl(a) == "https://a"); // an empty avatar does not erase the known one
	for (int i = 0; i < 50000; ++i) {
		dir.intern("user" + std::to_string(i), "", "", changed);
	}
	CHECK(dir.size() == 50002);
	CHECK(dir.find("user49999") != SupporterDirectory::npos);
	CHECK(dir.id(dir.find("user123")) == "user123");
	CHECK(dir.find("nobody") == SupporterDirectory::npos);
	// very long text is kept up to the pool's limit, cut on a UTF-8 boundary
	std::string longNick;
	for (int i = 0; i < 10000; ++i) {
		longNick += "é";
	}
	const auto c = dir.intern("long", longNick, "", changed);
	CHECK(dir.nickname(c).size() <= StringPool::maxLength);
	CHECK(dir.nickname(c).size() % 2 == 0);
}

TEST_CASE("Supporter directory: names and pictures that keep changing cost the newest ones, not all ever seen",
	  "[leaderboard]")
{
	// TikTok's picture addresses change within a stream (new signatures, other sizes), and a hostile sender
	// may change their nickname with every message: 200,000 changes of about 500 bytes each, 100 MB in all.
	SupporterDirectory dir;
	bool changed = false;
	for (int i = 0; i < 100; ++i) {
		dir.intern("fan" + std::to_string(i), "Fan " + std::to_string(i) + " 🌸",
			   "https://p16.example/fan" + std::to_string(i) + ".webp", changed);
	}
	const std::string padding(480, 'x');
	std::string lastNick;
	std::string lastAvatar;
	for (int i = 0; i < 100000; ++i) {
		lastNick = "Changer " + std::to_string(i) + padding.substr(0, 200);
		lastAvatar = "https://p16.example/a.webp?x-expires=" + std::to_string(i) + "&x-signature=" + padding;
		const auto index = dir.intern("changer", lastNick, lastAvatar, changed);
		REQUIRE(changed);
		REQUIRE(dir.nickname(index) == lastNick);
		REQUIRE(dir.avatarUrl(index) == lastAvatar);
	}
	CHECK(dir.memoryBytes() < 4 * 1024 * 1024);
	CHECK(dir.deadBytes() < 2 * SupporterDirectory::compactAfterBytes);
	// Every other user's text is intact after the pool was made again.
	for (int i = 0; i < 100; ++i) {
		const auto index = dir.find("fan" + std::to_string(i));
		REQUIRE(index != SupporterDirectory::npos);
		CHECK(dir.id(index) == "fan" + std::to_string(i));
		CHECK(dir.nickname(index) == "Fan " + std::to_string(i) + " 🌸");
		CHECK(dir.avatarUrl(index) == "https://p16.example/fan" + std::to_string(i) + ".webp");
	}
	const auto changer = dir.find("changer");
	REQUIRE(changer != SupporterDirectory::npos);
	CHECK(dir.nickname(changer) == lastNick);
	CHECK(dir.avatarUrl(changer) == lastAvatar);
	CHECK(dir.size() == 101);
}

TEST_CASE("String pool: a few names take a few kilobytes; many read back intact across growing chunks", "[leaderboard]")
{
	StringPool pool;
	CHECK(pool.bytesUsed() == 0);
	const StringPool::Ref first = pool.add("Layla Haddad");
	const StringPool::Ref second = pool.add("小龍包の配信 응원단");
	// A room with a handful of viewers does not hold a megabyte of strings.
	CHECK(pool.bytesUsed() <= 64 * 1024);
	CHECK(pool.get(first) == "Layla Haddad");
	CHECK(pool.get(second) == "小龍包の配信 응원단");
	// Strings of every length up to the limit, over several megabytes: chunks grow to their largest size
	// and every string stays where it was put.
	std::vector<std::pair<StringPool::Ref, std::string>> kept;
	std::size_t total = 0;
	for (int i = 0; total < 6 * 1024 * 1024; ++i) {
		const std::size_t length = 1 + (static_cast<std::size_t>(i) * 7919) % StringPool::maxLength;
		std::string text(length, static_cast<char>('a' + i % 26));
		text += std::to_string(i);
		text = text.substr(0, StringPool::maxLength);
		kept.emplace_back(pool.add(text), text);
		total += text.size();
	}
	for (const auto &[ref, text] : kept) {
		REQUIRE(pool.get(ref) == text);
	}
	CHECK(pool.get(first) == "Layla Haddad");
	CHECK(pool.bytesUsed() >= total);
	CHECK(pool.bytesUsed() <= total + 2 * 1024 * 1024);
	pool.clear();
	CHECK(pool.bytesUsed() == 0);
	CHECK(pool.get(pool.add("again")) == "again");
}
