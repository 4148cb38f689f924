// A gift's recipient from every wire shape that names one (tests/data/fixtures/README.md lists them):
// TLC 1.x receiverUserId and monitorExtra {to_user_id, anchor_id} (an object whose ids JSON.parse rounded
// to doubles); TLC 2.x toUser, toMemberId(Int)/toMemberNickname, monitorInfo {toUserId, anchorId} and
// monitorExtra (a JSON text); giftExtra {toUserId, anchorId}; Euler's snake_case to_member_id, to_user,
// to_member_nickname, anchor_id.
#include "core/limits.hpp"
#include "core/record-mapping.hpp"
#include "core/utf8.hpp"

#include <cctype>
#include <string_view>

namespace livegifts::detail {

namespace {

// An id slot's value as decimal text, and whether it may be a rounded double (a JSON number above 2^53).
bool takeId(const RawValue &value, std::string &id, bool &rounded)
{
	std::int64_t number = 0;
	if (!toInt(value, number) || number <= 0) {
		return false;
	}
	id = std::to_string(number);
	rounded = value.type == ValueType::Float ||
		  ((value.type == ValueType::Int || value.type == ValueType::UInt) && mayBeRoundedId(number));
	return true;
}

} // namespace

std::string numberAfter(std::string_view text, std::string_view key)
{
	std::string needle;
	needle.reserve(key.size() + 2);
	needle.append("\"").append(key).append("\"");
	for (std::size_t at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + 1)) {
		std::size_t i = at + needle.size();
		while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) {
			++i;
		}
		if (i >= text.size() || text[i] != ':') {
			continue; // the text of a value, not a key
		}
		++i;
		while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '"')) {
			++i;
		}
		const std::size_t first = i;
		if (i < text.size() && text[i] == '-') {
			++i;
		}
		while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
			++i;
		}
		const std::string_view digits = text.substr(first, i - first);
		return digits.empty() || isNoUserId(digits) || digits.front() == '-' ? std::string()
										     : std::string(digits);
	}
	return {};
}

void mapRecipient(Record &rec, Event &ev)
{
	Recipient &to = ev.recipient;
	to = Recipient{};
	// The host (anchor): monitorInfo, the monitorExtra object, giftExtra, Euler; else the monitorExtra text.
	if (!takeId(rec[Slot::AnchorId], to.hostId, to.hostIdRounded) &&
	    rec[Slot::MonitorExtraText].type == ValueType::String) {
		to.hostId = numberAfter(rec[Slot::MonitorExtraText].text, "anchor_id");
	}
	// The first field that names someone: toUser, then the member fields, then the monitor extras.
	for (Slot slot : {Slot::RecipientUser, Slot::RecipientMember, Slot::RecipientExtra}) {
		if (takeId(rec[slot], to.id, to.idRounded)) {
			break;
		}
	}
	if (to.id.empty() && rec[Slot::MonitorExtraText].type == ValueType::String) {
		to.id = numberAfter(rec[Slot::MonitorExtraText].text, "to_user_id");
	}
	if (to.id.empty()) {
		return; // Unknown: counted as the host's
	}
	to.kind = RecipientKind::Guest;
	takeText(rec[Slot::RecipientHandle], to.uniqueId);
	cutUtf8(to.uniqueId, limits::maxIdBytes);
	if (!to.uniqueId.empty() && to.uniqueId.front() == '@') {
		to.uniqueId.erase(0, 1);
	}
	takeText(rec[Slot::RecipientNickname], to.nickname);
	cleanDisplayText(to.nickname);
	resolveHost(to);
	if (to.kind == RecipientKind::Host) {
		to.uniqueId.clear();
		to.nickname.clear();
	}
}

} // namespace livegifts::detail
