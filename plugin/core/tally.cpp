#include "core/tally.hpp"

#include <algorithm>

#include "core/checked.hpp"
#include "core/fingerprint.hpp"

namespace livegifts {

std::string streakKeyOf(std::string_view userId, std::int64_t giftId, std::string_view groupId)
{
	std::string key;
	key.reserve(userId.size() + groupId.size() + 24);
	key.append(userId);
	key += '|';
	key += std::to_string(giftId);
	key += '|';
	key.append(groupId);
	return key;
}

Tally::Tally(TallyOptions options, Logger *logger)
    : options_(options), logger_(logger != nullptr ? logger : &nullLogger()), dedupe_(options.dedupeCapacity)
{
	options_.closedStreakMemoryMs = std::max(options_.closedStreakMemoryMs, options_.streakQuietTimeoutMs);
	options_.endedStreakMemoryMs = std::max<Millis>(options_.endedStreakMemoryMs, 0);
	options_.untoldEndedStreakMemoryMs = std::max<Millis>(options_.untoldEndedStreakMemoryMs, 0);
	catalogue_.seed(GiftCatalogue::builtinJson());
}

Tally::Lookup Tally::seenBefore(const std::string &msgId)
{
	if (dedupe_.contains(msgId)) {
		return Lookup::Seen;
	}
	if ((ledgerMayKnowMore_ || dedupe_.forgotSome()) && ledgerLookup_) {
		return ledgerLookup_(msgId);
	}
	return Lookup::Unseen;
}

// A streak's closing row: the streak record itself (counted) keeps a close from counting twice, so a
// ledger that cannot answer only risks a second row, never a second count.
bool Tally::isDuplicate(const std::string &msgId)
{
	return seenBefore(msgId) == Lookup::Seen;
}

// A sum at its cap: an error (counted and logged once per Tally), never a wrapped number.
void Tally::noteCapped()
{
	++stats_.errors;
	if (!cappedLogged_) {
		cappedLogged_ = true;
		logger_->log(LogLevel::Error, "a total reached its limit (9223372036854775807) and stops there; "
					      "further amounts are not added to it");
	}
}

void Tally::noteUnknown(const std::string &wireName)
{
	auto [it, inserted] = unknown_.try_emplace(wireName.empty() ? std::string("?") : wireName, 0);
	++it->second;
	if (inserted) {
		logger_->log(LogLevel::Info, "unknown event '" + it->first + "' (counted, not used)");
	}
}

Tally::Outcome Tally::apply(const Event &event, Millis now)
{
	// A viewer who changed their @handle is the supporter their account was first seen as: its numeric id
	// finds that record, and the event counts under the record's handle (rankings, streaks, the ledger's rows
	// and the content fingerprint below alike).
	const std::uint32_t known = directory_.findNumeric(event.user.numericId);
	if (known != SupporterDirectory::npos && directory_.id(known) != event.user.id) {
		Event renamed = event;
		// A message without a handle has its numeric id as `id` (record-mapping): no new handle, so the one
		// the account has now stays what shows.
		const bool handleSent = event.user.id != event.user.numericId;
		renamed.user.shownId = handleSent ? event.user.id : std::string(directory_.handle(known));
		renamed.user.id = std::string(directory_.id(known));
		return applyKnownSender(renamed, now);
	}
	return applyKnownSender(event, now);
}

std::uint32_t Tally::internSender(const Event &event, bool &changed)
{
	const std::uint32_t index =
	    directory_.intern(event.user.id, event.user.nickname, event.user.avatarUrl, changed);
	if (directory_.attachNumeric(index, event.user.numericId)) {
		changed = true;
	}
	// The ledger keys by `id` and keeps the newest handle beside it (users.handle), so a restart shows it too.
	if (directory_.noteHandle(index, event.user.shownHandle())) {
		changed = true;
	}
	return index;
}

Tally::Outcome Tally::applyKnownSender(const Event &event, Millis now)
{
	if (event.msgId.empty()) {
		// Known by its content instead (fingerprint.hpp says which fields and why).
		std::string fingerprint = fingerprintOf(event);
		if (!fingerprint.empty()) {
			Event identified = event;
			identified.msgId = std::move(fingerprint);
			return applyIdentified(identified, now);
		}
		if (identifiedByContent(event.kind)) {
			// No msgId and no createTime: nothing tells a re-send of it from a new one (counted each time).
			++stats_.unidentified;
		}
	}
	return applyIdentified(event, now);
}

Tally::Outcome Tally::applyIdentified(const Event &event, Millis now)
{
	const bool countable =
	    event.kind != EventKind::Unknown && event.kind != EventKind::Control && event.kind != EventKind::Social;
	const Lookup seen = countable && !event.msgId.empty() ? seenBefore(event.msgId) : Lookup::Unseen;
	if (seen == Lookup::Failed) {
		return Outcome::Held; // nothing counted, not even as arrived
	}
	// Counted by what arrived: a TLC 1.x `social` stays social even when it is read as a follow.
	const EventKind arrived = event.arrivedAs;
	++stats_.events[static_cast<std::size_t>(arrived != EventKind::Unknown ? arrived : event.kind)];
	++changes_;
	if (event.kind == EventKind::StreamEnd) {
		++stats_.streamEnds;
	}
	if (!countable) {
		// Counted only (they do not move time either). An unclassified social message must not claim the
		// msgId its follow/share twin has.
		if (event.kind == EventKind::Unknown) {
			noteUnknown(event.wireName);
		}
		return Outcome::Ignored;
	}
	// Duplicates change nothing, not even the time at which quiet streaks close.
	if (!event.msgId.empty()) {
		if (seen == Lookup::Seen) {
			++stats_.duplicates;
			return Outcome::Duplicate;
		}
		dedupe_.insert(event.msgId);
		if (dedupe_.forgotSome() && !ledgerLookup_ && !warnedForgetting_) {
			warnedForgetting_ = true;
			logger_->log(
			    LogLevel::Warning,
			    "more than " + std::to_string(dedupe_.capacity()) +
				" msgIds this run and no ledger to ask: a re-send of the oldest ones would count "
				"again (count through a ledger to keep every one)");
		}
	}
	tick(now);
	// Stream boundaries: a new room or a long silence starts a new stream (a viewer count opens none).
	if (event.kind != EventKind::StreamEnd) {
		noteStreamBoundary(event, now, event.kind != EventKind::RoomUser);
	} else if (now != unknownTime) {
		lastEventAt_ = now;
	}

	if (event.kind == EventKind::RoomUser) {
		for (Scope *s : {&stream_, &allTime_}) {
			s->totals.viewersLast = event.viewerCount;
			s->totals.viewersPeak = std::max(s->totals.viewersPeak, event.viewerCount);
		}
		markTotals();
		return Outcome::Updated;
	}
	if (event.kind == EventKind::StreamEnd) {
		if (!event.msgId.empty()) {
			addMessage(MessageRecord{
			    event.msgId, event.kind, streamId_, {}, 0, 0, 0, 0, {}, event.createTimeMs, {}, {}});
		}
		endStream(now, StreamCause::StreamEnd);
		return Outcome::Updated;
	}
	ensureStream(now);

	Outcome outcome = Outcome::Counted;
	MessageRecord row{event.msgId, event.kind, streamId_, event.user.id,      0,  0,
			  0,           0,          {},        event.createTimeMs, {}, {}};
	GiftActivity shown;
	shown.userId = event.user.shownHandle();
	shown.nickname = event.user.nickname;
	shown.avatarUrl = event.user.avatarUrl;
	shown.count = 1;
	switch (event.kind) {
	case EventKind::Gift:
		applyGift(event, now, outcome);
		evaluateGoals();
		return outcome;
	case EventKind::Like:
		for (Scope *s : {&stream_, &allTime_}) {
			if (!addCapped(s->totals.likesReceived, event.likeCount)) {
				noteCapped();
			}
			s->totals.roomLikeTotal = std::max(s->totals.roomLikeTotal, event.totalLikeCount);
		}
		applyLike(event);
		row.likes = event.likeCount;
		shown.kind = ActivityKind::Like;
		shown.likes = event.likeCount;
		shown.likeTotal = std::max(stream_.totals.roomLikeTotal, stream_.totals.likesReceived);
		pushOther(std::move(shown), now);
		break;
	case EventKind::Follow:
		++stream_.totals.follows;
		++allTime_.totals.follows;
		shown.kind = ActivityKind::Follow;
		pushOther(std::move(shown), now);
		break;
	case EventKind::Share:
		++stream_.totals.shares;
		++allTime_.totals.shares;
		shown.kind = ActivityKind::Share;
		pushOther(std::move(shown), now);
		break;
	case EventKind::Subscribe:
		++stream_.totals.subscribers;
		++allTime_.totals.subscribers;
		shown.kind = ActivityKind::Subscribe;
		pushOther(std::move(shown), now);
		break;
	case EventKind::Member:
		++stream_.totals.joins;
		++allTime_.totals.joins;
		break;
	case EventKind::Chat:
		++stream_.totals.chats;
		++allTime_.totals.chats;
		break;
	case EventKind::Battle:
	case EventKind::BattleScore:
	case EventKind::SuperFan:
	case EventKind::GoalUpdate:
		return applyRoomExtra(event, now);
	default:
		return Outcome::Ignored;
	}
	markTotals();
	if (!event.msgId.empty()) {
		addMessage(std::move(row));
	}
	evaluateGoals();
	return outcome;
}

void Tally::applyGift(const Event &event, Millis now, Outcome &outcome)
{
	bool changed = false;
	const std::uint32_t supporter = internSender(event, changed);
	if (changed && recording()) {
		dirty_.users.insert(supporter);
	}
	const Recipient to = recipientOf(event);
	MessageRecord row{event.msgId,
			  EventKind::Gift,
			  streamId_,
			  event.user.id,
			  event.giftId,
			  0,
			  0,
			  0,
			  {},
			  event.createTimeMs,
			  std::string(recipientKindName(to.kind)),
			  to.kind == RecipientKind::Guest ? to.id : std::string()};

	noteGiftInfo(event.giftId, event.giftName, event.giftImageUrl, event.giftType);
	if (!streaks(event)) {
		countGift(supporter, event.giftId, event.diamondCount, event.repeatCount, to);
		row.units = event.repeatCount;
		row.coins = saturatingMul(event.repeatCount, event.diamondCount);
		const std::uint64_t hash =
		    event.msgId.empty() ? hashText("once:" + std::to_string(++oneShotCounter_)) : hashText(event.msgId);
		pushActivity(hash, supporter, event.giftId, event.diamondCount, event.repeatCount, false, true, now,
			     to);
		if (!event.msgId.empty()) {
			addMessage(std::move(row));
		}
		outcome = Outcome::Counted;
		return;
	}

	applyStreak(event, supporter, to, row, now, outcome);
	if (!event.msgId.empty()) {
		addMessage(std::move(row));
	}
}

void Tally::countGift(std::uint32_t supporter, std::int64_t giftId, std::int64_t diamondCount, std::int64_t units,
		      const Recipient &to)
{
	const std::int64_t coins = saturatingMul(diamondCount, units);
	if (!countRecipient(to, giftId, coins, units)) {
		noteCapped();
	}
	if (!to.countsForHost()) {
		return; // a guest's: not the host's totals, supporters, gifts or goals
	}
	const std::uint64_t reach = nextReach_++;
	const auto info = giftInfo_.find(giftId);
	bool fits = true;
	for (bool allTime : {false, true}) {
		Scope &s = scope(allTime);
		fits = s.board.addGift(supporter, coins, units, reach) && fits;
		GiftTotal &gift = s.gifts[giftId];
		gift.giftId = giftId;
		if (info != giftInfo_.end()) {
			if (!info->second.name.empty() && gift.name != info->second.name) {
				gift.name = info->second.name;
			}
			if (!info->second.imageUrl.empty() && gift.imageUrl != info->second.imageUrl) {
				gift.imageUrl = info->second.imageUrl;
			}
		}
		gift.diamondCount = diamondCount;
		fits = addCapped(gift.count, units) && fits;
		fits = addCapped(gift.coins, coins) && fits;
		fits = addCapped(s.totals.coins, coins) && fits;
		fits = addCapped(s.totals.gifts, units) && fits;
	}
	if (sinceResetActive_) {
		fits = sinceReset_.addGift(supporter, coins, units, reach) && fits;
	}
	if (!fits) {
		noteCapped();
	}
	if (recording()) {
		dirty_.streamSupporters.insert(supporter);
		dirty_.allTimeSupporters.insert(supporter);
		if (sinceResetActive_) {
			dirty_.sinceResetSupporters.insert(supporter);
		}
		dirty_.streamGifts.insert(giftId);
		dirty_.allTimeGifts.insert(giftId);
	}
	markTotals();
}

// Likes sent rank their sender (rule 6: a user's likeCount adds up).
void Tally::applyLike(const Event &event)
{
	if (event.likeCount <= 0 || event.user.id.empty()) {
		return;
	}
	bool changed = false;
	const std::uint32_t supporter = internSender(event, changed);
	const std::uint64_t reach = nextReach_++;
	bool fits = stream_.board.addLikes(supporter, event.likeCount, reach);
	fits = allTime_.board.addLikes(supporter, event.likeCount, reach) && fits;
	if (sinceResetActive_) {
		fits = sinceReset_.addLikes(supporter, event.likeCount, reach) && fits;
	}
	if (!fits) {
		noteCapped();
	}
	if (recording()) {
		if (changed) {
			dirty_.users.insert(supporter);
		}
		dirty_.streamSupporters.insert(supporter);
		dirty_.allTimeSupporters.insert(supporter);
		if (sinceResetActive_) {
			dirty_.sinceResetSupporters.insert(supporter);
		}
	}
}

void Tally::noteGiftInfo(std::int64_t giftId, std::string_view name, std::string_view imageUrl, int giftType)
{
	catalogue_.learn(giftId, name, imageUrl, giftType);
	const GiftCatalogue::Entry *known = catalogue_.find(giftId);
	GiftInfo &info = giftInfo_[giftId];
	if (info.name != known->name) {
		info.name = known->name; // one name per id: the catalogue's, else the first seen
		++giftInfoRevision_;
	}
	if (!known->imageUrl.empty() && info.imageUrl != known->imageUrl) {
		info.imageUrl = known->imageUrl;
		++giftInfoRevision_;
	}
}

void Tally::pushActivity(std::uint64_t streakHash, std::uint32_t supporter, std::int64_t giftId,
			 std::int64_t diamondCount, std::int64_t count, bool streakable, bool final, Millis now,
			 const Recipient &to)
{
	if (options_.activityCapacity == 0) {
		return;
	}
	if (activity_.size() >= options_.activityCapacity) {
		activity_.pop_front();
	}
	ActivityRecord entry;
	entry.seq = nextActivitySeq_++;
	entry.streakHash = streakHash;
	entry.supporter = supporter;
	entry.giftId = giftId;
	entry.diamondCount = diamondCount;
	entry.count = count;
	entry.streakable = streakable;
	entry.final = final;
	entry.time = now;
	entry.recipient = to.kind;
	if (to.kind == RecipientKind::Guest) {
		entry.guestId = to.id;
	}
	activity_.push_back(std::move(entry));
}

void Tally::pushOther(GiftActivity entry, Millis now)
{
	if (options_.activityCapacity == 0) {
		return;
	}
	// A run of like messages is kept as its latest entry (likes summed): a like storm never pushes gifts
	// out of the bounded activity before a source has read them.
	if (entry.kind == ActivityKind::Like && !entry.test && !activity_.empty() && activity_.back().other &&
	    activity_.back().other->kind == ActivityKind::Like && !activity_.back().other->test) {
		entry.likes = saturatingAdd(entry.likes, activity_.back().other->likes);
		activity_.pop_back();
	}
	if (activity_.size() >= options_.activityCapacity) {
		activity_.pop_front();
	}
	ActivityRecord record;
	record.seq = nextActivitySeq_++;
	record.time = now;
	entry.seq = record.seq;
	entry.timeMs = now;
	if (entry.streakKey.empty()) {
		entry.streakKey = "e" + std::to_string(record.seq);
	}
	record.other = std::make_shared<const GiftActivity>(std::move(entry));
	activity_.push_back(std::move(record));
}

void Tally::showTest(GiftActivity entry, Millis now)
{
	entry.test = true;
	pushOther(std::move(entry), now);
	++changes_;
}

void Tally::addMessage(MessageRecord row)
{
	if (recording()) {
		log_.message(std::move(row));
	}
}

void Tally::markTotals()
{
	if (recording()) {
		dirty_.streamTotals = true;
		dirty_.allTimeTotals = true;
	}
	++changes_;
}

} // namespace livegifts
