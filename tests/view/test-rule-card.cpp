// A show rule's own alert card: queued on a Gift Alerts queue like any alert (it waits for the one on
// screen, paused means paused, the cap folds it), shown whatever the minimum, its line a template.
#include <catch2/catch.hpp>

#include "core/clock.hpp"
#include "view/alert-card.hpp"
#include "view/alert-queue.hpp"

using namespace livegifts;
using namespace livegifts::view;

namespace {

GiftActivity giftOf(std::uint64_t seq, const std::string &user, std::int64_t coins)
{
	GiftActivity a;
	a.seq = seq;
	a.streakKey = "k" + std::to_string(seq);
	a.userId = user;
	a.nickname = user;
	a.giftId = 5655;
	a.giftName = "Rose";
	a.diamondCount = coins;
	a.count = 1;
	a.coins = coins;
	return a;
}

AlertQueueOptions options()
{
	AlertQueueOptions o;
	o.durationMs = 3000;
	o.introMs = 500;
	o.outroMs = 500;
	o.maxQueued = 4;
	o.minCoins = 100;
	o.mergeBelowCoins = 100;
	o.maxWaitMs = 0;
	o.sound.path = "coin.wav";
	return o;
}

} // namespace

TEST_CASE("rule card: waits for the alert on screen, then shows its own line", "[card]")
{
	ManualClock clock(1000);
	AlertQueue queue(options(), &clock);
	queue.push(giftOf(1, "bob", 500));
	queue.update();
	REQUIRE(queue.current() != nullptr);
	queue.pushCustom(giftOf(0, "Ann", 5), "{nickname} sent a {gift}!");
	queue.update();
	CHECK(queue.current()->gift.userId == "bob"); // never over the alert on screen
	CHECK(queue.queued() == 1);
	clock.advance(3000);
	queue.update();
	REQUIRE(queue.current() != nullptr);
	const Alert &card = *queue.current();
	CHECK(card.custom == "{nickname} sent a {gift}!");
	CHECK(card.rule == -1);
	CHECK(card.durationMs == 3000);
	CHECK(card.sound == options().sound);
	CHECK(card.gift.streakKey.rfind("rule-card:", 0) == 0);
	CHECK(queue.lastSeq() == 1); // the engine's activity goes on where it was

	AlertStyle style;
	style.line1 = "{nickname}";
	style.line2 = "sent {gift}";
	style.line3 = "{coins} coins";
	const CardContent content = contentOf(card, style);
	CHECK_FALSE(showsGift(content));
	const std::vector<TextItem> texts = textItems(style, layOut(style, showsGift(content)), content);
	REQUIRE(texts.size() == 3);
	CHECK(texts[0].text == "\u2068Ann\u2069 sent a \u2068Rose\u2069!");
	CHECK(texts[1].text.empty());
	CHECK(texts[2].text.empty());
	CHECK(comboItem(style, layOut(style), content).text.empty());

	CardContent lines = content;
	lines.custom = "{nickname} | THE ROSE | {coins} coins";
	const std::vector<TextItem> three = textItems(style, layOut(style, false), lines);
	CHECK(three[0].text == "\u2068Ann\u2069");
	CHECK(three[1].text == "THE ROSE");
	CHECK(three[2].text == "\u20685\u2069 coins");
}

TEST_CASE("rule card: its text splits into three lines at the first two bars", "[card]")
{
	using Lines = std::array<std::string, 3>;
	CHECK(customLines("one") == Lines{"one", "", ""});
	CHECK(customLines(" a |b|  c ") == Lines{"a", "b", "c"});
	CHECK(customLines("a|b|c|d") == Lines{"a", "b", "c|d"});
	CHECK(customLines("|b") == Lines{"", "b", ""});
}

TEST_CASE("rule card: shown below the minimum, never merged with a sender's small gifts", "[card]")
{
	ManualClock clock(0);
	AlertQueueOptions o = options();
	o.mergeBelowCoins = 300; // gifts under 300 coins merge into their sender's waiting one
	AlertQueue queue(o, &clock);
	queue.push(giftOf(1, "bob", 500)); // on screen
	queue.update();
	queue.pushCustom(giftOf(0, "ann", 1), "thanks {nickname}"); // 1 coin: below the minimum
	queue.push(giftOf(2, "ann", 200));                          // small gifts of the same sender
	queue.push(giftOf(3, "ann", 150));
	REQUIRE(queue.queued() == 2);
	CHECK(queue.queue().at(0).custom == "thanks {nickname}");
	CHECK(queue.queue().at(0).coalesced == 0);
	CHECK(queue.queue().at(0).gift.coins == 1);
	CHECK(queue.queue().at(1).coalesced == 1); // the small gifts merged together
}

TEST_CASE("rule card: a paused queue holds it; a full queue folds it like any alert", "[card]")
{
	ManualClock clock(0);
	AlertQueue queue(options(), &clock);
	queue.setPaused(true);
	queue.pushCustom(giftOf(0, "ann", 0), "hello");
	queue.update();
	CHECK(queue.current() == nullptr);
	CHECK(queue.queued() == 1);
	for (std::uint64_t seq = 1; seq <= 3; ++seq) {
		queue.push(giftOf(seq, "u" + std::to_string(seq), 1000));
	}
	CHECK(queue.queued() == 4);
	queue.pushCustom(giftOf(0, "ann", 0), "again");
	CHECK(queue.queued() == 4); // the cap: folded, as a gift would be
	CHECK(queue.coalescedTotal() == 1);
	queue.setPaused(false);
	queue.update();
	REQUIRE(queue.current() != nullptr);
	CHECK(queue.current()->custom == "hello"); // first come, first shown
}

TEST_CASE("rule card: a card for a gift to a guest shows (the rule chose it) and names the guest", "[card]")
{
	ManualClock clock(0);
	AlertQueue queue(options(), &clock); // showGuestGifts off: the guest's gifts themselves are not alerted
	GiftActivity toGuest = giftOf(0, "ann", 500);
	toGuest.recipient = RecipientKind::Guest;
	toGuest.recipientNickname = "@mei";
	queue.pushCustom(toGuest, "{nickname} | a {gift} for {recipient}");
	queue.update();
	REQUIRE(queue.current() != nullptr);
	AlertStyle style;
	const CardContent content = contentOf(*queue.current(), style);
	CHECK(textItems(style, layOut(style, false), content)[1].text == "a \u2068Rose\u2069 for \u2068@mei\u2069");
}
