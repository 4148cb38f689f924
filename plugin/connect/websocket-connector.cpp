#include "connect/websocket-connector.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <functional>
#include <mutex>
#include <random>
#include <utility>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#ifndef QT_NO_SSL
#include <QSslSocket>
#endif
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

namespace livegifts::connect {

int backoffDelayMs(int attempt, int initialMs, int maxMs, double unit)
{
	const int cap = std::max(1, maxMs);
	const double base = std::min(static_cast<double>(cap), std::max(1.0, static_cast<double>(initialMs)) *
								   std::pow(2.0, std::clamp(attempt, 0, 30)));
	const double jittered = base * (0.8 + 0.4 * std::clamp(unit, 0.0, 1.0));
	return std::max(1, static_cast<int>(std::min(static_cast<double>(cap), jittered)));
}

namespace {

using Clock = std::chrono::steady_clock;

std::string secondsText(int ms)
{
	return std::to_string((ms + 999) / 1000) + " s";
}

// Everything below lives on the connector thread: created in run(), destroyed there after exec() returns.
class Session {
public:
	Session(const ConnectorSettings &settings, const ReceivedFrameSink &sink, Logger &logger, StatusBox &status)
	    : settings_(settings), sink_(sink), logger_(logger), status_(status), rng_(std::random_device{}())
	{
	}

	~Session() { dropSocket(); }

	void begin()
	{
		retryTimer_.setSingleShot(true);
		QObject::connect(&retryTimer_, &QTimer::timeout, &context_, [this] { open(); });
		handshakeTimer_.setSingleShot(true);
		QObject::connect(&handshakeTimer_, &QTimer::timeout, &context_, [this] {
			fail("No answer from the server within " + secondsText(settings_.handshakeTimeoutMs));
		});
		idleTimer_.setInterval(std::max(20, settings_.idleTimeoutMs / 4));
		QObject::connect(&idleTimer_, &QTimer::timeout, &context_, [this] { checkIdle(); });

		url_ = connectUrl(settings_);
		status_.update([&](ConnectorStatus &s) { s.target = maskedUrl(settings_); });
		const QUrl url(QString::fromStdString(url_));
		if (settings_.kind == ConnectorKind::Euler && settings_.uniqueId.empty()) {
			giveUp("Enter the TikTok @handle to connect to Euler Stream");
			return;
		}
		if (!url.isValid() || (url.scheme() != QStringLiteral("ws") && url.scheme() != QStringLiteral("wss"))) {
			giveUp("Not a WebSocket address (ws:// or wss://): " + maskedUrl(settings_));
			return;
		}
#ifndef QT_NO_SSL
		const bool tls = QSslSocket::supportsSsl();
#else
		const bool tls = false;
#endif
		if (url.scheme() == QStringLiteral("wss") && !tls) {
			giveUp("This Qt has no TLS support (OpenSSL missing), so wss:// addresses cannot be opened");
			return;
		}
		open();
	}

	void end()
	{
		retryTimer_.stop();
		handshakeTimer_.stop();
		idleTimer_.stop();
		if (socket_ && socket_->state() == QAbstractSocket::ConnectedState) {
			QObject::disconnect(socket_, nullptr, &context_, nullptr);
			socket_->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("stopped"));
			socket_->flush();
		}
		dropSocket();
		logger_.log(LogLevel::Info, "WebSocket: stopped (" + maskedUrl(settings_) + ")");
	}

private:
	void dropSocket()
	{
		if (!socket_) {
			return;
		}
		QObject::disconnect(socket_, nullptr, &context_, nullptr);
		socket_->abort();
		socket_->deleteLater();
		socket_ = nullptr;
	}

	void open()
	{
		dropSocket();
		connected_ = false;
		retryPending_ = false;
		pendingReason_.clear();
		const std::uint64_t generation = ++generation_;

		socket_ = new QWebSocket();
		socket_->setMaxAllowedIncomingFrameSize(static_cast<quint64>(settings_.maxFrameBytes));
		socket_->setMaxAllowedIncomingMessageSize(static_cast<quint64>(settings_.maxFrameBytes));
		QObject::connect(socket_, &QWebSocket::connected, &context_, [this, generation] {
			if (generation == generation_) {
				onConnected();
			}
		});
		QObject::connect(socket_, &QWebSocket::disconnected, &context_, [this, generation] {
			if (generation == generation_) {
				onDisconnected();
			}
		});
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
		QObject::connect(socket_, &QWebSocket::errorOccurred, &context_,
#else
		QObject::connect(socket_, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), &context_,
#endif
				 [this, generation](QAbstractSocket::SocketError) {
					 if (generation == generation_) {
						 onError();
					 }
				 });
		QObject::connect(socket_, &QWebSocket::textMessageReceived, &context_,
				 [this, generation](const QString &text) {
					 if (generation == generation_) {
						 onFrame(text.toUtf8());
					 }
				 });
		QObject::connect(socket_, &QWebSocket::binaryMessageReceived, &context_,
				 [this, generation](const QByteArray &bytes) {
					 if (generation == generation_) {
						 onFrame(bytes);
					 }
				 });
		QObject::connect(socket_, &QWebSocket::pong, &context_,
				 [this, generation](quint64, const QByteArray &) {
					 if (generation == generation_) {
						 lastActivity_.restart();
					 }
				 });

		status_.update([](ConnectorStatus &s) { s.state = ConnectionState::Connecting; });
		logger_.log(LogLevel::Debug, "WebSocket: connecting to " + maskedUrl(settings_));
		handshakeTimer_.start(std::max(1, settings_.handshakeTimeoutMs));
		socket_->open(QUrl(QString::fromStdString(url_)));
	}

