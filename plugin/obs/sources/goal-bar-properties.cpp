#include "obs/sources/goal-bar-properties.hpp"

#include "obs/api/goal-change.hpp"
#include "obs/dock/dock-widgets.hpp"
#include "obs/dock/status-text.hpp"
#include "obs/plugin-support.hpp"
#include "obs/sources/settings-util.hpp"
#include "obs/sources/style-group.hpp"
#include "obs/sources/tooltips.hpp"

#include <QApplication>
#include <QThread>

#include <algorithm>
#include <string>

namespace livegifts::obs {

namespace {

// The properties' Reset asks first, as the dock's does, in OBS's window. A click from elsewhere resets as a
// hotkey does: a host without Qt Widgets (a bare libobs, its tests) has no window to ask in, and a press sent
// by obs-websocket (PressInputPropertiesButton) comes on one of its threads, where no dialog may open.
bool resetConfirmed(void *source)
{
	const auto *app = qobject_cast<QApplication *>(QCoreApplication::instance());
	if (app == nullptr || QThread::currentThread() != app->thread()) {
		return true;
	}
	const std::string goalTitle = goalTitleOf(source);
	const QString title = dock::userText(goalTitle.empty() ? goalIdOf(source) : goalTitle);
	return dock::askYesNo(QApplication::activeWindow(), dock::loc("LiveGifts.Goal.Reset"),
			      dock::loc("LiveGifts.Dock.GoalResetAsk").arg(title));
}

} // namespace

GoalBarConfig readGoalBarConfig(obs_data_t *settings)
{
	GoalBarConfig config;
	GoalSpec &goal = config.goal;
	goal.id = getString(settings, "goal_id");
	goal.title = getString(settings, "title");
	parseGoalKind(getString(settings, "goal_kind"), goal.kind);
	goal.giftId = getInt(settings, "gift_id");
	// The properties' own ranges, also for a value a scene file or a request wrote past them (1e30, -5).
	goal.start = std::clamp<long long>(getInt(settings, "start"), 0, api::kMaxGoalNumber);
	goal.target = std::clamp<long long>(getInt(settings, "target"), 1, api::kMaxGoalNumber);
	parseGoalScope(getString(settings, "scope"), goal.scope);
	parseGoalOnReach(getString(settings, "on_reach"), goal.onReach);
	goal.repeatStep = std::clamp<long long>(getInt(settings, "repeat_step"), 0, api::kMaxGoalNumber);
	goal.stages = view::parseStages(getString(settings, "stages"));
	goal.battleSide = trimmed(getString(settings, "battle_side"));
	goal.wholeRoom = goalCanCountRoom(goal.kind) && obs_data_get_bool(settings, "whole_room");

	view::GoalBarStyle &style = config.style;
	style.orientation = getString(settings, "orientation") == "vertical" ? view::Orientation::Vertical
									     : view::Orientation::Horizontal;
	style.width = static_cast<int>(std::clamp<long long>(getInt(settings, "width"), 16, 4096));
	style.height = static_cast<int>(std::clamp<long long>(getInt(settings, "height"), 16, 4096));
	style.font = getFont(settings, "font");
	style.textColor = getColor(settings, "text_color");
	style.fill.start = getColor(settings, "fill_color_start");
	style.fill.end = getColor(settings, "fill_color_end");
	style.track.start = style.track.end = getColor(settings, "track_color");
	style.celebrateColor = getColor(settings, "celebrate_color");
	style.opponent.start = style.opponent.end = getColor(settings, "opponent_color");
	style.fill.radius = style.track.radius = style.opponent.radius =
	    static_cast<float>(getInt(settings, "corner_radius"));
	style.showPercent = obs_data_get_bool(settings, "show_percent");
	style.valueFormat = getString(settings, "value_format");
	style.doneTitle = obs_module_text("LiveGifts.Goal.AllReached");
	style.unit = view::nounOf(goal.kind);
	style.effects = readTextEffects(settings);
	style.words = localeWording();
	return config;
}

namespace {

void setVisible(obs_properties_t *props, const char *name, bool visible)
{
	if (obs_property_t *property = obs_properties_get(props, name)) {
		obs_property_set_visible(property, visible);
	}
}

bool kindModified(obs_properties_t *props, obs_property_t *, obs_data_t *settings)
{
	const std::string kindName = getString(settings, "goal_kind");
	GoalKind kind = GoalKind::Coins;
	parseGoalKind(kindName, kind);
	// Battles and TikTok's goal show what TikTok tells: nothing of the plugin's counting applies to them.
	const bool counted = !goalMirrors(kind);
	const bool battle = kind == GoalKind::BattlePoints || kind == GoalKind::BattleWin;
	setVisible(props, "gift_id", kind == GoalKind::GiftCount);
	setVisible(props, "target", kind != GoalKind::BattleWin && kind != GoalKind::TikTokGoal);
	setVisible(props, "start", counted);
	setVisible(props, "scope", counted);
	setVisible(props, "on_reach", counted);
	setVisible(props, "reset_goal", counted);
	setVisible(props, "battle_side", battle);
	setVisible(props, "whole_room", goalCanCountRoom(kind));
	setVisible(props, "opponent_color", kind == GoalKind::BattleWin);
	const std::string onReach = getString(settings, "on_reach");
	setVisible(props, "repeat_step", counted && onReach == "repeat");
	setVisible(props, "stages", counted && onReach == "next");
	return true;
}

// A list whose choice shows or hides other goal fields.
void addList(obs_properties_t *props, const char *name, const char *label,
	     std::initializer_list<std::pair<const char *, const char *>> items)
{
	obs_property_set_modified_callback(addStringList(props, name, label, items), kindModified);
}

} // namespace

obs_properties_t *goalBarProperties(void *data)
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
		 {"LiveGifts.Goal.Kind.Subscribers", "subscribers"},
		 {"LiveGifts.Goal.Kind.SuperFans", "superfans"},
		 {"LiveGifts.Goal.Kind.BattlePoints", "battle_points"},
		 {"LiveGifts.Goal.Kind.BattleWin", "battle_win"},
		 {"LiveGifts.Goal.Kind.TikTokGoal", "tiktok_goal"}});
	obs_properties_add_int(goal, "gift_id", text("LiveGifts.Goal.GiftId"), 0, 1000000000, 1);
	obs_properties_add_bool(goal, "whole_room", text("LiveGifts.Goal.WholeRoom"));
	obs_properties_add_text(goal, "battle_side", text("LiveGifts.Goal.BattleSide"), OBS_TEXT_DEFAULT);
	obs_properties_add_int(goal, "target", text("LiveGifts.Goal.Target"), 1, api::kMaxGoalNumber, 1);
	obs_properties_add_int(goal, "start", text("LiveGifts.Goal.Start"), 0, api::kMaxGoalNumber, 1);
	addList(goal, "scope", "LiveGifts.Goal.Scope",
		{{"LiveGifts.Scope.Stream", "stream"},
		 {"LiveGifts.Scope.SinceReset", "since_reset"},
		 {"LiveGifts.Scope.AllTime", "all_time"}});
	addList(goal, "on_reach", "LiveGifts.Goal.OnReach",
		{{"LiveGifts.Goal.OnReach.Hold", "hold"},
		 {"LiveGifts.Goal.OnReach.Repeat", "repeat"},
		 {"LiveGifts.Goal.OnReach.Next", "next"}});
	obs_properties_add_int(goal, "repeat_step", text("LiveGifts.Goal.RepeatStep"), 0, api::kMaxGoalNumber, 1);
	obs_properties_add_text(goal, "stages", text("LiveGifts.Goal.Stages"), OBS_TEXT_MULTILINE);
	obs_properties_add_button2(
	    goal, "reset_goal", text("LiveGifts.Goal.Reset"),
	    [](obs_properties_t *, obs_property_t *, void *source) {
		    // A reset is not undone by the window's Cancel (only by the dock's Undo reset): asked first in the
		    // window (any thread may press the button: obs-websocket does).
		    if (source != nullptr && resetConfirmed(source)) {
			    guarded("reset goal", [&] { resetGoalOf(source); });
		    }
		    return false;
	    },
	    data);
	obs_properties_add_button2(
	    goal, "like_goal_preset", text("LiveGifts.Goal.LikePreset"),
	    [](obs_properties_t *group, obs_property_t *, void *source) {
		    if (source != nullptr) {
			    guarded("like goal preset", [&] { applyLikeGoalPreset(source, group); });
		    }
		    return true; // the fields show the preset
	    },
	    data);
	obs_properties_add_group(props, "goal", text("LiveGifts.Goal"), OBS_GROUP_NORMAL, goal);

	addStyleGroup(props, ThemedSource::GoalBar);
	obs_properties_t *look = obs_properties_create();
	addStringList(
	    look, "orientation", "LiveGifts.Orientation",
	    {{"LiveGifts.Orientation.Horizontal", "horizontal"}, {"LiveGifts.Orientation.Vertical", "vertical"}});
	obs_properties_add_int(look, "width", text("LiveGifts.Width"), 16, 4096, 1);
	obs_properties_add_int(look, "height", text("LiveGifts.Height"), 16, 4096, 1);
	obs_properties_add_font(look, "font", text("LiveGifts.Font"));
	obs_properties_add_color_alpha(look, "text_color", text("LiveGifts.TextColor"));
	obs_properties_add_color_alpha(look, "fill_color_start", text("LiveGifts.Goal.FillStart"));
	obs_properties_add_color_alpha(look, "fill_color_end", text("LiveGifts.Goal.FillEnd"));
	obs_properties_add_color_alpha(look, "track_color", text("LiveGifts.Goal.Track"));
	obs_properties_add_color_alpha(look, "celebrate_color", text("LiveGifts.Goal.Celebrate"));
	obs_properties_add_color_alpha(look, "opponent_color", text("LiveGifts.Goal.OpponentColor"));
	obs_properties_add_int_slider(look, "corner_radius", text("LiveGifts.CornerRadius"), 0, 200, 1);
	obs_properties_add_bool(look, "show_percent", text("LiveGifts.Goal.ShowPercent"));
	obs_properties_add_text(look, "value_format", text("LiveGifts.Goal.ValueFormat"), OBS_TEXT_DEFAULT);
	obs_properties_add_group(props, "look", text("LiveGifts.Look"), OBS_GROUP_NORMAL, look);
	addGoalBarTooltips(props);

	return props;
}

