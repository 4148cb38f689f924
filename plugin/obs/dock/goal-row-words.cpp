#include "obs/dock/goal-row-words.hpp"

#include "obs/dock/dock-widgets.hpp"
#include "obs/dock/status-text.hpp"

#include <algorithm>
#include <cmath>

namespace livegifts::obs::dock {

QString goalRowName(const std::string &id, const GoalState &goal)
{
	if (goal.done) {
		return loc("LiveGifts.Goal.AllReached");
	}
	return userText(goal.title.empty() ? id : goal.title);
}

QString twinName(const QString &name, const std::string &id, const std::string &source)
{
	return loc("LiveGifts.Dock.GoalTwin").arg(name, userText(source.empty() ? id : source));
}

GoalRowWords goalRowWords(const std::string &id, const GoalState &goal, const std::map<QString, int> &namesShown,
			  const view::Wording &numbers, const std::map<std::string, std::string> &sourceNames)
{
	const QString name = goalRowName(id, goal);
	const auto shared = namesShown.find(name);
	const auto source = sourceNames.find(id);
	const QString title = shared != namesShown.end() && shared->second > 1
				  ? twinName(name, id, source != sourceNames.end() ? source->second : std::string())
				  : name;
	const QString current = QString::fromStdString(numbers.number(goal.current));
	GoalRowWords words;
	words.name = title;
	if (goal.done) {
		words.title = loc("LiveGifts.Dock.GoalDone").arg(title, current);
		words.percent = QStringLiteral("\u2713 100 %");
		return words;
	}
	words.title =
	    loc("LiveGifts.Dock.GoalProgress").arg(title, current, QString::fromStdString(numbers.number(goal.target)));
	// Whole percent rounded down, as the Goal Bar draws it: 99.8 % is not yet 100 %.
	words.percent = QStringLiteral("%1 %").arg(std::floor(std::max(0.0, goal.percent)), 0, 'f', 0);
	return words;
}

} // namespace livegifts::obs::dock
