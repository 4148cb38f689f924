#pragma once

// A Gift Alerts card painted at hand-over: when the engine publishes a gift and the source has nothing
// showing or waiting, that gift's card and combo are painted on the raster worker at once, on the engine's
// thread, rather than when the source's next video tick starts the alert (a frame or more later). The tick
// takes them when they are what it would paint itself; else it paints its own as before.

#include "obs/render/alert-card-image.hpp"
#include "obs/render/raster-worker.hpp"
#include "obs/sources/gift-alerts-properties.hpp"

#include "core/snapshot.hpp"

#include <cstdint>
#include <memory>

namespace livegifts::obs {

// A new alert's card and combo, posted to slots of their own.
struct HandoverCard {
	std::shared_ptr<const AlertConfig> config; // the settings it was painted with
	CardJob job;
	TextItem combo;
	std::shared_ptr<RasterSlot> cardSlot = std::make_shared<RasterSlot>();
	std::shared_ptr<RasterSlot> comboSlot = std::make_shared<RasterSlot>();

	// Both painted (or failed).
	bool pending() const { return cardSlot->pending() || comboSlot->pending(); }
};

// The card of the alert that `snapshot`'s entries after sequence `seen` would start in an idle queue with
// `config` at time `nowMs` (the queue's own rules, in a scratch queue), its painting posted to the raster
// worker; null when they start none. Any thread; no I/O. The avatar and gift pictures are painted when `images`
// has them already (as the source would find them); else the placeholders, as the source's first card.
// Null too when that card is `previous` (painted at an earlier hand-over): nothing is painted twice.
std::shared_ptr<const HandoverCard> paintHandoverCard(const std::shared_ptr<const AlertConfig> &config,
						      const Snapshot &snapshot, uint64_t seen, Millis nowMs,
						      connect::ImageFetcher &images, const HandoverCard *previous);

// The same pixels as far as the settings allow (the caller compares the settings by identity; pictures are
// compared by identity too: the image cache hands out one copy of each).
bool sameCard(const CardJob &a, const CardJob &b);

} // namespace livegifts::obs
