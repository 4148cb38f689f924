#include "view/goal-bar.hpp"

#include "view/template.hpp"
#include "view/text-fit.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>

namespace livegifts::view {

GoalValues goalValuesOf(const Snapshot &snapshot, const GoalSpec &goal)
{
	GoalValues values;
	values.title = goal.title;
	values.target = goal.target;
	values.current = headStart(goal);
	values.fraction =
	    std::clamp(static_cast<double>(values.current) / static_cast<double>(values.target), 0.0, 1.0);
	const auto found = snapshot.goals.find(goal.id);
	if (found != snapshot.goals.end()) {
		const GoalState &state = found->second;
		if (!state.title.empty()) {
			values.title = state.title;
		}
		values.current = state.current;
		values.target = state.target;
		values.fraction = state.fraction;
		values.timesReached = state.timesReached;
		values.reached = state.reached;
		values.done = state.done;
		values.opponent = state.opponent;
		values.battleEnded = state.battleEnded;
	}
	if (goal.kind == GoalKind::BattleWin) {
		values.versus = true;
		if (found == snapshot.goals.end()) {
			values.current = 0;
			values.target = 0;
			values.fraction = 0.5; // no points yet: an even split
		}
	}
	return values;
}

std::vector<GoalStage> parseStages(const std::string &text)
{
	std::vector<GoalStage> stages;
	std::istringstream in(text);
	std::string line;
	while (std::getline(in, line)) {
		const size_t eq = line.rfind('=');
		if (eq == std::string::npos) {
			continue;
		}
		GoalStage stage;
		stage.title = line.substr(0, eq);
		while (!stage.title.empty() && std::isspace(static_cast<unsigned char>(stage.title.back()))) {
			stage.title.pop_back();
		}
		try {
			stage.target = std::stoll(line.substr(eq + 1));
		} catch (const std::exception &) {
			continue;
		}
		if (stage.target > 0) {
			stages.push_back(stage);
		}
	}
	return stages;
}

std::string valueText(const GoalBarStyle &style, const GoalValues &values, bool compact)
{
	TemplateVars vars;
	const Wording &words = style.words;
	vars.set("current", words.number(values.current, compact));
	vars.set("target", words.number(values.target, compact));
	vars.set("percent", words.number(static_cast<long long>(std::floor(values.fraction * 100.0)), compact) + "%");
	vars.set("title", titleText(style, values));
	vars.set("current_text", words.counted(style.unit, values.current, compact));
	vars.set("target_text", words.counted(style.unit, values.target, compact));
	vars.set("opponent", words.number(values.opponent, compact));
	vars.set("lead", leadText(values, words, compact));
	return renderTemplate(style.valueFormat, vars);
}

std::string leadText(const GoalValues &values, const Wording &words, bool compact)
{
	const std::int64_t lead = values.current - values.opponent;
	if (lead > 0) {
		return "+" + words.number(lead, compact);
	}
	if (lead < 0) {
		return "\u2212" + words.number(-lead, compact); // a minus sign
	}
	return words.number(0, compact);
}

std::string titleText(const GoalBarStyle &style, const GoalValues &values)
{
	return values.done && !style.doneTitle.empty() ? style.doneTitle : values.title;
}

Noun nounOf(GoalKind kind)
{
	switch (kind) {
	case GoalKind::GiftCount:
		return Noun::Gift;
	case GoalKind::Likes:
		return Noun::Like;
	case GoalKind::Follows:
		return Noun::Follow;
	case GoalKind::Shares:
		return Noun::Share;
	case GoalKind::Subscribers:
		return Noun::Subscriber;
	case GoalKind::SuperFans:
		return Noun::SuperFan;
	case GoalKind::BattlePoints:
	case GoalKind::BattleWin:
		return Noun::Point;
	default: // coins, and kinds without a noun of their own
		break;
	}
	return Noun::Coin;
}

std::string percentText(const GoalValues &values, const Wording &words, bool compact)
{
	if (values.done) {
		return "\u2713 100%";
	}
	const double percent =
	    values.target > 0 ? 100.0 * static_cast<double>(values.current) / static_cast<double>(values.target) : 0.0;
	const auto whole = static_cast<long long>(std::floor(std::max(0.0, percent)));
	return words.number(whole, compact) + "%";
}

GoalBarLayout layOut(const GoalBarStyle &style, const GoalValues &values)
{
	GoalBarLayout layout;
	const int w = style.width;
	const int h = style.height;
	const int font = style.font.pixelSize;
	const int row = static_cast<int>(std::lround(font * 1.35));
	const int gap = std::max(2, font / 4);
	TextItem title{sanitizeUserText(titleText(style, values)), style.font, style.textColor};
	TextItem value{valueText(style, values), style.font, style.textColor};
	TextItem percent{style.showPercent ? percentText(values, style.words) : std::string(), style.font,
			 style.textColor};
	// Fewer characters for a box too small for the digits (fitValue); none where they are the same.
	const auto shorter = [](const std::string &text, std::string compact) {
		return compact == text ? std::string() : compact;
	};
	value.shorter = shorter(value.text, valueText(style, values, true));
	percent.shorter = style.showPercent ? shorter(percent.text, percentText(values, style.words, true)) : "";
	title.effects = value.effects = percent.effects = style.effects;
	percent.font.pixelSize = std::max(8, font * 4 / 5);
	percent.align = HAlign::Center;
	// Text at the source's edges keeps its outline inside the source (a right-aligned "2B" would lose its right
	// side's outline).
	const int inset = std::clamp(style.effects.outlineWidth, 0, std::max(0, w / 8));
	if (style.orientation == Orientation::Horizontal) {
		layout.barX = 0;
		layout.barY = static_cast<float>(row + gap);
		layout.barW = static_cast<float>(w);
		layout.barH = static_cast<float>(std::max(4, h - row - gap));
		title.height = row;
		value.height = row;
		value.align = HAlign::Right;
		// The value keeps its room; the title gets the rest and elides.
		value.width = w * 9 / 20 - inset;
		value.x = w - inset - value.width;
		title.x = inset;
		title.width = value.x - gap - inset;
		percent.y = static_cast<int>(layout.barY);
		percent.width = w;
		percent.height = static_cast<int>(layout.barH);
	} else {
		title.x = inset;
		title.width = w - 2 * inset;
		title.height = row;
		title.align = HAlign::Center;
		value.x = inset;
		value.y = h - row;
		value.width = w - 2 * inset;
		value.height = row;
		value.align = HAlign::Center;
		layout.barW = static_cast<float>(std::max(8, std::min(w, font * 2)));
		layout.barX = (static_cast<float>(w) - layout.barW) / 2.0f;
		layout.barY = static_cast<float>(row + gap);
		layout.barH = static_cast<float>(std::max(4, h - 2 * (row + gap)));
		percent.y = static_cast<int>(layout.barY + layout.barH / 2.0f) - row / 2;
		percent.width = w;
		percent.height = row;
	}
	if (values.versus) {
		value.text = leadText(values, style.words); // the lead says who is ahead
		value.shorter = shorter(value.text, leadText(values, style.words, true));
	}
	layout.texts = {title, value};
	if (values.versus) {
		// Both sides' points inside the bar: yours at your end, theirs at the other.
		if (layout.barH >= static_cast<float>(percent.font.pixelSize)) {
			const int pad = std::max(4, static_cast<int>(layout.barH) / 3);
			TextItem ours = percent;
			TextItem theirs = percent;
			ours.text = style.words.number(values.current);
			theirs.text = style.words.number(values.opponent);
			ours.shorter = shorter(ours.text, style.words.compact(values.current));
			theirs.shorter = shorter(theirs.text, style.words.compact(values.opponent));
			if (style.orientation == Orientation::Horizontal) {
				ours.x = pad;
				ours.width = theirs.width = w / 2 - pad;
				theirs.x = w / 2;
				ours.align = HAlign::Left;
				theirs.align = HAlign::Right;
			} else {
				// Vertical: yours fills from the bottom (BarPainter), theirs is on top.
				const int rowH = percent.height;
				theirs.y = static_cast<int>(layout.barY) + pad / 2;
				ours.y = static_cast<int>(layout.barY + layout.barH) - rowH - pad / 2;
			}
			layout.texts.push_back(ours);
			layout.texts.push_back(theirs);
		}
		return layout;
	}
	if (style.showPercent && layout.barH >= static_cast<float>(percent.font.pixelSize)) {
		layout.texts.push_back(percent);
	}
	return layout;
}

void fitValue(std::vector<TextItem> &texts, const MeasureText &measure)
{
	if (texts.size() < 2) {
		return;
	}
	TextItem &title = texts[0];
	TextItem &value = texts[1];
	// One line: the title gives way; or a line of its own, the bar's width.
	fitWhole(title.y == value.y && title.x < value.x ? &title : nullptr, value, measure);
	for (std::size_t i = 2; i < texts.size(); ++i) {
		fitWhole(nullptr, texts[i], measure); // inside the bar
	}
}

float easeToward(float shown, float target, float seconds)
{
	shown += (target - shown) * (1.0f - std::exp(-seconds / kGoalEaseSeconds));
	if (std::fabs(target - shown) < 0.0005f) {
		shown = target;
	}
	return shown;
}

float celebrationAlpha(float secondsLeft)
{
	if (secondsLeft <= 0.0f) {
		return 0.0f;
	}
	const float t = 1.0f - secondsLeft / kGoalCelebrateSeconds;
	const float flash = 0.5f - 0.5f * std::cos(t * 6.0f * 3.14159265f);
	return flash * (1.0f - t) * 0.55f;
}

} // namespace livegifts::view