	void onConnected()
	{
		handshakeTimer_.stop();
		connected_ = true;
		lastActivity_.start();
		if (settings_.idleTimeoutMs > 0) {
			idleTimer_.start();
		}
		lastLoggedError_.clear();
		status_.update([](ConnectorStatus &s) {
			s.state = ConnectionState::Connected;
			s.connects += 1;
			s.streamEnded = false; // a new connection: whether this stream ends is still open
		});
		logger_.log(LogLevel::Info, "WebSocket: connected to " + maskedUrl(settings_));
	}

	void onFrame(const QByteArray &bytes)
	{
		lastActivity_.restart();
		if (attempt_ != 0) {
			attempt_ = 0; // the link works: the next failure starts the backoff from the beginning
		}
		const std::string_view view(bytes.constData(), static_cast<std::size_t>(bytes.size()));
		ParsedFrame parsed = parser_.parse(view);
		if (!parsed.result.frameOk) {
			ignore(bytes.size());
			return;
		}
		const bool streamEnd = parsed.streamEnd();
		// Counted before the hand-off: whoever sees the frame also sees it in the status.
		status_.update([streamEnd](ConnectorStatus &s) {
			s.framesReceived += 1;
			if (streamEnd) {
				s.streamEnded = true;
			}
		});
		if (streamEnd) {
			logger_.log(LogLevel::Info, "WebSocket: the LIVE stream ended");
		}
		try {
			sink_(ReceivedFrame{std::string(view), std::move(parsed)});
		} catch (const std::exception &e) {
			// Nothing may escape into Qt's event loop; the frame is lost, the connection is not.
			logger_.log(LogLevel::Error, std::string("WebSocket: the frame sink failed: ") + e.what());
		} catch (...) {
			logger_.log(LogLevel::Error, "WebSocket: the frame sink failed with an unknown exception");
		}
	}

	void ignore(qsizetype bytes)
	{
		const std::string error =
		    "Ignored a frame that is not JSON or not a JSON object (" + std::to_string(bytes) + " bytes)";
		status_.update([&](ConnectorStatus &s) {
			s.framesIgnored += 1;
			s.lastError = error;
		});
		if (!loggedIgnored_) {
			logger_.log(LogLevel::Warning, "WebSocket: " + error + "; further ones are not logged");
			loggedIgnored_ = true;
		}
	}

	void onError()
	{
		if (!socket_) {
			return;
		}
		const std::string error = socket_->errorString().toStdString();
		if (retryPending_ && !gaveUp_ && genericReason_ && !error.empty()) {
			// disconnected() came first (a refused connection does that): give the status the real reason.
			genericReason_ = false;
			status_.update([&](ConnectorStatus &s) { s.lastError = error; });
			logRetry(error, LogLevel::Warning);
			return;
		}
		if (pendingReason_.empty()) {
			pendingReason_ = error;
		}
		// Some failures (refused, host not found) may not be followed by disconnected(): make sure.
		if (socket_->state() == QAbstractSocket::UnconnectedState) {
			onDisconnected();
		}
	}

