#include "obs/dock/test-panel.hpp"

#include "obs/dock/dock-widgets.hpp"
#include "obs/dock/status-text.hpp"
#include "obs/plugin-support.hpp"
#include "obs/runtime.hpp"

#include "core/test-events.hpp"

#include <QPushButton>

#include <string>

namespace livegifts::obs::dock {

TestPanel::TestPanel(QWidget *parent) : QWidget(parent)
{
	auto *row = new FlowRow(this); // as many buttons a line as the dock is wide
	for (const TestEventKind kind : testEventKinds) {
		const std::string name = testEventName(kind);
		// LiveGifts.Dock.Test.smallGift, ...: the kind's stable name keys its words.
		const std::string textKey = "LiveGifts.Dock.Test." + name;
		auto *button = new QPushButton(loc(textKey.c_str()), this);
		button->setObjectName(QStringLiteral("liveGiftsTest-") + QString::fromStdString(name));
		button->setToolTip(loc("LiveGifts.Dock.Tip.Test"));
		row->addWidget(button);
		connect(button, &QPushButton::clicked, this, [kind, name] {
			LG_LOG(LOG_INFO, "dock: test event %s", name.c_str());
			guarded("dock test event", [&] { Runtime::instance().sendTestEvent(kind); });
		});
	}
}

} // namespace livegifts::obs::dock
