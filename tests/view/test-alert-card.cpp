#include <catch2/catch.hpp>

#include "view/alert-card.hpp"

using namespace livegifts;
using namespace livegifts::view;

namespace {

AlertStyle cardStyle()
{
	AlertStyle style;
	style.width = 640;
	style.height = 160;
	style.font.pixelSize = 36;
	style.textColor = Rgba{255, 255, 255, 255};
	style.secondaryColor = Rgba{230, 225, 240, 255};
	style.background = Rgba{0x17, 0x12, 0x1F, 0xE6};
	style.accents = {Accent{Rgba{254, 44, 85, 255}, Rgba{37, 244, 238, 255}},
			 Accent{Rgba{255, 198, 41, 255}, Rgba{255, 106, 31, 255}},
			 Accent{Rgba{199, 125, 255, 255}, Rgba{255, 61, 206, 255}}};
	style.line1 = "{nickname}";
	style.line2 = "sent {count}x {gift}";
	style.line3 = "{coins} coins";
	style.combo = "x{count}";
	return style;
}

Alert alertOf(const std::string &nickname, int64_t count, int64_t diamonds, int tier)
{
	Alert alert;
	alert.id = 7;
	alert.gift.userId = "ann_1";
	alert.gift.nickname = nickname;
	alert.gift.giftName = "Rose";
	alert.gift.diamondCount = diamonds;
	alert.gift.count = count;
	alert.gift.coins = diamonds * count;
	alert.tier = tier;
	return alert;
}

} // namespace

TEST_CASE("A card with avatar and gift picture: avatar left, gift right, combo over the gift", "[card]")
{
	const CardLayout layout = layOut(cardStyle());
	CHECK(layout.pad == 16);
	CHECK(layout.avatarX == 16);
	CHECK(layout.avatarY == 16);
	CHECK(layout.avatarSize == 128);
	CHECK(layout.giftX == 496);
	CHECK(layout.giftY == 16);
	CHECK(layout.giftSize == 128);
	CHECK(layout.textX == 160);
	CHECK(layout.textW == 320);
	CHECK(layout.comboX == 480);
	CHECK(layout.comboY == 80);
	CHECK(layout.comboW == 152);
	CHECK(layout.comboH == 72);
}

TEST_CASE("A card without pictures gives the text the room and the combo its own box", "[card]")
{
	AlertStyle style = cardStyle();
	style.width = 400;
	style.height = 100;
	style.showAvatars = false;
	style.showGiftImages = false;
	const CardLayout layout = layOut(style);
	CHECK(layout.pad == 10);
	CHECK(layout.avatarSize == 0);
	CHECK(layout.giftSize == 0);
	CHECK(layout.textX == 10);
	CHECK(layout.comboX == 300);
	CHECK(layout.comboY == 10);
	CHECK(layout.comboW == 90);
	CHECK(layout.comboH == 80);
	CHECK(layout.textW == 285);
}

TEST_CASE("Card content: nickname falls back to the user id, folded coins count, tier kept", "[card]")
{
	Alert alert = alertOf("", 3, 5, 2);
	alert.extraCoins = 100;
	alert.coalesced = 4;
	alert.mixed = true; // other viewers' gifts folded in: the count is ann's own
	const CardContent content = contentOf(alert);
	CHECK(content.nickname == "ann_1");
	CHECK(content.count == 3);
	CHECK(content.coins == 115);
	CHECK(content.coalesced == 4);
	CHECK(content.tier == 2);
	CHECK(sameShown(alert, content));
	alert.gift.count = 4;
	CHECK_FALSE(sameShown(alert, content));
	alert.gift.count = 3;
	alert.tier = 1;
	CHECK_FALSE(sameShown(alert, content));
}

TEST_CASE("What a card redoes: pictures on a new user or gift, pixels on a new tier, a pulse on a growing count",
	  "[card]")
{
	const CardContent none;
	const CardContent shown = contentOf(alertOf("Ann", 3, 1, 0));

	// The first card: everything.
	CHECK(cardChanges(none, shown, true, false) == CardChanges{true, true, true, false});
	// The same alert, the count grows: only the texts change (the caller compares them) and the combo pulses.
	CardContent grown = shown;
	grown.count = 4;
	grown.coins = 4;
	CHECK(cardChanges(shown, grown, false, false) == CardChanges{false, false, false, true});
	// Another alert with a bigger count does not pulse.
	CHECK_FALSE(cardChanges(shown, grown, true, false).pulse);
	// Reaching a tier redoes the card's pixels (accents) but not the pictures.
	CardContent tiered = grown;
	tiered.tier = 1;
	CHECK(cardChanges(grown, tiered, false, false) == CardChanges{false, true, false, false});
	// Another user or gift: follow the pictures again.
	CardContent other = shown;
	other.userId = "bob";
	other.nickname = "Bob";
	CHECK(cardChanges(shown, other, true, false).pictures);
	CardContent otherGift = shown;
	otherGift.giftImageUrl = "https://example.invalid/lion.webp";
	CHECK(cardChanges(shown, otherGift, true, false).pictures);
	// A new look redoes everything.
	CHECK(cardChanges(shown, shown, false, true) == CardChanges{true, true, true, false});
	CHECK(cardChanges(shown, shown, false, false) == CardChanges{});
}

