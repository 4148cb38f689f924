// The Coin Jar source: every gift the engine counts this stream drops into a glass jar as its picture and
// piles up (view/coin-jar.hpp decides where each body is; this source keeps one sprite per gift, the
// jar's glass, the settled layer and the coin count). While bodies move, the glass, the settled layer and
// the sleeping bodies come from one cached picture (view/coin-jar-layers.hpp says when it is stale) and
// only the bodies awake are drawn each frame; a still jar is one cached quad. It reads the engine's
// per-gift totals of the stream,
// so a duplicate message never adds a body, and a source created mid-stream (or after OBS restarts, once
// the engine restored its tally) starts with the pile already at rest.

#include "obs/plugin-support.hpp"
#include "obs/render/avatar.hpp"
#include "obs/render/gpu.hpp"
#include "obs/render/raster-worker.hpp"
#include "obs/runtime.hpp"
#include "obs/sources/coin-jar-properties.hpp"
#include "obs/sources/source-base.hpp"
#include "obs/sources/gift-badge.hpp"
#include "obs/sources/sources.hpp"

#include "core/handoff.hpp"
#include "view/coin-jar-layers.hpp"
#include "view/coin-jar.hpp"

#include <obs-module.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace livegifts::obs {
namespace {

constexpr int kSpriteSize = 96; // pixels of a gift's sprite (scaled to each body)

// Where the jar is inside the source.
struct JarLayout {
	float x = 0, y = 0, w = 0, h = 0;     // the glass
	float ix = 0, iy = 0, iw = 0, ih = 0; // its inside (the physics' frame)
	int countHeight = 0;                  // the coin count's line above the jar (0: hidden)
};

JarLayout layOutJar(const CoinJarConfig &config)
{
	JarLayout layout;
	layout.countHeight = config.showCount ? config.font.pixelSize + 16 : 0;
	const float pad = 6.0f;
	layout.x = pad;
	layout.y = static_cast<float>(layout.countHeight) + pad;
	layout.w = std::max(static_cast<float>(config.width) - 2.0f * pad, 16.0f);
	layout.h = std::max(static_cast<float>(config.height - layout.countHeight) - 2.0f * pad, 16.0f);
	const float wall = std::max(4.0f, layout.w * 0.025f);
	layout.ix = layout.x + wall;
	layout.iy = layout.y + wall;
	layout.iw = layout.w - 2.0f * wall;
	layout.ih = layout.h - 2.0f * wall;
	return layout;
}

class CoinJarSource final : public SourceBase {
public:
	static constexpr SourceNames kNames{"live_gifts_coin_jar", "LiveGifts.CoinJar", "coin jar",
					    OBS_ICON_TYPE_IMAGE}; // gift pictures falling into a glass

	CoinJarSource(obs_data_t *settings, obs_source_t *source) : SourceBase(source)
	{
		// The runtime (engine, image fetcher) starts before the first picture or text is asked for.
		Runtime::instance();
		update(settings);
		LG_SOURCE_LOG(LOG_INFO, source, "coin jar created");
	}

	void update(obs_data_t *settings) { pending_.put(readCoinJarConfig(settings)); }

	void tick(float seconds)
	{
		const float dt = advance(seconds);
		if (std::optional<CoinJarConfig> next = pending_.take()) {
			config_ = std::move(*next);
			width_.store(static_cast<uint32_t>(config_.width));
			height_.store(static_cast<uint32_t>(config_.height));
			layout_ = layOutJar(config_);
			config_.jar.width = layout_.iw;
			config_.jar.height = layout_.ih;
			jar_.setOptions(config_.jar);
			postCount();
			++contentVersion_;
			++configVersion_;
		}
		const SnapshotPtr snapshot = Runtime::instance().snapshot();
		// Version 0: the engine has not opened its ledger yet (its tally is not restored): wait for it, so a
		// restored pile starts at rest instead of falling in again.
		if (snapshot->version != 0 && (!started_ || snapshot->version != seenVersion_)) {
			seenVersion_ = snapshot->version;
			countGifts(*snapshot);
		}
		pollSprites();
		const int steps = jar_.advance(dt);
		layers_.update(jar_, steps);
		if (steps > 0 && moving_) {
			++contentVersion_;
		}
		moving_ = !jar_.atRest();
		still_.store(!moving_);
		configured_.store(true);
	}

