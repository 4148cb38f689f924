// The Goal Bar source: one goal of the engine per source (kind, target, scope, what happens on reach),
// shown as a title, "current / target", a percent and a rounded gradient bar that eases to new values
// and celebrates when the goal is reached. Horizontal or vertical. Text is rasterised by the raster
// worker only when it changes; the bar is drawn with data/effects/rounded-bar.effect.

#include "obs/sources/connection-properties.hpp"
#include "obs/render/gpu.hpp"
#include "obs/plugin-support.hpp"
#include "obs/render/raster-worker.hpp"
#include "obs/runtime.hpp"
#include "obs/sources/settings-util.hpp"
#include "obs/sources/source-base.hpp"
#include "obs/sources/sources.hpp"

#include "core/goal-types.hpp"
#include "core/template.hpp"

#include <obs-module.h>
#include <obs.h>
#include <obs.hpp>
#include <util/platform.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <string>

namespace livegifts::obs {
namespace {

constexpr float kEaseSeconds = 0.35f;
constexpr float kCelebrateSeconds = 2.4f;

enum class Orientation { Horizontal, Vertical };

// The look, copied from settings in update().
struct GoalBarStyle {
	Orientation orientation = Orientation::Horizontal;
	int width = 800;
	int height = 110;
	FontSpec font;
	Rgba textColor;
	BarStyle fill;
	BarStyle track;
	Rgba celebrateColor;
	bool showPercent = true;
	std::string valueFormat;
};

struct GoalBarConfig {
	GoalSpec goal;
	GoalBarStyle style;
};

// What the goal shows right now (from the engine's snapshot).
struct GoalValues {
	std::string title;
	std::int64_t current = 0;
	std::int64_t target = 0;
	double fraction = 0.0;
	std::int64_t timesReached = 0;
	bool reached = false;
	bool operator==(const GoalValues &) const = default;
};

struct GoalBarLayout {
	float barX = 0, barY = 0, barW = 0, barH = 0;
	std::vector<TextItem> texts;
};

// "Stage title = target" lines of a goal list.
std::vector<GoalStage> parseStages(const std::string &text)
{
	std::vector<GoalStage> stages;
	std::istringstream in(text);
	std::string line;
	while (std::getline(in, line)) {
		const size_t eq = line.rfind('=');
		if (eq == std::string::npos) {
			continue;
		}
		GoalStage stage;
		stage.title = line.substr(0, eq);
		while (!stage.title.empty() && std::isspace(static_cast<unsigned char>(stage.title.back()))) {
			stage.title.pop_back();
		}
		try {
			stage.target = std::stoll(line.substr(eq + 1));
		} catch (const std::exception &) {
			continue;
		}
		if (stage.target > 0) {
			stages.push_back(stage);
		}
	}
	return stages;
}

std::string valueText(const GoalBarStyle &style, const GoalValues &values)
{
	TemplateVars vars;
	vars.set("current", formatCount(values.current));
	vars.set("target", formatCount(values.target));
	vars.set("percent", std::to_string(static_cast<long long>(std::floor(values.fraction * 100.0))) + "%");
	vars.set("title", values.title);
	return renderTemplate(style.valueFormat, vars);
}

std::string percentText(const GoalValues &values)
{
	const double percent =
	    values.target > 0 ? 100.0 * static_cast<double>(values.current) / static_cast<double>(values.target) : 0.0;
	return std::to_string(static_cast<long long>(std::floor(std::max(0.0, percent)))) + "%";
}

GoalBarLayout layOut(const GoalBarStyle &style, const GoalValues &values)
{
	GoalBarLayout layout;
	const int w = style.width;
	const int h = style.height;
	const int font = style.font.pixelSize;
	const int row = static_cast<int>(std::lround(font * 1.35));
	const int gap = std::max(2, font / 4);
	TextItem title{sanitizeUserText(values.title), style.font, style.textColor};
	TextItem value{valueText(style, values), style.font, style.textColor};
	TextItem percent{style.showPercent ? percentText(values) : std::string(), style.font, style.textColor};
	percent.font.pixelSize = std::max(8, font * 4 / 5);
	percent.align = HAlign::Center;
	if (style.orientation == Orientation::Horizontal) {
		layout.barX = 0;
		layout.barY = static_cast<float>(row + gap);
		layout.barW = static_cast<float>(w);
		layout.barH = static_cast<float>(std::max(4, h - row - gap));
		title.height = row;
		value.height = row;
		value.align = HAlign::Right;
		// The value keeps its room; the title gets the rest and elides.
		value.width = w * 9 / 20;
		value.x = w - value.width;
		title.width = w - value.width - gap;
		percent.y = static_cast<int>(layout.barY);
		percent.width = w;
		percent.height = static_cast<int>(layout.barH);
	} else {
		title.width = w;
		title.height = row;
		title.align = HAlign::Center;
		value.y = h - row;
		value.width = w;
		value.height = row;
		value.align = HAlign::Center;
		layout.barW = static_cast<float>(std::max(8, std::min(w, font * 2)));
		layout.barX = (static_cast<float>(w) - layout.barW) / 2.0f;
		layout.barY = static_cast<float>(row + gap);
		layout.barH = static_cast<float>(std::max(4, h - 2 * (row + gap)));
		percent.y = static_cast<int>(layout.barY + layout.barH / 2.0f) - row / 2;
		percent.width = w;
		percent.height = row;
	}
	layout.texts = {title, value};
	if (style.showPercent && layout.barH >= static_cast<float>(percent.font.pixelSize)) {
		layout.texts.push_back(percent);
	}
	return layout;
}

// A new id for a goal: stored in the source's settings so the goal keeps its progress across restarts.
std::string newGoalId()
{
	std::random_device random;
	std::ostringstream id;
	id << "goal-" << std::hex << random() << random();
	return id.str();
}

GoalBarConfig readConfig(obs_data_t *settings)
{
	GoalBarConfig config;
	GoalSpec &goal = config.goal;
	goal.id = getString(settings, "goal_id");
	goal.title = getString(settings, "title");
	parseGoalKind(getString(settings, "goal_kind"), goal.kind);
	goal.giftId = obs_data_get_int(settings, "gift_id");
	goal.start = obs_data_get_int(settings, "start");
	goal.target = std::max<long long>(1, obs_data_get_int(settings, "target"));
	parseGoalScope(getString(settings, "scope"), goal.scope);
	parseGoalOnReach(getString(settings, "on_reach"), goal.onReach);
	goal.repeatStep = obs_data_get_int(settings, "repeat_step");
	goal.stages = parseStages(getString(settings, "stages"));

	GoalBarStyle &style = config.style;
	style.orientation =
	    getString(settings, "orientation") == "vertical" ? Orientation::Vertical : Orientation::Horizontal;
	style.width = static_cast<int>(std::clamp<long long>(obs_data_get_int(settings, "width"), 16, 4096));
	style.height = static_cast<int>(std::clamp<long long>(obs_data_get_int(settings, "height"), 16, 4096));
	style.font = getFont(settings, "font");
	style.textColor = getColor(settings, "text_color");
	style.fill.start = getColor(settings, "fill_color_start");
	style.fill.end = getColor(settings, "fill_color_end");
	style.track.start = style.track.end = getColor(settings, "track_color");
	style.celebrateColor = getColor(settings, "celebrate_color");
	style.fill.radius = style.track.radius = static_cast<float>(obs_data_get_int(settings, "corner_radius"));
	style.showPercent = obs_data_get_bool(settings, "show_percent");
	style.valueFormat = getString(settings, "value_format");
	return config;
}

class GoalBarSource final : public SourceBase {
public:
	static constexpr SourceNames kNames{"live_gifts_goal_bar", "LiveGifts.GoalBar", "goal bar"};

