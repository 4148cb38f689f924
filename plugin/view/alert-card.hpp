#pragma once

// What a gift alert card shows and where: a round avatar, the gift's picture (or an emoji standing in for
// it), three template lines and a combo count, coloured by the alert's value tier.

#include "view/alert-motion.hpp"
#include "view/alert-queue.hpp"
#include "view/draw-types.hpp"
#include "view/plural.hpp"
#include "view/event-alerts.hpp"
#include "view/template.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace livegifts::view {

constexpr int kAlertTierCount = 2; // tiers a streamer can set (levels 1 and 2)

struct Accent {
	Rgba start;
	Rgba end;
	bool operator==(const Accent &) const = default;
};

// The look of an alert that is not a plain gift: a follow's, share's, subscriber's or like milestone's
// (all three lines their own), or a gift rule's (an empty line takes the source's line).
struct CardLook {
	std::string line1;
	std::string line2;
	std::string line3;
	Accent accent;
	std::string picture; // gift rules: an image file or URL shown instead of the gift's picture
	bool operator==(const CardLook &) const = default;
};

// The card's look (from the source's settings).
struct AlertStyle {
	int width = 640;
	int height = 160;
	FontSpec font;
	Rgba textColor;
	Rgba secondaryColor;
	Rgba background;
	float radius = 24.0f;
	std::array<Accent, kAlertTierCount + 1> accents; // the default look, then tier 1, tier 2
	std::string line1;
	std::string line2;
	std::string line3;
	std::string combo;
	bool showAvatars = true;
	bool showGiftImages = true;
	Motion in = Motion::Slide;
	Motion out = Motion::Fade;
	Wording words; // numbers and nouns in the locale's words
	TextEffects effects;
	std::array<CardLook, kEventKindCount> events{}; // by eventIndex (view/event-alerts.hpp)
	std::vector<CardLook> rules;                    // by gift rule index
	// Battle results: your side (its host's numeric id; empty: the side listed first) and the words of
	// {result} for a win, a loss and a draw.
	std::string battleSide;
	std::array<std::string, 3> battleResults{"Victory!", "Defeat", "Draw"};
};

// The accent of a tier level (out of range: the default look).
const Accent &accentOf(const AlertStyle &style, int tier);
// The card's background gradient end: the background tinted towards the tier's accent, as see-through as
// the background.
Rgba cardTint(const AlertStyle &style, int tier);

// The accent of `accent`'s look: the background tinted towards it.
Rgba cardTint(const AlertStyle &style, const Accent &accent);

// The card's plate, under everything else on it: its background (the background to its tint) and the accent
// strip along its bottom. What the card's pixels start from, and what shows while they are being painted.
std::array<PlateBox, 2> cardPlate(const AlertStyle &style, const Accent &accent);

// Where the parts of a card are, in source coordinates (from the style only). A size of 0: not shown.
struct CardLayout {
	int pad = 16;
	int avatarX = 0, avatarY = 0, avatarSize = 0;
	int giftX = 0, giftY = 0, giftSize = 0;
	int textX = 0, textW = 0;
	int comboX = 0, comboY = 0, comboW = 0, comboH = 0;
	bool operator==(const CardLayout &) const = default;
};

CardLayout layOut(const AlertStyle &style);
// The same for one alert: an alert that is not a gift has no gift picture and no combo (the text takes
// the room).
CardLayout layOut(const AlertStyle &style, bool withGift);

