#include "obs/dock/goals-panel.hpp"

#include "obs/dock/dock-widgets.hpp"
#include "obs/dock/goal-row-words.hpp"
#include "obs/dock/status-text.hpp"
#include "obs/named-sources.hpp"
#include "obs/plugin-support.hpp"
#include "obs/runtime.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>

namespace livegifts::obs::dock {

// The names of the Goal Bar sources, by the goal id each counts.
std::map<std::string, std::string> goalSourceNames()
{
	std::map<std::string, std::string> names;
	for (const NamedSource &bar : sourcesOf(kGoalBarSourceId)) {
		names.emplace(bar.goalId, bar.name);
	}
	return names;
}

GoalsPanel::GoalsPanel(QWidget *parent) : QWidget(parent)
{
	auto *layout = new QVBoxLayout(this);
	layout->setContentsMargins(0, 0, 0, 0);
	none_ = new QLabel(loc("LiveGifts.Dock.GoalsNone"), this);
	none_->setWordWrap(true);
	layout->addWidget(none_);
	rows_ = new QVBoxLayout();
	layout->addLayout(rows_);
}

void GoalsPanel::refresh(const Snapshot &snapshot)
{
	const bool same = shown_.size() == snapshot.goals.size() &&
			  std::equal(shown_.begin(), shown_.end(), snapshot.goals.begin(),
				     [](const Row &row, const auto &goal) { return row.id == goal.first; });
	if (!same) {
		rebuild(snapshot);
	}
	none_->setVisible(shown_.empty());
	std::map<QString, int> names; // a name two goals share (a duplicated bar) is told apart by its source's name
	bool twins = false;
	for (const auto &[id, goal] : snapshot.goals) {
		twins = ++names[goalRowName(id, goal)] > 1 || twins;
	}
	const std::map<std::string, std::string> sources =
	    twins ? goalSourceNames() : std::map<std::string, std::string>{};
	for (const Row &row : shown_) {
		const GoalState &goal = snapshot.goals.at(row.id);
		const GoalRowWords words = goalRowWords(row.id, goal, names, numberWords(), sources);
		row.title->setFullText(words.title);
		names_[row.id] = words.name;
		row.bar->setValue(goal.done ? 1000 : static_cast<int>(goal.fraction * 1000.0));
		row.bar->setFormat(words.percent);
		row.undo->setEnabled(goal.resetsToUndo > 0);
	}
}

void GoalsPanel::rebuild(const Snapshot &snapshot)
{
	for (Row &row : shown_) {
		delete row.widget;
	}
	shown_.clear();
	names_.clear();
	for (const auto &[id, goal] : snapshot.goals) {
		Row row;
		row.id = id;
		row.widget = new QWidget(this);
		auto *layout = new QVBoxLayout(row.widget);
		layout->setContentsMargins(0, 2, 0, 2);
		// A long goal title is cut in its middle (the figures at the end stay), never widens the dock.
		row.title = new ElidedLabel(row.widget, Qt::ElideMiddle);
		layout->addWidget(row.title);
		row.bar = new QProgressBar(row.widget);
		layout->addWidget(row.bar);
		// The buttons wrap onto a second line when the dock is narrow.
		auto *line = new FlowRow();
		row.bar->setRange(0, 1000);
		auto *reset = new QPushButton(loc("LiveGifts.Dock.GoalReset"), row.widget);
		reset->setToolTip(loc("LiveGifts.Dock.Tip.GoalReset"));
		auto *undo = new QPushButton(loc("LiveGifts.Dock.GoalUndo"), row.widget);
		undo->setToolTip(loc("LiveGifts.Dock.Tip.GoalUndo"));
		line->addWidget(reset);
		line->addWidget(undo);
		row.undo = undo;
		undo->setEnabled(goal.resetsToUndo > 0);
		layout->addLayout(line);
		// A manual correction: − and + by the amount beside them (the three kept on one line).
		auto *adjust = new FlowRow();
		auto *by = new QWidget(row.widget);
		auto *byLine = new QHBoxLayout(by);
		byLine->setContentsMargins(0, 0, 0, 0);
		auto *amount = new QSpinBox(by);
		amount->setLocale(dockLocale());
		amount->setRange(1, 1000000000);
		amount->setValue(1);
		amount->setToolTip(loc("LiveGifts.Dock.Tip.GoalAmount"));
		auto *minus = new QPushButton(QStringLiteral("−"), by);
		minus->setToolTip(loc("LiveGifts.Dock.Tip.GoalMinus"));
		auto *plus = new QPushButton(QStringLiteral("+"), by);
		plus->setToolTip(loc("LiveGifts.Dock.Tip.GoalPlus"));
		adjust->addWidget(new QLabel(loc("LiveGifts.Dock.GoalAdjust"), row.widget));
		byLine->addWidget(amount, 1);
		byLine->addWidget(minus);
		byLine->addWidget(plus);
		adjust->addWidget(by);
		layout->addLayout(adjust);
		rows_->addWidget(row.widget);
		connect(reset, &QPushButton::clicked, this, [this, id = id] { askReset(id); });
		connect(undo, &QPushButton::clicked, this, [id = id, reset] {
			// The button greys out once nothing is left to undo: focus goes to Reset beside it, not on to
			// the amount field (whose number a key pressed next would replace).
			reset->setFocus();
			LG_LOG(LOG_INFO, "dock: goal '%s' reset undone", id.c_str());
			guarded("dock goal undo", [&] { Runtime::instance().undoGoalReset(id); });
		});
		const auto adjustBy = [id = id, amount](std::int64_t sign) {
			const std::int64_t delta = sign * static_cast<std::int64_t>(amount->value());
			LG_LOG(LOG_INFO, "dock: goal '%s' adjusted by %lld", id.c_str(), static_cast<long long>(delta));
			guarded("dock goal adjust", [&] { Runtime::instance().adjustGoal(id, delta); });
		};
		connect(minus, &QPushButton::clicked, this, [adjustBy] { adjustBy(-1); });
		connect(plus, &QPushButton::clicked, this, [adjustBy] { adjustBy(1); });
		shown_.push_back(row);
	}
}

void GoalsPanel::askReset(const std::string &id)
{
	// The name the row shows now (a title edited since the row was made, a twin told apart by its source).
	const auto named = names_.find(id);
	const QString name = named != names_.end() ? named->second : userText(id);
	if (askYesNo(this, loc("LiveGifts.Dock.GoalReset"), loc("LiveGifts.Dock.GoalResetAsk").arg(name))) {
		LG_LOG(LOG_INFO, "dock: goal '%s' reset", id.c_str());
		guarded("dock goal reset", [&] { Runtime::instance().resetGoal(id); });
	}
}

} // namespace livegifts::obs::dock
