#include "obs/render/alert-card-image.hpp"

#include "obs/render/avatar.hpp"
#include "obs/render/compose.hpp"

#include "view/gift-emoji.hpp"
#include "view/placeholder-color.hpp"

#include <algorithm>
#include <optional>
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

namespace {

// What a card's pixels under its text depend on (composeCard's first steps). The pictures are held, so an
// address compared here is never one a new picture was given after the old one went.
struct UnderText {
	int width = 0;
	int height = 0;
	Rgba background;
	float radius = 0.0f;
	FontSpec font;
	view::Accent accent;
	view::CardLayout layout;
	std::string name;
	Rgba disc;
	std::shared_ptr<const connect::ImagePixels> avatar;
	std::shared_ptr<const connect::ImagePixels> gift;
	std::string emoji;

	explicit UnderText(const CardJob &job)
	    : width(job.style.width), height(job.style.height), background(job.style.background),
	      radius(job.style.radius), font(job.style.font), accent(job.accent), layout(job.layout), name(job.name),
	      disc(job.disc), avatar(job.avatar), gift(job.gift), emoji(job.emoji)
	{
	}
	bool operator==(const UnderText &other) const
	{
		return width == other.width && height == other.height && background == other.background &&
		       radius == other.radius && font == other.font && accent == other.accent &&
		       layout == other.layout && name == other.name && disc == other.disc &&
		       avatar.get() == other.avatar.get() && gift.get() == other.gift.get() && emoji == other.emoji;
	}
};

struct KeptCard {
	UnderText under;
	QImage canvas; // on a scratch buffer, which goes back when this goes
};

thread_local std::optional<KeptCard> keptCard; // the painting thread's own
thread_local uint64_t fromKept = 0;

void paintUnderText(Composer &composer, const CardJob &job)
{
	const view::AlertStyle &style = job.style;
	const view::CardLayout &layout = job.layout;
	const view::Accent &accent = job.accent;
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
}

} // namespace

std::shared_ptr<const RasterImage> composeCard(const CardJob &job)
{
	const view::AlertStyle &style = job.style;
	UnderText under(job);
	std::optional<Composer> composer;
	if (keptCard && keptCard->under == under) {
		composer.emplace(0, 0, keptCard->canvas);
		++fromKept;
	} else {
		keptCard.reset(); // its canvas goes back to the scratch buffers first
		Composer plate(0, 0, style.width, style.height);
		paintUnderText(plate, job);
		keptCard = KeptCard{std::move(under), plate.canvas()}; // the kept canvas now owns that buffer
		composer.emplace(0, 0, keptCard->canvas);
	}
	composer->image(paintText(job.texts, style.width, style.height));
	return composer->finish(style.background.a == 0);
}

uint64_t cardsFromKeptPlate()
{
	return fromKept;
}

void releaseKeptCard()
{
	keptCard.reset();
}

} // namespace livegifts::obs
