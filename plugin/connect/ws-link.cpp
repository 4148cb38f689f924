// websocketpp under WebSocketConnector. Compiled as C++17 (see ws-link.hpp); the defines ASIO_STANDALONE and
// _WEBSOCKETPP_CPP11_STL_ come from CMake.
//
// One UTF-8 policy for every path: RFC 6455 asks a client to drop the connection when a text message is not
// valid UTF-8, and websocketpp does that inside its frame processor. We keep the connection and let core's
// FrameParser repair the JSON (U+FFFD), as a replayed file is repaired: LenientProcessor presents every text
// frame to websocketpp as a binary one (it rewrites the opcode in the bytes it is handed, before websocketpp's
// processor reads them), and the connector treats text and binary messages alike.

#include "connect/ws-link.hpp"

#include "core/utf8.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <system_error>
#include <type_traits>
#include <utility>

#include <websocketpp/client.hpp>
#include <websocketpp/config/asio_client.hpp>

namespace livegifts::connect::detail {

// websocketpp's client configs with its own transport timeouts far out: the connector's handshake timer
// (handshakeTimeoutMs, covering DNS, TCP, TLS and the upgrade) decides.
template <typename Base>
struct LinkConfig : Base {
	using type = LinkConfig<Base>;
	struct transport_config : Base::transport_config {
		static constexpr long timeout_socket_pre_init = 600000;
		static constexpr long timeout_proxy = 600000;
		static constexpr long timeout_socket_post_init = 600000;
		static constexpr long timeout_dns_resolve = 600000;
		static constexpr long timeout_connect = 600000;
		static constexpr long timeout_socket_shutdown = 1000;
	};
	using transport_type = websocketpp::transport::asio::endpoint<transport_config>;
	static constexpr long timeout_open_handshake = 0; // ours
	static constexpr long timeout_close_handshake = 1000;
};
// What may wait unsent on a connection: websocketpp answers every ping with a pong, queued without bound when
// the server does not read them (a ping flood would grow memory until the process is killed).
constexpr std::size_t maxUnsentBytes = std::size_t{1} << 20;

using PlainConfig = LinkConfig<websocketpp::config::asio_client>;
using TlsConfig = LinkConfig<websocketpp::config::asio_tls_client>;

// Follows the frames in the bytes a server sends (RFC 6455 section 5.2) and turns the opcode of a text
// frame (0x1) into binary (0x2) in place. Continuation and control frames are left as they are.
class FrameTracker {
public:
	void feed(std::uint8_t *bytes, std::size_t size)
	{
		std::size_t i = 0;
		while (i < size) {
			switch (stage_) {
			case Stage::First:
				if ((bytes[i] & 0x0F) == 0x1) {
					bytes[i] = static_cast<std::uint8_t>((bytes[i] & 0xF0) | 0x2);
				}
				stage_ = Stage::Length;
				++i;
				break;
			case Stage::Length: {
				const std::uint8_t b = bytes[i++];
				maskLeft_ = (b & 0x80) != 0 ? 4 : 0;
				const std::uint8_t length = b & 0x7F;
				payloadLeft_ = length < 126 ? length : 0;
				extendedLeft_ = length == 126 ? 2 : (length == 127 ? 8 : 0);
				stage_ = Stage::Extended;
				break;
			}
			case Stage::Extended:
				if (extendedLeft_ > 0) {
					payloadLeft_ = (payloadLeft_ << 8) | bytes[i++];
					--extendedLeft_;
				} else if (maskLeft_ > 0) {
					++i;
					--maskLeft_;
				} else {
					stage_ = Stage::Payload;
				}
				break;
			case Stage::Payload: {
				const std::uint64_t take = std::min<std::uint64_t>(payloadLeft_, size - i);
				i += static_cast<std::size_t>(take);
				payloadLeft_ -= take;
				break;
			}
			}
			if (stage_ == Stage::Payload && payloadLeft_ == 0) {
				stage_ = Stage::First;
			} else if (stage_ == Stage::Extended && extendedLeft_ == 0 && maskLeft_ == 0) {
				stage_ = payloadLeft_ == 0 ? Stage::First : Stage::Payload;
			}
		}
	}

private:
	enum class Stage { First, Length, Extended, Payload };
	Stage stage_ = Stage::First;
	std::uint64_t payloadLeft_ = 0;
	unsigned extendedLeft_ = 0;
	unsigned maskLeft_ = 0;
};

// websocketpp's RFC 6455 processor, handed text frames as binary ones (see the top of this file).
template <typename Config>
class LenientProcessor final : public websocketpp::processor::hybi13<Config> {
public:
	using Base = websocketpp::processor::hybi13<Config>;
	using Base::Base;

