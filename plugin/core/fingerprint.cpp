#include "core/fingerprint.hpp"

#include <cstdio>

#include "core/supporters.hpp"

namespace livegifts {

bool identifiedByContent(EventKind kind)
{
	switch (kind) {
	case EventKind::Gift:
	case EventKind::Like:
	case EventKind::Follow:
	case EventKind::Share:
	case EventKind::Subscribe:
	case EventKind::Member:
	case EventKind::Chat:
		return true;
	default:
		return false;
	}
}

std::string fingerprintOf(const Event &event)
{
	if (!identifiedByContent(event.kind) || event.createTimeMs == 0) {
		return {};
	}
	std::string content;
	content.reserve(96 + event.user.id.size() + event.groupId.size());
	auto field = [&content](std::string_view value) {
		content += std::to_string(value.size());
		content += ':';
		content.append(value);
	};
	field(eventKindName(event.kind));
	field(event.user.id);
	field(std::to_string(event.createTimeMs));
	if (event.kind == EventKind::Gift) {
		field(std::to_string(event.giftId));
		field(std::to_string(event.diamondCount));
		field(std::to_string(event.giftType));
		field(std::to_string(event.repeatCount));
		field(event.repeatEnd ? "1" : "0");
		field(event.groupId);
	} else if (event.kind == EventKind::Like) {
		field(std::to_string(event.likeCount));
		field(std::to_string(event.totalLikeCount));
	}
	char text[40];
	std::snprintf(text, sizeof(text), "fp:%016llx%016llx", static_cast<unsigned long long>(hashText(content)),
		      static_cast<unsigned long long>(hashText("fingerprint/" + content)));
	return text;
}

} // namespace livegifts
