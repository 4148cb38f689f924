// The Goal Bar source: a title, "current / target", a percent and a rounded gradient bar that eases to
// new values. Text is rasterised by the raster worker; the bar is drawn with data/effects/rounded-bar.

#include "gpu.hpp"
#include "plugin-support.hpp"
#include "raster-worker.hpp"
#include "settings-util.hpp"
#include "sources.hpp"

#include <obs-module.h>
#include <obs.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <optional>
#include <string>

namespace livegifts::obs {
namespace {

constexpr const char *kId = "live_gifts_goal_bar";

enum class Orientation { Horizontal, Vertical };

// Everything the source shows, copied from settings in update().
struct GoalBarConfig {
	std::string title;
	long long current = 0;
	long long target = 1000;
	Orientation orientation = Orientation::Horizontal;
	int width = 800;
	int height = 110;
	FontSpec font;
	Rgba textColor;
	BarStyle fill;
	BarStyle track;
	bool showPercent = true;
	std::string valueFormat;
};

// Where things go inside the source, derived from the config.
struct GoalBarLayout {
	float barX = 0, barY = 0, barW = 0, barH = 0;
	std::vector<TextItem> texts;
};

float targetFraction(const GoalBarConfig &config)
{
	if (config.target <= 0) {
		return config.current > 0 ? 1.0f : 0.0f;
	}
	return static_cast<float>(
	    std::clamp(static_cast<double>(config.current) / static_cast<double>(config.target), 0.0, 1.0));
}

std::string valueText(const GoalBarConfig &config)
{
	std::string text = config.valueFormat;
	auto replace = [&text](const std::string &key, const std::string &value) {
		for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
			text.replace(at, key.size(), value);
		}
	};
	replace("{current}", groupThousands(config.current));
	replace("{target}", groupThousands(config.target));
	return text;
}

std::string percentText(const GoalBarConfig &config)
{
	const double percent =
	    config.target > 0 ? 100.0 * static_cast<double>(config.current) / static_cast<double>(config.target) : 0.0;
	return std::to_string(static_cast<long long>(std::floor(std::max(0.0, percent)))) + "%";
}

GoalBarLayout layOut(const GoalBarConfig &config)
{
	GoalBarLayout layout;
	const int w = config.width;
	const int h = config.height;
	const int font = config.font.pixelSize;
	const int row = static_cast<int>(std::lround(font * 1.35));
	const int gap = std::max(2, font / 4);
	TextItem title{config.title, config.font, config.textColor};
	TextItem value{valueText(config), config.font, config.textColor};
	TextItem percent{config.showPercent ? percentText(config) : std::string(), config.font, config.textColor};
	percent.font.pixelSize = std::max(8, font * 4 / 5);
	percent.align = HAlign::Center;
	if (config.orientation == Orientation::Horizontal) {
		layout.barX = 0;
		layout.barY = static_cast<float>(row + gap);
		layout.barW = static_cast<float>(w);
		layout.barH = static_cast<float>(std::max(4, h - row - gap));
		title.x = 0;
		title.y = 0;
		title.height = row;
		value.height = row;
		value.align = HAlign::Right;
		value.y = 0;
		// The value keeps its room; the title gets the rest and elides.
		value.width = w / 2;
		value.x = w - value.width;
		title.width = w - value.width - gap;
		percent.x = 0;
		percent.y = static_cast<int>(layout.barY);
		percent.width = w;
		percent.height = static_cast<int>(layout.barH);
	} else {
		title.x = 0;
		title.y = 0;
		title.width = w;
		title.height = row;
		title.align = HAlign::Center;
		value.x = 0;
		value.y = h - row;
		value.width = w;
		value.height = row;
		value.align = HAlign::Center;
		layout.barW = static_cast<float>(std::max(8, std::min(w, font * 2)));
		layout.barX = (static_cast<float>(w) - layout.barW) / 2.0f;
		layout.barY = static_cast<float>(row + gap);
		layout.barH = static_cast<float>(std::max(4, h - 2 * (row + gap)));
		percent.x = 0;
		percent.y = static_cast<int>(layout.barY + layout.barH / 2.0f) - row / 2;
		percent.width = w;
		percent.height = row;
	}
	layout.texts = {title, value};
	if (config.showPercent && layout.barH >= static_cast<float>(percent.font.pixelSize)) {
		layout.texts.push_back(percent);
	}
	return layout;
}

class GoalBarSource {
      public:
	GoalBarSource(obs_data_t *settings, obs_source_t *source) : source_(source)
	{
		update(settings);
		proc_handler_t *handler = obs_source_get_proc_handler(source);
		proc_handler_add(handler, "void live_gifts_settled(out bool settled)", &GoalBarSource::settledProc,
				 this);
		LG_SOURCE_LOG(LOG_INFO, source_, "goal bar created");
	}