	std::size_t consume(std::uint8_t *buf, std::size_t len, websocketpp::lib::error_code &ec) override
	{
		// The processor may take fewer bytes than offered (it stops after a whole message); the rest is
		// offered again. Rewriting is idempotent, so the tracker looks at all of them and then is advanced
		// over exactly the bytes taken.
		const FrameTracker before = tracker_;
		tracker_.feed(buf, len);
		const std::size_t taken = Base::consume(buf, len, ec);
		if (taken != len) {
			tracker_ = before;
			tracker_.feed(buf, taken);
		}
		return taken;
	}

private:
	FrameTracker tracker_;
};

} // namespace livegifts::connect::detail

// The connection asks for its processor here; ours is websocketpp's with the lenient text frames. (An explicit
// specialization of websocketpp's member for our configs only: declared before any use of them.)
namespace websocketpp {

template <>
connection<livegifts::connect::detail::PlainConfig>::processor_ptr
connection<livegifts::connect::detail::PlainConfig>::get_processor(int) const
{
	auto p =
	    lib::make_shared<livegifts::connect::detail::LenientProcessor<livegifts::connect::detail::PlainConfig>>(
		transport_con_type::is_secure(), m_is_server, m_msg_manager, lib::ref(m_rng));
	p->set_max_message_size(m_max_message_size);
	return p;
}

template <>
connection<livegifts::connect::detail::TlsConfig>::processor_ptr
connection<livegifts::connect::detail::TlsConfig>::get_processor(int) const
{
	auto p = lib::make_shared<livegifts::connect::detail::LenientProcessor<livegifts::connect::detail::TlsConfig>>(
	    transport_con_type::is_secure(), m_is_server, m_msg_manager, lib::ref(m_rng));
	p->set_max_message_size(m_max_message_size);
	return p;
}

} // namespace websocketpp

