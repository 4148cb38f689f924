#include "obs/api/vendor-requests.hpp"

#include "obs/api/goal-change.hpp"
#include "obs/api/request-budget.hpp"
#include "obs/named-sources.hpp"

#include "obs/plugin-support.hpp"
#include "obs/runtime.hpp"

#include "core/clock.hpp"
#include "core/goal-types.hpp"
#include "core/limits.hpp"
#include "core/test-events.hpp"
#include "core/utf8.hpp"

#include <obs.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace livegifts::obs::api {

namespace {

constexpr const char *kGiftVersusId = "live_gifts_gift_versus";
constexpr std::int64_t kMaxTop = 100;
// Summaries answered in full per second (request-budget.hpp); a dashboard asks a few.
constexpr std::int64_t kSummariesPerSecond = 25;

Json ok(Json body = Json::object())
{
	body["ok"] = true;
	return body;
}

// The runtime when it exists (the API creates it at start, off obs-websocket's thread), held until the answer is
// built: module unload waits for it rather than destroying the runtime under a request.
Runtime::Lease runtime()
{
	return Runtime::lease();
}

// Whether "goalId" and "sourceName", when present, are text.
bool namesAreText(const Json &request)
{
	return textField(request, "goalId") && textField(request, "sourceName");
}

// The Goal Bar a request names by "goalId" or "sourceName" (empty name: none; namesAreText checked first).
NamedSource findGoal(const Json &request)
{
	const std::string goalId = textField(request, "goalId").value_or(std::string());
	const std::string sourceName = textField(request, "sourceName").value_or(std::string());
	for (const NamedSource &source : sourcesOf(kGoalBarSourceId)) {
		if ((!goalId.empty() && source.goalId == goalId) ||
		    (!sourceName.empty() && source.name == sourceName)) {
			return source;
		}
	}
	return {};
}

// The kind of the goal a Goal Bar counts (nullopt when its setting names none we know).
std::optional<GoalKind> goalKindOf(const NamedSource &goal)
{
	GoalKind kind = GoalKind::Coins; // the Goal Bar's default
	if (!goal.goalKind.empty() && !parseGoalKind(goal.goalKind, kind)) {
		return std::nullopt;
	}
	return kind;
}

bool stringField(const Json &request, const char *key)
{
	return request.contains(key) && request[key].is_string();
}

// Member by member: an initializer list costs twice as much, and a summary has up to 100 of these.
Json supporterJson(const SupporterEntry &entry)
{
	Json supporter = Json::object();
	supporter["rank"] = entry.rank;
	supporter["userId"] = entry.id;
	supporter["nickname"] = entry.nickname;
	supporter["coins"] = entry.coins;
	supporter["gifts"] = entry.gifts;
	supporter["likes"] = entry.likes;
	return supporter;
}

Json totalsJson(const RoomTotals &totals)
{
	return {{"coins", totals.coins},         {"gifts", totals.gifts},
		{"likes", totals.likesReceived}, {"follows", totals.follows},
		{"shares", totals.shares},       {"subscribers", totals.subscribers},
		{"viewers", totals.viewersLast}, {"viewersPeak", totals.viewersPeak}};
}

constexpr int kUnknownSource = -1;
constexpr int kBadSourceName = -2;

// Calls `proc` on every source of kind `kind` (or the one named); the number reached, kUnknownSource when none
// is named so, kBadSourceName when "sourceName" is not text.
int controlSources(const char *kind, const Json &request, const char *proc, bool setPaused = false, bool paused = false)
{
	const std::optional<std::string> asked = textField(request, "sourceName");
	if (!asked) {
		return kBadSourceName;
	}
	const std::string &only = *asked;
	int reached = 0;
	for (const NamedSource &named : sourcesOf(kind)) {
		if (!only.empty() && named.name != only) {
			continue;
		}
		OBSSourceAutoRelease source(obs_get_source_by_name(named.name.c_str()));
		if (!source) {
			continue;
		}
		calldata_t data = {};
		if (setPaused) {
			calldata_set_bool(&data, "paused", paused);
		}
		reached += proc_handler_call(obs_source_get_proc_handler(source), proc, &data) ? 1 : 0;
		calldata_free(&data);
	}
	return !only.empty() && reached == 0 ? kUnknownSource : reached;
}

// controlSources' answer: the sources reached, or `unknownKey`'s words when no source has the name asked for.
Json controlAnswer(int reached, const char *unknownKey)
{
	if (reached == kBadSourceName) {
		return refuse("bad-name", "LiveGifts.Api.BadName");
	}
	if (reached < 0) {
		return refuse("unknown-source", unknownKey);
	}
	return ok({{"sources", reached}});
}

Json alertsAnswer(int reached)
{
	return controlAnswer(reached, "LiveGifts.Api.UnknownAlertsSource");
}

Json versusAnswer(int reached)
{
	return controlAnswer(reached, "LiveGifts.Api.UnknownVersusSource");
}

} // namespace

