// A loopback WebSocket bridge for the real-OBS dock test: listens on 127.0.0.1:PORT and sends every client
// a like event (TikTok-Live-Connector's {"event","data"} envelope, a fresh msgId each) twice a second, so
// the connector counts frames without any gift alert. It runs until it is killed: the test stops and
// starts it again to see the dock go from connected to reconnecting and back. With --accept-after-ms it
// listens at once but accepts nobody before that time: a client that comes meanwhile waits for its
// handshake (its status is "connecting" that long, long enough for the dock to show it).
//
//   dock-ws-server --port N [--accept-after-ms MS]

#include <QCoreApplication>
#include <QHostAddress>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <cstdio>
#include <memory>
#include <vector>

int main(int argc, char **argv)
{
	QCoreApplication app(argc, argv);
	const QStringList args = app.arguments();
	quint16 port = 0;
	int acceptAfterMs = 0;
	for (int i = 1; i + 1 < args.size(); i += 2) {
		if (args[i] == QStringLiteral("--port")) {
			port = static_cast<quint16>(args[i + 1].toUInt());
		} else if (args[i] == QStringLiteral("--accept-after-ms")) {
			acceptAfterMs = args[i + 1].toInt();
		}
	}
	QWebSocketServer server(QStringLiteral("dock-ws-server"), QWebSocketServer::NonSecureMode);
	if (port == 0 || !server.listen(QHostAddress::LocalHost, port)) {
		std::fprintf(stderr, "dock-ws-server: cannot listen on 127.0.0.1:%u\n", static_cast<unsigned>(port));
		return 1;
	}
	std::printf("dock-ws-server: listening on 127.0.0.1:%u\n", static_cast<unsigned>(port));
	std::fflush(stdout);
	if (acceptAfterMs > 0) {
		server.pauseAccepting();
		QTimer::singleShot(acceptAfterMs, &server, [&server] {
			server.resumeAccepting();
			std::printf("dock-ws-server: accepting\n");
			std::fflush(stdout);
		});
	}
	std::vector<std::unique_ptr<QWebSocket>> clients;
	QObject::connect(&server, &QWebSocketServer::newConnection, [&] {
		while (QWebSocket *client = server.nextPendingConnection()) {
			clients.emplace_back(client);
			std::printf("dock-ws-server: client connected\n");
			std::fflush(stdout);
		}
	});
	qint64 sent = 0;
	QTimer timer;
	QObject::connect(&timer, &QTimer::timeout, [&] {
		++sent;
		const QString frame =
		    QStringLiteral(
			R"({"event":"like","data":{"likeCount":1,"totalLikeCount":%1,"userId":"6800000000000000001",)"
			R"("uniqueId":"dock.test","nickname":"Dock test","msgId":"dock-like-%2-%1"}})")
			.arg(sent)
			.arg(QCoreApplication::applicationPid());
		for (const auto &client : clients) {
			if (client->state() == QAbstractSocket::ConnectedState) {
				client->sendTextMessage(frame);
			}
		}
	});
	timer.start(500);
	return app.exec();
}