	void onDisconnected()
	{
		if (retryPending_ || gaveUp_) {
			return;
		}
		handshakeTimer_.stop();
		idleTimer_.stop();
		const bool wasConnected = connected_;
		connected_ = false;

		const int code = socket_ ? static_cast<int>(socket_->closeCode()) : 0;
		const std::string closeReason = socket_ ? socket_->closeReason().toStdString() : std::string();
		std::string reason = pendingReason_;
		bool slow = false;
		bool resetBackoff = false;

		if (code == QWebSocketProtocol::CloseCodeTooMuchData) {
			reason = "A frame was larger than the limit of " + std::to_string(settings_.maxFrameBytes) +
				 " bytes";
		}
		if (settings_.kind == ConnectorKind::Euler && code >= 4000) {
			const CloseMeaning meaning = eulerCloseMeaning(code);
			if (!meaning.message.empty()) {
				reason = meaning.message;
			}
			if (meaning.streamEnded) {
				status_.update([](ConnectorStatus &s) { s.streamEnded = true; });
			}
			if (!meaning.retry) {
				giveUp(reason + " (close code " + std::to_string(code) + ")");
				return;
			}
			slow = meaning.slow;
			resetBackoff = code == 4555;
		}
		if (reason.empty() && wasConnected) {
			reason = "The server closed the connection";
			if (code != 0 && code != QWebSocketProtocol::CloseCodeNormal) {
				reason += " (code " + std::to_string(code) +
					  (closeReason.empty() ? "" : ", " + closeReason) + ")";
			}
		}
		if (reason.empty() && socket_ && socket_->error() != QAbstractSocket::UnknownSocketError) {
			reason = socket_->errorString().toStdString();
		}
		genericReason_ = reason.empty();
		if (reason.empty()) {
			reason = "Could not connect";
		}
		if (resetBackoff) {
			attempt_ = 0;
		}
		scheduleRetry(reason, slow);
	}

	void fail(const std::string &reason)
	{
		pendingReason_ = reason;
		if (socket_) {
			socket_->abort(); // emits disconnected() when the socket was not idle
		}
		onDisconnected();
	}

	void checkIdle()
	{
		if (!connected_ || !socket_) {
			return;
		}
		if (lastActivity_.elapsed() >= settings_.idleTimeoutMs) {
			fail("No data from the server for " + secondsText(settings_.idleTimeoutMs));
			return;
		}
		socket_->ping();
	}

	void scheduleRetry(const std::string &reason, bool slow)
	{
		retryPending_ = true;
		std::uniform_real_distribution<double> unit(0.0, 1.0);
		int delay = 0;
		if (slow) {
			delay = static_cast<int>(std::max(1, settings_.slowRetryMs) * (0.9 + 0.2 * unit(rng_)));
		} else {
			delay =
			    backoffDelayMs(attempt_, settings_.backoffInitialMs, settings_.backoffMaxMs, unit(rng_));
			attempt_ = std::min(attempt_ + 1, 30);
		}
		const auto retryAt = Clock::now() + std::chrono::milliseconds(delay);
		status_.update([&](ConnectorStatus &s) {
			s.state = ConnectionState::Reconnecting;
			s.lastError = reason;
			s.retryAt = retryAt;
		});
		retryDelayMs_ = delay;
		// A guessed reason waits for error() to name the real one (see onError).
		logRetry(reason, genericReason_ ? LogLevel::Debug : LogLevel::Warning);
		retryTimer_.start(delay);
	}

	// Each distinct reason once as a warning; the same one again only at debug level.
	void logRetry(const std::string &reason, LogLevel level)
	{
		const std::string line = "WebSocket: " + reason + "; reconnecting in " + secondsText(retryDelayMs_);
		if (level == LogLevel::Warning && reason != lastLoggedError_) {
			logger_.log(LogLevel::Warning, line);
			lastLoggedError_ = reason;
		} else {
			logger_.log(LogLevel::Debug, line);
		}
	}

	void giveUp(const std::string &reason)
	{
		gaveUp_ = true;
		retryTimer_.stop();
		handshakeTimer_.stop();
		idleTimer_.stop();
		status_.update([&](ConnectorStatus &s) {
			s.state = ConnectionState::Stopped;
			s.lastError = reason;
			s.fatal = true;
		});
		logger_.log(LogLevel::Error, "WebSocket: " + reason + "; not retrying");
		if (socket_) {
			QObject::disconnect(socket_, nullptr, &context_, nullptr);
		}
	}

	const ConnectorSettings &settings_;
	const ReceivedFrameSink &sink_;
	Logger &logger_;
	StatusBox &status_;

	// All owned and used by the connector thread only.
	QObject context_; // receiver of every connection: destroyed with the session, which cuts them
	QWebSocket *socket_ = nullptr;
	QTimer retryTimer_;
	QTimer handshakeTimer_;
	QTimer idleTimer_;
	QElapsedTimer lastActivity_;
	std::mt19937 rng_;
	std::string url_;
	std::string pendingReason_;
	std::string lastLoggedError_;
	std::uint64_t generation_ = 0;
	int attempt_ = 0;
	int retryDelayMs_ = 0;
	bool connected_ = false;
	bool retryPending_ = false;
	bool gaveUp_ = false;
	bool loggedIgnored_ = false;
	FrameParser parser_;         // reads each frame once, here on the connector thread
	bool genericReason_ = false; // the scheduled retry's reason is a guess; a later error() may correct it
};

} // namespace

