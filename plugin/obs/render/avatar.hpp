#pragma once

// Pictures the sources draw next to text, made on the raster worker: round avatars (the downloaded
// picture, or initials on a coloured disc while there is none), gift pictures fitted into a box, and the
// colour emoji that stands in for a gift picture. Results are premultiplied RGBA placed in source
// coordinates, like rasterizeText's.

#include "obs/render/raster.hpp"

#include "connect/image-fetcher.hpp"

#include <memory>
#include <string>

namespace livegifts::obs {

// A square of `size` at (x, y): the picture cropped to a centred square and scaled smoothly, or, without
// pixels, a disc in `disc` colour with the initials of `name` in `font`'s family. The sprite effect's
// circle mask rounds the picture when drawn.
std::shared_ptr<const RasterImage> rasterizeAvatar(const std::shared_ptr<const connect::ImagePixels> &pixels,
						   const std::string &name, Rgba disc, const FontSpec &font, int x,
						   int y, int size);

// The picture scaled to fit a box (aspect kept, centred).
std::shared_ptr<const RasterImage> rasterizePicture(const connect::ImagePixels &pixels, int x, int y, int width,
						    int height);

// A gift's picture as a square sprite of `size` at (0, 0): the downloaded picture fitted in, or, without
// pixels (not arrived yet, or none), a gold disc with the gift's emoji (view/gift-emoji.hpp) by its name.
std::shared_ptr<const RasterImage> rasterizeGiftBadge(const std::shared_ptr<const connect::ImagePixels> &pixels,
						      const std::string &name, int size);

// One emoji (or any short text) as large as fits a box, centred, with a soft shadow.
std::shared_ptr<const RasterImage> rasterizeGlyph(const std::string &glyph, int x, int y, int width, int height);

// A downloaded picture as a source follows it: looked up in the runtime's image fetcher, polled only
// while it is loading. Video thread; never waits on I/O.
class RemotePicture {
public:
	// Starts following `url` (empty: no picture); a no-op when it already follows it. `allowLocal`: the
	// address is the streamer's own and may name a file on this computer (a gift rule's picture).
	void follow(const std::string &url, bool allowLocal = false);
	// Looks again while loading; true when the state changed (Ready or Failed).
	bool poll();
	bool loading() const { return state_ == connect::ImageState::Loading; }
	// The pixels when Ready, else null (draw the placeholder).
	std::shared_ptr<const connect::ImagePixels> pixels() const
	{
		return state_ == connect::ImageState::Ready ? pixels_ : nullptr;
	}

private:
	std::string url_;
	bool allowLocal_ = false;
	connect::ImageState state_ = connect::ImageState::Failed;
	std::shared_ptr<const connect::ImagePixels> pixels_;
};

// The picture at `url` as a RemotePicture that starts following it has it at once: the pixels when `images`
// has them ready, else null (what a source paints first). Any thread; no I/O (a download is only queued).
std::shared_ptr<const connect::ImagePixels> readyPicture(connect::ImageFetcher &images, const std::string &url,
							 bool allowLocal);

// Up to two initials of a display name ("Layla Haddad" -> "LH", "ليلى" -> "ل", "🐼 panda" -> "🐼"); "?" when
// the name has nothing to show. Needs Qt (raster worker).
std::string initialsOf(const std::string &name);

} // namespace livegifts::obs
