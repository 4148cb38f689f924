// The rule dialog (plugin/obs/dock/rule-dialog) on Qt Widgets alone, offscreen, in English (the words come
// from locale/en-US.ini as OBS would give them): opening a rule shows it, the gift picker shows catalogue
// gifts by name and coins, "Any gift" and a typed id; Cancel changes nothing; OK writes exactly the edits;
// what cannot work is refused with a message saying what to fix.

#include "obs/dock/dock-widgets.hpp"
#include "obs/dock/rule-dialog.hpp"
#include "view/plural.hpp"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <string>

namespace livegifts::obs::dock {

// The dock's words as obs_module_text gives them in English (status-text.cpp reads them from libobs).
QString loc(const char *key)
{
	static const std::map<std::string, std::string> words = [] {
		std::map<std::string, std::string> read;
		std::ifstream file(LIVE_GIFTS_LOCALE_DIR "/en-US.ini");
		std::string line;
		while (std::getline(file, line)) {
			const auto equals = line.find("=\"");
			if (equals != std::string::npos && line.size() > equals + 2 && line.back() == '"') {
				read[line.substr(0, equals)] = line.substr(equals + 2, line.size() - equals - 3);
			}
		}
		return read;
	}();
	const auto found = words.find(key);
	return QString::fromStdString(found == words.end() ? std::string(key) : found->second);
}

// The module's number words in English (status-text.cpp takes them from the module's locale).
const view::Wording &numberWords()
{
	static const view::Wording english;
	return english;
}

} // namespace livegifts::obs::dock

using namespace livegifts;
using livegifts::obs::dock::editRule;
using livegifts::obs::dock::RuleDialog;

namespace {

std::vector<view::GiftChoice> catalogue()
{
	view::GiftChoice rose;
	rose.giftId = 5655;
	rose.name = "Rose";
	rose.coins = 1;
	view::GiftChoice lion;
	lion.giftId = 6369;
	lion.name = "Lion";
	lion.coins = 29999;
	return {rose, lion};
}

view::Rule storedRule()
{
	view::Rule rule;
	rule.id = "rule-1700000000000";
	rule.name = "Rose streaks from guests";
	rule.trigger.kind = view::TriggerKind::Streak;
	rule.trigger.giftId = 5655;
	rule.trigger.amount = 10;
	rule.trigger.giftsTo = view::GiftRecipients::Guests;
	rule.supporters = {"fan1", "fan2"};
	rule.cooldownMs = 30'000;
	rule.supporterCooldownMs = 5'000;
	rule.busy = view::BusyMode::Skip;
	view::RuleAction show;
	show.kind = view::ActionKind::ShowSource;
	show.scene = "Main";
	show.source = "Confetti";
	show.durationMs = 5'000;
	view::RuleAction sound;
	sound.kind = view::ActionKind::PlaySound;
	sound.sound = "chime";
	sound.volume = 80;
	view::RuleAction counter;
	counter.kind = view::ActionKind::AddCounter;
	counter.counter = "Roses";
	counter.amount = 3;
	view::RuleAction card;
	card.kind = view::ActionKind::ShowAlert;
	card.source = "Alerts";
	card.text = "{nickname}|sent {gift}";
	rule.actions = {show, sound, counter, card};
	return rule;
}

std::string stored(const std::vector<view::Rule> &rules)
{
	return view::rulesToJson(rules).dump();
}

template <typename T>
T *child(const QWidget &dialog, const char *name)
{
	T *found = dialog.findChild<T *>(QString::fromLatin1(name));
	REQUIRE(found != nullptr);
	return found;
}

QString cell(const QTableWidget *table, int row, int column)
{
	const QTableWidgetItem *item = table->item(row, column);
	return item ? item->text() : QString();
}

void setCell(QTableWidget *table, int row, int column, const QString &text)
{
	table->setItem(row, column, new QTableWidgetItem(text));
}

QString kindOf(const QTableWidget *table, int row)
{
	const auto *combo = qobject_cast<QComboBox *>(table->cellWidget(row, 0));
	return combo ? combo->currentText() : QString();
}

// Picks the entry labelled `label` as a click in the list does.
void pick(QComboBox *combo, const QString &label)
{
	const int index = combo->findText(label);
	REQUIRE(index >= 0);
	combo->setCurrentIndex(index);
	emit combo->activated(index);
}

QPushButton *button(const QWidget &dialog, QDialogButtonBox::StandardButton which)
{
	QPushButton *found = child<QDialogButtonBox>(dialog, nullptr)->button(which);
	REQUIRE(found != nullptr);
	return found;
}

// Runs editRule(rule) with `act` done on the open dialog (as the user would, ending with OK or Cancel).
bool editWith(view::Rule &rule, const std::function<void(RuleDialog &)> &act)
{
	bool seen = false;
	QTimer::singleShot(0, [&] {
		for (QWidget *widget : QApplication::topLevelWidgets()) {
			if (auto *dialog = dynamic_cast<RuleDialog *>(widget);
			    dialog != nullptr && dialog->isVisible()) {
				seen = true;
				act(*dialog);
			}
		}
	});
	const bool accepted = editRule(rule, catalogue(), nullptr);
	CHECK(seen);
	return accepted;
}

} // namespace