TEST_CASE("Card text: three lines in rows, the third in the tier's accent; the combo right-aligned", "[card]")
{
	const AlertStyle style = cardStyle();
	const CardLayout layout = layOut(style);
	const CardContent content = contentOf(alertOf("Ann", 1234, 2, 1));
	const std::vector<TextItem> texts = textItems(style, layout, content);
	REQUIRE(texts.size() == 3);
	CHECK(texts[0].text == "\u2068Ann\u2069");
	CHECK(texts[0].y == 16);
	CHECK(texts[0].height == 51);
	CHECK(texts[0].font.pixelSize == 36);
	CHECK(texts[1].text == "sent \u20681,234\u2069x \u2068Rose\u2069");
	CHECK(texts[1].y == 67);
	CHECK(texts[1].height == 38);
	CHECK(texts[1].font.pixelSize == 27);
	CHECK(texts[1].color == style.secondaryColor);
	CHECK(texts[2].text == "\u20682,468\u2069 coins");
	CHECK(texts[2].y == 105);
	CHECK(texts[2].color == style.accents[1].start);
	for (const TextItem &item : texts) {
		CHECK(item.x == 160);
		CHECK(item.width == 320);
	}

	const TextItem combo = comboItem(style, layout, content);
	CHECK(combo.text == "x1,234"); // no isolates: the combo is never mixed with user text
	CHECK(combo.align == HAlign::Right);
	CHECK(combo.font.pixelSize == 43);
	CHECK(combo.font.italic);
	CHECK(combo.x == 480);
	CHECK(combo.width == 152);
}

TEST_CASE("Tier colours: an unknown tier level falls back to the default look", "[card]")
{
	const AlertStyle style = cardStyle();
	CHECK(accentOf(style, 0) == style.accents[0]);
	CHECK(accentOf(style, 2) == style.accents[2]);
	CHECK(accentOf(style, 3) == style.accents[0]);
	CHECK(accentOf(style, -1) == style.accents[0]);
	const Rgba tint = cardTint(style, 1);
	CHECK(tint.a == style.background.a);
	CHECK(tint == Rgba{88, 43, 31, 0xE6}); // 28 % of the way to the tier's end colour
}

TEST_CASE("A test alert is worth the minimum and is its own alert each time", "[card]")
{
	const GiftActivity first = testGift(41, 1, "Test", 250);
	const GiftActivity second = testGift(41, 2, "Test", 0);
	CHECK(first.coins == 250);
	CHECK(first.count == 1);
	CHECK(first.giftName == "Rose");
	CHECK(first.seq == 41);
	CHECK(second.coins == 1); // never worth nothing
	CHECK(first.streakKey != second.streakKey);

	ManualClock clock;
	AlertQueueOptions options;
	options.minCoins = 250;
	AlertQueue queue(options, &clock);
	queue.push(first);
	CHECK(queue.queued() == 1);
}

TEST_CASE("A battle's result card: your side's words and both sides' points", "[card]")
{
	AlertStyle style = cardStyle();
	style.battleResults = {"We won!", "We lost", "A draw"};
	CardLook &look = style.events[static_cast<size_t>(eventIndex(ActivityKind::BattleResult))];
	look.line1 = "{result}";
	look.line2 = "{points} : {opponent_points}";
	look.line3 = "";
	Alert alert;
	alert.id = 9;
	alert.gift.kind = ActivityKind::BattleResult;
	alert.gift.battle.ended = true;
	alert.gift.battle.teams = {{"host", 1200}, {"rival", 3400}};
	alert.gift.battle.winnerHostId = "rival";

	CardContent content = contentOf(alert, style);
	CHECK_FALSE(showsGift(content));
	CHECK(content.battleOutcome == BattleOutcome::Lose); // no side named: the side listed first
	CHECK(content.battleResult == "We lost");
	CHECK(content.battlePoints == 1200);
	CHECK(content.battleOpponent == 3400);
	auto items = textItems(style, layOut(style, false), content);
	REQUIRE(items.size() >= 2);
	CHECK(items[0].text == "\u2068We lost\u2069");
	CHECK(items[1].text == "\u20681,200\u2069 : \u20683,400\u2069");

	style.battleSide = "rival";
	content = contentOf(alert, style);
	CHECK(content.battleResult == "We won!");
	CHECK(textItems(style, layOut(style, false), content)[1].text == "\u20683,400\u2069 : \u20681,200\u2069");

	alert.gift.battle.winnerHostId.clear();
	CHECK(contentOf(alert, style).battleResult == "A draw");

	// no side set: the host the gifts taught (the engine names its team), before the side listed first
	alert.gift.battle.winnerHostId = "rival";
	alert.gift.battleHostSide = "rival";
	style.battleSide.clear();
	CHECK(contentOf(alert, style).battleResult == "We won!");
	style.battleSide = "host"; // a side set wins
	CHECK(contentOf(alert, style).battleResult == "We lost");
}

TEST_CASE("Card content: {recipient} names the guest a gift is for, nothing for the host's", "[card]")
{
	Alert alert = alertOf("Ann", 1, 5, 0);
	CHECK(contentOf(alert).recipient.empty());
	alert.gift.recipient = RecipientKind::Guest;
	alert.gift.recipientId = "900";
	CHECK(contentOf(alert).recipient == "900");
	alert.gift.recipientNickname = "Nine";
	CHECK(contentOf(alert).recipient == "Nine");
	alert.gift.recipientUniqueId = "nine";
	const CardContent content = contentOf(alert);
	CHECK(content.recipient == "@nine");
	const TemplateVars vars = varsOf(content);
	const std::string *value = vars.find("recipient");
	REQUIRE(value != nullptr);
	CHECK(*value == "@nine");
}
