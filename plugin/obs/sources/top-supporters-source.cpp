// The Top Supporters source: the first N supporters of this stream, since the last reset of the ranking or
// of all time, ranked by coins, gifts or likes sent, one row each (rank, round avatar or initials, nickname,
// the amount, a bar proportional to the leader's amount). The view's
// SupporterRows decides which rows enter, leave, move and change; this source keeps each row's picture
// and pixels, posts a raster job when a row changed and draws the rows where the view puts them.
//
// With nothing changing, a tick is one snapshot version compare and render draws the cached list (one quad).
// While rows move, every row's pixels are in one atlas and the header, rows, climbing rows' panels and bars
// are one batch: one draw call a frame (see render/sprite-batch.hpp).

#include "obs/plugin-support.hpp"
#include "obs/render/avatar.hpp"
#include "obs/render/gpu.hpp"
#include "obs/render/raster-worker.hpp"
#include "obs/render/sprite-batch.hpp"
#include "obs/render/supporter-row-image.hpp"
#include "obs/runtime.hpp"
#include "obs/sources/row-handover.hpp"
#include "obs/sources/source-base.hpp"
#include "obs/sources/source-hotkeys.hpp"
#include "obs/sources/sources.hpp"
#include "obs/sources/top-supporters-properties.hpp"
#include "obs/test-hooks.hpp"

#include "core/handoff.hpp"
#include "core/shared-slot.hpp"
#include "view/placeholder-color.hpp"
#include "view/supporter-rows.hpp"
#include "view/top-supporters.hpp"

#include <obs-module.h>
#include <obs.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace livegifts::obs {
namespace {

// What this source keeps with each row: its picture and its pixels (freed with the row).
struct RowGraphics {
	RemotePicture picture;
	std::shared_ptr<RasterSlot> slot = std::make_shared<RasterSlot>();
	SpriteLayer sprite{slot};
	bool borrowed = false; // slot is a row painted at hand-over (row-handover.hpp): never posted to again
};

using Rows = view::SupporterRows<RowGraphics>;
using Row = Rows::Row;
using view::RowFrame;

class TopSupportersSource final : public SourceBase {
public:
	static constexpr SourceNames kNames{"live_gifts_top_supporters", "LiveGifts.TopSupporters", "top supporters",
					    OBS_ICON_TYPE_TEXT}; // a ranked list of names

	TopSupportersSource(obs_data_t *settings, obs_source_t *source) : SourceBase(source)
	{
		// A gift that changes the list moves it in the frame that applies it, not one frame later.
		rows_.setLeadMs(static_cast<Millis>(std::lround(videoFrameMs())));
		update(settings);
		hotkeys_ = registerTopSupportersHotkeys(source);
		proc_handler_t *handler = obs_source_get_proc_handler(source);
		proc_handler_add(handler, "void live_gifts_late_rows(out int rows)", &TopSupportersSource::lateRowsProc,
				 this);
		if (testHooksEnabled()) {
			proc_handler_add(handler, "void live_gifts_supporters_hold(in bool held)",
					 &TopSupportersSource::holdProc, this);
		}
		Runtime::addPublishListener(this, [this](const SnapshotPtr &snapshot, connect::ImageFetcher &images) {
			paintAtHandover(*snapshot, images);
		});
		LG_SOURCE_LOG(LOG_INFO, source, "top supporters created");
	}

	~TopSupportersSource() override { Runtime::removePublishListener(this); }

	// Copies settings only (no I/O); tick() applies them.
	void update(obs_data_t *settings)
	{
		view::TopStyle style = readTopStyle(settings);
		width_.store(static_cast<uint32_t>(style.width));
		height_.store(static_cast<uint32_t>(view::listHeight(style, view::layOut(style))));
		pending_.put(std::move(style));
	}

