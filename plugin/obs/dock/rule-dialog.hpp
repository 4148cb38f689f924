#pragma once

// The dialog that edits one show rule: its name, trigger (a gift picked from the catalogue or its id typed),
// whom its gifts are for, supporter filter, cooldowns, what happens while busy, and its actions as a table
// (one row an action: kind, scene, source, the filter / hotkey / sound / counter / card text it names,
// seconds, amount or volume). Plain Qt Widgets on the UI thread. OK refuses what cannot work (a count of 0
// for a trigger that counts, an action missing the scene, source or name it needs, seconds or an amount that
// are not numbers) with a message in the dialog saying what to fix; Cancel changes nothing.

#include "view/gift-rules.hpp"
#include "view/show-rules.hpp"

#include <QDialog>
#include <QString>

#include <cstdint>
#include <string>
#include <map>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace livegifts::obs::dock {

// The gift a new rule starts with (a Rose: the most common start). Until a gift is picked, a trigger that weighs
// coins (a gift worth at least N coins, N coins within a time) turns it into any gift: a Rose is 1 coin.
inline constexpr std::int64_t kSuggestedGiftId = 5655;

// A goal a "goal reached" rule can pick: its id, the title its Goal Bar shows and that source's name ('' when no
// source shows it). The list shows the title; two goals with one title are told apart by their sources' names
// (by the id when a goal has no source), as the dock's goals are.
struct GoalChoice {
	std::string id;
	std::string title;
	std::string source;
};

// How the rule dialog and the rules list name each of `goals` (by id).
std::map<std::string, QString> goalLabels(const std::vector<GoalChoice> &goals);

// A trigger as the rules list shows it: its words with the count or coins in place of their N, the gift (by name
// from `gifts` when listed, "#id" when not, "any gift" for 0), the goal (by its label in `goalNames`, goalLabels'
// map, made once for every line; its id when not there).
QString triggerSummary(const view::RuleTrigger &trigger, const std::vector<view::GiftChoice> &gifts,
		       const std::map<std::string, QString> &goalNames = {});

class RuleDialog : public QDialog {
public:
	// `gifts`: the gifts to pick from (view::giftChoices: the catalogue's and those seen); `goals`: the goals
	// to pick from (a goal id can still be typed).
	RuleDialog(const view::Rule &rule, const std::vector<view::GiftChoice> &gifts, QWidget *parent,
		   const std::vector<GoalChoice> &goals = {});
	// The rule as edited (its id kept).
	view::Rule rule() const;
	// What keeps the rule as edited from working, in the locale's words (empty: nothing).
	QString problem() const;
	// OK: accepted only without a problem; otherwise the problem is shown and the dialog stays open.
	void accept() override;

private:
	void addActionRow(const view::RuleAction &action);
	// The problem shown after OK, again after an edit: hidden once nothing is wrong.
	void recheck();
	void showTriggerFields();
	void showPickedGift(); // the picker follows the id typed

	std::string id_;
	nlohmann::json extra_;        // the rule's keys this build does not read
	nlohmann::json triggerExtra_; // its trigger's (each action's are kept on its row's kind box)
	bool giftPicked_ = false;     // a gift picked or an id typed in this dialog (kSuggestedGiftId)
	QLineEdit *name_ = nullptr;
	QCheckBox *enabled_ = nullptr;
	QComboBox *trigger_ = nullptr;
	QSpinBox *giftId_ = nullptr;
	QComboBox *giftPick_ = nullptr;
	QComboBox *giftsTo_ = nullptr;
	QSpinBox *amount_ = nullptr;
	QSpinBox *window_ = nullptr;
	QLineEdit *goal_ = nullptr;
	QComboBox *goalPick_ = nullptr; // fills goal_ with the id of the goal picked by its title
	QLineEdit *supporters_ = nullptr;
	QSpinBox *cooldown_ = nullptr;
	QSpinBox *supporterCooldown_ = nullptr;
	QComboBox *busy_ = nullptr;
	QTableWidget *actions_ = nullptr;
	QLabel *problem_ = nullptr;
};

// Edits `rule` in the dialog (modal): OK writes the rule as edited into it and returns true; Cancel leaves
// it exactly as it was and returns false.
bool editRule(view::Rule &rule, const std::vector<view::GiftChoice> &gifts, QWidget *parent,
	      const std::vector<GoalChoice> &goals = {});

} // namespace livegifts::obs::dock
