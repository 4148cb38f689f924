#include "obs/dock/rule-dialog.hpp"

#include "obs/dock/dock-widgets.hpp"
#include "obs/dock/goal-row-words.hpp"
#include "obs/dock/status-text.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontMetrics>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <map>
#include <cmath>

namespace livegifts::obs::dock {

namespace {

enum Column { KindColumn, SceneColumn, SourceColumn, NameColumn, SecondsColumn, AmountColumn, ColumnCount };

constexpr const char *kExtraProperty = "liveGiftsExtra"; // an action row's unread keys, as JSON text

QString triggerLabel(view::TriggerKind kind)
{
	return loc(("LiveGifts.Rules.Trigger." + std::string(view::triggerName(kind))).c_str());
}

QString actionLabel(view::ActionKind kind)
{
	return loc(("LiveGifts.Rules.Action." + std::string(view::actionName(kind))).c_str());
}

QSpinBox *spin(QWidget *parent, int maximum, std::int64_t value)
{
	auto *box = new QSpinBox(parent);
	box->setLocale(dockLocale());
	box->setRange(0, maximum);
	box->setValue(static_cast<int>(std::clamp<std::int64_t>(value, 0, maximum)));
	return box;
}

// The name column's value: what an action of `kind` names besides its scene and source.
std::string nameOf(const view::RuleAction &action)
{
	switch (action.kind) {
	case view::ActionKind::EnableFilter:
		return action.filter;
	case view::ActionKind::Hotkey:
		return action.hotkey;
	case view::ActionKind::PlaySound:
		return action.sound;
	case view::ActionKind::AddCounter:
		return action.counter;
	case view::ActionKind::ShowAlert:
		return action.text;
	default:
		return {};
	}
}

QString cellText(const QTableWidget *table, int row, int column)
{
	const QTableWidgetItem *item = table->item(row, column);
	return item ? item->text().trimmed() : QString();
}

// The columns an action of `kind` cannot do without.
std::vector<int> neededColumns(view::ActionKind kind)
{
	switch (kind) {
	case view::ActionKind::ShowSource:
		return {SceneColumn, SourceColumn};
	case view::ActionKind::SwitchScene:
		return {SceneColumn};
	case view::ActionKind::RestartMedia:
		return {SourceColumn};
	case view::ActionKind::EnableFilter:
		return {SourceColumn, NameColumn};
	case view::ActionKind::Hotkey:
	case view::ActionKind::PlaySound:
	case view::ActionKind::AddCounter:
		return {NameColumn};
	case view::ActionKind::ShowAlert:
		return {SourceColumn};
	}
	return {};
}

// Items of `box` wider than about 40 characters cut in their middle (whole in their tooltips), and the box as
// wide as about 24 characters whatever its items.
void keepNarrow(QComboBox &box)
{
	const QFontMetrics metrics(box.font());
	const int widest = metrics.averageCharWidth() * 40;
	for (int i = 0; i < box.count(); ++i) {
		const QString whole = box.itemText(i);
		const QString cut = metrics.elidedText(whole, Qt::ElideMiddle, widest);
		if (cut != whole) {
			box.setItemText(i, cut);
			box.setItemData(i, whole, Qt::ToolTipRole);
		}
	}
	box.setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
	box.setMinimumContentsLength(24);
}

} // namespace

std::map<std::string, QString> goalLabels(const std::vector<GoalChoice> &goals)
{
	std::map<std::string, int> titles;
	for (const GoalChoice &goal : goals) {
		++titles[goal.title];
	}
	std::map<std::string, QString> labels;
	for (const GoalChoice &goal : goals) {
		labels[goal.id] = goal.title.empty()       ? userText(goal.source.empty() ? goal.id : goal.source)
				  : titles[goal.title] > 1 ? twinName(userText(goal.title), goal.id, goal.source)
							   : userText(goal.title);
	}
	return labels;
}

// The trigger with what it waits for: the count or coins in place of its words' N ("A gift worth at least 100
// coins"), the gift (by name when known), the goal.
QString triggerSummary(const view::RuleTrigger &trigger, const std::vector<view::GiftChoice> &gifts,
		       const std::map<std::string, QString> &goalNames)
{
	using K = view::TriggerKind;
	QString text = triggerLabel(trigger.kind);
	if (view::countingTrigger(trigger.kind)) {
		// Every locale's words for these triggers hold one N standing alone.
		static const QRegularExpression placeholder(QStringLiteral("(?<!\\p{L})N(?!\\p{L})"));
		text.replace(placeholder, QString::fromStdString(numberWords().number(trigger.amount)));
	}
	QStringList details;
	if (view::giftTrigger(trigger.kind)) {
		const auto gift = std::find_if(gifts.begin(), gifts.end(), [&trigger](const view::GiftChoice &choice) {
			return choice.giftId == trigger.giftId;
		});
		details << (trigger.giftId == 0   ? loc("LiveGifts.Dock.Rules.AnyGift")
			    : gift != gifts.end() ? userText(gift->name)
						  : QStringLiteral("#%1").arg(trigger.giftId));
	}
	if (trigger.kind == K::GoalReached && !trigger.goalId.empty()) {
		const auto label = goalNames.find(trigger.goalId);
		details << (label != goalNames.end() ? label->second : userText(trigger.goalId));
	}
	if (!details.isEmpty()) {
		text += QStringLiteral(" · ") + details.join(QStringLiteral(" · "));
	}
	return text;
}

RuleDialog::RuleDialog(const view::Rule &rule, const std::vector<view::GiftChoice> &gifts, QWidget *parent,
		       const std::vector<GoalChoice> &goals)
    : QDialog(parent), id_(rule.id), extra_(rule.extra), triggerExtra_(rule.trigger.extra)
{
	setWindowTitle(loc("LiveGifts.Dock.Rules.Dialog"));
	setObjectName(QStringLiteral("liveGiftsRuleDialog"));
	setLayoutDirection(moduleDirection()); // a window of its own: it would take OBS's direction
	auto *layout = new QVBoxLayout(this);
	auto *form = new QFormLayout();
	name_ = new QLineEdit(QString::fromStdString(rule.name), this);
	name_->setObjectName(QStringLiteral("liveGiftsRuleName"));
	enabled_ = new QCheckBox(this);
	enabled_->setChecked(rule.enabled);
	trigger_ = newComboBox(this);
	trigger_->setObjectName(QStringLiteral("liveGiftsRuleTrigger"));
	for (const view::TriggerKind kind : view::kTriggerKinds) {
		trigger_->addItem(triggerLabel(kind), static_cast<int>(kind));
	}
	trigger_->setCurrentIndex(std::max(0, trigger_->findData(static_cast<int>(rule.trigger.kind))));
	giftId_ = spin(this, 999999999, rule.trigger.giftId);
	giftId_->setObjectName(QStringLiteral("liveGiftsRuleGiftId"));
	// The gift by name and price (the catalogue's and those seen); its id goes to giftId_, where an id not
	// listed can still be typed.
	giftPick_ = newComboBox(this);
	giftPick_->setObjectName(QStringLiteral("liveGiftsRuleGift"));
	giftPick_->addItem(loc("LiveGifts.Dock.Rules.AnyGift"), QVariant::fromValue<qlonglong>(0));
	const std::string coin = loc("LiveGifts.Coin").toStdString();
	const std::string coins = loc("LiveGifts.Coins").toStdString();
	for (const view::GiftChoice &choice : gifts) {
		giftPick_->addItem(QString::fromStdString(view::choiceLabel(choice, coin, coins)),
				   QVariant::fromValue<qlonglong>(choice.giftId));
	}
	auto *giftRow = new QHBoxLayout();
	giftRow->addWidget(giftPick_, 1);
	giftRow->addWidget(giftId_);
	giftsTo_ = newComboBox(this);
	giftsTo_->setObjectName(QStringLiteral("liveGiftsRuleGiftsTo"));
	for (const view::GiftRecipients to :
	     {view::GiftRecipients::Host, view::GiftRecipients::Guests, view::GiftRecipients::Anyone}) {
		const std::string key = std::string("LiveGifts.Dock.Rules.GiftsTo.") + view::giftRecipientsName(to);
		giftsTo_->addItem(loc(key.c_str()), static_cast<int>(to));
	}
	giftsTo_->setCurrentIndex(std::max(0, giftsTo_->findData(static_cast<int>(rule.trigger.giftsTo))));
	amount_ = spin(this, 999999999, rule.trigger.amount);
	amount_->setObjectName(QStringLiteral("liveGiftsRuleAmount"));
	window_ = spin(this, 86400, rule.trigger.windowMs / 1000);
	goal_ = new QLineEdit(QString::fromStdString(rule.trigger.goalId), this);
	goal_->setObjectName(QStringLiteral("liveGiftsRuleGoal"));
	// The goals by their titles (ids are shown nowhere else); picking one writes its id, typing an id or
	// clearing it (any goal) picks what it names.
	goalPick_ = newComboBox(this);
	goalPick_->setObjectName(QStringLiteral("liveGiftsRuleGoalPick"));
	goalPick_->addItem(loc("LiveGifts.Dock.Rules.AnyGoal"), QString());
	const std::map<std::string, QString> labels = goalLabels(goals);
	for (const GoalChoice &goal : goals) {
		goalPick_->addItem(labels.at(goal.id), QString::fromStdString(goal.id));
	}
	// A very long title or source name (or a gift's name as TikTok sent it) is cut in the list, whole in its
	// tooltip: the dialog keeps its width on any screen.
	keepNarrow(*goalPick_);
	keepNarrow(*giftPick_);
	const auto pickTyped = [this] {
		const int found = goalPick_->findData(goal_->text().trimmed());
		goalPick_->setCurrentIndex(found); // -1: an id no goal here has (kept as typed)
	};
	pickTyped();
	connect(goalPick_, qOverload<int>(&QComboBox::activated), this,
		[this](int index) { goal_->setText(goalPick_->itemData(index).toString()); });
	connect(goal_, &QLineEdit::textEdited, this, pickTyped);
	auto *goalRow = new QHBoxLayout();
	goalRow->addWidget(goalPick_, 1);
	goalRow->addWidget(goal_);
	QStringList supporters;
	for (const std::string &supporter : rule.supporters) {
		supporters << QString::fromStdString(supporter);
	}
	supporters_ = new QLineEdit(supporters.join(QStringLiteral(", ")), this);
	supporters_->setObjectName(QStringLiteral("liveGiftsRuleSupporters"));
	cooldown_ = spin(this, 86400, rule.cooldownMs / 1000);
	supporterCooldown_ = spin(this, 86400, rule.supporterCooldownMs / 1000);
	busy_ = newComboBox(this);
	busy_->addItem(loc("LiveGifts.Dock.Rules.Busy.queue"));
	busy_->addItem(loc("LiveGifts.Dock.Rules.Busy.skip"));
	busy_->setCurrentIndex(rule.busy == view::BusyMode::Skip ? 1 : 0);
	form->addRow(loc("LiveGifts.Dock.Rules.Name"), name_);
	form->addRow(loc("LiveGifts.Dock.Rules.Enabled"), enabled_);
	form->addRow(loc("LiveGifts.Dock.Rules.Trigger"), trigger_);
	form->addRow(loc("LiveGifts.Dock.Rules.GiftId"), giftRow);
	form->addRow(loc("LiveGifts.Dock.Rules.GiftsTo"), giftsTo_);
	form->addRow(loc("LiveGifts.Dock.Rules.Amount"), amount_);
	form->addRow(loc("LiveGifts.Dock.Rules.Window"), window_);
	form->addRow(loc("LiveGifts.Dock.Rules.Goal"), goalRow);
	form->addRow(loc("LiveGifts.Dock.Rules.Supporters"), supporters_);
	form->addRow(loc("LiveGifts.Dock.Rules.Cooldown"), cooldown_);
	form->addRow(loc("LiveGifts.Dock.Rules.SupporterCooldown"), supporterCooldown_);
	form->addRow(loc("LiveGifts.Dock.Rules.Busy"), busy_);
	layout->addLayout(form);

	actions_ = new QTableWidget(0, ColumnCount, this);
	actions_->setObjectName(QStringLiteral("liveGiftsRuleActions"));
	actions_->setHorizontalHeaderLabels(
	    {loc("LiveGifts.Dock.Rules.Column.Action"), loc("LiveGifts.Dock.Rules.Column.Scene"),
	     loc("LiveGifts.Dock.Rules.Column.Source"), loc("LiveGifts.Dock.Rules.Column.Name"),
	     loc("LiveGifts.Dock.Rules.Column.Seconds"), loc("LiveGifts.Dock.Rules.Column.Amount")});
	// The kind, seconds and amount as wide as their words; the names share the rest (before, only the last
	// column grew with the dialog and the others cut their headers and kinds).
	QHeaderView *header = actions_->horizontalHeader();
	for (const int column : {KindColumn, SecondsColumn, AmountColumn}) {
		header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
	}
	for (const int column : {SceneColumn, SourceColumn}) {
		header->setSectionResizeMode(column, QHeaderView::Stretch);
	}
	// The name column starts as wide as its header (a long card text does not widen it; it can be dragged).
	header->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
	const int margin = header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
	header->resizeSection(
	    NameColumn,
	    header->fontMetrics().horizontalAdvance(actions_->horizontalHeaderItem(NameColumn)->text()) + 4 * margin);
	// Room for four actions before it scrolls (before: one row in view at the dialog's first size).
	actions_->setMinimumHeight(header->sizeHint().height() + 4 * actions_->verticalHeader()->defaultSectionSize() +
				   2 * actions_->frameWidth());
	actions_->verticalHeader()->setVisible(false);
	for (const view::RuleAction &action : rule.actions) {
		addActionRow(action);
	}
	layout->addWidget(actions_);
	auto *row = new QHBoxLayout();
	auto *add = new QPushButton(loc("LiveGifts.Dock.Rules.AddAction"), this);
	auto *remove = new QPushButton(loc("LiveGifts.Dock.Rules.RemoveAction"), this);
	remove->setObjectName(QStringLiteral("liveGiftsRuleRemoveAction"));
	row->addWidget(add);
	row->addWidget(remove);
	row->addStretch(1);
	layout->addLayout(row);
	connect(add, &QPushButton::clicked, this, [this] {
		addActionRow(view::RuleAction{});
		recheck();
	});
	connect(remove, &QPushButton::clicked, this, [this] {
		if (actions_->currentRow() >= 0) {
			actions_->removeRow(actions_->currentRow());
		}
		recheck();
	});
	connect(actions_, &QTableWidget::itemChanged, this, [this] { recheck(); });

	problem_ = new QLabel(this);
	problem_->setObjectName(QStringLiteral("liveGiftsRuleProblem"));
	problem_->setWordWrap(true);
	problem_->setStyleSheet(QStringLiteral("color: #e5534b; font-weight: bold;"));
	problem_->hide();
	layout->addWidget(problem_);
	// A problem shown after OK follows the edits that fix it (or change it).
	for (QSpinBox *box : {giftId_, amount_, window_}) {
		connect(box, qOverload<int>(&QSpinBox::valueChanged), this, [this] { recheck(); });
	}
	connect(trigger_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { recheck(); });
	connect(goal_, &QLineEdit::textChanged, this, [this] { recheck(); });
	auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
	connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
	connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
	layout->addWidget(buttons);
	connect(trigger_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { showTriggerFields(); });
	connect(trigger_, qOverload<int>(&QComboBox::activated), this, [this] {
		const auto kind = static_cast<view::TriggerKind>(trigger_->currentData().toInt());
		const bool weighsCoins =
		    kind == view::TriggerKind::MinCoins || kind == view::TriggerKind::CoinsInWindow;
		if (weighsCoins && !giftPicked_ && giftId_->value() == kSuggestedGiftId) {
			giftId_->setValue(0);
			giftPicked_ = false; // still the dialog's own choice
		}
	});
	connect(giftPick_, qOverload<int>(&QComboBox::activated), this, [this](int index) {
		if (index >= 0) {
			giftPicked_ = true;
			giftId_->setValue(static_cast<int>(giftPick_->itemData(index).toLongLong()));
		}
	});
	connect(giftId_, qOverload<int>(&QSpinBox::valueChanged), this, [this] {
		giftPicked_ = true; // typed, picked, or set just above (which says otherwise after)
		showPickedGift();
	});
	showPickedGift();
	showTriggerFields();
	resize(std::max(980, sizeHint().width()), std::max(600, sizeHint().height()));
}

QString RuleDialog::problem() const
{
	if (amount_->isEnabled() && amount_->value() <= 0) {
		return loc("LiveGifts.Dock.Rules.Problem.Amount");
	}
	// A text the rules file could not hold (a file with one is not read at all: every rule would stop).
	const auto tooLong = [](const QString &text) {
		return static_cast<std::size_t>(text.toUtf8().size()) > view::kMaxRuleTextBytes;
	};
	QStringList fields = {name_->text(), goal_->text()};
	fields << supporters_->text().split(QLatin1Char(','));
	const QStringList labels = {loc("LiveGifts.Dock.Rules.Name"), loc("LiveGifts.Dock.Rules.Goal"),
				    loc("LiveGifts.Dock.Rules.Supporters")};
	for (int i = 0; i < fields.size(); ++i) {
		if (tooLong(fields[i].trimmed())) {
			return loc("LiveGifts.Dock.Rules.Problem.TooLong").arg(labels[std::min(i, 2)]);
		}
	}
	for (int row = 0; row < actions_->rowCount(); ++row) {
		const QString number = QString::number(row + 1);
		const auto *kind = qobject_cast<QComboBox *>(actions_->cellWidget(row, KindColumn));
		const auto action = static_cast<view::ActionKind>(kind ? kind->currentData().toInt() : 0);
		for (const int column : neededColumns(action)) {
			if (cellText(actions_, row, column).isEmpty()) {
				return loc("LiveGifts.Dock.Rules.Problem.Missing")
				    .arg(number, actions_->horizontalHeaderItem(column)->text());
			}
		}
		for (const int column : {SceneColumn, SourceColumn, NameColumn}) {
			if (tooLong(cellText(actions_, row, column))) {
				return loc("LiveGifts.Dock.Rules.Problem.TooLongAction")
				    .arg(number, actions_->horizontalHeaderItem(column)->text());
			}
		}
		bool ok = true;
		const QString seconds = cellText(actions_, row, SecondsColumn);
		const double value = seconds.isEmpty() ? 0.0 : seconds.toDouble(&ok);
		if (!ok || !std::isfinite(value) || value < 0.0 || value > 86400.0) {
			return loc("LiveGifts.Dock.Rules.Problem.Seconds").arg(number);
		}
		const QString amount = cellText(actions_, row, AmountColumn);
		if (!amount.isEmpty() && action == view::ActionKind::PlaySound) {
			const int volume = amount.toInt(&ok);
			ok = ok && volume >= 0 && volume <= 100;
		} else if (!amount.isEmpty() && action == view::ActionKind::AddCounter) {
			const long long step = amount.toLongLong(&ok);
			if (ok && (step > view::kMaxRuleAmount || step < -view::kMaxRuleAmount)) {
				return loc("LiveGifts.Dock.Rules.Problem.Step").arg(number);
			}
		}
		if (!ok) {
			return loc("LiveGifts.Dock.Rules.Problem.Whole").arg(number);
		}
	}
	return {};
}

void RuleDialog::recheck()
{
	if (problem_ == nullptr || problem_->isHidden()) {
		return; // nothing shown yet: OK says what is wrong
	}
	const QString text = problem();
	if (text.isEmpty()) {
		problem_->hide();
	} else {
		problem_->setText(text);
	}
}

void RuleDialog::accept()
{
	const QString text = problem();
	if (!text.isEmpty()) {
		problem_->setText(text);
		problem_->show();
		return;
	}
	problem_->hide();
	QDialog::accept();
}

bool editRule(view::Rule &rule, const std::vector<view::GiftChoice> &gifts, QWidget *parent,
	      const std::vector<GoalChoice> &goals)
{
	RuleDialog dialog(rule, gifts, parent, goals);
	if (dialog.exec() != QDialog::Accepted) {
		return false;
	}
	rule = dialog.rule();
	return true;
}

void RuleDialog::showTriggerFields()
{
	const auto kind = static_cast<view::TriggerKind>(trigger_->currentData().toInt());
	using K = view::TriggerKind;
	const bool gift = view::giftTrigger(kind);
	giftId_->setEnabled(gift);
	giftPick_->setEnabled(gift);
	giftsTo_->setEnabled(gift);
	amount_->setEnabled(view::countingTrigger(kind));
	window_->setEnabled(kind == K::CoinsInWindow);
	goal_->setEnabled(kind == K::GoalReached);
	goalPick_->setEnabled(kind == K::GoalReached);
}

void RuleDialog::showPickedGift()
{
	// An id not in the list leaves the picker blank: the typed id stands.
	giftPick_->setCurrentIndex(giftPick_->findData(QVariant::fromValue<qlonglong>(giftId_->value())));
}

void RuleDialog::addActionRow(const view::RuleAction &action)
{
	const int row = actions_->rowCount();
	actions_->insertRow(row);
	auto *kind = newComboBox(actions_);
	for (const view::ActionKind each : view::kActionKinds) {
		kind->addItem(actionLabel(each), static_cast<int>(each));
	}
	kind->setCurrentIndex(std::max(0, kind->findData(static_cast<int>(action.kind))));
	// The action's keys this build does not read go with its row (a removed row takes them along).
	kind->setProperty(kExtraProperty, QString::fromStdString(action.extra.dump()));
	connect(kind, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { recheck(); });
	actions_->setCellWidget(row, KindColumn, kind);
	const auto put = [&](int column, const QString &text) {
		actions_->setItem(row, column, new QTableWidgetItem(text));
	};
	put(SceneColumn, QString::fromStdString(action.scene));
	put(SourceColumn, QString::fromStdString(action.source));
	put(NameColumn, QString::fromStdString(nameOf(action)));
	put(SecondsColumn,
	    action.durationMs > 0 ? QString::number(static_cast<double>(action.durationMs) / 1000.0) : QString());
	put(AmountColumn, action.kind == view::ActionKind::PlaySound    ? QString::number(action.volume)
			  : action.kind == view::ActionKind::AddCounter ? QString::number(action.amount)
									: QString());
}

view::Rule RuleDialog::rule() const
{
	view::Rule rule;
	rule.id = id_;
	rule.extra = extra_; // what the dialog does not show stays as it was
	rule.trigger.extra = triggerExtra_;
	rule.name = name_->text().trimmed().toStdString();
	rule.enabled = enabled_->isChecked();
	rule.trigger.kind = static_cast<view::TriggerKind>(trigger_->currentData().toInt());
	rule.trigger.giftId = giftId_->isEnabled() ? giftId_->value() : 0;
	rule.trigger.amount = amount_->isEnabled() ? amount_->value() : 0;
	rule.trigger.windowMs = std::max<Millis>(1, static_cast<Millis>(window_->value()) * 1000);
	rule.trigger.goalId = goal_->isEnabled() ? goal_->text().trimmed().toStdString() : std::string();
	rule.trigger.giftsTo = giftsTo_->isEnabled()
				   ? static_cast<view::GiftRecipients>(giftsTo_->currentData().toInt())
				   : view::GiftRecipients::Host;
	for (const QString &part : supporters_->text().split(QLatin1Char(','))) {
		const std::string key = view::supporterKey(part.toStdString());
		if (!key.empty()) {
			rule.supporters.push_back(key);
		}
	}
	rule.cooldownMs = static_cast<Millis>(cooldown_->value()) * 1000;
	rule.supporterCooldownMs = static_cast<Millis>(supporterCooldown_->value()) * 1000;
	rule.busy = busy_->currentIndex() == 1 ? view::BusyMode::Skip : view::BusyMode::Queue;
	for (int row = 0; row < actions_->rowCount(); ++row) {
		view::RuleAction action;
		const auto *kind = qobject_cast<QComboBox *>(actions_->cellWidget(row, KindColumn));
		action.kind = static_cast<view::ActionKind>(kind ? kind->currentData().toInt() : 0);
		const nlohmann::json extra = nlohmann::json::parse(
		    kind ? kind->property(kExtraProperty).toString().toStdString() : std::string(), nullptr, false);
		action.extra = extra.is_object() ? extra : nlohmann::json::object();
		action.scene = cellText(actions_, row, SceneColumn).toStdString();
		action.source = cellText(actions_, row, SourceColumn).toStdString();
		const std::string name = cellText(actions_, row, NameColumn).toStdString();
		const double seconds = cellText(actions_, row, SecondsColumn).toDouble();
		action.durationMs = std::isfinite(seconds) && seconds > 0 ? static_cast<Millis>(seconds * 1000.0) : 0;
		const QString amount = cellText(actions_, row, AmountColumn);
		switch (action.kind) {
		case view::ActionKind::EnableFilter:
			action.filter = name;
			break;
		case view::ActionKind::Hotkey:
			action.hotkey = name;
			break;
		case view::ActionKind::PlaySound:
			action.sound = name;
			action.volume = amount.isEmpty() ? 100 : std::clamp(amount.toInt(), 0, 100);
			break;
		case view::ActionKind::AddCounter:
			action.counter = name;
			action.amount = amount.isEmpty() ? 1 : amount.toLongLong();
			break;
		case view::ActionKind::ShowAlert:
			action.text = name;
			break;
		default:
			break;
		}
		rule.actions.push_back(std::move(action));
	}
	return rule;
}

} // namespace livegifts::obs::dock
