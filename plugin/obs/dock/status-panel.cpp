#include "obs/dock/status-panel.hpp"

#include "obs/dock/dock-widgets.hpp"
#include "obs/dock/status-text.hpp"
#include "obs/plugin-support.hpp"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cstdint>

namespace livegifts::obs::dock {

namespace {

QPushButton *button(QWidget *parent, const char *name, const char *textKey, const char *tipKey)
{
	auto *b = new QPushButton(loc(textKey), parent);
	b->setObjectName(QString::fromUtf8(name));
	b->setToolTip(loc(tipKey));
	return b;
}

// Stream boundaries: the dock's words for why the open stream started (nullptr: not recorded).
const char *streamCauseKey(StreamCause cause)
{
	switch (cause) {
	case StreamCause::FirstEvent:
		return "LiveGifts.Dock.StreamCause.FirstEvent";
	case StreamCause::NewRoom:
		return "LiveGifts.Dock.StreamCause.NewRoom";
	case StreamCause::Silence:
		return "LiveGifts.Dock.StreamCause.Silence";
	case StreamCause::Manual:
		return "LiveGifts.Dock.StreamCause.Manual";
	case StreamCause::Reset:
		return "LiveGifts.Dock.StreamCause.Reset";
	case StreamCause::ResetAll:
		return "LiveGifts.Dock.StreamCause.ResetAll";
	case StreamCause::None:
	case StreamCause::StreamEnd:
		break;
	}
	return nullptr;
}

} // namespace

StatusPanel::StatusPanel(QWidget *parent) : QWidget(parent)
{
	auto *layout = new QVBoxLayout(this);
	layout->setContentsMargins(0, 0, 0, 0);
	auto *line = new QHBoxLayout();
	light_ = new QLabel(this);
	light_->setFixedSize(14, 14);
	light_->setObjectName(QStringLiteral("liveGiftsStatusLight"));
	text_ = new QLabel(this);
	text_->setObjectName(QStringLiteral("liveGiftsStatusText"));
	text_->setWordWrap(true);
	text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
	line->addWidget(light_, 0, Qt::AlignTop);
	line->addWidget(text_, 1);
	layout->addLayout(line);
	frames_ = new QLabel(this);
	frames_->setWordWrap(true);
	lastEvent_ = new QLabel(this);
	lastEvent_->setWordWrap(true);
	layout->addWidget(frames_);
	layout->addWidget(lastEvent_);

	auto *buttons = new FlowRow(); // wraps when the dock is narrow
	QPushButton *reconnect =
	    button(this, "liveGiftsReconnect", "LiveGifts.Dock.Reconnect", "LiveGifts.Dock.Tip.Reconnect");
	disconnect_ = button(this, "liveGiftsDisconnect", "LiveGifts.Dock.Disconnect", "LiveGifts.Dock.Tip.Disconnect");
	QPushButton *start =
	    button(this, "liveGiftsStartStream", "LiveGifts.Dock.StartStream", "LiveGifts.Dock.Tip.StartStream");
	QPushButton *end =
	    button(this, "liveGiftsEndStream", "LiveGifts.Dock.EndStream", "LiveGifts.Dock.Tip.EndStream");
	buttons->addWidget(reconnect);
	buttons->addWidget(disconnect_);
	buttons->addWidget(start);
	buttons->addWidget(end);
	layout->addLayout(buttons);
	stream_ = new QLabel(this);
	stream_->setWordWrap(true);
	layout->addWidget(stream_);

	connect(reconnect, &QPushButton::clicked, this,
		[] { guarded("dock reconnect", [] { Runtime::instance().reconnect(); }); });
	connect(disconnect_, &QPushButton::clicked, this,
		[] { guarded("dock disconnect", [] { Runtime::instance().disconnect(); }); });
	connect(start, &QPushButton::clicked, this, [this] {
		// Starting a stream while one is open ends it: every "this stream" total starts from zero, so asked
		// first, as ending one is. With none open there is nothing to lose.
		if (streamLive_ &&
		    !askYesNo(this, loc("LiveGifts.Dock.StartStream"), loc("LiveGifts.Dock.StartStreamAsk"))) {
			return;
		}
		guarded("dock start stream", [] { Runtime::instance().startStream(); });
	});
	connect(end, &QPushButton::clicked, this, [this] {
		// Ending a stream closes this stream's totals: asked first.
		if (askYesNo(this, loc("LiveGifts.Dock.EndStream"), loc("LiveGifts.Dock.EndStreamAsk"))) {
			guarded("dock end stream", [] { Runtime::instance().endStream(); });
		}
	});
}

void StatusPanel::refresh(const LiveStatus &status, const Snapshot &snapshot)
{
	const QString text = statusText(status);
	if (!shown_ || status.state != shown_->state || text != shownText_) {
		const QColor colour = statusColour(status.state);
		light_->setStyleSheet(QStringLiteral("background-color: %1; border-radius: 7px;").arg(colour.name()));
		text_->setText(text);
		// The reconnect countdown changes every second: logged when the state or the words besides it change.
		if (!shown_ || status.state != shown_->state || status.error != shown_->error ||
		    status.target != shown_->target) {
			QString logged = text; // the log gets no invisible direction marks
			logged.remove(QChar(0x2066)).remove(QChar(0x2069));
			LG_LOG(LOG_INFO, "dock status: %s (%s)", liveStateName(status.state),
			       logged.toUtf8().constData());
		}
		shown_ = status;
		shownText_ = text;
	}
	// Greyed while nothing is connected or being connected: off, or stopped by an error (no retry).
	disconnect_->setEnabled(status.state == LiveState::Connecting || status.state == LiveState::Connected ||
				status.state == LiveState::Reconnecting);
	const QLocale locale = dockLocale();
	frames_->setText(loc("LiveGifts.Dock.Frames")
			     .arg(QString::fromStdString(numberWords().number(
				 static_cast<long long>(std::min<std::uint64_t>(status.framesReceived, INT64_MAX))))));
	if (status.lastFrameMs > 0) {
		const QDateTime at = QDateTime::fromMSecsSinceEpoch(status.lastFrameMs);
		lastEvent_->setText(
		    loc("LiveGifts.Dock.LastEvent").arg(locale.toString(at.time(), QLocale::LongFormat)));
	} else {
		lastEvent_->setText(loc("LiveGifts.Dock.LastEventNone"));
	}
	QString streamText = snapshot.streamLive
				 ? loc("LiveGifts.Dock.StreamLive").arg(static_cast<qlonglong>(snapshot.streamId))
				 : loc("LiveGifts.Dock.StreamOff");
	// Stream boundaries: why the open stream started, on a second line.
	if (snapshot.streamLive && !snapshot.streams.empty() && snapshot.streams.back().open) {
		if (const char *key = streamCauseKey(snapshot.streams.back().startedBy)) {
			streamText += QStringLiteral("\n") + loc(key);
		}
	}
	stream_->setText(streamText);
	streamLive_ = snapshot.streamLive;
}

} // namespace livegifts::obs::dock
