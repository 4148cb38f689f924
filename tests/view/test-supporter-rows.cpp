#include <catch2/catch.hpp>

#include "view/placeholder-color.hpp"
#include "view/supporter-rows.hpp"
#include "view/text-fit.hpp"

#include <cmath>
#include <set>
#include <tuple>

using namespace livegifts;
using namespace livegifts::view;

namespace {

SupporterEntry entry(const std::string &id, int64_t coins, const std::string &nickname = {})
{
	SupporterEntry e;
	e.id = id;
	e.nickname = nickname;
	e.coins = coins;
	e.avatarUrl = "https://example.invalid/" + id + ".webp";
	return e;
}

using Rows = SupporterRows<int>;

const Rows::Row *find(const Rows &rows, const std::string &id)
{
	for (const auto &row : rows.rows()) {
		if (row->id == id) {
			return row.get();
		}
	}
	return nullptr;
}

std::vector<std::string> idsOf(const std::vector<RowUpdate<int>> &updates)
{
	std::vector<std::string> ids;
	for (const auto &update : updates) {
		ids.push_back(update.row->id);
	}
	return ids;
}

constexpr float kPitch = 72.0f;

// Every text `width` pixels wide.
MeasureText widthOf(int width)
{
	return [width](const TextItem &) { return width; };
}

} // namespace

TEST_CASE("Top Supporters row layout", "[rows]")
{
	TopStyle style;
	style.title = "Top gifters";
	const RowLayout layout = layOut(style);
	CHECK(layout.pad == 8);
	CHECK(layout.pitch == 72);
	CHECK(layout.headerHeight == 56);
	CHECK(layout.rankX == 4);
	CHECK(layout.rankW == 48);
	CHECK(layout.avatarX == 52);
	CHECK(layout.avatarY == 8);
	CHECK(layout.avatarSize == 48);
	CHECK(layout.nameX == 108);
	CHECK(layout.nameW == 295);
	CHECK(layout.coinsX == 407);
	CHECK(layout.coinsW == 145);
	CHECK(layout.barX == 108);
	CHECK(layout.barY == 49);
	CHECK(layout.barW == 444);
	CHECK(layout.barH == 7);
	CHECK(layout.textY == 4);
	CHECK(layout.textH == 41);
	CHECK(listHeight(style, layout) == 56 + 5 * 64 + 4 * 8);
	CHECK(liftOffset(layout, 1.0f) == 12.0f);

	style.title.clear();
	style.showAvatars = false;
	style.showBars = false;
	const RowLayout plain = layOut(style);
	CHECK(plain.headerHeight == 0);
	CHECK(plain.avatarSize == 0);
	CHECK(plain.nameX == 52);
	CHECK(plain.barH == 0);
	CHECK(plain.textY == 0);
	CHECK(plain.textH == 64);
}

TEST_CASE("Row texts: medal colours for the first three, grouped coins", "[rows]")
{
	TopStyle style;
	style.coinsFormat = "{coins} coins";
	style.medals = {Rgba{1, 1, 1, 255}, Rgba{2, 2, 2, 255}, Rgba{3, 3, 3, 255}};
	style.textColor = Rgba{9, 9, 9, 255};
	const RowLayout layout = layOut(style);
	const std::vector<TextItem> first = rowTexts(style, layout, RowContent{1, "Ann\nX", "", 1234567});
	REQUIRE(first.size() == 3);
	CHECK(first[0].text == "1");
	CHECK(first[0].color == style.medals[0]);
	CHECK(first[1].text == "Ann X"); // one line
	CHECK(first[2].text == "1,234,567 coins");
	CHECK(first[2].align == HAlign::Right);
	CHECK(rowTexts(style, layout, RowContent{3, "C", "", 1})[0].color == style.medals[2]);
	CHECK(rowTexts(style, layout, RowContent{4, "D", "", 1})[0].color == style.textColor);
	CHECK(barFraction(50, 200) == 0.25f);
	CHECK(barFraction(5, 0) == 1.0f);
}

