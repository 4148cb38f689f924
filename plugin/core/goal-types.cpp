#include "core/goal-types.hpp"

#include <array>
#include <utility>

namespace livegifts {

namespace {

constexpr std::array<std::pair<GoalKind, std::string_view>, 10> kindNames{{
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

constexpr std::array<std::pair<GoalScope, std::string_view>, 3> scopeNames{{
    {GoalScope::Stream, "stream"},
    {GoalScope::SinceReset, "since_reset"},
    {GoalScope::AllTime, "all_time"},
}};

constexpr std::array<std::pair<GoalOnReach, std::string_view>, 3> onReachNames{{
    {GoalOnReach::Hold, "hold"},
    {GoalOnReach::Repeat, "repeat"},
    {GoalOnReach::Next, "next"},
}};

template <typename E, std::size_t N>
std::string_view nameOf(const std::array<std::pair<E, std::string_view>, N> &table, E value)
{
	for (const auto &[v, name] : table) {
		if (v == value) {
			return name;
		}
	}
	return {};
}

template <typename E, std::size_t N>
bool valueOf(const std::array<std::pair<E, std::string_view>, N> &table, std::string_view name, E &out)
{
	for (const auto &[v, n] : table) {
		if (n == name) {
			out = v;
			return true;
		}
	}
	return false;
}

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
