#include "obs/render/sprite-pair.hpp"

#include <graphics/vec2.h>
#include <graphics/vec3.h>
#include <obs.h>
#include <util/bmem.h>

#include <algorithm>
#include <cstring>

namespace livegifts::obs {

namespace {

// One strip: base's four corners, its last corner again, over's first corner again, over's four corners. The
// two repeated corners make empty triangles that join the quads (drawn as nothing), and over starts on an
// even vertex, so both quads keep gs_draw_sprite's winding.
constexpr uint32_t kQuadVertices = 4;
constexpr uint32_t kOverFirst = kQuadVertices + 2;
constexpr uint32_t kStripVertices = kOverFirst + kQuadVertices;
constexpr int kBorder = 1; // texels around each image repeating its edge

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
	std::vector<uint8_t> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4, 0);
	width_ = width;
	height_ = height;
	for (const Part *part : {&base_, &over_}) {
		if (part->shown()) {
			copyIn(*part, pixels);
		}
	}
	const auto w = static_cast<uint32_t>(width);
	const auto h = static_cast<uint32_t>(height);
	if (texture_ && gs_texture_get_width(texture_.get()) == w && gs_texture_get_height(texture_.get()) == h) {
		gs_texture_set_image(texture_.get(), pixels.data(), w * 4, false);
	} else {
		const uint8_t *planes[] = {pixels.data()};
		texture_.reset(gs_texture_create(w, h, GS_RGBA, 1, planes, GS_DYNAMIC));
	}
}

void SpritePair::copyIn(const Part &part, std::vector<uint8_t> &pixels) const
{
	const RasterImage &image = *part.image;
	const auto rowBytes = static_cast<std::size_t>(image.width) * 4;
	for (int row = -kBorder; row < image.height + kBorder; ++row) {
		const uint8_t *source =
		    image.rgba.data() + static_cast<std::size_t>(std::clamp(row, 0, image.height - 1)) * rowBytes;
		uint8_t *target =
		    pixels.data() + (static_cast<std::size_t>(part.texelY + row) * static_cast<std::size_t>(width_) +
				     static_cast<std::size_t>(part.texelX)) *
					4;
		std::memcpy(target, source, rowBytes);
		for (int border = 1; border <= kBorder; ++border) {
			std::memcpy(target - static_cast<std::ptrdiff_t>(border) * 4, source, 4);
			std::memcpy(target + rowBytes + static_cast<std::size_t>(border - 1) * 4, source + rowBytes - 4,
				    4);
		}
	}
}

// One part's image at (x, y, w, h) as the four corners of gs_draw_sprite's triangle strip, from `first`.
void SpritePair::quad(uint32_t first, const Part &part, float x, float y, float w, float h)
{
	gs_vb_data *data = gs_vertexbuffer_get_data(vertices_.get());
	auto *uv = static_cast<vec2 *>(data->tvarray[0].array);
	const float u0 = static_cast<float>(part.texelX) / static_cast<float>(width_);
	const float v0 = static_cast<float>(part.texelY) / static_cast<float>(height_);
	const float u1 = static_cast<float>(part.texelX + part.image->width) / static_cast<float>(width_);
	const float v1 = static_cast<float>(part.texelY + part.image->height) / static_cast<float>(height_);
	const float corners[kQuadVertices][4] = {
	    {x, y, u0, v0}, {x + w, y, u1, v0}, {x, y + h, u0, v1}, {x + w, y + h, u1, v1}};
	for (uint32_t i = 0; i < kQuadVertices; ++i) {
		vec3_set(&data->points[first + i], corners[i][0], corners[i][1], 0.0f);
		vec2_set(&uv[first + i], corners[i][2], corners[i][3]);
	}
}

void SpritePair::draw(float anchorX, float anchorY, float overScale, float opacity)
{
	const bool base = base_.shown();
	const bool over = over_.shown() && overScale > 0.0f;
	if (!texture_ || (!base && !over) || opacity <= 0.0f) {
		return;
	}
	if (!vertices_) {
		gs_vb_data *data = gs_vbdata_create();
		data->num = kStripVertices;
		data->points = static_cast<vec3 *>(bzalloc(sizeof(vec3) * data->num));
		data->num_tex = 1;
		data->tvarray = static_cast<gs_tvertarray *>(bzalloc(sizeof(gs_tvertarray)));
		data->tvarray[0].width = 2;
		data->tvarray[0].array = bzalloc(sizeof(vec2) * data->num);
		vertices_.reset(gs_vertexbuffer_create(data, GS_DYNAMIC));
		if (!vertices_) {
			return;
		}
	}
	gs_vb_data *data = gs_vertexbuffer_get_data(vertices_.get());
	auto *uv = static_cast<vec2 *>(data->tvarray[0].array);
	if (base) {
		const RasterImage &image = *base_.image;
		quad(0, base_, static_cast<float>(image.x), static_cast<float>(image.y),
		     static_cast<float>(image.width), static_cast<float>(image.height));
	}
	if (over) {
		const RasterImage &image = *over_.image;
		quad(kOverFirst, over_, anchorX + (static_cast<float>(image.x) - anchorX) * overScale,
		     anchorY + (static_cast<float>(image.y) - anchorY) * overScale,
		     static_cast<float>(image.width) * overScale, static_cast<float>(image.height) * overScale);
	}
	if (base && over) {
		data->points[kQuadVertices] = data->points[kQuadVertices - 1];
		uv[kQuadVertices] = uv[kQuadVertices - 1];
		data->points[kOverFirst - 1] = data->points[kOverFirst];
		uv[kOverFirst - 1] = uv[kOverFirst];
	}
	gs_vertexbuffer_flush(vertices_.get());
	const uint32_t first = base ? 0 : kOverFirst;
	const uint32_t count = (base && over) ? kStripVertices : kQuadVertices;
	drawTextureVertices(texture_.get(), vertices_.get(), first, count, opacity);
}

} // namespace livegifts::obs
