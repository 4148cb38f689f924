// composeCard keeps its last card as it was before its text: a card that differs from it only in its text (a
// streak's next step) starts from those pixels. The result must be the card painted from nothing, byte for
// byte, and anything under the text that changed (the picture, the name, the tier's accent, the size) must
// paint it again.

#include "obs/render/alert-card-image.hpp"
#include "obs/render/raster-image.hpp"

#include "connect/image-fetcher.hpp"
#include "view/alert-card.hpp"

#include <catch2/catch.hpp>

#include <QGuiApplication>

#include <cstdint>
#include <memory>
#include <string>

using namespace livegifts;

namespace {

QGuiApplication &app()
{
	static int argc = 1;
	static char name[] = "live_gifts_paint_tests";
	static char *argv[] = {name, nullptr};
	static QGuiApplication application(argc, argv);
	return application;
}

view::AlertStyle cardStyle()
{
	view::AlertStyle style;
	style.font.family = "Noto Sans";
	style.font.pixelSize = 36;
	style.font.bold = true;
	style.background = view::Rgba{20, 20, 28, 220};
	style.textColor = view::Rgba{255, 255, 255, 255};
	style.secondaryColor = view::Rgba{255, 214, 102, 255};
	style.line1 = "{nickname}";
	style.line2 = "sent {count}× {gift}";
	style.line3 = "{coins_text}";
	style.effects.outlineWidth = 2;
	style.accents[0] = view::Accent{view::Rgba{120, 80, 255, 255}, view::Rgba{255, 80, 160, 255}};
	style.accents[1] = view::Accent{view::Rgba{40, 200, 255, 255}, view::Rgba{40, 255, 160, 255}};
	style.accents[2] = view::Accent{view::Rgba{255, 200, 40, 255}, view::Rgba{255, 90, 40, 255}};
	return style;
}

view::CardContent step(int count)
{
	view::CardContent content;
	content.alertId = 7;
	content.nickname = "نور 🌙 Nour";
	content.userId = "nour";
	content.giftName = "Rose";
	content.count = count;
	content.coins = count;
	return content;
}

obs::CardJob jobOf(const view::AlertStyle &style, const view::CardContent &content,
		   std::shared_ptr<const connect::ImagePixels> avatar = nullptr)
{
	const view::CardLayout layout = view::layOut(style, true);
	return obs::cardJobOf(style, layout, view::textItems(style, layout, content), content, std::move(avatar),
			      nullptr);
}

// The card painted with nothing kept.
std::shared_ptr<const obs::RasterImage> fresh(const obs::CardJob &job)
{
	obs::releaseKeptCard();
	return obs::composeCard(job);
}

bool same(const obs::RasterImage &a, const obs::RasterImage &b)
{
	return a.x == b.x && a.y == b.y && a.width == b.width && a.height == b.height && a.rgba == b.rgba &&
	       a.cover == b.cover;
}

std::shared_ptr<const connect::ImagePixels> picture(std::uint8_t shade)
{
	auto pixels = std::make_shared<connect::ImagePixels>();
	pixels->width = pixels->height = 32;
	pixels->stride = 32 * 4;
	pixels->bytes.assign(static_cast<size_t>(32 * 32 * 4), shade);
	return pixels;
}

} // namespace

TEST_CASE("A streak's next card starts from the kept card under its text and is the card painted anew", "[card]")
{
	app();
	const view::AlertStyle style = cardStyle();
	const auto avatar = picture(200);
	const obs::CardJob first = jobOf(style, step(5), avatar);
	const obs::CardJob next = jobOf(style, step(6), avatar);
	REQUIRE(first.texts != next.texts);
	const auto expectedNext = fresh(next);
	const auto expectedFirst = fresh(first);

	(void)obs::composeCard(first); // kept: `first`'s card under its text
	const uint64_t before = obs::cardsFromKeptPlate();
	const auto fromKept = obs::composeCard(next);
	CHECK(obs::cardsFromKeptPlate() == before + 1);
	CHECK(same(*fromKept, *expectedNext));
	// And back (the kept pixels are still the card under its text, not the card with `next`'s text on it).
	const auto again = obs::composeCard(first);
	CHECK(obs::cardsFromKeptPlate() == before + 2);
	CHECK(same(*again, *expectedFirst));
	CHECK_FALSE(same(*again, *fromKept));
}

TEST_CASE("A card that differs under its text is painted anew", "[card]")
{
	app();
	const view::AlertStyle style = cardStyle();
	const auto avatar = picture(200);
	const obs::CardJob base = jobOf(style, step(5), avatar);

	view::CardContent renamed = step(6);
	renamed.nickname = "Nour";
	view::CardContent tier = step(6);
	tier.tier = 2;
	view::AlertStyle wider = style;
	wider.width = 700;
	view::AlertStyle rounder = style;
	rounder.radius = 4.0f;
	const struct {
		const char *what;
		obs::CardJob job;
	} changes[] = {
	    {"another avatar with the same pixels", jobOf(style, step(6), picture(200))},
	    {"no avatar (the initials)", jobOf(style, step(6), nullptr)},
	    {"another name", jobOf(style, renamed, avatar)},
	    {"another tier", jobOf(style, tier, avatar)},
	    {"a wider card", jobOf(wider, step(6), avatar)},
	    {"rounder corners", jobOf(rounder, step(6), avatar)},
	};
	for (const auto &change : changes) {
		INFO(change.what);
		const auto expected = fresh(change.job);
		(void)fresh(base);
		const uint64_t before = obs::cardsFromKeptPlate();
		const auto painted = obs::composeCard(change.job);
		CHECK(obs::cardsFromKeptPlate() == before);
		CHECK(same(*painted, *expected));
	}
}
