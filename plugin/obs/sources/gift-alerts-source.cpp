// The Gift Alerts source: plays its own alert queue fed from the engine's gift activity. One card at a
// time: a round avatar, the gift's picture (or a colour emoji standing in for it), three template lines
// and a combo count that pulses when a live streak grows. Cards come in and go out with a slide, fade or
// pop; value tiers change the accent colours and how long a card holds.
//
// Pixels are made on the raster worker only when the card's content changes: the card in one image
// (background, avatar, gift, text) and the combo count apart. Render draws the two sprites with the
// card's transform and opacity; with no alert it returns at once and nothing is drawn.

#include "obs/render/avatar.hpp"
#include "obs/render/compose.hpp"
#include "obs/sources/connection-properties.hpp"
#include "obs/easing.hpp"
#include "obs/gift-emoji.hpp"
#include "obs/render/gpu.hpp"
#include "obs/plugin-support.hpp"
#include "obs/render/raster-worker.hpp"
#include "obs/runtime.hpp"
#include "obs/sources/settings-util.hpp"
#include "obs/sources/source-base.hpp"
#include "obs/sources/sources.hpp"

#include "core/alert-queue.hpp"
#include "core/clock.hpp"
#include "core/template.hpp"

#include <obs-module.h>
#include <obs.h>
#include <obs.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace livegifts::obs {
namespace {

constexpr Millis kPulseMs = 320;
constexpr float kPulseScale = 0.32f;
constexpr float kSlideFraction = 0.35f; // of the card's width
constexpr size_t kTierCount = 2;

enum class Motion { Slide, Fade, Pop };

Motion motionFrom(const std::string &name)
{
	if (name == "fade") {
		return Motion::Fade;
	}
	if (name == "pop") {
		return Motion::Pop;
	}
	return Motion::Slide;
}

struct Accent {
	Rgba start;
	Rgba end;
	bool operator==(const Accent &) const = default;
};

// The look, copied from settings in update().
struct AlertStyle {
	int width = 640;
	int height = 160;
	FontSpec font;
	Rgba textColor;
	Rgba secondaryColor;
	Rgba background;
	float radius = 24.0f;
	std::array<Accent, kTierCount + 1> accents; // default look, then tier 1, tier 2
	std::string line1;
	std::string line2;
	std::string line3;
	std::string combo;
	bool showAvatars = true;
	bool showGiftImages = true;
	Motion in = Motion::Slide;
	Motion out = Motion::Fade;
};

struct AlertConfig {
	AlertStyle style;
	AlertQueueOptions queue;
};

// Where the parts of a card are, in source coordinates (from the style only).
struct CardLayout {
	int pad = 16;
	int avatarX = 0, avatarY = 0, avatarSize = 0;
	int giftX = 0, giftY = 0, giftSize = 0;
	int textX = 0, textW = 0;
	int comboX = 0, comboY = 0, comboW = 0, comboH = 0;
};

CardLayout layOut(const AlertStyle &style)
{
	CardLayout layout;
	const int w = style.width;
	const int h = style.height;
	layout.pad = std::max(4, h / 10);
	const int p = layout.pad;
	const int inner = std::max(8, h - 2 * p);
	int left = p;
	if (style.showAvatars) {
		layout.avatarX = p;
		layout.avatarY = p;
		layout.avatarSize = inner;
		left = p + inner + p;
	}
	int right = w - p;
	if (style.showGiftImages) {
		layout.giftSize = inner;
		layout.giftX = w - p - inner;
		layout.giftY = p;
		right = layout.giftX - p;
		// The combo count sits on the lower part of the gift picture, right-aligned.
		layout.comboW = inner + p + p / 2;
		layout.comboH = inner / 2 + p / 2;
		layout.comboX = w - p / 2 - layout.comboW;
		layout.comboY = h - p / 2 - layout.comboH;
	} else {
		layout.comboW = std::max(24, h * 9 / 10);
		layout.comboH = inner;
		layout.comboX = w - p - layout.comboW;
		layout.comboY = p;
		right = layout.comboX - p / 2;
	}
	layout.textX = left;
	layout.textW = std::max(8, right - left);
	return layout;
}

// What a card shows. Compared field by field so nothing is re-rasterised unless it changed.
struct CardContent {
	uint64_t alertId = 0;
	std::string nickname;
	std::string userId;
	std::string avatarUrl;
	std::string giftName;
	std::string giftImageUrl;
	int64_t count = 0;
	int64_t coins = 0;
	int64_t diamonds = 0;
	int64_t coalesced = 0;
	size_t tier = 0;
	bool operator==(const CardContent &) const = default;
};

size_t tierOf(const std::string &variant)
{
	if (variant == "tier2") {
		return 2;
	}
	if (variant == "tier1") {
		return 1;
	}
	return 0;
}

CardContent contentOf(const Alert &alert)
{
	CardContent content;
	const GiftActivity &gift = alert.gift;
	content.alertId = alert.id;
	content.nickname = gift.nickname.empty() ? gift.userId : gift.nickname;
	content.userId = gift.userId;
	content.avatarUrl = gift.avatarUrl;
	content.giftName = gift.giftName;
	content.giftImageUrl = gift.giftImageUrl;
	content.count = gift.count;
	content.coins = gift.coins + alert.extraCoins;
	content.diamonds = gift.diamondCount;
	content.coalesced = alert.coalesced;
	content.tier = tierOf(alert.variant);
	return content;
}

TemplateVars varsOf(const CardContent &content)
{
	TemplateVars vars;
	vars.set("nickname", content.nickname);
	vars.set("user", content.userId);
	vars.set("gift", content.giftName);
	vars.set("count", formatCount(content.count));
	vars.set("coins", formatCount(content.coins));
	vars.set("diamonds", formatCount(content.diamonds));
	vars.set("others", formatCount(content.coalesced));
	return vars;
}

std::vector<TextItem> textItems(const AlertStyle &style, const CardLayout &layout, const CardContent &content)
{
	const TemplateVars vars = varsOf(content);
	const int inner = style.height - 2 * layout.pad;
	const int row1 = inner * 2 / 5;
	const int row = (inner - row1) / 2;
	FontSpec small = style.font;
	small.pixelSize = std::max(8, style.font.pixelSize * 3 / 4);

	TextItem first{renderTemplate(style.line1, vars), style.font, style.textColor};
	first.x = layout.textX;
	first.y = layout.pad;
	first.width = layout.textW;
	first.height = row1;
	TextItem second{renderTemplate(style.line2, vars), small, style.secondaryColor};
	second.x = layout.textX;
	second.y = layout.pad + row1;
	second.width = layout.textW;
	second.height = row;
	TextItem third{renderTemplate(style.line3, vars), small, style.accents[content.tier].start};
	third.x = layout.textX;
	third.y = layout.pad + row1 + row;
	third.width = layout.textW;
	third.height = row;
	return {first, second, third};
}

TextItem comboItem(const AlertStyle &style, const CardLayout &layout, const CardContent &content)
{
	TextItem item{renderTemplate(style.combo, varsOf(content), TemplateOptions{false, 0}), style.font,
		      style.textColor};
	item.font.pixelSize = std::max(10, layout.comboH * 3 / 5);
	item.font.bold = true;
	item.font.italic = true;
	item.x = layout.comboX;
	item.y = layout.comboY;
	item.width = layout.comboW;
	item.height = layout.comboH;
	item.align = HAlign::Right;
	return item;
}

Rgba mix(Rgba a, Rgba b, float t)
{
	auto lerp = [t](uint8_t x, uint8_t y) {
		return static_cast<uint8_t>(std::lround(static_cast<float>(x) + (static_cast<float>(y) - x) * t));
	};
	return Rgba{lerp(a.r, b.r), lerp(a.g, b.g), lerp(a.b, b.b), lerp(a.a, b.a)};
}

AlertConfig readConfig(obs_data_t *settings)
{
	AlertConfig config;
	AlertStyle &style = config.style;
	style.width = static_cast<int>(std::clamp<long long>(obs_data_get_int(settings, "width"), 64, 4096));
	style.height = static_cast<int>(std::clamp<long long>(obs_data_get_int(settings, "height"), 32, 4096));
	style.font = getFont(settings, "font");
	style.textColor = getColor(settings, "text_color");
	style.secondaryColor = getColor(settings, "secondary_color");
	style.background = getColor(settings, "background_color");
	style.radius = static_cast<float>(obs_data_get_int(settings, "corner_radius"));
	style.accents[0] = {getColor(settings, "accent_start"), getColor(settings, "accent_end")};
	style.accents[1] = {getColor(settings, "tier1_color_start"), getColor(settings, "tier1_color_end")};
	style.accents[2] = {getColor(settings, "tier2_color_start"), getColor(settings, "tier2_color_end")};
	style.line1 = getString(settings, "line1");
	style.line2 = getString(settings, "line2");
	style.line3 = getString(settings, "line3");
	style.combo = getString(settings, "combo_format");
	style.showAvatars = obs_data_get_bool(settings, "show_avatars");
	style.showGiftImages = obs_data_get_bool(settings, "show_gift_images");
	style.in = motionFrom(getString(settings, "animation_in"));
	style.out = motionFrom(getString(settings, "animation_out"));

	AlertQueueOptions &queue = config.queue;
	queue.minCoins = std::max<long long>(0, obs_data_get_int(settings, "min_coins"));
	queue.durationMs = std::clamp<long long>(obs_data_get_int(settings, "duration_ms"), 500, 120000);
	queue.introMs = std::clamp<long long>(obs_data_get_int(settings, "intro_ms"), 0, 5000);
	queue.outroMs = std::clamp<long long>(obs_data_get_int(settings, "outro_ms"), 0, 5000);
	for (size_t tier = 1; tier <= kTierCount; ++tier) {
		const std::string prefix = "tier" + std::to_string(tier);
		const long long minimum = obs_data_get_int(settings, (prefix + "_min_coins").c_str());
		if (minimum > 0) {
			queue.tiers.push_back(
			    AlertTier{minimum, prefix,
				      std::clamp<long long>(
					  obs_data_get_int(settings, (prefix + "_duration_ms").c_str()), 0, 120000)});
		}
	}
	return config;
}

// Everything a card's pixels depend on (the combo count is a sprite of its own: it pulses).
struct CardJob {
	AlertStyle style;
	CardLayout layout;
	std::vector<TextItem> texts;
	size_t tier = 0;
	std::string name;
	Rgba disc;
	std::shared_ptr<const connect::ImagePixels> avatar;
	std::shared_ptr<const connect::ImagePixels> gift;
	std::string emoji;
};

// The card in one image: background, accent line, ringed round avatar, gift picture or emoji, text.
std::shared_ptr<const RasterImage> composeCard(const CardJob &job)
{
	const AlertStyle &style = job.style;
	const CardLayout &layout = job.layout;
	const Accent &accent = style.accents[job.tier];
	const auto w = static_cast<float>(style.width);
	const auto h = static_cast<float>(style.height);
	Composer composer(0, 0, style.width, style.height);
	Rgba tint = mix(style.background, accent.end, 0.28f);
	tint.a = style.background.a; // a see-through card stays see-through
	composer.roundedRect(0.0f, 0.0f, w, h, style.radius, style.background, tint);
	const float inset = std::max(style.radius, 8.0f);
	composer.roundedRect(inset, h - 10.0f, w - 2.0f * inset, 6.0f, 3.0f, accent.start, accent.end);
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
	composer.image(*rasterizeText(job.texts, style.width, style.height));
	return composer.finish(style.background.a == 0);
}

// The queue's clock: the source's animation time (real, or set by hand by automation).
class SourceClock final : public Clock {
public:
	Millis nowMs() const override { return now_; }
	void set(Millis now) { now_ = now; }

private:
	Millis now_ = 0; // video thread
};

class GiftAlertSource final : public SourceBase {
public:
	static constexpr SourceNames kNames{"live_gifts_gift_alerts", "LiveGifts.GiftAlerts", "gift alerts"};

