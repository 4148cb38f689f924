#include "obs/dock/goal-row-words.hpp"

#include "obs/dock/dock-widgets.hpp"
#include "obs/dock/status-text.hpp"
#include "view/goal-bar.hpp"

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
	// The percent as the Goal Bar draws it: whole, rounded down (99.8 % is not yet 100 %), past 100 once the
	// goal is passed, a tick once a list is finished.
	view::GoalValues values;
	values.current = goal.current;
	values.target = goal.target;
	values.done = goal.done;
	words.percent = QString::fromStdString(view::percentText(values, numbers));
	if (goal.done) {
		words.title = loc("LiveGifts.Dock.GoalDone").arg(title, current);
		return words;
	}
	words.title =
	    loc("LiveGifts.Dock.GoalProgress").arg(title, current, QString::fromStdString(numbers.number(goal.target)));
	return words;
}

} // namespace livegifts::obs::dock
