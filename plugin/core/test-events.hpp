#pragma once

// Test events: what a Test button sends for each kind of event. Each is a short script of activity
// entries (a streak is several updates, then its end) that the engine publishes with `test` set, so every
// Gift Alerts source shows them and nothing counts them.

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/snapshot.hpp"

namespace livegifts {

enum class TestEventKind { SmallGift, BigGift, Streak, Follow, Share, LikeBurst, Subscribe };

// The kinds in button order, and a stable name of each ("smallGift", "bigGift", "streak", "follow",
// "share", "likeBurst", "subscribe") for automation.
inline constexpr TestEventKind testEventKinds[] = {
    TestEventKind::SmallGift, TestEventKind::BigGift,   TestEventKind::Streak,   TestEventKind::Follow,
    TestEventKind::Share,     TestEventKind::LikeBurst, TestEventKind::Subscribe};
const char *testEventName(TestEventKind kind);
// False when `name` names no kind.
bool testEventFromName(const std::string &name, TestEventKind &kind);

// One entry of a test script and when it is published, after the first.
struct TestStep {
	Millis delayMs = 0;
	GiftActivity entry; // seq and test are set by the engine
};

// The script of one test event from `nickname`; `number` makes each test its own alert (its streak key).
std::vector<TestStep> testEventSteps(TestEventKind kind, const std::string &nickname, std::uint64_t number);

} // namespace livegifts
