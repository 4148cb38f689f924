#include "obs/dock/connection-panel.hpp"

#include "obs/dock/dock-widgets.hpp"
#include "obs/dock/status-text.hpp"
#include "obs/plugin-support.hpp"
#include "obs/runtime.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace livegifts::obs::dock {

namespace {

constexpr const char *kKinds[] = {"demo", "tikfinity", "websocket-url", "euler", "replay", "off"};

QDoubleSpinBox *speedBox(QWidget *parent)
{
	auto *box = new QDoubleSpinBox(parent);
	box->setLocale(dockLocale());
	box->setRange(0.25, 20.0);
	box->setSingleStep(0.25);
	box->setSuffix(QStringLiteral(" ×"));
	box->setKeyboardTracking(false); // valueChanged only when editing finishes or the arrows are used
	return box;
}

// One page of the stack with a form layout.
QFormLayout *addPage(SwitchedPages *pages)
{
	auto *form = new QFormLayout(pages->addPage());
	form->setRowWrapPolicy(QFormLayout::WrapLongRows); // the label above its field when narrow
	// Fields take the dock's width: an address shows whole, not its tail in a box of a few letters (some
	// styles keep fields at their size hint).
	form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
	form->setContentsMargins(0, 0, 0, 0);
	return form;
}

} // namespace

ConnectionPanel::ConnectionPanel(QWidget *parent) : QWidget(parent)
{
	auto *layout = new QVBoxLayout(this);
	layout->setContentsMargins(0, 0, 0, 0);
	auto *top = new QFormLayout();
	top->setRowWrapPolicy(QFormLayout::WrapLongRows);
	top->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
	kind_ = newComboBox(this);
	kind_->setObjectName(QStringLiteral("liveGiftsConnectionKind"));
	for (const char *kind : kKinds) {
		kind_->addItem(kindLabel(kind), QString::fromUtf8(kind));
	}
	kind_->setToolTip(loc("LiveGifts.Dock.Tip.Kind"));
	// As narrow as a few letters: the chosen connector's long name does not widen the dock.
	kind_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
	kind_->setMinimumContentsLength(10);
	top->addRow(loc("LiveGifts.Connection.Kind"), kind_);
	layout->addLayout(top);

	// One page per kind, in the order of kKinds: each holds that connector's own fields only.
	pages_ = new SwitchedPages(this);
	demoSpeed_ = speedBox(this);
	addPage(pages_)->addRow(loc("LiveGifts.Connection.Speed"), demoSpeed_);
	tikfinityUrl_ = new QLineEdit(this);
	tikfinityUrl_->setPlaceholderText(QString::fromUtf8(connect::kTikFinityUrl));
	tikfinityUrl_->setToolTip(loc("LiveGifts.Dock.Tip.TikFinityUrl"));
	addPage(pages_)->addRow(loc("LiveGifts.Connection.Url"), tikfinityUrl_);
	bridgeUrl_ = new QLineEdit(this);
	bridgeUrl_->setPlaceholderText(QStringLiteral("ws://127.0.0.1:21300/"));
	bridgeUrl_->setToolTip(loc("LiveGifts.Dock.Tip.BridgeUrl"));
	addPage(pages_)->addRow(loc("LiveGifts.Connection.Url"), bridgeUrl_);
	QFormLayout *euler = addPage(pages_);
	eulerHandle_ = new QLineEdit(this);
	eulerHandle_->setPlaceholderText(QStringLiteral("@handle"));
	euler->addRow(loc("LiveGifts.Connection.UniqueId"), eulerHandle_);
	eulerKey_ = new QLineEdit(this);
	eulerKey_->setEchoMode(QLineEdit::Password);
	eulerKey_->setToolTip(loc("LiveGifts.Dock.Tip.ApiKey"));
	euler->addRow(loc("LiveGifts.Connection.ApiKey"), eulerKey_);
	QFormLayout *replay = addPage(pages_);
	auto *fileRow = new QHBoxLayout();
	replayFile_ = new QLineEdit(this);
	auto *browse = new QPushButton(QStringLiteral("…"), this);
	browse->setToolTip(loc("LiveGifts.Dock.Tip.Browse"));
	fileRow->addWidget(replayFile_, 1);
	fileRow->addWidget(browse);
	replay->addRow(loc("LiveGifts.Connection.ReplayFile"), fileRow);
	replaySpeed_ = speedBox(this);
	replay->addRow(loc("LiveGifts.Connection.Speed"), replaySpeed_);
	addPage(pages_); // off: nothing to set
	layout->addWidget(pages_);

	auto *bottom = new QHBoxLayout();
	// The box's words wrap in a narrow dock (a label beside an empty box).
	record_ = new QCheckBox(this);
	record_->setToolTip(loc("LiveGifts.Dock.Tip.Record"));
	auto *recordText = new CheckLabel(loc("LiveGifts.Connection.Record"), record_, this);
	recordText->setToolTip(record_->toolTip());
	auto *recordRow = new QHBoxLayout();
	recordRow->addWidget(record_, 0, Qt::AlignTop);
	recordRow->addWidget(recordText, 1);
	auto *applyButton = new QPushButton(loc("LiveGifts.Dock.Apply"), this);
	applyButton->setObjectName(QStringLiteral("liveGiftsApply"));
	applyButton->setToolTip(loc("LiveGifts.Dock.Tip.Apply"));
	layout->addLayout(recordRow);
	bottom->addStretch(1);
	bottom->addWidget(applyButton);
	layout->addLayout(bottom);

	connect(kind_, QOverload<int>::of(&QComboBox::activated), this, [this](int) {
		showKind();
		apply();
	});
	for (QLineEdit *edit : {tikfinityUrl_, bridgeUrl_, eulerHandle_, eulerKey_, replayFile_}) {
		connect(edit, &QLineEdit::editingFinished, this, [this] { apply(); });
	}
	for (QDoubleSpinBox *box : {demoSpeed_, replaySpeed_}) {
		connect(box, &QDoubleSpinBox::editingFinished, this, [this] { apply(); });
	}
	connect(record_, &QCheckBox::toggled, this, [this](bool) { apply(); });
	connect(applyButton, &QPushButton::clicked, this, [this] { apply(); });
	connect(browse, &QPushButton::clicked, this, [this] { browseReplay(); });
}