	GiftAlertSource(obs_data_t *settings, obs_source_t *source) : SourceBase(source), queue_({}, &clock_)
	{
		update(settings);
		registerHotkeys();
		registerProcs();
		LG_SOURCE_LOG(LOG_INFO, source, "gift alerts created");
	}

	~GiftAlertSource() override
	{
		for (const obs_hotkey_id id : hotkeys_) {
			if (id != OBS_INVALID_HOTKEY_ID) {
				obs_hotkey_unregister(id);
			}
		}
	}

	// Copies settings only (no I/O); tick() applies them.
	void update(obs_data_t *settings)
	{
		AlertConfig config = readConfig(settings);
		width_.store(static_cast<uint32_t>(config.style.width));
		height_.store(static_cast<uint32_t>(config.style.height));
		std::lock_guard lock(pendingMutex_);
		pending_ = std::move(config);
	}

	// From buttons and hotkeys (UI or hotkey thread): picked up by the next tick.
	void pause() { pauseWanted_.store(1); }
	void resume() { pauseWanted_.store(0); }
	void togglePause() { pauseWanted_.store(pausedShown_.load() ? 0 : 1); }
	void requestSkip() { skipRequests_.fetch_add(1); }
	void requestTest() { testRequests_.fetch_add(1); }

	void tick(float seconds)
	{
		advance(seconds);
		clock_.set(nowMs());
		std::optional<AlertConfig> next;
		{
			std::lock_guard lock(pendingMutex_);
			next.swap(pending_);
		}
		if (next) {
			config_ = std::move(*next);
			layout_ = layOut(config_.style);
			queue_.setOptions(config_.queue);
			restyled_ = true;
		}
		applyRequests();
		consume();
		queue_.update();
		const Alert *alert = queue_.current();
		if (!alert) {
			shownId_ = 0;
			frame_.visible = false;
			idle_.store(queue_.queued() == 0);
			return;
		}
		idle_.store(false);
		refresh(*alert);
		const bool avatarPolled = avatar_.poll();
		if (gift_.poll() || avatarPolled) {
			postCard();
		}
		picturesLoading_.store(avatar_.loading() || gift_.loading());
		computeFrame();
	}

