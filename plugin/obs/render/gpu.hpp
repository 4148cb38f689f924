#pragma once

// Graphics objects with owners: RAII around gs_texture_t / gs_effect_t (freed inside a graphics context),
// the sprite and bar drawing recipes every source uses.

#include <graphics/graphics.h>
#include <graphics/vec2.h>
#include <graphics/vec4.h>

#include "obs/render/raster.hpp"
#include "obs/render/raster-worker.hpp"
#include "view/draw-key.hpp"
#include "view/draw-types.hpp"

#include <cstdint>
#include <memory>
#include <span>

namespace livegifts::obs {

struct TextureDeleter {
	void operator()(gs_texture_t *texture) const;
};
using TexturePtr = std::unique_ptr<gs_texture_t, TextureDeleter>;

struct TexrenderDeleter {
	void operator()(gs_texrender_t *texrender) const;
};
using TexrenderPtr = std::unique_ptr<gs_texrender_t, TexrenderDeleter>;

struct EffectDeleter {
	void operator()(gs_effect_t *effect) const;
};
using EffectPtr = std::unique_ptr<gs_effect_t, EffectDeleter>;

struct VertexBufferDeleter {
	void operator()(gs_vertbuffer_t *buffer) const;
};
using VertexBufferPtr = std::unique_ptr<gs_vertbuffer_t, VertexBufferDeleter>;

// A texture that mirrors the newest image of a RasterSlot. sync() and draw() run in video_render.
class SpriteLayer {
public:
	explicit SpriteLayer(std::shared_ptr<RasterSlot> slot) : slot_(std::move(slot)) {}
	~SpriteLayer();
	SpriteLayer(const SpriteLayer &) = delete;
	SpriteLayer &operator=(const SpriteLayer &) = delete;

	// Uploads the slot's image if it changed since the last call (into a new static texture). Returns true
	// when something is drawable.
	bool sync();
	// Takes its pixels from another slot from now on (one painted ahead); its image is uploaded once finished.
	void follow(std::shared_ptr<RasterSlot> slot)
	{
		slot_ = std::move(slot);
		uploadedVersion_ = 0;
	}
	// Draws the texture at its raster offset plus (dx, dy), premultiplied, with opacity 0..1.
	void draw(float dx, float dy, float opacity = 1.0f, bool circle = false) const;
	// Draws the texture scaled into the box (w, h) whose centre is (cx, cy), turned by `angle` radians.
	void drawBox(float cx, float cy, float w, float h, float angle, bool circle) const;
	// How many images were uploaded so far: changes whenever what draw() shows changes.
	uint64_t uploads() const { return uploads_; }
	// A number no other upload of any layer had: tells this layer's current pixels apart from every other's,
	// even a layer made where a freed one was.
	uint64_t uploadId() const { return uploadId_; }
	// True when the newest posted content is on the GPU.
	bool settled() const { return !slot_->pending() && uploadedVersion_ == slot_->imageVersion(); }
	const RasterSlot &slot() const { return *slot_; }
	// The uploaded texture (nullptr before the first image) and where draw() puts it: (x(), y()) in the
	// source, width() by height(). For one-pass painters that sample it themselves.
	gs_texture_t *texture() const { return width_ > 0 && height_ > 0 ? texture_.get() : nullptr; }
	int x() const { return x_; }
	int y() const { return y_; }
	int width() const { return width_; }
	int height() const { return height_; }
	// The parts of the uploaded image that hold pixels (RasterImage::cover; empty: the whole image).
	const std::vector<CoverRect> &cover() const { return cover_; }

private:
	std::shared_ptr<RasterSlot> slot_;
	TexturePtr texture_;
	std::vector<CoverRect> cover_;
	uint64_t uploadedVersion_ = 0;
	uint64_t uploads_ = 0;
	uint64_t uploadId_ = 0;
	int x_ = 0, y_ = 0, width_ = 0, height_ = 0;
};

using view::BarStyle;

// Draws rounded gradient bars with data/effects/rounded-bar.effect (loaded once per module).
class BarPainter {
public:
	// A whole track of size (w, h) at (x, y).
	static void drawTrack(float x, float y, float w, float h, const BarStyle &style);
	// The filled part of a track: fraction 0..1 of its length, horizontal (left to right) or vertical
	// (bottom to top); the gradient runs over the whole track.
	static void drawFill(float x, float y, float w, float h, float fraction, bool vertical, const BarStyle &style);
};

// Draws a quad of (w, h) whole pixels at the origin with the current effect pass (inside gs_effect_loop),
// texture coordinates 0..1, from one static vertex buffer uploaded once (gs_draw_sprite uploads its quad on every
// call). Counts as a draw call.
void drawQuad(float w, float h);

// A dynamic vertex buffer (refilled through gs_vertexbuffer_get_data, then gs_vertexbuffer_flush) for at least
// `needed` vertices: `capacity` of them, doubled from `first` until it holds `needed` (set to 0 when it cannot
// be made). Positions and `arrays` sets of texture coordinates of `width` floats each (2 or 4), all zero.
// Graphics thread.
VertexBufferPtr makeVertexBuffer(size_t needed, size_t first, size_t arrays, uint32_t width, size_t &capacity);

// Rectangles of a (width, height) area as one vertex buffer of separate triangles whose texture coordinates
// are position / size, the coordinates drawQuad(width, height) gives: an effect drawn with it gives the pixels
// a whole quad gives inside the rectangles and none outside (graphics thread only). Its vertices are uploaded
// only when the rectangles or the size change.
class RegionBuffer {
public:
	// Inside gs_effect_loop: draws the rectangles, or the whole area (drawQuad) when `rects` is empty. One draw
	// call.
	void draw(const std::vector<CoverRect> &rects, float width, float height);

private:
	VertexBufferPtr buffer_;
	size_t capacity_ = 0; // vertices the buffer holds
	std::vector<CoverRect> rects_;
	float width_ = 0.0f, height_ = 0.0f;
};

// Draw calls this module has made so far (every quad of BarPainter and drawTexture). Graphics thread only:
// a source's render compares it before and after to count its own (SourceBase's draw statistics).
uint64_t drawCallsSoFar();
// Counts one draw call made elsewhere in the module (a draw of our own vertex buffer).
void noteDrawCall();
// Vertex buffers this module wrote and flushed so far (each a buffer upload in the GPU driver), and one more
// counted. Graphics thread only, as the draw calls.
uint64_t vertexWritesSoFar();
void noteVertexWrite();

// Draws a premultiplied texture scaled to (w, h) at (x, y): fully opaque with OBS's default effect, otherwise
// with data/effects/sprite.effect, whose "DrawCircle" also masks it to the inscribed circle (circle). Call inside
// video_render with the blend state set by a DrawScope. Drawn one unit per texel where its texels lie on pixels, it
// samples the nearest texel (obs/render/nearest.hpp).
void drawTexture(gs_texture_t *texture, float x, float y, float w, float h, float opacity, bool circle);
// Draws `count` vertices from `first` of a vertex buffer holding separate triangles (positions and one set of
// texture coordinates) with a premultiplied texture and an opacity, in one draw call (the effect as drawTexture's).
// nearest: the caller knows every triangle puts the texture's texels on pixels (nearest.hpp).
void drawTextureVertices(gs_texture_t *texture, gs_vertbuffer_t *vertices, uint32_t first, uint32_t count,
			 float opacity, bool nearest);

// For painters with an effect of their own: the module's effect `file` (as "effects/name.effect"), loaded on
// first use and freed by releaseEffects(); nullptr when it cannot load (logged once). Graphics thread only.
gs_effect_t *moduleEffect(const char *file);

// A source's whole drawing kept in one texture (graphics thread only). With a GPU driver on the CPU (Mesa)
// every draw call costs the graphics thread far more than its pixels: while nothing moves, a source draws
// its cached texture (one quad) and draws its parts again only when what they show changed. While an
// animation runs it draws its parts directly, as before (the texture would change every frame anyway).
// The parts are drawn into a render target and copied once into a plain texture, which is what every frame
// then samples: with Mesa's llvmpipe, sampling the render target itself made the graphics thread's whole frame
// dearer, 1.5 to 2.3 times its time with the copy (perf, the three-source demo scene); a copy per change costs
// nothing that shows.
class DrawCache {
public:
	DrawCache() = default;
	DrawCache(const DrawCache &) = delete;
	DrawCache &operator=(const DrawCache &) = delete;

