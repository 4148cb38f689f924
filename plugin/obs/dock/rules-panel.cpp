#include "obs/dock/rules-panel.hpp"

#include "obs/dock/dock-widgets.hpp"
#include "obs/dock/goals-panel.hpp"
#include "obs/dock/rule-dialog.hpp"
#include "obs/dock/status-text.hpp"
#include "obs/plugin-support.hpp"
#include "obs/rules/rule-runner.hpp"
#include "obs/runtime.hpp"

#include "core/gift-catalogue.hpp"
#include "view/gift-rules.hpp"

#include <QDateTime>
#include <QFontMetrics>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace livegifts::obs::dock {

namespace {

// `text` cut to `width` pixels of `metrics`; whole when `width` is 0.
QString cutTo(const QString &text, const QFontMetrics &metrics, int width)
{
	return width > 0 ? metrics.elidedText(text, Qt::ElideRight, width) : text;
}

// One rule as a line: its name (cut to `nameWidth` pixels of `metrics`, 0: whole), how often it fired, then its
// trigger: what is cut at the dock's edge is the end of the trigger's words, never the count.
QString ruleLine(const view::Rule &rule, const view::RuleStats &stats, const std::vector<view::GiftChoice> &gifts,
		 const std::map<std::string, QString> &goalNames, const QFontMetrics &metrics, int nameWidth)
{
	const QString fired = loc("LiveGifts.Dock.Rules.Fired").arg(stats.fired);
	const QString counted =
	    rule.name.empty() ? fired
			      : QStringLiteral("%1 · %2").arg(cutTo(userText(rule.name), metrics, nameWidth), fired);
	QString line = QStringLiteral("%1 · %2").arg(counted, triggerSummary(rule.trigger, gifts, goalNames));
	if (!rule.enabled) {
		line = loc("LiveGifts.Dock.Rules.Off").arg(line);
	}
	return line;
}

// One problem as a line; the rule's name cut to `nameWidth` pixels of `metrics` (0: whole), so the problem itself
// stays in view.
QString problemLine(const RuleProblem &problem, const QFontMetrics &metrics, int nameWidth)
{
	const QString what = loc(("LiveGifts.Rules.Problem." + problem.kind).c_str()).arg(userText(problem.name));
	const QString rule =
	    cutTo(userText(problem.ruleName.empty() ? problem.ruleId : problem.ruleName), metrics, nameWidth);
	QString line = QStringLiteral("%1: %2").arg(rule, what);
	if (problem.times > 1) {
		line += QStringLiteral(" (×%1)").arg(problem.times);
	}
	return line;
}

// The gifts a rule can pick: the built-in catalogue (parsed once) and those this ledger has seen, from the
// engine's latest snapshot (read, never waited for: the UI thread does not wait on the ledger).
std::vector<view::GiftChoice> giftsToPick()
{
	static const std::vector<view::GiftChoice> catalogue = view::parseGiftCatalogue(GiftCatalogue::builtinJson());
	return view::giftChoices(catalogue, Runtime::instance().snapshot()->allTime.gifts);
}

// The goals a "goal reached" rule can name, from the engine's latest snapshot. Their Goal Bars' names are looked
// up only when a label needs them (a goal without a title, two goals with one title).
std::vector<GoalChoice> goalChoices()
{
	const SnapshotPtr snapshot = Runtime::instance().snapshot();
	std::map<std::string, int> titles;
	for (const auto &[goalId, goal] : snapshot->goals) {
		++titles[goal.title];
	}
	const bool needSources = std::any_of(titles.begin(), titles.end(),
					     [](const auto &title) { return title.first.empty() || title.second > 1; });
	const std::map<std::string, std::string> sources =
	    needSources ? goalSourceNames() : std::map<std::string, std::string>{};
	std::vector<GoalChoice> goals;
	for (const auto &[goalId, goal] : snapshot->goals) {
		const auto source = sources.find(goalId);
		goals.push_back({goalId, goal.title, source != sources.end() ? source->second : std::string()});
	}
	return goals;
}

} // namespace