	void render()
	{
		if (!frame_.visible) {
			uploaded_.store(!anyPending());
			return;
		}
		card_.sync();
		combo_.sync();
		const bool uploaded = card_.settled() && combo_.settled();
		uploaded_.store(uploaded);
		if (freshCard_ && !uploaded) {
			return; // a new card waits for its own pixels rather than showing the last one's
		}
		freshCard_ = false;

		DrawScope scope;
		const AlertStyle &style = config_.style;
		const float w = static_cast<float>(style.width);
		const float h = static_cast<float>(style.height);
		const float opacity = frame_.opacity;
		gs_matrix_push();
		gs_matrix_translate3f(frame_.offsetX + w / 2.0f, h / 2.0f, 0.0f);
		gs_matrix_scale3f(frame_.scale, frame_.scale, 1.0f);
		gs_matrix_translate3f(-w / 2.0f, -h / 2.0f, 0.0f);
		card_.draw(0.0f, 0.0f, opacity);

		// The combo count, scaled about its right-middle point while it pulses.
		const float ax = static_cast<float>(layout_.comboX + layout_.comboW);
		const float ay = static_cast<float>(layout_.comboY) + static_cast<float>(layout_.comboH) / 2.0f;
		gs_matrix_push();
		gs_matrix_translate3f(ax, ay, 0.0f);
		gs_matrix_scale3f(frame_.comboScale, frame_.comboScale, 1.0f);
		gs_matrix_translate3f(-ax, -ay, 0.0f);
		combo_.draw(0.0f, 0.0f, opacity);
		gs_matrix_pop();

		gs_matrix_pop();
	}

