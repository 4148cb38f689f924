#pragma once

// A tiny HTTP/1.1 server on 127.0.0.1 for the image fetcher's tests (QTcpServer in the test's thread).

#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <QTcpServer>
#include <QTcpSocket>

namespace testing {

// A tiny HTTP/1.1 server: one request a connection, answered by route (the query string is ignored).
class HttpServer {
public:
	using Handler = std::function<void(QTcpSocket *)>;

	HttpServer()
	{
		REQUIRE(server_.listen(QHostAddress::LocalHost, 0));
		QObject::connect(&server_, &QTcpServer::newConnection, [this] {
			while (QTcpSocket *socket = server_.nextPendingConnection()) {
				sockets_.emplace_back(socket);
				QObject::connect(socket, &QTcpSocket::readyRead, socket,
						 [this, socket] { onRequest(socket); });
			}
		});
	}

	void route(const std::string &path, Handler handler) { routes_[path] = std::move(handler); }
	int port() const { return server_.serverPort(); }
	std::string url(const std::string &path) const
	{
		return "http://127.0.0.1:" + std::to_string(server_.serverPort()) + path;
	}
	int requests(const std::string &path) const
	{
		const auto it = requests_.find(path);
		return it == requests_.end() ? 0 : it->second;
	}
	std::uint64_t streamed = 0; // body bytes written by the streaming routes

	static void respond(QTcpSocket *socket, int status, const QByteArray &type, const QByteArray &body)
	{
		QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + type +
				  "\r\nContent-Length: " + QByteArray::number(body.size()) +
				  "\r\nConnection: close\r\n\r\n";
		socket->write(head + body);
		socket->disconnectFromHost();
	}

	// Sends `total` bytes of body as fast as the client takes them, with or without a Content-Length.
	void stream(QTcpSocket *socket, std::uint64_t total, bool announceLength)
	{
		QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close\r\n";
		if (announceLength) {
			head += "Content-Length: " + QByteArray::number(static_cast<qulonglong>(total)) + "\r\n";
		}
		socket->write(head + "\r\n");
		auto sent = std::make_shared<std::uint64_t>(0);
		const QByteArray chunk(256 * 1024, '\0');
		auto more = [this, socket, sent, total, chunk] {
			while (socket->state() == QAbstractSocket::ConnectedState &&
			       socket->bytesToWrite() < 512 * 1024 && *sent < total) {
				socket->write(chunk);
				*sent += static_cast<std::uint64_t>(chunk.size());
				streamed += static_cast<std::uint64_t>(chunk.size());
			}
		};
		QObject::connect(socket, &QTcpSocket::bytesWritten, socket, more);
		more();
	}

private:
	void onRequest(QTcpSocket *socket)
	{
		if (socket->property("answered").toBool()) {
			socket->readAll();
			return;
		}
		const QByteArray request = socket->peek(16384);
		if (!request.contains("\r\n\r\n")) {
			return;
		}
		socket->readAll();
		socket->setProperty("answered", true);
		std::string path = request.split(' ').value(1).toStdString();
		path = path.substr(0, path.find('?'));
		requests_[path] += 1;
		const auto it = routes_.find(path);
		if (it == routes_.end()) {
			respond(socket, 404, "text/plain", "not found");
			return;
		}
		it->second(socket);
	}

	QTcpServer server_;
	std::vector<std::unique_ptr<QTcpSocket>> sockets_;
	std::map<std::string, Handler> routes_;
	std::map<std::string, int> requests_;
};

} // namespace testing