TEST_CASE("The first list snaps into place; every row is drawn", "[rows]")
{
	Rows rows;
	const auto updates =
	    rows.apply({entry("a", 300), entry("b", 200), entry("c", 100)}, 5, kPitch, 0, false, false);
	CHECK(idsOf(updates) == std::vector<std::string>{"a", "b", "c"});
	CHECK(updates[0].avatarChanged);
	CHECK_FALSE(rows.advance(0));
	const Rows::Row *b = find(rows, "b");
	REQUIRE(b != nullptr);
	CHECK(b->shown.y == 72.0f);
	CHECK(b->shown.alpha == 1.0f);
	CHECK(b->shown.bar == Approx(2.0f / 3.0f));
	CHECK(b->content == RowContent{2, "b", "https://example.invalid/b.webp", 200});

	// The same list again changes nothing.
	CHECK(rows.apply({entry("a", 300), entry("b", 200), entry("c", 100)}, 5, kPitch, 10, true, false).empty());
	// Only as many rows as asked for.
	Rows two;
	two.apply({entry("a", 3), entry("b", 2), entry("c", 1)}, 2, kPitch, 0, false, false);
	CHECK(two.rows().size() == 2);
}

TEST_CASE("A rank change slides both rows; the climber is lifted; unchanged rows are not redone", "[rows]")
{
	Rows rows;
	rows.apply({entry("a", 300), entry("b", 200), entry("c", 100)}, 5, kPitch, 0, false, false);
	const auto updates =
	    rows.apply({entry("b", 400), entry("a", 300), entry("c", 100)}, 5, kPitch, 1000, true, false);
	CHECK(idsOf(updates) == std::vector<std::string>{"b", "a"}); // c kept its rank and coins
	CHECK_FALSE(updates[0].avatarChanged);

	CHECK(rows.advance(1000 + kRowMoveMs / 2));
	const Rows::Row *a = find(rows, "a");
	const Rows::Row *b = find(rows, "b");
	CHECK(b->shown.y == Approx(9.0f)); // half the time: 7/8 of the way (moving at once, slowing down)
	CHECK(a->shown.y == Approx(63.0f));
	CHECK(b->shown.lift == Approx(1.0f)); // climbing: lifted over the row it passes
	CHECK(a->shown.lift == 0.0f);
	CHECK(a->shown.bar == Approx(1.0f - 0.25f * 0.875f)); // from 1 (leader) to 300/400
	CHECK(b->content.rank == 1);

	CHECK_FALSE(rows.advance(1000 + kRowMoveMs));
	CHECK(b->shown.y == 0.0f);
	CHECK(a->shown.y == 72.0f);
	CHECK(a->shown.bar == 0.75f);
	CHECK(b->shown.lift == 0.0f);
}

TEST_CASE("With a lead of one frame, the frame that applies a change already shows the rows and bars moving", "[rows]")
{
	for (const bool lead : {false, true}) {
		Rows rows;
		if (lead) {
			rows.setLeadMs(17);
		}
		rows.apply({entry("a", 300), entry("b", 200)}, 5, kPitch, 0, false, false);
		rows.apply({entry("b", 400), entry("a", 300)}, 5, kPitch, 1000, true, false);
		CHECK(rows.advance(1000));
		const Rows::Row *a = find(rows, "a");
		const Rows::Row *b = find(rows, "b");
		if (!lead) {
			CHECK(a->shown.y == 0.0f); // a move starting now has not moved yet
			CHECK(b->shown.y == 72.0f);
			continue;
		}
		// outCubic(17 / 650) of the way: about five pixels of a 72-pixel row, in the very first frame
		const float moved = 72.0f * (1.0f - std::pow(1.0f - 17.0f / static_cast<float>(kRowMoveMs), 3.0f));
		CHECK(moved > 5.0f);
		CHECK(a->shown.y == Approx(moved));
		CHECK(b->shown.y == Approx(72.0f - moved));
		CHECK(a->shown.bar < 1.0f); // the old leader's bar is already shrinking towards 300/400
		CHECK(a->shown.bar > 0.75f);
		CHECK(b->shown.lift > 0.0f);
		// It ends one lead earlier, in its place.
		CHECK_FALSE(rows.advance(1000 + kRowMoveMs - 17));
		CHECK(a->shown.y == 72.0f);
		CHECK(b->shown.y == 0.0f);
	}
	// The lead is at most one whole move.
	Rows rows;
	rows.setLeadMs(100000);
	rows.apply({entry("a", 300), entry("b", 200)}, 5, kPitch, 0, false, false);
	rows.apply({entry("b", 400), entry("a", 300)}, 5, kPitch, 1000, true, false);
	CHECK_FALSE(rows.advance(1000));
	CHECK(find(rows, "a")->shown.y == 72.0f);
}

