// Gift Alerts: the alerts waiting their turn, kept with the source and taken back (view/alert-queue.hpp).
#include "view/alert-queue.hpp"

#include "core/battle.hpp"
#include "core/name-table.hpp"
#include "core/recipient.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace livegifts::view {
namespace {

constexpr int kSavedVersion = 1;

constexpr NameTable<ActivityKind, 9> kKindNames{{
    {ActivityKind::Gift, "gift"},
    {ActivityKind::Follow, "follow"},
    {ActivityKind::Share, "share"},
    {ActivityKind::Subscribe, "subscribe"},
    {ActivityKind::Like, "like"},
    {ActivityKind::SuperFanJoin, "superfan_join"},
    {ActivityKind::SuperFanBox, "superfan_box"},
    {ActivityKind::SuperFanOther, "superfan_other"},
    {ActivityKind::BattleResult, "battle_result"},
}};

ActivityKind kindOf(const std::string &name)
{
	ActivityKind kind = ActivityKind::Gift;
	if (!valueOf(kKindNames, name, kind)) {
		throw std::invalid_argument("unknown kind \"" + name + "\"");
	}
	return kind;
}

nlohmann::json activityJson(const GiftActivity &a)
{
	nlohmann::json j = {{"kind", std::string(nameOf(kKindNames, a.kind))},
			    {"test", a.test},
			    {"streak_key", a.streakKey},
			    {"user_id", a.userId},
			    {"nickname", a.nickname},
			    {"avatar", a.avatarUrl},
			    {"gift_id", a.giftId},
			    {"gift", a.giftName},
			    {"gift_image", a.giftImageUrl},
			    {"diamonds", a.diamondCount},
			    {"count", a.count},
			    {"streakable", a.streakable},
			    {"final", a.final},
			    {"coins", a.coins},
			    {"likes", a.likes},
			    {"like_total", a.likeTotal},
			    {"time_ms", a.timeMs},
			    {"recipient", std::string(recipientKindName(a.recipient))},
			    {"recipient_id", a.recipientId},
			    {"recipient_unique_id", a.recipientUniqueId},
			    {"recipient_nickname", a.recipientNickname}};
	if (a.kind == ActivityKind::BattleResult) {
		j["battle"] = battleToJson(a.battle);
		j["battle_side"] = a.battleHostSide;
	}
	return j;
}

GiftActivity activityOf(const nlohmann::json &j)
{
	GiftActivity a;
	a.kind = kindOf(j.at("kind").get<std::string>());
	a.test = j.at("test").get<bool>();
	a.streakKey = j.at("streak_key").get<std::string>();
	a.userId = j.at("user_id").get<std::string>();
	a.nickname = j.at("nickname").get<std::string>();
	a.avatarUrl = j.at("avatar").get<std::string>();
	a.giftId = j.at("gift_id").get<std::int64_t>();
	a.giftName = j.at("gift").get<std::string>();
	a.giftImageUrl = j.at("gift_image").get<std::string>();
	a.diamondCount = j.at("diamonds").get<std::int64_t>();
	a.count = j.at("count").get<std::int64_t>();
	a.streakable = j.at("streakable").get<bool>();
	a.final = j.at("final").get<bool>();
	a.coins = j.at("coins").get<std::int64_t>();
	a.likes = j.at("likes").get<std::int64_t>();
	a.likeTotal = j.at("like_total").get<std::int64_t>();
	a.timeMs = j.at("time_ms").get<std::int64_t>();
	a.recipient = recipientKindFromName(j.at("recipient").get<std::string>());
	a.recipientId = j.at("recipient_id").get<std::string>();
	a.recipientUniqueId = j.at("recipient_unique_id").get<std::string>();
	a.recipientNickname = j.at("recipient_nickname").get<std::string>();
	if (a.kind == ActivityKind::BattleResult) {
		a.battle = battleFromJson(j.at("battle"));
		a.battleHostSide = j.at("battle_side").get<std::string>();
	}
	return a;
}

} // namespace

std::string waitingToJson(const std::deque<Alert> &waiting)
{
	nlohmann::json alerts = nlohmann::json::array();
	for (const Alert &alert : waiting) {
		nlohmann::json merged = nlohmann::json::array();
		for (const auto &[key, coins] : alert.merged) {
			merged.push_back({key, coins});
		}
		alerts.push_back({{"activity", activityJson(alert.gift)},
				  {"coalesced", alert.coalesced},
				  {"extra_coins", alert.extraCoins},
				  {"milestone", alert.milestone},
				  {"merged", merged},
				  {"mixed", alert.mixed},
				  {"custom", alert.custom}});
	}
	return nlohmann::json{{"version", kSavedVersion}, {"alerts", alerts}}.dump();
}

