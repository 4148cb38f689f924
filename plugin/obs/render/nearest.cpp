#include "obs/render/nearest.hpp"

#include "view/pixel-grid.hpp"

#include <graphics/matrix4.h>
#include <obs.h>

#include <atomic>
#include <memory>

namespace livegifts::obs {

namespace {

struct SamplerDeleter {
	void operator()(gs_samplerstate_t *sampler) const
	{
		obs_enter_graphics();
		gs_samplerstate_destroy(sampler);
		obs_leave_graphics();
	}
};

// Graphics thread only, as the draws that use them.
std::unique_ptr<gs_samplerstate_t, SamplerDeleter> pointSampler;
bool pointSamplerFailed = false;
int renderingWidth = 0; // RenderingSource
int renderingHeight = 0;
uint64_t exactDraws = 0;

std::atomic<bool> nearestOn{true}; // a test procedure's thread writes, the graphics thread reads

gs_samplerstate_t *nearestSampler()
{
	if (!pointSampler && !pointSamplerFailed) {
		gs_sampler_info info = {};
		info.filter = GS_FILTER_POINT;
		info.address_u = GS_ADDRESS_CLAMP;
		info.address_v = GS_ADDRESS_CLAMP;
		info.address_w = GS_ADDRESS_CLAMP;
		info.max_anisotropy = 1;
		pointSampler.reset(gs_samplerstate_create(&info));
		pointSamplerFailed = !pointSampler;
	}
	return pointSampler.get();
}

} // namespace

RenderingSource::RenderingSource(uint32_t width, uint32_t height) : width_(renderingWidth), height_(renderingHeight)
{
	renderingWidth = static_cast<int>(width);
	renderingHeight = static_cast<int>(height);
}

RenderingSource::~RenderingSource()
{
	renderingWidth = width_;
	renderingHeight = height_;
}

bool texelsOnPixelsHere(float x, float y)
{
	if (!nearestOn.load(std::memory_order_relaxed)) {
		return false;
	}
	view::DrawPlacement placement;
	if (gs_texture_t *target = gs_get_render_target()) {
		placement.targetWidth = static_cast<int>(gs_texture_get_width(target));
		placement.targetHeight = static_cast<int>(gs_texture_get_height(target));
	}
	gs_rect viewport = {};
	gs_get_viewport(&viewport);
	placement.viewportX = viewport.x;
	placement.viewportY = viewport.y;
	placement.viewportWidth = viewport.cx;
	placement.viewportHeight = viewport.cy;
	obs_video_info video = {};
	if (obs_get_video_info(&video)) {
		placement.canvasWidth = static_cast<int>(video.base_width);
		placement.canvasHeight = static_cast<int>(video.base_height);
	}
	placement.sourceWidth = renderingWidth;
	placement.sourceHeight = renderingHeight;
	matrix4 world;
	gs_matrix_get(&world);
	const vec4 *rows[] = {&world.x, &world.y, &world.z, &world.t};
	for (int row = 0; row < 4; ++row) {
		for (int column = 0; column < 4; ++column) {
			placement.world[static_cast<std::size_t>(row * 4 + column)] = rows[row]->ptr[column];
		}
	}
	return view::texelsOnPixels(placement, x, y);
}

void sampleNearestNext(gs_effect_t *effect)
{
	gs_samplerstate_t *sampler = nearestSampler();
	gs_eparam_t *image = gs_effect_get_param_by_name(effect, "image");
	if (sampler && image) {
		gs_effect_set_next_sampler(image, sampler);
		++exactDraws;
	}
}

uint64_t exactDrawsSoFar()
{
	return exactDraws;
}

void setNearestSampling(bool on)
{
	nearestOn.store(on, std::memory_order_relaxed);
}

void releaseNearestSampler()
{
	pointSampler.reset();
	pointSamplerFailed = false;
}

} // namespace livegifts::obs
