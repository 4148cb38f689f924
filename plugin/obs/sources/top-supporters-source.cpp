// The Top Supporters source: the first N supporters of this stream or of all time, one row each (rank,
// round avatar or initials, nickname, coins, a bar proportional to the leader's coins). When ranks change
// the rows slide to their new places; a supporter who enters fades in, one who drops out fades out.
//
// Rows are keyed by supporter id and own their pixels: a row is re-rasterised only when its own rank,
// name, avatar or coins change. The bars are drawn with BarPainter and ease to their new lengths. With
// nothing changing, a tick is one snapshot version compare and render draws only the visible rows.

#include "obs/render/avatar.hpp"
#include "obs/render/compose.hpp"
#include "obs/sources/connection-properties.hpp"
#include "obs/easing.hpp"
#include "obs/render/gpu.hpp"
#include "obs/plugin-support.hpp"
#include "obs/render/raster-worker.hpp"
#include "obs/runtime.hpp"
#include "obs/sources/settings-util.hpp"
#include "obs/sources/source-base.hpp"
#include "obs/sources/sources.hpp"

#include "core/clock.hpp"
#include "core/template.hpp"

#include <obs-module.h>
#include <obs.h>
#include <obs.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace livegifts::obs {
namespace {

constexpr Millis kMoveMs = 650; // a row sliding to its new rank (the bars ease over the same time)
constexpr Millis kFadeMs = 300; // a row entering or leaving the list
// A row entering waits this long, so it does not cross-fade with the one leaving its place.
constexpr Millis kEnterDelayMs = 200;
constexpr int kMaxRows = 50;

// The look, copied from settings in update().
struct TopStyle {
	int width = 560;
	int rowHeight = 64;
	int rowGap = 8;
	int count = 5;
	bool allTime = false;
	std::string title;
	std::string coinsFormat;
	FontSpec font;
	Rgba textColor;
	Rgba coinsColor;
	Rgba rowColor;
	Rgba trackColor;
	BarStyle bar;
	std::array<Rgba, 3> medals; // rank colours of the first three
	float radius = 14.0f;
	bool showAvatars = true;
	bool showBars = true;
};

// Where the parts of a row are, in row coordinates, and where the rows start.
struct RowLayout {
	int headerHeight = 0;
	int pitch = 72; // row height + gap
	int pad = 8;
	int rankX = 0, rankW = 0;
	int avatarX = 0, avatarY = 0, avatarSize = 0;
	int nameX = 0, nameW = 0;
	int coinsX = 0, coinsW = 0;
	int textY = 0, textH = 0;
	int barX = 0, barY = 0, barW = 0, barH = 0;
};

RowLayout layOut(const TopStyle &style)
{
	RowLayout layout;
	const int w = style.width;
	const int r = style.rowHeight;
	layout.pad = std::max(3, r / 8);
	const int p = layout.pad;
	layout.pitch = r + style.rowGap;
	layout.headerHeight = style.title.empty() ? 0 : r * 3 / 4 + style.rowGap;
	layout.rankX = p / 2;
	layout.rankW = std::max(16, r * 3 / 4);
	int x = layout.rankX + layout.rankW;
	if (style.showAvatars) {
		layout.avatarSize = std::max(8, r - 2 * p);
		layout.avatarX = x;
		layout.avatarY = (r - layout.avatarSize) / 2;
		x += layout.avatarSize + p;
	}
	layout.coinsW = std::max(40, w * 26 / 100);
	layout.coinsX = w - p - layout.coinsW;
	layout.nameX = x;
	layout.nameW = std::max(8, layout.coinsX - p / 2 - x);
	if (style.showBars) {
		layout.barH = std::max(4, r / 9);
		layout.barY = r - p - layout.barH;
		layout.barX = x;
		layout.barW = std::max(8, w - p - x);
		layout.textY = p / 2;
		layout.textH = std::max(8, layout.barY - p / 2 - layout.textY);
	} else {
		layout.textY = 0;
		layout.textH = r;
	}
	return layout;
}

int sourceHeight(const TopStyle &style, const RowLayout &layout)
{
	return layout.headerHeight + style.count * style.rowHeight + (style.count - 1) * style.rowGap;
}

TopStyle readStyle(obs_data_t *settings)
{
	TopStyle style;
	style.width = static_cast<int>(std::clamp<long long>(obs_data_get_int(settings, "width"), 120, 4096));
	style.rowHeight = static_cast<int>(std::clamp<long long>(obs_data_get_int(settings, "row_height"), 20, 400));
	style.rowGap = static_cast<int>(std::clamp<long long>(obs_data_get_int(settings, "row_gap"), 0, 200));
	style.count = static_cast<int>(std::clamp<long long>(obs_data_get_int(settings, "count"), 1, kMaxRows));
	style.allTime = getString(settings, "scope") == "all_time";
	style.title = getString(settings, "title");
	style.coinsFormat = getString(settings, "coins_format");
	style.font = getFont(settings, "font");
	style.textColor = getColor(settings, "text_color");
	style.coinsColor = getColor(settings, "coins_color");
	style.rowColor = getColor(settings, "row_color");
	style.trackColor = getColor(settings, "track_color");
	style.bar.start = getColor(settings, "bar_color_start");
	style.bar.end = getColor(settings, "bar_color_end");
	style.medals = {getColor(settings, "gold_color"), getColor(settings, "silver_color"),
			getColor(settings, "bronze_color")};
	style.radius = static_cast<float>(obs_data_get_int(settings, "corner_radius"));
	style.showAvatars = obs_data_get_bool(settings, "show_avatars");
	style.showBars = obs_data_get_bool(settings, "show_bars");
	return style;
}

// What a row shows (its pixels depend on nothing else).
struct RowContent {
	size_t rank = 0;
	std::string nickname;
	std::string avatarUrl;
	int64_t coins = 0;
	bool operator==(const RowContent &) const = default;
};

std::vector<TextItem> rowTexts(const TopStyle &style, const RowLayout &layout, const RowContent &content)
{
	TextItem rank{std::to_string(content.rank), style.font,
		      content.rank >= 1 && content.rank <= 3 ? style.medals[content.rank - 1] : style.textColor};
	rank.font.bold = true;
	rank.x = layout.rankX;
	rank.y = 0;
	rank.width = layout.rankW;
	rank.height = style.rowHeight;
	rank.align = HAlign::Center;

	TextItem name{sanitizeUserText(content.nickname), style.font, style.textColor};
	name.x = layout.nameX;
	name.y = layout.textY;
	name.width = layout.nameW;
	name.height = layout.textH;

	TemplateVars vars;
	vars.set("coins", formatCount(content.coins));
	TextItem coins{renderTemplate(style.coinsFormat, vars, TemplateOptions{false, 0}), style.font,
		       style.coinsColor};
	coins.font.pixelSize = std::max(8, style.font.pixelSize * 17 / 20);
	coins.x = layout.coinsX;
	coins.y = layout.textY;
	coins.width = layout.coinsW;
	coins.height = layout.textH;
	coins.align = HAlign::Right;
	return {rank, name, coins};
}

// A value that moves from `from` to `to` over `durationMs` starting at `startMs`, eased.
struct Tween {
	float from = 0.0f;
	float to = 0.0f;
	Millis startMs = 0;
	Millis durationMs = 0;

