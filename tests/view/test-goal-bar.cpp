#include <catch2/catch.hpp>

#include "view/goal-bar.hpp"
#include "view/text-fit.hpp"

using namespace livegifts;
using namespace livegifts::view;

namespace {

GoalBarStyle barStyle(Orientation orientation, int width, int height)
{
	GoalBarStyle style;
	style.orientation = orientation;
	style.width = width;
	style.height = height;
	style.font.pixelSize = 34;
	style.valueFormat = "{current} / {target}";
	return style;
}

GoalValues valuesOf(int64_t current, int64_t target)
{
	GoalValues values;
	values.title = "Roses";
	values.current = current;
	values.target = target;
	values.fraction = std::clamp(static_cast<double>(current) / static_cast<double>(target), 0.0, 1.0);
	return values;
}

// Every text `width` pixels wide.
MeasureText widthOf(int width)
{
	return [width](const TextItem &) { return width; };
}

// The text without the isolates that keep a value's digits in their order ("\u2068570\u2069" -> "570").
std::string plain(std::string text)
{
	for (const char *isolate : {"\u2066", "\u2067", "\u2068", "\u2069"}) {
		for (std::size_t at = text.find(isolate); at != std::string::npos; at = text.find(isolate)) {
			text.erase(at, 3);
		}
	}
	return text;
}

// About a font's advance: half its size a character (these texts are ASCII but for their isolates).
int approxWidth(const TextItem &item)
{
	return static_cast<int>(plain(item.text).size()) * item.font.pixelSize / 2;
}

} // namespace

TEST_CASE("Horizontal bar: title and value over the bar, the percent inside it", "[goalbar]")
{
	const GoalBarLayout layout = layOut(barStyle(Orientation::Horizontal, 800, 110), valuesOf(570, 1000));
	CHECK(layout.barX == 0.0f);
	CHECK(layout.barY == 54.0f);
	CHECK(layout.barW == 800.0f);
	CHECK(layout.barH == 56.0f);
	REQUIRE(layout.texts.size() == 3);
	const TextItem &title = layout.texts[0];
	const TextItem &value = layout.texts[1];
	const TextItem &percent = layout.texts[2];
	CHECK(title.text == "Roses");
	CHECK(title.width == 432);
	CHECK(title.height == 46);
	CHECK(value.x == 440);
	CHECK(value.width == 360);
	CHECK(value.align == HAlign::Right);
	CHECK(value.text == "\u2068570\u2069 / \u20681,000\u2069");
	CHECK(percent.text == "57%");
	CHECK(percent.y == 54);
	CHECK(percent.height == 56);
	CHECK(percent.font.pixelSize == 27);
	CHECK(percent.align == HAlign::Center);
}

TEST_CASE("Long progress takes room from the title, then a smaller font, rather than being cut", "[goalbar]")
{
	const GoalBarLayout laid =
	    layOut(barStyle(Orientation::Horizontal, 800, 110), valuesOf(1234567890, 5000000000));
	REQUIRE(laid.texts.size() == 3);
	SECTION("progress that fits its box keeps the layout")
	{
		std::vector<TextItem> texts = laid.texts;
		fitValue(texts, widthOf(300));
		CHECK(texts == laid.texts);
	}
	SECTION("beside the title: the value grows to the left, the title keeps its start and a third at least")
	{
		std::vector<TextItem> texts = laid.texts;
		fitValue(texts, widthOf(500));
		CHECK(texts[1].width == 500);
		CHECK(texts[1].x + texts[1].width == 800);
		CHECK(texts[1].font == laid.texts[1].font);
		CHECK(texts[0].x == 0);
		CHECK(texts[0].width == 300 - 8); // the gap between them kept
		CHECK(texts[2] == laid.texts[2]);
		std::vector<TextItem> wider = laid.texts;
		fitValue(wider, widthOf(700));
		CHECK(wider[0].width == 800 / 3);
		CHECK(wider[1].width == 800 - 800 / 3 - 8);
		CHECK(wider[1].font.pixelSize < laid.texts[1].font.pixelSize);
		CHECK(wider[1].font.pixelSize >= laid.texts[1].font.pixelSize * kLeastFitPercent / 100);
	}
	SECTION("a vertical bar's value has a line of its own: its font is made smaller")
	{
		std::vector<TextItem> texts =
		    layOut(barStyle(Orientation::Vertical, 200, 400), valuesOf(1234567890, 5000000000)).texts;
		const std::vector<TextItem> before = texts;
		fitValue(texts, widthOf(250));
		CHECK(texts[0] == before[0]);
		CHECK(texts[1].width == before[1].width);
		CHECK(texts[1].font.pixelSize == 34 * 200 / 250 - 1);
	}
}

