// The msgId window: the ids remembered are exactly the newest `capacity` distinct ones, whatever the order of
// inserts, repeats and evictions (checked against a plain model), in bounded memory.
#include "core/dedupe.hpp"

#include <catch2/catch.hpp>

#include <deque>
#include <random>
#include <string>
#include <unordered_set>

using livegifts::MsgIdDedupe;

namespace {

// What the window must remember: the newest `capacity` distinct ids, in arrival order.
struct Model {
	std::size_t capacity;
	std::deque<std::string> order;
	std::unordered_set<std::string> ids;
	bool forgot = false;

	void insert(const std::string &id)
	{
		if (ids.count(id) != 0) {
			return;
		}
		if (order.size() == capacity) {
			ids.erase(order.front());
			order.pop_front();
			forgot = true;
		}
		order.push_back(id);
		ids.insert(id);
	}
};

void checkSame(const MsgIdDedupe &window, const Model &model, std::size_t pool)
{
	REQUIRE(window.size() == model.order.size());
	REQUIRE(window.forgotSome() == model.forgot);
	for (std::size_t i = 0; i < pool; ++i) {
		const std::string id = std::to_string(7300000000000000000ULL + i);
		REQUIRE(window.contains(id) == (model.ids.count(id) != 0));
	}
}

} // namespace

TEST_CASE("dedupe window remembers exactly the newest ids through repeats and evictions", "[dedupe]")
{
	for (const std::size_t capacity : {1, 2, 3, 7, 64, 1000}) {
		for (const std::size_t pool : {capacity / 2 + 1, capacity + 1, 3 * capacity + 5}) {
			MsgIdDedupe window(capacity);
			Model model{capacity, {}, {}, false};
			std::mt19937 random(static_cast<unsigned>(capacity * 7919 + pool));
			std::uniform_int_distribution<std::size_t> pick(0, pool - 1);
			const std::size_t steps = 20 * (capacity + pool);
			for (std::size_t step = 0; step < steps; ++step) {
				const std::string id = std::to_string(7300000000000000000ULL + pick(random));
				window.insert(id);
				model.insert(id);
				if (step % (capacity + 1) == 0) {
					checkSame(window, model, pool);
				}
			}
			INFO("capacity " << capacity << ", pool " << pool);
			checkSame(window, model, pool);
		}
	}
}

TEST_CASE("dedupe window wraps its ring many times and stays exact", "[dedupe]")
{
	MsgIdDedupe window(1000);
	Model model{1000, {}, {}, false};
	for (std::size_t i = 0; i < 100000; ++i) {
		const std::string id = std::to_string(7300000000000000000ULL + i);
		window.insert(id);
		model.insert(id);
	}
	checkSame(window, model, 100000);
	CHECK(window.size() == 1000);
	CHECK(window.contains(std::to_string(7300000000000000000ULL + 99999)));
	CHECK(window.contains(std::to_string(7300000000000000000ULL + 99000)));
	CHECK_FALSE(window.contains(std::to_string(7300000000000000000ULL + 98999)));
}

TEST_CASE("dedupe window memory is bounded by its capacity", "[dedupe]")
{
	MsgIdDedupe window(200000);
	CHECK(window.memoryBytes() == 0); // nothing held before the first id
	for (std::size_t i = 0; i < 200000; ++i) {
		window.insert(std::to_string(7300000000000000000ULL + i));
	}
	const std::size_t full = window.memoryBytes();
	INFO("bytes per id when full: " << static_cast<double>(full) / 200000.0);
	CHECK(full <= 200000 * 19); // 8 for the hash in the ring, 4 per table entry at most half full (and rounding)
	for (std::size_t i = 200000; i < 600000; ++i) {
		window.insert(std::to_string(7300000000000000000ULL + i));
	}
	CHECK(window.memoryBytes() == full); // a full window trades one id for another: no growth
	CHECK(window.size() == 200000);
	CHECK(window.contains(std::to_string(7300000000000000000ULL + 599999)));
	CHECK_FALSE(window.contains(std::to_string(7300000000000000000ULL + 399999)));

	window.clear();
	CHECK(window.size() == 0);
	CHECK_FALSE(window.forgotSome());
	CHECK(window.memoryBytes() == 0);
	CHECK_FALSE(window.contains(std::to_string(7300000000000000000ULL + 599999)));
	window.insert("again");
	CHECK(window.contains("again"));
}