	float at(Millis now) const
	{
		if (durationMs <= 0 || now >= startMs + durationMs) {
			return to;
		}
		const float t = static_cast<float>(now - startMs) / static_cast<float>(durationMs);
		return from + (to - from) * ease::inOutCubic(ease::clamp01(t));
	}
	// Still moving (or waiting for its delayed start).
	bool running(Millis now) const { return durationMs > 0 && now < startMs + durationMs && from != to; }
	// 0..1 through the current move (1 when still).
	float progress(Millis now) const
	{
		if (!running(now)) {
			return 1.0f;
		}
		return static_cast<float>(now - startMs) / static_cast<float>(durationMs);
	}
	// Retargets from wherever it is now.
	void retarget(float target, Millis now, Millis duration, Millis delay = 0)
	{
		if (target == to) {
			return;
		}
		from = at(now);
		to = target;
		startMs = now + delay;
		durationMs = duration;
	}
	void snap(float value)
	{
		from = to = value;
		durationMs = 0;
	}
};

// A row's pixels in one image (row coordinates): panel, bar track, round avatar, rank, name and coins.
// Only the bar's fill is drawn on top by the GPU, as it eases.
std::shared_ptr<const RasterImage> composeRow(const TopStyle &style, const RowLayout &layout, const RowContent &content,
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
	composer.image(*rasterizeText(rowTexts(style, layout, content), w, r));
	return composer.finish(style.rowColor.a == 0);
}

// One supporter's row: its own pixels and its animation.
struct Row {
	std::string id;
	RowContent content;
	RemotePicture picture;
	std::shared_ptr<RasterSlot> slot = std::make_shared<RasterSlot>();
	SpriteLayer sprite{slot};
	Tween y;
	Tween alpha;
	Tween bar;
	bool leaving = false;
	bool seen = false; // in the newest list (scratch while diffing)
	// This frame (tick), for render:
	float shownY = 0.0f;
	float shownAlpha = 0.0f;
	float shownBar = 0.0f;
	float shownLift = 0.0f; // 0..1 while climbing past other rows: drawn above them, a little aside
};

class TopSupportersSource final : public SourceBase {
public:
	static constexpr SourceNames kNames{"live_gifts_top_supporters", "LiveGifts.TopSupporters", "top supporters"};

