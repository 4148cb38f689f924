#pragma once

// Each goal's progress from the engine's snapshot, with Reset (asked first: a reset is only ever an
// explicit act), Undo (the newest reset; greyed while there is none) and a manual − / + by an amount
// (Runtime::adjustGoal).

#include "core/snapshot.hpp"

#include <QWidget>

#include <map>
#include <string>
#include <vector>

class QLabel;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

namespace livegifts::obs::dock {

// The names of the Goal Bar sources by the goal id each counts (UI thread): twin goals go by them.
std::map<std::string, std::string> goalSourceNames();

class ElidedLabel;

class GoalsPanel : public QWidget {
public:
	explicit GoalsPanel(QWidget *parent = nullptr);

	// The dock's timer (UI thread): rows follow the snapshot's goals.
	void refresh(const Snapshot &snapshot);

private:
	struct Row {
		std::string id;
		QWidget *widget = nullptr;
		ElidedLabel *title = nullptr;
		QProgressBar *bar = nullptr;
		QPushButton *undo = nullptr; // enabled while the goal has a reset to undo
	};
	void rebuild(const Snapshot &snapshot);
	void askReset(const std::string &id);

	QVBoxLayout *rows_;
	QLabel *none_;
	std::vector<Row> shown_;               // UI thread
	std::map<std::string, QString> names_; // UI thread: each row's name as refresh last showed it
};

} // namespace livegifts::obs::dock
