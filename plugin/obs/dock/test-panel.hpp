#pragma once

// One button per kind of test event (small gift, big gift, streak, follow, share, like burst, subscribe):
// every Gift Alerts source shows it; nothing is counted (Runtime::sendTestEvent).

#include <QWidget>

namespace livegifts::obs::dock {

class TestPanel : public QWidget {
public:
	explicit TestPanel(QWidget *parent = nullptr);
};

} // namespace livegifts::obs::dock
