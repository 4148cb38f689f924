#include "obs/sources/alert-handover.hpp"

#include "obs/render/avatar.hpp"

#include "view/alert-card.hpp"
#include "view/alert-queue.hpp"

#include <utility>

namespace livegifts::obs {

namespace {

class FixedClock final : public Clock {
public:
	explicit FixedClock(Millis now) : now_(now) {}
	Millis nowMs() const override { return now_; }

private:
	Millis now_;
};

} // namespace

std::shared_ptr<const HandoverCard> paintHandoverCard(const std::shared_ptr<const AlertConfig> &config,
						      const Snapshot &snapshot, uint64_t seen, Millis nowMs,
						      connect::ImageFetcher &images, const HandoverCard *previous)
{
	FixedClock clock(nowMs);
	view::AlertQueue scratch(config->queue, &clock);
	for (const GiftActivity &entry : snapshot.activity) {
		if (entry.seq > seen) {
			scratch.push(entry);
		}
	}
	scratch.update();
	const view::Alert *alert = scratch.current();
	if (alert == nullptr) {
		return nullptr;
	}
	const view::AlertStyle &style = config->style;
	const view::CardContent content = view::contentOf(*alert, style);
	const view::CardLayout layout = view::layOut(style, view::showsGift(content));
	auto card = std::make_shared<HandoverCard>();
	card->config = config;
	card->job =
	    cardJobOf(style, layout, view::textItems(style, layout, content), content,
		      readyPicture(images, view::avatarShown(style, content), false),
		      readyPicture(images, view::giftPictureShown(style, content), view::giftPictureIsLocal(content)));
	card->combo = view::comboItem(style, layout, content);
	if (previous != nullptr && previous->config == config && sameCard(previous->job, card->job) &&
	    previous->combo == card->combo) {
		return nullptr; // painted already (more gifts that start nothing arrived since)
	}
	// Ahead of every other source's texts, as the tick posts a new card.
	RasterWorker::instance().post(
	    card->cardSlot, [job = card->job] { return composeCard(job); }, true);
	RasterWorker::instance().post(
	    card->comboSlot,
	    [combo = card->combo, w = style.width, h = style.height] { return rasterizeText({combo}, w, h); }, true);
	return card;
}

bool sameCard(const CardJob &a, const CardJob &b)
{
	return a.layout == b.layout && a.texts == b.texts && a.tier == b.tier && a.name == b.name && a.disc == b.disc &&
	       a.avatar == b.avatar && a.gift == b.gift && a.emoji == b.emoji && a.accent == b.accent;
}

} // namespace livegifts::obs
