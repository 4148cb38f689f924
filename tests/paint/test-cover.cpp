// coverRects (plugin/obs/render/cover): the rectangles hold every texel with alpha and every texel beside one,
// never overlap, stay inside the image, and are fewer pixels than the image when it is mostly empty.
#include "obs/render/cover.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <vector>

using livegifts::obs::CoverRect;
using livegifts::obs::coverRects;

namespace {

struct Image {
	int width, height;
	std::vector<uint8_t> rgba;
	Image(int w, int h) : width(w), height(h), rgba(static_cast<size_t>(w) * static_cast<size_t>(h) * 4, 0) {}
	void paint(int x0, int y0, int x1, int y1, uint8_t alpha = 255)
	{
		for (int y = y0; y < y1; ++y) {
			for (int x = x0; x < x1; ++x) {
				rgba[(static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)) *
					 4 +
				     3] = alpha;
			}
		}
	}
	bool painted(int x, int y) const
	{
		return rgba[(static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)) * 4 + 3] !=
		       0;
	}
};

// How many rectangles hold each texel.
std::vector<int> coverCount(const Image &image, const std::vector<CoverRect> &rects)
{
	std::vector<int> count(static_cast<size_t>(image.width) * static_cast<size_t>(image.height), 0);
	for (const CoverRect &r : rects) {
		REQUIRE(r.width > 0);
		REQUIRE(r.height > 0);
		REQUIRE(r.x >= 0);
		REQUIRE(r.y >= 0);
		REQUIRE(r.x + r.width <= image.width);
		REQUIRE(r.y + r.height <= image.height);
		for (int y = r.y; y < r.y + r.height; ++y) {
			for (int x = r.x; x < r.x + r.width; ++x) {
				++count[static_cast<size_t>(y) * static_cast<size_t>(image.width) +
					static_cast<size_t>(x)];
			}
		}
	}
	return count;
}

// Every texel with alpha, and its eight neighbours, lies in exactly one rectangle; no texel lies in two.
void checkCovers(const Image &image, const std::vector<CoverRect> &rects)
{
	const std::vector<int> count = coverCount(image, rects);
	for (int y = 0; y < image.height; ++y) {
		for (int x = 0; x < image.width; ++x) {
			const int here =
			    count[static_cast<size_t>(y) * static_cast<size_t>(image.width) + static_cast<size_t>(x)];
			REQUIRE(here <= 1);
			if (!image.painted(x, y)) {
				continue;
			}
			for (int ny = std::max(0, y - 1); ny <= std::min(image.height - 1, y + 1); ++ny) {
				for (int nx = std::max(0, x - 1); nx <= std::min(image.width - 1, x + 1); ++nx) {
					INFO("painted texel " << x << "," << y << ": neighbour " << nx << "," << ny);
					REQUIRE(count[static_cast<size_t>(ny) * static_cast<size_t>(image.width) +
						      static_cast<size_t>(nx)] == 1);
				}
			}
		}
	}
}

long long area(const std::vector<CoverRect> &rects)
{
	long long sum = 0;
	for (const CoverRect &r : rects) {
		sum += static_cast<long long>(r.width) * r.height;
	}
	return sum;
}

} // namespace

TEST_CASE("a row of text over nothing is drawn as the few rectangles that hold it", "[cover]")
{
	Image row(380, 40);
	row.paint(10, 8, 150, 30);   // rank and name
	row.paint(300, 10, 370, 28); // coins
	const auto rects = coverRects(row.rgba.data(), row.width, row.height);
	checkCovers(row, rects);
	REQUIRE(rects.size() == 2);
	CHECK(rects[0] == CoverRect{9, 7, 142, 24});
	CHECK(rects[1] == CoverRect{299, 9, 72, 20});
	CHECK(area(rects) * 100 < 380LL * 40 * 40);
}

