#pragma once

// A rounded gradient bar, its fill, a glow over it and a text layer on top, drawn in one draw call
// (data/effects/goal-bar.effect): with a GPU driver on the CPU every draw call costs the graphics thread far
// more than its pixels, so a source that moves every frame draws itself once instead of part by part.

#include "obs/render/gpu.hpp"

namespace livegifts::obs {

// What one pass shows; its pixels are those of BarPainter::drawTrack (track), BarPainter::drawFill (fill up to
// `fraction`), drawTrack again in the glow colour and SpriteLayer::draw(0, 0), drawn one after the other.
struct BarPassParts {
	float x = 0.0f, y = 0.0f, w = 0.0f, h = 0.0f; // the track within the source
	BarStyle track;
	BarStyle fill;
	float fraction = 0.0f;       // 0..1 of the track's length
	bool vertical = false;       // the fill grows bottom to top
	Rgba glow{255, 255, 255, 0}; // over the whole track in the track's shape; alpha 0: none
};

// Draws a quad of (width, height) at (0, 0) showing `parts` under `text` (sampled at its own place and size).
// Call in video_render inside a DrawScope (or a DrawCache's parts). One draw call; none when the effect is
// missing (logged when it was loaded).
void drawBarPass(int width, int height, const BarPassParts &parts, const SpriteLayer &text);

} // namespace livegifts::obs
