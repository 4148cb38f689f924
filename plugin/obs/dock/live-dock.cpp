#include "obs/dock/live-dock.hpp"

#include "obs/dock/alerts-panel.hpp"
#include "obs/dock/connection-panel.hpp"
#include "obs/dock/dock-widgets.hpp"
#include "obs/dock/goals-panel.hpp"
#include "obs/dock/rules-panel.hpp"
#include "obs/dock/status-panel.hpp"
#include "obs/dock/status-text.hpp"
#include "obs/dock/supporters-panel.hpp"
#include "obs/dock/test-panel.hpp"
#include "obs/plugin-support.hpp"
#include "obs/runtime.hpp"

#include <QEvent>
#include <QGroupBox>
#include <QPushButton>
#include <QScrollArea>
#include <QStringList>
#include <QTimer>
#include <QVBoxLayout>

namespace livegifts::obs::dock {

namespace {

constexpr int kRefreshMs = 250;
constexpr int kMinWidth = 220;

QGroupBox *group(QWidget *parent, const char *titleKey, QWidget *content)
{
	auto *box = new ElidedGroup(loc(titleKey), parent); // a long title is cut when the dock is narrow
	auto *layout = new QVBoxLayout(box);
	layout->addWidget(content);
	return box;
}

} // namespace

LiveDock::LiveDock(QWidget *parent) : QWidget(parent)
{
	setObjectName(QStringLiteral("liveGiftsDockContents"));
	// The module's direction, not OBS's (left to right whatever its language): in Arabic every panel mirrors and
	// each of its lines starts at the right edge; the panels below inherit it.
	setLayoutDirection(moduleDirection());
	auto *outer = new QVBoxLayout(this);
	outer->setContentsMargins(0, 0, 0, 0);
	auto *scroll = new QScrollArea(this);
	scroll->setWidgetResizable(true);
	scroll->setFrameShape(QFrame::NoFrame);
	// Rows wrap and long names are cut, so the contents fit from kMinWidth on; narrower, they scroll sideways
	// rather than hide their buttons past the dock's edge.
	scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
	scroll->setMinimumWidth(kMinWidth);
	scroll_ = scroll;
	auto *inner = new QWidget(scroll);
	auto *layout = new QVBoxLayout(inner);

	connection_ = new ConnectionPanel(inner);
	status_ = new StatusPanel(inner);
	goals_ = new GoalsPanel(inner);
	supporters_ = new SupportersPanel(inner);
	alerts_ = new AlertsPanel(inner);
	rules_ = new RulesPanel(inner);
	layout->addWidget(group(inner, "LiveGifts.Dock.Connection", connection_));
	layout->addWidget(group(inner, "LiveGifts.Dock.Status", status_));
	layout->addWidget(group(inner, "LiveGifts.Dock.Test", new TestPanel(inner)));
	layout->addWidget(group(inner, "LiveGifts.Dock.Alerts", alerts_));
	layout->addWidget(group(inner, "LiveGifts.Dock.Rules", rules_));
	layout->addWidget(group(inner, "LiveGifts.Dock.Goals", goals_));
	layout->addWidget(group(inner, "LiveGifts.Dock.Supporters", supporters_));
	layout->addStretch(1);
	scroll->setWidget(inner);
	outer->addWidget(scroll);

	connection_->load(Runtime::instance().connection());
	timer_ = new QTimer(this);
	connect(timer_, &QTimer::timeout, this, [this] { refresh(); });
	timer_->start(kRefreshMs);
	placesTimer_ = new QTimer(this);
	placesTimer_->setSingleShot(true);
	placesTimer_->setInterval(500);
	connect(placesTimer_, &QTimer::timeout, this, [this] { logButtonPlaces(); });
	refresh();
}

void LiveDock::stop()
{
	stopped_ = true;
	timer_->stop();
}

void LiveDock::refresh()
{
	if (stopped_) {
		return;
	}
	guarded("dock refresh", [&] {
		Runtime &runtime = Runtime::instance();
		const LiveStatus status = runtime.liveStatus();
		const SnapshotPtr snapshot = runtime.snapshot();
		status_->refresh(status, *snapshot);
		goals_->refresh(*snapshot);
		supporters_->refresh(*snapshot);
		alerts_->refresh();
		rules_->refresh();
	});
	// A row that came or grew moves the buttons below it: their places are logged again.
	if (!placesTimer_->isActive() && placesKey() != loggedPlaces_) {
		placesTimer_->start();
	}
}

QString LiveDock::placesKey() const
{
	QString key = QString::number(scroll_->viewport()->width());
	for (const QPushButton *button : findChildren<QPushButton *>()) {
		if (button->isVisible()) {
			const QPoint place = button->mapToGlobal(QPoint(0, 0));
			key += QStringLiteral(";%1,%2,%3").arg(place.x()).arg(place.y()).arg(button->width());
		}
	}
	return key;
}

void LiveDock::showEvent(QShowEvent *event)
{
	QWidget::showEvent(event);
	// The dock may float in its own window or sit in the main window: follow whichever holds it now.
	if (watched_ != window()) {
		if (watched_) {
			watched_->removeEventFilter(this);
		}
		watched_ = window();
		watched_->installEventFilter(this);
	}
	placesTimer_->start();
}

bool LiveDock::eventFilter(QObject *watched, QEvent *event)
{
	if (watched == watched_ && (event->type() == QEvent::Move || event->type() == QEvent::Resize)) {
		placesTimer_->start();
	}
	return QWidget::eventFilter(watched, event);
}

void LiveDock::logButtonPlaces()
{
	loggedPlaces_ = placesKey();
	// A button is cut off when part of it lies left or right of the scroll area's viewport: scrolling
	// down reaches every row, but nothing should need a sideways scroll at the widths OBS gives docks.
	const QWidget *viewport = scroll_->viewport();
	const QRect visible(viewport->mapToGlobal(QPoint(0, 0)), viewport->size());
	int buttons = 0;
	QStringList cut;
	for (const QPushButton *button : findChildren<QPushButton *>()) {
		if (!button->isVisible()) {
			continue;
		}
		++buttons;
		const QRect place(button->mapToGlobal(QPoint(0, 0)), button->size());
		if (place.left() < visible.left() || place.right() > visible.right()) {
			cut << (button->objectName().isEmpty() ? button->text() : button->objectName());
		}
		if (button->objectName().isEmpty()) {
			continue;
		}
		const QPoint centre = place.center();
		LG_LOG(LOG_DEBUG, "dock button %s at %d,%d", button->objectName().toUtf8().constData(), centre.x(),
		       centre.y());
	}
	LG_LOG(LOG_DEBUG, "dock layout: width %d, viewport %d, contents %d, %d buttons, %d cut off%s%s", width(),
	       viewport->width(), scroll_->widget()->width(), buttons, static_cast<int>(cut.size()),
	       cut.isEmpty() ? "" : ": ", cut.join(QStringLiteral(", ")).toUtf8().constData());
}

} // namespace livegifts::obs::dock