	uint32_t width() const { return width_.load(); }
	uint32_t height() const { return height_.load(); }

private:
	// The card's transform this frame (from the queue's phase).
	struct Frame {
		bool visible = false;
		float opacity = 1.0f;
		float scale = 1.0f;
		float offsetX = 0.0f;
		float comboScale = 1.0f;
	};

	void registerHotkeys()
	{
		auto add = [this](const char *name, const char *label, obs_hotkey_func func) {
			hotkeys_.push_back(obs_hotkey_register_source(source(), name, text(label), func, this));
		};
		add("live_gifts_alerts_pause", "LiveGifts.Alerts.HotkeyPause",
		    [](void *data, obs_hotkey_id, obs_hotkey_t *, bool pressed) {
			    if (pressed) {
				    guarded("pause hotkey",
					    [&] { static_cast<GiftAlertSource *>(data)->togglePause(); });
			    }
		    });
		add("live_gifts_alerts_skip", "LiveGifts.Alerts.HotkeySkip",
		    [](void *data, obs_hotkey_id, obs_hotkey_t *, bool pressed) {
			    if (pressed) {
				    guarded("skip hotkey",
					    [&] { static_cast<GiftAlertSource *>(data)->requestSkip(); });
			    }
		    });
	}

	// The same controls for automation (obs-websocket vendor requests, tests):
	//   live_gifts_alerts_pause(in bool paused), live_gifts_alerts_skip(), live_gifts_alerts_test()
	void registerProcs()
	{
		proc_handler_t *handler = obs_source_get_proc_handler(source());
		proc_handler_add(
		    handler, "void live_gifts_alerts_pause(in bool paused)",
		    [](void *data, calldata_t *params) {
			    guarded("alerts pause", [&] {
				    auto *self = static_cast<GiftAlertSource *>(data);
				    if (calldata_bool(params, "paused")) {
					    self->pause();
				    } else {
					    self->resume();
				    }
			    });
		    },
		    this);
		proc_handler_add(
		    handler, "void live_gifts_alerts_skip()",
		    [](void *data, calldata_t *) {
			    guarded("alerts skip", [&] { static_cast<GiftAlertSource *>(data)->requestSkip(); });
		    },
		    this);
		proc_handler_add(
		    handler, "void live_gifts_alerts_test()",
		    [](void *data, calldata_t *) {
			    guarded("alerts test", [&] { static_cast<GiftAlertSource *>(data)->requestTest(); });
		    },
		    this);
	}