namespace livegifts::connect::detail {

namespace {

std::string describeError(const std::error_code &ec)
{
	if (!ec) {
		return {};
	}
	if (ec.category() == asio::error::get_ssl_category() ||
	    ec == websocketpp::transport::asio::socket::make_error_code(
		      websocketpp::transport::asio::socket::error::tls_handshake_failed) ||
	    ec == websocketpp::transport::error::make_error_code(websocketpp::transport::error::tls_error)) {
		return "TLS: " + ec.message();
	}
	return ec.message();
}

// What made websocketpp refuse the server's 101 answer as "a required HTTP header is missing": one of the
// three headers RFC 6455 asks of it is absent or wrong.
std::string handshakeProblem(const websocketpp::http::parser::response &response)
{
	const auto has = [&](const char *name, std::string_view token) {
		const std::string &value = response.get_header(name);
		return websocketpp::utility::ci_find_substr(value, token.data(), token.size()) != value.end();
	};
	std::string missing;
	if (!has("Upgrade", "websocket")) {
		missing = "has no \"Upgrade: websocket\" header";
	} else if (!has("Connection", "upgrade")) {
		missing = "has no \"Connection: Upgrade\" header";
	} else if (response.get_header("Sec-WebSocket-Accept").empty()) {
		missing = "has no Sec-WebSocket-Accept header";
	} else {
		missing = "has a Sec-WebSocket-Accept header that does not answer the key we sent";
	}
	return "The server's answer to the WebSocket handshake " + missing +
	       " (not a WebSocket server, or something between changed the answer)";
}

// What an answer that completed the handshake still must not carry (RFC 6455 4.1; browsers refuse it the same
// way): another HTTP version than 1.1, a subprotocol or an extension we did not ask for (we ask for none: the
// frames that followed would be in a protocol or an encoding we do not speak). Empty when the answer is fine.
std::string answerProblem(const websocketpp::http::parser::response &response)
{
	const auto shortWords = [](const std::string &words, std::size_t limit) { // the server's words, kept short
		std::string text = repairUtf8(words);
		cutUtf8(text, limit);
		return text;
	};
	std::string problem;
	if (response.get_version() != "HTTP/1.1") {
		problem = "is in " + shortWords(response.get_version(), 40) + ", not HTTP/1.1";
	} else if (const std::string &protocol = response.get_header("Sec-WebSocket-Protocol"); !protocol.empty()) {
		problem = "chose the subprotocol \"" + shortWords(protocol, 80) + "\", which we did not offer";
	} else if (const std::string &extensions = response.get_header("Sec-WebSocket-Extensions");
		   !extensions.empty()) {
		problem = "turned on the extension \"" + shortWords(extensions, 80) + "\", which we did not offer";
	} else {
		return {};
	}
	return "The server's answer to the WebSocket handshake " + problem;
}

// "user:password@" in a URL's authority: taken out of the URL (websocketpp's parser has no place for it) and
// sent as HTTP Basic authentication, as browsers and Qt do. Empty when the URL has none.
std::string takeUserInfo(std::string &url)
{
	const std::size_t scheme = url.find("://");
	if (scheme == std::string::npos) {
		return {};
	}
	const std::size_t start = scheme + 3;
	const std::size_t end = std::min(url.find_first_of("/?#", start), url.size());
	const std::size_t at = url.rfind('@', end - 1);
	if (at == std::string::npos || at < start || at >= end) {
		return {};
	}
	std::string userInfo = url.substr(start, at - start);
	url.erase(start, at + 1 - start);
	std::string decoded; // percent-decoded, as the URL spells reserved characters
	for (std::size_t i = 0; i < userInfo.size(); ++i) {
		if (userInfo[i] == '%' && i + 2 < userInfo.size() &&
		    std::isxdigit(static_cast<unsigned char>(userInfo[i + 1])) &&
		    std::isxdigit(static_cast<unsigned char>(userInfo[i + 2]))) {
			decoded += static_cast<char>(std::stoi(userInfo.substr(i + 1, 2), nullptr, 16));
			i += 2;
		} else {
			decoded += userInfo[i];
		}
	}
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	std::string encoded;
	for (std::size_t i = 0; i < decoded.size(); i += 3) {
		const std::size_t n = std::min<std::size_t>(3, decoded.size() - i);
		std::uint32_t chunk = 0;
		for (std::size_t k = 0; k < 3; ++k) {
			chunk = (chunk << 8) | (k < n ? static_cast<unsigned char>(decoded[i + k]) : 0u);
		}
		for (std::size_t k = 0; k < 4; ++k) {
			encoded += k <= n ? digits[(chunk >> (18 - 6 * k)) & 63] : '=';
		}
	}
	return "Basic " + encoded;
}

template <typename Config>
class LinkImpl final : public Link {
public:
	using Client = websocketpp::client<Config>;
	using ConnectionPtr = typename Client::connection_ptr;

	LinkImpl(asio::io_context &io, LinkOptions options, LinkEvents events)
	    : options_(std::move(options)), events_(std::move(events))
	{
		client_.clear_access_channels(websocketpp::log::alevel::all);
		client_.clear_error_channels(websocketpp::log::elevel::all);
		client_.init_asio(&io);
		client_.set_user_agent(options_.userAgent);
		client_.set_max_message_size(static_cast<std::size_t>(options_.maxMessageBytes));
		if constexpr (std::is_same_v<Config, TlsConfig>) {
			client_.set_tls_init_handler([this](websocketpp::connection_hdl) { return tlsContext(); });
		}
	}