	void tick(float seconds)
	{
		advance(seconds);
		const Millis now = nowMs();
		bool restyled = false;
		if (std::optional<view::TopStyle> next = pending_.take()) {
			style_ = std::move(*next);
			layout_ = view::layOut(style_);
			restyled = true;
			++styleVersion_;
			look_ = std::make_shared<const RowsLook>(RowsLook{style_, layout_});
			lookSlot_.store(look_);
			postHeader();
		}
		const SnapshotPtr snapshot = Runtime::instance().snapshot();
		const bool held = held_.load() && !restyled;
		if (!held && (restyled || snapshot.get() != lastSnapshot_ || snapshot->version != lastVersion_)) {
			lastSnapshot_ = snapshot.get();
			lastVersion_ = snapshot->version;
			const ScopeView &scope = snapshot->supporters(style_.scope);
			const bool animate = configured_ && !restyled;
			for (const auto &changed :
			     rows_.apply(scope.ranked(style_.rankBy), style_.count, static_cast<float>(layout_.pitch),
					 now, animate, restyled, style_.rankBy, view::amountsShown(style_))) {
				if (changed.avatarChanged) {
					changed.row->extra.picture.follow(
					    style_.showAvatars ? changed.row->content.avatarUrl : std::string());
				}
				postRow(*changed.row);
				if (changed.row->extra.slot->pending()) {
					lateRows_.fetch_add(1); // this frame applies the row without its new pixels
				}
			}
		}
		bool loading = false;
		for (const auto &row : rows_.rows()) {
			if (row->extra.picture.poll()) {
				postRow(*row);
			}
			loading = loading || row->extra.picture.loading();
		}
		const bool animating = rows_.advance(now);
		// Rows that finished fading out go (their textures are freed with them, in the graphics context).
		rows_.dropGone(now);
		picturesLoading_.store(loading);
		animating_.store(animating);
		configured_ = true;
		configuredFlag_.store(true);
	}

	void render()
	{
		header_.sync();
		bool uploaded = header_.settled();
		key_.clear();
		key_.add(styleVersion_).add(header_.uploads());
		float bottom = static_cast<float>(layout_.headerHeight);
		for (const auto &row : rows_.rows()) {
			row->extra.sprite.sync();
			uploaded = uploaded && row->extra.sprite.settled();
			const RowFrame &shown = row->shown;
			key_.add(row->extra.sprite.uploads());
			for (const float value : {shown.y, shown.alpha, shown.bar, shown.lift}) {
				key_.addFloat(value);
			}
			if (shown.alpha > 0.0f) {
				bottom = std::max(bottom, static_cast<float>(layout_.headerHeight) + shown.y +
							      static_cast<float>(style_.rowHeight));
			}
		}
		uploaded_.store(uploaded);
		pendingJobs_.store(anyPending());
		if (rows_.empty() && style_.title.empty()) {
			return;
		}
		DrawScope scope;
		// Moving or still, every sprite from one atlas in one draw call of the batch, each sprite only where
		// it has pixels (a cached texture of the whole list would fill every pixel of it, mostly
		// transparent). The batch's vertices and the atlas are made again only when what they show changes.
		if (drawBatched()) {
			noteCacheRenders(batch_.uploads() + atlas_.builds());
			return;
		}
		// Else (the atlas cannot hold the sprites) the parts one by one, kept in a cached texture while still.
		// Only the rows' height is cached: a short list fills no more pixels than it shows.
		const int height = std::min(static_cast<int>(std::ceil(bottom)), view::listHeight(style_, layout_));
		cache_.draw(style_.width, height, key_, animating_.load(), [this] { drawList(DirectPaint{}); });
		noteCacheRenders(cache_.renders());
	}

	// The header and every row in one draw call of the batch: false when it cannot.
	bool drawBatched()
	{
		layers_.clear();
		layers_.push_back(&header_);
		for (const auto &row : rows_.rows()) {
			layers_.push_back(&row->extra.sprite);
		}
		if (!atlas_.update(layers_)) {
			return false;
		}
		batch_.clear();
		drawList(BatchPaint{batch_, atlas_});
		return batch_.draw(atlas_.texture());
	}

