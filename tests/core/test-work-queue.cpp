#include "core/handoff.hpp"
#include "core/work-queue.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

using namespace livegifts;

TEST_CASE("work queue: items come out in order, across threads", "[workqueue]")
{
	WorkQueue<int> queue;
	std::vector<int> seen;
	std::thread worker([&] {
		while (auto item = queue.pop()) {
			seen.push_back(*item);
			if (*item == 9999) {
				return;
			}
		}
	});
	for (int i = 0; i < 10000; ++i) {
		REQUIRE(queue.push(i));
	}
	worker.join();
	REQUIRE(seen.size() == 10000);
	for (int i = 0; i < 10000; ++i) {
		REQUIRE(seen[static_cast<size_t>(i)] == i);
	}
}

TEST_CASE("work queue: close wakes a waiting worker and refuses later pushes", "[workqueue]")
{
	WorkQueue<std::string> queue;
	std::atomic<bool> woke{false};
	std::thread worker([&] {
		const auto item = queue.pop();
		woke = !item.has_value();
	});
	std::this_thread::sleep_for(std::chrono::milliseconds(20));
	queue.close();
	worker.join();
	REQUIRE(woke);
	REQUIRE(queue.closed());
	REQUIRE_FALSE(queue.push("late"));
	REQUIRE(queue.size() == 0);
}

TEST_CASE("work queue: pushOrReplace keeps one item per key in its place", "[workqueue]")
{
	WorkQueue<std::pair<int, std::string>> queue;
	const auto sameKey = [](int key) { return [key](const auto &queued) { return queued.first == key; }; };
	queue.pushOrReplace({1, "a"}, sameKey(1));
	queue.pushOrReplace({2, "b"}, sameKey(2));
	queue.pushOrReplace({1, "c"}, sameKey(1));
	REQUIRE(queue.size() == 2);
	REQUIRE(*queue.pop() == std::pair<int, std::string>{1, "c"});
	REQUIRE(*queue.pop() == std::pair<int, std::string>{2, "b"});
}

TEST_CASE("work queue: pushFrontOrReplace goes ahead of everything and drops the item it replaces", "[workqueue]")
{
	WorkQueue<std::pair<int, std::string>> queue;
	const auto sameKey = [](int key) { return [key](const auto &queued) { return queued.first == key; }; };
	queue.push({1, "a"});
	queue.push({2, "b"});
	queue.push({3, "c"});
	// Key 2 is queued: its old item is dropped, the new one goes first (not into the old one's place).
	REQUIRE(queue.pushFrontOrReplace({2, "B"}, sameKey(2)));
	REQUIRE(queue.size() == 3);
	// Key 4 is not queued: it goes first all the same, ahead of the item just put there.
	REQUIRE(queue.pushFrontOrReplace({4, "d"}, sameKey(4)));
	REQUIRE(queue.size() == 4);
	REQUIRE(*queue.pop() == std::pair<int, std::string>{4, "d"});
	REQUIRE(*queue.pop() == std::pair<int, std::string>{2, "B"});
	REQUIRE(*queue.pop() == std::pair<int, std::string>{1, "a"});
	REQUIRE(*queue.pop() == std::pair<int, std::string>{3, "c"});
	REQUIRE(queue.size() == 0);
}

TEST_CASE("work queue: pushFrontOrReplace drops every queued item it matches, and nothing once closed", "[workqueue]")
{
	WorkQueue<int> queue;
	for (int i = 1; i <= 6; ++i) {
		queue.push(i);
	}
	REQUIRE(queue.pushFrontOrReplace(10, [](int queued) { return queued % 2 == 0; }));
	REQUIRE(queue.size() == 4);
	REQUIRE(queue.pop() == 10);
	REQUIRE(queue.pop() == 1);
	REQUIRE(queue.pop() == 3);
	REQUIRE(queue.pop() == 5);
	queue.push(7);
	queue.close();
	REQUIRE_FALSE(queue.pushFrontOrReplace(8, [](int) { return true; }));
	REQUIRE(queue.size() == 1); // the queued 7 not dropped either
}

TEST_CASE("work queue: pushFrontOrReplace wakes a waiting worker", "[workqueue]")
{
	WorkQueue<int> queue;
	std::atomic<int> got{0};
	std::thread worker([&] {
		if (const auto item = queue.pop()) {
			got = *item;
		}
	});
	std::this_thread::sleep_for(std::chrono::milliseconds(20));
	REQUIRE(queue.pushFrontOrReplace(42, [](int) { return false; }));
	worker.join();
	REQUIRE(got == 42);
}

TEST_CASE("work queue: popUntil gives up at its deadline", "[workqueue]")
{
	WorkQueue<int> queue;
	const auto start = std::chrono::steady_clock::now();
	REQUIRE_FALSE(queue.popUntil(start + std::chrono::milliseconds(30)).has_value());
	REQUIRE(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(30));
	REQUIRE_FALSE(queue.closed());
	queue.push(7);
	REQUIRE(queue.popUntil(std::chrono::steady_clock::now() + std::chrono::seconds(5)) == 7);
}

TEST_CASE("handoff: the newest value is taken once", "[workqueue]")
{
	Handoff<std::string> handoff;
	REQUIRE_FALSE(handoff.take().has_value());
	handoff.put("first");
	handoff.put("second");
	REQUIRE(handoff.take() == "second");
	REQUIRE_FALSE(handoff.take().has_value());
}

TEST_CASE("handoff: a writer on another thread never loses the last value", "[workqueue]")
{
	Handoff<int> handoff;
	std::thread writer([&] {
		for (int i = 1; i <= 100000; ++i) {
			handoff.put(i);
		}
	});
	int last = 0;
	while (last != 100000) {
		if (const auto value = handoff.take()) {
			REQUIRE(*value > last); // only ever newer values
			last = *value;
		}
	}
	writer.join();
	REQUIRE_FALSE(handoff.take().has_value());
}
