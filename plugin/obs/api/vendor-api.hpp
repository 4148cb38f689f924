#pragma once

// Our own small wrapper of obs-websocket's vendor API (obs-websocket 5, built into OBS 28+). obs-websocket
// publishes a proc handler of its own through libobs' global proc handler ("obs_websocket_api_get_ph");
// on it a plugin registers a vendor ("vendor_register"), that vendor's requests ("vendor_request_register")
// and emits events ("vendor_event_emit"). Clients reach them with CallVendorRequest and receive VendorEvent.
//
// Only usable from obs_module_post_load on (obs-websocket creates its handler while loading). Threads:
// register() and the destructor on the UI thread (module post-load, frontend exit); emit() from any thread
// (obs-websocket broadcasts under its own lock). Request callbacks run on obs-websocket's threads.

#include <obs.h>

#include <memory>
#include <string>
#include <vector>

namespace livegifts::obs::api {

// A request callback as obs-websocket calls it: request data in, response data out (both obs_data objects
// owned by obs-websocket).
using VendorRequestFn = void (*)(obs_data_t *request, obs_data_t *response, void *priv);

class WebsocketVendor {
public:
	// The vendor `name` registered with obs-websocket, or null when obs-websocket is absent (or refuses
	// the name, e.g. registered twice). Logs nothing; the caller decides.
	static std::unique_ptr<WebsocketVendor> registerVendor(const char *name);

	// Unregisters every request added here (obs-websocket must still be loaded: call it at frontend exit).
	~WebsocketVendor();
	WebsocketVendor(const WebsocketVendor &) = delete;
	WebsocketVendor &operator=(const WebsocketVendor &) = delete;

	// Adds the request `type`; false when obs-websocket refuses it (a name taken twice).
	bool addRequest(const char *type, VendorRequestFn fn, void *priv);
	// Emits the event `type` with `data` to clients subscribed to vendor events (data is not released).
	bool emit(const char *type, obs_data_t *data);

	// Drops what was registered without telling obs-websocket (it may be unloaded already): the
	// destructor then calls nothing.
	void forget() { requests_.clear(); }

	// The API version obs-websocket reports (0 when it does not say).
	long long apiVersion() const;

private:
	WebsocketVendor(proc_handler_t *handler, void *vendor) : handler_(handler), vendor_(vendor) {}
	bool callVendorProc(const char *proc, calldata_t *data) const;

	proc_handler_t *handler_ = nullptr; // obs-websocket's, valid while it is loaded
	void *vendor_ = nullptr;            // obs-websocket's vendor object (it owns it)
	std::vector<std::string> requests_; // UI thread (register and destroy only)
};

} // namespace livegifts::obs::api
