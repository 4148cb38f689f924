// live-gifts listen: counts a live WebSocket feed with the plugin's connector and prints the replay summary.
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include <QCoreApplication>

#include "cli/commands.hpp"
#include "connect/connector.hpp"
#include "core/engine.hpp"
#include "core/summary.hpp"

namespace livegifts::cli {

namespace {

constexpr const char *listenUsage =
    "usage: live-gifts listen URL [--until-stream-end] [--max-seconds N] [--record FILE] [--db LEDGER]\n"
    "                         [--scope all|stream] [--verbose]\n"
    "       live-gifts listen --euler @handle [--api-key KEY] [options]\n"
    "  Connects to a WebSocket feed (TikFinity ws://127.0.0.1:21213/, a bridge, Euler Stream), counts it\n"
    "  like the plugin, reconnecting when the connection drops, and prints the JSON summary of\n"
    "  `live-gifts replay` when it stops: at the stream's end (--until-stream-end), after N seconds, or on\n"
    "  Ctrl+C / SIGTERM.\n"
    "  --euler @handle  Euler Stream (wss://ws.eulerstream.com; URL overrides it); the API key comes from\n"
    "                   --api-key or EULER_API_KEY\n"
    "  --record FILE    also write every received frame to FILE (JSONL)\n";

volatile std::sig_atomic_t stopSignal = 0;

void onSignal(int signal)
{
	stopSignal = signal;
}

int usageError()
{
	std::fputs(listenUsage, stderr);
	return 2;
}

} // namespace

int runListen(std::span<char *const> args)
{
	connect::ConnectorSettings settings;
	settings.kind = connect::ConnectorKind::WebSocketUrl;
	bool untilStreamEnd = false;
	bool verbose = false;
	double maxSeconds = 0.0;
	EngineOptions options;
	SummaryScope scope = SummaryScope::AllTime;

	for (std::size_t i = 0; i < args.size(); ++i) {
		const std::string_view arg = args[i];
		auto value = [&]() -> const char * { return i + 1 < args.size() ? args[++i] : nullptr; };
		if (arg == "--until-stream-end") {
			untilStreamEnd = true;
		} else if (arg == "--verbose") {
			verbose = true;
		} else if (arg == "--max-seconds") {
			const char *text = value();
			char *end = nullptr;
			maxSeconds = text != nullptr ? std::strtod(text, &end) : -1.0;
			// Seconds in decimal: not NaN (it passed every comparison: no limit at all), infinity or hex.
			if (text == nullptr || end == text || *end != '\0' || !std::isfinite(maxSeconds) ||
			    maxSeconds <= 0.0 || std::strpbrk(text, "xX") != nullptr) {
				return usageError();
			}
		} else if (arg == "--euler") {
			const char *handle = value();
			if (handle == nullptr) {
				return usageError();
			}
			settings.kind = connect::ConnectorKind::Euler;
			settings.uniqueId = handle;
		} else if (arg == "--api-key") {
			const char *key = value();
			if (key == nullptr) {
				return usageError();
			}
			settings.apiKey = key;
		} else if (arg == "--record") {
			const char *path = value();
			if (path == nullptr) {
				return usageError();
			}
			settings.recorderPath = path;
		} else if (arg == "--db") {
			const char *path = value();
			if (path == nullptr) {
				return usageError();
			}
			options.ledgerPath = path;
		} else if (arg == "--scope") {
			const char *name = value();
			if (name == nullptr ||
			    (std::string_view(name) != "all" && std::string_view(name) != "stream")) {
				return usageError();
			}
			scope = std::string_view(name) == "all" ? SummaryScope::AllTime : SummaryScope::Stream;
		} else if (arg == "--help" || arg == "-h") {
			std::fputs(listenUsage, stdout);
			return 0;
		} else if (settings.url.empty() && arg.substr(0, 1) != "-") {
			settings.url = arg;
		} else {
			std::fprintf(stderr, "live-gifts listen: unexpected argument '%.*s'\n",
				     static_cast<int>(arg.size()), arg.data());
			return usageError();
		}
	}
	if (settings.kind == connect::ConnectorKind::Euler && settings.apiKey.empty()) {
		if (const char *key = std::getenv("EULER_API_KEY")) {
			settings.apiKey = key;
		}
	}
	if (settings.kind != connect::ConnectorKind::Euler && settings.url.empty()) {
		return usageError();
	}

	// The connector's thread needs a Qt application object; this command has no GUI.
	static int qtArgc = 1;
	static char qtName[] = "live-gifts";
	static char *qtArgv[] = {qtName, nullptr};
	QCoreApplication app(qtArgc, qtArgv);

	StderrLogger stderrLogger(verbose);
	RateLimitedLogger logger(stderrLogger); // a hostile frame's thousand bad items: a few lines and a count
	options.logger = &logger;
	Engine engine(options);
	// With --until-stream-end the run ends at the stream's end frame: frames after it in the same burst are
	// not counted (how many of them were would depend on timing). The connector's thread alone calls the sink.
	std::atomic<bool> endSeen{false};
	std::atomic<std::int64_t> afterEnd{0};
	auto connector = connect::makeConnector(
	    settings,
	    [&engine, &endSeen, &afterEnd, untilStreamEnd](connect::ReceivedFrame frame) {
		    if (untilStreamEnd && endSeen.load()) {
			    ++afterEnd;
			    return;
		    }
		    const bool end = frame.parsed.streamEnd();
		    engine.submitParsed(std::move(frame.parsed));
		    if (end) {
			    endSeen = true;
		    }
	    },
	    logger);

	stopSignal = 0;
	std::signal(SIGINT, onSignal);
	std::signal(SIGTERM, onSignal);

	const auto started = std::chrono::steady_clock::now();
	connector->start();
	std::string stopReason = "stopped";
	int exitCode = 0;
	for (;;) {
		std::this_thread::sleep_for(std::chrono::milliseconds(50));
		if (stopSignal != 0) {
			stopReason = stopSignal == SIGINT ? "interrupted" : "terminated";
			break;
		}
		if (maxSeconds > 0.0 &&
		    std::chrono::steady_clock::now() - started >= std::chrono::duration<double>(maxSeconds)) {
			stopReason = "time limit reached";
			break;
		}
		const auto status = connector->status();
		if (untilStreamEnd && (status.streamEnded || endSeen.load())) {
			stopReason = "the LIVE stream ended";
			break;
		}
		if (status.fatal) {
			stopReason = status.lastError;
			exitCode = 1;
			break;
		}
	}
	connector->stop();
	std::signal(SIGINT, SIG_DFL);
	std::signal(SIGTERM, SIG_DFL);
	const connect::ConnectorStatus ended = connector->status();
	if (exitCode == 0 && ended.connects == 0) {
		// Nothing was heard, not even silence: a summary of zeros must not pass for a quiet stream.
		stopReason += "; never connected" + (ended.lastError.empty() ? "" : " (" + ended.lastError + ")");
		exitCode = 1;
	}
	logger.log(exitCode == 0 ? LogLevel::Info : LogLevel::Error, "listen: " + stopReason);
	if (ended.dropped > 0) {
		logger.log(LogLevel::Warning,
			   "listen: " + std::to_string(ended.dropped) +
			       " connections were dropped for the server's fault (the warnings above say why); what it "
			       "had sent behind the fault is lost unless it sent it again");
	}
	if (afterEnd.load() > 0) {
		logger.log(LogLevel::Info, "listen: " + std::to_string(afterEnd.load()) +
					       " frames that came after the stream's end were not counted");
	}

	// Gifts of combos still open when we stopped were sent: count them, as replay does at the end of a file.
	engine.endOfInput();
	writeSummary(engine, std::cout, scope, [&](nlohmann::ordered_json &summary) {
		// A frame the connector dropped (not JSON, not an object) never reached the engine: it is an error,
		// as such a line is for replay.
		summary["errors"] = summary["errors"].get<std::uint64_t>() + ended.framesIgnored;
		summary["connections"] = ended.connects;
		summary["dropped"] = ended.dropped;
	});
	std::cout.flush();
	// A ledger that could not take everything has said so (an error line naming the spill file).
	const LedgerExit exit = engine.close();
	return std::cout && exit.ok() ? exitCode : 1;
}

} // namespace livegifts::cli