TEST_CASE("A supporter who enters fades in after a delay; one who drops out fades out and goes", "[rows]")
{
	Rows rows;
	rows.apply({entry("a", 300), entry("b", 200), entry("c", 100)}, 3, kPitch, 0, false, false);
	const auto updates =
	    rows.apply({entry("a", 300), entry("d", 250), entry("b", 200)}, 3, kPitch, 1000, true, false);
	CHECK(idsOf(updates) == std::vector<std::string>{"d", "b"});
	CHECK(updates[0].avatarChanged); // a new row follows its picture

	// Leaving rows are drawn first, under the others.
	REQUIRE(rows.rows().size() == 4);
	CHECK(rows.rows()[0]->id == "c");
	CHECK(rows.rows()[0]->leaving);

	rows.advance(1000 + kRowEnterDelayMs);
	CHECK(find(rows, "d")->shown.alpha == 0.0f); // still waiting
	CHECK(find(rows, "d")->shown.y == 72.0f);    // already in its place
	CHECK(find(rows, "c")->shown.alpha < 1.0f);

	rows.advance(1000 + kRowEnterDelayMs + kRowFadeMs / 2);
	CHECK(find(rows, "d")->shown.alpha == Approx(0.5f));

	rows.advance(1000 + kRowFadeMs);
	CHECK(find(rows, "c")->shown.alpha == 0.0f);
	rows.dropGone(1000 + kRowFadeMs);
	CHECK(find(rows, "c") == nullptr);
	CHECK(rows.rows().size() == 3);

	CHECK(rows.advance(1000 + kRowEnterDelayMs + kRowFadeMs)); // b still slides down
	CHECK(find(rows, "d")->shown.alpha == 1.0f);
	CHECK_FALSE(rows.advance(1000 + kRowMoveMs));
	CHECK(find(rows, "b")->shown.y == 144.0f);
}

TEST_CASE("A new look redoes every row without animating; a renamed supporter gets a new avatar", "[rows]")
{
	Rows rows;
	rows.apply({entry("a", 300), entry("b", 200)}, 5, kPitch, 0, false, false);
	const auto restyled = rows.apply({entry("a", 300), entry("b", 200)}, 5, 80.0f, 500, false, true);
	CHECK(restyled.size() == 2);
	CHECK_FALSE(rows.advance(500));
	CHECK(find(rows, "b")->shown.y == 80.0f);

	const auto renamed = rows.apply({entry("a", 300, "Ann"), entry("b", 200)}, 5, 80.0f, 600, true, false);
	REQUIRE(renamed.size() == 1);
	CHECK(renamed[0].row->id == "a");
	CHECK(renamed[0].avatarChanged); // initials come from the name
	CHECK(renamed[0].row->content.nickname == "Ann");
}

TEST_CASE("A supporter without a picture keeps one disc colour from a fixed palette", "[rows]")
{
	CHECK(placeholderColor("") == Rgba{0xB1, 0x4E, 0xD8, 255});
	CHECK(placeholderColor("ann_1") == placeholderColor("ann_1"));
	std::set<std::tuple<int, int, int>> seen;
	for (int i = 0; i < 64; ++i) {
		const Rgba color = placeholderColor("user" + std::to_string(i));
		CHECK(color.a == 255);
		seen.emplace(color.r, color.g, color.b);
	}
	CHECK(seen.size() > 4); // ids spread over the palette
	CHECK(seen.size() <= 8);
}

TEST_CASE("A row's name cannot turn itself around: its bidi overrides and isolates are dropped", "[rows]")
{
	TopStyle style;
	const RowLayout layout = layOut(style);
	// U+202E (right-to-left override) would show "gnp.exe evil" as "live exe.png".
	CHECK(rowTexts(style, layout, RowContent{1, "\u202egnp.exe evil", "", 5})[1].text == "gnp.exe evil");
	CHECK(rowTexts(style, layout, RowContent{2, "a\u202d\u2066b\u2069\u202c", "", 5})[1].text == "ab");
	// Right-to-left letters and marks are kept: the name shows as written.
	CHECK(rowTexts(style, layout, RowContent{3, "\u200fنور 🌙", "", 5})[1].text == "\u200fنور 🌙");
}

