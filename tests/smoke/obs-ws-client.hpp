#pragma once

// A small obs-websocket 5 client for the real-OBS test programs (obs-ws-probe, obs-ws-vendor-probe), on the
// project's own WebSocket stack (websocketpp over standalone asio, as plugin/connect). It connects to OBS on
// loopback (again every 500 ms while OBS is not listening yet), answers Hello with Identify (with the
// authentication string when OBS asks for a password), sends requests and hands their answers and OBS's events
// to the caller. Everything runs on the thread that calls run(). Compiled as C++17 (websocketpp 0.8.2 does not
// compile as C++20 with GCC 11+), so this header uses only std and nlohmann types.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace livegifts::smoke {

using Json = nlohmann::json;

struct ObsWsOptions {
	std::string name;                     // the program's name, at the start of every message it prints
	int port = 4455;                      // on 127.0.0.1
	std::string password;                 // obs-websocket's server password; empty: none
	std::uint32_t eventSubscriptions = 0; // Identify's eventSubscriptions (0: no events)
	int timeoutSeconds = 90;              // run() ends with code 1 after this long
};

// An answer to a request.
struct ObsWsAnswer {
	bool ok = false;     // requestStatus.result
	int code = 0;        // requestStatus.code
	std::string comment; // requestStatus.comment
	Json data;           // responseData; for vendorRequest() the vendor's own responseData (an object, or null)
};

class ObsWsClient {
public:
	using Done = std::function<void(const ObsWsAnswer &answer)>;
	using EventHandler = std::function<void(const std::string &eventType, const Json &eventData)>;

	explicit ObsWsClient(ObsWsOptions options);
	~ObsWsClient();
	ObsWsClient(const ObsWsClient &) = delete;
	ObsWsClient &operator=(const ObsWsClient &) = delete;

	// Connects, identifies, calls `identified` and runs until finish() (or the timeout); returns finish()'s code.
	int run(std::function<void()> identified);
	void onEvent(EventHandler handler);

	// Request `type` with `data` (left out when null or an empty object: obs-websocket refuses an empty one).
	void request(const std::string &type, const Json &data, Done done);
	// CallVendorRequest to `vendor`; the answer's data is the vendor's own responseData.
	void vendorRequest(const std::string &vendor, const std::string &type, const Json &data, Done done);
	// Calls `action` after `ms` milliseconds on run()'s thread.
	void after(int ms, std::function<void()> action);

	// Prints "NAME: message" to stdout.
	void say(const std::string &message) const;
	// Prints "NAME: message" (to stderr when code is not 0) and makes run() return `code`.
	void finish(int code, const std::string &message);

	// obs-websocket's authentication string: base64(sha256(base64(sha256(password + salt)) + challenge)).
	static std::string authentication(const std::string &password, const std::string &salt,
					  const std::string &challenge);

private:
	void connect();
	void send(int op, const Json &d);
	void received(const std::string &payload);

	struct Impl;
	std::unique_ptr<Impl> impl_;
};

} // namespace livegifts::smoke
