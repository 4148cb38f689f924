#include "obs/render/bar-pass.hpp"

#include <algorithm>
#include <cmath>

namespace livegifts::obs {
namespace {

// A quad as BarPainter draws it: its corner, the pixels gs_draw_sprite covered (rounded size) and its size.
struct Quad {
	float x = -1.0e6f, y = -1.0e6f; // far away: covers nothing
	float drawnW = 1.0f, drawnH = 1.0f;
	float w = 1.0f, h = 1.0f;
};

float drawnSize(float size)
{
	return static_cast<float>(static_cast<uint32_t>(size + 0.5f));
}

// BarPainter draws nothing of a quad under a pixel wide or high.
bool drawable(float w, float h)
{
	return w >= 1.0f && h >= 1.0f;
}

Quad quadAt(float x, float y, float w, float h)
{
	Quad quad;
	if (drawable(w, h)) {
		quad = {x, y, std::max(drawnSize(w), 1.0f), std::max(drawnSize(h), 1.0f), w, h};
	}
	return quad;
}

} // namespace

void barPassRegion(int width, int height, const BarPassParts &parts, const SpriteLayer &text,
		   std::vector<CoverRect> &region)
{
	region.clear();
	if (width <= 0 || height <= 0) {
		return;
	}
	const Quad track = quadAt(parts.x, parts.y, parts.w, parts.h);
	CoverRect trackRect;
	if (track.x > -1.0e6f) {
		// Every pixel whose centre lies in the drawn quad (the pass draws nothing of the track outside it).
		const auto left = static_cast<int>(std::floor(track.x));
		const auto top = static_cast<int>(std::floor(track.y));
		trackRect = clipRect(CoverRect{left, top, static_cast<int>(std::ceil(track.x + track.drawnW)) - left,
					       static_cast<int>(std::ceil(track.y + track.drawnH)) - top},
				     width, height);
		if (trackRect.width > 0) {
			region.push_back(trackRect);
		}
	}
	if (text.texture()) {
		forEachCoverRect(text.cover(), text.width(), text.height(), [&](CoverRect part) {
			part.x += text.x();
			part.y += text.y();
			part = clipRect(part, width, height);
			if (part.width <= 0) {
				return;
			}
			if (trackRect.width > 0) {
				subtractRect(part, trackRect, region);
			} else {
				region.push_back(part);
			}
		});
	}
	if (region.empty()) {
		region.push_back(CoverRect{0, 0, 1, 1}); // nothing shows: one transparent pixel
	}
}

void drawBarPass(const BarPassParts &parts, const SpriteLayer &text, QuadBatch &batch)
{
	batch.clear();
	batch.track(parts.x, parts.y, parts.w, parts.h, parts.track);
	batch.fill(parts.x, parts.y, parts.w, parts.h, parts.fraction, parts.vertical, parts.fill);
	if (parts.glow.a > 0) {
		BarStyle glow;
		glow.radius = parts.track.radius;
		glow.start = parts.glow;
		glow.end = parts.glow;
		batch.track(parts.x, parts.y, parts.w, parts.h, glow);
	}
	batch.layer(text, 0.0f, 0.0f, 1.0f);
	batch.draw(text.texture());
}

} // namespace livegifts::obs