	void render()
	{
		text_.sync();
		bool uploaded = text_.settled();
		key_.clear();
		key_.add(contentVersion_).add(text_.uploads());
		backKey_.clear();
		backKey_.add(configVersion_).add(layers_.version());
		for (auto &[id, gift] : sprites_) {
			gift->sprite.sync();
			uploaded = uploaded && gift->sprite.settled();
			key_.add(static_cast<uint64_t>(id)).add(gift->sprite.uploads());
			backKey_.add(static_cast<uint64_t>(id)).add(gift->sprite.uploads());
		}
		uploaded_.store(uploaded);
		DrawScope scope;
		// Still: everything as one cached quad. Moving: the baked layer, then what moves over it.
		cache_.draw(config_.width, config_.height, key_, moving_, [this] {
			if (moving_ && layers_.size() == jar_.bodies().size()) {
				back_.draw(config_.width, config_.height, backKey_, false,
					   [this] { drawBack(Bodies::Baked); });
				drawBodies(Bodies::Live);
				drawFront();
			} else {
				drawBack(Bodies::All);
				drawFront();
			}
		});
		noteCacheRenders(cache_.renders());
	}

	uint32_t width() const { return width_.load(); }
	uint32_t height() const { return height_.load(); }

private:
	// New units of each gift since the last look become bodies.
	void countGifts(const Snapshot &snapshot)
	{
		// The first look restores the pile at rest; a new stream empties the jar and its gifts fall.
		const bool restoring = !started_;
		if (started_ && snapshot.streamId != streamId_) {
			jar_.clear();
			layers_.clear();
			seen_.clear();
		}
		streamId_ = snapshot.streamId;
		started_ = true;
		for (const GiftTotal &gift : snapshot.stream.gifts) {
			int64_t &seen = seen_[gift.giftId];
			if (gift.count > seen) {
				jar_.add(gift.giftId, gift.diamondCount, gift.count - seen);
				follow(gift);
			}
			seen = gift.count;
		}
		if (restoring) {
			jar_.settleNow();
		}
		if (snapshot.stream.totals.coins != coins_) {
			coins_ = snapshot.stream.totals.coins;
			postCount();
		}
		++contentVersion_;
	}

	void follow(const GiftTotal &gift)
	{
		std::unique_ptr<GiftBadge> &entry = sprites_[gift.giftId];
		if (!entry) {
			entry = std::make_unique<GiftBadge>();
			uploaded_.store(false);
			entry->show(gift.name, gift.imageUrl, kSpriteSize);
		}
	}

	void pollSprites()
	{
		for (auto &[id, gift] : sprites_) {
			if (gift->poll(kSpriteSize)) {
				uploaded_.store(false);
			}
		}
	}

	void postCount()
	{
		uploaded_.store(false);
		std::vector<TextItem> texts;
		if (config_.showCount) {
			TextItem item;
			item.text = config_.words.counted(view::Noun::Coin, coins_);
			item.font = config_.font;
			item.color = config_.textColor;
			item.width = config_.width;
			item.height = layout_.countHeight;
			item.align = view::HAlign::Center;
			item.effects = config_.effects;
			texts.push_back(std::move(item));
		}
		RasterWorker::instance().post(textSlot_, [texts = std::move(texts), w = config_.width,
							  h = config_.height] { return rasterizeText(texts, w, h); });
	}

	enum class Bodies { All, Baked, Live };