Json refuse(const char *code, const char *key)
{
	return {{"ok", false}, {"error", code}, {"message", text(key)}};
}

Json pushEvent(const Json &request)
{
	const Runtime::Lease rt = runtime();
	if (!rt) {
		return refuse("not-ready", "LiveGifts.Api.NotReady");
	}
	std::string frame;
	if (request.contains("frame")) {
		// The frame as text, exactly as a connector receives it.
		if (!request["frame"].is_string()) {
			return refuse("bad-event", "LiveGifts.Api.BadEvent");
		}
		frame = request["frame"].get<std::string>();
		if (frame.size() > limits::maxFrameBytes) {
			return refuse("too-large", "LiveGifts.Api.TooLarge");
		}
		// Checked as the engine will read it: invalid UTF-8 and lone surrogate escapes repaired (a connector's
		// frame with them is counted, so is this one).
		const Json parsed = Json::parse(repairJsonText(frame), nullptr, false);
		if (!parsed.is_object()) {
			return refuse("bad-event", "LiveGifts.Api.BadEvent");
		}
	} else {
		// The request itself is the envelope: {"event": "gift", "data": {...}} (or {"type", "data"}).
		const bool named = stringField(request, "event") || stringField(request, "type");
		if (!named || !request.contains("data") || !request["data"].is_object()) {
			return refuse("bad-event", "LiveGifts.Api.BadEvent");
		}
		frame = request.dump();
	}
	if (frame.size() > limits::maxFrameBytes) {
		return refuse("too-large", "LiveGifts.Api.TooLarge");
	}
	// The same path as a connector's frames: parsed once by the engine, counted once, a msgId seen before
	// is dropped as a duplicate.
	rt->submitFrame(std::move(frame));
	return ok({{"queued", true}});
}

Json getSummary(const Json &request)
{
	const Runtime::Lease rt = runtime();
	if (!rt) {
		return refuse("not-ready", "LiveGifts.Api.NotReady");
	}
	const std::string scope = textField(request, "scope", "stream").value_or(std::string());
	if (scope != "stream" && scope != "allTime") {
		return refuse("bad-scope", "LiveGifts.Api.BadScope");
	}
	std::int64_t top = 10;
	if (request.contains("top")) {
		if (!request["top"].is_number_integer() || request["top"].get<std::int64_t>() < 0 ||
		    request["top"].get<std::int64_t>() > kMaxTop) {
			return refuse("bad-top", "LiveGifts.Api.BadTop");
		}
		top = request["top"].get<std::int64_t>();
	}
	static RequestBudget budget(kSummariesPerSecond);
	if (!budget.take(steadyClock().nowMs())) {
		return refuse("busy", "LiveGifts.Api.Busy");
	}
	const SnapshotPtr snap = rt->snapshot();
	const ScopeView &view = scope == "stream" ? snap->stream : snap->allTime;
	Json supporters = Json::array();
	for (std::size_t i = 0; i < view.top.size() && static_cast<std::int64_t>(i) < top; ++i) {
		supporters.push_back(supporterJson(view.top[i]));
	}
	std::vector<NamedSource> bars = sourcesOf(kGoalBarSourceId);
	Json goals = Json::array();
	for (const auto &[id, goal] : snap->goals) {
		std::string source;
		for (const NamedSource &bar : bars) {
			source = bar.goalId == id ? bar.name : source;
		}
		goals.push_back({{"goalId", id},
				 {"sourceName", source},
				 {"title", goal.title},
				 {"kind", std::string(goalKindName(goal.kind))},
				 {"current", goal.current},
				 {"target", goal.target},
				 {"percent", goal.percent},
				 {"reached", goal.reached},
				 {"timesReached", goal.timesReached},
				 {"wholeRoom", goal.wholeRoom}});
	}
	return ok({{"scope", scope},
		   {"streamLive", snap->streamLive},
		   {"totals", totalsJson(view.totals)},
		   {"supporterCount", view.supporterCount},
		   {"top", supporters},
		   {"goals", goals},
		   {"duplicates", snap->stats.duplicates},
		   {"errors", snap->stats.errors}});
}

