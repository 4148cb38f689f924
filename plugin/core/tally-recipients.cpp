// Gifts by recipient: the host's (and nobody named's) count as the host's totals; each guest's apart (its coins,
// units and units per gift); the room is all of them. The recipient of a combo is kept with its streak.
#include "core/tally.hpp"

#include <algorithm>

#include "core/checked.hpp"

namespace livegifts {

namespace {

const std::string kHostKey = "host";
const std::string kUnknownKey = "unknown";

} // namespace

Recipient Tally::recipientOf(const Event &event)
{
	Recipient to = event.recipient;
	if (!to.hostId.empty() && (to.hostId != hostId_ || to.hostIdRounded != hostIdRounded_)) {
		hostId_ = to.hostId;
		hostIdRounded_ = to.hostIdRounded;
		if (recording()) {
			dirty_.hostId = true;
		}
		++changes_;
	}
	resolveHost(to);
	resolveHost(to, hostId_, hostIdRounded_);
	if (to.kind == RecipientKind::Guest && hostId_.empty()) {
		// Nothing has named the room's host yet (a shape that never does, such as TLC 0.9's gifts, which name
		// only their recipient): whether this one is the host or a guest cannot be told, so it counts as a
		// gift naming no one does, toward the host, rather than every gift of a solo stream going to a guest.
		to.kind = RecipientKind::Unknown;
	}
	if (to.kind != RecipientKind::Guest) {
		to.id.clear();
		to.uniqueId.clear();
		to.nickname.clear();
		return to;
	}
	if (to.idRounded && !guests_.contains(to.id)) {
		// 1.x monitor extras: the id a JavaScript double kept; the guest it names may be known exactly.
		for (const auto &[id, known] : guests_) {
			if (sameUserId(id, known.idRounded, to.id, true)) {
				to.id = id;
				to.idRounded = known.idRounded;
				break;
			}
		}
	}
	Recipient &known = guests_[to.id];
	known.kind = RecipientKind::Guest;
	known.id = to.id;
	known.idRounded = to.idRounded;
	if (!to.uniqueId.empty()) {
		known.uniqueId = to.uniqueId;
	}
	if (!to.nickname.empty()) {
		known.nickname = to.nickname;
	}
	to.uniqueId = known.uniqueId;
	to.nickname = known.nickname;
	return to;
}

Recipient Tally::recipientOf(const StreakRecord &record)
{
	Recipient to;
	to.kind = recipientKindFromName(record.recipient);
	to.id = record.recipientId;
	to.uniqueId = record.recipientUniqueId;
	to.nickname = record.recipientNickname;
	return to;
}

// A combo's recipient is the first one its messages name.
void Tally::keepRecipient(StreakRecord &record, const Recipient &to)
{
	if (recipientKindFromName(record.recipient) != RecipientKind::Unknown || to.kind == RecipientKind::Unknown) {
		if (record.recipient.empty()) {
			record.recipient = recipientKindName(to.kind);
		}
		return;
	}
	record.recipient = recipientKindName(to.kind);
	record.recipientId = to.id;
	record.recipientUniqueId = to.uniqueId;
	record.recipientNickname = to.nickname;
}

bool Tally::countRecipient(const Recipient &to, std::int64_t giftId, std::int64_t coins, std::int64_t units)
{
	bool fits = true;
	for (bool allTime : {false, true}) {
		Scope &s = scope(allTime);
		RecipientTotal *total = nullptr;
		const std::string *key = nullptr;
		switch (to.kind) {
		case RecipientKind::Host:
			total = &s.host;
			key = &kHostKey;
			break;
		case RecipientKind::Unknown:
			total = &s.unknown;
			key = &kUnknownKey;
			break;
		case RecipientKind::Guest:
			total = &s.guests[to.id];
			total->kind = RecipientKind::Guest;
			total->id = to.id;
			key = &to.id;
			if (!to.uniqueId.empty()) {
				total->uniqueId = to.uniqueId;
			}
			if (!to.nickname.empty()) {
				total->nickname = to.nickname;
			}
			break;
		}
		fits = addCapped(total->coins, coins) && fits;
		fits = addCapped(total->gifts, units) && fits;
		if (to.kind == RecipientKind::Guest) {
			fits = addCapped(s.guestCoins, coins) && fits;
			fits = addCapped(total->giftUnits[giftId], units) && fits;
			fits = addCapped(s.guestUnits[giftId], units) && fits;
		}
		if (recording()) {
			(allTime ? dirty_.allTimeRecipients : dirty_.streamRecipients).insert(*key);
		}
	}
	++changes_;
	return fits;
}

void Tally::emitRecipients(Journal &journal, bool allTime)
{
	auto &keys = allTime ? dirty_.allTimeRecipients : dirty_.streamRecipients;
	const ScopeKey key = allTime ? allTimeScopeKey() : streamScopeKey();
	if (key != 0) {
		const Scope &s = scope(allTime);
		for (const std::string &which : keys) {
			if (which == kHostKey) {
				journal.recipientTotal(key, s.host);
			} else if (which == kUnknownKey) {
				journal.recipientTotal(key, s.unknown);
			} else if (auto it = s.guests.find(which); it != s.guests.end()) {
				journal.recipientTotal(key, it->second);
			}
		}
	}
	keys.clear();
}

void Tally::restoreRecipientTotal(bool allTime, const RecipientTotal &total)
{
	Scope &s = scope(allTime);
	switch (total.kind) {
	case RecipientKind::Host:
		s.host.coins = total.coins;
		s.host.gifts = total.gifts;
		break;
	case RecipientKind::Unknown:
		s.unknown.coins = total.coins;
		s.unknown.gifts = total.gifts;
		break;
	case RecipientKind::Guest: {
		if (total.id.empty()) {
			break;
		}
		RecipientTotal &kept = s.guests[total.id];
		s.guestCoins = saturatingAdd(saturatingSub(s.guestCoins, kept.coins), total.coins);
		for (const auto &[giftId, units] : kept.giftUnits) {
			std::int64_t &all = s.guestUnits[giftId];
			all = saturatingSub(all, units);
		}
		for (const auto &[giftId, units] : total.giftUnits) {
			std::int64_t &all = s.guestUnits[giftId];
			all = saturatingAdd(all, units);
		}
		kept = total;
		Recipient &known = guests_[total.id];
		known.kind = RecipientKind::Guest;
		known.id = total.id;
		if (!total.uniqueId.empty()) {
			known.uniqueId = total.uniqueId;
		}
		if (!total.nickname.empty()) {
			known.nickname = total.nickname;
		}
		break;
	}
	}
}

void Tally::restoreHostId(const std::string &id, bool rounded)
{
	hostId_ = id;
	hostIdRounded_ = rounded;
}

void Tally::fillRecipients(RecipientsView &view, const Scope &s) const
{
	view.host = s.host;
	view.unknown = s.unknown;
	view.guests.clear();
	view.guests.reserve(s.guests.size());
	view.roomCoins = saturatingAdd(s.host.coins, s.unknown.coins);
	view.roomGifts = saturatingAdd(s.host.gifts, s.unknown.gifts);
	for (const auto &[id, guest] : s.guests) {
		view.guests.push_back(guest);
		view.roomCoins = saturatingAdd(view.roomCoins, guest.coins);
		view.roomGifts = saturatingAdd(view.roomGifts, guest.gifts);
	}
	// by coins, then id (string order, as the summary lists them)
	std::sort(view.guests.begin(), view.guests.end(), [](const RecipientTotal &a, const RecipientTotal &b) {
		if (a.coins != b.coins) {
			return a.coins > b.coins;
		}
		return a.id < b.id;
	});
}

} // namespace livegifts
