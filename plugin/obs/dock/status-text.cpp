#include "obs/dock/status-text.hpp"

#include "obs/dock/dock-widgets.hpp"

#include "obs/sources/style-group.hpp"

#include <obs-module.h>

namespace livegifts::obs::dock {

QString loc(const char *key)
{
	return QString::fromUtf8(obs_module_text(key));
}

const view::Wording &numberWords()
{
	return localeWording();
}

QLocale dockLocale()
{
	const char *language = obs_get_locale();
	if (language == nullptr || *language == '\0') {
		return withModuleDigits(QLocale());
	}
	return withModuleDigits(QLocale(QString::fromUtf8(language).replace(QLatin1Char('-'), QLatin1Char('_'))));
}

QString kindLabel(const std::string &kind)
{
	if (kind == "demo") {
		return loc("LiveGifts.Connection.Demo");
	}
	if (kind == "tikfinity") {
		return loc("LiveGifts.Connection.TikFinity");
	}
	if (kind == "websocket-url") {
		return loc("LiveGifts.Connection.WebSocket");
	}
	if (kind == "euler") {
		return loc("LiveGifts.Connection.Euler");
	}
	if (kind == "replay") {
		return loc("LiveGifts.Connection.Replay");
	}
	return loc("LiveGifts.Connection.Off");
}

QString problemText(connect::Problem problem, const std::string &detail, const std::string &english)
{
	using connect::Problem;
	if (problem == Problem::None || problem == Problem::Other) {
		return QString::fromStdString(english); // the system's, a server's or a library's own words
	}
	std::string key = std::string("LiveGifts.Problem.") + connect::problemName(problem);
	if ((problem == Problem::ServerClosed || problem == Problem::CouldNotConnect) && !detail.empty()) {
		key += "Detail";
	}
	QString text = loc(key.c_str());
	if (text.contains(QStringLiteral("%1"))) {
		text = text.arg(QString::fromStdString(detail));
	}
	return text;
}

QString statusText(const LiveStatus &status)
{
	// The built-in demo goes by its name, not the path of its recording. An address or a path reads left to
	// right inside words of any direction (isolated: in Arabic its leading slash stayed at its start).
	const QString target =
	    status.kind == "demo" ? kindLabel(status.kind) : leftToRightPart(QString::fromStdString(status.target));
	const QString error = problemText(status.problem, status.problemDetail, status.error);
	QString text;
	switch (status.state) {
	case LiveState::Off:
		if (status.disconnected) {
			text = loc("LiveGifts.Dock.State.Disconnected");
		} else if (status.finished) {
			text = loc("LiveGifts.Dock.State.Finished");
		} else {
			text = loc("LiveGifts.Dock.State.Off");
		}
		break;
	case LiveState::Connecting:
		text = loc("LiveGifts.Dock.State.Connecting").arg(target);
		break;
	case LiveState::Connected:
		text = loc("LiveGifts.Dock.State.Connected").arg(target);
		break;
	case LiveState::Reconnecting:
		text = loc("LiveGifts.Dock.State.Reconnecting").arg(status.retryInSeconds);
		break;
	case LiveState::Error:
		text = loc("LiveGifts.Dock.State.Error");
		break;
	}
	if (status.state == LiveState::Off && connect::missingSetting(status.problem) && !error.isEmpty()) {
		return error; // the kind's field is still empty: what to fill in
	}
	if (!error.isEmpty() && (status.state == LiveState::Reconnecting || status.state == LiveState::Error)) {
		text += QStringLiteral(": ") + error;
	}
	return text;
}

QString ledgerProblemText(const LedgerStatus &ledger, const std::string &english)
{
	const QString waiting = QString::number(ledger.waitingRows);
	if (ledger.state == LedgerStatus::State::MemoryOnly) {
		return loc(ledger.inUse ? "LiveGifts.Dock.LedgerInUse" : "LiveGifts.Dock.LedgerMemoryOnly");
	}
	if (ledger.state == LedgerStatus::State::Retrying) {
		return loc(ledger.readOnly ? "LiveGifts.Dock.LedgerReadOnly" : "LiveGifts.Dock.LedgerRetrying")
		    .arg(waiting);
	}
	return loc("LiveGifts.Dock.LedgerError").arg(QString::fromStdString(english));
}

QColor statusColour(LiveState state)
{
	switch (state) {
	case LiveState::Connected:
		return QColor(0x2e, 0xcc, 0x71);
	case LiveState::Connecting:
	case LiveState::Reconnecting:
		return QColor(0xf3, 0x9c, 0x12);
	case LiveState::Error:
		return QColor(0xe7, 0x4c, 0x3c);
	case LiveState::Off:
		break;
	}
	return QColor(0x80, 0x80, 0x80);
}

} // namespace livegifts::obs::dock