	void applyRequests()
	{
		const int wanted = pauseWanted_.exchange(-1);
		if (wanted >= 0 && (wanted == 1) != queue_.paused()) {
			queue_.setPaused(wanted == 1);
			pausedShown_.store(wanted == 1);
			LG_SOURCE_LOG(LOG_INFO, source(), "alerts %s", wanted == 1 ? "paused" : "resumed");
		}
		for (int skips = skipRequests_.exchange(0); skips > 0; --skips) {
			queue_.skip();
			queue_.update();
		}
		for (int tests = testRequests_.exchange(0); tests > 0; --tests) {
			queue_.push(testGift());
		}
	}

	GiftActivity testGift()
	{
		GiftActivity gift;
		gift.seq = queue_.lastSeq();
		gift.streakKey = "test:" + std::to_string(++testCounter_);
		gift.userId = "live_gifts_test";
		gift.nickname = text("LiveGifts.Alerts.TestName");
		gift.giftId = 5655;
		gift.giftName = "Rose";
		// Worth the minimum, so a test shows whatever the minimum is.
		gift.diamondCount = std::max<int64_t>(1, config_.queue.minCoins);
		gift.count = 1;
		gift.coins = gift.diamondCount;
		return gift;
	}

	// Takes new gift activity from the engine's snapshot. Cheap when nothing changed: one atomic load
	// and a version compare.
	void consume()
	{
		const SnapshotPtr snapshot = Runtime::instance().snapshot();
		if (snapshot.get() == lastSnapshot_ && snapshot->version == lastVersion_) {
			return;
		}
		lastSnapshot_ = snapshot.get();
		lastVersion_ = snapshot->version;
		// The runtime switched engines (another connection): sequence numbers start over.
		const bool restarted = snapshot->activity.empty() ? queue_.lastSeq() > 0
								  : snapshot->activity.back().seq < queue_.lastSeq();
		if (restarted) {
			queue_ = AlertQueue(config_.queue, &clock_);
			queue_.setPaused(pausedShown_.load());
			consumed_ = false;
		}
		if (snapshot->activity.empty() || snapshot->activity.back().seq > queue_.lastSeq() || !consumed_) {
			queue_.consume(*snapshot);
			consumed_ = true;
		}
	}

	// Brings the card's content up to date with the current alert; posts raster jobs for what changed.
	void refresh(const Alert &alert)
	{
		const bool newAlert = alert.id != shownId_;
		const GiftActivity &gift = alert.gift;
		if (!restyled_ && !newAlert && gift.count == content_.count &&
		    gift.coins + alert.extraCoins == content_.coins && alert.coalesced == content_.coalesced &&
		    tierOf(alert.variant) == content_.tier) {
			return;
		}
		CardContent content = contentOf(alert);
		if (!newAlert && content.count > content_.count) {
			pulseStartMs_ = nowMs();
		}
		if (newAlert) {
			pulseStartMs_ = -1;
			freshCard_ = true;
		}
		const bool restyled = restyled_;
		restyled_ = false;
		shownId_ = alert.id;
		const bool avatarChanged = restyled || content.avatarUrl != content_.avatarUrl ||
					   content.nickname != content_.nickname || content.userId != content_.userId;
		const bool giftChanged =
		    restyled || content.giftImageUrl != content_.giftImageUrl || content.giftName != content_.giftName;
		const bool first = content_.alertId == 0;
		const bool tierChanged = content.tier != content_.tier;
		content_ = std::move(content);

		const AlertStyle &style = config_.style;
		if (avatarChanged || giftChanged || first) {
			avatar_.follow(style.showAvatars ? content_.avatarUrl : std::string());
			gift_.follow(style.showGiftImages ? content_.giftImageUrl : std::string());
		}
		std::vector<TextItem> texts = textItems(style, layout_, content_);
		if (restyled || first || avatarChanged || giftChanged || tierChanged || texts != textItems_) {
			textItems_ = std::move(texts);
			postCard();
		}
		TextItem combo = comboItem(style, layout_, content_);
		if (restyled || first || !(combo == comboItem_)) {
			comboItem_ = combo;
			RasterWorker::instance().post(comboSlot_,
						      [combo = std::move(combo), w = style.width, h = style.height] {
							      return rasterizeText({combo}, w, h);
						      });
		}
	}

