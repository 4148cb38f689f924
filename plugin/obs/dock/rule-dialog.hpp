#pragma once

// The dialog that edits one show rule: its name, trigger, supporter filter, cooldowns, what happens while
// busy, and its actions as a table (one row an action: kind, scene, source, the filter / hotkey / sound /
// counter it names, seconds, amount or volume). Plain Qt Widgets on the UI thread.

#include "view/show-rules.hpp"

#include <QDialog>

#include <string>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace livegifts::obs::dock {

class RuleDialog : public QDialog {
public:
	RuleDialog(const view::Rule &rule, QWidget *parent);
	// The rule as edited (its id kept).
	view::Rule rule() const;

private:
	void addActionRow(const view::RuleAction &action);
	void showTriggerFields();

	std::string id_;
	QLineEdit *name_ = nullptr;
	QCheckBox *enabled_ = nullptr;
	QComboBox *trigger_ = nullptr;
	QSpinBox *giftId_ = nullptr;
	QSpinBox *amount_ = nullptr;
	QSpinBox *window_ = nullptr;
	QLineEdit *goal_ = nullptr;
	QLineEdit *supporters_ = nullptr;
	QSpinBox *cooldown_ = nullptr;
	QSpinBox *supporterCooldown_ = nullptr;
	QComboBox *busy_ = nullptr;
	QTableWidget *actions_ = nullptr;
};

} // namespace livegifts::obs::dock
