// The WebSocket connector's logic (reconnects, timers, status) on an asio io_context of its own thread; the
// transport is websocketpp (ws-link.cpp). No Qt. Compiled as C++17, see ws-link.hpp.

#include "connect/websocket-connector.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <exception>
#include <functional>
#include <mutex>
#include <random>
#include <utility>

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>

#include "connect/failure-log.hpp"
#include "connect/link-end.hpp"
#include "connect/ws-link.hpp"
#include "core/utf8-path.hpp"
#include "live-gifts-version.h"

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

constexpr int kStopGraceMs = 250;                       // a stop waits this long at most for the server's close
constexpr std::chrono::seconds kRepairWarningEvery{60}; // invalid UTF-8: one warning a minute at most

int seconds(int ms)
{
	return (ms + 999) / 1000;
}

std::string secondsText(int ms)
{
	return std::to_string(seconds(ms)) + " s";
}

// A retry's delay: "1.3 s" under ten seconds when not whole ("2 s" for 1.25 s told the streamer a second too
// many), else as secondsText.
std::string delayText(int ms)
{
	if (ms > 0 && ms < 10000 && ms % 1000 != 0) {
		const int tenths = (ms + 50) / 100;
		return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
	}
	return secondsText(ms);
}

// A timer whose callback runs once unless cancelled or started again first (a token tells a cancelled
// wait whose completion was already queued from the live one).
class OneShot {
public:
	explicit OneShot(asio::io_context &io) : timer_(io) {}

	void start(int ms, std::function<void()> callback)
	{
		const std::uint64_t token = ++token_;
		timer_.expires_after(std::chrono::milliseconds(std::max(1, ms)));
		timer_.async_wait([this, token, callback = std::move(callback)](const std::error_code &ec) {
			if (!ec && token == token_) {
				callback();
			}
		});
	}

	void cancel()
	{
		++token_;
		timer_.cancel();
	}

private:
	asio::steady_timer timer_;
	std::uint64_t token_ = 0;
};

bool startsWithNoCase(const std::string &text, const std::string &prefix)
{
	return text.size() >= prefix.size() &&
	       std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
		       return std::tolower(static_cast<unsigned char>(a)) ==
			      std::tolower(static_cast<unsigned char>(b));
	       });
}

// Everything below lives on the connector thread: created, run and destroyed there.
class Session {
public:
	Session(asio::io_context &io, const ConnectorSettings &settings, const ReceivedFrameSink &sink, Logger &logger,
		StatusBox &status)
	    : io_(io), settings_(settings), sink_(sink), logger_(logger), status_(status), retryTimer_(io),
	      handshakeTimer_(io), idleTimer_(io), stopTimer_(io), rng_(std::random_device{}())
	{
	}

	void begin()
	{
		url_ = connectUrl(settings_);
		status_.update([&](ConnectorStatus &s) { s.target = maskedUrl(settings_); });
		if (settings_.kind == ConnectorKind::Euler && settings_.uniqueId.empty()) {
			giveUp("Enter the TikTok @handle to connect to Euler Stream", Problem::MissingHandle);
			return;
		}
		if (settings_.kind == ConnectorKind::WebSocketUrl && url_.empty()) {
			giveUp("Enter the bridge's WebSocket address (ws://...)", Problem::MissingUrl);
			return;
		}
		const bool tls = startsWithNoCase(url_, "wss://");
		if (!tls && !startsWithNoCase(url_, "ws://")) {
			giveUp("Not a WebSocket address (ws:// or wss://): " + maskedUrl(settings_),
			       Problem::NotWebSocketAddress, maskedUrl(settings_));
			return;
		}
		if (settings_.kind == ConnectorKind::Euler && !eulerUsable(settings_)) {
			// Refused as websocketpp refuses such a plain address, before any connection and the key.
			giveUp("Not a usable WebSocket address (invalid uri): " + maskedUrl(settings_),
			       Problem::UnusableAddress, maskedUrl(settings_));
			return;
		}
		detail::LinkOptions options;
		options.tls = tls;
		options.maxMessageBytes =
		    static_cast<std::uint64_t>(std::max<std::int64_t>(1, settings_.maxFrameBytes));
		options.userAgent = std::string("obs-live-gifts/") + LIVE_GIFTS_VERSION;
		options.extraCaFile = pathToUtf8(settings_.extraCaFile);
		detail::LinkEvents events;
		events.opened = [this] { onOpened(); };
		events.message = [this](std::string payload) { onFrame(std::move(payload)); };
		events.pong = [this] { lastActivity_ = Clock::now(); };
		events.ended = [this](const detail::LinkEnd &end) { onEnded(end); };
		link_ = detail::makeLink(io_, std::move(options), std::move(events));
		open();
	}