TEST_CASE("The rule dialog opens a rule showing its trigger, filters, gift and actions", "[rule-dialog]")
{
	const view::Rule rule = storedRule();
	RuleDialog dialog(rule, catalogue(), nullptr);
	CHECK(child<QLineEdit>(dialog, "liveGiftsRuleName")->text() == "Rose streaks from guests");
	CHECK(child<QComboBox>(dialog, "liveGiftsRuleTrigger")->currentText() == "A streak reaching N");
	CHECK(child<QSpinBox>(dialog, "liveGiftsRuleGiftId")->value() == 5655);
	auto *gift = child<QComboBox>(dialog, "liveGiftsRuleGift");
	CHECK(gift->currentText() == QString::fromUtf8("Rose · 1 coin"));
	CHECK(gift->itemText(0) == "Any gift");
	CHECK(gift->findText(QString::fromUtf8("Lion · 29,999 coins")) >= 0);
	CHECK(child<QComboBox>(dialog, "liveGiftsRuleGiftsTo")->currentText() ==
	      "Guests (co-hosts, multi-guest seats)");
	CHECK(child<QSpinBox>(dialog, "liveGiftsRuleAmount")->value() == 10);
	CHECK(child<QLineEdit>(dialog, "liveGiftsRuleSupporters")->text() == "fan1, fan2");

	const auto *actions = child<QTableWidget>(dialog, "liveGiftsRuleActions");
	REQUIRE(actions->rowCount() == 4);
	CHECK(kindOf(actions, 0) == "Show a source for N seconds");
	CHECK(cell(actions, 0, 1) == "Main");
	CHECK(cell(actions, 0, 2) == "Confetti");
	CHECK(cell(actions, 0, 4) == "5");
	CHECK(kindOf(actions, 1) == "Play a sound");
	CHECK(cell(actions, 1, 3) == "chime");
	CHECK(cell(actions, 1, 5) == "80");
	CHECK(kindOf(actions, 2) == "Add to a counter");
	CHECK(cell(actions, 2, 3) == "Roses");
	CHECK(cell(actions, 2, 5) == "3");
	CHECK(kindOf(actions, 3) == "Show a custom alert card");
	CHECK(cell(actions, 3, 2) == "Alerts");
	CHECK(cell(actions, 3, 3) == "{nickname}|sent {gift}");
	CHECK_FALSE(child<QLabel>(dialog, "liveGiftsRuleProblem")->isVisibleTo(&dialog));

	// Untouched, the dialog gives the rule back as it came.
	CHECK(dialog.rule() == rule);
}

TEST_CASE("The rule dialog's gift picker: a catalogue gift, any gift, an id typed", "[rule-dialog]")
{
	RuleDialog dialog(storedRule(), catalogue(), nullptr);
	auto *gift = child<QComboBox>(dialog, "liveGiftsRuleGift");
	auto *id = child<QSpinBox>(dialog, "liveGiftsRuleGiftId");

	pick(gift, QString::fromUtf8("Lion · 29,999 coins"));
	CHECK(id->value() == 6369);
	CHECK(dialog.rule().trigger.giftId == 6369);

	pick(gift, "Any gift");
	CHECK(id->value() == 0);
	CHECK(dialog.rule().trigger.giftId == 0);

	// An id the list does not have is kept as typed; the picker shows none of its entries.
	id->setValue(8352);
	CHECK(gift->currentIndex() == -1);
	CHECK(dialog.rule().trigger.giftId == 8352);
	// Typing a listed id shows its entry.
	id->setValue(5655);
	CHECK(gift->currentText() == QString::fromUtf8("Rose · 1 coin"));
}

