// Gift rules: matching, their look on the card, the gift picker's choices; the card of other kinds.
#include <catch2/catch.hpp>

#include "view/alert-card.hpp"
#include "view/alert-queue.hpp"
#include "view/gift-rules.hpp"

#include <fstream>
#include <sstream>

using namespace livegifts;
using namespace livegifts::view;

namespace {

GiftActivity giftOf(std::uint64_t seq, std::int64_t giftId, std::int64_t diamonds, std::int64_t count = 1)
{
	GiftActivity a;
	a.seq = seq;
	a.streakKey = "k" + std::to_string(seq);
	a.userId = "ann";
	a.nickname = "Ann";
	a.giftId = giftId;
	a.giftName = "G" + std::to_string(giftId);
	a.giftImageUrl = "https://p/" + std::to_string(giftId) + ".png";
	a.diamondCount = diamonds;
	a.count = count;
	a.coins = diamonds * count;
	return a;
}

GiftRule byGift(std::int64_t giftId)
{
	GiftRule rule;
	rule.enabled = true;
	rule.giftId = giftId;
	return rule;
}

GiftRule byCoins(std::int64_t min, std::int64_t max)
{
	GiftRule rule;
	rule.enabled = true;
	rule.minCoins = min;
	rule.maxCoins = max;
	return rule;
}

AlertStyle styleWithLooks()
{
	AlertStyle style;
	style.line1 = "{nickname}";
	style.line2 = "sent {count}x {gift}";
	style.line3 = "{coins} coins";
	style.combo = "x{count}";
	style.accents[0] = Accent{Rgba{1, 1, 1, 255}, Rgba{2, 2, 2, 255}};
	style.events[static_cast<std::size_t>(eventIndex(ActivityKind::Follow))] =
	    CardLook{"{nickname}", "followed you", "", Accent{Rgba{9, 9, 9, 255}, Rgba{8, 8, 8, 255}}, ""};
	style.events[static_cast<std::size_t>(eventIndex(ActivityKind::Like))] =
	    CardLook{"{likes} likes!", "{nickname} got us there", "{total} in all", Accent{}, ""};
	style.rules = {CardLook{"", "THE LION from {nickname}", "", Accent{Rgba{7, 7, 7, 255}, Rgba{6, 6, 6, 255}},
				"/home/me/lion.png"},
		       CardLook{"Big one!", "", "", Accent{Rgba{5, 5, 5, 255}, Rgba{4, 4, 4, 255}}, ""}};
	return style;
}

} // namespace

TEST_CASE("Gift rules: the first enabled match wins; by gift or by a coin range", "[rules]")
{
	std::vector<GiftRule> rules{byGift(6369), byCoins(100, 999), byCoins(1000, 0)};
	CHECK(ruleFor(rules, 6369, 29999) == 0);
	CHECK(ruleFor(rules, 5655, 1) == -1);
	CHECK(ruleFor(rules, 5655, 100) == 1);
	CHECK(ruleFor(rules, 5655, 999) == 1);
	CHECK(ruleFor(rules, 11046, 1000) == 2);
	CHECK(ruleFor(rules, 7168, 34999) == 2);
	rules[0].enabled = false;
	CHECK(ruleFor(rules, 6369, 29999) == 2);
	CHECK(ruleFor({}, 6369, 29999) == -1);
}

TEST_CASE("Gift rules: a matching alert takes the rule's duration and sound; a named gift below the minimum shows",
	  "[rules]")
{
	ManualClock clock(0);
	AlertQueueOptions o;
	o.durationMs = 3000;
	o.minCoins = 10;
	o.tiers = {AlertTier{1000, 2, 9000}};
	GiftRule rose = byGift(5655);
	rose.durationMs = 6500;
	rose.sound = SoundSpec{"/s/rose.ogg", 0.8f};
	GiftRule big = byCoins(20000, 0);
	o.rules = {rose, big};
	AlertQueue q(o, &clock);
	q.push(giftOf(1, 5655, 1));     // below the minimum, named by a rule
	q.push(giftOf(2, 5269, 1));     // below the minimum, no rule: not shown
	q.push(giftOf(3, 6369, 29999)); // by coins: the tier's duration stays (the rule sets none)
	q.push(giftOf(4, 5879, 30));    // no rule
	REQUIRE(q.queued() == 3);
	CHECK(q.queue()[0].rule == 0);
	CHECK(q.queue()[0].durationMs == 6500);
	CHECK(q.queue()[0].sound == SoundSpec{"/s/rose.ogg", 0.8f});
	CHECK(q.queue()[1].rule == 1);
	CHECK(q.queue()[1].tier == 2);
	CHECK(q.queue()[1].durationMs == 9000);
	CHECK(q.queue()[1].sound.empty());
	CHECK(q.queue()[2].rule == -1);
	CHECK(q.queue()[2].durationMs == 3000);
}

TEST_CASE("Gift rules: the card takes the rule's lines (empty: the source's), accent and picture", "[rules]")
{
	const AlertStyle style = styleWithLooks();
	Alert alert;
	alert.id = 1;
	alert.gift = giftOf(1, 6369, 29999);
	alert.rule = 0;
	const CardContent content = contentOf(alert, style);
	CHECK(showsGift(content));
	CHECK(giftPicture(content) == "/home/me/lion.png");
	CHECK(accentFor(style, content) == style.rules[0].accent);
	const auto texts = textItems(style, layOut(style, true), content);
	REQUIRE(texts.size() == 3);
	CHECK(texts[0].text.find("Ann") != std::string::npos);
	CHECK(texts[1].text.find("THE LION from") == 0);
	CHECK(texts[2].text == "\u206829,999\u2069 coins");
	CHECK(texts[2].color == style.rules[0].accent.start);

	alert.rule = 1;
	const CardContent second = contentOf(alert, style);
	CHECK(giftPicture(second) == "https://p/6369.png"); // no picture of its own
	CHECK(textItems(style, layOut(style, true), second)[0].text == "Big one!");
	const CardChanges changes = cardChanges(content, second, false, false);
	CHECK(changes.card);
	CHECK(changes.pictures);

	alert.rule = -1;
	const CardContent plain = contentOf(alert, style);
	CHECK(accentFor(style, plain) == style.accents[0]);
	CHECK(textItems(style, layOut(style, true), plain)[1].text.find("sent \u20681\u2069x") == 0);
}