	// The owner asked to stop: says goodbye to a connected server and stops the loop once it answered, or
	// after kStopGraceMs; at once when not connected.
	void end()
	{
		if (ending_) {
			return;
		}
		ending_ = true;
		retryTimer_.cancel();
		handshakeTimer_.cancel();
		idleTimer_.cancel();
		logRepeats();
		const std::string url = maskedUrl(settings_);
		logger_.log(LogLevel::Info,
			    url.empty() ? std::string("WebSocket: stopped") : "WebSocket: stopped (" + url + ")");
		if (link_ && connected_) {
			link_->close(kCloseNormal, "stopped");
			stopTimer_.start(kStopGraceMs, [this] { finishStop(); });
			return;
		}
		finishStop();
	}

private:
	void finishStop()
	{
		stopTimer_.cancel();
		if (link_) {
			link_->abort();
		}
		io_.stop();
	}

	void open()
	{
		connected_ = false;
		status_.update([](ConnectorStatus &s) { s.state = ConnectionState::Connecting; });
		logger_.log(LogLevel::Debug, "WebSocket: connecting to " + maskedUrl(settings_));
		std::string error;
		if (!link_->open(url_, error)) {
			giveUp("Not a usable WebSocket address (" + error + "): " + maskedUrl(settings_),
			       Problem::UnusableAddress, maskedUrl(settings_));
			return;
		}
		handshakeTimer_.start(settings_.handshakeTimeoutMs, [this] {
			fail("No answer from the server within " + secondsText(settings_.handshakeTimeoutMs),
			     Problem::NoAnswer, std::to_string(seconds(settings_.handshakeTimeoutMs)));
		});
	}

	void onOpened()
	{
		handshakeTimer_.cancel();
		connected_ = true;
		lastActivity_ = Clock::now();
		if (settings_.idleTimeoutMs > 0) {
			scheduleIdleCheck();
		}
		status_.update([](ConnectorStatus &s) {
			s.state = ConnectionState::Connected;
			s.connects += 1;
			s.streamEnded = false; // a new connection: whether this stream ends is still open
		});
		logger_.log(LogLevel::Info, "WebSocket: connected to " + maskedUrl(settings_));
	}

	// Text and binary messages alike: core's parser reads the JSON and repairs invalid UTF-8 and lone surrogate
	// escapes, as for a replay.
	void onFrame(std::string payload)
	{
		lastActivity_ = Clock::now();
		attempt_ = 0; // the link works: the next failure starts the backoff from the beginning
		ParsedFrame parsed = parser_.parse(payload);
		if (!parsed.result.frameOk) {
			ignore(payload.size(), parsed.result.errors.empty() ? std::string("not JSON")
									    : parsed.result.errors.front().message);
			return;
		}
		const bool repaired = parsed.result.repairedUtf8;
		if (repaired) {
			// Whoever gets the text (the recorder too) gets what was parsed.
			payload = repairJsonText(payload);
			noteRepaired();
		}
		const bool streamEnd = parsed.streamEnd();
		// Counted before the hand-off: whoever sees the frame also sees it in the status.
		status_.update([streamEnd, repaired](ConnectorStatus &s) {
			s.framesReceived += 1;
			if (repaired) {
				s.framesRepaired += 1;
			}
			if (streamEnd) {
				s.streamEnded = true;
			}
		});
		if (streamEnd) {
			logger_.log(LogLevel::Info, "WebSocket: the LIVE stream ended");
		}
		try {
			sink_(ReceivedFrame{std::move(payload), std::move(parsed)});
		} catch (const std::exception &e) {
			// Nothing may escape into the event loop; the frame is lost, the connection is not.
			logger_.log(LogLevel::Error, std::string("WebSocket: the frame sink failed: ") + e.what());
		} catch (...) {
			logger_.log(LogLevel::Error, "WebSocket: the frame sink failed with an unknown exception");
		}
	}

