#include "obs/render/sprite-pair.hpp"

#include "obs/render/nearest.hpp"

#include <graphics/vec2.h>
#include <graphics/vec3.h>
#include <obs.h>

#include <algorithm>
#include <cstring>

namespace livegifts::obs {

namespace {

constexpr int kBorder = 1; // texels around each image repeating its edge
// A new texture is made this much larger than the two images need (rounded up to these steps), so the next
// alert's card or a longer combo count usually fits in it: texture creation is most of an upload's cost.
constexpr int kSlackX = 64;
constexpr int kSlackY = 32;

int roundUp(int value, int step)
{
	return (value + step - 1) / step * step;
}

} // namespace

void SpritePair::followBase(std::shared_ptr<RasterSlot> slot)
{
	base_.slot = std::move(slot);
	base_.version = 0;
}

void SpritePair::followOver(std::shared_ptr<RasterSlot> slot)
{
	over_.slot = std::move(slot);
	over_.version = 0;
}

bool SpritePair::settled() const
{
	return !base_.slot->pending() && base_.version == base_.slot->imageVersion() && !over_.slot->pending() &&
	       over_.version == over_.slot->imageVersion();
}

bool SpritePair::sync()
{
	bool changed = false;
	for (Part *part : {&base_, &over_}) {
		const uint64_t version = part->slot->imageVersion();
		if (version != part->version) {
			part->version = version;
			part->image = part->slot->image();
			changed = true;
		}
	}
	if (changed) {
		upload();
	}
	return texture_ && (base_.shown() || over_.shown());
}

// Both images side by side in one texture, each with a border repeating its edge texels: a quad sampling its
// own image near its edge gets what a clamped texture of its own would give.
void SpritePair::upload()
{
	int width = 0;
	int height = 0;
	for (Part *part : {&base_, &over_}) {
		if (part->shown()) {
			part->texelX = width + kBorder;
			part->texelY = kBorder;
			width += part->image->width + 2 * kBorder;
			height = std::max(height, part->image->height + 2 * kBorder);
		}
	}
	if (width == 0) {
		return; // nothing to show: draw() draws nothing, the texture stays for the next images
	}
	// The texture is kept while both images fit in it (the texels around them are cleared) and can take an
	// upload (a settled one cannot: a new one of the same size is made).
	const bool keep = texture_ && dynamic_ && width <= width_ && height <= height_;
	if (!keep) {
		width_ = roundUp(width, kSlackX);
		height_ = roundUp(height, kSlackY);
		texture_.reset(gs_texture_create(static_cast<uint32_t>(width_), static_cast<uint32_t>(height_), GS_RGBA,
						 1, nullptr, GS_DYNAMIC));
		dynamic_ = texture_ != nullptr;
		if (!texture_) {
			width_ = height_ = 0;
			return;
		}
	}
	// Written straight into the texture's upload buffer: no copy of the pixels is kept on this side.
	uint8_t *texels = nullptr;
	uint32_t pitch = 0;
	if (!gs_texture_map(texture_.get(), &texels, &pitch) || texels == nullptr) {
		return;
	}
	const auto rowBytes = static_cast<std::size_t>(width_) * 4;
	for (int row = 0; row < height_; ++row) {
		std::memset(texels + static_cast<std::size_t>(row) * pitch, 0, rowBytes);
	}
	for (const Part *part : {&base_, &over_}) {
		if (part->shown()) {
			copyIn(*part, texels, pitch);
		}
	}
	gs_texture_unmap(texture_.get());
	uploaded_ = true;
	holding_.store(1);
}

void SpritePair::settle(int64_t nowMs, bool drawn)
{
	if (uploaded_) {
		uploaded_ = false;
		lastUploadMs_ = nowMs;
	}
	if (drawn) {
		lastDrawnMs_ = nowMs;
	}
	if (!texture_) {
		return;
	}
	if (!drawn && nowMs - lastDrawnMs_ >= kReleaseMs) {
		// Not drawn for a while (no alert showing): the texture goes. The versions are forgotten, so the next
		// sync() uploads the slots' images again, whatever they are by then.
		texture_.reset();
		dynamic_ = false;
		width_ = height_ = 0;
		base_.version = 0;
		over_.version = 0;
		holding_.store(0);
		RasterWorker::instance().trimSoon(); // the freed texels go back to the system (glibc keeps them)
		return;
	}
	if (dynamic_ && nowMs - lastUploadMs_ >= kSettleMs) {
		// Still for a while: the pixels go into a texture of the same size without an upload buffer (a copy on
		// the GPU), and the dynamic texture with its buffer goes.
		TexturePtr still(gs_texture_create(static_cast<uint32_t>(width_), static_cast<uint32_t>(height_),
						   GS_RGBA, 1, nullptr, 0));
		if (still) {
			gs_copy_texture(still.get(), texture_.get());
			texture_ = std::move(still);
			dynamic_ = false;
			holding_.store(2);
			RasterWorker::instance().trimSoon();
		}
	}
}

void SpritePair::copyIn(const Part &part, uint8_t *texels, std::size_t pitch) const
{
	const RasterImage &image = *part.image;
	const auto rowBytes = static_cast<std::size_t>(image.width) * 4;
	for (int row = -kBorder; row < image.height + kBorder; ++row) {
		const uint8_t *source =
		    image.rgba.data() + static_cast<std::size_t>(std::clamp(row, 0, image.height - 1)) * rowBytes;
		uint8_t *target = texels + static_cast<std::size_t>(part.texelY + row) * pitch +
				  static_cast<std::size_t>(part.texelX) * 4;
		std::memcpy(target, source, rowBytes);
		for (int border = 1; border <= kBorder; ++border) {
			std::memcpy(target - static_cast<std::ptrdiff_t>(border) * 4, source, 4);
			std::memcpy(target + rowBytes + static_cast<std::size_t>(border - 1) * 4, source + rowBytes - 4,
				    4);
		}
	}
}

void SpritePair::addQuad(float x0, float y0, float x1, float y1, float u0, float v0, float u1, float v1)
{
	for (const auto &c : kQuadCorners) {
		corners_.push_back(
		    {c[0] != 0 ? x1 : x0, c[1] != 0 ? y1 : y0, c[0] != 0 ? u1 : u0, c[1] != 0 ? v1 : v0});
	}
}

void SpritePair::addPart(const Part &part, float x, float y, float scale)
{
	const RasterImage &image = *part.image;
	const float tw = static_cast<float>(width_);
	const float th = static_cast<float>(height_);
	forEachCoverRect(image.cover, image.width, image.height, [&](const CoverRect &r) {
		addQuad(x + static_cast<float>(r.x) * scale, y + static_cast<float>(r.y) * scale,
			x + static_cast<float>(r.x + r.width) * scale, y + static_cast<float>(r.y + r.height) * scale,
			static_cast<float>(part.texelX + r.x) / tw, static_cast<float>(part.texelY + r.y) / th,
			static_cast<float>(part.texelX + r.x + r.width) / tw,
			static_cast<float>(part.texelY + r.y + r.height) / th);
	});
}

bool SpritePair::drawFading(bool over, float anchorX, float anchorY, float overScale, float opacity)
{
	fade_.clear();
	forEachPlaced(over, anchorX, anchorY, overScale, [&](const Part &part, float left, float top, float scale) {
		const RasterImage &image = *part.image;
		fade_.spriteQuads(QuadBatch::TexelBox{part.texelX, part.texelY, image.width, image.height}, width_,
				  height_, left, top, image.cover, opacity, scale);
	});
	return fade_.draw(texture_.get());
}

void SpritePair::draw(float anchorX, float anchorY, float overScale, float opacity)
{
	const bool base = base_.shown();
	const bool over = over_.shown() && overScale > 0.0f;
	if (!texture_ || (!base && !over) || opacity <= 0.0f) {
		return;
	}
	if (opacity < 1.0f && drawFading(over, anchorX, anchorY, overScale, opacity)) {
		return;
	}
	corners_.clear();
	forEachPlaced(over, anchorX, anchorY, overScale, [this](const Part &part, float left, float top, float scale) {
		addPart(part, left, top, scale);
	});
	if (!vertices_ || capacity_ < corners_.size()) {
		vertices_ = makeVertexBuffer(corners_.size(), 12, 1, 2, capacity_);
		flushed_.clear();
		if (!vertices_) {
			return;
		}
	}
	// The buffer is written only when its triangles changed (a card held still draws the same ones every
	// frame): a buffer upload the GPU driver would otherwise do each frame.
	if (corners_ != flushed_) {
		gs_vb_data *data = gs_vertexbuffer_get_data(vertices_.get());
		auto *uv = static_cast<vec2 *>(data->tvarray[0].array);
		for (size_t i = 0; i < corners_.size(); ++i) {
			vec3_set(&data->points[i], corners_[i].x, corners_[i].y, 0.0f);
			vec2_set(&uv[i], corners_[i].u, corners_[i].v);
		}
		gs_vertexbuffer_flush(vertices_.get());
		noteVertexWrite();
		flushed_ = corners_;
	}
	// Both images are drawn one unit per texel at whole pixels (their places and cover rectangles are whole)
	// unless the combo count is scaled.
	const bool nearest = (!over || overScale == 1.0f) && texelsOnPixelsHere(0.0f, 0.0f);
	drawTextureVertices(texture_.get(), vertices_.get(), 0, static_cast<uint32_t>(corners_.size()), opacity,
			    nearest);
}

} // namespace livegifts::obs