	TopSupportersSource(obs_data_t *settings, obs_source_t *source) : SourceBase(source)
	{
		update(settings);
		LG_SOURCE_LOG(LOG_INFO, source, "top supporters created");
	}

	// Copies settings only (no I/O); tick() applies them.
	void update(obs_data_t *settings)
	{
		TopStyle style = readStyle(settings);
		width_.store(static_cast<uint32_t>(style.width));
		height_.store(static_cast<uint32_t>(sourceHeight(style, layOut(style))));
		std::lock_guard lock(pendingMutex_);
		pending_ = std::move(style);
	}

	void tick(float seconds)
	{
		advance(seconds);
		const Millis now = nowMs();
		std::optional<TopStyle> next;
		{
			std::lock_guard lock(pendingMutex_);
			next.swap(pending_);
		}
		bool restyled = false;
		if (next) {
			style_ = std::move(*next);
			layout_ = layOut(style_);
			restyled = true;
			postHeader();
		}
		const SnapshotPtr snapshot = Runtime::instance().snapshot();
		if (restyled || snapshot.get() != lastSnapshot_ || snapshot->version != lastVersion_) {
			lastSnapshot_ = snapshot.get();
			lastVersion_ = snapshot->version;
			const ScopeView &scope = style_.allTime ? snapshot->allTime : snapshot->stream;
			apply(scope.top, now, restyled);
		}
		bool loading = false;
		bool animating = false;
		for (const auto &row : rows_) {
			if (row->picture.poll()) {
				postRow(*row);
			}
			loading = loading || row->picture.loading();
			animating =
			    animating || row->y.running(now) || row->alpha.running(now) || row->bar.running(now);
			row->shownY = row->y.at(now);
			row->shownAlpha = row->alpha.at(now);
			row->shownBar = row->bar.at(now);
			row->shownLift = row->y.running(now) && row->y.to < row->y.from
					     ? std::sin(ease::clamp01(row->y.progress(now)) * 3.14159265f)
					     : 0.0f;
		}
		// Rows that finished fading out go (their textures are freed with them, in the graphics context).
		std::erase_if(
		    rows_, [now](const std::unique_ptr<Row> &row) { return row->leaving && !row->alpha.running(now); });
		picturesLoading_.store(loading);
		animating_.store(animating);
		configured_ = true;
		configuredFlag_.store(true);
	}

