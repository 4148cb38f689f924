#pragma once

// Connectors: where live events come from. A connector owns its thread and its sockets, parses each frame
// once with core's FrameParser (on its own thread: its status needs to know whether a frame is JSON and
// whether it ends the stream) and hands the frame, text and parse, to a ReceivedFrameSink (normally
// Engine::submitParsed, which only enqueues). Connectors never count anything; the engine dedupes by
// msgId, so frames replayed after a reconnect are harmless.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/limits.hpp"
#include "core/logger.hpp"
#include "core/normalize.hpp"

namespace livegifts::connect {

// One frame as a connector received it.
struct ReceivedFrame {
	std::string text;   // as it arrived (what the recorder writes); a WebSocket frame repaired as it was parsed
	ParsedFrame parsed; // core's parse of it, made once on the connector's thread
};

// Called on the connector's own thread, one frame per call: only frames the parser could read (one JSON
// object); the others are counted in ConnectorStatus::framesIgnored.
using ReceivedFrameSink = std::function<void(ReceivedFrame frame)>;
// A sink for the text alone (the recorder's tee, tests and tools that only look at the text).
using FrameSink = std::function<void(std::string frame)>;

enum class ConnectorKind {
	Replay,       // a JSONL recording (the bundled demo stream by default)
	TikFinity,    // TikFinity's local API, ws://127.0.0.1:21213/
	WebSocketUrl, // any bridge speaking the {"event","data"} envelope
	Euler,        // Euler Stream, wss://ws.eulerstream.com?uniqueId=..&apiKey=..
};

// Stable names for settings files: "replay", "tikfinity", "websocket-url", "euler".
const char *kindName(ConnectorKind kind);
bool kindFromName(std::string_view name, ConnectorKind &kind);

inline constexpr const char *kTikFinityUrl = "ws://127.0.0.1:21213/";
inline constexpr const char *kEulerUrl = "wss://ws.eulerstream.com";

struct ConnectorSettings {
	ConnectorKind kind = ConnectorKind::Replay;

	// WebSocket kinds. For TikFinity an empty url means kTikFinityUrl; for Euler it means kEulerUrl
	// (uniqueId and apiKey are added as query parameters).
	std::string url;
	std::string uniqueId;
	std::string apiKey;

	// Replay.
	std::filesystem::path replayFile;
	double speed = 1.0;         // 1 = real time, 10 = ten times faster; <= 0 means as fast as possible
	bool loop = false;          // start over at the end; later rounds get fresh msgIds (suffix "~N")
	double maxGapSeconds = 5.0; // a longer pause between two events in the recording is cut to this

	// Recorder: every received frame is appended to this JSONL file when the path is not empty.
	std::filesystem::path recorderPath;
	std::uint64_t recorderMaxBytes = 64ull * 1024 * 1024; // per file; then rotate
	int recorderKeepFiles = 3;                            // rotated files kept (rec.1.jsonl .. rec.N.jsonl)

