#pragma once

// The queue of each Gift Alerts source (found with obs_enum_sources by id): how many alerts wait, whether
// it is paused, and Skip, Pause / Resume and Replay last through the source's procs
// (gift-alerts-controls.hpp).

#include <QWidget>

#include <string>
#include <vector>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace livegifts::obs::dock {

class ElidedLabel;

class AlertsPanel : public QWidget {
public:
	explicit AlertsPanel(QWidget *parent = nullptr);

	// The dock's timer (UI thread).
	void refresh();

private:
	struct Row {
		std::string name;
		QWidget *widget = nullptr;
		ElidedLabel *label = nullptr;
		QPushButton *pause = nullptr;
		bool paused = false;
	};
	void rebuild(const std::vector<std::string> &names);

	QVBoxLayout *rows_;
	QLabel *none_;
	std::vector<Row> shown_; // UI thread
};

} // namespace livegifts::obs::dock