void ConnectionPanel::load(const connect::ConnectionSettings &s)
{
	const QSignalBlocker blockRecord(record_);
	const int index = kind_->findData(QString::fromStdString(s.kind));
	kind_->setCurrentIndex(index >= 0 ? index : kind_->count() - 1);
	demoSpeed_->setValue(s.demoSpeed);
	tikfinityUrl_->setText(QString::fromStdString(s.tikfinityUrl));
	bridgeUrl_->setText(QString::fromStdString(s.bridgeUrl));
	eulerHandle_->setText(QString::fromStdString(s.eulerUniqueId));
	eulerKey_->setText(QString::fromStdString(s.eulerApiKey));
	replayFile_->setText(QString::fromStdString(s.replayFile));
	replaySpeed_->setValue(s.replaySpeed);
	record_->setChecked(s.record);
	showKind();
}

connect::ConnectionSettings ConnectionPanel::fromFields() const
{
	connect::ConnectionSettings s;
	s.kind = kind_->currentData().toString().toStdString();
	s.demoSpeed = demoSpeed_->value();
	s.tikfinityUrl = tikfinityUrl_->text().trimmed().toStdString();
	s.bridgeUrl = bridgeUrl_->text().trimmed().toStdString();
	s.eulerUniqueId = eulerHandle_->text().trimmed().toStdString();
	s.eulerApiKey = eulerKey_->text().trimmed().toStdString();
	s.replayFile = replayFile_->text().trimmed().toStdString();
	s.replaySpeed = replaySpeed_->value();
	s.record = record_->isChecked();
	return s;
}

void ConnectionPanel::apply()
{
	// setConnection is a no-op when nothing changed (a field left without an edit).
	const connect::ConnectionSettings settings = fromFields();
	guarded("dock apply", [&] { Runtime::instance().setConnection(settings); });
}

void ConnectionPanel::showKind()
{
	// Only the shown page takes room: no gap under a one-field connector left by a taller one's fields.
	pages_->showPage(kind_->currentIndex());
}

void ConnectionPanel::browseReplay()
{
	const QString file =
	    QFileDialog::getOpenFileName(this, loc("LiveGifts.Connection.ReplayFile"), replayFile_->text(),
					 QStringLiteral("JSONL (*.jsonl);;* (*)"));
	if (!file.isEmpty()) {
		replayFile_->setText(file);
		apply();
	}
}

} // namespace livegifts::obs::dock