std::optional<std::vector<Alert>> waitingFromJson(const std::string &text, std::string &error)
{
	const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
	if (!doc.is_object()) {
		error = "not a JSON object";
		return std::nullopt;
	}
	try {
		if (doc.at("version").get<int>() != kSavedVersion) {
			error = "version " + doc.at("version").dump() + " (this build reads " +
				std::to_string(kSavedVersion) + ")";
			return std::nullopt;
		}
		std::vector<Alert> alerts;
		for (const nlohmann::json &entry : doc.at("alerts")) {
			Alert alert;
			alert.gift = activityOf(entry.at("activity"));
			alert.coalesced = entry.at("coalesced").get<std::int64_t>();
			alert.extraCoins = entry.at("extra_coins").get<std::int64_t>();
			alert.milestone = entry.at("milestone").get<std::int64_t>();
			for (const nlohmann::json &pair : entry.at("merged")) {
				alert.merged.emplace_back(pair.at(0).get<std::string>(),
							  pair.at(1).get<std::int64_t>());
			}
			alert.custom = entry.at("custom").get<std::string>();
			alert.mixed = entry.at("mixed").get<bool>();
			if (alert.coalesced < 0 || alert.extraCoins < 0 || alert.gift.coins < 0) {
				error = "negative coins or counts";
				return std::nullopt;
			}
			alerts.push_back(std::move(alert));
		}
		return alerts;
	} catch (const std::exception &e) { // nlohmann's type and range errors, an unknown kind
		error = e.what();
		return std::nullopt;
	}
}

void AlertQueue::restoreWaiting(std::vector<Alert> alerts)
{
	std::deque<Alert> later;
	later.swap(queue_);
	// They wait anew, though not after those queued meanwhile (a summary folds alerts waiting too long, oldest
	// first).
	const Millis queuedAt = later.empty() ? clock_->nowMs() : std::min(clock_->nowMs(), later.front().queuedAt);
	for (Alert &alert : alerts) {
		alert.id = nextId_++;
		alert.queuedAt = queuedAt;
		alert.durationMs = 0; // decorate() gives it this queue's length, tier, rule and sound
		alert.gift.seq = 0;   // not the engine's: the activity read from snapshots goes on from lastSeq_
		if (alert.gift.final || alert.gift.test) {
			// A key of its own: the keys of tests, replays and show rules' cards are numbered again by the
			// new source, and no update of a finished gift is to come (a live streak keeps its key: its
			// next update grows it).
			alert.gift.streakKey = "kept:" + std::to_string(alert.id);
		}
		decorate(alert);
		enqueue(std::move(alert));
	}
	for (Alert &alert : later) {
		enqueue(std::move(alert)); // queued after them, though made before them: they waited longer
	}
}

void AlertQueue::catchUp(const Snapshot &snapshot)
{
	for (const GiftActivity &activity : snapshot.activity) {
		if (activity.seq > lastSeq_) {
			break; // not passed over: consume() takes it as any other
		}
		for (Alert &waiting : queue_) {
			if (updateMerged(waiting, activity)) {
				break;
			}
			const GiftActivity &held = waiting.gift;
			const bool newer = activity.count > held.count ||
					   (activity.count == held.count && activity.final && !held.final);
			if (held.streakKey == activity.streakKey && !held.final && newer) {
				waiting.gift = activity;
				decorate(waiting);
				break;
			}
		}
	}
}

std::uint64_t waitingFingerprint(const std::deque<Alert> &waiting)
{
	std::uint64_t hash = 1469598103934665603ULL; // FNV-1a over each alert's id and what it counts
	auto mix = [&hash](std::uint64_t value) {
		hash ^= value;
		hash *= 1099511628211ULL;
	};
	mix(waiting.size());
	for (const Alert &alert : waiting) {
		mix(alert.id);
		mix(static_cast<std::uint64_t>(alert.gift.count));
		mix(static_cast<std::uint64_t>(alert.gift.coins));
		mix(static_cast<std::uint64_t>(alert.extraCoins));
		mix(static_cast<std::uint64_t>(alert.coalesced));
		mix(alert.merged.size());
		mix(alert.gift.final ? 1 : 0);
		mix(static_cast<std::uint64_t>(alert.gift.likeTotal));
		mix(static_cast<std::uint64_t>(alert.milestone));
	}
	return hash;
}

} // namespace livegifts::view
