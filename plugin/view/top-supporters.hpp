#pragma once

// What the Top Supporters list shows and where: a title, then one row per supporter (rank, round avatar,
// nickname, the amount ranked by (coins, gifts or likes sent), a bar proportional to the leader's amount).

#include "core/snapshot.hpp"
#include "view/draw-types.hpp"
#include "view/plural.hpp"
#include "view/template.hpp"
#include "view/text-fit.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace livegifts::view {

constexpr int kMaxSupporterRows = 50;

// The list's look (from the source's settings).
struct TopStyle {
	int width = 560;
	int rowHeight = 64;
	int rowGap = 8;
	int count = 5; // rows shown at most
	SupporterScope scope = SupporterScope::Stream;
	RankBy rankBy = RankBy::Coins;
	std::string title;
	// The text right of each name (amountVars): {amount} / {amount_text} (what the list is ranked by),
	// {coins} {coins_text} {gifts} {gifts_text} {likes} {likes_text}.
	std::string coinsFormat;
	FontSpec font;
	Rgba textColor;
	Rgba coinsColor;
	Rgba rowColor;
	Rgba trackColor;
	BarStyle bar;
	std::array<Rgba, 3> medals; // rank colours of the first three
	float radius = 14.0f;
	bool showAvatars = true;
	bool showBars = true;
	Wording words; // numbers and nouns in the locale's words
	TextEffects effects;
};

// Where the parts of a row are, in row coordinates, and where the rows start. A size of 0: not shown.
struct RowLayout {
	int headerHeight = 0; // the title's band, gap included (0 without a title)
	int pitch = 72;       // row height + gap
	int pad = 8;
	int rankX = 0, rankW = 0;
	int avatarX = 0, avatarY = 0, avatarSize = 0;
	int nameX = 0, nameW = 0;
	int coinsX = 0, coinsW = 0;
	int textY = 0, textH = 0;
	int barX = 0, barY = 0, barW = 0, barH = 0;
	bool operator==(const RowLayout &) const = default;
};

RowLayout layOut(const TopStyle &style);
// The source's height: the title band and `count` rows.
int listHeight(const TopStyle &style, const RowLayout &layout);

// What a row shows (its pixels depend on nothing else).
struct RowContent {
	size_t rank = 0; // 1 = first
	std::string nickname;
	std::string avatarUrl;
	int64_t coins = 0;
	int64_t gifts = 0;
	int64_t likes = 0; // sent
	bool operator==(const RowContent &) const = default;
};

// Which amounts a row shows (its bar, its text): the others are left out of RowContent, so a like sent
// by someone in a list ranked by coins that shows no likes makes no new pixels.
struct RowAmounts {
	bool coins = true;
	bool gifts = true;
	bool likes = true;
	bool operator==(const RowAmounts &) const = default;
};
RowAmounts amountsShown(const TopStyle &style);

// What the row of `entry` at `rank` (1 = first) shows, with only the `amounts` shown (the source's rows and
// the rows painted at hand-over make it alike).
RowContent rowContentOf(const SupporterEntry &entry, size_t rank, RowAmounts amounts);

// A row's text variables: {coins} ("46,810"), {coins_text} ("1 coin", "46,810 coins"), {gifts},
// {gifts_text} ("3 gifts"), {likes}, {likes_text} ("1 like"), and {amount} / {amount_text}: the one of
// them the list is ranked by.
// compact: the numbers as Wording::compact gives them ("3B").
TemplateVars amountVars(const Wording &words, RankBy by, const RowContent &content, bool compact = false);

// Rank (medal colours for the first three), nickname and coins of a row, in row coordinates.
std::vector<TextItem> rowTexts(const TopStyle &style, const RowLayout &layout, const RowContent &content);
// rowTexts' texts with the amount (the last) given the room its text needs, as `measure` gives it, when its box
// is narrower: the amount's box grows to the left and the name's shrinks (its end elided), down to a third of
// the room the two share; past that the amount's font is made smaller (fitRightText); then it is shown in its
// shorter form ("3B coins"); then with the whole row beside the rank (fitWhole). An amount is cut only past
// that ("200,004 coi…" read as another number).
void fitAmount(std::vector<TextItem> &texts, const MeasureText &measure);
// The title over the rows, in source coordinates.
TextItem titleItem(const TopStyle &style, const RowLayout &layout);

// A bar's length (0..1): an amount (coins, gifts or likes) relative to the leader's.
float barFraction(int64_t coins, int64_t leaderCoins);

// How far right a row climbing past others is drawn, by its lift (0..1).
float liftOffset(const RowLayout &layout, float lift);

} // namespace livegifts::view
