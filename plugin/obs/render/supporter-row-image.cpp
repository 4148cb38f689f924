#include "obs/render/supporter-row-image.hpp"

#include "obs/render/avatar.hpp"
#include "obs/render/compose.hpp"

namespace livegifts::obs {

std::shared_ptr<const RasterImage> composeRow(const view::TopStyle &style, const view::RowLayout &layout,
					      const view::RowContent &content,
					      const std::shared_ptr<const connect::ImagePixels> &avatar, Rgba disc)
{
	const int w = style.width;
	const int r = style.rowHeight;
	Composer composer(0, 0, w, r);
	composer.roundedRect(0.0f, 0.0f, static_cast<float>(w), static_cast<float>(r), style.radius, style.rowColor,
			     style.rowColor);
	if (style.showBars) {
		composer.roundedRect(static_cast<float>(layout.barX), static_cast<float>(layout.barY),
				     static_cast<float>(layout.barW), static_cast<float>(layout.barH),
				     static_cast<float>(layout.barH) / 2.0f, style.trackColor, style.trackColor);
	}
	if (layout.avatarSize > 0) {
		composer.image(*rasterizeAvatar(avatar, content.nickname, disc, style.font, layout.avatarX,
						layout.avatarY, layout.avatarSize),
			       true);
	}
	std::vector<view::TextItem> texts = view::rowTexts(style, layout, content);
	if (!texts.empty()) {
		view::fitAmount(texts, textWidth);
	}
	composer.image(paintText(texts, w, r));
	return composer.finish(style.rowColor.a == 0);
}

} // namespace livegifts::obs