	void noteRepaired()
	{
		++repairedSinceWarning_;
		const auto now = Clock::now();
		if (now < nextRepairWarning_) {
			return;
		}
		const std::string what = repairedSinceWarning_ == 1 ? std::string("a frame")
								    : std::to_string(repairedSinceWarning_) + " frames";
		logger_.log(LogLevel::Warning,
			    "WebSocket: " + what +
				" with invalid UTF-8 or a lone surrogate escape kept, replaced by U+FFFD (at most "
				"one such warning a minute)");
		repairedSinceWarning_ = 0;
		nextRepairWarning_ = now + kRepairWarningEvery;
	}

	// A frame the parser refused as a whole (not JSON, not an object, over a limit of limits.hpp): `why` in the
	// parser's words, for the log and lastError.
	void ignore(std::size_t bytes, const std::string &why)
	{
		const std::string error = "Ignored a frame (" + std::to_string(bytes) +
					  " bytes; not JSON, not a JSON object, or over a limit): " + why;
		status_.update([&](ConnectorStatus &s) {
			s.framesIgnored += 1;
			s.lastError = error;
			s.problem = Problem::NotJson;
			s.problemDetail = std::to_string(bytes);
		});
		if (!loggedIgnored_) {
			logger_.log(LogLevel::Warning, "WebSocket: " + error + "; further ones are not logged");
			loggedIgnored_ = true;
		}
	}

	void onEnded(const detail::LinkEnd &end)
	{
		if (ending_) {
			finishStop(); // the server answered our close
			return;
		}
		if (gaveUp_) {
			return;
		}
		handshakeTimer_.cancel();
		idleTimer_.cancel();
		connected_ = false;

		const EndVerdict verdict = judgeLinkEnd(end, settings_.kind, settings_.maxFrameBytes);
		if (verdict.streamEnded) {
			status_.update([](ConnectorStatus &s) { s.streamEnded = true; });
		}
		if (!verdict.retry) {
			giveUp(verdict.reason, verdict.problem);
			return;
		}
		if (verdict.restartBackoff) {
			attempt_ = 0;
		}
		if (verdict.droppedByUs) {
			status_.update([](ConnectorStatus &s) { s.dropped += 1; });
		}
		scheduleRetry(verdict.reason, verdict.slow, verdict.problem, verdict.detail);
	}

	// Our own timers gave up on the connection.
	void fail(const std::string &reason, Problem problem, const std::string &detail)
	{
		handshakeTimer_.cancel();
		idleTimer_.cancel();
		connected_ = false;
		link_->abort();
		scheduleRetry(reason, false, problem, detail);
	}

	void scheduleIdleCheck()
	{
		idleTimer_.start(std::max(20, settings_.idleTimeoutMs / 4), [this] { checkIdle(); });
	}

	void checkIdle()
	{
		if (!connected_) {
			return;
		}
		if (Clock::now() - lastActivity_ >= std::chrono::milliseconds(settings_.idleTimeoutMs)) {
			fail("No data from the server for " + secondsText(settings_.idleTimeoutMs), Problem::NoData,
			     std::to_string(seconds(settings_.idleTimeoutMs)));
			return;
		}
		link_->ping();
		scheduleIdleCheck();
	}