	void render()
	{
		header_.sync();
		bool uploaded = header_.settled();
		for (const auto &row : rows_) {
			row->sprite.sync();
			uploaded = uploaded && row->sprite.settled();
		}
		uploaded_.store(uploaded);
		pendingJobs_.store(anyPending());
		if (rows_.empty() && style_.title.empty()) {
			return;
		}
		DrawScope scope;
		header_.draw(0.0f, 0.0f);
		const float top = static_cast<float>(layout_.headerHeight);
		// Rows climbing past others go last, over the ones they overtake.
		for (const auto &row : rows_) {
			if (row->shownLift <= 0.0f) {
				drawRow(*row, top);
			}
		}
		for (const auto &row : rows_) {
			if (row->shownLift > 0.0f) {
				drawRow(*row, top);
			}
		}
	}

	uint32_t width() const { return width_.load(); }
	uint32_t height() const { return height_.load(); }

private:
	void drawRow(const Row &row, float top) const
	{
		const float alpha = row.shownAlpha;
		if (alpha <= 0.0f || row.sprite.width() == 0) {
			return; // hidden, or its pixels are not uploaded yet (no bar without its row)
		}
		const float w = static_cast<float>(style_.width);
		const float r = static_cast<float>(style_.rowHeight);
		const float x = row.shownLift * static_cast<float>(layout_.pad) * 1.5f;
		const float y = top + row.shownY;
		if (row.shownLift > 0.0f) {
			// A climbing row gets an opaque panel under its own so the row it passes does not show
			// through.
			Rgba color = style_.rowColor;
			color.a = static_cast<uint8_t>(std::lround(255.0f * row.shownLift));
			BarStyle panel;
			panel.radius = style_.radius;
			panel.start = panel.end = faded(color, alpha);
			BarPainter::drawTrack(x, y, w, r, panel);
		}
		row.sprite.draw(x, y, alpha);
		if (style_.showBars) {
			BarStyle fill = style_.bar;
			fill.radius = static_cast<float>(layout_.barH) / 2.0f;
			fill.start = faded(fill.start, alpha);
			fill.end = faded(fill.end, alpha);
			BarPainter::drawFill(x + static_cast<float>(layout_.barX), y + static_cast<float>(layout_.barY),
					     static_cast<float>(layout_.barW), static_cast<float>(layout_.barH),
					     row.shownBar, false, fill);
		}
	}

	static Rgba faded(Rgba color, float alpha)
	{
		color.a =
		    static_cast<uint8_t>(std::lround(static_cast<float>(color.a) * std::clamp(alpha, 0.0f, 1.0f)));
		return color;
	}

