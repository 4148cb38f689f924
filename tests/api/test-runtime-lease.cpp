// The runtime's lease (obs/module-singleton.hpp), as the vendor requests hold it on obs-websocket's threads: module
// unload (reset) destroys the runtime only once every request holding it is done, and a request that comes while
// it goes gets none.
#include "obs/module-singleton.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using livegifts::obs::ModuleSingleton;

namespace {

std::atomic<int> destroyed{0};

struct Probe {
	Probe() = default;
	~Probe()
	{
		alive = false;
		++destroyed;
	}
	Probe(const Probe &) = delete;
	Probe &operator=(const Probe &) = delete;
	std::atomic<bool> alive{true};
};

} // namespace

TEST_CASE("A lease keeps the object until given back; unload waits for it, later leases are empty", "[lease]")
{
	destroyed = 0;
	ModuleSingleton<Probe> singleton;
	CHECK_FALSE(singleton.lease()); // never created: none, and none created
	CHECK(singleton.find() == nullptr);
	Probe &created = singleton.get();
	auto held = singleton.lease();
	REQUIRE(held);
	CHECK(held.get() == &created);

	std::atomic<bool> resetDone{false};
	std::thread unload([&] {
		singleton.reset();
		resetDone = true;
	});
	// reset() has begun once find() is null: from then on no new lease, and the held one still works.
	while (singleton.find() != nullptr) {
		std::this_thread::yield();
	}
	CHECK_FALSE(singleton.lease());
	std::this_thread::sleep_for(std::chrono::milliseconds(100));
	CHECK_FALSE(resetDone.load());
	CHECK(destroyed == 0);
	CHECK(held->alive);
	auto moved = std::move(held); // a moved lease is still the one lease
	CHECK_FALSE(held);
	std::this_thread::sleep_for(std::chrono::milliseconds(20));
	CHECK_FALSE(resetDone.load());
	moved = {};
	unload.join();
	CHECK(resetDone.load());
	CHECK(destroyed == 1);
}

TEST_CASE("Requests taking leases while the module unloads never see the object destroyed", "[lease]")
{
	for (int round = 0; round < 20; ++round) {
		destroyed = 0;
		ModuleSingleton<Probe> singleton;
		singleton.get();
		std::atomic<bool> stop{false};
		std::atomic<int> served{0};
		std::atomic<int> sawDead{0};
		std::vector<std::thread> requests;
		for (int i = 0; i < 4; ++i) {
			requests.emplace_back([&] {
				while (!stop) {
					if (auto probe = singleton.lease()) {
						sawDead += probe->alive ? 0 : 1;
						std::this_thread::yield();
						sawDead += probe->alive ? 0 : 1;
						++served;
					}
				}
			});
		}
		while (served < 50) {
			std::this_thread::yield();
		}
		singleton.reset();
		CHECK(destroyed == 1);
		stop = true;
		for (std::thread &request : requests) {
			request.join();
		}
		CHECK(sawDead == 0);
		CHECK(destroyed == 1);
	}
}
