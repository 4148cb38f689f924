#pragma once

// What a Goal Bar shows and how it moves: a title, "current / target", a percent and a rounded bar,
// horizontal or vertical; the bar eases to new values and flashes when a target is reached.

#include "core/goal-types.hpp"
#include "core/snapshot.hpp"
#include "view/draw-types.hpp"
#include "view/plural.hpp"
#include "view/text-fit.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace livegifts::view {

constexpr float kGoalEaseSeconds = 0.35f;     // time constant of the bar's easing
constexpr float kGoalCelebrateSeconds = 2.4f; // three flashes when a target is reached

enum class Orientation { Horizontal, Vertical };

// The bar's look (from the source's settings).
struct GoalBarStyle {
	Orientation orientation = Orientation::Horizontal;
	int width = 800;
	int height = 110;
	FontSpec font;
	Rgba textColor;
	BarStyle fill;
	BarStyle track;
	Rgba celebrateColor;
	BarStyle opponent; // "win the battle": the other side's part of the bar
	bool showPercent = true;
	std::string valueFormat; // {current} {target} {percent} {title} {current_text} {target_text}
	std::string doneTitle;   // the title of a finished goal list ("All goals reached"; empty: the last stage's)
	Noun unit = Noun::Coin;  // what the goal counts, for {current_text} and {target_text}
	Wording words;           // numbers and nouns in the locale's words
	TextEffects effects;
};

// The noun of what a goal of this kind counts.
Noun nounOf(GoalKind kind);

// What the goal shows right now.
struct GoalValues {
	std::string title;
	std::int64_t current = 0;
	std::int64_t target = 0;
	double fraction = 0.0;
	std::int64_t timesReached = 0;
	bool reached = false;
	bool done = false; // a goal list with every stage reached: shown full, "✓ 100%", never 936 %
	// "Win the battle": your side against the other. `current` is your points, `opponent` theirs, `fraction`
	// your share of both (the split of the bar), `reached` a won battle.
	bool versus = false;
	std::int64_t opponent = 0;
	bool battleEnded = false;
	bool operator==(const GoalValues &) const = default;
};

// The goal's values in a snapshot; before the engine knows the goal, its own title, start and target.
GoalValues goalValuesOf(const Snapshot &snapshot, const GoalSpec &goal);

// Where the bar is and the texts around it, in source coordinates.
struct GoalBarLayout {
	float barX = 0, barY = 0, barW = 0, barH = 0;
	std::vector<TextItem> texts; // title, value and (when it fits in the bar) percent
	bool operator==(const GoalBarLayout &) const = default;
};

GoalBarLayout layOut(const GoalBarStyle &style, const GoalValues &values);
// layOut's texts with the progress (the second) given the room its text needs, as `measure` gives it, when its
// box is narrower: beside the title it takes room from it (fitRightText); on a line of its own (vertical) its
// font is made smaller; then it is shown in its shorter form ("1.2B / 5B"); then, beside the title, with the
// whole line (fitWhole). The percent and the battle's points inside the bar likewise, each on its own. Progress
// such as "1,234,567,890 / 5,000,000,000" is cut only past all that.
void fitValue(std::vector<TextItem> &texts, const MeasureText &measure);

// "Win the battle": the lead of your side, signed ("+1,020", "−80", "0").
std::string leadText(const GoalValues &values, const Wording &words = {}, bool compact = false);

// The title shown: the goal's, or the style's done title once a goal list is finished.
std::string titleText(const GoalBarStyle &style, const GoalValues &values);
// The style's value format filled in ("{current} / {target}" -> "570 / 1,000", "{target_text}" ->
// "1,000 coins", "1 like"; also {opponent} and {lead} for "win the battle").
// compact: the numbers as Wording::compact gives them ("26.6K / 2B"), for a box too small for their digits.
std::string valueText(const GoalBarStyle &style, const GoalValues &values, bool compact = false);
// current / target as a whole percent, rounded down, never below 0, grouped (may pass 100: "1,996%"); a
// finished goal list: "✓ 100%".
std::string percentText(const GoalValues &values, const Wording &words = {}, bool compact = false);

// "Stage title = target" lines of a goal list; lines without "=" or a positive target are skipped.
std::vector<GoalStage> parseStages(const std::string &text);

// The bar's shown fraction `seconds` later, easing from `shown` to `target` (snaps when very close).
float easeToward(float shown, float target, float seconds);
// The celebration flash's opacity (0..1) with `secondsLeft` of the celebration to go.
float celebrationAlpha(float secondsLeft);

} // namespace livegifts::view