	// Brings the rows in line with the newest top list: new rows fade in, gone rows fade out, moved rows
	// slide, changed rows are re-rasterised. Runs only when the snapshot changed.
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
			const std::string &nickname = entry.nickname.empty() ? entry.id : entry.nickname;
			if (row.id != entry.id || row.content.coins != entry.coins ||
			    row.content.nickname != nickname || row.content.avatarUrl != entry.avatarUrl) {
				return false;
			}
		}
		return true;
	}

	void apply(const std::vector<SupporterEntry> &top, Millis now, bool restyled)
	{
		const bool animate = configured_ && !restyled;
		const size_t shown = std::min(top.size(), static_cast<size_t>(style_.count));
		if (!restyled && unchanged(top, shown)) {
			return;
		}
		order_.clear();
		const int64_t leader = shown > 0 ? std::max<int64_t>(1, top.front().coins) : 1;
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
			const float y = static_cast<float>(i) * static_cast<float>(layout_.pitch);
			const float bar =
			    static_cast<float>(static_cast<double>(entry.coins) / static_cast<double>(leader));
			if (fresh || !animate) {
				row->y.snap(y);
				row->bar.snap(std::clamp(bar, 0.0f, 1.0f));
				if (fresh && animate) {
					row->alpha.snap(0.0f);
					row->alpha.retarget(1.0f, now, kFadeMs, kEnterDelayMs);
				} else {
					row->alpha.snap(1.0f);
				}
			} else {
				row->y.retarget(y, now, kMoveMs);
				row->bar.retarget(std::clamp(bar, 0.0f, 1.0f), now, kMoveMs);
			}
			RowContent content{i + 1, entry.nickname.empty() ? entry.id : entry.nickname, entry.avatarUrl,
					   entry.coins};
			if (fresh || restyled || !(content == row->content)) {
				const bool avatarChanged = fresh || restyled ||
							   content.avatarUrl != row->content.avatarUrl ||
							   content.nickname != row->content.nickname;
				row->content = std::move(content);
				if (avatarChanged) {
					row->picture.follow(style_.showAvatars ? row->content.avatarUrl
									       : std::string());
				}
				postRow(*row);
			}
		}
		for (auto &row : rows_) {
			if (!row->seen && !row->leaving) {
				row->leaving = true;
				if (animate) {
					row->alpha.retarget(0.0f, now, kFadeMs);
				} else {
					row->alpha.snap(0.0f);
				}
			}
		}
		// Leaving rows are drawn first, under the others.
		std::stable_partition(rows_.begin(), rows_.end(),
				      [](const std::unique_ptr<Row> &row) { return row->leaving; });
	}

	void postRow(Row &row)
	{
		pendingJobs_.store(true);
		RasterWorker::instance().post(
		    row.slot,
		    [style = style_, layout = layout_, content = row.content, pixels = row.picture.pixels(),
		     disc = placeholderColor(row.id)] { return composeRow(style, layout, content, pixels, disc); });
	}

	void postHeader()
	{
		pendingJobs_.store(true);
		TextItem title{sanitizeUserText(style_.title), style_.font, style_.textColor};
		title.x = layout_.pad / 2;
		title.width = style_.width - layout_.pad;
		title.height = std::max(0, layout_.headerHeight - style_.rowGap);
		RasterWorker::instance().post(headerSlot_, [title, w = style_.width, h = layout_.headerHeight] {
			return rasterizeText({title}, w, std::max(1, h));
		});
	}

	bool anyPending() const
	{
		return headerSlot_->pending() ||
		       std::any_of(rows_.begin(), rows_.end(), [](const auto &row) { return row->slot->pending(); });
	}

	// Automation reads only atomics: the video thread owns rows_.
	bool ready() const override
	{
		return configuredFlag_.load() && uploaded_.load() && !pendingJobs_.load() && !picturesLoading_.load();
	}
	bool settled() const override { return ready() && !animating_.load(); }

	std::mutex pendingMutex_;          // guards pending_
	std::optional<TopStyle> pending_;  // written by update(), taken by tick()
	std::atomic<uint32_t> width_{560}; // read by OBS on any thread
	std::atomic<uint32_t> height_{64};
	// Written on the video/graphics thread, read by automation:
	std::atomic<bool> uploaded_{false};
	std::atomic<bool> picturesLoading_{false};
	std::atomic<bool> animating_{false};
	std::atomic<bool> pendingJobs_{false}; // set when posting, recomputed in render
	std::atomic<bool> configuredFlag_{false};

	// Video/graphics thread only:
	TopStyle style_;
	RowLayout layout_;
	std::vector<std::unique_ptr<Row>> rows_;
	std::unordered_map<std::string, Row *> byId_; // scratch for apply()
	std::vector<Row *> order_;                    // the shown rows, by rank (owned by rows_)
	const Snapshot *lastSnapshot_ = nullptr;
	uint64_t lastVersion_ = 0;
	bool configured_ = false;
	std::shared_ptr<RasterSlot> headerSlot_ = std::make_shared<RasterSlot>();
	SpriteLayer header_{headerSlot_};
};

