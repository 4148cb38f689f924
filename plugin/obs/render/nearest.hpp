#pragma once

// Sampling the nearest texel where that gives the pixels linear filtering gives (view/pixel-grid.hpp): a texture
// drawn one unit per texel at whole pixels into a target OBS projects one unit a pixel. Mesa's llvmpipe, the
// GPU driver of a machine without a GPU, then reads one texel a pixel instead of filtering four. Graphics thread
// only, inside a source's video_render.

#include <graphics/graphics.h>

#include <cstdint>

namespace livegifts::obs {

// The size of the source whose video_render runs, for the draws it makes (makeSourceInfo's video_render holds
// one around T::render()). Restores the one before when it ends.
class RenderingSource {
public:
	RenderingSource(uint32_t width, uint32_t height);
	~RenderingSource();
	RenderingSource(const RenderingSource &) = delete;
	RenderingSource &operator=(const RenderingSource &) = delete;

private:
	int width_, height_; // the ones before
};

// True when a texture drawn now at (x, y), one unit per texel, puts every texel centre on a pixel centre
// (view::texelsOnPixels with what libobs tells of the render target, the viewport, the canvas, the rendering
// source and the world matrix).
bool texelsOnPixelsHere(float x, float y);

// Before gs_effect_loop: the effect's "image" texture is sampled at the nearest texel in the next draw
// (gs_effect_set_next_sampler), counted in exactDrawsSoFar(). Does nothing when the sampler cannot be made.
void sampleNearestNext(gs_effect_t *effect);

// Draws that sampled the nearest texel so far (graphics thread; a source's render counts its own).
uint64_t exactDrawsSoFar();

// Tests only (a procedure behind the test switch): off, texelsOnPixelsHere() is always false, every draw
// filtering linearly, so that a test can compare the pixels of both. Any thread.
void setNearestSampling(bool on);

// Frees the sampler (module unload, with the effects).
void releaseNearestSampler();

} // namespace livegifts::obs
