#include "core/goal-types.hpp"

#include "core/name-table.hpp"

namespace livegifts {

namespace {

constexpr NameTable<GoalKind, 10> kindNames{{
    {GoalKind::Coins, "coins"},
    {GoalKind::GiftCount, "gift"},
    {GoalKind::Likes, "likes"},
    {GoalKind::Follows, "follows"},
    {GoalKind::Shares, "shares"},
    {GoalKind::Subscribers, "subscribers"},
    {GoalKind::SuperFans, "superfans"},
    {GoalKind::BattlePoints, "battle_points"},
    {GoalKind::BattleWin, "battle_win"},
    {GoalKind::TikTokGoal, "tiktok_goal"},
}};

constexpr NameTable<GoalScope, 3> scopeNames{{
    {GoalScope::Stream, "stream"},
    {GoalScope::SinceReset, "since_reset"},
    {GoalScope::AllTime, "all_time"},
}};

constexpr NameTable<GoalOnReach, 3> onReachNames{{
    {GoalOnReach::Hold, "hold"},
    {GoalOnReach::Repeat, "repeat"},
    {GoalOnReach::Next, "next"},
}};

} // namespace

bool goalMirrors(GoalKind kind)
{
	return kind == GoalKind::BattlePoints || kind == GoalKind::BattleWin || kind == GoalKind::TikTokGoal;
}

std::int64_t headStart(const GoalSpec &spec)
{
	return goalMirrors(spec.kind) ? 0 : spec.start;
}

bool goalCanCountRoom(GoalKind kind)
{
	return kind == GoalKind::Coins || kind == GoalKind::GiftCount;
}

std::string_view goalKindName(GoalKind kind)
{
	return nameOf(kindNames, kind);
}

bool parseGoalKind(std::string_view name, GoalKind &out)
{
	return valueOf(kindNames, name, out);
}

std::string_view goalScopeName(GoalScope scope)
{
	return nameOf(scopeNames, scope);
}

bool parseGoalScope(std::string_view name, GoalScope &out)
{
	return valueOf(scopeNames, name, out);
}

std::string_view goalOnReachName(GoalOnReach onReach)
{
	return nameOf(onReachNames, onReach);
}

bool parseGoalOnReach(std::string_view name, GoalOnReach &out)
{
	return valueOf(onReachNames, name, out);
}

} // namespace livegifts