// The stop handshake between the owner's thread and the connector thread, under a std::mutex. The thread is
// a std::thread that stop() joins, not a QThread: QThread::wait() hands over through Qt's own locks, which
// ThreadSanitizer does not see, so everything the thread touched looked like a race; a join it sees.
// Stopping goes through QThread::quit() of the thread Qt adopted for it (thread-safe, and it touches no
// memory of ours): no event or functor is handed from one thread to the other.
class WebSocketConnector::Control {
public:
	// Connector thread: registers itself before running its loop; false when stop() came first.
	bool enter(QThread *thread)
	{
		std::lock_guard<std::mutex> lock(mutex_);
		if (stopping_) {
			return false;
		}
		thread_ = thread;
		return true;
	}

	// Connector thread: whether stop() was asked for.
	bool stopping()
	{
		std::lock_guard<std::mutex> lock(mutex_);
		return stopping_;
	}

	// Connector thread: its loop has returned; quit() is not called any more.
	void leave()
	{
		std::lock_guard<std::mutex> lock(mutex_);
		thread_ = nullptr;
	}

	// Owner's thread: the connector thread's loop quits (see runConnectorThread for one that has not
	// started yet). quit() is called under the mutex: its wake-up of the loop (a write to Qt's event fd) is
	// then ordered before the thread's leave(), and so before the thread's end closes that fd.
	void requestStop()
	{
		std::lock_guard<std::mutex> lock(mutex_);
		stopping_ = true;
		if (thread_) {
			thread_->quit();
		}
	}

private:
	std::mutex mutex_;
	bool stopping_ = false;     // guarded by mutex_; set by the owner's thread
	QThread *thread_ = nullptr; // guarded by mutex_; the connector thread, registered by itself while it may loop
};

namespace {

// The connector thread's body: one Session on a Qt event loop until stop(). Nothing escapes into the thread.
void runConnectorThread(const ConnectorSettings &settings, const ReceivedFrameSink &sink, Logger &logger,
			StatusBox &status, WebSocketConnector::Control &control) noexcept
{
	try {
		QThread *thread = QThread::currentThread(); // the QThread Qt adopts for this std::thread
		thread->setObjectName(QStringLiteral("live-gifts-ws"));
		if (!control.enter(thread)) {
			return;
		}
		QEventLoop loop;
		std::string failure;
		try {
			Session session(settings, sink, logger, status);
			session.begin();
			// A stop() whose quit() came before exec() started is seen here, inside the loop.
			QTimer::singleShot(0, &loop, [&control, &loop] {
				if (control.stopping()) {
					loop.quit();
				}
			});
			loop.exec();
			session.end();
		} catch (const std::exception &e) {
			failure = e.what();
		} catch (...) {
			failure = "unknown exception";
		}
		control.leave(); // whatever happened
		if (!failure.empty()) {
			status.update([](ConnectorStatus &s) {
				s.state = ConnectionState::Stopped;
				s.lastError = "Internal error";
				s.fatal = true;
			});
			logger.log(LogLevel::Error, "WebSocket: internal error, stopped: " + failure);
		}
		// The sockets the session let go with deleteLater().
		QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
	} catch (...) {
		// Out of memory or a logger that throws: the thread still ends and is joined.
	}
}

} // namespace

WebSocketConnector::WebSocketConnector(ConnectorSettings settings, ReceivedFrameSink sink, Logger &logger)
    : settings_(std::move(settings)), sink_(std::move(sink)), logger_(logger), status_(std::make_shared<StatusBox>())
{
	status_->update([&](ConnectorStatus &s) { s.target = maskedUrl(settings_); });
}

WebSocketConnector::~WebSocketConnector()
{
	stop();
}

void WebSocketConnector::start()
{
	if (thread_.joinable() && !status_->get().fatal) {
		return;
	}
	stop(); // a connector that gave up tries again
	status_->update([](ConnectorStatus &s) {
		s.state = ConnectionState::Connecting;
		s.fatal = false;
		s.lastError.clear();
	});
	control_ = std::make_unique<Control>();
	thread_ = std::thread(runConnectorThread, std::cref(settings_), std::cref(sink_), std::ref(logger_),
			      std::ref(*status_), std::ref(*control_));
}

void WebSocketConnector::stop()
{
	if (!thread_.joinable()) {
		return;
	}
	control_->requestStop();
	thread_.join();
	control_.reset();
	status_->update([](ConnectorStatus &s) {
		s.state = ConnectionState::Stopped;
		s.retryAt = {};
	});
}

} // namespace livegifts::connect
