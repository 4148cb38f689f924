#include <catch2/catch.hpp>

#include "view/pixel-grid.hpp"

#include <cmath>
#include <limits>

using livegifts::view::DrawPlacement;
using livegifts::view::texelsOnPixels;

namespace {

// The program: a 1280x720 canvas drawn into a target of its size, a 640x160 source moved to (320, 40).
DrawPlacement program()
{
	DrawPlacement p;
	p.targetWidth = p.viewportWidth = p.canvasWidth = 1280;
	p.targetHeight = p.viewportHeight = p.canvasHeight = 720;
	p.sourceWidth = 640;
	p.sourceHeight = 160;
	p.world[12] = 320.0f;
	p.world[13] = 40.0f;
	return p;
}

} // namespace

TEST_CASE("Texels on pixels: a source moved by whole pixels on the canvas, drawn at whole pixels", "[pixelgrid]")
{
	const DrawPlacement p = program();
	CHECK(texelsOnPixels(p, 0.0f, 0.0f));
	CHECK(texelsOnPixels(p, 12.0f, -3.0f));
	// A float's error in the sum of a position and a move does not count.
	CHECK(texelsOnPixels(p, 0.1f + 0.2f - 0.3f, 7.0f));
}

TEST_CASE("Texels on pixels: half a pixel or any fraction off is not exact", "[pixelgrid]")
{
	DrawPlacement p = program();
	CHECK_FALSE(texelsOnPixels(p, 0.5f, 0.0f));
	CHECK_FALSE(texelsOnPixels(p, 0.0f, 0.25f));
	CHECK_FALSE(texelsOnPixels(p, 0.01f, 0.0f));
	p.world[12] = 320.5f; // the scene item itself at a fraction (dragged in a scaled preview)
	CHECK_FALSE(texelsOnPixels(p, 0.0f, 0.0f));
	CHECK(texelsOnPixels(p, 0.5f, 0.0f));
}

TEST_CASE("Texels on pixels: a scaled, turned or sheared source is not exact", "[pixelgrid]")
{
	for (const int index : {0, 5}) { // the x and y scales
		DrawPlacement p = program();
		p.world[index] = 1.25f;
		CHECK_FALSE(texelsOnPixels(p, 0.0f, 0.0f));
		p.world[index] = -1.0f; // flipped
		CHECK_FALSE(texelsOnPixels(p, 0.0f, 0.0f));
	}
	DrawPlacement turned = program(); // a quarter turn
	turned.world[0] = 0.0f;
	turned.world[1] = 1.0f;
	turned.world[4] = -1.0f;
	turned.world[5] = 0.0f;
	CHECK_FALSE(texelsOnPixels(turned, 0.0f, 0.0f));
	DrawPlacement sheared = program();
	sheared.world[4] = 0.1f;
	CHECK_FALSE(texelsOnPixels(sheared, 0.0f, 0.0f));
	DrawPlacement perspective = program();
	perspective.world[3] = 0.001f;
	CHECK_FALSE(texelsOnPixels(perspective, 0.0f, 0.0f));
}

TEST_CASE("Texels on pixels: only targets projected one unit a pixel", "[pixelgrid]")
{
	SECTION("a window's own buffer (a projector, the preview) is never exact")
	{
		DrawPlacement p = program();
		p.targetWidth = p.targetHeight = 0;
		CHECK_FALSE(texelsOnPixels(p, 0.0f, 0.0f));
	}
	SECTION("a viewport that is not the whole target (letterboxed or scaled) is not exact")
	{
		DrawPlacement p = program();
		p.viewportWidth = 960;
		p.viewportHeight = 540;
		CHECK_FALSE(texelsOnPixels(p, 0.0f, 0.0f));
		p = program();
		p.viewportX = 1;
		CHECK_FALSE(texelsOnPixels(p, 0.0f, 0.0f));
	}
	SECTION("a target of the source's own size (a crop or blending texture, a filter's input) is exact")
	{
		DrawPlacement p = program();
		p.targetWidth = p.viewportWidth = 640;
		p.targetHeight = p.viewportHeight = 160;
		p.world[12] = p.world[13] = 0.0f;
		CHECK(texelsOnPixels(p, 0.0f, 0.0f));
	}
	SECTION("a target of another size (a screenshot scaled to it) is not exact")
	{
		DrawPlacement p = program();
		p.targetWidth = p.viewportWidth = 320;
		p.targetHeight = p.viewportHeight = 80;
		p.world[12] = p.world[13] = 0.0f;
		CHECK_FALSE(texelsOnPixels(p, 0.0f, 0.0f));
	}
	SECTION("nothing known is not exact")
	{
		CHECK_FALSE(texelsOnPixels(DrawPlacement{}, 0.0f, 0.0f));
	}
}

TEST_CASE("Texels on pixels: a move too large or not a number is refused", "[pixelgrid]")
{
	DrawPlacement p = program();
	p.world[12] = 3.0e7f; // whole, but a float's step there is 2
	CHECK_FALSE(texelsOnPixels(p, 0.0f, 0.0f));
	p.world[12] = std::numeric_limits<float>::quiet_NaN();
	CHECK_FALSE(texelsOnPixels(p, 0.0f, 0.0f));
	p.world[12] = std::numeric_limits<float>::infinity();
	CHECK_FALSE(texelsOnPixels(p, 0.0f, 0.0f));
	p = program();
	CHECK_FALSE(texelsOnPixels(p, std::numeric_limits<float>::quiet_NaN(), 0.0f));
}
