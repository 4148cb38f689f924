#include "connect/connector.hpp"

#include <algorithm>

#include <QUrl>
#include <QUrlQuery>

#include "connect/recorder.hpp"
#include "connect/replay.hpp"
#include "connect/websocket-connector.hpp"

namespace livegifts::connect {

const char *kindName(ConnectorKind kind)
{
	switch (kind) {
	case ConnectorKind::Replay:
		return "replay";
	case ConnectorKind::TikFinity:
		return "tikfinity";
	case ConnectorKind::WebSocketUrl:
		return "websocket-url";
	case ConnectorKind::Euler:
		return "euler";
	}
	return "replay";
}

bool kindFromName(std::string_view name, ConnectorKind &kind)
{
	for (const auto candidate :
	     {ConnectorKind::Replay, ConnectorKind::TikFinity, ConnectorKind::WebSocketUrl, ConnectorKind::Euler}) {
		if (name == kindName(candidate)) {
			kind = candidate;
			return true;
		}
	}
	return false;
}

const char *stateName(ConnectionState state)
{
	switch (state) {
	case ConnectionState::Stopped:
		return "stopped";
	case ConnectionState::Connecting:
		return "connecting";
	case ConnectionState::Connected:
		return "connected";
	case ConnectionState::Reconnecting:
		return "reconnecting";
	case ConnectionState::Finished:
		return "finished";
	}
	return "stopped";
}

const char *problemName(Problem problem)
{
	switch (problem) {
	case Problem::None:
		return "None";
	case Problem::Other:
		return "Other";
	case Problem::MissingHandle:
		return "MissingHandle";
	case Problem::MissingUrl:
		return "MissingUrl";
	case Problem::MissingReplayFile:
		return "MissingReplayFile";
	case Problem::NotWebSocketAddress:
		return "NotWebSocketAddress";
	case Problem::UnusableAddress:
		return "UnusableAddress";
	case Problem::NoAnswer:
		return "NoAnswer";
	case Problem::NoData:
		return "NoData";
	case Problem::ServerClosed:
		return "ServerClosed";
	case Problem::CouldNotConnect:
		return "CouldNotConnect";
	case Problem::FrameTooBig:
		return "FrameTooBig";
	case Problem::NotJson:
		return "NotJson";
	case Problem::Internal:
		return "Internal";
	case Problem::ReplayUnreadable:
		return "ReplayUnreadable";
	case Problem::EulerInternal:
		return "EulerInternal";
	case Problem::StreamEnded:
		return "StreamEnded";
	case Problem::EulerIdle:
		return "EulerIdle";
	case Problem::EulerBadSettings:
		return "EulerBadSettings";
	case Problem::EulerBadKey:
		return "EulerBadKey";
	case Problem::EulerNoAccess:
		return "EulerNoAccess";
	case Problem::NotLive:
		return "NotLive";
	case Problem::TooManyConnections:
		return "TooManyConnections";
	case Problem::TikTokClosed:
		return "TikTokClosed";
	case Problem::LifetimeReached:
		return "LifetimeReached";
	case Problem::EulerNoRoom:
		return "EulerNoRoom";
	}
	return "Other";
}

bool missingSetting(Problem problem)
{
	return problem == Problem::MissingHandle || problem == Problem::MissingUrl ||
	       problem == Problem::MissingReplayFile;
}

bool stoppedByFault(const ConnectorStatus &status)
{
	return (status.fatal || !status.lastError.empty()) && !missingSetting(status.problem);
}

int ConnectorStatus::secondsUntilRetry() const
{
	if (state != ConnectionState::Reconnecting) {
		return 0;
	}
	const auto left = retryAt - std::chrono::steady_clock::now();
	const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(left).count();
	return ms <= 0 ? 0 : static_cast<int>((ms + 999) / 1000);
}

std::string describeStatus(const ConnectorStatus &status)
{
	std::string text;
	switch (status.state) {
	case ConnectionState::Stopped:
		text = "Stopped";
		break;
	case ConnectionState::Connecting:
		text = "Connecting";
		break;
	case ConnectionState::Connected:
		text = "Connected";
		break;
	case ConnectionState::Reconnecting:
		text = "Reconnecting in " + std::to_string(status.secondsUntilRetry()) + " s";
		break;
	case ConnectionState::Finished:
		text = "Finished";
		break;
	}
	if (status.streamEnded && status.state != ConnectionState::Connected) {
		text += " (the LIVE stream ended)";
	}
	if (!status.lastError.empty() && status.state != ConnectionState::Connected) {
		text += ": " + status.lastError;
	}
	return text;
}

namespace {

// The Euler address the settings name (kEulerUrl, or the URL that overrides it), before its query is added.
QUrl eulerBase(const ConnectorSettings &settings)
{
	return QUrl(QString::fromStdString(settings.url.empty() ? std::string(kEulerUrl) : settings.url));
}

QUrl eulerUrl(const ConnectorSettings &settings, bool maskKey)
{
	QUrl url = eulerBase(settings);
	QUrlQuery query(url);
	std::string handle = settings.uniqueId;
	if (!handle.empty() && handle.front() == '@') {
		handle.erase(0, 1);
	}
	query.removeQueryItem(QStringLiteral("uniqueId"));
	query.removeQueryItem(QStringLiteral("apiKey"));
	query.addQueryItem(QStringLiteral("uniqueId"), QString::fromStdString(handle));
	if (!settings.apiKey.empty()) {
		query.addQueryItem(QStringLiteral("apiKey"),
				   maskKey ? QStringLiteral("***") : QString::fromStdString(settings.apiKey));
	}
	url.setQuery(query);
	return url;
}

} // namespace

bool eulerUsable(const ConnectorSettings &settings)
{
	return eulerBase(settings).isValid();
}

std::string connectUrl(const ConnectorSettings &settings)
{
	switch (settings.kind) {
	case ConnectorKind::TikFinity:
		return settings.url.empty() ? std::string(kTikFinityUrl) : settings.url;
	case ConnectorKind::Euler:
		if (!eulerUsable(settings)) {
			// Refused before connecting: never rebuilt into another address with the key.
			return settings.url;
		}
		return eulerUrl(settings, false).toString(QUrl::FullyEncoded).toStdString();
	case ConnectorKind::WebSocketUrl:
	case ConnectorKind::Replay:
		break;
	}
	return settings.url;
}

namespace {

// A query item whose name says it holds a secret ("apiKey", "token", "access_token", "sig", "pass", ...).
bool secretName(std::string_view name)
{
	std::string lower(name);
	for (char &c : lower) {
		if (c >= 'A' && c <= 'Z') {
			c = static_cast<char>(c - 'A' + 'a');
		}
	}
	for (const char *word : {"key", "token", "secret", "pass", "auth", "sig", "session"}) {
		if (lower.find(word) != std::string::npos) {
			return true;
		}
	}
	return false;
}

// The query (and fragment) of URL text: the value of each item named like a secret becomes "***".
std::string maskQueryText(std::string_view text)
{
	std::string out;
	out.reserve(text.size());
	std::size_t start = 0;
	while (start <= text.size()) {
		const std::size_t end = std::min(text.find_first_of("&;?#", start), text.size());
		const std::string_view item = text.substr(start, end - start);
		const std::size_t equals = item.find('=');
		if (equals != std::string_view::npos && equals + 1 < item.size() &&
		    secretName(item.substr(0, equals))) {
			out.append(item.substr(0, equals + 1));
			out += "***";
		} else {
			out.append(item);
		}
		if (end < text.size()) {
			out += text[end];
		}
		start = end + 1;
	}
	return out;
}

} // namespace

std::string maskUrlText(std::string_view text)
{
	const std::size_t scheme = text.find("://");
	const std::size_t authority = scheme == std::string_view::npos ? 0 : scheme + 3;
	const std::size_t query = std::min(text.find_first_of("?#", authority), text.size());
	std::string out(text.substr(0, query));
	// The user info ends at the last '@' before the query (a password typed with a '/' in it too); its
	// password after the first ':'.
	const std::size_t at = out.rfind('@');
	if (at != std::string::npos && at > authority) {
		const std::size_t colon = out.find(':', authority);
		if (colon < at - 1) {
			out.replace(colon + 1, at - colon - 1, "***");
		}
	}
	return out + maskQueryText(text.substr(query));
}

std::string maskedUrl(const ConnectorSettings &settings)
{
	if (settings.kind != ConnectorKind::Euler && settings.url.empty()) {
		return connectUrl(settings);
	}
	if (settings.kind == ConnectorKind::Euler && !eulerUsable(settings)) {
		return maskUrlText(settings.url); // refused before connecting; said as it was typed, secrets masked
	}
	QUrl url = settings.kind == ConnectorKind::Euler ? eulerUrl(settings, true)
							 : QUrl(QString::fromStdString(connectUrl(settings)));
	if (!url.isValid()) {
		return maskUrlText(connectUrl(settings)); // connects nowhere; said as it was typed, secrets masked
	}
	// A custom address may carry a key of its own: a password, or a query item named like one.
	if (!url.password().isEmpty()) {
		url.setPassword(QStringLiteral("***"));
	}
	QUrlQuery query(url);
	auto items = query.queryItems(QUrl::FullyEncoded);
	for (auto &[name, value] : items) {
		if (secretName(name.toStdString()) && !value.isEmpty()) {
			value = QStringLiteral("***");
		}
	}
	query.setQueryItems(items);
	url.setQuery(query);
	return url.toString(QUrl::FullyEncoded).toStdString();
}

CloseMeaning eulerCloseMeaning(int code)
{
	CloseMeaning meaning;
	switch (code) {
	case 1011:
		meaning.message = "Euler Stream had an internal error";
		meaning.problem = Problem::EulerInternal;
		break;
	case 4005:
		meaning.message = "The LIVE stream ended";
		meaning.problem = Problem::StreamEnded;
		meaning.slow = true;
		meaning.streamEnded = true;
		break;
	case 4006:
		meaning.message = "Euler Stream saw no messages for a while and closed the connection";
		meaning.problem = Problem::EulerIdle;
		break;
	case 4400:
		meaning.message = "Euler Stream refused the settings: check the TikTok @handle";
		meaning.problem = Problem::EulerBadSettings;
		meaning.retry = false;
		break;
	case 4401:
		meaning.message = "The Euler Stream API key is invalid";
		meaning.problem = Problem::EulerBadKey;
		meaning.retry = false;
		break;
	case 4403:
		meaning.message = "This Euler Stream API key has no access to that creator";
		meaning.problem = Problem::EulerNoAccess;
		meaning.retry = false;
		break;
	case 4404:
		meaning.message = "The creator is not LIVE right now";
		meaning.problem = Problem::NotLive;
		meaning.slow = true;
		break;
	case 4429:
		meaning.message = "Too many connections on this Euler Stream account";
		meaning.problem = Problem::TooManyConnections;
		meaning.slow = true;
		break;
	case 4500:
		meaning.message = "TikTok closed the connection unexpectedly";
		meaning.problem = Problem::TikTokClosed;
		break;
	case 4555:
		meaning.message = "The connection reached its maximum lifetime (8 hours)";
		meaning.problem = Problem::LifetimeReached;
		break;
	case 4556:
	case 4557:
		meaning.message = "Euler Stream could not fetch the LIVE room from TikTok";
		meaning.problem = Problem::EulerNoRoom;
		break;
	default:
		break;
	}
	return meaning;
}

namespace {

// Records each frame's text, then passes the frame on.
ReceivedFrameSink recordingTee(std::shared_ptr<Recorder> recorder, ReceivedFrameSink next)
{
	return [recorder = std::move(recorder), next = std::move(next)](ReceivedFrame frame) {
		recorder->write(frame.text);
		if (next) {
			next(std::move(frame));
		}
	};
}

} // namespace

std::unique_ptr<Connector> makeConnector(const ConnectorSettings &settings, FrameSink textSink, Logger &logger)
{
	return makeConnector(
	    settings,
	    [textSink = std::move(textSink)](ReceivedFrame frame) {
		    if (textSink) {
			    textSink(std::move(frame.text));
		    }
	    },
	    logger);
}

std::unique_ptr<Connector> makeConnector(const ConnectorSettings &settings, ReceivedFrameSink sink, Logger &logger)
{
	if (!settings.recorderPath.empty()) {
		auto recorder = std::make_shared<Recorder>(settings.recorderPath, settings.recorderMaxBytes,
							   settings.recorderKeepFiles, logger);
		sink = recordingTee(std::move(recorder), std::move(sink));
	}
	if (settings.kind == ConnectorKind::Replay) {
		return std::make_unique<ReplayConnector>(settings, std::move(sink), logger);
	}
	return std::make_unique<WebSocketConnector>(settings, std::move(sink), logger);
}

} // namespace livegifts::connect