TEST_CASE("The rule dialog's goal picker: a goal by its title, any goal, an id typed", "[rule-dialog]")
{
	// Seen in OBS: the field asked for a goal id that nothing else showed.
	view::Rule rule = storedRule();
	rule.trigger.kind = view::TriggerKind::GoalReached;
	rule.trigger.goalId = "";
	const std::vector<livegifts::obs::dock::GoalChoice> goals{
	    {"goal-3330ba2d", "Camera fund", "Goal A"}, {"desk", "", ""}, {"goal-77", "Mic", "Mic bar"}};
	RuleDialog dialog(rule, catalogue(), nullptr, goals);
	auto *pickGoal = child<QComboBox>(dialog, "liveGiftsRuleGoalPick");
	auto *id = child<QLineEdit>(dialog, "liveGiftsRuleGoal");
	CHECK(pickGoal->isEnabled());
	CHECK(pickGoal->currentText() == "Any goal");

	pick(pickGoal, QString::fromUtf8("\u2068Camera fund\u2069")); // a title of its own: the title alone
	CHECK(id->text() == "goal-3330ba2d");
	CHECK(dialog.rule().trigger.goalId == "goal-3330ba2d");
	pick(pickGoal, QString::fromUtf8("\u2068desk\u2069")); // a goal without a title goes by its id
	CHECK(dialog.rule().trigger.goalId == "desk");
	pick(pickGoal, "Any goal");
	CHECK(dialog.rule().trigger.goalId.empty());

	// An id no goal here has is kept as typed; typing a listed id shows its goal.
	id->setText("gone");
	emit id->textEdited(id->text());
	CHECK(pickGoal->currentIndex() == -1);
	CHECK(dialog.rule().trigger.goalId == "gone");
	id->setText("desk");
	emit id->textEdited(id->text());
	CHECK(pickGoal->currentText() == QString::fromUtf8("\u2068desk\u2069"));

	// Two goals with one title (a duplicated bar) go by their sources' names, as in the dock.
	std::vector<livegifts::obs::dock::GoalChoice> twins = goals;
	twins.push_back({"goal-8980b581", "Camera fund", "Goal A 2"});
	twins.push_back({"goal-lost", "Camera fund", ""}); // no source shows it: its id
	RuleDialog twinDialog(rule, catalogue(), nullptr, twins);
	auto *twinPick = child<QComboBox>(twinDialog, "liveGiftsRuleGoalPick");
	CHECK(twinPick->findText(QString::fromUtf8("\u2068Camera fund\u2069 (\u2068Goal A\u2069)")) >= 0);
	CHECK(twinPick->findText(QString::fromUtf8("\u2068Camera fund\u2069 (\u2068Goal A 2\u2069)")) >= 0);
	CHECK(twinPick->findText(QString::fromUtf8("\u2068Camera fund\u2069 (\u2068goal-lost\u2069)")) >= 0);
	CHECK(twinPick->findText(QString::fromUtf8("\u2068Mic\u2069")) >= 0);

	// Another trigger: the goal is not asked for.
	rule.trigger.kind = view::TriggerKind::Follow;
	RuleDialog follow(rule, catalogue(), nullptr, goals);
	CHECK_FALSE(child<QComboBox>(follow, "liveGiftsRuleGoalPick")->isEnabled());
}