	uint32_t width() const { return width_.load(); }
	uint32_t height() const { return height_.load(); }

private:
	// Draws each sprite and bar at once.
	struct DirectPaint {
		void sprite(const SpriteLayer &layer, size_t, float x, float y, float alpha) const
		{
			layer.draw(x, y, alpha);
		}
		void track(float x, float y, float w, float h, const BarStyle &style) const
		{
			BarPainter::drawTrack(x, y, w, h, style);
		}
		void fill(float x, float y, float w, float h, float fraction, const BarStyle &style) const
		{
			BarPainter::drawFill(x, y, w, h, fraction, false, style);
		}
	};
	// Adds each sprite (its atlas cell) and bar to the batch.
	struct BatchPaint {
		QuadBatch &batch;
		const SpriteAtlas &atlas;
		void sprite(const SpriteLayer &, size_t cell, float x, float y, float alpha) const
		{
			batch.sprite(atlas, cell, x, y, alpha);
		}
		void track(float x, float y, float w, float h, const BarStyle &style) const
		{
			batch.track(x, y, w, h, style);
		}
		void fill(float x, float y, float w, float h, float fraction, const BarStyle &style) const
		{
			batch.fill(x, y, w, h, fraction, false, style);
		}
	};

	// The header, then the rows (cells 1..: rows_.rows() in order); climbing rows go last, over the ones they
	// overtake.
	template <typename Paint>
	void drawList(const Paint &paint) const
	{
		paint.sprite(header_, 0, 0.0f, 0.0f, 1.0f);
		const float top = static_cast<float>(layout_.headerHeight);
		for (const bool lifted : {false, true}) {
			size_t cell = 1;
			for (const auto &row : rows_.rows()) {
				if ((row->shown.lift > 0.0f) == lifted) {
					drawRow(paint, *row, cell, top);
				}
				++cell;
			}
		}
	}

	template <typename Paint>
	void drawRow(const Paint &paint, const Row &row, size_t cell, float top) const
	{
		const float alpha = row.shown.alpha;
		if (alpha <= 0.0f || row.extra.sprite.width() == 0) {
			return; // hidden, or its pixels are not uploaded yet (no bar without its row)
		}
		const float w = static_cast<float>(style_.width);
		const float r = static_cast<float>(style_.rowHeight);
		const float x = view::liftOffset(layout_, row.shown.lift);
		const float y = top + row.shown.y;
		if (row.shown.lift > 0.0f) {
			// A climbing row gets an opaque panel under its own so the row it passes does not show
			// through.
			Rgba color = style_.rowColor;
			color.a = static_cast<uint8_t>(std::lround(255.0f * row.shown.lift));
			BarStyle panel;
			panel.radius = style_.radius;
			panel.start = panel.end = view::faded(color, alpha);
			paint.track(x, y, w, r, panel);
		}
		paint.sprite(row.extra.sprite, cell, x, y, alpha);
		if (style_.showBars) {
			BarStyle fill = style_.bar;
			fill.radius = static_cast<float>(layout_.barH) / 2.0f;
			fill.start = view::faded(fill.start, alpha);
			fill.end = view::faded(fill.end, alpha);
			paint.fill(x + static_cast<float>(layout_.barX), y + static_cast<float>(layout_.barY),
				   static_cast<float>(layout_.barW), static_cast<float>(layout_.barH), row.shown.bar,
				   fill);
		}
	}

	void postRow(Row &row)
	{
		pendingJobs_.store(true);
		RowGraphics &graphics = row.extra;
		const std::shared_ptr<const connect::ImagePixels> avatar = graphics.picture.pixels();
		if (const std::shared_ptr<const RowsAhead> ahead = ahead_.load()) {
			if (std::shared_ptr<RasterSlot> painted =
				ahead->find(look_.get(), row.id, row.content, avatar.get())) {
				graphics.slot = std::move(painted);
				graphics.sprite.follow(graphics.slot);
				graphics.borrowed = true;
				return;
			}
		}
		if (graphics.borrowed) {
			// The painted-ahead slot may be found again for its content: this row's new pixels go
			// elsewhere.
			graphics.slot = std::make_shared<RasterSlot>();
			graphics.sprite.follow(graphics.slot);
			graphics.borrowed = false;
		}
		RasterWorker::instance().post(graphics.slot, [style = style_, layout = layout_, content = row.content,
							      pixels = avatar, disc = view::placeholderColor(row.id)] {
			return composeRow(style, layout, content, pixels, disc);
		});
	}