	// Call in video_render inside a DrawScope. `drawParts` draws the source at (0, 0) within (width,
	// height). `key` holds every value what drawParts draws depends on (compared in full); `moving`: it
	// changes every frame.
	template <typename DrawParts>
	void draw(int width, int height, const view::DrawKey &key, bool moving, DrawParts &&drawParts)
	{
		if (moving || width <= 0 || height <= 0) {
			valid_ = false;
			++directFrames_;
			drawParts();
			return;
		}
		if (!valid_ || key != key_ || width != width_ || height != height_) {
			if (!begin(width, height)) {
				drawParts();
				return;
			}
			drawParts();
			end(key);
		}
		drawCached();
	}

	// The parts of (width, height) that can hold pixels (the rest stays transparent): the cached texture is
	// drawn only there. Empty: all of it.
	void setRegion(const std::vector<CoverRect> &region) { region_ = region; }

	// Frames whose parts were drawn into the texture, and frames drawn directly (tests, through procs).
	uint64_t renders() const { return renders_; }
	uint64_t directFrames() const { return directFrames_; }

private:
	bool begin(int width, int height);
	void end(const view::DrawKey &key);
	void drawCached();

	TexrenderPtr texrender_; // where the parts are drawn (released once copied)
	TexturePtr copy_;        // what is drawn from: the render target's pixels (null: draw from the target)
	std::vector<CoverRect> region_;
	RegionBuffer regionBuffer_;
	bool valid_ = false;
	view::DrawKey key_;
	int width_ = 0, height_ = 0;
	uint64_t renders_ = 0;
	uint64_t directFrames_ = 0;
};

using view::DrawKey;

// Frees the module's effects (module unload).
void releaseEffects();

// A transparent 3x3 texture, made on first use and freed by releaseEffects() (graphics thread only): what a
// draw that samples nothing binds, so that the GPU driver (Mesa's llvmpipe compiles a variant of a program
// for each kind of texture it is drawn with) reuses the variant the program's other draws made.
gs_texture_t *blankTexture();

// Pushes the blend state every draw of ours uses (premultiplied ONE, INVSRCALPHA; sRGB framebuffer
// off, as our colours and pixels are gamma-space like a browser's) and restores it on destruction.
class DrawScope {
public:
	DrawScope();
	~DrawScope();
	DrawScope(const DrawScope &) = delete;
	DrawScope &operator=(const DrawScope &) = delete;

private:
	bool previousSrgb_;
};

} // namespace livegifts::obs
