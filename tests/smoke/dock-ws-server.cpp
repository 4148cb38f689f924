// A loopback WebSocket bridge (websocketpp over standalone asio, as the module's connector) for the real-OBS dock test:
// listens on 127.0.0.1:PORT and sends every client a like event (TikTok-Live-Connector's {"event","data"} envelope, a
// fresh msgId each) twice a second, so the connector counts frames without any gift alert. It runs until it is killed:
// the test stops and starts it again to see the dock go from connected to reconnecting and back. With --accept-after-ms
// it listens at once but accepts nobody before that time: a client that comes meanwhile waits for its handshake (its
// status is "connecting" that long, long enough for the dock to show it). With --gifts-from FILE it also sends each new
// client one Rose from every nickname in FILE (one a line): supporters whose long names the dock must not widen for.
//
//   dock-ws-server --port N [--accept-after-ms MS] [--gifts-from FILE]

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>
#include <system_error>
#include <utility>

#include <unistd.h>

#include <websocketpp/config/asio_no_tls.hpp>
#include <websocketpp/server.hpp>

namespace {

using Server = websocketpp::server<websocketpp::config::asio>;

// Sends a like event to every connected client twice a second; all on the thread that runs `io`.
class LikeSender {
public:
	LikeSender(asio::io_context &io, Server &server) : server_(server), timer_(io) {}

	void add(websocketpp::connection_hdl client)
	{
		clients_.insert(client);
		for (std::size_t i = 0; i < giftsFrom_.size(); ++i) {
			std::error_code error;
			server_.send(client, giftFrame(i), websocketpp::frame::opcode::text, error);
		}
	}
	void setGiftsFrom(std::vector<std::string> nicknames) { giftsFrom_ = std::move(nicknames); }
	void remove(websocketpp::connection_hdl client) { clients_.erase(client); }

	void start()
	{
		timer_.expires_after(std::chrono::milliseconds(500));
		timer_.async_wait([this](const std::error_code &error) {
			if (!error) {
				send();
				start();
			}
		});
	}

private:
	void send()
	{
		++sent_;
		const std::string count = std::to_string(sent_);
		const std::string frame =
		    R"({"event":"like","data":{"likeCount":1,"totalLikeCount":)" + count +
		    R"(,"userId":"6800000000000000001","uniqueId":"dock.test","nickname":"Dock test","msgId":"dock-like-)" +
		    std::to_string(getpid()) + "-" + count + R"("}})";
		for (const auto &client : clients_) {
			std::error_code error;
			server_.send(client, frame, websocketpp::frame::opcode::text,
				     error); // a closing client: skipped
		}
	}

	// A Rose (1 coin) from the i-th nickname; the names hold no '"' or '\\' (not escaped).
	std::string giftFrame(std::size_t i)
	{
		const std::string n = std::to_string(i + 1);
		return R"({"event":"gift","data":{"giftId":5655,"giftName":"Rose","giftType":1,"diamondCount":1,)"
		       R"("repeatCount":1,"repeatEnd":true,"userId":"68000000000000900)" +
		       n + R"(","uniqueId":"long.name.)" + n + R"(","nickname":")" + giftsFrom_[i] +
		       R"(","msgId":"dock-gift-)" + std::to_string(getpid()) + "-" + n + R"("}})";
	}

	Server &server_;
	asio::steady_timer timer_;
	std::vector<std::string> giftsFrom_;
	std::set<websocketpp::connection_hdl, std::owner_less<websocketpp::connection_hdl>> clients_;
	long long sent_ = 0;
};

} // namespace

int main(int argc, char **argv)
{
	unsigned port = 0;
	int acceptAfterMs = 0;
	std::vector<std::string> giftsFrom;
	for (int i = 1; i + 1 < argc; i += 2) {
		const std::string arg = argv[i];
		if (arg == "--port") {
			port = static_cast<unsigned>(std::stoul(argv[i + 1]));
		} else if (arg == "--accept-after-ms") {
			acceptAfterMs = std::stoi(argv[i + 1]);
		} else if (arg == "--gifts-from") {
			std::ifstream file(argv[i + 1]);
			for (std::string line; std::getline(file, line);) {
				if (!line.empty()) {
					giftsFrom.push_back(line);
				}
			}
		}
	}
	asio::io_context io;
	Server server;
	server.clear_access_channels(websocketpp::log::alevel::all);
	server.clear_error_channels(websocketpp::log::elevel::all);
	server.init_asio(&io);
	server.set_reuse_addr(true); // started again on the same port right after it was killed
	LikeSender sender(io, server);
	sender.setGiftsFrom(giftsFrom);
	server.set_open_handler([&sender](websocketpp::connection_hdl client) {
		sender.add(client);
		std::printf("dock-ws-server: client connected\n");
		std::fflush(stdout);
	});
	server.set_close_handler([&sender](websocketpp::connection_hdl client) { sender.remove(client); });
	server.set_fail_handler([&sender](websocketpp::connection_hdl client) { sender.remove(client); });

	std::error_code error;
	if (port > 0 && port < 65536) {
		server.listen(
		    asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)),
		    error);
	}
	if (port == 0 || port >= 65536 || error) {
		std::fprintf(stderr, "dock-ws-server: cannot listen on 127.0.0.1:%u\n", port);
		return 1;
	}
	std::printf("dock-ws-server: listening on 127.0.0.1:%u\n", port);
	std::fflush(stdout);
	// Listening but not accepting yet: a client's connection waits in the backlog for its handshake.
	asio::steady_timer acceptLater(io, std::chrono::milliseconds(acceptAfterMs));
	acceptLater.async_wait([&server, acceptAfterMs](const std::error_code &waitError) {
		if (waitError) {
			return;
		}
		std::error_code acceptError;
		server.start_accept(acceptError);
		if (acceptError) {
			std::fprintf(stderr, "dock-ws-server: cannot accept: %s\n", acceptError.message().c_str());
			std::exit(1);
		}
		if (acceptAfterMs > 0) {
			std::printf("dock-ws-server: accepting\n");
			std::fflush(stdout);
		}
	});
	sender.start();
	io.run();
	return 0;
}
