// Gift vs Gift: a round kept with its source and taken back after a restart (view/gift-versus.hpp).
#include "view/gift-versus.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace livegifts::view {
namespace {

constexpr int kSavedVersion = 1;

const char *phaseName(VersusPhase phase)
{
	switch (phase) {
	case VersusPhase::Running:
		return "running";
	case VersusPhase::Paused:
		return "paused";
	case VersusPhase::Finished:
		return "finished";
	case VersusPhase::Idle:
		break;
	}
	return "idle";
}

std::optional<VersusPhase> phaseOf(const std::string &name)
{
	for (const VersusPhase phase :
	     {VersusPhase::Idle, VersusPhase::Running, VersusPhase::Paused, VersusPhase::Finished}) {
		if (name == phaseName(phase)) {
			return phase;
		}
	}
	return std::nullopt;
}

bool nonNegative(const std::vector<std::int64_t> &values)
{
	return std::all_of(values.begin(), values.end(), [](std::int64_t v) { return v >= 0; });
}

// Each gift's coins as [[id, coins], ...] and back (throws nlohmann::json::exception on wrong types).
nlohmann::json pairs(const std::map<std::int64_t, std::int64_t> &coins)
{
	nlohmann::json list = nlohmann::json::array();
	for (const auto &[id, amount] : coins) {
		list.push_back({id, amount});
	}
	return list;
}

std::map<std::int64_t, std::int64_t> coinsFrom(const nlohmann::json &list)
{
	std::map<std::int64_t, std::int64_t> coins;
	for (const nlohmann::json &pair : list) {
		coins[pair.at(0).get<std::int64_t>()] = pair.at(1).get<std::int64_t>();
	}
	return coins;
}

} // namespace

std::string versusToJson(const VersusSaved &saved)
{
	nlohmann::json sides = nlohmann::json::array();
	for (const VersusSide &side : saved.sides) {
		sides.push_back({{"name", side.name}, {"gifts", side.giftIds}});
	}
	const nlohmann::json doc = {{"version", kSavedVersion},
				    {"sides", sides},
				    {"phase", phaseName(saved.phase)},
				    {"duration_ms", saved.durationMs},
				    {"votes", saved.votes},
				    {"banked", saved.banked},
				    {"base", pairs(saved.base)},
				    {"seen", pairs(saved.seen)},
				    {"stream_id", saved.streamId},
				    {"remaining_ms", saved.remainingMs},
				    {"ends_at", saved.endsAtWallMs}};
	return doc.dump();
}

std::optional<VersusSaved> versusFromJson(const std::string &text)
{
	const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
	if (!doc.is_object()) {
		return std::nullopt;
	}
	try {
		if (doc.at("version").get<int>() != kSavedVersion) {
			return std::nullopt;
		}
		VersusSaved saved;
		for (const nlohmann::json &side : doc.at("sides")) {
			VersusSide one;
			one.name = side.at("name").get<std::string>();
			one.giftIds = side.at("gifts").get<std::vector<std::int64_t>>();
			saved.sides.push_back(std::move(one));
		}
		const std::optional<VersusPhase> phase = phaseOf(doc.at("phase").get<std::string>());
		if (!phase) {
			return std::nullopt;
		}
		saved.phase = *phase;
		saved.durationMs = doc.at("duration_ms").get<std::int64_t>();
		saved.votes = doc.at("votes").get<std::vector<std::int64_t>>();
		saved.banked = doc.at("banked").get<std::vector<std::int64_t>>();
		saved.base = coinsFrom(doc.at("base"));
		saved.seen = coinsFrom(doc.value("seen", nlohmann::json::array()));
		saved.streamId = doc.at("stream_id").get<std::int64_t>();
		saved.remainingMs = doc.at("remaining_ms").get<std::int64_t>();
		saved.endsAtWallMs = doc.at("ends_at").get<std::int64_t>();
		if (saved.votes.size() != saved.sides.size() || saved.banked.size() != saved.sides.size() ||
		    !nonNegative(saved.votes) || !nonNegative(saved.banked) || saved.durationMs <= 0) {
			return std::nullopt;
		}
		return saved;
	} catch (const nlohmann::json::exception &) {
		return std::nullopt;
	}
}

VersusSaved GiftVersus::saved(std::int64_t nowMs, std::int64_t wallMs) const
{
	VersusSaved saved;
	saved.sides = sides_;
	saved.phase = phase_;
	saved.durationMs = phase_ == VersusPhase::Idle ? durationMs_ : roundMs_;
	saved.votes = votes_;
	saved.banked = banked_;
	saved.base = base_;
	saved.seen = seen_;
	saved.streamId = streamId_;
	if (phase_ == VersusPhase::Paused) {
		saved.remainingMs = remainingMs(nowMs);
	}
	if (phase_ == VersusPhase::Running) {
		saved.endsAtWallMs = wallMs + remainingMs(nowMs);
	}
	return saved;
}

bool GiftVersus::restore(const VersusSaved &saved, std::int64_t nowMs, std::int64_t wallMs)
{
	const bool underWay = saved.phase == VersusPhase::Running || saved.phase == VersusPhase::Paused;
	if ((saved.sides != configuredSides_ && !underWay) || saved.sides.empty() ||
	    saved.votes.size() != saved.sides.size() || saved.banked.size() != saved.sides.size()) {
		return false;
	}
	reset();
	sides_ = saved.sides; // a round under way keeps its own; otherwise the same as the settings'
	roundMs_ = std::max<std::int64_t>(0, saved.durationMs); // an idle round shows the settings' length
	votes_ = saved.votes;
	switch (saved.phase) {
	case VersusPhase::Idle:
		return true;
	case VersusPhase::Finished:
		// Shown as it ended; it does not end (and celebrate) again.
		finishedAtMs_ = nowMs;
		phase_ = VersusPhase::Finished;
		return true;
	case VersusPhase::Paused:
		banked_ = votes_;
		elapsedBeforeMs_ = roundMs_ - std::clamp<std::int64_t>(saved.remainingMs, 0, roundMs_);
		phase_ = VersusPhase::Paused;
		return true;
	case VersusPhase::Running:
		break;
	}
	if (saved.streamId == streamId_ && streamId_ != 0 && !saved.seen.empty()) {
		// The same stream: the votes kept, counted on from the totals they were counted at, so what the engine
		// counted after the round was kept counts too; totals that are fewer now began again (the demo stream
		// counts in memory only): counting goes on from them (count()).
		banked_ = saved.votes;
		base_ = saved.seen;
	} else if (saved.streamId == streamId_ && streamId_ != 0) {
		// A save without the totals last seen (an older build): counted on from where counting began.
		banked_ = saved.banked;
		base_ = saved.base;
	} else {
		// Another stream: what was counted stays, the new stream's gifts count from zero.
		banked_ = saved.votes;
		base_.clear();
	}
	seen_ = base_;
	const std::int64_t left = std::clamp<std::int64_t>(saved.endsAtWallMs - wallMs, 0, roundMs_);
	elapsedBeforeMs_ = roundMs_ - left;
	startedAtMs_ = nowMs;
	phase_ = VersusPhase::Running;
	return true;
}

} // namespace livegifts::view
