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

void setVec2(gs_effect_t *effect, const char *name, float x, float y)
{
	vec2 v;
	vec2_set(&v, x, y);
	gs_effect_set_vec2(gs_effect_get_param_by_name(effect, name), &v);
}

void setFloat(gs_effect_t *effect, const char *name, float value)
{
	gs_effect_set_float(gs_effect_get_param_by_name(effect, name), value);
}

// Premultiplied, as BarPainter passes its colours; `on` false gives transparent.
void setColor(gs_effect_t *effect, const char *name, const Rgba &c, bool on = true)
{
	const float a = on ? static_cast<float>(c.a) / 255.0f : 0.0f;
	vec4 v;
	vec4_set(&v, static_cast<float>(c.r) / 255.0f * a, static_cast<float>(c.g) / 255.0f * a,
		 static_cast<float>(c.b) / 255.0f * a, a);
	gs_effect_set_vec4(gs_effect_get_param_by_name(effect, name), &v);
}

void setQuad(gs_effect_t *effect, const char *pos, const char *drawn, const char *size, const Quad &quad)
{
	setVec2(effect, pos, quad.x, quad.y);
	setVec2(effect, drawn, quad.drawnW, quad.drawnH);
	setVec2(effect, size, quad.w, quad.h);
}

// The fill's quad and shape, as BarPainter::drawFill makes them (view::fillQuadOf).
void setFill(gs_effect_t *effect, const BarPassParts &parts)
{
	Quad quad;
	float originY = 0.0f;
	float boxW = parts.w;
	float boxH = parts.h;
	if (const auto q = view::fillQuadOf(parts.x, parts.y, parts.w, parts.h, parts.fraction, parts.vertical)) {
		quad = quadAt(q->x, q->y, q->w, q->h);
		originY = q->originY;
		boxW = q->fillW;
		boxH = q->fillH;
	}
	const bool on = quad.x > -1.0e6f;
	setQuad(effect, "fill_pos", "fill_drawn", "fill_quad", quad);
	setVec2(effect, "fill_origin", 0.0f, originY);
	setVec2(effect, "fill_box", boxW, boxH);
	setFloat(effect, "fill_radius", parts.fill.radius);
	setFloat(effect, "vertical", parts.vertical ? 1.0f : 0.0f);
	setColor(effect, "fill_start", parts.fill.start, on);
	setColor(effect, "fill_end", parts.fill.end, on);
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

void drawBarPass(int width, int height, const BarPassParts &parts, const SpriteLayer &text,
		 const std::vector<CoverRect> &region, RegionBuffer &buffer)
{
	gs_effect_t *effect = moduleEffect("effects/goal-bar.effect");
	if (!effect || width <= 0 || height <= 0) {
		return;
	}
	setVec2(effect, "size", static_cast<float>(width), static_cast<float>(height));
	const Quad track = quadAt(parts.x, parts.y, parts.w, parts.h);
	const bool trackOn = track.x > -1.0e6f;
	setQuad(effect, "track_pos", "track_drawn", "track_quad", track);
	setFloat(effect, "track_radius", parts.track.radius);
	setColor(effect, "track_start", parts.track.start, trackOn);
	setColor(effect, "track_end", parts.track.end, trackOn);
	setColor(effect, "glow", parts.glow, trackOn);
	setFill(effect, parts);
	gs_texture_t *letters = text.texture();
	gs_effect_set_texture(gs_effect_get_param_by_name(effect, "text"), letters);
	if (letters) {
		setVec2(effect, "text_pos", static_cast<float>(text.x()), static_cast<float>(text.y()));
		setVec2(effect, "text_size", static_cast<float>(text.width()), static_cast<float>(text.height()));
	} else {
		setVec2(effect, "text_pos", -1.0e6f, -1.0e6f);
		setVec2(effect, "text_size", 1.0f, 1.0f);
	}
	while (gs_effect_loop(effect, "Draw")) {
		buffer.draw(region, static_cast<float>(width), static_cast<float>(height));
	}
}

} // namespace livegifts::obs
