#include "obs/render/alert-card-image.hpp"

#include "obs/render/avatar.hpp"
#include "obs/render/compose.hpp"

#include "view/gift-emoji.hpp"
#include "view/placeholder-color.hpp"

#include <algorithm>
#include <utility>

namespace livegifts::obs {

CardJob cardJobOf(const view::AlertStyle &style, const view::CardLayout &layout, std::vector<TextItem> texts,
		  const view::CardContent &content, std::shared_ptr<const connect::ImagePixels> avatar,
		  std::shared_ptr<const connect::ImagePixels> gift)
{
	return CardJob{style,
		       layout,
		       std::move(texts),
		       content.tier,
		       content.nickname,
		       view::placeholderColor(content.userId),
		       std::move(avatar),
		       std::move(gift),
		       view::giftEmoji(content.giftName),
		       view::accentFor(style, content)};
}

std::shared_ptr<const RasterImage> composeCard(const CardJob &job)
{
	const view::AlertStyle &style = job.style;
	const view::CardLayout &layout = job.layout;
	const view::Accent &accent = job.accent;
	Composer composer(0, 0, style.width, style.height);
	for (const view::PlateBox &box : view::cardPlate(style, accent)) {
		composer.roundedRect(box.x, box.y, box.w, box.h, box.radius, box.start, box.end);
	}
	if (layout.avatarSize > 0) {
		const float ring = 4.0f;
		const auto size = static_cast<float>(layout.avatarSize);
		composer.roundedRect(static_cast<float>(layout.avatarX) - ring,
				     static_cast<float>(layout.avatarY) - ring, size + 2.0f * ring, size + 2.0f * ring,
				     size / 2.0f + ring, accent.start, accent.end);
		composer.image(*rasterizeAvatar(job.avatar, job.name, job.disc, style.font, layout.avatarX,
						layout.avatarY, layout.avatarSize),
			       true);
	}
	if (layout.giftSize > 0) {
		composer.image(
		    job.gift
			? *rasterizePicture(*job.gift, layout.giftX, layout.giftY, layout.giftSize, layout.giftSize)
			: *rasterizeGlyph(job.emoji, layout.giftX, layout.giftY, layout.giftSize, layout.giftSize));
	}
	composer.image(paintText(job.texts, style.width, style.height));
	return composer.finish(style.background.a == 0);
}

} // namespace livegifts::obs
