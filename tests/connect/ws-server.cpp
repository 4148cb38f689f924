#include "ws-server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include <asio/steady_timer.hpp>
#include <asio/write.hpp>
#include <websocketpp/base64/base64.hpp>
#include <websocketpp/config/asio.hpp>
#include <websocketpp/server.hpp>
#include <websocketpp/sha1/sha1.hpp>

namespace testing {

namespace {

std::vector<WsServer::Impl *> &liveServers()
{
	static std::vector<WsServer::Impl *> servers; // the test's main thread only
	return servers;
}

} // namespace

class WsServer::Impl {
public:
	virtual ~Impl() = default;
	virtual std::string url() const = 0;
	virtual int connections() const = 0;
	virtual std::string requestResource(int index) const = 0;
	virtual std::string requestAuthorization(int index) const = 0;
	virtual void poll() = 0;
};

namespace {

template <typename Config>
class Server final : public WsServer::Impl {
public:
	using Endpoint = websocketpp::server<Config>;

	class Client final : public WsClient {
	public:
		Client(Endpoint &endpoint, asio::io_context &io, websocketpp::connection_hdl hdl)
		    : endpoint_(endpoint), hdl_(std::move(hdl)), dropTimer_(io)
		{
		}

		void sendText(const std::string &text) override { send(text, websocketpp::frame::opcode::text); }
		void sendBinary(const std::string &bytes) override { send(bytes, websocketpp::frame::opcode::binary); }

		void sendRawFrame(std::uint8_t opcode, const std::string &payload, bool fin) override
		{
			if constexpr (std::is_same_v<Config, websocketpp::config::asio>) {
				std::string frame;
				frame += static_cast<char>((fin ? 0x80 : 0x00) | (opcode & 0x0F));
				const std::uint64_t size = payload.size();
				if (size < 126) {
					frame += static_cast<char>(size);
				} else if (size <= 0xFFFF) {
					frame += static_cast<char>(126);
					frame += static_cast<char>((size >> 8) & 0xFF);
					frame += static_cast<char>(size & 0xFF);
				} else {
					frame += static_cast<char>(127);
					for (int shift = 56; shift >= 0; shift -= 8) {
						frame += static_cast<char>((size >> shift) & 0xFF);
					}
				}
				frame += payload;
				asio::write(endpoint_.get_con_from_hdl(hdl_)->get_raw_socket(), asio::buffer(frame));
			} else {
				throw std::logic_error("raw frames are for ws:// test servers only");
			}
		}

		void close(int code, const std::string &reason) override
		{
			std::error_code ignored;
			endpoint_.close(hdl_, static_cast<websocketpp::close::status::value>(code), reason, ignored);
		}

		void abortWhenSent() override
		{
			dropTimer_.expires_after(std::chrono::milliseconds(5));
			dropTimer_.async_wait([this](const std::error_code &ec) {
				if (ec) {
					return;
				}
				std::error_code ignored;
				auto con = endpoint_.get_con_from_hdl(hdl_, ignored);
				if (!con) {
					return;
				}
				if (con->get_buffered_amount() != 0) {
					abortWhenSent();
					return;
				}
				// A FIN after the data already written; close() could lose data still in flight.
				con->get_raw_socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
			});
		}

		void drop()
		{
			std::error_code ignored;
			dropTimer_.cancel();
			if (auto con = endpoint_.get_con_from_hdl(hdl_, ignored)) {
				con->get_raw_socket().close(ignored);
			}
		}

	private:
		void send(const std::string &payload, websocketpp::frame::opcode::value opcode)
		{
			std::error_code ec;
			endpoint_.send(hdl_, payload, opcode, ec);
			if (ec) {
				throw std::runtime_error("test server: cannot send: " + ec.message());
			}
		}

		Endpoint &endpoint_;
		websocketpp::connection_hdl hdl_;
		asio::steady_timer dropTimer_;
	};

