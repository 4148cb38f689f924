#pragma once

// Whether a texture drawn one unit per texel lands each texel centre on a pixel centre of what is drawn into.
// There, sampling the nearest texel gives exactly the pixels linear filtering gives (its weights are all on
// one texel), for much less work in a GPU driver on the CPU (Mesa's llvmpipe filters four texels per pixel).

#include <array>

namespace livegifts::view {

// Where a draw lands, as libobs tells it. Sizes in pixels; 0 where unknown.
struct DrawPlacement {
	// The render target (0 x 0: a window's own buffer, whose projection is the window's: never exact).
	int targetWidth = 0;
	int targetHeight = 0;
	int viewportX = 0;
	int viewportY = 0;
	int viewportWidth = 0;
	int viewportHeight = 0;
	// OBS's canvas and the drawing source. libobs does not tell the projection; OBS projects a target of the
	// canvas's size onto the canvas (the program, a transition, a nested scene's texture) and a target of a
	// source's size onto that source (a scene item's crop or blending texture, a filter's input), one unit a
	// pixel. A target of any other size may be a scaled copy (a screenshot at another size): never exact.
	int canvasWidth = 0;
	int canvasHeight = 0;
	int sourceWidth = 0;
	int sourceHeight = 0;
	// libobs's world matrix (matrix4): rows x, y, z, t; a point p goes to p.x * x + p.y * y + p.z * z + t.
	std::array<float, 16> world{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
};

// True when a texture drawn at (x, y) in world units, one unit per texel, puts every texel centre on a pixel
// centre: the target is projected one unit a pixel (above), the world matrix only moves, and it moves the
// texture's corner by whole pixels.
bool texelsOnPixels(const DrawPlacement &placement, float x, float y);

} // namespace livegifts::view
