// Top Supporters ranked by coins, gifts or likes: the row text variables and what the rows follow.
#include <catch2/catch.hpp>

#include "view/supporter-rows.hpp"

using namespace livegifts;
using namespace livegifts::view;

namespace {

SupporterEntry entry(const std::string &id, int64_t coins, int64_t gifts, int64_t likes)
{
	SupporterEntry e;
	e.id = id;
	e.coins = coins;
	e.gifts = gifts;
	e.likes = likes;
	return e;
}

std::string amountText(RankBy by, const std::string &format, const RowContent &content)
{
	TopStyle style;
	style.rankBy = by;
	style.coinsFormat = format;
	return rowTexts(style, layOut(style), content)[2].text;
}

using Rows = SupporterRows<int>;

} // namespace

TEST_CASE("Row text variables: the amount ranked by, and each measure in its words", "[rows]")
{
	const RowContent ann{1, "Ann", "", 46810, 1, 2500};
	CHECK(amountText(RankBy::Coins, "{amount_text}", ann) == "46,810 coins");
	CHECK(amountText(RankBy::Gifts, "{amount_text}", ann) == "1 gift");
	CHECK(amountText(RankBy::Likes, "{amount_text}", ann) == "2,500 likes");
	CHECK(amountText(RankBy::Likes, "{amount}", ann) == "2,500");
	CHECK(amountText(RankBy::Gifts, "{amount}", ann) == "1");
	CHECK(amountText(RankBy::Likes, "{coins_text} · {gifts_text} · {likes_text}", ann) ==
	      "46,810 coins · 1 gift · 2,500 likes");
	CHECK(amountText(RankBy::Coins, "{coins} / {gifts} / {likes}", ann) == "46,810 / 1 / 2,500");
	const RowContent one{2, "Bob", "", 1, 3, 1};
	CHECK(amountText(RankBy::Coins, "{amount_text}", one) == "1 coin");
	CHECK(amountText(RankBy::Gifts, "{gifts_text}", one) == "3 gifts");
	CHECK(amountText(RankBy::Likes, "{likes_text}", one) == "1 like");
	// ranked by coins, the default text reads as it always did
	CHECK(amountText(RankBy::Coins, "{amount_text}", ann) == amountText(RankBy::Coins, "{coins_text}", ann));
}

TEST_CASE("Which amounts a row shows: the one ranked by and those its text names", "[rows]")
{
	TopStyle style;
	style.coinsFormat = "{amount_text}";
	CHECK(amountsShown(style) == RowAmounts{true, false, false});
	style.rankBy = RankBy::Likes;
	CHECK(amountsShown(style) == RowAmounts{false, false, true});
	style.coinsFormat = "{likes} ({coins_text})";
	CHECK(amountsShown(style) == RowAmounts{true, false, true});
	style.rankBy = RankBy::Gifts;
	style.coinsFormat = "{gifts_text}";
	CHECK(amountsShown(style) == RowAmounts{false, true, false});
}

TEST_CASE("Ranked by likes, the bars follow likes; amounts not shown make no new pixels", "[rows]")
{
	Rows rows;
	const RowAmounts likesOnly{false, false, true};
	rows.apply({entry("a", 0, 0, 400), entry("b", 900, 3, 100)}, 5, 72.0f, 0, false, false, RankBy::Likes,
		   likesOnly);
	rows.advance(0);
	CHECK(rows.order()[1]->shown.bar == Approx(0.25f));
	CHECK(rows.order()[1]->content.coins == 0); // not shown: not kept
	// b sends a gift: nothing shown changes
	CHECK(rows.apply({entry("a", 0, 0, 400), entry("b", 1900, 4, 100)}, 5, 72.0f, 10, true, false, RankBy::Likes,
			 likesOnly)
		  .empty());
	// b sends likes: redone, the bar eases to its new length
	const auto updates = rows.apply({entry("a", 0, 0, 400), entry("b", 1900, 4, 200)}, 5, 72.0f, 20, true, false,
					RankBy::Likes, likesOnly);
	REQUIRE(updates.size() == 1);
	CHECK(updates[0].row->id == "b");
	CHECK(updates[0].row->content.likes == 200);
	rows.advance(20 + kRowMoveMs);
	CHECK(rows.order()[1]->shown.bar == Approx(0.5f));

	// ranked by coins with every amount shown, a like is a change
	Rows all;
	all.apply({entry("b", 900, 3, 100)}, 5, 72.0f, 0, false, false);
	CHECK(all.apply({entry("b", 900, 3, 101)}, 5, 72.0f, 10, true, false).size() == 1);
}
