#include "obs/render/gpu.hpp"

#include "obs/plugin-support.hpp"

#include <obs-module.h>
#include <obs.h>
#include <util/bmem.h>

#include <algorithm>

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

void EffectDeleter::operator()(gs_effect_t *effect) const
{
	obs_enter_graphics();
	gs_effect_destroy(effect);
	obs_leave_graphics();
}

SpriteLayer::~SpriteLayer() = default;

bool SpriteLayer::sync()
{
	const uint64_t version = slot_->imageVersion();
	if (version != uploadedVersion_) {
		const auto image = slot_->image();
		uploadedVersion_ = version;
		if (!image || image->empty()) {
			width_ = height_ = 0;
			++uploads_;
		} else {
			const auto w = static_cast<uint32_t>(image->width);
			const auto h = static_cast<uint32_t>(image->height);
			if (texture_ && gs_texture_get_width(texture_.get()) == w &&
			    gs_texture_get_height(texture_.get()) == h) {
				gs_texture_set_image(texture_.get(), image->rgba.data(), w * 4, false);
			} else {
				const uint8_t *planes[] = {image->rgba.data()};
				texture_.reset(gs_texture_create(w, h, GS_RGBA, 1, planes, GS_DYNAMIC));
			}
			++uploads_;
			x_ = image->x;
			y_ = image->y;
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

// Our effects, created on first use and freed by releaseEffects(); graphics thread only.
struct ModuleEffects {
	EffectPtr bar;
	EffectPtr sprite;
	bool failed = false;
};
ModuleEffects effects;

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
		gs_draw_sprite(nullptr, 0, static_cast<uint32_t>(w + 0.5f), static_cast<uint32_t>(h + 0.5f));
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
	fraction = std::clamp(fraction, 0.0f, 1.0f);
	if (fraction <= 0.0f) {
		return;
	}
	if (vertical) {
		const float fillH = std::max(h * fraction, std::min(w, h));
		const float quadH = h * fraction;
		drawBarQuad(x, y + h - quadH, w, quadH, 0.0f, h - quadH, w, fillH, w, h, true, style);
	} else {
		const float fillW = std::max(w * fraction, std::min(w, h));
		const float quadW = w * fraction;
		drawBarQuad(x, y, quadW, h, 0.0f, 0.0f, fillW, h, w, h, false, style);
	}
}

void drawTexture(gs_texture_t *texture, float x, float y, float w, float h, float opacity, bool circle)
{
	if (!texture || !ensureEffects() || opacity <= 0.0f) {
		return;
	}
	gs_effect_t *effect = effects.sprite.get();
	gs_effect_set_texture(gs_effect_get_param_by_name(effect, "image"), texture);
	gs_effect_set_float(gs_effect_get_param_by_name(effect, "opacity"), std::min(opacity, 1.0f));
	gs_effect_set_float(gs_effect_get_param_by_name(effect, "circle"), circle ? 1.0f : 0.0f);
	setVec2(effect, "size", w, h);
	gs_matrix_push();
	gs_matrix_translate3f(x, y, 0.0f);
	while (gs_effect_loop(effect, "Draw")) {
		gs_draw_sprite(texture, 0, static_cast<uint32_t>(w + 0.5f), static_cast<uint32_t>(h + 0.5f));
	}
	gs_matrix_pop();
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
	key_ = key;
	valid_ = true;
	++renders_;
}

void DrawCache::drawCached() const
{
	drawTexture(gs_texrender_get_texture(texrender_.get()), 0.0f, 0.0f, static_cast<float>(width_),
		    static_cast<float>(height_), 1.0f, false);
}

void releaseEffects()
{
	effects.bar.reset();
	effects.sprite.reset();
	effects.failed = false;
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
