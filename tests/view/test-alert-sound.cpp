#include <catch2/catch.hpp>

#include "view/alert-queue.hpp"
#include "view/alert-sound.hpp"

using namespace livegifts;
using namespace livegifts::view;

namespace {

GiftActivity gift(std::uint64_t seq, const std::string &key, std::int64_t giftId, std::int64_t diamonds,
		  std::int64_t count, bool final = true)
{
	GiftActivity a;
	a.seq = seq;
	a.streakKey = key;
	a.userId = "u" + key;
	a.giftId = giftId;
	a.diamondCount = diamonds;
	a.count = count;
	a.final = final;
	a.streakable = !final;
	a.coins = diamonds * count;
	return a;
}

// The default look chimes, tier 1 (100+) sparkles, tier 2 (1000+) has no sound of its own.
AlertQueueOptions withSounds()
{
	AlertQueueOptions o;
	o.durationMs = 3000;
	o.introMs = 100;
	o.outroMs = 100;
	o.sound = {"/s/chime.wav", 0.8f};
	o.tiers = tiersFrom({100, 1000}, {0, 0});
	o.tierSounds[1] = SoundSpec{"/s/coin.wav", 0.5f};
	return o;
}

} // namespace

TEST_CASE("An alert's sound is its tier's own, else the default look's", "[sound]")
{
	AlertQueueOptions o = withSounds();
	CHECK(alertSound(o, 0) == SoundSpec{"/s/chime.wav", 0.8f});
	CHECK(alertSound(o, 1) == SoundSpec{"/s/coin.wav", 0.5f});
	CHECK(alertSound(o, 2) == SoundSpec{"/s/chime.wav", 0.8f}); // not set: the default's
	CHECK(alertSound(o, 7) == SoundSpec{"/s/chime.wav", 0.8f}); // no such tier

	o.tierSounds[2] = SoundSpec{}; // "none": silent, not the default's
	CHECK(alertSound(o, 2).empty());
	o.sound = {};
	CHECK(alertSound(o, 0).empty());
	CHECK(alertSound(o, 1) == SoundSpec{"/s/coin.wav", 0.5f});
}

TEST_CASE("A sound with no file or no volume plays nothing", "[sound]")
{
	CHECK(SoundSpec{}.empty());
	CHECK(SoundSpec{"", 1.0f}.empty());
	CHECK(SoundSpec{"/s/pop.wav", 0.0f}.empty());
	CHECK_FALSE(SoundSpec{"/s/pop.wav", 0.01f}.empty());
}

TEST_CASE("The queue gives each alert the sound of its tier", "[sound]")
{
	ManualClock clock(0);
	AlertQueue q(withSounds(), &clock);
	q.push(gift(1, "small", 1, 5, 1));
	q.push(gift(2, "mid", 2, 100, 1));
	q.push(gift(3, "big", 3, 2000, 1));
	REQUIRE(q.queue().size() == 3);
	CHECK(q.queue()[0].sound.path == "/s/chime.wav");
	CHECK(q.queue()[1].sound.path == "/s/coin.wav");
	CHECK(q.queue()[1].sound.volume == Approx(0.5f));
	CHECK(q.queue()[2].sound.path == "/s/chime.wav");

	// A gift given its own tier by id takes that tier's sound.
	AlertQueueOptions o = withSounds();
	o.giftTiers[5] = 1;
	q.setOptions(o);
	q.push(gift(4, "rose", 5, 1, 1));
	CHECK(q.queue().back().sound.path == "/s/coin.wav");

	// Changed options reach the waiting alerts.
	o.sound = {"/s/pop.wav", 1.0f};
	q.setOptions(o);
	CHECK(q.queue()[0].sound.path == "/s/pop.wav");
	q.update();
	REQUIRE(q.current() != nullptr);
	CHECK(q.current()->sound.path == "/s/pop.wav");
}

TEST_CASE("A streak that grows into a tier takes the tier's sound", "[sound]")
{
	ManualClock clock(0);
	AlertQueue q(withSounds(), &clock);
	q.push(gift(1, "streak", 1, 10, 2, false));
	CHECK(q.queue().front().sound.path == "/s/chime.wav");
	q.push(gift(2, "streak", 1, 10, 12, false)); // 120 coins: tier 1
	REQUIRE(q.queue().size() == 1);
	CHECK(q.queue().front().sound.path == "/s/coin.wav");
}