	GoalBarSource(obs_data_t *settings, obs_source_t *source) : SourceBase(source)
	{
		if (getString(settings, "goal_id").empty()) {
			obs_data_set_string(settings, "goal_id", newGoalId().c_str());
		}
		update(settings);
		LG_SOURCE_LOG(LOG_INFO, source, "goal bar created");
	}

	~GoalBarSource() override { Runtime::instance().removeGoal(goalId_); }

	// Copies settings only (no I/O): the runtime applies goal and connection changes on its threads.
	void update(obs_data_t *settings)
	{
		GoalBarConfig config = readConfig(settings);
		goalId_ = config.goal.id;
		Runtime::instance().setGoal(config.goal);
		std::lock_guard lock(pendingMutex_);
		pending_ = std::move(config);
	}

	void tick(float seconds)
	{
		const float dt = advance(seconds);
		std::optional<GoalBarConfig> next;
		{
			std::lock_guard lock(pendingMutex_);
			next.swap(pending_);
		}
		const bool restyled = next.has_value();
		if (next) {
			config_ = std::move(*next);
		}
		// Nothing to look at unless the settings or the engine's snapshot changed (no work, no allocation
		// per frame in steady state).
		const SnapshotPtr snapshot = Runtime::instance().snapshot();
		const bool engineChanged = !configured_ || snapshot->version != seenVersion_;
		seenVersion_ = snapshot->version;
		const GoalValues values = restyled || engineChanged ? readValues(*snapshot) : values_;
		if (restyled || !configured_ || !(values == values_)) {
			if (configured_ && values.timesReached > values_.timesReached) {
				celebrate_ = kCelebrateSeconds;
			}
			if (!configured_) {
				shown_ = static_cast<float>(values.fraction);
			}
			values_ = values;
			relayout();
			configured_ = true;
		}
		const float goal = static_cast<float>(values_.fraction);
		shown_ += (goal - shown_) * (1.0f - std::exp(-dt / kEaseSeconds));
		if (std::fabs(goal - shown_) < 0.0005f) {
			shown_ = goal;
		}
		celebrate_ = std::max(0.0f, celebrate_ - dt);
	}

