#pragma once

// The "Live Gifts" dock's contents: the connection, its live status, the test buttons, goals, supporters
// with the ledger's health, and the Gift Alerts queues, refreshed four times a second by a QTimer on the
// UI thread from Runtime::liveStatus() and the engine's snapshot (neither waits on I/O).

#include <QPointer>
#include <QString>
#include <QWidget>

class QScrollArea;
class QTimer;

namespace livegifts::obs::dock {

class AlertsPanel;
class RulesPanel;
class ConnectionPanel;
class GoalsPanel;
class StatusPanel;
class SupportersPanel;

class LiveDock : public QWidget {
public:
	explicit LiveDock(QWidget *parent = nullptr);

	// Stops refreshing (OBS is exiting: the runtime goes away with the module).
	void stop();
	// Logs (debug level, shown by obs --verbose) where each named button is on the screen, half a second
	// after the dock is shown, moved or resized or its buttons moved: automation clicks them there. Then one "dock
	// layout" line: the dock's width and which buttons lie (partly) outside its visible width.
	void logButtonPlaces();

protected:
	void showEvent(QShowEvent *event) override;
	bool eventFilter(QObject *watched, QEvent *event) override;

private:
	void refresh();
	// Where the visible buttons are now (screen places and widths), to see when they moved.
	QString placesKey() const;

	ConnectionPanel *connection_;
	StatusPanel *status_;
	GoalsPanel *goals_;
	SupportersPanel *supporters_;
	AlertsPanel *alerts_;
	RulesPanel *rules_;
	QScrollArea *scroll_;
	QTimer *timer_;
	QTimer *placesTimer_;       // single shot: logButtonPlaces once the window stopped moving
	QPointer<QObject> watched_; // UI thread: the top-level window whose moves are followed
	bool stopped_ = false;      // UI thread
	QString loggedPlaces_;      // UI thread: placesKey() when the places were last logged
};

} // namespace livegifts::obs::dock
