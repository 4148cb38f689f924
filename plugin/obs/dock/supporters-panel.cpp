#include "obs/dock/supporters-panel.hpp"

#include "obs/dock/dock-widgets.hpp"
#include "obs/dock/status-text.hpp"
#include "obs/plugin-support.hpp"
#include "obs/runtime.hpp"

#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace livegifts::obs::dock {

namespace {

constexpr std::size_t kShown = 10;

} // namespace

QString thankYouText(const Snapshot &snapshot)
{
	QString text = loc("LiveGifts.Dock.ThanksHeader") + QLatin1Char('\n');
	for (const SupporterEntry &entry : snapshot.stream.top) {
		const QString name = userText(entry.shownName());
		text += loc("LiveGifts.Dock.ThanksLine")
			    .arg(static_cast<qulonglong>(entry.rank))
			    .arg(name, QString::fromStdString(numberWords().counted(view::Noun::Coin, entry.coins))) +
			QLatin1Char('\n');
	}
	return text;
}

SupportersPanel::SupportersPanel(QWidget *parent) : QWidget(parent)
{
	auto *layout = new QVBoxLayout(this);
	layout->setContentsMargins(0, 0, 0, 0);
	list_ = new ElidedLabel(this, Qt::ElideMiddle); // a long name gives way, never the amount at the line's end
	layout->addWidget(list_);
	auto *buttons = new FlowRow();
	auto *exportButton = new QPushButton(loc("LiveGifts.Dock.ExportCsv"), this);
	exportButton->setToolTip(loc("LiveGifts.Dock.Tip.ExportCsv"));
	auto *copyButton = new QPushButton(loc("LiveGifts.Dock.CopyThanks"), this);
	copyButton->setToolTip(loc("LiveGifts.Dock.Tip.CopyThanks"));
	auto *resetButton = new QPushButton(loc("LiveGifts.Dock.ResetRanking"), this);
	resetButton->setToolTip(loc("LiveGifts.Dock.Tip.ResetRanking"));
	buttons->addWidget(exportButton);
	buttons->addWidget(copyButton);
	buttons->addWidget(resetButton);
	layout->addLayout(buttons);
	note_ = new QLabel(this);
	note_->setWordWrap(true);
	layout->addWidget(note_);
	ledger_ = new ElidedLabel(this, Qt::ElideMiddle); // the whole path in its tooltip when cut
	layout->addWidget(ledger_);
	ledgerProblem_ = new QLabel(this);
	ledgerProblem_->setWordWrap(true);
	ledgerProblem_->setStyleSheet(QStringLiteral("color: #e74c3c;"));
	ledgerProblem_->hide();
	layout->addWidget(ledgerProblem_);
	connect(exportButton, &QPushButton::clicked, this, [this] { exportCsv(); });
	connect(copyButton, &QPushButton::clicked, this, [this] { copyThanks(); });
	connect(resetButton, &QPushButton::clicked, this, [this] { resetRanking(); });
}

void SupportersPanel::refresh(const Snapshot &snapshot)
{
	if (--ledgerTicks_ <= 0 || snapshot.version != shownVersion_) {
		showLedger(snapshot);
	}
	if (shownVersion_ != 0 && snapshot.version == shownVersion_) {
		return;
	}
	shownVersion_ = snapshot.version;
	QString text;
	for (std::size_t i = 0; i < snapshot.stream.top.size() && i < kShown; ++i) {
		const SupporterEntry &entry = snapshot.stream.top[i];
		const QString name = userText(entry.shownName());
		text += loc("LiveGifts.Dock.ThanksLine")
			    .arg(static_cast<qulonglong>(entry.rank))
			    .arg(name, QString::fromStdString(numberWords().counted(view::Noun::Coin, entry.coins))) +
			QLatin1Char('\n');
	}
	text += loc("LiveGifts.Dock.SupportersCount").arg(static_cast<qulonglong>(snapshot.stream.supporterCount));
	list_->setFullText(text);
}

void SupportersPanel::showLedger(const Snapshot &snapshot)
{
	ledgerTicks_ = 20; // the dock ticks four times a second: the size is looked at every five seconds
	const QString path = QString::fromStdString(Runtime::instance().ledgerPath());
	QString text;
	if (path.isEmpty()) {
		text = loc("LiveGifts.Dock.LedgerMemory");
	} else {
		const QFileInfo info(path);
		text = loc("LiveGifts.Dock.Ledger")
			   .arg(leftToRightPart(QDir::toNativeSeparators(path)),
				dockLocale().formattedDataSize(info.exists() ? info.size() : 0));
	}
	ledger_->setFullText(text);
	if (!snapshot.ledgerOk || !snapshot.ledgerError.empty()) {
		// Wrapped on lines of its own, never cut; the system's words, in English, in the tooltip.
		ledgerProblem_->setText(ledgerProblemText(snapshot.ledger, snapshot.ledgerError));
		ledgerProblem_->setToolTip(QString::fromStdString(snapshot.ledgerError));
		ledgerProblem_->show();
	} else {
		ledgerProblem_->hide();
	}
}

void SupportersPanel::exportCsv()
{
	const QString file = QFileDialog::getSaveFileName(this, loc("LiveGifts.Dock.ExportCsv"),
							  QDir::homePath() + QStringLiteral("/supporters.csv"),
							  QStringLiteral("CSV (*.csv)"));
	if (file.isEmpty()) {
		return;
	}
	note_->setText(loc("LiveGifts.Dock.Exporting"));
	QPointer<SupportersPanel> self(this);
	guarded("dock export", [&] {
		Runtime::instance().exportSupportersCsv(file.toStdString(), [self, file](std::string error) {
			// The control thread: the answer goes back to the UI thread while the panel still exists.
			QMetaObject::invokeMethod(
			    qApp,
			    [self, file, error] {
				    if (self) {
					    // The error's English words are in the log; the streamer reads the file's
					    // name.
					    self->note_->setText((error.empty() ? loc("LiveGifts.Dock.Exported")
										: loc("LiveGifts.Dock.ExportFailed"))
								     .arg(file));
				    }
			    },
			    Qt::QueuedConnection);
		});
	});
}

void SupportersPanel::resetRanking()
{
	if (!askYesNo(this, loc("LiveGifts.Dock.ResetRanking"), loc("LiveGifts.Dock.ResetRankingAsk"))) {
		return;
	}
	guarded("dock ranking reset", [] { Runtime::instance().resetSupporters(); });
	note_->setText(loc("LiveGifts.Dock.RankingReset"));
}

void SupportersPanel::copyThanks()
{
	const SnapshotPtr snapshot = Runtime::instance().snapshot();
	QGuiApplication::clipboard()->setText(thankYouText(*snapshot));
	note_->setText(loc("LiveGifts.Dock.Copied"));
}

} // namespace livegifts::obs::dock