TEST_CASE("Other kinds: the card shows the avatar and the kind's text, no gift picture and no combo", "[rules]")
{
	const AlertStyle style = styleWithLooks();
	Alert alert;
	alert.id = 2;
	alert.gift.kind = ActivityKind::Follow;
	alert.gift.userId = "bob";
	alert.gift.nickname = "Bob";
	alert.gift.count = 1;
	alert.rule = 0; // never taken by a non-gift
	const CardContent content = contentOf(alert, style);
	CHECK_FALSE(showsGift(content));
	CHECK(content.rule == -1);
	const CardLayout withGift = layOut(style, true);
	const CardLayout layout = layOut(style, false);
	CHECK(layout.giftSize == 0);
	CHECK(layout.comboW == 0);
	CHECK(layout.avatarSize == withGift.avatarSize);
	CHECK(layout.textW > withGift.textW);
	const auto texts = textItems(style, layout, content);
	CHECK(texts[0].text.find("Bob") != std::string::npos);
	CHECK(texts[1].text == "followed you");
	CHECK(texts[2].text.empty()); // a kind's empty line stays empty
	CHECK(texts[2].color == style.events[0].accent.start);
	CHECK(comboItem(style, layout, content).text.empty());

	Alert likes;
	likes.id = 3;
	likes.gift.kind = ActivityKind::Like;
	likes.gift.nickname = "Cy";
	likes.gift.likeTotal = 10040;
	likes.milestone = 10000;
	const auto likeTexts = textItems(style, layOut(style, false), contentOf(likes, style));
	CHECK(likeTexts[0].text == "\u206810,000\u2069 likes!");
	CHECK(likeTexts[2].text == "\u206810,040\u2069 in all");
}

TEST_CASE("Gift picker: the bundled catalogue and the gifts seen, one per id, cheapest first", "[rules]")
{
	std::ifstream in(std::string(LIVE_GIFTS_DATA_DIR) + "/gifts/catalogue.json");
	REQUIRE(in);
	std::stringstream text;
	text << in.rdbuf();
	std::string error;
	const auto catalogue = parseGiftCatalogue(text.str(), &error);
	CHECK(error.empty());
	REQUIRE(catalogue.size() >= 10);
	for (const auto &gift : catalogue) {
		CHECK(gift.giftId > 0);
		CHECK_FALSE(gift.name.empty());
		CHECK(gift.coins > 0);
	}
	GiftTotal rose;
	rose.giftId = 5655;
	rose.name = "Rose";
	rose.imageUrl = "https://p/rose.png";
	rose.diamondCount = 1;
	GiftTotal unknown;
	unknown.giftId = 999001;
	unknown.diamondCount = 77;
	const auto choices = giftChoices(catalogue, {rose, unknown});
	CHECK(choices.size() == catalogue.size() + 1);
	for (std::size_t i = 1; i < choices.size(); ++i) {
		CHECK(choices[i - 1].coins <= choices[i].coins);
	}
	const auto found =
	    std::find_if(choices.begin(), choices.end(), [](const GiftChoice &c) { return c.giftId == 5655; });
	REQUIRE(found != choices.end());
	CHECK(found->seen);
	CHECK(found->imageUrl == "https://p/rose.png");
	const auto other =
	    std::find_if(choices.begin(), choices.end(), [](const GiftChoice &c) { return c.giftId == 999001; });
	REQUIRE(other != choices.end());
	CHECK(other->name == "#999001");
	CHECK(choiceLabel(*found, "coin", "coins") == "Rose \u00b7 1 coin");
	GiftChoice lion{6369, "Lion", 29999, "", false};
	CHECK(choiceLabel(lion, "coin", "coins") == "Lion \u00b7 29,999 coins");

	CHECK(parseGiftCatalogue("not json", &error).empty());
	CHECK_FALSE(error.empty());
	CHECK(parseGiftCatalogue(R"({"gifts":[{"id":1},{"name":"x"},{"id":2,"name":"Two","coins":3}]})").size() == 1);
}

TEST_CASE("Gift rules: a rule's sound may be the tier's, silence, or its own", "[rules]")
{
	ManualClock clock(0);
	AlertQueueOptions o;
	o.durationMs = 3000;
	o.sound = SoundSpec{"/s/chime.wav", 0.8f};
	GiftRule asTier = byGift(5655); // no sound of its own
	GiftRule silent = byGift(5269);
	silent.sound = SoundSpec{}; // "None" chosen: this gift alerts without a sound
	GiftRule own = byGift(6369);
	own.sound = SoundSpec{"/s/lion.ogg", 1.0f};
	o.rules = {asTier, silent, own};
	AlertQueue q(o, &clock);
	q.push(giftOf(1, 5655, 1));
	q.push(giftOf(2, 5269, 1));
	q.push(giftOf(3, 6369, 29999));
	REQUIRE(q.queued() == 3);
	CHECK(q.queue()[0].sound == SoundSpec{"/s/chime.wav", 0.8f});
	CHECK(q.queue()[1].sound.empty());
	CHECK(q.queue()[2].sound == SoundSpec{"/s/lion.ogg", 1.0f});
}
