#include "obs/api/vendor-api.hpp"

#include <obs.h>

namespace livegifts::obs::api {

namespace {

// The calldata of one proc call, freed however the call ends.
class CallData {
public:
	CallData() = default;
	~CallData() { calldata_free(&data_); }
	CallData(const CallData &) = delete;
	CallData &operator=(const CallData &) = delete;
	calldata_t *get() { return &data_; }

private:
	calldata_t data_ = {};
};

// What obs-websocket reads behind the "callback" pointer of vendor_request_register (it copies it).
struct RequestCallback {
	VendorRequestFn fn;
	void *priv;
};

proc_handler_t *websocketHandler()
{
	proc_handler_t *global = obs_get_proc_handler();
	if (global == nullptr) {
		return nullptr;
	}
	CallData data;
	if (!proc_handler_call(global, "obs_websocket_api_get_ph", data.get())) {
		return nullptr; // no obs-websocket in this OBS
	}
	return static_cast<proc_handler_t *>(calldata_ptr(data.get(), "ph"));
}

} // namespace

std::unique_ptr<WebsocketVendor> WebsocketVendor::registerVendor(const char *name)
{
	proc_handler_t *handler = websocketHandler();
	if (handler == nullptr) {
		return nullptr;
	}
	CallData data;
	calldata_set_string(data.get(), "name", name);
	if (!proc_handler_call(handler, "vendor_register", data.get())) {
		return nullptr;
	}
	void *vendor = calldata_ptr(data.get(), "vendor");
	if (vendor == nullptr) {
		return nullptr;
	}
	return std::unique_ptr<WebsocketVendor>(new WebsocketVendor(handler, vendor));
}

WebsocketVendor::~WebsocketVendor()
{
	for (const std::string &type : requests_) {
		CallData data;
		calldata_set_string(data.get(), "type", type.c_str());
		callVendorProc("vendor_request_unregister", data.get());
	}
}

bool WebsocketVendor::callVendorProc(const char *proc, calldata_t *data) const
{
	calldata_set_ptr(data, "vendor", vendor_);
	return proc_handler_call(handler_, proc, data) && calldata_bool(data, "success");
}

bool WebsocketVendor::addRequest(const char *type, VendorRequestFn fn, void *priv)
{
	RequestCallback callback{fn, priv};
	CallData data;
	calldata_set_string(data.get(), "type", type);
	calldata_set_ptr(data.get(), "callback", &callback);
	if (!callVendorProc("vendor_request_register", data.get())) {
		return false;
	}
	requests_.emplace_back(type);
	return true;
}

bool WebsocketVendor::emit(const char *type, obs_data_t *eventData)
{
	CallData data;
	calldata_set_string(data.get(), "type", type);
	calldata_set_ptr(data.get(), "data", eventData);
	return callVendorProc("vendor_event_emit", data.get());
}

long long WebsocketVendor::apiVersion() const
{
	CallData data;
	if (!proc_handler_call(handler_, "get_api_version", data.get())) {
		return 0;
	}
	return calldata_int(data.get(), "version");
}

} // namespace livegifts::obs::api
