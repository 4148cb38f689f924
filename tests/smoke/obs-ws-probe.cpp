// Asks a running OBS over obs-websocket (protocol v5, loopback, no auth) what a streamer would see:
// whether our source kinds are offered in "Add Source" (GetInputKindList), and a screenshot of one of
// our sources as OBS itself renders it (GetSourceScreenshot), checked for what it should show:
//   --expect fill   the goal bar's pink fill (default)
//   --expect card   an alert card: at least 2 % of the pixels opaque
//   --expect empty  nothing: under 0.1 % of the pixels opaque
//
// and, with --hotkey, whether OBS has these hotkeys registered (GetHotkeyList).
//
//   obs-ws-probe --port N [--kind ID...] [--hotkey NAME...] --source NAME --out FILE.png [--expect WHAT]
//                [--timeout S]

#include <QCoreApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <cstdio>

namespace {

struct Options {
	int port = 4455;
	QStringList kinds;
	QStringList hotkeys;
	QString source;
	QString out;
	QString expect = QStringLiteral("fill");
	int timeoutSeconds = 90;
};

int finish(int code, const QString &message)
{
	std::fprintf(code == 0 ? stdout : stderr, "obs-ws-probe: %s\n", message.toUtf8().constData());
	QCoreApplication::exit(code);
	return code;
}

} // namespace

int main(int argc, char **argv)
{
	QCoreApplication app(argc, argv);
	Options options;
	const QStringList args = app.arguments();
	for (int i = 1; i + 1 < args.size(); i += 2) {
		if (args[i] == "--port") {
			options.port = args[i + 1].toInt();
		} else if (args[i] == "--kind") {
			options.kinds << args[i + 1];
		} else if (args[i] == "--source") {
			options.source = args[i + 1];
		} else if (args[i] == "--out") {
			options.out = args[i + 1];
		} else if (args[i] == "--hotkey") {
			options.hotkeys << args[i + 1];
		} else if (args[i] == "--expect") {
			options.expect = args[i + 1];
		} else if (args[i] == "--timeout") {
			options.timeoutSeconds = args[i + 1].toInt();
		}
	}

	QWebSocket socket;
	const QUrl url(QStringLiteral("ws://127.0.0.1:%1").arg(options.port));
	QTimer retry;
	retry.setInterval(500);
	retry.setSingleShot(true);
	QObject::connect(&retry, &QTimer::timeout, [&] { socket.open(url); });
	QObject::connect(&socket, &QWebSocket::stateChanged, [&](QAbstractSocket::SocketState state) {
		if (state == QAbstractSocket::UnconnectedState && !retry.isActive()) {
			retry.start(); // OBS is still starting
		}
	});
	QTimer::singleShot(options.timeoutSeconds * 1000, [&] { finish(1, "timed out talking to OBS"); });

	auto send = [&](int op, const QJsonObject &d) {
		socket.sendTextMessage(QString::fromUtf8(QJsonDocument(QJsonObject{{"op", op}, {"d", d}}).toJson()));
	};
	auto request = [&](const QString &type, const QJsonObject &data) {
		send(6, QJsonObject{{"requestType", type}, {"requestId", type}, {"requestData", data}});
	};

	QObject::connect(&socket, &QWebSocket::textMessageReceived, [&](const QString &text) {
		const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
		const int op = message.value("op").toInt(-1);
		const QJsonObject d = message.value("d").toObject();
		if (op == 0) {
			send(1, QJsonObject{{"rpcVersion", 1}});
		} else if (op == 2) {
			request("GetInputKindList", QJsonObject{{"unversioned", false}});
		} else if (op == 7) {
			const QString type = d.value("requestType").toString();
			const QJsonObject status = d.value("requestStatus").toObject();
			if (!status.value("result").toBool()) {
				finish(1, type + " failed: " + status.value("comment").toString());
				return;
			}
			const QJsonObject response = d.value("responseData").toObject();
			if (type == "GetInputKindList") {
				QStringList offered;
				for (const auto &kind : response.value("inputKinds").toArray()) {
					offered << kind.toString();
				}
				for (const QString &kind : options.kinds) {
					if (!offered.contains(kind)) {
						finish(1, "source kind " + kind +
							      " is not offered; OBS offers: " + offered.join(", "));
						return;
					}
					std::printf("obs-ws-probe: OBS offers source kind %s\n",
						    kind.toUtf8().constData());
				}
				request("GetHotkeyList", QJsonObject{});
			} else if (type == "GetHotkeyList") {
				QStringList names;
				for (const auto &name : response.value("hotkeys").toArray()) {
					names << name.toString();
				}
				for (const QString &hotkey : options.hotkeys) {
					if (!names.contains(hotkey)) {
						finish(1, "hotkey " + hotkey + " is not registered");
						return;
					}
					std::printf("obs-ws-probe: OBS has hotkey %s\n", hotkey.toUtf8().constData());
				}
				request("GetSourceScreenshot",
					QJsonObject{{"sourceName", options.source}, {"imageFormat", "png"}});
			} else if (type == "GetSourceScreenshot") {
				QString data = response.value("imageData").toString();
				data = data.mid(data.indexOf(',') + 1);
				QImage image;
				image.loadFromData(QByteArray::fromBase64(data.toLatin1()), "PNG");
				if (image.isNull() || !image.save(options.out)) {
					finish(1, "no screenshot of " + options.source);
					return;
				}
				// The bar's start is the pink fill colour (#FE3D7A) when the goal has any progress.
				int pink = 0;
				qint64 opaque = 0;
				for (int y = 0; y < image.height(); ++y) {
					for (int x = 0; x < image.width(); ++x) {
						const QRgb p = image.pixel(x, y);
						opaque += qAlpha(p) > 200 ? 1 : 0;
						if (qAlpha(p) > 200 && qRed(p) > 200 && qGreen(p) < 110 &&
						    qBlue(p) > 80 && qBlue(p) < 170) {
							++pink;
						}
					}
				}
				const qint64 pixels = static_cast<qint64>(image.width()) * image.height();
				bool ok = pink >= 50;
				if (options.expect == QStringLiteral("card")) {
					ok = opaque * 50 >= pixels;
				} else if (options.expect == QStringLiteral("empty")) {
					ok = opaque * 1000 < pixels;
				}
				if (!ok) {
					finish(1,
					       QStringLiteral(
						   "screenshot %1 does not show %2 (%3 pink, %4 of %5 pixels opaque)")
						   .arg(options.out, options.expect)
						   .arg(pink)
						   .arg(opaque)
						   .arg(pixels));
					return;
				}
				finish(0, QStringLiteral("OBS rendered %1 (%2x%3, %4 fill pixels, %5 opaque: %6) -> %7")
					      .arg(options.source)
					      .arg(image.width())
					      .arg(image.height())
					      .arg(pink)
					      .arg(opaque)
					      .arg(options.expect, options.out));
			}
		}
	});
	socket.open(url);
	const int code = app.exec();
	// The socket outlives the retry timer; its closing must not reach the handlers above.
	QObject::disconnect(&socket, nullptr, nullptr, nullptr);
	return code;
}