	~LinkImpl() override { abort(); }

	bool open(const std::string &address, std::string &error) override
	{
		abort();
		std::string url = address;
		const std::string authorization = takeUserInfo(url);
		// Known before the connection is made, whenever websocketpp asks tlsContext() for its TLS context.
		host_ = websocketpp::uri(url).get_host();
		nameRefused_ = false;
		websocketpp::lib::error_code ec;
		ConnectionPtr con = client_.get_connection(url, ec);
		if (ec || !con) {
			error = describeError(ec);
			return false;
		}
		if (!authorization.empty()) {
			con->append_header("Authorization", authorization);
		}
		Connection *raw = con.get();
		con->set_open_handler([this, raw](websocketpp::connection_hdl) {
			if (raw != current_.get()) {
				// A connection given up while it was still resolving may open later: it goes.
				std::error_code ignored;
				raw->close(websocketpp::close::status::going_away, "", ignored);
				return;
			}
			if (std::string problem = answerProblem(raw->get_response()); !problem.empty()) {
				refusedAnswer_ = std::move(problem);
				std::error_code ignored;
				raw->get_raw_socket().close(ignored); // fail the connection: websocketpp ends it
				return;
			}
			wasOpen_ = true;
			events_.opened();
		});
		con->set_message_handler([this, raw](websocketpp::connection_hdl, typename Client::message_ptr msg) {
			if (raw == current_.get()) {
				events_.message(std::move(msg->get_raw_payload()));
			}
		});
		con->set_ping_handler([this, raw](websocketpp::connection_hdl, std::string) {
			if (raw != current_.get() || unread_ > 0) {
				return false;
			}
			if (raw->get_buffered_amount() <= maxUnsentBytes) {
				return true; // websocketpp answers with a pong
			}
			// The server pings faster than it reads the answers: the connection goes (ended() says why).
			unread_ = raw->get_buffered_amount();
			std::error_code ignored;
			raw->get_raw_socket().close(ignored); // its pending reads and writes fail: websocketpp ends it
			return false;
		});
		con->set_pong_handler([this, raw](websocketpp::connection_hdl, std::string) {
			if (raw == current_.get()) {
				events_.pong();
			}
		});
		con->set_fail_handler([this, raw](websocketpp::connection_hdl) { ended(raw); });
		con->set_close_handler([this, raw](websocketpp::connection_hdl) { ended(raw); });
		current_ = con;
		wasOpen_ = false;
		unread_ = 0;
		refusedAnswer_.clear();
		client_.connect(con);
		return true;
	}

	void ping() override
	{
		if (current_) {
			std::error_code ignored; // a failed write ends the connection, and ended() says why
			current_->ping("", ignored);
		}
	}

	void close(int code, const std::string &reason) override
	{
		if (current_) {
			std::error_code ignored;
			current_->close(static_cast<websocketpp::close::status::value>(code), reason, ignored);
		}
	}

	void abort() override
	{
		if (!current_) {
			return;
		}
		const ConnectionPtr con = std::move(current_);
		current_.reset();
		std::error_code ignored;
		con->get_raw_socket().close(ignored); // at once, also in the middle of a TLS handshake
		con->terminate(websocketpp::error::make_error_code(websocketpp::error::operation_canceled));
	}

private:
	using Connection = typename Client::connection_type;

