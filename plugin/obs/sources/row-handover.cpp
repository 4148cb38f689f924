#include "obs/sources/row-handover.hpp"

#include "obs/render/avatar.hpp"
#include "obs/render/supporter-row-image.hpp"

#include "view/placeholder-color.hpp"

#include <algorithm>
#include <utility>

namespace livegifts::obs {

std::shared_ptr<RasterSlot> RowsAhead::find(const RowsLook *current, const std::string &id,
					    const view::RowContent &content, const connect::ImagePixels *avatar) const
{
	if (current == nullptr || look.get() != current) {
		return nullptr;
	}
	const AheadRow *row = rowOf(id);
	return row != nullptr && row->shows(content, avatar) ? row->slot : nullptr;
}

const AheadRow *RowsAhead::rowOf(const std::string &id) const
{
	for (const AheadRow &row : rows) {
		if (row.id == id) {
			return &row;
		}
	}
	return nullptr;
}

bool RowsAhead::pending() const
{
	return std::any_of(rows.begin(), rows.end(), [](const AheadRow &row) { return row.slot->pending(); });
}

std::shared_ptr<const RowsAhead> paintRowsAhead(const std::shared_ptr<const RowsLook> &look, const Snapshot &snapshot,
						connect::ImageFetcher &images, const RowsAhead *previous)
{
	if (!look) {
		return nullptr;
	}
	if (previous != nullptr && previous->look != look) {
		previous = nullptr;
	}
	const view::TopStyle &style = look->style;
	const std::vector<SupporterEntry> &top = snapshot.supporters(style.scope).ranked(style.rankBy);
	const size_t shown = std::min(top.size(), static_cast<size_t>(std::max(0, style.count)));
	const view::RowAmounts amounts = view::amountsShown(style);
	auto ahead = std::make_shared<RowsAhead>();
	ahead->look = look;
	ahead->rows.reserve(shown);
	bool painted = false;
	for (size_t i = 0; i < shown; ++i) {
		AheadRow row;
		row.id = top[i].id;
		row.content = view::rowContentOf(top[i], i + 1, amounts);
		row.avatar = readyPicture(images, style.showAvatars ? row.content.avatarUrl : std::string(), false);
		const AheadRow *before = previous != nullptr ? previous->rowOf(row.id) : nullptr;
		if (before != nullptr && before->shows(row.content, row.avatar.get())) {
			row.slot = before->slot; // painted already
			ahead->rows.push_back(std::move(row));
			continue;
		}
		if (before != nullptr && before->slot->pending()) {
			// Still being painted for an older list: posting to the same slot replaces a job not started
			// yet, so a burst of snapshots paints each row once or twice, not once per snapshot.
			row.slot = before->slot;
		}
		RasterWorker::instance().post(row.slot, [look, content = row.content, avatar = row.avatar,
							 disc = view::placeholderColor(row.id)] {
			return composeRow(look->style, look->layout, content, avatar, disc);
		});
		painted = true;
		ahead->rows.push_back(std::move(row));
	}
	if (!painted) {
		return nullptr;
	}
	return ahead;
}

} // namespace livegifts::obs
