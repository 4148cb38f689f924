#pragma once

// The Top Supporters rows over time, keyed by supporter id: when the list changes, a supporter who
// enters fades in (after a short delay, so it does not cross-fade with the row leaving its place), one who
// drops out fades out, one whose rank changed slides to its new place and every bar eases to its new
// length. A row climbing past others is lifted (drawn over them, a little aside). Slides and bars move at once
// and slow down to their end: the list answers a gift in the frame that applies it (see setLeadMs).
//
// Extra is what the renderer keeps with each row (its pixels); the rows own it, so it lives exactly as
// long as its row. Not thread-safe: owned by one thread (the source's video thread).

#include "core/clock.hpp"
#include "core/snapshot.hpp"
#include "view/easing.hpp"
#include "view/top-supporters.hpp"
#include "view/tween.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace livegifts::view {

constexpr Millis kRowMoveMs = 650; // a row sliding to its new rank (the bars ease over the same time)
constexpr Millis kRowFadeMs = 300; // a row entering or leaving the list
constexpr Millis kRowEnterDelayMs = 200;

// Where a row is in one frame.
struct RowFrame {
	float y = 0.0f; // from the top of the first row
	float alpha = 0.0f;
	float bar = 0.0f;  // 0..1
	float lift = 0.0f; // 0..1 while climbing past other rows
};

template <typename Extra>
struct SupporterRow {
	std::string id;
	RowContent content;
	Tween y{Curve::Out};
	Tween alpha;
	Tween bar{Curve::Out};
	bool leaving = false;
	bool seen = false; // in the newest list (scratch while diffing)
	RowFrame shown;    // this frame (from advance())
	Extra extra;
};

// A row whose pixels must be made again; avatarChanged: its picture (or the name its initials come
// from) changed too.
template <typename Extra>
struct RowUpdate {
	SupporterRow<Extra> *row = nullptr;
	bool avatarChanged = false;
};

template <typename Extra>
class SupporterRows {
public:
	using Row = SupporterRow<Extra>;

	// Brings the rows in line with the first `count` entries of `top` (ranked by `by`: the bars follow that
	// amount) at time `now`, rows `pitch` apart. With animate false every row snaps to its place (first
	// list, new look); restyled redoes every row's pixels. Returns the rows whose pixels must be made again
	// (none when nothing shown changed).
	std::vector<RowUpdate<Extra>> apply(const std::vector<SupporterEntry> &top, int count, float pitch, Millis now,
					    bool animate, bool restyled, RankBy by = RankBy::Coins,
					    RowAmounts amounts = {})
	{
		amounts_ = amounts;
		std::vector<RowUpdate<Extra>> updates;
		const size_t shown = std::min(top.size(), static_cast<size_t>(std::max(0, count)));
		if (!restyled && unchanged(top, shown)) {
			return updates;
		}
		order_.clear();
		const int64_t leader = shown > 0 ? top.front().amount(by) : 1;
		byId_.clear();
		for (auto &row : rows_) {
			row->seen = false;
			if (!row->leaving) {
				byId_.emplace(row->id, row.get());
			}
		}
		for (size_t i = 0; i < shown; ++i) {
			const SupporterEntry &entry = top[i];
			Row *row = nullptr;
			bool fresh = false;
			if (auto found = byId_.find(entry.id); found != byId_.end()) {
				row = found->second;
			} else {
				rows_.push_back(std::make_unique<Row>());
				row = rows_.back().get();
				row->id = entry.id;
				fresh = true;
			}
			row->seen = true;
			order_.push_back(row);
			const float y = static_cast<float>(i) * pitch;
			const float bar = barFraction(entry.amount(by), leader);
			if (fresh || !animate) {
				row->y.snap(y);
				row->bar.snap(bar);
				if (fresh && animate) {
					row->alpha.snap(0.0f);
					row->alpha.retarget(1.0f, now, kRowFadeMs, kRowEnterDelayMs);
				} else {
					row->alpha.snap(1.0f);
				}
			} else {
				// Started leadMs_ ago (a negative delay): this frame already shows the move under way.
				row->y.retarget(y, now, kRowMoveMs, -leadMs_);
				row->bar.retarget(bar, now, kRowMoveMs, -leadMs_);
			}
			RowContent content = rowContentOf(entry, i + 1, amounts_);
			if (fresh || restyled || !(content == row->content)) {
				const bool avatarChanged = fresh || restyled ||
							   content.avatarUrl != row->content.avatarUrl ||
							   content.nickname != row->content.nickname;
				row->content = std::move(content);
				updates.push_back(RowUpdate<Extra>{row, avatarChanged});
			}
		}
		for (auto &row : rows_) {
			if (!row->seen && !row->leaving) {
				row->leaving = true;
				if (animate) {
					row->alpha.retarget(0.0f, now, kRowFadeMs);
				} else {
					row->alpha.snap(0.0f);
				}
			}
		}
		// Leaving rows are drawn first, under the others.
		std::stable_partition(rows_.begin(), rows_.end(),
				      [](const std::unique_ptr<Row> &row) { return row->leaving; });
		return updates;
	}

