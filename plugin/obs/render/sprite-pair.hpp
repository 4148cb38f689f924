#pragma once

// Two images from two raster slots drawn in one draw call (the alert card and its combo count): both go into
// one texture, side by side, and are drawn as the quads of one triangle list, `over` after `base`. With a GPU
// driver on the CPU (Mesa) every draw call costs the graphics thread far more than its pixels; separate quads
// cost only their own pixels, where one quad sampling two textures would cost both samples on every pixel.
// Each image is drawn only where it has pixels (RasterImage::cover). The texture is made with room to spare and
// kept while the next pair fits, so a new card or a longer combo count is an upload, not a new texture; the
// pixels are written straight into the texture's mapped upload buffer. That buffer is as large as the texture,
// so once the pair has been still for a while (settle) its pixels move into a plain texture and the buffer goes,
// and a pair not drawn for a while lets its texture go (its slots still hold the images for the next sync).

#include "obs/render/gpu.hpp"
#include "obs/render/raster-worker.hpp"
#include "obs/render/sprite-batch.hpp"

#include <graphics/graphics.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace livegifts::obs {

// Graphics thread only, apart from construction.
class SpritePair {
public:
	SpritePair(std::shared_ptr<RasterSlot> base, std::shared_ptr<RasterSlot> over)
	{
		base_.slot = std::move(base);
		over_.slot = std::move(over);
	}
	SpritePair(const SpritePair &) = delete;
	SpritePair &operator=(const SpritePair &) = delete;

	// Takes `base`'s or `over`'s pixels from another slot from now on (one painted ahead).
	void followBase(std::shared_ptr<RasterSlot> slot);
	void followOver(std::shared_ptr<RasterSlot> slot);
	// Uploads both images when either slot has a newer one. Returns true when something is drawable.
	bool sync();
	// True when the newest posted content of both slots is on the GPU.
	bool settled() const;
	// Called every frame, drawn or not, with the source's time (ms): after kSettleMs without an upload the pixels
	// move into a texture without an upload buffer; after kReleaseMs without a draw the texture goes.
	void settle(int64_t nowMs, bool drawn);
	// What the pair holds on the GPU (any thread; for tests): 0 nothing, 1 a texture with its upload buffer,
	// 2 a texture alone.
	int holding() const { return holding_.load(); }
	static constexpr int64_t kSettleMs = 1000;
	static constexpr int64_t kReleaseMs = 3000;
	// Draws `base` at its raster offset, then `over` at its raster offset scaled by `overScale` about
	// (anchorX, anchorY), premultiplied, each with opacity 0..1, in one draw call: the pixels of drawing them
	// as two sprites. Fully opaque, through OBS's default effect (drawTextureVertices); fading, through the
	// sprite batch's program, which the module's other sources draw with already, so that no program of its
	// own is made for the few frames of a fade. Call inside a DrawScope.
	void draw(float anchorX, float anchorY, float overScale, float opacity);

private:
	// Where one image sits: in the source (x, y, w, h) and in the shared texture (its top-left texel).
	struct Part {
		std::shared_ptr<RasterSlot> slot;
		std::shared_ptr<const RasterImage> image;
		uint64_t version = 0;
		int texelX = 0, texelY = 0;
		bool shown() const { return image && !image->empty(); }
	};
	void upload();
	// Calls place(part, left, top, scale) for `base` when it is shown and for `over` when `over` is true, at
	// their raster offsets, `over` scaled by `overScale` about (anchorX, anchorY).
	template <typename Place>
	void forEachPlaced(bool over, float anchorX, float anchorY, float overScale, Place &&place) const
	{
		if (base_.shown()) {
			place(base_, static_cast<float>(base_.image->x), static_cast<float>(base_.image->y), 1.0f);
		}
		if (over) {
			const RasterImage &image = *over_.image;
			place(over_, anchorX + (static_cast<float>(image.x) - anchorX) * overScale,
			      anchorY + (static_cast<float>(image.y) - anchorY) * overScale, overScale);
		}
	}
	// The pair faded by `opacity` (< 1) through the batch (false: it could not draw; draw as when opaque).
	bool drawFading(bool over, float anchorX, float anchorY, float overScale, float opacity);
	// The part with its border into the mapped texture (rows `pitch` bytes apart).
	void copyIn(const Part &part, uint8_t *texels, std::size_t pitch) const;
	// The quads of a part drawn at (x, y) scaled by `scale`, added to corners_.
	void addPart(const Part &part, float x, float y, float scale);
	void addQuad(float x0, float y0, float x1, float y1, float u0, float v0, float u1, float v1);

	Part base_;
	Part over_;
	int width_ = 0, height_ = 0; // the shared texture's size
	TexturePtr texture_;
	bool dynamic_ = false;        // texture_ has an upload buffer (made for uploads, not yet settled)
	bool uploaded_ = false;       // an upload happened since the last settle()
	int64_t lastUploadMs_ = 0;    // settle()'s time of the newest upload it saw
	int64_t lastDrawnMs_ = 0;     // settle()'s time of the newest drawn frame
	std::atomic<int> holding_{0}; // graphics thread writes (holding()), any thread reads
	struct Corner {
		float x, y, u, v;
		bool operator==(const Corner &other) const
		{
			return x == other.x && y == other.y && u == other.u && v == other.v;
		}
		bool operator!=(const Corner &other) const { return !(*this == other); }
	};
	QuadBatch fade_;              // the quads of a fading frame
	std::vector<Corner> corners_; // this frame's triangles (kept to spare allocations)
	std::vector<Corner> flushed_; // the triangles the vertex buffer holds
	VertexBufferPtr vertices_;
	size_t capacity_ = 0; // vertices the buffer holds
};

} // namespace livegifts::obs