	void scheduleRetry(const std::string &reason, bool slow, Problem problem, const std::string &detail)
	{
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
			s.problem = problem;
			s.problemDetail = detail;
			s.retryAt = retryAt;
		});
		// A reason once a minute as a warning; the same one again in that minute at debug level, counted.
		const std::string line = "WebSocket: " + reason + "; reconnecting in " + delayText(delay);
		if (failures_.warn(reason, Clock::now())) {
			logRepeats();
			logger_.log(LogLevel::Warning, line);
		} else {
			logger_.log(LogLevel::Debug, line);
		}
		retryTimer_.start(delay, [this] { open(); });
	}

	// How often the last warning's failure came again since it was logged.
	void logRepeats()
	{
		if (const int repeats = failures_.takeRepeats(); repeats > 0) {
			logger_.log(LogLevel::Info, "WebSocket: the failure before happened " +
							std::to_string(repeats) + " more times");
		}
	}

	void giveUp(const std::string &reason, Problem problem, const std::string &detail = {})
	{
		logRepeats();
		gaveUp_ = true;
		retryTimer_.cancel();
		handshakeTimer_.cancel();
		idleTimer_.cancel();
		if (link_) {
			link_->abort();
		}
		status_.update([&](ConnectorStatus &s) {
			s.state = ConnectionState::Stopped;
			s.lastError = reason;
			s.problem = problem;
			s.problemDetail = detail;
			s.fatal = true;
		});
		logger_.log(missingSetting(problem) ? LogLevel::Info : LogLevel::Error,
			    "WebSocket: " + reason + "; not retrying");
	}

	asio::io_context &io_;
	const ConnectorSettings &settings_;
	const ReceivedFrameSink &sink_;
	Logger &logger_;
	StatusBox &status_;

	// All owned and used by the connector thread only.
	OneShot retryTimer_;
	OneShot handshakeTimer_;
	OneShot idleTimer_;
	OneShot stopTimer_;
	std::unique_ptr<detail::Link> link_; // after the timers: destroyed first
	Clock::time_point lastActivity_{};
	Clock::time_point nextRepairWarning_{};
	std::uint64_t repairedSinceWarning_ = 0;
	std::mt19937 rng_;
	std::string url_;
	FailureLog failures_;
	int attempt_ = 0;
	bool connected_ = false;
	bool gaveUp_ = false;
	bool ending_ = false;
	bool loggedIgnored_ = false;
	FrameParser parser_; // reads each frame once, here on the connector thread
};

} // namespace

// The stop handshake between the owner's thread and the connector thread, under a std::mutex (which
// ThreadSanitizer sees, as it sees the join). The connector thread registers how to stop it (a post to its
// io_context, which is thread-safe); stop() calls that under the mutex, so the io_context still exists.
class WebSocketConnector::Control {
public:
	// Connector thread: registers its stopper before running its loop; false when stop() came first.
	bool enter(std::function<void()> stopper)
	{
		std::lock_guard<std::mutex> lock(mutex_);
		if (stopping_) {
			return false;
		}
		stopper_ = std::move(stopper);
		return true;
	}

	// Connector thread: its loop has returned; the stopper is not called any more.
	void leave()
	{
		std::lock_guard<std::mutex> lock(mutex_);
		stopper_ = nullptr;
	}

	// Owner's thread.
	void requestStop()
	{
		std::lock_guard<std::mutex> lock(mutex_);
		stopping_ = true;
		if (stopper_) {
			stopper_();
		}
	}

private:
	std::mutex mutex_;
	bool stopping_ = false;         // guarded by mutex_; set by the owner's thread
	std::function<void()> stopper_; // guarded by mutex_; set by the connector thread while it may loop
};

namespace {

// The connector thread's body: one Session on an asio loop until stop(). Nothing escapes into the thread.
void runConnectorThread(const ConnectorSettings &settings, const ReceivedFrameSink &sink, Logger &logger,
			StatusBox &status, WebSocketConnector::Control &control) noexcept
{
	try {
		asio::io_context io(1);
		// The loop runs until stop(), also when there is nothing to wait for (after giving up).
		auto work = asio::make_work_guard(io);
		std::string failure;
		try {
			Session session(io, settings, sink, logger, status);
			if (!control.enter([&io, &session] { asio::post(io, [&session] { session.end(); }); })) {
				return;
			}
			session.begin();
			io.run();
		} catch (const std::exception &e) {
			failure = e.what();
		} catch (...) {
			failure = "unknown exception";
		}
		control.leave(); // whatever happened; a stop posted after the session ended is never run
		if (!failure.empty()) {
			status.update([](ConnectorStatus &s) {
				s.state = ConnectionState::Stopped;
				s.lastError = "Internal error";
				s.problem = Problem::Internal;
				s.problemDetail.clear();
				s.fatal = true;
			});
			logger.log(LogLevel::Error, "WebSocket: internal error, stopped: " + failure);
		}
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
		s.problem = Problem::None;
		s.problemDetail.clear();
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
