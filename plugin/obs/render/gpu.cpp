#include "obs/render/gpu.hpp"

#include "obs/plugin-support.hpp"
#include "obs/render/nearest.hpp"

#include <obs-module.h>
#include <obs.h>
#include <util/bmem.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <string>
#include <vector>

namespace livegifts::obs {

void TextureDeleter::operator()(gs_texture_t *texture) const
{
	obs_enter_graphics();
	gs_texture_destroy(texture);
	obs_leave_graphics();
}

void TexrenderDeleter::operator()(gs_texrender_t *texrender) const
{
	obs_enter_graphics();
	gs_texrender_destroy(texrender);
	obs_leave_graphics();
}

void VertexBufferDeleter::operator()(gs_vertbuffer_t *buffer) const
{
	obs_enter_graphics();
	gs_vertexbuffer_destroy(buffer);
	obs_leave_graphics();
}

void EffectDeleter::operator()(gs_effect_t *effect) const
{
	obs_enter_graphics();
	gs_effect_destroy(effect);
	obs_leave_graphics();
}

namespace {

std::atomic<uint64_t> lastUploadId{0}; // SpriteLayer::uploadId() of the newest upload (any render thread)

} // namespace

SpriteLayer::~SpriteLayer() = default;

bool SpriteLayer::sync()
{
	const uint64_t version = slot_->imageVersion();
	if (version != uploadedVersion_) {
		const auto image = slot_->image();
		uploadedVersion_ = version;
		if (!image || image->empty()) {
			width_ = height_ = 0;
			cover_.clear();
			++uploads_;
			uploadId_ = lastUploadId.fetch_add(1) + 1;
		} else {
			const auto w = static_cast<uint32_t>(image->width);
			const auto h = static_cast<uint32_t>(image->height);
			// A new static texture for every new image: a dynamic one would keep a pixel buffer of the
			// same size beside it for updates (twice the memory), and filling it copies the pixels twice.
			const uint8_t *planes[] = {image->rgba.data()};
			texture_.reset(gs_texture_create(w, h, GS_RGBA, 1, planes, 0));
			++uploads_;
			uploadId_ = lastUploadId.fetch_add(1) + 1;
			x_ = image->x;
			y_ = image->y;
			cover_ = image->cover;
			width_ = texture_ ? image->width : 0;
			height_ = texture_ ? image->height : 0;
		}
	}
	return texture_ && width_ > 0 && height_ > 0;
}

void SpriteLayer::draw(float dx, float dy, float opacity, bool circle) const
{
	if (!texture_ || width_ <= 0 || height_ <= 0 || opacity <= 0.0f) {
		return;
	}
	drawTexture(texture_.get(), static_cast<float>(x_) + dx, static_cast<float>(y_) + dy,
		    static_cast<float>(width_), static_cast<float>(height_), opacity, circle);
}

void SpriteLayer::drawBox(float cx, float cy, float w, float h, float angle, bool circle) const
{
	if (!texture_ || width_ <= 0 || height_ <= 0) {
		return;
	}
	gs_matrix_push();
	gs_matrix_translate3f(cx, cy, 0.0f);
	if (angle != 0.0f) {
		gs_matrix_rotaa4f(0.0f, 0.0f, 1.0f, angle);
	}
	drawTexture(texture_.get(), -w / 2.0f, -h / 2.0f, w, h, 1.0f, circle);
	gs_matrix_pop();
}

namespace {

uint64_t drawCalls = 0;    // graphics thread only: every quad this module drew
uint64_t vertexWrites = 0; // graphics thread only: every vertex buffer this module wrote and flushed

struct NamedEffect {
	std::string file;
	EffectPtr effect;
};

// Our effects and the unit quad, created on first use and freed by releaseEffects(); graphics thread only.
struct ModuleEffects {
	EffectPtr bar;
	EffectPtr sprite;
	VertexBufferPtr unitQuad;
	TexturePtr blank;
	bool failed = false;
	std::vector<NamedEffect> named; // moduleEffect(): a failed load is kept as a null effect
};
ModuleEffects effects;

// A static quad from (0, 0) to (1, 1) with the same texture coordinates, scaled to each draw by the matrix:
// OBS's gs_draw_sprite rewrites and re-uploads its shared vertex buffer for every quad (a buffer map and copy
// per draw call on the graphics thread); this one is uploaded once.
gs_vertbuffer_t *unitQuad()
{
	if (!effects.unitQuad) {
		gs_vb_data *data = gs_vbdata_create();
		data->num = 4;
		data->points = static_cast<vec3 *>(bmalloc(sizeof(vec3) * 4));
		data->num_tex = 1;
		data->tvarray = static_cast<gs_tvertarray *>(bzalloc(sizeof(gs_tvertarray)));
		data->tvarray[0].width = 2;
		data->tvarray[0].array = bmalloc(sizeof(vec2) * 4);
		auto *uv = static_cast<vec2 *>(data->tvarray[0].array);
		const float corners[4][2] = {{0.0f, 0.0f}, {1.0f, 0.0f}, {0.0f, 1.0f}, {1.0f, 1.0f}};
		for (int i = 0; i < 4; ++i) {
			vec3_set(&data->points[i], corners[i][0], corners[i][1], 0.0f);
			vec2_set(&uv[i], corners[i][0], corners[i][1]);
		}
		effects.unitQuad.reset(gs_vertexbuffer_create(data, 0)); // owns data from here
	}
	return effects.unitQuad.get();
}

} // namespace

gs_texture_t *blankTexture()
{
	if (!effects.blank) {
		constexpr uint32_t kSide = 3; // not a power of two, as the textures the batch draws mostly are not
		const uint8_t texels[kSide * kSide * 4] = {};
		const uint8_t *planes[] = {texels};
		effects.blank.reset(gs_texture_create(kSide, kSide, GS_RGBA, 1, planes, 0));
	}
	return effects.blank.get();
}

namespace {

gs_effect_t *loadEffect(const char *file)
{
	char *path = obs_module_file(file);
	char *errors = nullptr;
	gs_effect_t *created = path ? gs_effect_create_from_file(path, &errors) : nullptr;
	if (!created) {
		LG_LOG(LOG_ERROR, "cannot load %s: %s", file, errors ? errors : "file not found");
	}
	bfree(errors);
	bfree(path);
	return created;
}

bool ensureEffects()
{
	if (!effects.failed && (!effects.bar || !effects.sprite)) {
		effects.bar.reset(loadEffect("effects/rounded-bar.effect"));
		effects.sprite.reset(loadEffect("effects/sprite.effect"));
		effects.failed = !effects.bar || !effects.sprite;
	}
	return !effects.failed;
}

void setColor(gs_effect_t *effect, const char *name, const Rgba &c)
{
	const float a = static_cast<float>(c.a) / 255.0f;
	vec4 v;
	vec4_set(&v, static_cast<float>(c.r) / 255.0f * a, static_cast<float>(c.g) / 255.0f * a,
		 static_cast<float>(c.b) / 255.0f * a, a);
	gs_effect_set_vec4(gs_effect_get_param_by_name(effect, name), &v);
}

void setVec2(gs_effect_t *effect, const char *name, float x, float y)
{
	vec2 v;
	vec2_set(&v, x, y);
	gs_effect_set_vec2(gs_effect_get_param_by_name(effect, name), &v);
}

void drawBarQuad(float x, float y, float w, float h, float ox, float oy, float fillW, float fillH, float trackW,
		 float trackH, bool vertical, const BarStyle &style)
{
	if (!ensureEffects() || w < 1.0f || h < 1.0f) {
		return;
	}
	gs_effect_t *effect = effects.bar.get();
	setVec2(effect, "quad_size", w, h);
	setVec2(effect, "track_size", trackW, trackH);
	setVec2(effect, "fill_size", fillW, fillH);
	setVec2(effect, "origin", ox, oy);
	gs_effect_set_float(gs_effect_get_param_by_name(effect, "radius"), style.radius);
	gs_effect_set_float(gs_effect_get_param_by_name(effect, "vertical"), vertical ? 1.0f : 0.0f);
	setColor(effect, "color_start", style.start);
	setColor(effect, "color_end", style.end);
	gs_matrix_push();
	gs_matrix_translate3f(x, y, 0.0f);
	while (gs_effect_loop(effect, "Draw")) {
		drawQuad(w, h);
	}
	gs_matrix_pop();
}

} // namespace

void BarPainter::drawTrack(float x, float y, float w, float h, const BarStyle &style)
{
	drawBarQuad(x, y, w, h, 0.0f, 0.0f, w, h, w, h, false, style);
}

void BarPainter::drawFill(float x, float y, float w, float h, float fraction, bool vertical, const BarStyle &style)
{
	if (const auto q = view::fillQuadOf(x, y, w, h, fraction, vertical)) {
		drawBarQuad(q->x, q->y, q->w, q->h, q->originX, q->originY, q->fillW, q->fillH, w, h, vertical, style);
	}
}

namespace {

// data/effects/sprite.effect with its parameters set for one texture (ensureEffects() must have succeeded).
// Its "Draw" technique samples and scales by the opacity; "DrawCircle" masks as well, to the circle inscribed
// in (w, h). nearest: the next draw samples the nearest texel (its texels lie on pixels: nearest.hpp).
gs_effect_t *spriteEffect(gs_texture_t *texture, float opacity, float w, float h, bool nearest)
{
	gs_effect_t *effect = effects.sprite.get();
	gs_effect_set_texture(gs_effect_get_param_by_name(effect, "image"), texture);
	if (nearest) {
		sampleNearestNext(effect);
	}
	gs_effect_set_float(gs_effect_get_param_by_name(effect, "opacity"), std::min(opacity, 1.0f));
	setVec2(effect, "size", w, h);
	return effect;
}

// The effect whose "Draw" technique draws `texture` at `opacity`. Fully opaque, that is OBS's own default
// effect: its "Draw" only samples, as sprite.effect's does then, with the same sampler, and OBS has its program in
// use already (every image source and the preview draw through it), so the driver does not keep a second copy of
// the same program for us (with Mesa's llvmpipe, its compiled code and state). Otherwise sprite.effect, which
// scales by the opacity. OBS's effect keeps no texture of ours after the draw: libobs clears an effect's
// parameter values when its technique ends.
gs_effect_t *plainEffect(gs_texture_t *texture, float opacity, bool nearest)
{
	gs_effect_t *shared = opacity >= 1.0f ? obs_get_base_effect(OBS_EFFECT_DEFAULT) : nullptr;
	if (!shared) {
		return spriteEffect(texture, opacity, 1.0f, 1.0f, nearest);
	}
	gs_effect_set_texture(gs_effect_get_param_by_name(shared, "image"), texture);
	if (nearest) {
		sampleNearestNext(shared);
	}
	return shared;
}

} // namespace

void drawTexture(gs_texture_t *texture, float x, float y, float w, float h, float opacity, bool circle)
{
	if (!texture || !ensureEffects() || opacity <= 0.0f) {
		return;
	}
	const bool nearest = static_cast<float>(gs_texture_get_width(texture)) == w &&
			     static_cast<float>(gs_texture_get_height(texture)) == h && texelsOnPixelsHere(x, y);
	gs_effect_t *effect =
	    circle ? spriteEffect(texture, opacity, w, h, nearest) : plainEffect(texture, opacity, nearest);
	gs_matrix_push();
	gs_matrix_translate3f(x, y, 0.0f);
	while (gs_effect_loop(effect, circle ? "DrawCircle" : "Draw")) {
		drawQuad(w, h);
	}
	gs_matrix_pop();
}

void drawTextureVertices(gs_texture_t *texture, gs_vertbuffer_t *vertices, uint32_t first, uint32_t count,
			 float opacity, bool nearest)
{
	if (!texture || !vertices || count == 0 || !ensureEffects() || opacity <= 0.0f) {
		return;
	}
	gs_effect_t *effect = plainEffect(texture, opacity, nearest);
	gs_load_vertexbuffer(vertices);
	gs_load_indexbuffer(nullptr);
	while (gs_effect_loop(effect, "Draw")) {
		++drawCalls;
		gs_draw(GS_TRIS, first, count);
	}
}

bool DrawCache::begin(int width, int height)
{
	valid_ = false;
	if (!texrender_) {
		texrender_.reset(gs_texrender_create(GS_RGBA, GS_ZS_NONE));
	}
	if (!texrender_) {
		return false;
	}
	gs_texrender_reset(texrender_.get());
	if (!gs_texrender_begin(texrender_.get(), static_cast<uint32_t>(width), static_cast<uint32_t>(height))) {
		return false;
	}
	vec4 clear;
	vec4_zero(&clear);
	gs_clear(GS_CLEAR_COLOR, &clear, 0.0f, 0);
	gs_ortho(0.0f, static_cast<float>(width), 0.0f, static_cast<float>(height), -100.0f, 100.0f);
	width_ = width;
	height_ = height;
	return true;
}

void DrawCache::end(const view::DrawKey &key)
{
	gs_texrender_end(texrender_.get());
	gs_texture_t *target = gs_texrender_get_texture(texrender_.get());
	const auto w = static_cast<uint32_t>(width_);
	const auto h = static_cast<uint32_t>(height_);
	if (copy_ && (gs_texture_get_width(copy_.get()) != w || gs_texture_get_height(copy_.get()) != h)) {
		copy_.reset();
	}
	if (!copy_ && target) {
		copy_.reset(gs_texture_create(w, h, gs_texture_get_color_format(target), 1, nullptr, 0));
	}
	if (copy_ && target) {
		gs_copy_texture(copy_.get(), target);
		texrender_.reset(); // made again for the next change: while still, the cache holds one texture
	}
	key_ = key;
	valid_ = true;
	++renders_;
}

void DrawCache::drawCached()
{
	gs_texture_t *texture = copy_ ? copy_.get() : gs_texrender_get_texture(texrender_.get());
	if (!texture || !ensureEffects()) {
		return;
	}
	const auto w = static_cast<float>(width_);
	const auto h = static_cast<float>(height_);
	// The texture is (w, h) and drawn at the source's origin, one unit per texel.
	gs_effect_t *effect = plainEffect(texture, 1.0f, texelsOnPixelsHere(0.0f, 0.0f));
	while (gs_effect_loop(effect, "Draw")) {
		regionBuffer_.draw(region_, w, h);
	}
}

VertexBufferPtr makeVertexBuffer(size_t needed, size_t first, size_t arrays, uint32_t width, size_t &capacity)
{
	capacity = std::max<size_t>(first, 1);
	while (capacity < needed) {
		capacity *= 2;
	}
	gs_vb_data *data = gs_vbdata_create();
	data->num = capacity;
	data->points = static_cast<vec3 *>(bzalloc(sizeof(vec3) * capacity));
	data->num_tex = arrays;
	data->tvarray = static_cast<gs_tvertarray *>(bzalloc(sizeof(gs_tvertarray) * arrays));
	for (size_t i = 0; i < arrays; ++i) {
		data->tvarray[i].width = width;
		data->tvarray[i].array = bzalloc(sizeof(float) * width * capacity);
	}
	VertexBufferPtr buffer(gs_vertexbuffer_create(data, GS_DYNAMIC)); // owns data from here
	if (!buffer) {
		capacity = 0;
	}
	return buffer;
}

void RegionBuffer::draw(const std::vector<CoverRect> &rects, float width, float height)
{
	if (rects.empty()) {
		drawQuad(width, height);
		return;
	}
	// Whole pixels, as drawQuad sizes its quad.
	const float w = std::floor(width + 0.5f);
	const float h = std::floor(height + 0.5f);
	const size_t count = rects.size() * 6;
	if (!buffer_ || capacity_ < count) {
		buffer_ = makeVertexBuffer(count, 24, 1, 2, capacity_);
		rects_.clear();
		if (!buffer_) {
			return;
		}
	}
	if (rects != rects_ || w != width_ || h != height_) {
		gs_vb_data *data = gs_vertexbuffer_get_data(buffer_.get());
		auto *uv = static_cast<vec2 *>(data->tvarray[0].array);
		size_t i = 0;
		for (const CoverRect &rect : rects) {
			const auto x0 = static_cast<float>(rect.x);
			const auto y0 = static_cast<float>(rect.y);
			const auto x1 = static_cast<float>(rect.x + rect.width);
			const auto y1 = static_cast<float>(rect.y + rect.height);
			for (const auto &c : kQuadCorners) {
				const float x = c[0] != 0 ? x1 : x0;
				const float y = c[1] != 0 ? y1 : y0;
				vec3_set(&data->points[i], x, y, 0.0f);
				vec2_set(&uv[i], x / w, y / h);
				++i;
			}
		}
		gs_vertexbuffer_flush(buffer_.get());
		noteVertexWrite();
		rects_ = rects;
		width_ = w;
		height_ = h;
	}
	++drawCalls;
	gs_load_vertexbuffer(buffer_.get());
	gs_load_indexbuffer(nullptr);
	gs_draw(GS_TRIS, 0, static_cast<uint32_t>(count));
}

void drawQuad(float w, float h)
{
	gs_vertbuffer_t *quad = unitQuad();
	if (!quad) {
		return;
	}
	++drawCalls;
	// Whole pixels, as gs_draw_sprite sizes its quads.
	gs_matrix_push();
	gs_matrix_scale3f(std::floor(w + 0.5f), std::floor(h + 0.5f), 1.0f);
	gs_load_vertexbuffer(quad);
	gs_load_indexbuffer(nullptr);
	gs_draw(GS_TRISTRIP, 0, 0);
	gs_matrix_pop();
}

gs_effect_t *moduleEffect(const char *file)
{
	for (const NamedEffect &known : effects.named) {
		if (known.file == file) {
			return known.effect.get();
		}
	}
	effects.named.push_back({file, EffectPtr(loadEffect(file))});
	return effects.named.back().effect.get();
}

uint64_t drawCallsSoFar()
{
	return drawCalls;
}

void noteDrawCall()
{
	++drawCalls;
}

uint64_t vertexWritesSoFar()
{
	return vertexWrites;
}

void noteVertexWrite()
{
	++vertexWrites;
}

void releaseEffects()
{
	effects.bar.reset();
	effects.sprite.reset();
	effects.unitQuad.reset();
	effects.blank.reset();
	effects.named.clear();
	effects.failed = false;
	releaseNearestSampler();
}

} // namespace livegifts::obs

namespace livegifts::obs {

DrawScope::DrawScope() : previousSrgb_(gs_framebuffer_srgb_enabled())
{
	gs_enable_framebuffer_srgb(false);
	gs_blend_state_push();
	gs_blend_function(GS_BLEND_ONE, GS_BLEND_INVSRCALPHA);
}

DrawScope::~DrawScope()
{
	gs_blend_state_pop();
	gs_enable_framebuffer_srgb(previousSrgb_);
}

} // namespace livegifts::obs
