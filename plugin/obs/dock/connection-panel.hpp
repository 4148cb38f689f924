#pragma once

// The dock's one connection setting: the connector combo and only that connector's own fields. A change
// reaches Runtime::setConnection when Apply is pressed, a connector is chosen, or editing of a field
// finishes (Enter or leaving the field), never per keystroke.

#include "connect/connection-store.hpp"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;

namespace livegifts::obs::dock {

class SwitchedPages;

class ConnectionPanel : public QWidget {
public:
	explicit ConnectionPanel(QWidget *parent = nullptr);

	// Shows the store's settings (UI thread).
	void load(const connect::ConnectionSettings &settings);

private:
	connect::ConnectionSettings fromFields() const;
	void apply();
	void showKind();
	void browseReplay();

	QComboBox *kind_;
	SwitchedPages *pages_;
	QDoubleSpinBox *demoSpeed_;
	QLineEdit *tikfinityUrl_;
	QLineEdit *bridgeUrl_;
	QLineEdit *eulerHandle_;
	QLineEdit *eulerKey_;
	QLineEdit *replayFile_;
	QDoubleSpinBox *replaySpeed_;
	QCheckBox *record_;
};

} // namespace livegifts::obs::dock
