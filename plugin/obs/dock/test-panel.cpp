#include "obs/dock/test-panel.hpp"

#include "obs/dock/status-text.hpp"
#include "obs/plugin-support.hpp"
#include "obs/runtime.hpp"

#include "core/test-events.hpp"

#include <QGridLayout>
#include <QPushButton>

#include <string>

namespace livegifts::obs::dock {

TestPanel::TestPanel(QWidget *parent) : QWidget(parent)
{
	auto *grid = new QGridLayout(this);
	grid->setContentsMargins(0, 0, 0, 0);
	int index = 0;
	for (const TestEventKind kind : testEventKinds) {
		const std::string name = testEventName(kind);
		// LiveGifts.Dock.Test.smallGift, ...: the kind's stable name keys its words.
		const std::string textKey = "LiveGifts.Dock.Test." + name;
		auto *button = new QPushButton(loc(textKey.c_str()), this);
		button->setObjectName(QStringLiteral("liveGiftsTest-") + QString::fromStdString(name));
		button->setToolTip(loc("LiveGifts.Dock.Tip.Test"));
		grid->addWidget(button, index / 3, index % 3);
		++index;
		connect(button, &QPushButton::clicked, this, [kind, name] {
			LG_LOG(LOG_INFO, "dock: test event %s", name.c_str());
			guarded("dock test event", [&] { Runtime::instance().sendTestEvent(kind); });
		});
	}
}

} // namespace livegifts::obs::dock