// What a card shows. Compared field by field so nothing is re-rasterised unless it changed.
struct CardContent {
	uint64_t alertId = 0;
	std::string nickname; // the user id when the nickname is empty
	// A gift to a guest: "@handle" (else the guest's name, else id); empty for the host's gifts
	std::string recipient;
	std::string userId;
	std::string avatarUrl;
	std::string giftName;
	std::string giftImageUrl;
	int64_t count = 0;
	int64_t coins = 0; // of the gift and of the alerts folded into it
	int64_t diamonds = 0;
	int64_t coalesced = 0;
	int tier = 0;
	ActivityKind kind = ActivityKind::Gift;
	int rule = -1;           // the gift rule whose look it takes, -1: none
	int64_t milestone = 0;   // likes: the milestone reached
	int64_t likeTotal = 0;   // likes: the room's total
	std::string rulePicture; // the rule's picture (file or URL), shown instead of the gift's
	// A battle's result: how it went for your side, its words, the points of both sides.
	BattleOutcome battleOutcome = BattleOutcome::Running;
	std::string battleResult;
	int64_t battlePoints = 0;
	int64_t battleOpponent = 0;
	// A show rule's card: its lines (customLines), shown instead of the source's; no gift picture, no combo.
	std::string custom;
	bool operator==(const CardContent &) const = default;
};

// The count a card shows: its gift's, or the sum of one viewer's gifts of one kind merged into it.
std::int64_t shownCount(const Alert &alert);
CardContent contentOf(const Alert &alert);
// The same with the look's parts that the style gives (a gift rule's picture, a battle's side and words).
CardContent contentOf(const Alert &alert, const AlertStyle &style);
// A show rule's card text as its three lines: "first | second | third" (split at the first two '|', spaces
// around them dropped); a text without '|' is the first line alone.
std::array<std::string, 3> customLines(const std::string &text);
// True when the card shows a gift (picture and combo): gift alerts only (a show rule's card not).
bool showsGift(const CardContent &content);
// The picture in the gift's place: the rule's picture, else the gift's.
const std::string &giftPicture(const CardContent &content);
// The addresses of the pictures a card with this style shows (empty: none): the sender's avatar, and the
// picture in the gift's place, which may name a file on this computer when it is a rule's
// (giftPictureIsLocal).
std::string avatarShown(const AlertStyle &style, const CardContent &content);
std::string giftPictureShown(const AlertStyle &style, const CardContent &content);
bool giftPictureIsLocal(const CardContent &content);
// The look that replaces the source's own lines and accent (a kind's or a rule's), or null.
const CardLook *lookOf(const AlertStyle &style, const CardContent &content);
// The accent a card shows: its look's, else its tier's.
Accent accentFor(const AlertStyle &style, const CardContent &content);
// True when the alert would show what `content` shows in its text (same alert, count, coins, folded
// alerts and tier): nothing to redo.
bool sameShown(const Alert &alert, const CardContent &content);

// What a source must redo when its card goes from showing `shown` to `next`. newAlert: `next` is another
// alert than the one shown; restyled: the look changed since.
struct CardChanges {
	bool pictures = false; // follow the avatar and gift pictures again
	bool card = false;     // make the card's pixels again (also needed when its texts differ)
	bool combo = false;    // make the combo count's pixels again (also needed when its text differs)
	bool pulse = false;    // the count grew on the same alert: the combo pulses
	bool operator==(const CardChanges &) const = default;
};
CardChanges cardChanges(const CardContent &shown, const CardContent &next, bool newAlert, bool restyled);

// The template values of a card: {nickname} {user} {gift} {count} {coins} {diamonds} {others}, the
// numbers with their noun: {count_text} ("1 gift"), {coins_text} ("1 coin"), {diamonds_text}, {others_text},
// for like milestones {likes} (the milestone) and {total} (the room's likes), for a battle's result {result}
// (the style's word for a win, a loss or a draw), {points} (your side's) and {opponent_points}.
TemplateVars varsOf(const CardContent &content, const Wording &words = {});

// The card's three lines of text (line 3 in the tier's accent colour).
std::vector<TextItem> textItems(const AlertStyle &style, const CardLayout &layout, const CardContent &content);
// The combo count, right-aligned in its box (a sprite of its own: it pulses).
TextItem comboItem(const AlertStyle &style, const CardLayout &layout, const CardContent &content);

// The gift a Test button shows: a Rose from `nickname`, worth the minimum (so a test shows whatever the
// minimum is); number makes each test its own alert.
GiftActivity testGift(uint64_t seq, int number, std::string nickname, int64_t minCoins);

} // namespace livegifts::view
