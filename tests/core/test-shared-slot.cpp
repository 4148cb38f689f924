#include "core/shared-slot.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

using namespace livegifts;

TEST_CASE("shared slot: empty until stored, then the newest value", "[sharedslot]")
{
	SharedSlot<const int> slot;
	CHECK(slot.load() == nullptr);
	slot.store(std::make_shared<const int>(1));
	REQUIRE(slot.load());
	CHECK(*slot.load() == 1);
	const auto held = slot.load();
	slot.store(std::make_shared<const int>(2));
	CHECK(*slot.load() == 2);
	CHECK(*held == 1); // a reader's copy outlives the replacement
	slot.store(nullptr);
	CHECK(slot.load() == nullptr);
}

namespace {

// Reads the slot when it is destroyed: only possible when a replaced value is released outside the lock.
class ReadsOnDestruction {
public:
	ReadsOnDestruction(SharedSlot<const ReadsOnDestruction> &slot, int &seen, int value)
	    : slot_(slot), seen_(seen), value_(value)
	{
	}
	ReadsOnDestruction(const ReadsOnDestruction &) = delete;
	ReadsOnDestruction &operator=(const ReadsOnDestruction &) = delete;
	~ReadsOnDestruction()
	{
		const auto now = slot_.load();
		seen_ = now ? now->value_ : 0;
	}

private:
	SharedSlot<const ReadsOnDestruction> &slot_;
	int &seen_;
	const int value_;
};

} // namespace

TEST_CASE("shared slot: a replaced value is released after the lock is let go", "[sharedslot]")
{
	SharedSlot<const ReadsOnDestruction> slot;
	int seenByFirst = -1;
	int seenBySecond = -1;
	slot.store(std::make_shared<const ReadsOnDestruction>(slot, seenByFirst, 1));
	slot.store(std::make_shared<const ReadsOnDestruction>(slot, seenBySecond, 2));
	CHECK(seenByFirst == 2); // the first one, released by the second store, already sees the second
	CHECK(seenBySecond == -1);
	slot.store(nullptr); // the last value goes while the slot is still alive
	CHECK(seenBySecond == 0);
}

TEST_CASE("shared slot: readers on other threads see whole values while one thread stores", "[sharedslot]")
{
	struct Pair {
		int a = 0;
		int b = 0;
	};
	SharedSlot<const Pair> slot;
	slot.store(std::make_shared<const Pair>());
	std::atomic<bool> done{false};
	std::atomic<int> torn{0};
	std::vector<std::thread> readers;
	for (int r = 0; r < 2; ++r) {
		readers.emplace_back([&] {
			int last = 0;
			while (!done.load()) {
				const auto pair = slot.load();
				if (pair->a != pair->b || pair->a < last) {
					torn.fetch_add(1);
				}
				last = pair->a;
			}
		});
	}
	for (int i = 1; i <= 20000; ++i) {
		slot.store(std::make_shared<const Pair>(Pair{i, i}));
	}
	done.store(true);
	for (auto &reader : readers) {
		reader.join();
	}
	CHECK(torn.load() == 0);
	CHECK(slot.load()->a == 20000);
}