TEST_CASE("Progress too long even in the smaller font: its shorter form, then the whole line", "[goalbar]")
{
	const GoalValues values = valuesOf(26641, 2000000000);
	SECTION("the shorter form is laid out beside the full one, and only when it is shorter")
	{
		const GoalBarLayout laid = layOut(barStyle(Orientation::Horizontal, 800, 110), values);
		CHECK(plain(laid.texts[1].text) == "26,641 / 2,000,000,000");
		CHECK(plain(laid.texts[1].shorter) == "26.6K / 2B");
		CHECK(layOut(barStyle(Orientation::Horizontal, 800, 110), valuesOf(570, 900)).texts[1].shorter.empty());
	}
	SECTION("a narrow bar: the title keeps a third, the progress its digits in fewer characters")
	{
		const GoalBarLayout laid = layOut(barStyle(Orientation::Horizontal, 300, 110), values);
		std::vector<TextItem> texts = laid.texts;
		fitValue(texts, approxWidth);
		CHECK(plain(texts[1].text) == "26.6K / 2B");
		CHECK(approxWidth(texts[1]) <= texts[1].width);
		CHECK(plain(texts[0].text) == "Roses");
		CHECK(texts[0].width >= 300 / 3);
		CHECK(texts[0].width == texts[1].x - 8); // the rest of the line, less the gap
	}
	SECTION("narrower still: the title gives up its room, then the shorter form is cut")
	{
		std::vector<TextItem> texts = layOut(barStyle(Orientation::Horizontal, 140, 110), values).texts;
		fitValue(texts, approxWidth);
		CHECK(texts[0].text.empty());
		CHECK(plain(texts[1].text) == "26.6K / 2B");
		CHECK(texts[1].x == 0);
		CHECK(texts[1].width == 140);
		CHECK(approxWidth(texts[1]) <= texts[1].width);
		std::vector<TextItem> tiny = layOut(barStyle(Orientation::Horizontal, 60, 110), values).texts;
		fitValue(tiny, approxWidth);
		CHECK(plain(tiny[1].text) == "26.6K / 2B");
		CHECK(tiny[1].font.pixelSize == 34 * kLeastFitPercent / 100);
	}
	SECTION("a vertical bar's value and the percent inside the bar, each on its own line")
	{
		GoalValues over = valuesOf(126000, 120000);
		over.fraction = 1.05;
		std::vector<TextItem> texts = layOut(barStyle(Orientation::Vertical, 160, 600), over).texts;
		REQUIRE(texts.size() == 3);
		CHECK(plain(texts[1].text) == "126,000 / 120,000");
		fitValue(texts, approxWidth);
		CHECK(plain(texts[0].text) == "Roses"); // its own line: untouched
		CHECK(plain(texts[1].text) == "126K / 120K");
		CHECK(approxWidth(texts[1]) <= texts[1].width);
		std::vector<TextItem> huge =
		    layOut(barStyle(Orientation::Vertical, 100, 600), valuesOf(1900152640, 10)).texts;
		REQUIRE(huge.size() == 3);
		CHECK(plain(huge[2].text) == "19,001,526,400%");
		fitValue(huge, approxWidth);
		CHECK(plain(huge[2].text) == "19B%");
		CHECK(approxWidth(huge[2]) <= huge[2].width);
	}
}

TEST_CASE("Text at the source's edges keeps its outline inside the source", "[goalbar]")
{
	GoalBarStyle style = barStyle(Orientation::Horizontal, 800, 110);
	style.effects.outlineWidth = 3;
	const GoalBarLayout laid = layOut(style, valuesOf(570, 1000));
	CHECK(laid.texts[0].x == 3);
	CHECK(laid.texts[1].x + laid.texts[1].width == 800 - 3);
	CHECK(laid.barX == 0.0f); // the bar itself still spans the source
	style.orientation = Orientation::Vertical;
	style.width = 200;
	const GoalBarLayout upright = layOut(style, valuesOf(570, 1000));
	CHECK(upright.texts[1].x == 3);
	CHECK(upright.texts[1].width == 200 - 6);
	style.effects.outlineWidth = 0;
	CHECK(layOut(style, valuesOf(570, 1000)).texts[1].width == 200);
}