	// Runs on whichever thread OBS updates from: copy only.
	void update(obs_data_t *settings)
	{
		GoalBarConfig config;
		config.title = getString(settings, "title");
		config.current = obs_data_get_int(settings, "current");
		config.target = obs_data_get_int(settings, "target");
		config.orientation =
		    getString(settings, "orientation") == "vertical" ? Orientation::Vertical : Orientation::Horizontal;
		config.width = static_cast<int>(std::clamp<long long>(obs_data_get_int(settings, "width"), 16, 4096));
		config.height = static_cast<int>(std::clamp<long long>(obs_data_get_int(settings, "height"), 16, 4096));
		config.font = getFont(settings, "font");
		config.textColor = getColor(settings, "text_color");
		config.fill.start = getColor(settings, "fill_color_start");
		config.fill.end = getColor(settings, "fill_color_end");
		config.track.start = config.track.end = getColor(settings, "track_color");
		config.fill.radius = config.track.radius =
		    static_cast<float>(obs_data_get_int(settings, "corner_radius"));
		config.showPercent = obs_data_get_bool(settings, "show_percent");
		config.valueFormat = getString(settings, "value_format");
		std::lock_guard lock(pendingMutex_);
		pending_ = std::move(config);
	}

	void tick(float seconds)
	{
		std::optional<GoalBarConfig> next;
		{
			std::lock_guard lock(pendingMutex_);
			next.swap(pending_);
		}
		if (next) {
			applyConfig(std::move(*next));
		}
		const float goal = targetFraction(config_);
		const float step = 1.0f - std::exp(-std::max(seconds, 0.0f) / kEaseSeconds);
		shown_ += (goal - shown_) * step;
		if (std::fabs(goal - shown_) < 0.0005f) {
			shown_ = goal;
		}
	}

	void render()
	{
		text_.sync();
		DrawScope scope;
		BarPainter::drawTrack(layout_.barX, layout_.barY, layout_.barW, layout_.barH, config_.track);
		BarPainter::drawFill(layout_.barX, layout_.barY, layout_.barW, layout_.barH, shown_,
				     config_.orientation == Orientation::Vertical, config_.fill);
		text_.draw(0.0f, 0.0f);
	}

	uint32_t width() const { return static_cast<uint32_t>(config_.width); }
	uint32_t height() const { return static_cast<uint32_t>(config_.height); }

      private:
	static constexpr float kEaseSeconds = 0.25f;

	void applyConfig(GoalBarConfig config)
	{
		const bool first = !configured_;
		config_ = std::move(config);
		configured_ = true;
		GoalBarLayout layout = layOut(config_);
		if (first || layout.texts != layout_.texts) {
			RasterWorker::instance().post(textSlot_,
						      [texts = layout.texts, w = config_.width, h = config_.height] {
							      return rasterizeText(texts, w, h);
						      });
		}
		layout_ = std::move(layout);
		if (first) {
			shown_ = targetFraction(config_);
		}
	}

	bool settled() const { return text_.settled() && shown_ == targetFraction(config_); }

	static void settledProc(void *data, calldata_t *params)
	{
		guarded("goal bar settled", [&] {
			auto *self = static_cast<GoalBarSource *>(data);
			calldata_set_bool(params, "settled", self->settled());
		});
	}

