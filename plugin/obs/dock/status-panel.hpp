#pragma once

// The dock's live status: a coloured light, the localised status text, frames received and the last
// event's time, Reconnect and Disconnect, and this stream's start and end by hand. Each change of the
// status is also written to OBS's log ("dock status: connected ...").

#include "core/snapshot.hpp"
#include "obs/runtime.hpp"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;

namespace livegifts::obs::dock {

class StatusPanel : public QWidget {
public:
	explicit StatusPanel(QWidget *parent = nullptr);

	// The dock's timer (UI thread).
	void refresh(const LiveStatus &status, const Snapshot &snapshot);

private:
	QLabel *light_;
	QLabel *text_;
	QLabel *frames_;
	QLabel *lastEvent_;
	QLabel *stream_;
	QPushButton *disconnect_ = nullptr; // UI thread: enabled while a connection runs
	std::optional<LiveStatus> shown_;   // UI thread
	QString shownText_;                 // UI thread
	bool streamLive_ = false;           // UI thread: a stream is open (Start stream asks first)
};

} // namespace livegifts::obs::dock
