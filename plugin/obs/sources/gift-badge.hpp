#pragma once

// One gift's picture as the Coin Jar and Gift vs Gift draw it: the downloaded picture, or a gold disc with
// the gift's emoji until (or unless) it arrives (rasterizeGiftBadge), rasterised on the raster worker.
// Video thread only.

#include "obs/render/avatar.hpp"
#include "obs/render/gpu.hpp"
#include "obs/render/raster-worker.hpp"

#include <memory>
#include <string>

namespace livegifts::obs {

struct GiftBadge {
	RemotePicture picture;
	std::string name;
	std::string url; // the address followed (empty: none known)
	std::shared_ptr<RasterSlot> slot = std::make_shared<RasterSlot>();
	SpriteLayer sprite{slot};

	// Follows `pictureUrl` under the name `giftName` and posts its rasterising at `size` pixels.
	void show(const std::string &giftName, const std::string &pictureUrl, int size)
	{
		name = giftName;
		url = pictureUrl;
		picture.follow(url);
		post(size);
	}

	// Looks again while the picture loads; true when it changed (and was posted again at `size`).
	bool poll(int size)
	{
		if (picture.loading() && picture.poll()) {
			post(size);
			return true;
		}
		return false;
	}

	// Posts the badge (the picture once loaded, else the placeholder) at `size` pixels.
	void post(int size) const
	{
		RasterWorker::instance().post(slot, [pixels = picture.pixels(), giftName = name, size] {
			return rasterizeGiftBadge(pixels, giftName, size);
		});
	}
};

} // namespace livegifts::obs