RulesPanel::RulesPanel(QWidget *parent) : QWidget(parent)
{
	auto *layout = new QVBoxLayout(this);
	layout->setContentsMargins(0, 0, 0, 0);
	refused_ = new QLabel(loc("LiveGifts.Dock.Rules.Refused"), this);
	refused_->setWordWrap(true);
	refused_->setVisible(false);
	layout->addWidget(refused_);
	none_ = new QLabel(loc("LiveGifts.Dock.Rules.None"), this);
	none_->setWordWrap(true);
	layout->addWidget(none_);
	list_ = new QListWidget(this);
	list_->setObjectName(QStringLiteral("liveGiftsRules"));
	list_->setMinimumHeight(90);
	// A long rule name is cut ("…", the whole line in the item's tooltip) rather than scrolled sideways.
	list_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
	list_->setTextElideMode(Qt::ElideRight);
	layout->addWidget(list_);
	auto *row = new FlowRow(); // wraps when the dock is narrow
	const auto button = [&](const char *key, const char *object) {
		auto *made = new QPushButton(loc(key), this);
		made->setObjectName(QString::fromLatin1(object));
		row->addWidget(made);
		return made;
	};
	QPushButton *add = button("LiveGifts.Dock.Rules.Add", "liveGiftsRuleAdd");
	edit_ = button("LiveGifts.Dock.Rules.Edit", "liveGiftsRuleEdit");
	remove_ = button("LiveGifts.Dock.Rules.Remove", "liveGiftsRuleRemove");
	test_ = button("LiveGifts.Dock.Rules.Test", "liveGiftsRuleTest");
	test_->setToolTip(loc("LiveGifts.Dock.Rules.TestTip"));
	layout->addLayout(row);
	problems_ = new ElidedLabel(this);
	problems_->setObjectName(QStringLiteral("liveGiftsRuleProblems"));
	problems_->setStyleSheet(QStringLiteral("color: #e05a4f;"));
	layout->addWidget(problems_);
	clear_ = new QPushButton(loc("LiveGifts.Dock.Rules.ClearProblems"), this);
	clear_->setObjectName(QStringLiteral("liveGiftsRuleClearProblems"));
	layout->addWidget(clear_, 0, Qt::AlignLeading);

	// Add makes a new rule; Edit only ever opens the chosen one (with none chosen it is disabled, never an Add).
	connect(add, &QPushButton::clicked, this, [this] { this->edit(-1); });
	connect(edit_, &QPushButton::clicked, this, [this] {
		if (list_->currentRow() >= 0) {
			this->edit(list_->currentRow());
		}
	});
	connect(list_, &QListWidget::itemDoubleClicked, this, [this] { this->edit(list_->currentRow()); });
	connect(remove_, &QPushButton::clicked, this, [this] { this->remove(list_->currentRow()); });
	connect(test_, &QPushButton::clicked, this, [this] { this->test(list_->currentRow()); });
	connect(list_, &QListWidget::currentRowChanged, this, [this] { followChoice(); });
	connect(clear_, &QPushButton::clicked, this,
		[] { guarded("dock rules clear", [] { RuleRunner::instance().clearProblems(); }); });
	refresh();
}

void RulesPanel::refresh()
{
	RuleRunner &runner = RuleRunner::instance();
	runner.ensureRunning();
	// The goals' names as they are now, made once for the compare and the lines (only while a rule names a goal).
	std::map<std::string, QString> labels =
	    namesGoals_ ? goalLabels(goalChoices()) : std::map<std::string, QString>{};
	if (runner.revision() == shownRevision_ && labels == shownGoalLabels_) {
		return; // nothing new: the rules are not even copied
	}
	const RulesView rules = runner.view();
	shownRevision_ = rules.revision;
	const bool namedGoals = namesGoals_;
	namesGoals_ = std::any_of(rules.rules.begin(), rules.rules.end(), [](const view::Rule &rule) {
		return rule.trigger.kind == view::TriggerKind::GoalReached && !rule.trigger.goalId.empty();
	});
	if (!namesGoals_) {
		labels.clear();
	} else if (!namedGoals) {
		labels = goalLabels(goalChoices());
	}
	shownGoalLabels_ = std::move(labels);
	refused_->setVisible(!rules.writable);
	const int current = list_->currentRow();
	// A firing changes one line's count: lines are set in place (a line that did not change costs a compare),
	// the list is rebuilt only when rules come or go.
	const int count = static_cast<int>(rules.rules.size());
	while (list_->count() > count) {
		delete list_->takeItem(list_->count() - 1);
	}
	const std::vector<view::GiftChoice> gifts = giftsToPick();
	const QFontMetrics metrics(list_->font());
	for (int i = 0; i < count; ++i) {
		const view::Rule &rule = rules.rules[static_cast<std::size_t>(i)];
		const auto found = rules.stats.find(rule.id);
		const view::RuleStats stats = found == rules.stats.end() ? view::RuleStats{} : found->second;
		const QString line =
		    ruleLine(rule, stats, gifts, shownGoalLabels_, metrics, metrics.averageCharWidth() * 20);
		QListWidgetItem *item = i < list_->count() ? list_->item(i) : new QListWidgetItem(list_);
		if (item->text() != line) {
			item->setText(line);
			item->setToolTip(ruleLine(rule, stats, gifts, shownGoalLabels_, metrics, 0));
		}
	}
	list_->setCurrentRow(std::min(current, list_->count() - 1));
	followChoice();
	// A line longer than the dock is cut (whole in the tooltip) rather than widen the dock.
	QStringList lines;
	QStringList whole;
	const QFontMetrics problemMetrics(problems_->font());
	for (const RuleProblem &problem : rules.problems) {
		lines << problemLine(problem, problemMetrics, problemMetrics.averageCharWidth() * 16);
		whole << problemLine(problem, problemMetrics, 0);
	}
	problems_->setFullText(lines.join(QLatin1Char('\n')), whole.join(QLatin1Char('\n')), true);
	problems_->setVisible(!lines.isEmpty());
	clear_->setVisible(!lines.isEmpty());
}

