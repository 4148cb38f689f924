#include <catch2/catch.hpp>

#include "view/alert-motion.hpp"
#include "view/easing.hpp"

#include <algorithm>

using namespace livegifts;
using namespace livegifts::view;

TEST_CASE("Motion names", "[motion]")
{
	CHECK(motionFrom("slide") == Motion::Slide);
	CHECK(motionFrom("fade") == Motion::Fade);
	CHECK(motionFrom("pop") == Motion::Pop);
	CHECK(motionFrom("") == Motion::Slide);
	CHECK(motionFrom("spin") == Motion::Slide);
}

TEST_CASE("A slide comes in from the left over 35 % of the card's width and goes back out", "[motion]")
{
	const AlertFrame start = alertFrame(AlertPhase::Intro, 0.0f, Motion::Slide, Motion::Slide, 640);
	CHECK(start.offsetX == Approx(-224.0f));
	CHECK(start.opacity == Approx(0.0f));
	CHECK_FALSE(start.visible);
	const AlertFrame half = alertFrame(AlertPhase::Intro, 0.5f, Motion::Slide, Motion::Slide, 640);
	CHECK(half.offsetX == Approx(-28.0f)); // out-cubic: 7/8 of the way at half time
	CHECK(half.opacity == Approx(0.875f));
	CHECK(half.visible);
	const AlertFrame in = alertFrame(AlertPhase::Intro, 1.0f, Motion::Slide, Motion::Slide, 640);
	CHECK(in.offsetX == Approx(0.0f));
	CHECK(in.opacity == Approx(1.0f));
	const AlertFrame leaving = alertFrame(AlertPhase::Outro, 0.5f, Motion::Slide, Motion::Slide, 640);
	CHECK(leaving.offsetX == Approx(-28.0f)); // in-cubic: 1/8 of the way at half time
	CHECK(leaving.opacity == Approx(0.875f));
	const AlertFrame gone = alertFrame(AlertPhase::Outro, 1.0f, Motion::Slide, Motion::Slide, 640);
	CHECK(gone.offsetX == Approx(-224.0f));
	CHECK_FALSE(gone.visible);
}

TEST_CASE("A fade only changes opacity; a pop scales from 40 % and bounces off full size, never past it", "[motion]")
{
	const AlertFrame fadeOut = alertFrame(AlertPhase::Outro, 0.5f, Motion::Slide, Motion::Fade, 640);
	CHECK(fadeOut.opacity == Approx(0.5f));
	CHECK(fadeOut.offsetX == 0.0f);
	CHECK(fadeOut.scale == 1.0f);

	const AlertFrame popStart = alertFrame(AlertPhase::Intro, 0.0f, Motion::Pop, Motion::Fade, 640);
	CHECK(popStart.scale == Approx(0.4f).margin(1e-5));
	CHECK(popStart.opacity == 0.0f);
	const AlertFrame popMid = alertFrame(AlertPhase::Intro, 0.6f, Motion::Pop, Motion::Fade, 640);
	CHECK(popMid.scale < 0.99f); // the spring's overshoot, folded back below full size
	CHECK(popMid.opacity == 1.0f);
	// Never larger than the card (the source's bounds would cut it), but a bounce: full size, then smaller.
	float largest = 0.0f;
	float reachedAt = -1.0f;
	float smallestAfter = 2.0f;
	for (int i = 0; i <= 1000; ++i) {
		const float t = static_cast<float>(i) / 1000.0f;
		const float scale = alertFrame(AlertPhase::Intro, t, Motion::Pop, Motion::Fade, 640).scale;
		largest = std::max(largest, scale);
		if (reachedAt < 0.0f && scale > 0.999f) {
			reachedAt = t;
		} else if (reachedAt >= 0.0f) {
			smallestAfter = std::min(smallestAfter, scale);
		}
	}
	CHECK(largest <= 1.0f);
	CHECK(reachedAt > 0.2f);
	CHECK(reachedAt < 0.6f);
	CHECK(smallestAfter < 0.97f);
	const AlertFrame popEnd = alertFrame(AlertPhase::Intro, 1.0f, Motion::Pop, Motion::Fade, 640);
	CHECK(popEnd.scale == Approx(1.0f));
	const AlertFrame popOut = alertFrame(AlertPhase::Outro, 1.0f, Motion::Slide, Motion::Pop, 640);
	CHECK(popOut.scale == Approx(0.6f));
	CHECK_FALSE(popOut.visible);
}

TEST_CASE("Holding, the card is still and whole", "[motion]")
{
	const AlertFrame hold = alertFrame(AlertPhase::Hold, 0.3f, Motion::Pop, Motion::Pop, 640);
	CHECK(hold == AlertFrame{true, 1.0f, 1.0f, 0.0f, 1.0f});
}

TEST_CASE("The combo pulse peaks at 35 % of its time and is over after 320 ms", "[motion]")
{
	CHECK(pulseScale(-10) == 1.0f);
	CHECK(pulseScale(0) == Approx(1.0f));
	CHECK(pulseScale(56) > 1.2f);
	CHECK(pulseScale(112) == Approx(1.32f));
	CHECK(pulseScale(200) < pulseScale(112));
	CHECK(pulseScale(200) > 1.0f);
	CHECK(pulseScale(320) == 1.0f);
	CHECK(pulseScale(5000) == 1.0f);
}

TEST_CASE("Easing curves start at 0 and end at 1", "[motion]")
{
	for (float (*curve)(float) : {&ease::outCubic, &ease::inCubic, &ease::inOutCubic, &ease::outBack}) {
		CHECK(curve(0.0f) == Approx(0.0f).margin(1e-6));
		CHECK(curve(1.0f) == Approx(1.0f));
		CHECK(curve(-1.0f) == Approx(0.0f).margin(1e-6)); // clamped
	}
	CHECK(ease::inOutCubic(0.5f) == Approx(0.5f));
	CHECK(ease::bump(0.0f) == Approx(0.0f));
	CHECK(ease::bump(0.35f) == Approx(1.0f));
	CHECK(ease::bump(1.0f) == Approx(0.0f).margin(1e-6));
}
