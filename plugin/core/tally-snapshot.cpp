// What a Snapshot shows of the Tally.
#include "core/tally.hpp"

#include "core/checked.hpp"

#include <algorithm>
#include <cstdio>

namespace livegifts {

std::vector<SupporterEntry> Tally::supporters(bool allTime, std::size_t limit) const
{
	std::vector<SupporterEntry> out;
	const Leaderboard &board = scope(allTime).board;
	out.reserve(limit == 0 ? board.size() : std::min(limit, board.size()));
	board.forEachRanked(limit, [&](std::uint32_t index, std::size_t rank, const Leaderboard::Standing &s) {
		SupporterEntry entry;
		entry.rank = rank;
		entry.id = directory_.id(index);
		entry.nickname = directory_.nickname(index);
		entry.avatarUrl = directory_.avatarUrl(index);
		entry.coins = s.coins;
		entry.gifts = s.gifts;
		entry.reachOrder = s.reach;
		out.push_back(std::move(entry));
	});
	return out;
}

void Tally::fillSnapshot(Snapshot &snapshot) const
{
	snapshot.streamLive = streamOpen_;
	snapshot.streamId = streamId_;
	for (bool allTime : {false, true}) {
		const Scope &s = scope(allTime);
		ScopeView &view = allTime ? snapshot.allTime : snapshot.stream;
		view.totals = s.totals;
		view.top = supporters(allTime, options_.topN == 0 ? 1 : options_.topN);
		view.supporterCount = s.board.size();
		view.gifts.clear();
		view.gifts.reserve(s.gifts.size());
		for (const auto &[id, gift] : s.gifts) {
			view.gifts.push_back(gift);
		}
		std::stable_sort(view.gifts.begin(), view.gifts.end(),
				 [](const GiftTotal &a, const GiftTotal &b) { return a.coins > b.coins; });
	}
	snapshot.goals.clear();
	for (const auto &[id, goal] : goals_) {
		snapshot.goals.emplace(id, goalState(goal));
	}
	snapshot.activity.clear();
	snapshot.activity.reserve(activity_.size());
	for (const auto &record : activity_) {
		if (record.other) {
			snapshot.activity.push_back(*record.other);
			continue;
		}
		GiftActivity entry;
		entry.seq = record.seq;
		char key[20];
		std::snprintf(key, sizeof(key), "%016llx", static_cast<unsigned long long>(record.streakHash));
		entry.streakKey = key;
		entry.userId = directory_.id(record.supporter);
		entry.nickname = directory_.nickname(record.supporter);
		entry.avatarUrl = directory_.avatarUrl(record.supporter);
		entry.giftId = record.giftId;
		if (auto info = giftInfo_.find(record.giftId); info != giftInfo_.end()) {
			entry.giftName = info->second.name;
			entry.giftImageUrl = info->second.imageUrl;
		}
		entry.diamondCount = record.diamondCount;
		entry.count = record.count;
		entry.streakable = record.streakable;
		entry.final = record.final;
		entry.coins = saturatingMul(record.count, record.diamondCount);
		entry.timeMs = record.time;
		snapshot.activity.push_back(std::move(entry));
	}
	snapshot.goalEvents.assign(goalEvents_.begin(), goalEvents_.end());
	snapshot.unknownEvents.assign(unknown_.begin(), unknown_.end());
	snapshot.stats = stats_;
}

} // namespace livegifts