	void postCard()
	{
		CardJob job{config_.style,    layout_,           textItems_,
			    content_.tier,    content_.nickname, placeholderColor(content_.userId),
			    avatar_.pixels(), gift_.pixels(),    giftEmoji(content_.giftName)};
		RasterWorker::instance().post(cardSlot_, [job = std::move(job)] { return composeCard(job); });
	}

	void computeFrame()
	{
		Frame frame;
		frame.visible = true;
		const AlertStyle &style = config_.style;
		const float t = static_cast<float>(queue_.phaseProgress());
		const float slide = static_cast<float>(style.width) * kSlideFraction;
		switch (queue_.phase()) {
		case AlertPhase::Intro:
			switch (style.in) {
			case Motion::Slide:
				frame.offsetX = -(1.0f - ease::outCubic(t)) * slide;
				frame.opacity = ease::outCubic(t);
				break;
			case Motion::Fade:
				frame.opacity = ease::outCubic(t);
				break;
			case Motion::Pop:
				frame.scale = 0.4f + 0.6f * ease::outBack(t);
				frame.opacity = ease::clamp01(t * 2.5f);
				break;
			}
			break;
		case AlertPhase::Outro:
			switch (style.out) {
			case Motion::Slide:
				frame.offsetX = -ease::inCubic(t) * slide;
				frame.opacity = 1.0f - ease::inCubic(t);
				break;
			case Motion::Fade:
				frame.opacity = 1.0f - ease::inOutCubic(t);
				break;
			case Motion::Pop:
				frame.scale = 1.0f - 0.4f * ease::inCubic(t);
				frame.opacity = 1.0f - ease::inCubic(t);
				break;
			}
			break;
		case AlertPhase::Hold:
		case AlertPhase::Idle:
			break;
		}
		if (pulseStartMs_ >= 0) {
			const Millis since = nowMs() - pulseStartMs_;
			if (since >= kPulseMs) {
				pulseStartMs_ = -1;
			} else {
				frame.comboScale =
				    1.0f + kPulseScale * ease::bump(static_cast<float>(since) / kPulseMs);
			}
		}
		frame.visible = frame.opacity > 0.0f;
		frame_ = frame;
		animating_.store(queue_.phase() != AlertPhase::Hold || pulseStartMs_ >= 0);
	}

	bool anyPending() const { return cardSlot_->pending() || comboSlot_->pending(); }

	// Nothing shown and nothing waiting (or, mid-alert, nothing left to rasterise or upload).
	bool settled() const override { return idle_.load() && ready(); }
	bool ready() const override { return uploaded_.load() && !anyPending() && !picturesLoading_.load(); }

	std::mutex pendingMutex_;            // guards pending_
	std::optional<AlertConfig> pending_; // written by update(), taken by tick()
	std::atomic<int> pauseWanted_{-1};   // -1: no request, 0: resume, 1: pause (any thread)
	std::atomic<bool> pausedShown_{false};
	std::atomic<int> skipRequests_{0};
	std::atomic<int> testRequests_{0};
	std::atomic<uint32_t> width_{640}; // read by OBS on any thread
	std::atomic<uint32_t> height_{160};
	// Written on the video thread, read by automation:
	std::atomic<bool> idle_{true};
	std::atomic<bool> uploaded_{true};
	std::atomic<bool> picturesLoading_{false};
	std::atomic<bool> animating_{false};

