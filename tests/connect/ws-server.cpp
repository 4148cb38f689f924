#include "ws-server.hpp"

#include <catch2/catch.hpp>

#include <utility>

#include <QHostAddress>
#include <QTimer>

namespace testing {

WsServer::WsServer(Script script)
    : server_(QStringLiteral("test"), QWebSocketServer::NonSecureMode), script_(std::move(script))
{
	REQUIRE(server_.listen(QHostAddress::LocalHost, 0));
	QObject::connect(&server_, &QWebSocketServer::newConnection, [this] {
		while (QWebSocket *client = server_.nextPendingConnection()) {
			clients_.emplace_back(client);
			requestUrls_.push_back(client->requestUrl());
			script_(client, static_cast<int>(clients_.size()) - 1);
		}
	});
}

std::string WsServer::url() const
{
	return "ws://127.0.0.1:" + std::to_string(server_.serverPort()) + "/";
}

int WsServer::connections() const
{
	return static_cast<int>(clients_.size());
}

QUrl WsServer::requestUrl(int index) const
{
	return requestUrls_.at(static_cast<std::size_t>(index));
}

void sendFrames(QWebSocket *client, const std::vector<std::string> &frames, std::size_t from, std::size_t to)
{
	for (std::size_t i = from; i < to && i < frames.size(); ++i) {
		client->sendTextMessage(QString::fromStdString(frames[i]));
	}
	client->flush();
}

void abortWhenSent(QWebSocket *client)
{
	auto *drop = new QTimer(client);
	QObject::connect(drop, &QTimer::timeout, client, [client, drop] {
		if (client->bytesToWrite() == 0) {
			drop->stop();
			client->abort();
		}
	});
	drop->start(5);
}

} // namespace testing
