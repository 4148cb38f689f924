#pragma once

// Many sprites and bars in one draw call (graphics thread only). With a GPU driver on the CPU (Mesa) every
// draw call costs the graphics thread far more than its pixels, so a source whose parts move every frame
// (a list whose rows slide) keeps its sprites' pixels in one atlas texture and draws every quad of a frame
// from one vertex buffer with data/effects/sprite-batch.effect: the same pixels as SpriteLayer::draw and
// BarPainter quad by quad, in the order they were added.

#include "obs/render/gpu.hpp"

#include <graphics/graphics.h>

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace livegifts::obs {

// The uploaded textures of some SpriteLayers copied side by side into one texture (on the GPU: no pixels
// pass through the CPU again). Rebuilt only when a layer uploaded a new image or the layers changed.
class SpriteAtlas {
public:
	// Where one layer lies in the atlas (texels) and where its image goes relative to its owner.
	struct Cell {
		int x = 0, y = 0, width = 0, height = 0; // width 0: nothing to draw
		int offsetX = 0, offsetY = 0;
		std::vector<CoverRect> cover; // the layer's parts that hold pixels (cell texels); empty: all of it
	};

	// Brings the atlas in line with `layers` (each synced this frame); cell(i) is then layers[i]'s.
	// False when the atlas cannot hold them (the texture would be too large): draw the layers one by one.
	bool update(const std::vector<const SpriteLayer *> &layers);
	// Times the atlas was made again (a layer uploaded a new image, or the layers changed).
	uint64_t builds() const { return builds_; }
	const Cell &cell(size_t index) const { return cells_[index]; }
	gs_texture_t *texture() const { return texture_.get(); }
	int width() const { return width_; }
	int height() const { return height_; }

private:
	struct Seen {
		const SpriteLayer *layer = nullptr;
		uint64_t uploadId = 0;
		bool operator==(const Seen &) const = default;
	};
	std::vector<Seen> seen_; // what the atlas holds now
	std::vector<Seen> scratch_;
	std::vector<Cell> cells_;
	TexturePtr texture_;
	int width_ = 0, height_ = 0;
	bool ok_ = false;
	uint64_t builds_ = 0;
};

// The quads of one frame, drawn together. Add quads in drawing order, then draw().
class QuadBatch {
public:
	void clear() { vertices_.clear(); }
	// A sprite of `atlas` (its cell `index`) at its raster offset plus (dx, dy), like SpriteLayer::draw.
	void sprite(const SpriteAtlas &atlas, size_t index, float dx, float dy, float opacity);
	// A layer's own texture as a sprite at its raster offset plus (dx, dy), like SpriteLayer::draw: the batch
	// is then drawn with that texture (draw(layer.texture())), so it holds no other sprite.
	void layer(const SpriteLayer &layer, float dx, float dy, float opacity);
	// A box of texels of a texture.
	struct TexelBox {
		int x = 0, y = 0, width = 0, height = 0;
	};
	// The quads of a sprite: `cell` of a texture of (textureW, textureH), its top-left at (left, top), scaled by
	// `scale`, only where `cover` (cell texels; empty: all of it) has pixels, and sampled within the cell as a
	// texture of its own would be (the pixels of drawTextureVertices with those quads). Drawn with that texture.
	void spriteQuads(const TexelBox &cell, int textureW, int textureH, float left, float top,
			 const std::vector<CoverRect> &cover, float opacity, float scale);
	// Like BarPainter::drawTrack and BarPainter::drawFill.
	void track(float x, float y, float w, float h, const BarStyle &style);
	void fill(float x, float y, float w, float h, float fraction, bool vertical, const BarStyle &style);
	// Rounded gradient boxes in order, faded by opacity (fully transparent ones are skipped), as tracks.
	void boxes(std::span<const view::PlateBox> boxes, float opacity);
	bool empty() const { return vertices_.empty(); }
	// Times draw() uploaded vertices (they differed from the last draw's).
	uint64_t uploads() const { return uploads_; }
	// Draws every quad with `atlas` (null: a blank texture, for quads that sample nothing) in one draw call
	// (inside a DrawScope); the vertices are uploaded only when they differ from the last draw's. False when it
	// cannot (no effect or vertex buffer): draw the parts one by one.
	bool draw(gs_texture_t *atlas);

private:
	struct Vertex {
		float x = 0.0f, y = 0.0f;
		float attributes[5][4] = {};
		bool operator==(const Vertex &) const = default;
	};
	void bar(float x, float y, float w, float h, float ox, float oy, float fillW, float fillH, float trackW,
		 float trackH, bool vertical, const BarStyle &style);
	// Adds the two triangles of a quad of (w, h) at (x, y); `corner` gives a corner's vertex (0..1 each way).
	template <typename Corner>
	void quad(float x, float y, float w, float h, Corner &&corner);

	std::vector<Vertex> vertices_;
	std::vector<Vertex> uploaded_; // what the vertex buffer holds
	VertexBufferPtr buffer_;
	size_t capacity_ = 0;
	uint64_t uploads_ = 0;
};

} // namespace livegifts::obs