void RulesPanel::followChoice()
{
	const bool chosen = list_->currentRow() >= 0 && list_->currentRow() < list_->count();
	edit_->setEnabled(chosen);
	remove_->setEnabled(chosen);
	test_->setEnabled(chosen);
	none_->setVisible(list_->count() == 0);
}

void RulesPanel::edit(int row)
{
	guarded("dock rule edit", [&] {
		RuleRunner &runner = RuleRunner::instance();
		std::vector<view::Rule> rules = runner.view().rules;
		view::Rule rule;
		if (row >= 0 && row < static_cast<int>(rules.size())) {
			rule = rules[static_cast<std::size_t>(row)];
		} else {
			row = -1;
			rule.id = "rule-" + std::to_string(QDateTime::currentMSecsSinceEpoch());
			rule.trigger.giftId = kSuggestedGiftId;
		}
		const std::string id = rule.id;
		if (!editRule(rule, giftsToPick(), this, goalChoices())) {
			return;
		}
		// Applied to the rules as they are now: the file may have been read again while the dialog was open.
		rules = runner.view().rules;
		const auto same =
		    std::find_if(rules.begin(), rules.end(), [&id](const view::Rule &kept) { return kept.id == id; });
		if (row < 0 || same == rules.end()) {
			rules.push_back(std::move(rule));
		} else {
			*same = std::move(rule);
		}
		if (!runner.setRules(std::move(rules))) {
			QMessageBox::warning(this, loc("LiveGifts.Dock.Rules"), loc("LiveGifts.Dock.Rules.Refused"));
		}
		LG_LOG(LOG_INFO, "dock: rule %s", row < 0 ? "added" : "edited");
	});
}

void RulesPanel::remove(int row)
{
	guarded("dock rule remove", [&] {
		RuleRunner &runner = RuleRunner::instance();
		std::vector<view::Rule> rules = runner.view().rules;
		if (row < 0 || row >= static_cast<int>(rules.size())) {
			return;
		}
		const view::Rule &rule = rules[static_cast<std::size_t>(row)];
		const QFontMetrics metrics(font());
		const QString name = metrics.elidedText(QString::fromStdString(rule.name.empty() ? rule.id : rule.name),
							Qt::ElideRight, metrics.averageCharWidth() * 40);
		if (!askYesNo(this, loc("LiveGifts.Dock.Rules"), loc("LiveGifts.Dock.Rules.RemoveAsk").arg(name))) {
			return;
		}
		const std::string id = rule.id;
		rules = runner.view().rules; // as they are now (see edit)
		rules.erase(
		    std::remove_if(rules.begin(), rules.end(), [&id](const view::Rule &kept) { return kept.id == id; }),
		    rules.end());
		if (!runner.setRules(std::move(rules))) {
			QMessageBox::warning(this, loc("LiveGifts.Dock.Rules"), loc("LiveGifts.Dock.Rules.Refused"));
		}
	});
}

void RulesPanel::test(int row)
{
	guarded("dock rule test", [&] {
		RuleRunner &runner = RuleRunner::instance();
		const std::vector<view::Rule> rules = runner.view().rules;
		if (row >= 0 && row < static_cast<int>(rules.size())) {
			runner.testRule(rules[static_cast<std::size_t>(row)].id);
		}
	});
}

} // namespace livegifts::obs::dock