	// The glass, the settled layer and the bodies (all, or those baked or not).
	void drawBack(Bodies which) const
	{
		const JarLayout &l = layout_;
		BarStyle glass;
		glass.radius = std::min(l.w, l.h) * 0.1f;
		glass.start = glass.end = config_.glassColor;
		BarPainter::drawTrack(l.x, l.y, l.w, l.h, glass);
		const float level = jar_.settledLevel();
		if (level >= 1.0f) {
			BarStyle layer;
			layer.radius = std::min(glass.radius * 0.8f, level / 2.0f);
			layer.start = config_.layerStart;
			layer.end = config_.layerEnd;
			BarPainter::drawTrack(l.ix, l.iy + l.ih - level, l.iw, level, layer);
		}
		drawBodies(which);
	}

	void drawBodies(Bodies which) const
	{
		const JarLayout &l = layout_;
		const std::vector<view::CoinBody> &bodies = jar_.bodies();
		for (std::size_t i = 0; i < bodies.size(); ++i) {
			if (which != Bodies::All && layers_.baked(i) != (which == Bodies::Baked)) {
				continue;
			}
			const view::CoinBody &body = bodies[i];
			const auto found = sprites_.find(body.giftId);
			if (found != sprites_.end()) {
				const float size = 2.0f * body.radius;
				found->second->sprite.drawBox(l.ix + body.x, l.iy + body.y, size, size, body.spin,
							      false);
			}
		}
	}

	// The rim: a brighter band across the jar's mouth, over the bodies that drop in; the coin count.
	void drawFront() const
	{
		const JarLayout &l = layout_;
		BarStyle rim;
		rim.radius = 4.0f;
		rim.start = rim.end = config_.glassColor;
		rim.start.a = rim.end.a = static_cast<uint8_t>(std::min(255, config_.glassColor.a * 2 + 40));
		BarPainter::drawTrack(l.x - 4.0f, l.y - 4.0f, l.w + 8.0f, 8.0f, rim);
		text_.draw(0.0f, 0.0f);
	}

	// Automation reads only atomics: the video/graphics thread owns the rest.
	bool ready() const override { return configured_.load() && uploaded_.load() && !textSlot_->pending(); }
	bool settled() const override { return ready() && still_.load(); }

	Handoff<CoinJarConfig> pending_;    // put by update() (any thread), taken by tick() (video thread)
	std::atomic<uint32_t> width_{420};  // written by tick() (video thread), read by OBS on any thread
	std::atomic<uint32_t> height_{560}; // written by tick() (video thread), read by OBS on any thread
	// Written on the video/graphics thread, read by automation:
	std::atomic<bool> configured_{false};
	std::atomic<bool> uploaded_{false}; // every sprite and the count text are on the GPU
	std::atomic<bool> still_{false};    // the pile is at rest

	// Video/graphics thread only:
	CoinJarConfig config_;
	JarLayout layout_;
	view::CoinJar jar_;
	std::map<int64_t, int64_t> seen_;                       // units of each gift already in the jar
	std::map<int64_t, std::unique_ptr<GiftBadge>> sprites_; // by gift id
	int64_t streamId_ = 0;
	int64_t coins_ = 0;
	bool started_ = false;
	bool moving_ = true;
	uint64_t seenVersion_ = 0;
	uint64_t contentVersion_ = 0; // changes whenever what the jar shows changes
	uint64_t configVersion_ = 0;  // changes with the settings
	view::CoinJarLayers layers_;  // which bodies the baked layer (back_) holds
	// Never replaced: ready() reads it from any thread.
	const std::shared_ptr<RasterSlot> textSlot_ = std::make_shared<RasterSlot>();
	SpriteLayer text_{textSlot_};
	DrawKey key_;     // what cache_ was drawn from (rebuilt each frame; kept to spare allocations)
	DrawKey backKey_; // what back_ was drawn from
	DrawCache cache_; // the whole jar while still
	DrawCache back_;  // the glass, the settled layer and the sleeping bodies while others move
};

} // namespace

obs_source_info coinJarSourceInfo()
{
	return makeSourceInfo<CoinJarSource, coinJarProperties, coinJarDefaults>();
}

} // namespace livegifts::obs
