#include "obs/dock/alerts-panel.hpp"

#include "obs/dock/dock-widgets.hpp"
#include "obs/dock/status-text.hpp"
#include "obs/named-sources.hpp"
#include "obs/plugin-support.hpp"

#include <obs.hpp>

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace livegifts::obs::dock {

namespace {

struct QueueState {
	long long queued = 0;
	bool showing = false;
	bool paused = false;
};

std::vector<std::string> giftAlertSources()
{
	std::vector<std::string> names;
	for (const NamedSource &alerts : sourcesOf(kGiftAlertsSourceId)) {
		names.push_back(alerts.name);
	}
	std::sort(names.begin(), names.end());
	return names;
}

// Calls a proc of the named source; false when it is gone.
bool callProc(const std::string &name, const char *proc, calldata_t *data)
{
	OBSSourceAutoRelease source(obs_get_source_by_name(name.c_str()));
	return source && proc_handler_call(obs_source_get_proc_handler(source), proc, data);
}

QueueState stateOf(const std::string &name)
{
	QueueState state;
	calldata_t data = {};
	if (callProc(name, "live_gifts_alerts_state", &data)) {
		state.queued = calldata_int(&data, "queued");
		state.showing = calldata_bool(&data, "showing");
		state.paused = calldata_bool(&data, "paused");
	}
	calldata_free(&data);
	return state;
}

void control(const std::string &name, const char *proc)
{
	calldata_t data = {};
	callProc(name, proc, &data);
	calldata_free(&data);
}

void setPaused(const std::string &name, bool paused)
{
	calldata_t data = {};
	calldata_set_bool(&data, "paused", paused);
	callProc(name, "live_gifts_alerts_pause", &data);
	calldata_free(&data);
}

} // namespace

AlertsPanel::AlertsPanel(QWidget *parent) : QWidget(parent)
{
	auto *layout = new QVBoxLayout(this);
	layout->setContentsMargins(0, 0, 0, 0);
	none_ = new QLabel(loc("LiveGifts.Dock.AlertsNone"), this);
	none_->setWordWrap(true);
	layout->addWidget(none_);
	rows_ = new QVBoxLayout();
	layout->addLayout(rows_);
}

void AlertsPanel::refresh()
{
	const std::vector<std::string> names = giftAlertSources();
	const bool same = shown_.size() == names.size() &&
			  std::equal(shown_.begin(), shown_.end(), names.begin(),
				     [](const Row &row, const std::string &name) { return row.name == name; });
	if (!same) {
		rebuild(names);
	}
	none_->setVisible(shown_.empty());
	for (Row &row : shown_) {
		const QueueState state = stateOf(row.name);
		QString text = loc("LiveGifts.Dock.AlertsQueue")
				   .arg(userText(row.name))
				   .arg(state.queued + (state.showing ? 1 : 0));
		if (state.paused) {
			text += QLatin1Char(' ') + loc("LiveGifts.Dock.AlertsPaused");
		}
		row.label->setFullText(text);
		row.paused = state.paused;
		row.pause->setText(loc(state.paused ? "LiveGifts.Dock.AlertsResume" : "LiveGifts.Dock.AlertsPause"));
	}
}

void AlertsPanel::rebuild(const std::vector<std::string> &names)
{
	for (Row &row : shown_) {
		delete row.widget;
	}
	shown_.clear();
	for (const std::string &name : names) {
		Row row;
		row.name = name;
		row.widget = new QWidget(this);
		auto *layout = new QVBoxLayout(row.widget);
		layout->setContentsMargins(0, 2, 0, 2);
		// A long source name is cut in its middle (the count at the end stays), never widens the dock.
		row.label = new ElidedLabel(row.widget, Qt::ElideMiddle);
		layout->addWidget(row.label);
		auto *buttons = new FlowRow();
		auto *skip = new QPushButton(loc("LiveGifts.Dock.AlertsSkip"), row.widget);
		skip->setToolTip(loc("LiveGifts.Dock.Tip.AlertsSkip"));
		row.pause = new QPushButton(loc("LiveGifts.Dock.AlertsPause"), row.widget);
		row.pause->setToolTip(loc("LiveGifts.Dock.Tip.AlertsPause"));
		auto *replay = new QPushButton(loc("LiveGifts.Dock.AlertsReplay"), row.widget);
		// Names automation finds them by (the dock logs where named buttons are).
		const QString suffix = QStringLiteral("-%1").arg(shown_.size());
		skip->setObjectName(QStringLiteral("liveGiftsAlertsSkip") + suffix);
		row.pause->setObjectName(QStringLiteral("liveGiftsAlertsPause") + suffix);
		replay->setObjectName(QStringLiteral("liveGiftsAlertsReplay") + suffix);
		replay->setToolTip(loc("LiveGifts.Dock.Tip.AlertsReplay"));
		buttons->addWidget(skip);
		buttons->addWidget(row.pause);
		buttons->addWidget(replay);
		layout->addLayout(buttons);
		rows_->addWidget(row.widget);
		connect(skip, &QPushButton::clicked, this, [name] { control(name, "live_gifts_alerts_skip"); });
		connect(replay, &QPushButton::clicked, this, [name] { control(name, "live_gifts_alerts_replay"); });
		const std::size_t index = shown_.size();
		connect(row.pause, &QPushButton::clicked, this, [this, index, name] {
			if (index < shown_.size() && shown_[index].name == name) {
				setPaused(name, !shown_[index].paused);
			}
		});
		shown_.push_back(row);
	}
}

} // namespace livegifts::obs::dock