	void postHeader()
	{
		pendingJobs_.store(true);
		RasterWorker::instance().post(
		    headerSlot_, [title = view::titleItem(style_, layout_), w = style_.width,
				  h = layout_.headerHeight] { return rasterizeText({title}, w, std::max(1, h)); });
	}

	// Engine thread, right after a snapshot is published: the rows its list shows that are not painted yet
	// are painted now, so the tick that applies the list finds them ready (row-handover.hpp).
	void paintAtHandover(const Snapshot &snapshot, connect::ImageFetcher &images)
	{
		std::shared_ptr<const RowsAhead> ahead =
		    paintRowsAhead(lookSlot_.load(), snapshot, images, lastAhead_.get());
		if (ahead) {
			lastAhead_ = ahead;
			ahead_.store(std::move(ahead));
		}
	}

	static void lateRowsProc(void *data, calldata_t *params)
	{
		calldata_set_int(params, "rows", static_cast<TopSupportersSource *>(data)->lateRows_.load());
	}

	// Tests: while held, the tick applies no new list (the rows painted at hand-over can be waited for).
	static void holdProc(void *data, calldata_t *params)
	{
		static_cast<TopSupportersSource *>(data)->held_.store(calldata_bool(params, "held"));
	}

	bool aheadPending() const
	{
		const std::shared_ptr<const RowsAhead> ahead = ahead_.load();
		return ahead && ahead->pending();
	}

	bool anyPending() const
	{
		return aheadPending() || headerSlot_->pending() ||
		       std::any_of(rows_.rows().begin(), rows_.rows().end(),
				   [](const auto &row) { return row->extra.slot->pending(); });
	}

	// Automation reads only atomics: the video thread owns rows_.
	bool ready() const override
	{
		return configuredFlag_.load() && uploaded_.load() && !pendingJobs_.load() && !aheadPending() &&
		       !picturesLoading_.load();
	}
	bool settled() const override { return ready() && !animating_.load(); }

	Handoff<view::TopStyle> pending_;  // put by update() (any thread), taken by tick() (video thread)
	std::atomic<uint32_t> width_{560}; // written by update(), read by OBS on any thread
	std::atomic<uint32_t> height_{64};
	// Written on the video/graphics thread, read by automation:
	std::atomic<bool> uploaded_{false};
	std::atomic<bool> picturesLoading_{false};
	std::atomic<bool> animating_{false};
	std::atomic<bool> pendingJobs_{false}; // set when posting, recomputed in render
	std::atomic<bool> configuredFlag_{false};
	std::atomic<long long> lateRows_{0};         // rows a tick applied before their new pixels were painted
	std::atomic<bool> held_{false};              // set by a test procedure, read by tick()
	SharedSlot<const RowsLook> lookSlot_;        // tick stores the look in use, the engine thread loads it
	SharedSlot<const RowsAhead> ahead_;          // the engine thread stores, tick loads
	std::shared_ptr<const RowsAhead> lastAhead_; // engine threads, one at a time (listeners run under a lock)

	// Video/graphics thread only:
	view::TopStyle style_;
	view::RowLayout layout_;
	Rows rows_;
	const Snapshot *lastSnapshot_ = nullptr;
	uint64_t lastVersion_ = 0;
	bool configured_ = false;
	uint64_t styleVersion_ = 0;            // counts every new style_ (and layout_)
	std::shared_ptr<const RowsLook> look_; // style_ and layout_ as lookSlot_ holds them
	const std::shared_ptr<RasterSlot> headerSlot_ = std::make_shared<RasterSlot>(); // never replaced
	SpriteLayer header_{headerSlot_};
	DrawKey key_; // what the cache was drawn from, rebuilt each frame (kept to spare allocations)
	DrawCache cache_;
	std::vector<const SpriteLayer *> layers_; // the header's and the rows' (scratch of drawParts, kept)
	SpriteAtlas atlas_;
	QuadBatch batch_;

	SourceHotkeys hotkeys_; // written by the constructor; last, so no hotkey outlives the rest
};

} // namespace

obs_source_info topSupportersSourceInfo()
{
	return makeSourceInfo<TopSupportersSource, topSupportersProperties, topSupportersDefaults>();
}

} // namespace livegifts::obs
