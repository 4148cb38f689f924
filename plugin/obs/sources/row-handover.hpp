#pragma once

// Top Supporters rows painted at hand-over: when the engine publishes a snapshot, each row its list would show
// whose pixels are not painted yet is painted on the raster worker at once, on the engine's thread, rather than
// when the source's next video tick applies the list (a frame or more later). The tick takes a row's pixels
// from there when they are what it would paint itself; else it paints its own as before.

#include "obs/render/raster-worker.hpp"

#include "connect/image-fetcher.hpp"
#include "core/snapshot.hpp"
#include "view/top-supporters.hpp"

#include <memory>
#include <string>
#include <vector>

namespace livegifts::obs {

// The look rows are painted with (the tick makes a new one for each new style; compared by identity).
struct RowsLook {
	view::TopStyle style;
	view::RowLayout layout;
};

// One row painted ahead: whose, what it shows, with which picture, and the slot its pixels go to.
struct AheadRow {
	std::string id;
	view::RowContent content;
	std::shared_ptr<const connect::ImagePixels> avatar;
	std::shared_ptr<RasterSlot> slot = std::make_shared<RasterSlot>();

	// Painted showing `content` with `avatar` (compared by identity: the image cache hands out one copy of
	// each picture).
	bool shows(const view::RowContent &shown, const connect::ImagePixels *picture) const
	{
		return avatar.get() == picture && content == shown;
	}
};

// The rows painted ahead for one snapshot, with the look they were painted with.
struct RowsAhead {
	std::shared_ptr<const RowsLook> look;
	std::vector<AheadRow> rows;

	// The slot of the row painted for supporter `id` showing `content` with `avatar` in `look`; null when
	// there is none.
	std::shared_ptr<RasterSlot> find(const RowsLook *look, const std::string &id, const view::RowContent &content,
					 const connect::ImagePixels *avatar) const;
	// The row of supporter `id`, or null.
	const AheadRow *rowOf(const std::string &id) const;
	// Some row is still being painted.
	bool pending() const;
};

// The rows `snapshot`'s list shows in `look`, each one `previous` (painted in the same look) does not have
// posted to the raster worker; null when there is nothing new to paint. A row `previous` is still painting
// for other content is posted to the same slot (its job is replaced while not started). Any thread; no I/O.
std::shared_ptr<const RowsAhead> paintRowsAhead(const std::shared_ptr<const RowsLook> &look, const Snapshot &snapshot,
						connect::ImageFetcher &images, const RowsAhead *previous);

} // namespace livegifts::obs