obs_properties_t *properties(void *)
{
	obs_properties_t *props = obs_properties_create();

	obs_properties_t *list = obs_properties_create();
	obs_properties_add_int(list, "count", text("LiveGifts.Top.Count"), 1, kMaxRows, 1);
	addStringList(list, "scope", "LiveGifts.Top.Scope",
		      {{"LiveGifts.Scope.Stream", "stream"}, {"LiveGifts.Scope.AllTime", "all_time"}});
	obs_properties_add_text(list, "title", text("LiveGifts.Top.Title"), OBS_TEXT_DEFAULT);
	obs_properties_add_text(list, "coins_format", text("LiveGifts.Top.CoinsFormat"), OBS_TEXT_DEFAULT);
	obs_properties_add_bool(list, "show_avatars", text("LiveGifts.Top.ShowAvatars"));
	obs_properties_add_bool(list, "show_bars", text("LiveGifts.Top.ShowBars"));
	obs_properties_add_group(props, "list", text("LiveGifts.Top.List"), OBS_GROUP_NORMAL, list);

	obs_properties_t *look = obs_properties_create();
	obs_properties_add_int(look, "width", text("LiveGifts.Width"), 120, 4096, 1);
	obs_properties_add_int(look, "row_height", text("LiveGifts.Top.RowHeight"), 20, 400, 1);
	obs_properties_add_int(look, "row_gap", text("LiveGifts.Top.RowGap"), 0, 200, 1);
	obs_properties_add_font(look, "font", text("LiveGifts.Font"));
	obs_properties_add_color_alpha(look, "text_color", text("LiveGifts.TextColor"));
	obs_properties_add_color_alpha(look, "coins_color", text("LiveGifts.Top.CoinsColor"));
	obs_properties_add_color_alpha(look, "gold_color", text("LiveGifts.Top.GoldColor"));
	obs_properties_add_color_alpha(look, "silver_color", text("LiveGifts.Top.SilverColor"));
	obs_properties_add_color_alpha(look, "bronze_color", text("LiveGifts.Top.BronzeColor"));
	obs_properties_add_color_alpha(look, "row_color", text("LiveGifts.Top.RowColor"));
	obs_properties_add_color_alpha(look, "bar_color_start", text("LiveGifts.Top.BarStart"));
	obs_properties_add_color_alpha(look, "bar_color_end", text("LiveGifts.Top.BarEnd"));
	obs_properties_add_color_alpha(look, "track_color", text("LiveGifts.Top.Track"));
	obs_properties_add_int_slider(look, "corner_radius", text("LiveGifts.CornerRadius"), 0, 200, 1);
	obs_properties_add_group(props, "look", text("LiveGifts.Look"), OBS_GROUP_NORMAL, look);

	addConnectionProperties(props);
	return props;
}

// rgb as written in CSS (0xRRGGBB) to OBS's 0xAABBGGRR.
void defaults(obs_data_t *settings)
{
	obs_data_set_default_int(settings, "count", 5);
	obs_data_set_default_string(settings, "scope", "stream");
	obs_data_set_default_string(settings, "title", obs_module_text("LiveGifts.Top.DefaultTitle"));
	obs_data_set_default_string(settings, "coins_format", obs_module_text("LiveGifts.Top.DefaultCoins"));
	obs_data_set_default_bool(settings, "show_avatars", true);
	obs_data_set_default_bool(settings, "show_bars", true);
	obs_data_set_default_int(settings, "width", 560);
	obs_data_set_default_int(settings, "row_height", 64);
	obs_data_set_default_int(settings, "row_gap", 8);
	setFontDefault(settings, "font", "Noto Sans", 28, true);
	setColorDefault(settings, "text_color", 0xFFFFFF);
	setColorDefault(settings, "coins_color", 0xFFD66B);
	setColorDefault(settings, "gold_color", 0xFFC629);
	setColorDefault(settings, "silver_color", 0xD3DCE6);
	setColorDefault(settings, "bronze_color", 0xE0955A);
	setColorDefault(settings, "row_color", 0x17121F, 0xC8);
	setColorDefault(settings, "bar_color_start", 0xFE2C55);
	setColorDefault(settings, "bar_color_end", 0x25F4EE);
	setColorDefault(settings, "track_color", 0xFFFFFF, 0x26);
	obs_data_set_default_int(settings, "corner_radius", 16);
	setConnectionDefaults(settings);
}

} // namespace

obs_source_info topSupportersSourceInfo()
{
	return makeSourceInfo<TopSupportersSource, properties, defaults>();
}

} // namespace livegifts::obs