TEST_CASE("The rules list names a goal as the dialog does; a very long name keeps the dialog narrow", "[rule-dialog]")
{
	using livegifts::obs::dock::GoalChoice;
	using livegifts::obs::dock::goalLabels;
	using livegifts::obs::dock::triggerSummary;
	// Seen in OBS: the list said "A goal reached · goal-2da945169..." where the dialog said "Goal (Goal Bar 2)".
	const std::vector<GoalChoice> goals{
	    {"goal-1", "Camera fund", "Goal A"}, {"goal-2", "Camera fund", "Goal A 2"}, {"goal-3", "Mic", "Mic bar"}};
	view::RuleTrigger reached;
	reached.kind = view::TriggerKind::GoalReached;
	reached.goalId = "goal-2";
	CHECK(triggerSummary(reached, catalogue(), goalLabels(goals)) ==
	      QString::fromUtf8("A goal reached · \u2068Camera fund\u2069 (\u2068Goal A 2\u2069)"));
	reached.goalId = "goal-3";
	CHECK(triggerSummary(reached, catalogue(), goalLabels(goals)) ==
	      QString::fromUtf8("A goal reached · \u2068Mic\u2069"));
	reached.goalId = "gone"; // no such goal now: its id
	CHECK(triggerSummary(reached, catalogue(), goalLabels(goals)) ==
	      QString::fromUtf8("A goal reached · \u2068gone\u2069"));

	// Seen in OBS: a Goal Bar renamed to 250 characters opened the dialog 2,485 px wide, OK and Cancel off screen.
	view::Rule rule = storedRule();
	rule.trigger.kind = view::TriggerKind::GoalReached;
	const std::string longName(250, 'W');
	const std::vector<GoalChoice> twins{{"goal-1", "Camera fund", longName}, {"goal-2", "Camera fund", "Short"}};
	RuleDialog narrow(rule, catalogue(), nullptr, {{"goal-3", "Mic", "Mic bar"}});
	RuleDialog wide(rule, catalogue(), nullptr, twins);
	const int normal = narrow.sizeHint().width();
	INFO("normal " << normal << " px, with the long name " << wide.sizeHint().width() << " px");
	CHECK(wide.sizeHint().width() <= normal + 100);
	auto *pickGoal = child<QComboBox>(wide, "liveGiftsRuleGoalPick");
	const int longRow = pickGoal->findData(QString("goal-1"));
	REQUIRE(longRow > 0);
	CHECK(pickGoal->itemText(longRow).size() < 120); // cut in the list
	CHECK(pickGoal->itemData(longRow, Qt::ToolTipRole)
		  .toString()
		  .contains(QString::fromStdString(longName))); // whole
	pickGoal->setCurrentIndex(longRow);
	emit pickGoal->activated(longRow);
	CHECK(wide.rule().trigger.goalId == "goal-1"); // the cut label still picks its goal
}

TEST_CASE("The rule dialog's Cancel leaves the stored rule byte for byte", "[rule-dialog]")
{
	std::vector<view::Rule> rules = {storedRule()};
	const std::string before = stored(rules);
	const bool accepted = editWith(rules[0], [](RuleDialog &dialog) {
		child<QLineEdit>(dialog, "liveGiftsRuleName")->setText("Something else");
		pick(child<QComboBox>(dialog, "liveGiftsRuleGift"), "Any gift");
		child<QSpinBox>(dialog, "liveGiftsRuleAmount")->setValue(99);
		auto *actions = child<QTableWidget>(dialog, "liveGiftsRuleActions");
		setCell(actions, 0, 4, "12");
		actions->removeRow(3);
		button(dialog, QDialogButtonBox::Cancel)->click();
	});
	CHECK_FALSE(accepted);
	CHECK(stored(rules) == before);
}

TEST_CASE("The rule dialog's OK writes exactly the edits", "[rule-dialog]")
{
	// OK without edits: the same bytes.
	std::vector<view::Rule> rules = {storedRule()};
	const std::string before = stored(rules);
	CHECK(editWith(rules[0], [](RuleDialog &dialog) { button(dialog, QDialogButtonBox::Ok)->click(); }));
	CHECK(stored(rules) == before);

	// A name, a gift from the picker, an action's seconds and the counter's amount.
	CHECK(editWith(rules[0], [](RuleDialog &dialog) {
		child<QLineEdit>(dialog, "liveGiftsRuleName")->setText("  Lion streaks  ");
		pick(child<QComboBox>(dialog, "liveGiftsRuleGift"), QString::fromUtf8("Lion · 29,999 coins"));
		auto *actions = child<QTableWidget>(dialog, "liveGiftsRuleActions");
		setCell(actions, 0, 4, "2.5");
		setCell(actions, 2, 5, "7");
		button(dialog, QDialogButtonBox::Ok)->click();
	}));
	view::Rule expected = storedRule();
	expected.name = "Lion streaks";
	expected.trigger.giftId = 6369;
	expected.actions[0].durationMs = 2'500;
	expected.actions[2].amount = 7;
	CHECK(rules[0] == expected);
	CHECK(stored(rules) == stored({expected}));
}