	Server(WsServer::Script script, std::string certFile, std::string keyFile)
	    : script_(std::move(script)), certFile_(std::move(certFile)), keyFile_(std::move(keyFile))
	{
		endpoint_.clear_access_channels(websocketpp::log::alevel::all);
		endpoint_.clear_error_channels(websocketpp::log::elevel::all);
		endpoint_.init_asio(&io_);
		if constexpr (!std::is_same_v<Config, websocketpp::config::asio>) {
			endpoint_.set_tls_init_handler([this](websocketpp::connection_hdl) {
				auto ctx = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
				ctx->use_certificate_chain_file(certFile_);
				ctx->use_private_key_file(keyFile_, asio::ssl::context::pem);
				return ctx;
			});
		}
		endpoint_.set_open_handler([this](websocketpp::connection_hdl hdl) {
			resources_.push_back(endpoint_.get_con_from_hdl(hdl)->get_resource());
			authorizations_.push_back(endpoint_.get_con_from_hdl(hdl)->get_request_header("Authorization"));
			clients_.push_back(std::make_unique<Client>(endpoint_, io_, hdl));
			script_(clients_.back().get(), static_cast<int>(clients_.size()) - 1);
		});
		endpoint_.listen(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
		endpoint_.start_accept();
		std::error_code ec;
		port_ = endpoint_.get_local_endpoint(ec).port();
		liveServers().push_back(this);
	}

	~Server() override
	{
		auto &live = liveServers();
		live.erase(std::remove(live.begin(), live.end(), this), live.end());
		std::error_code ignored;
		endpoint_.stop_listening(ignored);
		for (auto &client : clients_) {
			client->drop();
		}
	}

	std::string url() const override
	{
		const bool tls = !std::is_same_v<Config, websocketpp::config::asio>;
		return std::string(tls ? "wss" : "ws") + "://127.0.0.1:" + std::to_string(port_) + "/";
	}

	int connections() const override { return static_cast<int>(clients_.size()); }

	std::string requestResource(int index) const override { return resources_.at(static_cast<std::size_t>(index)); }
	std::string requestAuthorization(int index) const override
	{
		return authorizations_.at(static_cast<std::size_t>(index));
	}

	void poll() override
	{
		if (io_.stopped()) {
			io_.restart();
		}
		io_.poll();
	}

private:
	asio::io_context io_; // first: outlives the endpoint and the clients
	Endpoint endpoint_;
	WsServer::Script script_;
	const std::string certFile_;
	const std::string keyFile_;
	std::vector<std::unique_ptr<Client>> clients_;
	std::vector<std::string> resources_;
	std::vector<std::string> authorizations_; // each connection's Authorization header
	unsigned short port_ = 0;
};

} // namespace

WsServer::WsServer(Script script)
    : impl_(std::make_unique<Server<websocketpp::config::asio>>(std::move(script), "", ""))
{
}

WsServer::WsServer(Script script, const std::string &certFile, const std::string &keyFile)
    : impl_(std::make_unique<Server<websocketpp::config::asio_tls>>(std::move(script), certFile, keyFile))
{
}

WsServer::~WsServer() = default;

std::string WsServer::url() const
{
	return impl_->url();
}

int WsServer::connections() const
{
	return impl_->connections();
}

std::string WsServer::requestResource(int index) const
{
	return impl_->requestResource(index);
}

std::string WsServer::requestAuthorization(int index) const
{
	return impl_->requestAuthorization(index);
}

void pollWsServers()
{
	const auto servers = liveServers(); // a script may start or end a server
	for (WsServer::Impl *server : servers) {
		server->poll();
	}
}

void sendFrames(WsClient *client, const std::vector<std::string> &frames, std::size_t from, std::size_t to)
{
	// Written at once (ws:// only): websocketpp's queue counts a frame as sent before it is on the wire, so
	// a drop after its send could lose the last frames.
	for (std::size_t i = from; i < to && i < frames.size(); ++i) {
		client->sendRawFrame(0x1, frames[i]);
	}
}

void abortWhenSent(WsClient *client)
{
	client->abortWhenSent();
}

} // namespace testing

namespace testing {

std::string webSocketAccept(const std::string &key)
{
	const std::string text = key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"; // RFC 6455 section 1.3
	unsigned char digest[20];
	websocketpp::sha1::calc(text.data(), text.size(), digest);
	return websocketpp::base64_encode(digest, sizeof(digest));
}

bool readHandshakeKey(int socket, std::string &key)
{
	std::string request;
	char buffer[4096];
	while (request.find("\r\n\r\n") == std::string::npos) {
		const ssize_t got = ::recv(socket, buffer, sizeof(buffer), 0);
		if (got <= 0) {
			return false;
		}
		request.append(buffer, static_cast<std::size_t>(got));
	}
	const std::string name = "Sec-WebSocket-Key: ";
	const std::size_t at = request.find(name);
	if (at == std::string::npos) {
		return false;
	}
	const std::size_t from = at + name.size();
	key = request.substr(from, request.find("\r\n", from) - from);
	return true;
}

int listenOnLoopback(int &port, int receiveBuffer)
{
	const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
	if (listener < 0) {
		return -1;
	}
	if (receiveBuffer > 0) {
		::setsockopt(listener, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof(receiveBuffer));
	}
	sockaddr_in address{};
	address.sin_family = AF_INET;
	address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t length = sizeof(address);
	if (::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof(address)) != 0 ||
	    ::listen(listener, 8) != 0 ||
	    ::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
		::close(listener);
		return -1;
	}
	port = ntohs(address.sin_port);
	return listener;
}

} // namespace testing