Json setGoal(const Json &request)
{
	if (!namesAreText(request)) {
		return refuse("bad-name", "LiveGifts.Api.BadName");
	}
	const NamedSource goal = findGoal(request);
	if (goal.name.empty()) {
		return refuse("unknown-goal", "LiveGifts.Api.UnknownGoal");
	}
	const std::optional<GoalChange> asked = parseGoalChange(request);
	if (!asked) {
		return refuse("bad-goal", "LiveGifts.Api.BadGoal");
	}
	if (!changesSomething(*asked)) {
		return refuse("bad-goal", "LiveGifts.Api.NothingToChange");
	}
	// "Count the whole room" exists for coin and gift goals only: refused rather than saved and ignored.
	const std::optional<GoalKind> kind = goalKindOf(goal);
	if (asked->wholeRoom && (!kind || !goalCanCountRoom(*kind))) {
		return refuse("no-whole-room", "LiveGifts.Api.NoWholeRoom");
	}
	// Nor has a goal that mirrors TikTok a head start (README "Goal kinds"): refused, not saved and ignored.
	if (asked->start && kind && goalMirrors(*kind)) {
		return refuse("no-head-start", "LiveGifts.Api.NoHeadStart");
	}
	// Only what the request names: every other setting (whole_room too) keeps its value.
	OBSDataAutoRelease change(obs_data_create());
	if (asked->title) {
		obs_data_set_string(change, "title", asked->title->c_str());
	}
	if (asked->target) {
		obs_data_set_int(change, "target", *asked->target);
	}
	if (asked->start) {
		obs_data_set_int(change, "start", *asked->start);
	}
	if (asked->wholeRoom) {
		obs_data_set_bool(change, "whole_room", *asked->wholeRoom);
	}
	OBSSourceAutoRelease source(obs_get_source_by_name(goal.name.c_str()));
	if (!source) {
		return refuse("unknown-goal", "LiveGifts.Api.UnknownGoal");
	}
	// Through the source's settings, as its properties window does: saved with the scene collection, and
	// the source registers the changed goal (no edit changes its progress).
	obs_source_update(source, change);
	return ok({{"goalId", goal.goalId}, {"sourceName", goal.name}});
}

Json resetGoal(const Json &request)
{
	const Runtime::Lease rt = runtime();
	if (!rt) {
		return refuse("not-ready", "LiveGifts.Api.NotReady");
	}
	if (!namesAreText(request)) {
		return refuse("bad-name", "LiveGifts.Api.BadName");
	}
	const NamedSource goal = findGoal(request);
	if (goal.name.empty()) {
		return refuse("unknown-goal", "LiveGifts.Api.UnknownGoal");
	}
	if (request.contains("undo") && !request["undo"].is_boolean()) {
		return refuse("bad-goal", "LiveGifts.Api.BadGoal");
	}
	// Battle and TikTok goals mirror what TikTok tells: nothing of theirs can be reset (README "Goal kinds").
	const std::optional<GoalKind> kind = goalKindOf(goal);
	if (kind && goalMirrors(*kind)) {
		return refuse("not-resettable", "LiveGifts.Api.NotResettable");
	}
	// An explicit act, recorded in the ledger; the newest reset can be undone (as in the dock).
	const bool undo = request.contains("undo") && request["undo"].get<bool>();
	if (undo) {
		// What the newest published state holds: an undo with no reset left is refused, never claimed.
		const SnapshotPtr snap = rt->snapshot();
		const auto state = snap->goals.find(goal.goalId);
		if (state == snap->goals.end() || state->second.resetsToUndo == 0) {
			return refuse("nothing-to-undo", "LiveGifts.Api.NothingToUndo");
		}
		rt->undoGoalReset(goal.goalId);
	} else {
		rt->resetGoal(goal.goalId);
	}
	limitedLog().log(LogLevel::Info, "api: goal '" + goal.goalId + (undo ? "' reset undone" : "' reset"));
	return ok({{"goalId", goal.goalId}, {"sourceName", goal.name}, {"undone", undo}});
}

Json testAlert(const Json &request)
{
	const Runtime::Lease rt = runtime();
	if (!rt) {
		return refuse("not-ready", "LiveGifts.Api.NotReady");
	}
	TestEventKind kind = TestEventKind::SmallGift;
	if (request.contains("kind") && (!request["kind"].is_string() || !testEventFromName(request["kind"], kind))) {
		return refuse("bad-kind", "LiveGifts.Api.BadTestKind");
	}
	rt->sendTestEvent(kind);
	return ok({{"kind", testEventName(kind)}});
}

Json skipAlert(const Json &request)
{
	return alertsAnswer(controlSources(kGiftAlertsSourceId, request, "live_gifts_alerts_skip"));
}

Json pauseAlerts(const Json &request)
{
	return alertsAnswer(controlSources(kGiftAlertsSourceId, request, "live_gifts_alerts_pause", true, true));
}

Json resumeAlerts(const Json &request)
{
	return alertsAnswer(controlSources(kGiftAlertsSourceId, request, "live_gifts_alerts_pause", true, false));
}

Json startVersus(const Json &request)
{
	return versusAnswer(controlSources(kGiftVersusId, request, "live_gifts_versus_start"));
}

Json stopVersus(const Json &request)
{
	return versusAnswer(controlSources(kGiftVersusId, request, "live_gifts_versus_stop"));
}

Json resetVersus(const Json &request)
{
	return versusAnswer(controlSources(kGiftVersusId, request, "live_gifts_versus_reset"));
}

} // namespace livegifts::obs::api