	// Slides and bars count as started `lead` before the apply() that starts them, so the frame that applies a
	// change already shows them moving (the sources give one video frame; 0, the default: they start at apply's
	// `now`). Clamped to 0..kRowMoveMs.
	void setLeadMs(Millis lead) { leadMs_ = std::clamp<Millis>(lead, 0, kRowMoveMs); }

	// Sets every row's frame at `now`; true while any row still moves, fades or waits to.
	bool advance(Millis now)
	{
		bool animating = false;
		for (auto &row : rows_) {
			animating =
			    animating || row->y.running(now) || row->alpha.running(now) || row->bar.running(now);
			row->shown.y = row->y.at(now);
			row->shown.alpha = row->alpha.at(now);
			row->shown.bar = row->bar.at(now);
			row->shown.lift = row->y.running(now) && row->y.to < row->y.from
					      ? std::sin(ease::clamp01(row->y.progress(now)) * 3.14159265f)
					      : 0.0f;
		}
		return animating;
	}

	// Drops the rows that finished fading out (and their Extra with them).
	void dropGone(Millis now)
	{
		std::erase_if(
		    rows_, [now](const std::unique_ptr<Row> &row) { return row->leaving && !row->alpha.running(now); });
	}

	// Every row in drawing order: leaving rows first. Climbing rows (shown.lift > 0) go over the others.
	const std::vector<std::unique_ptr<Row>> &rows() const { return rows_; }
	// The rows of the newest list, by rank.
	const std::vector<Row *> &order() const { return order_; }
	bool empty() const { return rows_.empty(); }

private:
	// True when the first rows of `top` are exactly what the rows show (most snapshots change other
	// things: likes, chat, viewers). No allocation.
	bool unchanged(const std::vector<SupporterEntry> &top, size_t shown) const
	{
		if (shown != order_.size()) {
			return false;
		}
		for (size_t i = 0; i < shown; ++i) {
			const SupporterEntry &entry = top[i];
			const Row &row = *order_[i];
			if (row.id != entry.id || row.content.coins != (amounts_.coins ? entry.coins : 0) ||
			    row.content.gifts != (amounts_.gifts ? entry.gifts : 0) ||
			    row.content.likes != (amounts_.likes ? entry.likes : 0) ||
			    row.content.nickname != entry.shownName() || row.content.avatarUrl != entry.avatarUrl) {
				return false;
			}
		}
		return true;
	}

	RowAmounts amounts_; // what the newest apply() was told is shown
	Millis leadMs_ = 0;  // setLeadMs
	std::vector<std::unique_ptr<Row>> rows_;
	std::unordered_map<std::string, Row *> byId_; // scratch for apply()
	std::vector<Row *> order_;                    // the shown rows, by rank (owned by rows_)
};

} // namespace livegifts::view