TEST_CASE("The rule dialog keeps the keys it does not show: the rule's, its trigger's and each action's",
	  "[rule-dialog]")
{
	// A note by hand or a later build's field in a trigger or an action was dropped by an edit in the dialog.
	std::vector<view::Rule> rules = {storedRule()};
	rules[0].extra = {{"comment", "mine"}};
	rules[0].trigger.extra = {{"minLevel", 3}};
	rules[0].actions[0].extra = {{"fadeMs", 250}};
	rules[0].actions[2].extra = {{"later", {{"x", 1}}}};
	const std::string before = stored(rules);
	CHECK(editWith(rules[0], [](RuleDialog &dialog) { button(dialog, QDialogButtonBox::Ok)->click(); }));
	CHECK(stored(rules) == before);

	// An action removed takes its keys along; the others keep theirs; a new one has none.
	const QString addAction = obs::dock::loc("LiveGifts.Dock.Rules.AddAction");
	CHECK(editWith(rules[0], [&](RuleDialog &dialog) {
		auto *actions = child<QTableWidget>(dialog, "liveGiftsRuleActions");
		actions->removeRow(1); // the sound
		pick(child<QComboBox>(dialog, "liveGiftsRuleTrigger"), "A gift");
		for (QPushButton *each : dialog.findChildren<QPushButton *>()) {
			if (each->text() == addAction) {
				each->click();
			}
		}
		REQUIRE(actions->rowCount() == 4);
		setCell(actions, 3, 3,
			"Roses"); // a counter's name (the new row is "show a source": a scene and a source)
		setCell(actions, 3, 1, "Main");
		setCell(actions, 3, 2, "Cam");
		button(dialog, QDialogButtonBox::Ok)->click();
	}));
	REQUIRE(rules[0].actions.size() == 4);
	CHECK(rules[0].extra == nlohmann::json{{"comment", "mine"}});
	CHECK(rules[0].trigger.extra == nlohmann::json{{"minLevel", 3}});
	CHECK(rules[0].actions[0].extra == nlohmann::json{{"fadeMs", 250}});
	CHECK(rules[0].actions[1].kind == view::ActionKind::AddCounter);
	CHECK(rules[0].actions[1].extra == nlohmann::json{{"later", {{"x", 1}}}});
	CHECK(rules[0].actions[2].extra.empty()); // the card's: it had none
	CHECK(rules[0].actions[3].source == "Cam");
	CHECK(rules[0].actions[3].extra.empty());
}

TEST_CASE("The rule dialog: a trigger that weighs coins starts with any gift, not the suggested Rose", "[rule-dialog]")
{
	// Seen: "a gift worth at least 100 coins" kept the Rose a new rule starts with, and never fired for a Lion.
	view::Rule rule;
	rule.id = "rule-1";
	rule.trigger.giftId = obs::dock::kSuggestedGiftId;
	view::RuleAction show;
	show.scene = "Main";
	show.source = "Cam";
	rule.actions = {show};
	view::Rule fresh = rule;
	CHECK(editWith(fresh, [](RuleDialog &dialog) {
		pick(child<QComboBox>(dialog, "liveGiftsRuleTrigger"), "A gift worth at least N coins");
		child<QSpinBox>(dialog, "liveGiftsRuleAmount")->setValue(100);
		button(dialog, QDialogButtonBox::Ok)->click();
	}));
	CHECK(fresh.trigger.kind == view::TriggerKind::MinCoins);
	CHECK(fresh.trigger.giftId == 0);

	// A gift the streamer picked stays.
	view::Rule picked = rule;
	CHECK(editWith(picked, [](RuleDialog &dialog) {
		pick(child<QComboBox>(dialog, "liveGiftsRuleGift"), QString::fromUtf8("Lion · 29,999 coins"));
		pick(child<QComboBox>(dialog, "liveGiftsRuleTrigger"), "N coins within a time");
		child<QSpinBox>(dialog, "liveGiftsRuleAmount")->setValue(100);
		button(dialog, QDialogButtonBox::Ok)->click();
	}));
	CHECK(picked.trigger.kind == view::TriggerKind::CoinsInWindow);
	CHECK(picked.trigger.giftId == 6369);

	// A streak still counts the Rose.
	view::Rule streak = rule;
	CHECK(editWith(streak, [](RuleDialog &dialog) {
		pick(child<QComboBox>(dialog, "liveGiftsRuleTrigger"), "A streak reaching N");
		child<QSpinBox>(dialog, "liveGiftsRuleAmount")->setValue(10);
		button(dialog, QDialogButtonBox::Ok)->click();
	}));
	CHECK(streak.trigger.giftId == obs::dock::kSuggestedGiftId);
}