void writeLikeGoalPreset(obs_data_t *settings)
{
	// A title of the streamer's own stays; none, or the default one, becomes the preset's.
	const std::string title = getString(settings, "title");
	if (title.empty() || title == obs_module_text("LiveGifts.Goal.DefaultTitle")) {
		obs_data_set_string(settings, "title", obs_module_text("LiveGifts.Goal.LikeTitle"));
	}
	obs_data_set_string(settings, "goal_kind", "likes");
	obs_data_set_string(settings, "scope", "stream");
	obs_data_set_int(settings, "target", kLikeGoalStep);
	obs_data_set_int(settings, "start", 0);
	obs_data_set_string(settings, "on_reach", "repeat");
	obs_data_set_int(settings, "repeat_step", kLikeGoalStep);
}

void goalBarDefaults(obs_data_t *settings)
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
	obs_data_set_default_int(settings, "opponent_color", 0xFFFF8B3D);  // #3D8BFF: the other side, blue
	obs_data_set_default_string(settings, "battle_side", "");
	obs_data_set_default_bool(settings, "whole_room", false);
	obs_data_set_default_int(settings, "corner_radius", 22);
	setStyleDefaults(settings);
	obs_data_set_default_bool(settings, "show_percent", true);
	obs_data_set_default_string(settings, "value_format", "{current} / {target}");
}

} // namespace livegifts::obs