	void render()
	{
		text_.sync();
		DrawScope scope;
		const GoalBarStyle &style = config_.style;
		const bool vertical = style.orientation == Orientation::Vertical;
		BarPainter::drawTrack(layout_.barX, layout_.barY, layout_.barW, layout_.barH, style.track);
		BarPainter::drawFill(layout_.barX, layout_.barY, layout_.barW, layout_.barH, shown_, vertical,
				     style.fill);
		if (celebrate_ > 0.0f) {
			// Three soft flashes of the whole bar in the celebration colour.
			const float t = 1.0f - celebrate_ / kCelebrateSeconds;
			const float flash = 0.5f - 0.5f * std::cos(t * 6.0f * 3.14159265f);
			BarStyle glow = style.track;
			glow.start = glow.end = style.celebrateColor;
			glow.start.a = glow.end.a = static_cast<uint8_t>(flash * (1.0f - t) * 0.55f * 255.0f);
			BarPainter::drawTrack(layout_.barX, layout_.barY, layout_.barW, layout_.barH, glow);
		}
		text_.draw(0.0f, 0.0f);
	}

	uint32_t width() const { return static_cast<uint32_t>(config_.style.width); }
	uint32_t height() const { return static_cast<uint32_t>(config_.style.height); }

private:
	GoalValues readValues(const Snapshot &snapshot) const
	{
		GoalValues values;
		values.title = config_.goal.title;
		values.target = config_.goal.target;
		values.current = config_.goal.start;
		values.fraction =
		    std::clamp(static_cast<double>(values.current) / static_cast<double>(values.target), 0.0, 1.0);
		const auto found = snapshot.goals.find(config_.goal.id);
		if (found != snapshot.goals.end()) {
			const GoalState &state = found->second;
			if (!state.title.empty()) {
				values.title = state.title;
			}
			values.current = state.current;
			values.target = state.target;
			values.fraction = state.fraction;
			values.timesReached = state.timesReached;
			values.reached = state.reached;
		}
		return values;
	}