TEST_CASE("Vertical bar: centred column between title and value", "[goalbar]")
{
	const GoalBarLayout layout = layOut(barStyle(Orientation::Vertical, 200, 400), valuesOf(10, 100));
	CHECK(layout.barW == 68.0f);
	CHECK(layout.barX == 66.0f);
	CHECK(layout.barY == 54.0f);
	CHECK(layout.barH == 292.0f);
	REQUIRE(layout.texts.size() == 3);
	CHECK(layout.texts[0].align == HAlign::Center);
	CHECK(layout.texts[1].y == 354);
	CHECK(layout.texts[2].y == 177);
	CHECK(layout.texts[2].text == "10%");
}

TEST_CASE("The percent is left out when hidden or when the bar is thinner than its text", "[goalbar]")
{
	GoalBarStyle hidden = barStyle(Orientation::Horizontal, 800, 110);
	hidden.showPercent = false;
	CHECK(layOut(hidden, valuesOf(1, 2)).texts.size() == 2);
	CHECK(layOut(barStyle(Orientation::Horizontal, 800, 70), valuesOf(1, 2)).texts.size() == 2);
}

TEST_CASE("Value and percent texts", "[goalbar]")
{
	GoalBarStyle style = barStyle(Orientation::Horizontal, 800, 110);
	style.valueFormat = "{title}: {percent}";
	CHECK(valueText(style, valuesOf(1999, 2000)) == "\u2068Roses\u2069: \u206899%\u2069");
	CHECK(percentText(valuesOf(570, 1000)) == "57%");
	CHECK(percentText(valuesOf(1200, 1000)) == "120%"); // past the target
	CHECK(percentText(valuesOf(-5, 1000)) == "0%");
	GoalValues noTarget = valuesOf(5, 1);
	noTarget.target = 0;
	CHECK(percentText(noTarget) == "0%");
}

TEST_CASE("Stage lists: 'title = target' lines, bad lines skipped", "[goalbar]")
{
	const std::vector<GoalStage> stages =
	    parseStages("Roses = 100\nno equals sign\nCar=0\nLion  =5000\nx = abc\n= 7");
	REQUIRE(stages.size() == 3);
	CHECK(stages[0] == GoalStage{"Roses", 100});
	CHECK(stages[1] == GoalStage{"Lion", 5000});
	CHECK(stages[2] == GoalStage{"", 7});
	CHECK(parseStages("").empty());
}

TEST_CASE("Goal values from the snapshot, or the goal's own start before the engine knows it", "[goalbar]")
{
	GoalSpec goal;
	goal.id = "goal-1";
	goal.title = "Roses";
	goal.start = 25;
	goal.target = 100;
	Snapshot snapshot;
	const GoalValues before = goalValuesOf(snapshot, goal);
	CHECK(before.title == "Roses");
	CHECK(before.current == 25);
	CHECK(before.fraction == Approx(0.25));
	CHECK(before.timesReached == 0);

	GoalState state;
	state.title = "Stage 2";
	state.current = 150;
	state.target = 300;
	state.fraction = 0.5;
	state.timesReached = 1;
	snapshot.goals["goal-1"] = state;
	const GoalValues after = goalValuesOf(snapshot, goal);
	CHECK(after.title == "Stage 2");
	CHECK(after.current == 150);
	CHECK(after.target == 300);
	CHECK(after.fraction == 0.5);
	CHECK(after.timesReached == 1);

	// A goal that mirrors TikTok has no head start, not even before the engine knows it.
	goal.kind = GoalKind::BattlePoints;
	snapshot.goals.clear();
	CHECK(goalValuesOf(snapshot, goal).current == 0);
	CHECK(goalValuesOf(snapshot, goal).fraction == 0.0);
}

