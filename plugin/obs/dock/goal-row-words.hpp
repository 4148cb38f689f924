#pragma once

// The words of a goal's row in the dock (UI thread), as its Goal Bar shows the goal.

#include "core/goal-types.hpp"
#include "view/plural.hpp"

#include <QString>

#include <map>
#include <string>

namespace livegifts::obs::dock {

struct GoalRowWords {
	QString name;    // what the row goes by: "New camera", "New camera (Second bar)" when two rows share it
	QString title;   // "New camera: 1,234 / 5,000"; a finished list: "All goals reached: 61,234"
	QString percent; // the Goal Bar's percent: "24%", "288%" past the target, "✓ 100%" once a list is finished
};

// The name a goal's row goes by: its title (its id when it has none), or the words its bar shows once every
// stage of its list was reached.
QString goalRowName(const std::string &id, const GoalState &goal);

// `name` told apart from a goal of the same name: by `source`, the name of the Goal Bar showing goal `id`, or by
// the id when no source shows it ("New camera (Second bar)").
QString twinName(const QString &name, const std::string &id, const std::string &source);

// The row of goal `id`. `namesShown` counts the rows going by each name (goalRowName): a name two rows share
// (a duplicated bar, two finished lists) is told apart by the name of its Goal Bar source in `sourceNames`
// (by goal id), or by the id when no source shows it. Numbers in `words`' way (the module's language: the
// overlays' and the supporters list's digits and grouping, whatever the system's locale).
GoalRowWords goalRowWords(const std::string &id, const GoalState &goal, const std::map<QString, int> &namesShown,
			  const view::Wording &words, const std::map<std::string, std::string> &sourceNames = {});

} // namespace livegifts::obs::dock