TEST_CASE("The rule dialog shows four actions and every action header whole at its first size", "[rule-dialog]")
{
	// Seen: one action row in view and "Filter, hotkey, sound, counter or card text" cut to "sound, counte", the
	// kinds to "Show a sou"; a larger dialog widened only the last column.
	RuleDialog dialog(storedRule(), catalogue(), nullptr);
	dialog.show();
	QApplication::processEvents();
	auto *actions = child<QTableWidget>(dialog, "liveGiftsRuleActions");
	CHECK(actions->viewport()->height() >= 4 * actions->verticalHeader()->defaultSectionSize());
	const QFontMetrics metrics(actions->horizontalHeader()->font());
	for (int column = 0; column < actions->columnCount(); ++column) {
		const QString label = actions->horizontalHeaderItem(column)->text();
		INFO(label.toStdString());
		CHECK(actions->columnWidth(column) >= metrics.horizontalAdvance(label));
	}
	const auto *kind = qobject_cast<QComboBox *>(actions->cellWidget(0, 0));
	REQUIRE(kind != nullptr);
	CHECK(kind->width() >= kind->sizeHint().width());
	if (const char *grab = std::getenv("LIVE_GIFTS_GRAB")) {
		dialog.grab().save(QString::fromUtf8(grab)); // for a look by eye
	}
}

TEST_CASE("A trigger as the rules list shows it: its count in place of N, the gift by name", "[rule-dialog]")
{
	// Seen: "A gift worth at least N coins · Any gift · 100", the count past the dock's edge.
	using livegifts::obs::dock::triggerSummary;
	view::RuleTrigger coins;
	coins.kind = view::TriggerKind::MinCoins;
	coins.amount = 100;
	CHECK(triggerSummary(coins, catalogue()) == "A gift worth at least 100 coins · Any gift");
	view::RuleTrigger streak;
	streak.kind = view::TriggerKind::Streak;
	streak.giftId = 5655;
	streak.amount = 10;
	// A name from a stream is shown isolated (userText: a right-to-left name keeps the words around it in place).
	CHECK(triggerSummary(streak, catalogue()) ==
	      QString::fromUtf8("A streak reaching 10 · ") + obs::dock::userText("Rose"));
	streak.giftId = 9001; // not in the list
	CHECK(triggerSummary(streak, catalogue()) == "A streak reaching 10 · #9001");
	view::RuleTrigger likes;
	likes.kind = view::TriggerKind::LikeMilestone;
	likes.amount = 1000;
	// Grouped as the module's language groups it (numberWords), whatever the system's locale says.
	const QLocale system = QLocale();
	QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
	CHECK(triggerSummary(likes, catalogue()) == QStringLiteral("Every 1,000 likes"));
	QLocale::setDefault(system);
	view::RuleTrigger gift;
	gift.giftId = 6369;
	CHECK(triggerSummary(gift, catalogue()) == QString::fromUtf8("A gift · ") + obs::dock::userText("Lion"));
}