TEST_CASE("The bar eases towards its value and the celebration flashes three times", "[goalbar]")
{
	CHECK(easeToward(0.0f, 1.0f, kGoalEaseSeconds) == Approx(0.6321f).margin(1e-4));
	CHECK(easeToward(0.9999f, 1.0f, 0.001f) == 1.0f); // snaps when close
	CHECK(easeToward(0.4f, 0.4f, 0.016f) == 0.4f);
	CHECK(easeToward(0.8f, 0.2f, 10.0f) == 0.2f);

	CHECK(celebrationAlpha(0.0f) == 0.0f);
	CHECK(celebrationAlpha(kGoalCelebrateSeconds) == Approx(0.0f).margin(1e-6));
	// The first flash peaks a sixth of the way in, fading with time.
	CHECK(celebrationAlpha(2.0f) == Approx(0.55f * 5.0f / 6.0f).margin(1e-4));
	CHECK(celebrationAlpha(0.8f) < celebrationAlpha(2.0f));
}

TEST_CASE("A finished goal list shows done: full, a tick and 100 %, its own title", "[goalbar]")
{
	GoalSpec goal;
	goal.id = "list";
	goal.title = "First";
	goal.target = 100;
	Snapshot snapshot;
	GoalState state;
	state.title = "Last";
	state.current = 1872;
	state.target = 200;
	state.fraction = 1.0;
	state.reached = true;
	state.done = true;
	snapshot.goals["list"] = state;
	const GoalValues values = goalValuesOf(snapshot, goal);
	CHECK(values.done);
	CHECK(percentText(values) == "\u2713 100%");
	GoalBarStyle style = barStyle(Orientation::Horizontal, 800, 110);
	style.doneTitle = "All goals reached";
	style.valueFormat = "{title} {percent}";
	CHECK(titleText(style, values) == "All goals reached");
	CHECK(valueText(style, values) == "\u2068All goals reached\u2069 \u2068100%\u2069");
	const GoalBarLayout layout = layOut(style, values);
	REQUIRE(layout.texts.size() == 3);
	CHECK(layout.texts[0].text == "All goals reached");
	CHECK(layout.texts[2].text == "\u2713 100%");
	GoalValues notDone = values;
	notDone.done = false;
	CHECK(percentText(notDone) == "936%"); // a goal that holds may pass its target
	CHECK(titleText(style, notDone) == "Last");
}

TEST_CASE("Win the battle: both sides' points in the bar, the lead beside the title", "[goalbar]")
{
	Snapshot snapshot;
	GoalSpec spec;
	spec.id = "battle";
	spec.title = "Battle";
	spec.kind = GoalKind::BattleWin;
	GoalValues values = goalValuesOf(snapshot, spec);
	CHECK(values.versus);
	CHECK(values.fraction == Approx(0.5)); // before the engine knows it: an even split

	GoalState state;
	state.id = "battle";
	state.kind = GoalKind::BattleWin;
	state.current = 1020;
	state.target = 4000;
	state.opponent = 4000;
	state.fraction = 1020.0 / 5020.0;
	state.battleKnown = true;
	snapshot.goals["battle"] = state;
	values = goalValuesOf(snapshot, spec);
	CHECK(values.current == 1020);
	CHECK(values.opponent == 4000);
	CHECK(values.fraction == Approx(1020.0 / 5020.0));

	const GoalBarStyle style = barStyle(Orientation::Horizontal, 800, 110);
	const GoalBarLayout layout = layOut(style, values);
	REQUIRE(layout.texts.size() == 4);
	CHECK(layout.texts[0].text == "Battle");
	CHECK(layout.texts[1].text == "\u22122,980");
	CHECK(layout.texts[2].text == "1,020");
	CHECK(layout.texts[2].align == HAlign::Left);
	CHECK(layout.texts[3].text == "4,000");
	CHECK(layout.texts[3].align == HAlign::Right);
	CHECK(layout.texts[3].x + layout.texts[3].width <= 800);

	values.current = 5000;
	CHECK(leadText(values) == "+1,000");
	values.current = 4000;
	CHECK(leadText(values) == "0");
}

TEST_CASE("Battle points and Super Fans count in their own words", "[goalbar]")
{
	CHECK(nounOf(GoalKind::BattlePoints) == Noun::Point);
	CHECK(nounOf(GoalKind::BattleWin) == Noun::Point);
	CHECK(nounOf(GoalKind::SuperFans) == Noun::SuperFan);
	GoalBarStyle style = barStyle(Orientation::Horizontal, 800, 110);
	style.unit = Noun::Point;
	style.valueFormat = "{current_text}";
	CHECK(valueText(style, valuesOf(1, 10)) == "\u20681 point\u2069");
	style.unit = Noun::SuperFan;
	CHECK(valueText(style, valuesOf(3, 10)) == "\u20683 Super Fans\u2069");
}