TEST_CASE("A long amount takes room from the name rather than being cut", "[rows]")
{
	TopStyle style;
	style.coinsFormat = "{coins} coins";
	const RowLayout layout = layOut(style);
	const std::vector<TextItem> plain = rowTexts(style, layout, RowContent{1, "Ann", "", 2999999970});
	REQUIRE(plain.size() == 3);
	const int right = plain[2].x + plain[2].width;

	SECTION("an amount that fits its box keeps the layout")
	{
		std::vector<TextItem> texts = plain;
		fitAmount(texts, widthOf(plain[2].width - 5));
		CHECK(texts == plain);
	}
	SECTION("a wider amount gets its width; the name ends where the amount's box begins, less the gap")
	{
		std::vector<TextItem> texts = plain;
		const int gap = plain[2].x - (plain[1].x + plain[1].width);
		fitAmount(texts, widthOf(plain[2].width + 60));
		CHECK(texts[2].width == plain[2].width + 60);
		CHECK(texts[2].x + texts[2].width == right); // still ends at the row's end
		CHECK(texts[1].x == plain[1].x);
		CHECK(texts[1].x + texts[1].width + gap == texts[2].x);
		CHECK(texts[0] == plain[0]);
	}
	SECTION("the name keeps a third of the room they share; past that the amount's font is made smaller")
	{
		std::vector<TextItem> texts = plain;
		const int shared = right - plain[1].x;
		const int room = right - (plain[1].x + shared / 3 + (plain[2].x - (plain[1].x + plain[1].width)));
		fitAmount(texts, widthOf(room * 5 / 4)); // a quarter too wide for the most room it can have
		CHECK(texts[1].width == shared / 3);
		CHECK(texts[2].x + texts[2].width == right);
		CHECK(texts[2].width == room);
		const int size = plain[2].font.pixelSize;
		CHECK(texts[2].font.pixelSize == size * 4 / 5 - 1);
		CHECK(texts[1].font == plain[1].font);
	}
	SECTION("past the smallest font: the shorter form, then the whole row beside the rank, then it is elided")
	{
		CHECK(plain[2].text == "2,999,999,970 coins");
		CHECK(plain[2].shorter == "2.9B coins");
		CHECK(rowTexts(style, layout, RowContent{1, "Ann", "", 999}).back().shorter.empty());
		std::vector<TextItem> texts = plain;
		const int shared = right - plain[1].x;
		const int gap = plain[2].x - (plain[1].x + plain[1].width);
		fitAmount(texts, [&](const TextItem &item) {
			return item.text == plain[2].text ? 100000 : shared * 2 / 3 - gap; // only the shorter form fits
		});
		CHECK(texts[2].text == "2.9B coins");
		CHECK(texts[1].text == plain[1].text);
		CHECK(texts[1].width >= shared / 3);
		CHECK(texts[2].font == plain[2].font);
		std::vector<TextItem> whole = plain;
		// Too wide for its place beside the name even in the smallest font; the whole row holds it in a smaller
		// one.
		fitAmount(whole,
			  [&](const TextItem &item) { return item.text == plain[2].text ? 100000 : shared * 6 / 5; });
		CHECK(whole[1].text.empty()); // the name gives its room
		CHECK(whole[2].x == plain[1].x);
		CHECK(whole[2].x + whole[2].width == right);
		CHECK(whole[2].font.pixelSize < plain[2].font.pixelSize);
		CHECK(whole[2].font.pixelSize >= plain[2].font.pixelSize * kLeastFitPercent / 100);
		CHECK(whole[0] == plain[0]); // the rank stays
		std::vector<TextItem> cut = plain;
		fitAmount(cut, widthOf(100000));
		CHECK(cut[2].text == "2.9B coins");
		CHECK(cut[2].width == shared);
		CHECK(cut[2].font.pixelSize == std::max(8, plain[2].font.pixelSize * kLeastFitPercent / 100));
	}
}
