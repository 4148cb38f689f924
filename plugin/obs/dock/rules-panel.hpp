#pragma once

// The dock's Rules panel: the show rules (each with its trigger and how often it fired), Add, Edit,
// Remove (asked first) and Test, and the problems the rules met (a missing scene, source, filter, hotkey
// or sound) until cleared. Edits go to RuleRunner::setRules (saved in the module config); a rules file
// this build cannot read is said so and left as it is.

#include <QString>
#include <QWidget>

#include <cstdint>
#include <map>
#include <string>

class QLabel;
class QListWidget;
class QPushButton;

namespace livegifts::obs::dock {

class ElidedLabel;

class RulesPanel : public QWidget {
public:
	explicit RulesPanel(QWidget *parent = nullptr);
	// UI thread (the dock's timer): shows what changed since the last call.
	void refresh();

private:
	void edit(int row);
	void remove(int row);
	void test(int row);
	// Edit, Remove and Test act on the chosen rule: enabled while one is; the hint shows while there is none.
	void followChoice();

	QListWidget *list_ = nullptr;
	QLabel *refused_ = nullptr;
	ElidedLabel *problems_ = nullptr;
	QPushButton *clear_ = nullptr;
	// UI thread, as every widget here: the hint while there is no rule, and the buttons that need one chosen.
	QLabel *none_ = nullptr;
	QPushButton *edit_ = nullptr;
	QPushButton *remove_ = nullptr;
	QPushButton *test_ = nullptr;
	std::uint64_t shownRevision_ = UINT64_MAX;
	// Whether a shown rule waits for a goal, and how the lines name the goals (by id): a goal's name follows its
	// Goal Bar (the sources load after the rules, a source is renamed), so it is looked at again each refresh
	// while a rule names a goal.
	bool namesGoals_ = false;
	std::map<std::string, QString> shownGoalLabels_;
};

} // namespace livegifts::obs::dock
