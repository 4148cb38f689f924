#include <catch2/catch.hpp>

#include "view/gift-emoji.hpp"

using namespace livegifts::view;

TEST_CASE("Known gifts have their emoji, by name with case and spacing ignored", "[emoji]")
{
	CHECK(giftEmoji("Rose") == "\U0001F339");
	CHECK(giftEmoji("rose") == "\U0001F339");
	CHECK(giftEmoji("Finger Heart") == "\U0001FAF0");
	CHECK(giftEmoji("finger-heart") == "\U0001FAF0");
	CHECK(giftEmoji("Sports Car") == "\U0001F3CE\uFE0F");
	CHECK(giftEmoji("TikTok Universe") == "\U0001FA90");
	CHECK(giftEmoji("Doughnut") == giftEmoji("Donut"));
	CHECK(giftEmoji("Heart Me") == "\u2764\uFE0F");
}

TEST_CASE("Any other gift is a wrapped present", "[emoji]")
{
	CHECK(giftEmoji("") == "\U0001F381");
	CHECK(giftEmoji("Mystery Box") == "\U0001F381");
	CHECK(giftEmoji("Roses") == "\U0001F381");
}
