#include "obs/render/sprite-batch.hpp"

#include <obs.h>

#include <algorithm>
#include <cmath>

namespace livegifts::obs {
namespace {

// The atlas's largest side: every driver OBS runs on takes textures this large.
constexpr int kAtlasMaxSide = 8192;
// Attributes of the batch effect's vertices (TEXCOORD0..4, four floats each).
constexpr size_t kAttributes = 5;

gs_effect_t *ensureBatchEffect()
{
	return moduleEffect("effects/sprite-batch.effect");
}

// A premultiplied colour as the effects take it.
void premultiplied(const Rgba &c, float *out)
{
	const float a = static_cast<float>(c.a) / 255.0f;
	out[0] = static_cast<float>(c.r) / 255.0f * a;
	out[1] = static_cast<float>(c.g) / 255.0f * a;
	out[2] = static_cast<float>(c.b) / 255.0f * a;
	out[3] = a;
}

void setFour(float *out, float a, float b, float c, float d)
{
	out[0] = a;
	out[1] = b;
	out[2] = c;
	out[3] = d;
}

} // namespace

bool SpriteAtlas::update(const std::vector<const SpriteLayer *> &layers)
{
	std::vector<Seen> &now = scratch_; // kept between calls: no allocation a frame
	now.clear();
	int cellW = 1;
	int cellH = 1;
	for (const SpriteLayer *layer : layers) {
		now.push_back(Seen{layer, layer->uploadId()});
		if (layer->texture() && layer->width() > 0 && layer->height() > 0) {
			cellW = std::max(cellW, layer->width());
			cellH = std::max(cellH, layer->height());
		}
	}
	if (now == seen_ && !seen_.empty()) {
		return ok_;
	}
	const int count = std::max<int>(1, static_cast<int>(layers.size()));
	const int perColumn = std::max(1, kAtlasMaxSide / cellH);
	const int columns = (count + perColumn - 1) / perColumn;
	const int needW = columns * cellW;
	const int needH = std::min(count, perColumn) * cellH;
	seen_.swap(now);
	ok_ = false;
	++builds_;
	if (needW > kAtlasMaxSide || needH > kAtlasMaxSide) {
		return false;
	}
	// Every layer is copied again (a copy on the GPU: cheap next to a draw call); the texture is kept while
	// it is large enough.
	if (!texture_ || width_ < needW || height_ < needH) {
		texture_.reset(gs_texture_create(static_cast<uint32_t>(needW), static_cast<uint32_t>(needH), GS_RGBA, 1,
						 nullptr, 0));
		width_ = texture_ ? needW : 0;
		height_ = texture_ ? needH : 0;
	}
	if (!texture_) {
		return false;
	}
	const int rowsFit = std::max(1, height_ / cellH);
	cells_.assign(layers.size(), Cell{});
	for (size_t i = 0; i < layers.size(); ++i) {
		const SpriteLayer &layer = *layers[i];
		Cell &cell = cells_[i];
		const int slot = static_cast<int>(i);
		cell.x = (slot / rowsFit) * cellW;
		cell.y = (slot % rowsFit) * cellH;
		if (cell.x + cellW > width_) {
			return false;
		}
		if (!layer.texture() || layer.width() <= 0 || layer.height() <= 0) {
			continue;
		}
		cell.width = layer.width();
		cell.height = layer.height();
		cell.offsetX = layer.x();
		cell.offsetY = layer.y();
		cell.cover = layer.cover();
		gs_copy_texture_region(texture_.get(), static_cast<uint32_t>(cell.x), static_cast<uint32_t>(cell.y),
				       layer.texture(), 0, 0, static_cast<uint32_t>(cell.width),
				       static_cast<uint32_t>(cell.height));
	}
	ok_ = true;
	return true;
}

template <typename Corner>
void QuadBatch::quad(float x, float y, float w, float h, Corner &&corner)
{
	for (const auto &c : kQuadCorners) {
		Vertex vertex;
		vertex.x = x + (c[0] != 0 ? w : 0.0f);
		vertex.y = y + (c[1] != 0 ? h : 0.0f);
		corner(vertex, static_cast<float>(c[0]), static_cast<float>(c[1]));
		vertices_.push_back(vertex);
	}
}

void QuadBatch::sprite(const SpriteAtlas &atlas, size_t index, float dx, float dy, float opacity)
{
	const SpriteAtlas::Cell &cell = atlas.cell(index);
	spriteQuads(TexelBox{cell.x, cell.y, cell.width, cell.height}, atlas.width(), atlas.height(),
		    static_cast<float>(cell.offsetX) + dx, static_cast<float>(cell.offsetY) + dy, cell.cover, opacity,
		    1.0f);
}

void QuadBatch::layer(const SpriteLayer &layer, float dx, float dy, float opacity)
{
	if (!layer.texture()) {
		return;
	}
	spriteQuads(TexelBox{0, 0, layer.width(), layer.height()}, layer.width(), layer.height(),
		    static_cast<float>(layer.x()) + dx, static_cast<float>(layer.y()) + dy, layer.cover(), opacity,
		    1.0f);
}

void QuadBatch::spriteQuads(const TexelBox &cell, int textureW, int textureH, float left, float top,
			    const std::vector<CoverRect> &cover, float opacity, float scale)
{
	if (cell.width <= 0 || cell.height <= 0 || opacity <= 0.0f || textureW <= 0 || textureH <= 0) {
		return;
	}
	const auto aw = static_cast<float>(textureW);
	const auto ah = static_cast<float>(textureH);
	const float u0 = static_cast<float>(cell.x) / aw;
	const float v0 = static_cast<float>(cell.y) / ah;
	const float u1 = static_cast<float>(cell.x + cell.width) / aw;
	const float v1 = static_cast<float>(cell.y + cell.height) / ah;
	const auto w = static_cast<float>(cell.width);
	const auto h = static_cast<float>(cell.height);
	opacity = std::min(opacity, 1.0f);
	// A texture of its own is sampled clamped at its edges: the sample stays within the cell's texel centres.
	const float clampU0 = (static_cast<float>(cell.x) + 0.5f) / aw;
	const float clampV0 = (static_cast<float>(cell.y) + 0.5f) / ah;
	const float clampU1 = (static_cast<float>(cell.x + cell.width) - 0.5f) / aw;
	const float clampV1 = (static_cast<float>(cell.y + cell.height) - 0.5f) / ah;
	const auto part = [&](float x0, float y0, float x1, float y1) {
		// Texel rectangle (x0, y0)-(x1, y1) of the cell, as the same part of the whole sprite's quad.
		quad(left + x0 * scale, top + y0 * scale, (x1 - x0) * scale, (y1 - y0) * scale,
		     [&](Vertex &vertex, float cx, float cy) {
			     const float tx = x0 + (x1 - x0) * cx;
			     const float ty = y0 + (y1 - y0) * cy;
			     setFour(vertex.attributes[0], u0 + (u1 - u0) * tx / w, v0 + (v1 - v0) * ty / h, 0.0f,
				     0.0f);
			     setFour(vertex.attributes[1], clampU0, clampV0, clampU1, clampV1);
			     setFour(vertex.attributes[2], 0.0f, 0.0f, 0.0f, 2.0f);
			     setFour(vertex.attributes[3], opacity, 0.0f, 0.0f, 0.0f);
		     });
	};
	forEachCoverRect(cover, cell.width, cell.height, [&](const CoverRect &rect) {
		part(static_cast<float>(rect.x), static_cast<float>(rect.y), static_cast<float>(rect.x + rect.width),
		     static_cast<float>(rect.y + rect.height));
	});
}

void QuadBatch::bar(float x, float y, float w, float h, float ox, float oy, float fillW, float fillH, float trackW,
		    float trackH, bool vertical, const BarStyle &style)
{
	if (w < 1.0f || h < 1.0f) {
		return;
	}
	float start[4];
	float end[4];
	premultiplied(style.start, start);
	premultiplied(style.end, end);
	// gs_draw_sprite draws whole pixels; the effect spreads (w, h) over them.
	quad(x, y, std::floor(w + 0.5f), std::floor(h + 0.5f), [&](Vertex &vertex, float cx, float cy) {
		setFour(vertex.attributes[0], 0.0f, 0.0f, w * cx, h * cy);
		setFour(vertex.attributes[1], ox, oy, trackW, trackH);
		setFour(vertex.attributes[2], fillW, fillH, style.radius, vertical ? 1.0f : 0.0f);
		std::copy(start, start + 4, vertex.attributes[3]);
		std::copy(end, end + 4, vertex.attributes[4]);
	});
}

void QuadBatch::track(float x, float y, float w, float h, const BarStyle &style)
{
	bar(x, y, w, h, 0.0f, 0.0f, w, h, w, h, false, style);
}

void QuadBatch::fill(float x, float y, float w, float h, float fraction, bool vertical, const BarStyle &style)
{
	if (const auto q = view::fillQuadOf(x, y, w, h, fraction, vertical)) {
		bar(q->x, q->y, q->w, q->h, q->originX, q->originY, q->fillW, q->fillH, w, h, vertical, style);
	}
}

void QuadBatch::boxes(std::span<const view::PlateBox> boxes, float opacity)
{
	for (const view::PlateBox &box : boxes) {
		BarStyle style;
		style.radius = box.radius;
		style.start = view::faded(box.start, opacity);
		style.end = view::faded(box.end, opacity);
		if (box.w > 0.0f && box.h > 0.0f && (style.start.a > 0 || style.end.a > 0)) {
			track(box.x, box.y, box.w, box.h, style);
		}
	}
}

bool QuadBatch::draw(gs_texture_t *atlas)
{
	gs_effect_t *effect = ensureBatchEffect();
	if (!effect) {
		return false;
	}
	if (vertices_.empty()) {
		return true;
	}
	if (!buffer_ || capacity_ < vertices_.size()) {
		buffer_ = makeVertexBuffer(vertices_.size(), 96, kAttributes, 4, capacity_);
		uploaded_.clear();
		if (!buffer_) {
			return false;
		}
	}
	if (vertices_ != uploaded_) {
		gs_vb_data *data = gs_vertexbuffer_get_data(buffer_.get());
		for (size_t i = 0; i < vertices_.size(); ++i) {
			const Vertex &vertex = vertices_[i];
			vec3_set(&data->points[i], vertex.x, vertex.y, 0.0f);
			for (size_t k = 0; k < kAttributes; ++k) {
				const float *a = vertex.attributes[k];
				vec4_set(&static_cast<vec4 *>(data->tvarray[k].array)[i], a[0], a[1], a[2], a[3]);
			}
		}
		gs_vertexbuffer_flush(buffer_.get());
		noteVertexWrite();
		uploaded_ = vertices_;
		++uploads_;
	}
	gs_effect_set_texture(gs_effect_get_param_by_name(effect, "image"), atlas ? atlas : blankTexture());
	gs_load_vertexbuffer(buffer_.get());
	gs_load_indexbuffer(nullptr);
	while (gs_effect_loop(effect, "Draw")) {
		noteDrawCall();
		gs_draw(GS_TRIS, 0, static_cast<uint32_t>(vertices_.size()));
	}
	gs_load_vertexbuffer(nullptr);
	return true;
}

} // namespace livegifts::obs
