#include "core/recipient.hpp"

#include <charconv>
#include <cmath>

namespace livegifts {

namespace {

constexpr std::int64_t kExactDoubleLimit = std::int64_t{1} << 53;

// The decimal integer of `text` (an optional '-' and digits), or false.
bool parseId(std::string_view text, std::int64_t &out)
{
	if (!text.empty() && text.front() == '+') {
		text.remove_prefix(1);
	}
	if (text.empty()) {
		return false;
	}
	const char *end = text.data() + text.size();
	auto [ptr, ec] = std::from_chars(text.data(), end, out);
	return ec == std::errc() && ptr == end;
}

} // namespace

std::string_view recipientKindName(RecipientKind kind)
{
	switch (kind) {
	case RecipientKind::Host:
		return "host";
	case RecipientKind::Guest:
		return "guest";
	case RecipientKind::Unknown:
		break;
	}
	return "unknown";
}

RecipientKind recipientKindFromName(std::string_view name)
{
	if (name == "host") {
		return RecipientKind::Host;
	}
	if (name == "guest") {
		return RecipientKind::Guest;
	}
	return RecipientKind::Unknown;
}

bool isNoUserId(std::string_view id)
{
	std::int64_t value = 0;
	if (id.empty()) {
		return true;
	}
	return parseId(id, value) && (value == 0 || value == -1);
}

bool mayBeRoundedId(std::int64_t value)
{
	if (value > -kExactDoubleLimit && value < kExactDoubleLimit) {
		return false;
	}
	const double asDouble = static_cast<double>(value);
	// 2^63 itself is not an int64: a double at that bound cannot have come from this value.
	return std::fabs(asDouble) < 9.2233720368547758e18 && static_cast<std::int64_t>(asDouble) == value;
}

bool sameUserId(std::string_view a, bool aRounded, std::string_view b, bool bRounded)
{
	if (isNoUserId(a) || isNoUserId(b)) {
		return false;
	}
	if (a == b) {
		return true;
	}
	if (!aRounded && !bRounded) {
		return false;
	}
	std::int64_t x = 0;
	std::int64_t y = 0;
	return parseId(a, x) && parseId(b, y) && static_cast<double>(x) == static_cast<double>(y);
}

void resolveHost(Recipient &recipient, std::string_view hostId, bool hostIdRounded)
{
	if (recipient.kind != RecipientKind::Guest) {
		return;
	}
	if (hostId.empty()) {
		hostId = recipient.hostId;
		hostIdRounded = recipient.hostIdRounded;
	}
	if (sameUserId(recipient.id, recipient.idRounded, hostId, hostIdRounded)) {
		recipient.kind = RecipientKind::Host;
	}
}

std::string recipientLabel(std::string_view uniqueId, std::string_view nickname, std::string_view id)
{
	if (!uniqueId.empty()) {
		return "@" + std::string(uniqueId);
	}
	return std::string(!nickname.empty() ? nickname : id);
}

} // namespace livegifts