TEST_CASE("spans closer than the gap are one rectangle, and bands of the same columns join", "[cover]")
{
	Image image(200, 100);
	image.paint(20, 10, 40, 90);
	image.paint(50, 10, 70, 90); // 10 columns apart: one span
	const auto rects = coverRects(image.rgba.data(), image.width, image.height);
	checkCovers(image, rects);
	REQUIRE(rects.size() == 1);
	CHECK(rects[0] == CoverRect{19, 9, 52, 82});
}

TEST_CASE("a small, a full or an empty image is drawn whole or as nothing", "[cover]")
{
	Image small(40, 40);
	small.paint(5, 5, 10, 10);
	CHECK(coverRects(small.rgba.data(), small.width, small.height).empty());

	Image full(300, 100);
	full.paint(0, 0, 300, 100, 10);
	CHECK(coverRects(full.rgba.data(), full.width, full.height).empty());

	Image blank(300, 100);
	const auto rects = coverRects(blank.rgba.data(), blank.width, blank.height);
	REQUIRE(rects.size() == 1);
	CHECK(area(rects) == 1);

	CHECK(coverRects(nullptr, 300, 100).empty());
	CHECK(coverRects(blank.rgba.data(), 0, 100).empty());
}

TEST_CASE("random sparse images: every painted texel and its neighbours are covered once", "[cover]")
{
	std::mt19937 random(1234);
	for (int round = 0; round < 300; ++round) {
		const int width = std::uniform_int_distribution<int>(64, 420)(random);
		const int height = std::uniform_int_distribution<int>(64, 160)(random);
		Image image(width, height);
		const int blobs = std::uniform_int_distribution<int>(0, 12)(random);
		for (int b = 0; b < blobs; ++b) {
			const int x = std::uniform_int_distribution<int>(0, width - 1)(random);
			const int y = std::uniform_int_distribution<int>(0, height - 1)(random);
			const int w = std::uniform_int_distribution<int>(1, 40)(random);
			const int h = std::uniform_int_distribution<int>(1, 20)(random);
			image.paint(x, y, std::min(width, x + w), std::min(height, y + h),
				    static_cast<uint8_t>(std::uniform_int_distribution<int>(1, 255)(random)));
		}
		INFO("round " << round << ": " << width << "x" << height << ", " << blobs << " blobs");
		const auto rects = coverRects(image.rgba.data(), image.width, image.height);
		if (rects.empty()) {
			continue; // the whole image: covers everything by definition
		}
		checkCovers(image, rects);
		CHECK(area(rects) < static_cast<long long>(width) * height);
	}
}

TEST_CASE("a rectangle without another is the disjoint rest of it", "[cover]")
{
	using livegifts::obs::clipRect;
	using livegifts::obs::subtractRect;
	std::mt19937 random(99);
	for (int round = 0; round < 500; ++round) {
		const auto pick = [&](int most) { return std::uniform_int_distribution<int>(0, most)(random); };
		const CoverRect a{pick(30), pick(30), 1 + pick(30), 1 + pick(30)};
		const CoverRect b{pick(40), pick(40), 1 + pick(30), 1 + pick(30)};
		std::vector<CoverRect> rest;
		subtractRect(a, b, rest);
		INFO("round " << round);
		REQUIRE(rest.size() <= 4);
		for (int y = 0; y < 80; ++y) {
			for (int x = 0; x < 80; ++x) {
				const auto in = [&](const CoverRect &r) {
					return x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
				};
				int count = 0;
				for (const CoverRect &r : rest) {
					REQUIRE(r.width > 0);
					REQUIRE(r.height > 0);
					count += in(r) ? 1 : 0;
				}
				REQUIRE(count == ((in(a) && !in(b)) ? 1 : 0));
			}
		}
	}
	CHECK(clipRect(CoverRect{-5, -5, 10, 20}, 8, 8) == CoverRect{0, 0, 5, 8});
	CHECK(clipRect(CoverRect{10, 0, 5, 5}, 8, 8).width == 0);
}