	// Video/graphics thread only:
	std::vector<obs_hotkey_id> hotkeys_;
	SourceClock clock_;
	AlertQueue queue_;
	AlertConfig config_;
	CardLayout layout_;
	CardContent content_;
	std::vector<TextItem> textItems_;
	TextItem comboItem_;
	RemotePicture avatar_;
	RemotePicture gift_;
	Frame frame_;
	const Snapshot *lastSnapshot_ = nullptr;
	uint64_t lastVersion_ = 0;
	uint64_t shownId_ = 0;
	Millis pulseStartMs_ = -1;
	bool restyled_ = true;
	bool freshCard_ = false; // a new alert's pixels are not all uploaded yet
	bool consumed_ = false;
	int testCounter_ = 0;
	std::shared_ptr<RasterSlot> cardSlot_ = std::make_shared<RasterSlot>();
	std::shared_ptr<RasterSlot> comboSlot_ = std::make_shared<RasterSlot>();
	SpriteLayer card_{cardSlot_};
	SpriteLayer combo_{comboSlot_};
};

// Buttons call into the source through OBS's button data (the source's private data); the work happens
// on the next tick.
template <void (GiftAlertSource::*action)()>
void addButton(obs_properties_t *props, const char *name, const char *label)
{
	obs_properties_add_button(props, name, text(label), [](obs_properties_t *, obs_property_t *, void *data) {
		guarded("alerts button", [&] { (static_cast<GiftAlertSource *>(data)->*action)(); });
		return false;
	});
}

obs_properties_t *properties(void *)
{
	obs_properties_t *props = obs_properties_create();

	obs_properties_t *alerts = obs_properties_create();
	obs_properties_add_int(alerts, "min_coins", text("LiveGifts.Alerts.MinCoins"), 0, 1000000000, 1);
	obs_properties_add_int(alerts, "duration_ms", text("LiveGifts.Alerts.Duration"), 500, 120000, 100);
	addStringList(alerts, "animation_in", "LiveGifts.Alerts.AnimationIn",
		      {{"LiveGifts.Alerts.Animation.Slide", "slide"},
		       {"LiveGifts.Alerts.Animation.Fade", "fade"},
		       {"LiveGifts.Alerts.Animation.Pop", "pop"}});
	addStringList(alerts, "animation_out", "LiveGifts.Alerts.AnimationOut",
		      {{"LiveGifts.Alerts.Animation.Slide", "slide"},
		       {"LiveGifts.Alerts.Animation.Fade", "fade"},
		       {"LiveGifts.Alerts.Animation.Pop", "pop"}});
	obs_properties_add_int(alerts, "intro_ms", text("LiveGifts.Alerts.IntroMs"), 0, 5000, 50);
	obs_properties_add_int(alerts, "outro_ms", text("LiveGifts.Alerts.OutroMs"), 0, 5000, 50);
	obs_properties_add_group(props, "alerts", text("LiveGifts.Alerts.Behaviour"), OBS_GROUP_NORMAL, alerts);

	obs_properties_t *tiers = obs_properties_create();
	obs_properties_add_int(tiers, "tier1_min_coins", text("LiveGifts.Alerts.Tier1.MinCoins"), 0, 1000000000, 1);
	obs_properties_add_int(tiers, "tier1_duration_ms", text("LiveGifts.Alerts.Tier1.Duration"), 0, 120000, 100);
	obs_properties_add_color_alpha(tiers, "tier1_color_start", text("LiveGifts.Alerts.Tier1.ColorStart"));
	obs_properties_add_color_alpha(tiers, "tier1_color_end", text("LiveGifts.Alerts.Tier1.ColorEnd"));
	obs_properties_add_int(tiers, "tier2_min_coins", text("LiveGifts.Alerts.Tier2.MinCoins"), 0, 1000000000, 1);
	obs_properties_add_int(tiers, "tier2_duration_ms", text("LiveGifts.Alerts.Tier2.Duration"), 0, 120000, 100);
	obs_properties_add_color_alpha(tiers, "tier2_color_start", text("LiveGifts.Alerts.Tier2.ColorStart"));
	obs_properties_add_color_alpha(tiers, "tier2_color_end", text("LiveGifts.Alerts.Tier2.ColorEnd"));
	obs_properties_add_group(props, "tiers", text("LiveGifts.Alerts.Tiers"), OBS_GROUP_NORMAL, tiers);

	obs_properties_t *texts = obs_properties_create();
	obs_properties_add_text(texts, "line1", text("LiveGifts.Alerts.Line1"), OBS_TEXT_DEFAULT);
	obs_properties_add_text(texts, "line2", text("LiveGifts.Alerts.Line2"), OBS_TEXT_DEFAULT);
	obs_properties_add_text(texts, "line3", text("LiveGifts.Alerts.Line3"), OBS_TEXT_DEFAULT);
	obs_properties_add_text(texts, "combo_format", text("LiveGifts.Alerts.Combo"), OBS_TEXT_DEFAULT);
	obs_properties_add_text(texts, "template_help", text("LiveGifts.Alerts.TemplateHelp"), OBS_TEXT_INFO);
	obs_properties_add_bool(texts, "show_avatars", text("LiveGifts.Alerts.ShowAvatars"));
	obs_properties_add_bool(texts, "show_gift_images", text("LiveGifts.Alerts.ShowGiftImages"));
	obs_properties_add_group(props, "texts", text("LiveGifts.Alerts.Texts"), OBS_GROUP_NORMAL, texts);

	obs_properties_t *look = obs_properties_create();
	obs_properties_add_int(look, "width", text("LiveGifts.Width"), 64, 4096, 1);
	obs_properties_add_int(look, "height", text("LiveGifts.Height"), 32, 4096, 1);
	obs_properties_add_font(look, "font", text("LiveGifts.Font"));
	obs_properties_add_color_alpha(look, "text_color", text("LiveGifts.TextColor"));
	obs_properties_add_color_alpha(look, "secondary_color", text("LiveGifts.Alerts.SecondaryColor"));
	obs_properties_add_color_alpha(look, "background_color", text("LiveGifts.Alerts.Background"));
	obs_properties_add_color_alpha(look, "accent_start", text("LiveGifts.Alerts.AccentStart"));
	obs_properties_add_color_alpha(look, "accent_end", text("LiveGifts.Alerts.AccentEnd"));
	obs_properties_add_int_slider(look, "corner_radius", text("LiveGifts.CornerRadius"), 0, 200, 1);
	obs_properties_add_group(props, "look", text("LiveGifts.Look"), OBS_GROUP_NORMAL, look);

	obs_properties_t *control = obs_properties_create();
	addButton<&GiftAlertSource::requestTest>(control, "test", "LiveGifts.Alerts.Test");
	addButton<&GiftAlertSource::requestSkip>(control, "skip", "LiveGifts.Alerts.Skip");
	addButton<&GiftAlertSource::pause>(control, "pause", "LiveGifts.Alerts.Pause");
	addButton<&GiftAlertSource::resume>(control, "resume", "LiveGifts.Alerts.Resume");
	obs_properties_add_group(props, "control", text("LiveGifts.Alerts.Control"), OBS_GROUP_NORMAL, control);

	addConnectionProperties(props);
	return props;
}

void defaults(obs_data_t *settings)
{
	obs_data_set_default_int(settings, "min_coins", 0);
	obs_data_set_default_int(settings, "duration_ms", 5000);
	obs_data_set_default_string(settings, "animation_in", "slide");
	obs_data_set_default_string(settings, "animation_out", "fade");
	obs_data_set_default_int(settings, "intro_ms", 450);
	obs_data_set_default_int(settings, "outro_ms", 400);
	obs_data_set_default_int(settings, "tier1_min_coins", 100);
	obs_data_set_default_int(settings, "tier1_duration_ms", 7000);
	setColorDefault(settings, "tier1_color_start", 0xFFC629);
	setColorDefault(settings, "tier1_color_end", 0xFF6A1F);
	obs_data_set_default_int(settings, "tier2_min_coins", 1000);
	obs_data_set_default_int(settings, "tier2_duration_ms", 10000);
	setColorDefault(settings, "tier2_color_start", 0xC77DFF);
	setColorDefault(settings, "tier2_color_end", 0xFF3DCE);
	obs_data_set_default_string(settings, "line1", obs_module_text("LiveGifts.Alerts.DefaultLine1"));
	obs_data_set_default_string(settings, "line2", obs_module_text("LiveGifts.Alerts.DefaultLine2"));
	obs_data_set_default_string(settings, "line3", obs_module_text("LiveGifts.Alerts.DefaultLine3"));
	obs_data_set_default_string(settings, "combo_format", obs_module_text("LiveGifts.Alerts.DefaultCombo"));
	obs_data_set_default_bool(settings, "show_avatars", true);
	obs_data_set_default_bool(settings, "show_gift_images", true);
	obs_data_set_default_int(settings, "width", 640);
	obs_data_set_default_int(settings, "height", 160);
	setFontDefault(settings, "font", "Noto Sans", 36, true);
	setColorDefault(settings, "text_color", 0xFFFFFF);
	setColorDefault(settings, "secondary_color", 0xE6E1F0);
	setColorDefault(settings, "background_color", 0x17121F, 0xE6);
	setColorDefault(settings, "accent_start", 0xFE2C55);
	setColorDefault(settings, "accent_end", 0x25F4EE);
	obs_data_set_default_int(settings, "corner_radius", 28);
	setConnectionDefaults(settings);
}

} // namespace

obs_source_info giftAlertsSourceInfo()
{
	return makeSourceInfo<GiftAlertSource, properties, defaults>();
}

} // namespace livegifts::obs
