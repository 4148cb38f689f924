#pragma once

// A gift alert card's pixels in one image, made on the raster worker: background tinted by the tier,
// accent line, ringed round avatar, the gift's picture or its emoji, the text lines. (The combo count is
// a sprite of its own: it pulses.)

#include "obs/render/raster.hpp"

#include "connect/image-fetcher.hpp"
#include "view/alert-card.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace livegifts::obs {

// Everything a card's pixels depend on.
struct CardJob {
	view::AlertStyle style;
	view::CardLayout layout;
	std::vector<TextItem> texts;
	int tier = 0;
	std::string name; // for the initials while there is no avatar
	Rgba disc;        // the initials' disc colour
	std::shared_ptr<const connect::ImagePixels> avatar;
	std::shared_ptr<const connect::ImagePixels> gift;
	std::string emoji;   // drawn when there is no gift picture
	view::Accent accent; // the look's (a kind's, a gift rule's or the tier's)
};

// The card of `content` as Gift Alerts paints it, laid out by `layout` with its text lines `texts`, with the
// pictures as far as they have arrived (null: the initials' disc, the gift's emoji).
CardJob cardJobOf(const view::AlertStyle &style, const view::CardLayout &layout, std::vector<TextItem> texts,
		  const view::CardContent &content, std::shared_ptr<const connect::ImagePixels> avatar,
		  std::shared_ptr<const connect::ImagePixels> gift);

// Painting thread. A card's text is painted last, over the plate, the avatar and the gift's picture: the thread
// keeps its last card as it was before its text, and a card that differs from it only in its text (the next
// step of a streak: its count and coins grow) starts from those pixels instead of painting them again. The
// pixels are the same either way.
std::shared_ptr<const RasterImage> composeCard(const CardJob &job);
// Times composeCard started from the kept pixels on this thread (tests).
uint64_t cardsFromKeptPlate();
// Lets go of this thread's kept card (a quiet spell: RasterWorker, with the scratch canvases).
void releaseKeptCard();

} // namespace livegifts::obs
