#pragma once

// A Top Supporters row's pixels in one image (row coordinates), made on the raster worker: panel, bar
// track, round avatar, rank, name and coins. Only the bar's fill is drawn on top by the GPU, as it eases.

#include "obs/render/raster.hpp"

#include "connect/image-fetcher.hpp"
#include "view/top-supporters.hpp"

#include <memory>

namespace livegifts::obs {

// `avatar` null: initials on a disc of colour `disc`.
std::shared_ptr<const RasterImage> composeRow(const view::TopStyle &style, const view::RowLayout &layout,
					      const view::RowContent &content,
					      const std::shared_ptr<const connect::ImagePixels> &avatar, Rgba disc);

} // namespace livegifts::obs