TEST_CASE("The rule dialog refuses what cannot work and says what to fix", "[rule-dialog]")
{
	view::Rule rule = storedRule();
	const std::string before = stored({rule});
	std::vector<QString> messages;
	bool stayedOpen = true;
	const bool accepted = editWith(rule, [&](RuleDialog &dialog) {
		auto *problem = child<QLabel>(dialog, "liveGiftsRuleProblem");
		auto *amount = child<QSpinBox>(dialog, "liveGiftsRuleAmount");
		auto *actions = child<QTableWidget>(dialog, "liveGiftsRuleActions");
		QPushButton *ok = button(dialog, QDialogButtonBox::Ok);
		const auto tryOk = [&] {
			ok->click();
			stayedOpen = stayedOpen && dialog.isVisible() && dialog.result() != QDialog::Accepted;
			messages.push_back(problem->isVisibleTo(&dialog) ? problem->text() : QString());
		};
		amount->setValue(0); // a streak of 0
		tryOk();
		amount->setValue(10);
		setCell(actions, 0, 2, " "); // the source to show left empty
		tryOk();
		setCell(actions, 0, 2, "Confetti");
		setCell(actions, 0, 4, "five"); // seconds that are not a number
		tryOk();
		setCell(actions, 0, 4, "-1");
		tryOk();
		setCell(actions, 0, 4, "5");
		setCell(actions, 1, 5, "150"); // a volume above 100
		tryOk();
		setCell(actions, 1, 5, "80");
		setCell(actions, 2, 5, "3 roses"); // a counter's amount that is not a whole number
		tryOk();
		setCell(actions, 2, 5, "99999999999999"); // a counter's step past what the rules file keeps
		tryOk();
		setCell(actions, 2, 5, "-999999999");
		// Texts the rules file could not hold (a file with one is not read at all): 4097 bytes of a name, 4098
		// of Arabic (two bytes a letter), a card's words of 5000 bytes; 4096 bytes are taken.
		auto *name = child<QLineEdit>(dialog, "liveGiftsRuleName");
		name->setText(QString(4097, QLatin1Char('n')));
		tryOk();
		name->setText(QString(2049, QChar(0x0639)));
		tryOk();
		name->setText(QString(4096, QLatin1Char('n')));
		setCell(actions, 3, 3, QString(5000, QLatin1Char('w')));
		tryOk();
		setCell(actions, 3, 3, "{nickname}");
		CHECK(dialog.problem().isEmpty());
		// Seen in OBS: the problem shown after OK stayed once the edit that fixed it was made.
		CHECK(problem->isHidden());
		setCell(actions, 0, 2, " ");
		tryOk();
		CHECK_FALSE(problem->isHidden());
		actions->setCurrentCell(0, 0);
		child<QPushButton>(dialog, "liveGiftsRuleRemoveAction")
		    ->click(); // the action at fault goes: nothing is wrong any more
		CHECK(problem->isHidden());
		button(dialog, QDialogButtonBox::Cancel)->click();
	});
	CHECK_FALSE(accepted);
	CHECK(stayedOpen);
	REQUIRE(messages.size() == 11);
	CHECK(messages[6] == "Action 3: the counter’s step must be a whole number from -999999999 to 999999999.");
	CHECK(messages[7] ==
	      QString::fromUtf8("“Name” is too long: at most 4096 bytes of text (about 1,300 characters of "
				"Chinese or 2,000 of Arabic)."));
	CHECK(messages[8] == messages[7]);
	CHECK(messages[9] ==
	      QString::fromUtf8("Action 4: “Filter, hotkey, sound, counter or card text” is too long: at most 4096 "
				"bytes of text (about 1,300 characters of Chinese or 2,000 of Arabic)."));
	CHECK(messages[0] == "Set how many coins, streak units or likes: more than 0.");
	CHECK(messages[1] == QString::fromUtf8("Action 1: fill in “Source”."));
	CHECK(messages[2] == "Action 1: the seconds must be a number from 0 to 86400 (like 5 or 2.5).");
	CHECK(messages[3] == messages[2]);
	CHECK(messages[4] == "Action 2: the amount must be a whole number (a volume from 0 to 100).");
	CHECK(messages[5] == "Action 3: the amount must be a whole number (a volume from 0 to 100).");
	CHECK(stored({rule}) == before);

	// Fixed, OK is taken.
	RuleDialog dialog(storedRule(), catalogue(), nullptr);
	child<QSpinBox>(dialog, "liveGiftsRuleAmount")->setValue(0);
	dialog.accept();
	CHECK(dialog.result() != QDialog::Accepted);
	CHECK_FALSE(dialog.problem().isEmpty());
	child<QSpinBox>(dialog, "liveGiftsRuleAmount")->setValue(4);
	CHECK(dialog.problem().isEmpty());
	dialog.accept();
	CHECK(dialog.result() == QDialog::Accepted);
}