	void ended(Connection *raw)
	{
		if (raw != current_.get()) {
			return;
		}
		const ConnectionPtr con = std::move(current_);
		current_.reset();
		LinkEnd end;
		end.wasOpen = wasOpen_;
		wasOpen_ = false;
		const auto real = [](int code) {
			return code == websocketpp::close::status::no_status ||
				       code == websocketpp::close::status::abnormal_close
				   ? 0
				   : code;
		};
		end.remoteCode = real(con->get_remote_close_code());
		end.remoteReason = con->get_remote_close_reason();
		end.localCode = real(con->get_local_close_code());
		if (end.localCode != 0) {
			end.localReason = con->get_local_close_reason();
		}
		const std::error_code ec = con->get_ec();
		const int http = static_cast<int>(con->get_response_code());
		if (!refusedAnswer_.empty()) {
			end.error = std::move(refusedAnswer_);
			refusedAnswer_.clear();
		} else if (unread_ > 0) {
			end.localReason = "the server sent pings faster than it read the answers (" +
					  std::to_string(unread_) + " bytes waited unsent)";
			end.dropped = true;
			unread_ = 0;
		} else if (!end.wasOpen && http != 0 && http != 101) {
			end.error = "The server answered HTTP " + std::to_string(http) + " " + con->get_response_msg() +
				    " instead of opening a WebSocket";
		} else if (const std::string refused = refusedCertificate(*con); !end.wasOpen && !refused.empty()) {
			end.error = refused;
		} else if (!end.wasOpen && ec == websocketpp::processor::error::make_error_code(
						     websocketpp::processor::error::missing_required_header)) {
			end.error = handshakeProblem(con->get_response());
		} else if (ec != websocketpp::transport::error::make_error_code(websocketpp::transport::error::eof) &&
			   ec != asio::error::make_error_code(asio::error::eof)) {
			end.error = describeError(ec);
		}
		events_.ended(end);
	}

	// Why the server's certificate was refused, in OpenSSL's words; empty when it was not (or no TLS).
	std::string refusedCertificate(Connection &con) const
	{
		if (nameRefused_) {
			return "TLS: the server's certificate is not made out to " + host_;
		}
		if constexpr (std::is_same_v<Config, TlsConfig>) {
			SSL *ssl = con.get_socket().native_handle();
			const long result = ssl ? SSL_get_verify_result(ssl) : X509_V_OK;
			if (result != X509_V_OK) {
				return std::string("TLS: the server's certificate was refused: ") +
				       X509_verify_cert_error_string(result);
			}
		}
		return {};
	}

	std::shared_ptr<asio::ssl::context> tlsContext()
	{
		auto ctx = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
		std::error_code ec;
		ctx->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
				     asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
				     asio::ssl::context::no_tlsv1_1,
				 ec);
		ctx->set_default_verify_paths(ec);
		if (!options_.extraCaFile.empty()) {
			ctx->load_verify_file(options_.extraCaFile, ec);
		}
		ctx->set_verify_mode(asio::ssl::verify_peer, ec);
		ctx->set_verify_callback(
		    [this, check = asio::ssl::host_name_verification(host_)](
			bool preverified, asio::ssl::verify_context &context) mutable {
			    const bool ok = check(preverified, context);
			    nameRefused_ = nameRefused_ || (preverified && !ok);
			    return ok;
		    },
		    ec);
		return ctx;
	}

	const LinkOptions options_;
	const LinkEvents events_;
	// All used by the io_context's thread only.
	Client client_;
	ConnectionPtr current_; // the connection whose events count; older ones are ignored
	std::string host_;      // of the current URL, for the certificate check
	bool wasOpen_ = false;
	std::string refusedAnswer_; // the handshake's answer refused after websocketpp took it (answerProblem)
	bool nameRefused_ = false;  // the current connection's certificate is for another host
	std::size_t unread_ = 0;    // > 0: the current connection is dropped, this much left unsent (see ping handler)
};

} // namespace

std::unique_ptr<Link> makeLink(asio::io_context &io, LinkOptions options, LinkEvents events)
{
	if (options.tls) {
		return std::make_unique<LinkImpl<TlsConfig>>(io, std::move(options), std::move(events));
	}
	return std::make_unique<LinkImpl<PlainConfig>>(io, std::move(options), std::move(events));
}

} // namespace livegifts::connect::detail