	void relayout()
	{
		GoalBarLayout layout = layOut(config_.style, values_);
		if (!configured_ || layout.texts != layout_.texts) {
			RasterWorker::instance().post(
			    textSlot_, [texts = layout.texts, w = config_.style.width, h = config_.style.height] {
				    return rasterizeText(texts, w, h);
			    });
		}
		layout_ = std::move(layout);
	}

	bool settled() const override
	{
		return configured_ && text_.settled() && shown_ == static_cast<float>(values_.fraction) &&
		       celebrate_ <= 0.0f;
	}

	bool ready() const override { return configured_ && text_.settled(); }

	std::string goalId_;
	std::mutex pendingMutex_;              // guards pending_
	std::optional<GoalBarConfig> pending_; // written by update(), taken by tick()
	// Video/graphics thread only:
	GoalBarConfig config_;
	GoalValues values_;
	GoalBarLayout layout_;
	bool configured_ = false;
	float shown_ = 0.0f;
	float celebrate_ = 0.0f;   // seconds of celebration left
	uint64_t seenVersion_ = 0; // snapshot version the values were read from
	std::shared_ptr<RasterSlot> textSlot_ = std::make_shared<RasterSlot>();
	SpriteLayer text_{textSlot_};
};

bool kindModified(obs_properties_t *props, obs_property_t *, obs_data_t *settings)
{
	obs_property_set_visible(obs_properties_get(props, "gift_id"), getString(settings, "goal_kind") == "gift");
	const std::string onReach = getString(settings, "on_reach");
	obs_property_set_visible(obs_properties_get(props, "repeat_step"), onReach == "repeat");
	obs_property_set_visible(obs_properties_get(props, "stages"), onReach == "next");
	return true;
}

// A list whose choice shows or hides other goal fields.
void addList(obs_properties_t *props, const char *name, const char *label,
	     std::initializer_list<std::pair<const char *, const char *>> items)
{
	obs_property_set_modified_callback(addStringList(props, name, label, items), kindModified);
}

obs_properties_t *properties(void *)
{
	obs_properties_t *props = obs_properties_create();

	obs_properties_t *goal = obs_properties_create();
	obs_properties_add_text(goal, "title", text("LiveGifts.Goal.Title"), OBS_TEXT_DEFAULT);
	addList(goal, "goal_kind", "LiveGifts.Goal.Kind",
		{{"LiveGifts.Goal.Kind.Coins", "coins"},
		 {"LiveGifts.Goal.Kind.Gift", "gift"},
		 {"LiveGifts.Goal.Kind.Likes", "likes"},
		 {"LiveGifts.Goal.Kind.Follows", "follows"},
		 {"LiveGifts.Goal.Kind.Shares", "shares"},
		 {"LiveGifts.Goal.Kind.Subscribers", "subscribers"}});
	obs_properties_add_int(goal, "gift_id", text("LiveGifts.Goal.GiftId"), 0, 1000000000, 1);
	obs_properties_add_int(goal, "target", text("LiveGifts.Goal.Target"), 1, 2000000000, 1);
	obs_properties_add_int(goal, "start", text("LiveGifts.Goal.Start"), 0, 2000000000, 1);
	addList(goal, "scope", "LiveGifts.Goal.Scope",
		{{"LiveGifts.Scope.Stream", "stream"},
		 {"LiveGifts.Scope.SinceReset", "since_reset"},
		 {"LiveGifts.Scope.AllTime", "all_time"}});
	addList(goal, "on_reach", "LiveGifts.Goal.OnReach",
		{{"LiveGifts.Goal.OnReach.Hold", "hold"},
		 {"LiveGifts.Goal.OnReach.Repeat", "repeat"},
		 {"LiveGifts.Goal.OnReach.Next", "next"}});
	obs_properties_add_int(goal, "repeat_step", text("LiveGifts.Goal.RepeatStep"), 0, 2000000000, 1);
	obs_properties_add_text(goal, "stages", text("LiveGifts.Goal.Stages"), OBS_TEXT_MULTILINE);
	obs_properties_add_button(goal, "reset_goal", text("LiveGifts.Goal.Reset"),
				  [](obs_properties_t *, obs_property_t *, void *data) {
					  auto *self = static_cast<GoalBarSource *>(data);
					  OBSDataAutoRelease settings(obs_source_get_settings(self->source()));
					  const std::string id = getString(settings, "goal_id");
					  guarded("reset goal", [&] { Runtime::instance().resetGoal(id); });
					  return false;
				  });
	obs_properties_add_group(props, "goal", text("LiveGifts.Goal"), OBS_GROUP_NORMAL, goal);

	obs_properties_t *look = obs_properties_create();
	obs_property_t *orientation = obs_properties_add_list(look, "orientation", text("LiveGifts.Orientation"),
							      OBS_COMBO_TYPE_LIST, OBS_COMBO_FORMAT_STRING);
	obs_property_list_add_string(orientation, text("LiveGifts.Orientation.Horizontal"), "horizontal");
	obs_property_list_add_string(orientation, text("LiveGifts.Orientation.Vertical"), "vertical");
	obs_properties_add_int(look, "width", text("LiveGifts.Width"), 16, 4096, 1);
	obs_properties_add_int(look, "height", text("LiveGifts.Height"), 16, 4096, 1);
	obs_properties_add_font(look, "font", text("LiveGifts.Font"));
	obs_properties_add_color_alpha(look, "text_color", text("LiveGifts.TextColor"));
	obs_properties_add_color_alpha(look, "fill_color_start", text("LiveGifts.Goal.FillStart"));
	obs_properties_add_color_alpha(look, "fill_color_end", text("LiveGifts.Goal.FillEnd"));
	obs_properties_add_color_alpha(look, "track_color", text("LiveGifts.Goal.Track"));
	obs_properties_add_color_alpha(look, "celebrate_color", text("LiveGifts.Goal.Celebrate"));
	obs_properties_add_int_slider(look, "corner_radius", text("LiveGifts.CornerRadius"), 0, 200, 1);
	obs_properties_add_bool(look, "show_percent", text("LiveGifts.Goal.ShowPercent"));
	obs_properties_add_text(look, "value_format", text("LiveGifts.Goal.ValueFormat"), OBS_TEXT_DEFAULT);
	obs_properties_add_group(props, "look", text("LiveGifts.Look"), OBS_GROUP_NORMAL, look);

	addConnectionProperties(props);
	return props;
}

void defaults(obs_data_t *settings)
{
	obs_data_set_default_string(settings, "title", obs_module_text("LiveGifts.Goal.DefaultTitle"));
	obs_data_set_default_string(settings, "goal_kind", "coins");
	obs_data_set_default_int(settings, "target", 1000);
	obs_data_set_default_int(settings, "start", 0);
	obs_data_set_default_string(settings, "scope", "stream");
	obs_data_set_default_string(settings, "on_reach", "hold");
	obs_data_set_default_int(settings, "repeat_step", 0);
	obs_data_set_default_string(settings, "orientation", "horizontal");
	obs_data_set_default_int(settings, "width", 800);
	obs_data_set_default_int(settings, "height", 110);
	setFontDefault(settings, "font", "Noto Sans", 34, true);
	obs_data_set_default_int(settings, "text_color", 0xFFFFFFFF);
	obs_data_set_default_int(settings, "fill_color_start", 0xFF7A3DFE); // #FE3D7A
	obs_data_set_default_int(settings, "fill_color_end", 0xFFF2D425);   // #25D4F2
	obs_data_set_default_int(settings, "track_color", 0xB0201818);
	obs_data_set_default_int(settings, "celebrate_color", 0xFF7FE6FF); // #FFE67F
	obs_data_set_default_int(settings, "corner_radius", 22);
	obs_data_set_default_bool(settings, "show_percent", true);
	obs_data_set_default_string(settings, "value_format", "{current} / {target}");
	setConnectionDefaults(settings);
}

} // namespace

obs_source_info goalBarSourceInfo()
{
	return makeSourceInfo<GoalBarSource, properties, defaults>();
}

} // namespace livegifts::obs
