#pragma once

// A rounded gradient bar, its fill, a glow over it and a text layer on top, drawn in one draw call: with a GPU
// driver on the CPU every draw call costs the graphics thread far more than its pixels, so a source that moves
// every frame draws itself once instead of part by part. The parts are the quads of one QuadBatch
// (data/effects/sprite-batch.effect, the program Top Supporters draws with): an effect of the bar's own would
// be one more compiled program, about a megabyte with a GPU driver on the CPU.

#include "obs/render/gpu.hpp"
#include "obs/render/sprite-batch.hpp"

#include <vector>

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

// The parts of (width, height) at (0, 0) where `parts` and `text` can show pixels: the track's quad and the
// text's own parts (SpriteLayer::cover), disjoint, into `region`. Everything else of a pass is transparent.
void barPassRegion(int width, int height, const BarPassParts &parts, const SpriteLayer &text,
		   std::vector<CoverRect> &region);

// Draws `parts` under `text` (at its own place and size, only where it has pixels), in that order, from
// `batch` (its quads are replaced). Call in video_render inside a DrawScope (or a DrawCache's parts). One draw
// call; none when the effect is missing (logged when it was loaded).
void drawBarPass(const BarPassParts &parts, const SpriteLayer &text, QuadBatch &batch);

} // namespace livegifts::obs