	obs_source_t *source_;
	std::mutex pendingMutex_;              // guards pending_
	std::optional<GoalBarConfig> pending_; // written by update(), taken by tick()
	// Video/graphics thread only:
	GoalBarConfig config_;
	GoalBarLayout layout_;
	bool configured_ = false;
	float shown_ = 0.0f;
	std::shared_ptr<RasterSlot> textSlot_ = std::make_shared<RasterSlot>();
	SpriteLayer text_{textSlot_};
};

obs_properties_t *properties(void *)
{
	obs_properties_t *props = obs_properties_create();
	obs_properties_add_text(props, "title", text("LiveGifts.Goal.Title"), OBS_TEXT_DEFAULT);
	obs_properties_add_int(props, "current", text("LiveGifts.Goal.Current"), 0, 1000000000, 1);
	obs_properties_add_int(props, "target", text("LiveGifts.Goal.Target"), 1, 1000000000, 1);
	obs_property_t *orientation = obs_properties_add_list(props, "orientation", text("LiveGifts.Orientation"),
							      OBS_COMBO_TYPE_LIST, OBS_COMBO_FORMAT_STRING);
	obs_property_list_add_string(orientation, text("LiveGifts.Orientation.Horizontal"), "horizontal");
	obs_property_list_add_string(orientation, text("LiveGifts.Orientation.Vertical"), "vertical");
	obs_properties_add_int(props, "width", text("LiveGifts.Width"), 16, 4096, 1);
	obs_properties_add_int(props, "height", text("LiveGifts.Height"), 16, 4096, 1);
	obs_properties_add_font(props, "font", text("LiveGifts.Font"));
	obs_properties_add_color_alpha(props, "text_color", text("LiveGifts.TextColor"));
	obs_properties_add_color_alpha(props, "fill_color_start", text("LiveGifts.Goal.FillStart"));
	obs_properties_add_color_alpha(props, "fill_color_end", text("LiveGifts.Goal.FillEnd"));
	obs_properties_add_color_alpha(props, "track_color", text("LiveGifts.Goal.Track"));
	obs_properties_add_int_slider(props, "corner_radius", text("LiveGifts.CornerRadius"), 0, 200, 1);
	obs_properties_add_bool(props, "show_percent", text("LiveGifts.Goal.ShowPercent"));
	obs_properties_add_text(props, "value_format", text("LiveGifts.Goal.ValueFormat"), OBS_TEXT_DEFAULT);
	return props;
}

void defaults(obs_data_t *settings)
{
	obs_data_set_default_string(settings, "title", obs_module_text("LiveGifts.Goal.DefaultTitle"));
	obs_data_set_default_int(settings, "current", 0);
	obs_data_set_default_int(settings, "target", 1000);
	obs_data_set_default_string(settings, "orientation", "horizontal");
	obs_data_set_default_int(settings, "width", 800);
	obs_data_set_default_int(settings, "height", 110);
	setFontDefault(settings, "font", "Noto Sans", 34, true);
	obs_data_set_default_int(settings, "text_color", 0xFFFFFFFF);
	obs_data_set_default_int(settings, "fill_color_start", 0xFF7A3DFE); // pink  #FE3D7A
	obs_data_set_default_int(settings, "fill_color_end", 0xFFF2D425);   // cyan  #25D4F2
	obs_data_set_default_int(settings, "track_color", 0xB0201818);      // dark translucent
	obs_data_set_default_int(settings, "corner_radius", 22);
	obs_data_set_default_bool(settings, "show_percent", true);
	obs_data_set_default_string(settings, "value_format", "{current} / {target}");
}

} // namespace

obs_source_info goalBarSourceInfo()
{
	obs_source_info info = {};
	info.id = kId;
	info.type = OBS_SOURCE_TYPE_INPUT;
	info.output_flags = OBS_SOURCE_VIDEO | OBS_SOURCE_CUSTOM_DRAW;
	info.icon_type = OBS_ICON_TYPE_TEXT;
	info.get_name = [](void *) { return obs_module_text("LiveGifts.GoalBar"); };
	info.create = [](obs_data_t *settings, obs_source_t *source) -> void * {
		return guarded("goal bar create", static_cast<GoalBarSource *>(nullptr),
			       [&] { return new GoalBarSource(settings, source); });
	};
	info.destroy = [](void *data) {
		guarded("goal bar destroy", [&] { delete static_cast<GoalBarSource *>(data); });
	};
	info.update = [](void *data, obs_data_t *settings) {
		guarded("goal bar update", [&] { static_cast<GoalBarSource *>(data)->update(settings); });
	};
	info.video_tick = [](void *data, float seconds) {
		guarded("goal bar tick", [&] { static_cast<GoalBarSource *>(data)->tick(seconds); });
	};
	info.video_render = [](void *data, gs_effect_t *) {
		guarded("goal bar render", [&] { static_cast<GoalBarSource *>(data)->render(); });
	};
	info.get_width = [](void *data) { return static_cast<GoalBarSource *>(data)->width(); };
	info.get_height = [](void *data) { return static_cast<GoalBarSource *>(data)->height(); };
	info.get_properties = properties;
	info.get_defaults = defaults;
	return info;
}

} // namespace livegifts::obs
