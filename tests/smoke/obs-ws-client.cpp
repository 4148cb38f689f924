// The obs-websocket 5 client of the real-OBS test programs, on websocketpp over standalone asio (see
// obs-ws-client.hpp). Compiled as C++17; ASIO_STANDALONE and _WEBSOCKETPP_CPP11_STL_ come from CMake.

#include "obs-ws-client.hpp"

#include <chrono>
#include <cstdio>
#include <map>
#include <system_error>
#include <utility>

#include <openssl/evp.h>
#include <websocketpp/base64/base64.hpp>
#include <websocketpp/client.hpp>
#include <websocketpp/config/asio_no_tls_client.hpp>

namespace livegifts::smoke {

namespace {

using Client = websocketpp::client<websocketpp::config::asio_client>;

// obs-websocket's opcodes (protocol v5).
enum class Op : int {
	Hello = 0,
	Identify = 1,
	Identified = 2,
	Event = 5,
	Request = 6,
	RequestResponse = 7,
};

std::string sha256Base64(const std::string &text)
{
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int size = 0;
	if (EVP_Digest(text.data(), text.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
		return {};
	}
	return websocketpp::base64_encode(digest, size);
}

std::string textOf(const Json &object, const char *key)
{
	const auto it = object.find(key);
	return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

struct ObsWsClient::Impl {
	ObsWsOptions options;
	asio::io_context io; // declared before the client: it outlives the client's connections
	Client client;       // the connection to OBS; all on run()'s thread, as everything here
	websocketpp::connection_hdl connection;
	bool finished = false;
	int code = 1;
	std::uint64_t nextId = 0;
	std::map<std::string, Done> pending; // by requestId
	EventHandler eventHandler;
	std::function<void()> identified;
};

ObsWsClient::ObsWsClient(ObsWsOptions options) : impl_(std::make_unique<Impl>())
{
	impl_->options = std::move(options);
	Client &client = impl_->client;
	client.clear_access_channels(websocketpp::log::alevel::all);
	client.clear_error_channels(websocketpp::log::elevel::all);
	client.init_asio(&impl_->io);
	client.set_max_message_size(256u << 20); // a source screenshot as base64 PNG can take a few MB
	client.set_fail_handler([this](websocketpp::connection_hdl) {
		// OBS is still starting (connection refused): again in a while.
		if (!impl_->finished) {
			after(500, [this] { connect(); });
		}
	});
	client.set_close_handler([this](websocketpp::connection_hdl hdl) {
		const auto con = impl_->client.get_con_from_hdl(hdl);
		finish(1, "OBS closed the connection (code " + std::to_string(con->get_remote_close_code()) + " " +
			      con->get_remote_close_reason() + ")");
	});
	client.set_message_handler(
	    [this](websocketpp::connection_hdl, Client::message_ptr message) { received(message->get_payload()); });
}

ObsWsClient::~ObsWsClient() = default;

void ObsWsClient::connect()
{
	std::error_code error;
	const auto con = impl_->client.get_connection("ws://127.0.0.1:" + std::to_string(impl_->options.port), error);
	if (error) {
		finish(1, "cannot connect: " + error.message());
		return;
	}
	impl_->connection = con->get_handle();
	impl_->client.connect(con);
}

int ObsWsClient::run(std::function<void()> identified)
{
	impl_->identified = std::move(identified);
	after(impl_->options.timeoutSeconds * 1000, [this] { finish(1, "timed out talking to OBS"); });
	connect();
	impl_->io.run();
	return impl_->code;
}

void ObsWsClient::onEvent(EventHandler handler)
{
	impl_->eventHandler = std::move(handler);
}

void ObsWsClient::send(int op, const Json &d)
{
	std::error_code error;
	impl_->client.send(impl_->connection, Json{{"op", op}, {"d", d}}.dump(), websocketpp::frame::opcode::text,
			   error);
	if (error) {
		finish(1, "cannot send to OBS: " + error.message());
	}
}

void ObsWsClient::request(const std::string &type, const Json &data, Done done)
{
	const std::string id = type + "-" + std::to_string(++impl_->nextId);
	Json d{{"requestType", type}, {"requestId", id}};
	if (!data.is_null() && !(data.is_object() && data.empty())) {
		d["requestData"] = data;
	}
	impl_->pending[id] = std::move(done);
	send(static_cast<int>(Op::Request), d);
}

void ObsWsClient::vendorRequest(const std::string &vendor, const std::string &type, const Json &data, Done done)
{
	Json call{{"vendorName", vendor}, {"requestType", type}};
	if (!data.is_null() && !(data.is_object() && data.empty())) {
		call["requestData"] = data;
	}
	request("CallVendorRequest", call, [done = std::move(done)](const ObsWsAnswer &answer) {
		ObsWsAnswer inner = answer;
		inner.data = answer.data.is_object() && answer.data.contains("responseData")
				 ? answer.data["responseData"]
				 : Json();
		done(inner);
	});
}

void ObsWsClient::after(int ms, std::function<void()> action)
{
	auto timer = std::make_shared<asio::steady_timer>(impl_->io, std::chrono::milliseconds(ms));
	timer->async_wait([this, timer, action = std::move(action)](const std::error_code &error) {
		if (!error && !impl_->finished) {
			action();
		}
	});
}

void ObsWsClient::say(const std::string &message) const
{
	std::printf("%s: %s\n", impl_->options.name.c_str(), message.c_str());
	std::fflush(stdout);
}

void ObsWsClient::finish(int code, const std::string &message)
{
	if (impl_->finished) {
		return;
	}
	impl_->finished = true;
	impl_->code = code;
	std::fprintf(code == 0 ? stdout : stderr, "%s: %s\n", impl_->options.name.c_str(), message.c_str());
	std::fflush(code == 0 ? stdout : stderr);
	impl_->io.stop();
}

std::string ObsWsClient::authentication(const std::string &password, const std::string &salt,
					const std::string &challenge)
{
	return sha256Base64(sha256Base64(password + salt) + challenge);
}

void ObsWsClient::received(const std::string &payload)
{
	if (impl_->finished) {
		return;
	}
	try {
		const Json message = Json::parse(payload);
		const Op op = static_cast<Op>(message.at("op").get<int>());
		const Json &d = message.at("d");
		if (op == Op::Hello) {
			Json identify{{"rpcVersion", 1}, {"eventSubscriptions", impl_->options.eventSubscriptions}};
			if (d.contains("authentication")) {
				if (impl_->options.password.empty()) {
					finish(1, "OBS asks for a password (--password)");
					return;
				}
				const Json &auth = d.at("authentication");
				identify["authentication"] = authentication(
				    impl_->options.password, textOf(auth, "salt"), textOf(auth, "challenge"));
			}
			send(static_cast<int>(Op::Identify), identify);
		} else if (op == Op::Identified) {
			if (impl_->identified) {
				impl_->identified();
			}
		} else if (op == Op::Event) {
			if (impl_->eventHandler) {
				impl_->eventHandler(textOf(d, "eventType"), d.value("eventData", Json::object()));
			}
		} else if (op == Op::RequestResponse) {
			const auto it = impl_->pending.find(textOf(d, "requestId"));
			if (it == impl_->pending.end()) {
				return;
			}
			const Done done = std::move(it->second);
			impl_->pending.erase(it);
			const Json &status = d.at("requestStatus");
			ObsWsAnswer answer;
			answer.ok = status.value("result", false);
			answer.code = status.value("code", 0);
			answer.comment = textOf(status, "comment");
			answer.data = d.value("responseData", Json::object());
			done(answer);
		}
	} catch (const Json::exception &error) {
		finish(1, std::string("a message from OBS not understood: ") + error.what());
	}
}

} // namespace livegifts::smoke
