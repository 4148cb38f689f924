#include "obs/sources/tooltips.hpp"

#include "obs/plugin-support.hpp"

#include <initializer_list>
#include <utility>

namespace livegifts::obs {

namespace {

using Tooltips = std::initializer_list<std::pair<const char *, const char *>>; // property, locale key

void addTooltips(obs_properties_t *props, Tooltips tooltips)
{
	for (const auto &[name, key] : tooltips) {
		if (obs_property_t *property = obs_properties_get(props, name)) {
			obs_property_set_long_description(property, text(key));
		}
	}
}

// What every source's Theme and readability group holds (style-group.hpp).
constexpr std::pair<const char *, const char *> kStyle[] = {
    {"theme", "LiveGifts.Theme.Tooltip"},
    {"text_outline", "LiveGifts.TextOutline.Tooltip"},
    {"text_plate", "LiveGifts.TextPlate.Tooltip"},
};

} // namespace

void addStyleGroupTooltips(obs_properties_t *props)
{
	for (const auto &[name, key] : kStyle) {
		addTooltips(props, {{name, key}});
	}
}

void addGiftAlertsTooltips(obs_properties_t *props)
{
	addTooltips(props, {
			       {"min_coins", "LiveGifts.Alerts.MinCoins.Tooltip"},
			       {"duration_ms", "LiveGifts.Alerts.Duration.Tooltip"},
			       {"intro_ms", "LiveGifts.Alerts.IntroMs.Tooltip"},
			       {"outro_ms", "LiveGifts.Alerts.OutroMs.Tooltip"},
			       {"tier1_min_coins", "LiveGifts.Alerts.TierMinCoins.Tooltip"},
			       {"tier2_min_coins", "LiveGifts.Alerts.TierMinCoins.Tooltip"},
			       {"tier1_duration_ms", "LiveGifts.Alerts.TierDuration.Tooltip"},
			       {"tier2_duration_ms", "LiveGifts.Alerts.TierDuration.Tooltip"},
			       {"line1", "LiveGifts.Alerts.Template.Tooltip"},
			       {"line2", "LiveGifts.Alerts.Template.Tooltip"},
			       {"line3", "LiveGifts.Alerts.Template.Tooltip"},
			       {"combo_format", "LiveGifts.Alerts.Combo.Tooltip"},
			   });
	addStyleGroupTooltips(props);
}

void addGoalBarTooltips(obs_properties_t *props)
{
	addTooltips(props, {
			       {"title", "LiveGifts.Goal.Title.Tooltip"},
			       {"goal_kind", "LiveGifts.Goal.Kind.Tooltip"},
			       {"gift_id", "LiveGifts.Goal.GiftId.Tooltip"},
			       {"battle_side", "LiveGifts.Goal.BattleSide.Tooltip"},
			       {"whole_room", "LiveGifts.Goal.WholeRoom.Tooltip"},
			       {"target", "LiveGifts.Goal.Target.Tooltip"},
			       {"start", "LiveGifts.Goal.Start.Tooltip"},
			       {"scope", "LiveGifts.Goal.Scope.Tooltip"},
			       {"on_reach", "LiveGifts.Goal.OnReach.Tooltip"},
			       {"repeat_step", "LiveGifts.Goal.RepeatStep.Tooltip"},
			       {"stages", "LiveGifts.Goal.Stages.Tooltip"},
			       {"like_goal_preset", "LiveGifts.Goal.LikePreset.Tooltip"},
			       {"reset_goal", "LiveGifts.Goal.Reset.Tooltip"},
			       {"value_format", "LiveGifts.Goal.ValueFormat.Tooltip"},
			       {"show_percent", "LiveGifts.Goal.ShowPercent.Tooltip"},
			   });
	addStyleGroupTooltips(props);
}

void addTopSupportersTooltips(obs_properties_t *props)
{
	addTooltips(props, {
			       {"count", "LiveGifts.Top.Count.Tooltip"},
			       {"scope", "LiveGifts.Top.Scope.Tooltip"},
			       {"reset_ranking", "LiveGifts.Top.ResetRanking.Tooltip"},
			       {"rank_by", "LiveGifts.Top.RankBy.Tooltip"},
			       {"title", "LiveGifts.Top.Title.Tooltip"},
			       {"coins_format", "LiveGifts.Top.CoinsFormat.Tooltip"},
			   });
	addStyleGroupTooltips(props);
}

} // namespace livegifts::obs
