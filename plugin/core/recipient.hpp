#pragma once

// Who a gift is for: the room's host, a guest (co-host, multi-guest seat) or nobody named. Gifts to the host
// and to nobody named count as the host's; gifts to guests are counted per guest (SPEC-11 "Recipient").

#include <cstdint>
#include <string>
#include <string_view>

namespace livegifts {

enum class RecipientKind { Unknown, Host, Guest };

// "unknown", "host", "guest" (as the ledger and the spill file store them).
std::string_view recipientKindName(RecipientKind kind);
// The kind a stored name says; Unknown for anything else (NULL or '' of rows older than recipients).
RecipientKind recipientKindFromName(std::string_view name);

// Whether gifts to a recipient of this kind count as the host's: the host's and nobody named's do, a guest's
// does not (it is counted apart).
constexpr bool countsForHost(RecipientKind kind)
{
	return kind != RecipientKind::Guest;
}

// A guest as people read it: "@handle" when known, else the display name, else the numeric id.
std::string recipientLabel(std::string_view uniqueId, std::string_view nickname, std::string_view id);

// A gift's recipient as its message names it.
struct Recipient {
	RecipientKind kind = RecipientKind::Unknown;
	std::string id;       // TikTok's numeric user id (decimal text); empty when Unknown
	std::string uniqueId; // the guest's @handle, when the message tells it
	std::string nickname; // the guest's display name, when the message tells it
	// The id arrived as a JSON number that a JavaScript library may have rounded to a double (above 2^53
	// and a double exactly): it is compared as a double.
	bool idRounded = false;
	// The room's host (anchor) as the same message names it (empty: not named), and whether it may be
	// rounded the same way.
	std::string hostId;
	bool hostIdRounded = false;

	bool countsForHost() const { return livegifts::countsForHost(kind); }
};

// Whether two numeric user ids name the same user: the same text, or, when either may be rounded, the
// same double. Empty, "0" and "-1" never match.
bool sameUserId(std::string_view a, bool aRounded, std::string_view b, bool bRounded);

// Whether an id is "no one": empty, 0 or -1 (as text, with or without quotes or a leading '+').
bool isNoUserId(std::string_view id);

// Whether an integer that arrived as a JSON number may be a rounded double (JavaScript JSON.parse): above
// 2^53 in magnitude and exactly a double.
bool mayBeRoundedId(std::int64_t value);

// Makes the recipient the host when its id is `hostId` (a host id remembered from earlier messages, or the
// message's own when `hostId` is empty). Unknown and Host stay as they are.
void resolveHost(Recipient &recipient, std::string_view hostId = {}, bool hostIdRounded = false);

} // namespace livegifts