	// Robustness of the WebSocket kinds (milliseconds). Tests shorten them.
	int handshakeTimeoutMs = 10000; // TCP + TLS + HTTP upgrade must finish within this
	int idleTimeoutMs = 60000;      // connected but no frame and no pong for this long: reconnect
	int backoffInitialMs = 1000;    // first reconnect delay
	int backoffMaxMs = 30000;       // cap of the exponential backoff
	int slowRetryMs = 60000;        // delay after "not live", "stream ended", "too many connections"
	// Larger frames or messages close the connection. The engine's own limit, so a frame that a replay of the
	// same stream counts is counted live too.
	std::int64_t maxFrameBytes = static_cast<std::int64_t>(limits::maxFrameBytes);
	// wss:// also trusts this PEM certificate besides the system's (tests: a loopback server's own).
	std::filesystem::path extraCaFile;
};

enum class ConnectionState {
	Stopped,      // not started, stopped by hand, or given up (see lastError)
	Connecting,   // opening the socket / handshake
	Connected,    // receiving (the replay connector is "Connected" while playing)
	Reconnecting, // waiting for the next attempt (see retryAt)
	Finished,     // the replay reached the end of its file (no loop)
};

const char *stateName(ConnectionState state);

// What went wrong, as a code a UI puts in its own words (lastError keeps the English, for logs and the CLI).
// ConnectorStatus::problemDetail holds what those words leave open (noted per code).
enum class Problem {
	None,
	Other,               // words of the system, a server or a library only: lastError as it is
	MissingHandle,       // Euler Stream without a TikTok @handle
	MissingUrl,          // a WebSocket bridge without an address
	MissingReplayFile,   // a recorded stream without a file
	NotWebSocketAddress, // detail: the address (masked)
	UnusableAddress,     // detail: the address (masked)
	NoAnswer,            // detail: seconds waited for the handshake
	NoData,              // detail: seconds without a frame or pong
	ServerClosed,        // detail: the close code and the server's words, may be empty
	CouldNotConnect,     // detail: the transport's words ("Connection refused"), may be empty
	FrameTooBig,         // detail: the limit in bytes
	NotJson,             // detail: the frame's size in bytes
	Internal,            // detail: what failed, may be empty
	ReplayUnreadable,    // detail: the file
	// Euler Stream's close codes (eulerCloseMeaning).
	EulerInternal,
	StreamEnded,
	EulerIdle,
	EulerBadSettings,
	EulerBadKey,
	EulerNoAccess,
	NotLive,
	TooManyConnections,
	TikTokClosed,
	LifetimeReached,
	EulerNoRoom,
};

// The code's name as written above ("None", "MissingHandle", ...): a UI's key for its words.
const char *problemName(Problem problem);
// A setting the connection needs is still empty: a prompt to fill it in, not an error.
bool missingSetting(Problem problem);

// A copy of the connector's status at one moment; safe to read from any thread through status().
struct ConnectorStatus {
	ConnectionState state = ConnectionState::Stopped;
	std::string target;                              // what we connect to, with the API key masked
	std::string lastError;                           // the last problem in plain words, empty when none yet
	Problem problem = Problem::None;                 // the same as a code, None when lastError is empty
	std::string problemDetail;                       // what the code's words leave open (see Problem)
	std::chrono::steady_clock::time_point retryAt{}; // when Reconnecting: the next attempt
	std::uint64_t framesReceived = 0;                // frames handed to the sink (counted before the hand-off)
	std::uint64_t framesIgnored = 0;                 // not a JSON object: dropped, logged once
	// Of framesReceived: invalid UTF-8 or a lone surrogate escape replaced by U+FFFD, as for a replay.
	std::uint64_t framesRepaired = 0;
	std::uint64_t connects = 0; // successful handshakes
	// Connections we ended for the server's fault (a frame over maxFrameBytes, a protocol error, pings not
	// read): frames the server had sent behind the offending one are lost unless it sends them again.
	std::uint64_t dropped = 0;
	// The stream ended (Euler close 4005, a frame with a stream end event) since the last connect.
	bool streamEnded = false;
	bool fatal = false; // retrying cannot help (invalid key, bad settings): stopped

	// Seconds (rounded up) until the next attempt, 0 unless Reconnecting.
	int secondsUntilRetry() const;
};

// A stopped connector ended by a fault (an error to show), not by a setting still empty: a kind just picked
// whose field is not filled in yet is a prompt.
bool stoppedByFault(const ConnectorStatus &status);

// One line for the UI: "Connected", "Reconnecting in 4 s: Connection refused", ...
std::string describeStatus(const ConnectorStatus &status);

class Connector {
public:
	virtual ~Connector() = default;
	// Starts the connector's thread; frames flow to the sink until stop(). Calling start() while running is
	// harmless; after a replay finished or a connector gave up (fatal), it starts over.
	virtual void start() = 0;
	// Stops promptly and joins the thread; no sink call happens after stop() returns.
	virtual void stop() = 0;
	virtual ConnectorStatus status() const = 0;
};

// Builds the connector the settings ask for. The logger must outlive the connector. When the settings name
// a recorder path, every frame's text is also written there before it reaches the sink.
std::unique_ptr<Connector> makeConnector(const ConnectorSettings &settings, ReceivedFrameSink sink,
					 Logger &logger = nullLogger());
// The same for a sink that takes only the frames' text.
std::unique_ptr<Connector> makeConnector(const ConnectorSettings &settings, FrameSink textSink,
					 Logger &logger = nullLogger());

// The URL a WebSocket kind connects to (Euler: with uniqueId and apiKey in the query).
std::string connectUrl(const ConnectorSettings &settings);
// The same with the API key, a password and query items named like secrets ("token", "key", "pass", ...)
// replaced by "***", for logs and the status line, a URL that does not parse too. Nothing else may put a
// connection's URL into a log line.
std::string maskedUrl(const ConnectorSettings &settings);
// Any text that may be a URL, valid or not: the user info's password and the values of query and fragment
// items named like secrets become "***".
std::string maskUrlText(std::string_view text);
// False when the Euler kind's address (kEulerUrl or the URL that overrides it) is no URL at all (a port out
// of range, a stray bracket): the connector refuses it before connecting, as websocketpp refuses such a
// plain address, and the API key is sent nowhere.
bool eulerUsable(const ConnectorSettings &settings);

// What an Euler Stream close code means for the streamer, and what to do about it.
struct CloseMeaning {
	std::string message; // plain words, empty for codes we do not know
	Problem problem = Problem::None;
	bool retry = true; // false: retrying cannot help (bad key, bad options)
	bool slow = false; // retry after ConnectorSettings::slowRetryMs instead of the backoff
	bool streamEnded = false;
};
CloseMeaning eulerCloseMeaning(int code);

} // namespace livegifts::connect
