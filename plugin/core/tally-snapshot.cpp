// What a Snapshot shows of the Tally.
#include "core/tally.hpp"

#include "core/checked.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>

namespace livegifts {

const Leaderboard &Tally::board(SupporterScope which) const
{
	if (which == SupporterScope::Stream) {
		return stream_.board;
	}
	return which == SupporterScope::SinceReset && sinceResetActive_ ? sinceReset_ : allTime_.board;
}

std::vector<SupporterEntry> Tally::supporters(SupporterScope which, RankBy by, std::size_t limit) const
{
	std::vector<SupporterEntry> out;
	const Leaderboard &ranked = board(which);
	out.reserve(limit == 0 ? ranked.size(by) : std::min(limit, ranked.size(by)));
	ranked.forEachRanked(by, limit, [&](std::uint32_t index, std::size_t rank, const Leaderboard::Standing &s) {
		SupporterEntry entry;
		entry.rank = rank;
		entry.id = directory_.id(index);
		if (const std::string_view handle = directory_.handle(index); handle != entry.id) {
			entry.handle = handle;
		}
		entry.nickname = directory_.nickname(index);
		entry.avatarUrl = directory_.avatarUrl(index);
		entry.coins = s.coins();
		entry.gifts = s.gifts();
		entry.likes = s.likes();
		entry.reachOrder = s.reachOf(by);
		out.push_back(std::move(entry));
	});
	return out;
}

bool Tally::rankingCurrent(const std::vector<SupporterEntry> &shown, SupporterScope which, RankBy by, std::size_t limit,
			   bool sameNames) const
{
	const Leaderboard &ranked = board(which);
	if (shown.size() != std::min(limit, ranked.size(by))) {
		return false;
	}
	bool same = true;
	ranked.forEachRanked(by, limit, [&](std::uint32_t index, std::size_t rank, const Leaderboard::Standing &s) {
		if (!same) {
			return;
		}
		const SupporterEntry &entry = shown[rank - 1];
		const std::string_view id = directory_.id(index);
		same = entry.rank == rank && entry.coins == s.coins() && entry.gifts == s.gifts() &&
		       entry.likes == s.likes() && entry.reachOrder == s.reachOf(by) && entry.id == id;
		if (same && !sameNames) {
			const std::string_view handle = directory_.handle(index);
			same = entry.handle == (handle != id ? handle : std::string_view()) &&
			       entry.nickname == directory_.nickname(index) &&
			       entry.avatarUrl == directory_.avatarUrl(index);
		}
	});
	return same;
}

void Tally::fillRankings(ScopeView &view, SupporterScope which, const ScopeView *previous, bool sameNames) const
{
	const std::size_t limit = options_.topN == 0 ? 1 : options_.topN;
	for (RankBy by : {RankBy::Coins, RankBy::Gifts, RankBy::Likes}) {
		SharedVector<SupporterEntry> &list = by == RankBy::Gifts   ? view.topGifts
						     : by == RankBy::Likes ? view.topLikes
									   : view.top;
		if (previous && rankingCurrent(previous->ranked(by), which, by, limit, sameNames)) {
			list = previous->rankedList(by);
		} else {
			list = supporters(which, by, limit);
		}
	}
	view.supporterCount = board(which).size(RankBy::Coins);
	view.likerCount = board(which).size(RankBy::Likes);
}

GiftActivity Tally::giftActivity(const ActivityRecord &record) const
{
	GiftActivity entry;
	entry.seq = record.seq;
	char key[20];
	std::snprintf(key, sizeof(key), "%016llx", static_cast<unsigned long long>(record.streakHash));
	entry.streakKey = key;
	entry.userId = directory_.handle(record.supporter);
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
	entry.recipient = record.recipient;
	if (auto guest = guests_.find(record.guestId);
	    record.recipient == RecipientKind::Guest && guest != guests_.end()) {
		entry.recipientId = guest->second.id;
		entry.recipientUniqueId = guest->second.uniqueId;
		entry.recipientNickname = guest->second.nickname;
	}
	return entry;
}

bool Tally::activityCurrent(const GiftActivity &entry, const ActivityRecord &record, bool sameNames) const
{
	// The record itself never changes: only the names looked up for it can.
	if (entry.seq != record.seq) {
		return false;
	}
	if (!sameNames) {
		if (entry.userId != directory_.handle(record.supporter) ||
		    entry.nickname != directory_.nickname(record.supporter) ||
		    entry.avatarUrl != directory_.avatarUrl(record.supporter)) {
			return false;
		}
		const auto info = giftInfo_.find(record.giftId);
		if (info == giftInfo_.end()
			? !entry.giftName.empty() || !entry.giftImageUrl.empty()
			: entry.giftName != info->second.name || entry.giftImageUrl != info->second.imageUrl) {
			return false;
		}
	}
	// A guest's names are looked up each time (guests are few).
	if (record.recipient != RecipientKind::Guest) {
		return true;
	}
	const auto guest = guests_.find(record.guestId);
	if (guest == guests_.end()) {
		return entry.recipientId.empty() && entry.recipientUniqueId.empty() && entry.recipientNickname.empty();
	}
	return entry.recipientId == guest->second.id && entry.recipientUniqueId == guest->second.uniqueId &&
	       entry.recipientNickname == guest->second.nickname;
}

std::uint64_t Tally::nextId()
{
	static std::atomic<std::uint64_t> made{0};
	return made.fetch_add(1) + 1;
}

void Tally::fillSnapshot(Snapshot &snapshot, const Snapshot *previous) const
{
	if (previous && previous->madeBy != id_) {
		previous = nullptr;
	}
	snapshot.madeBy = id_;
	snapshot.namesRevision = namesRevision();
	const bool sameNames = previous && previous->namesRevision == snapshot.namesRevision;
	snapshot.streamLive = streamOpen_;
	snapshot.streamId = streamId_;
	for (bool allTime : {false, true}) {
		const Scope &s = scope(allTime);
		ScopeView &view = allTime ? snapshot.allTime : snapshot.stream;
		view.totals = s.totals;
		fillRecipients(view.recipients, s);
		const ScopeView *before = !previous ? nullptr : allTime ? &previous->allTime : &previous->stream;
		fillRankings(view, allTime ? SupporterScope::AllTime : SupporterScope::Stream, before, sameNames);
		view.gifts.clear();
		view.gifts.reserve(s.gifts.size());
		for (const auto &[id, gift] : s.gifts) {
			view.gifts.push_back(gift);
		}
		std::stable_sort(view.gifts.begin(), view.gifts.end(),
				 [](const GiftTotal &a, const GiftTotal &b) { return a.coins > b.coins; });
	}
	snapshot.battles = battles_.battles();
	snapshot.tiktokGoal = tiktokGoal_;
	// Stream boundaries: the last stream's totals are still stream_'s (until the next one starts).
	snapshot.streams.assign(streamLog_.begin(), streamLog_.end());
	if (!snapshot.streams.empty() && snapshot.streams.back().id == streamId_) {
		snapshot.streams.back().coins = stream_.totals.coins;
		snapshot.streams.back().gifts = stream_.totals.gifts;
	}
	snapshot.sinceResetActive = sinceResetActive_;
	snapshot.supporterResets = supporterResets_;
	snapshot.sinceReset = ScopeView{};
	if (sinceResetActive_) {
		fillRankings(snapshot.sinceReset, SupporterScope::SinceReset,
			     previous && previous->sinceResetActive ? &previous->sinceReset : nullptr, sameNames);
	}
	snapshot.goals.clear();
	for (const auto &[id, goal] : goals_) {
		snapshot.goals.emplace(id, goalState(goal));
	}
	// Activity: both lists run by seq, oldest first; an entry the last snapshot made is lent when its names
	// are still the ones known.
	snapshot.activity.clear();
	snapshot.activity.reserve(activity_.size());
	std::size_t lent = 0;
	for (const auto &record : activity_) {
		if (record.other) {
			snapshot.activity.push_back(record.other);
			continue;
		}
		if (previous) {
			const SharedItems<GiftActivity> &before = previous->activity;
			while (lent < before.size() && before[lent].seq < record.seq) {
				++lent;
			}
			if (lent < before.size() && activityCurrent(before[lent], record, sameNames)) {
				snapshot.activity.push_back(before.shared(lent));
				continue;
			}
		}
		snapshot.activity.push_back(giftActivity(record));
	}
	snapshot.goalEvents.assign(goalEvents_.begin(), goalEvents_.end());
	snapshot.unknownEvents.assign(unknown_.begin(), unknown_.end());
	snapshot.stats = stats_;
}

} // namespace livegifts
