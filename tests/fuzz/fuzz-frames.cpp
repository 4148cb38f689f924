// Fuzz target: one frame through FrameParser with its fast scanner and with nlohmann's SAX parser alone.
// Both must accept or reject the frame alike and give the same events and errors (json-scan.hpp promises
// "the same calls" for what it accepts and hands everything else to nlohmann).

#include <string>
#include <string_view>
#include <vector>

#include "core/normalize.hpp"
#include "fuzz-support.hpp"

using namespace livegifts;

namespace {

bool sameEvent(const Event &a, const Event &b)
{
	return a.kind == b.kind && a.arrivedAs == b.arrivedAs && a.wireName == b.wireName && a.msgId == b.msgId &&
	       a.createTimeMs == b.createTimeMs && a.user.id == b.user.id && a.user.numericId == b.user.numericId &&
	       a.user.nickname == b.user.nickname && a.user.avatarUrl == b.user.avatarUrl && a.giftId == b.giftId &&
	       a.giftName == b.giftName && a.giftImageUrl == b.giftImageUrl && a.diamondCount == b.diamondCount &&
	       a.giftType == b.giftType && a.repeatCount == b.repeatCount && a.repeatEnd == b.repeatEnd &&
	       a.groupId == b.groupId && a.likeCount == b.likeCount && a.totalLikeCount == b.totalLikeCount &&
	       a.viewerCount == b.viewerCount && a.action == b.action;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	using livegifts::fuzz::check;
	// One parser of each kind for the whole run, as a connector keeps one: reused buffers are part of
	// what is tested.
	struct Parsers {
		FrameParser fast;
		FrameParser reference;
		Parsers() { reference.setFastPath(false); }
	};
	static Parsers parsers;
	FrameParser &fast = parsers.fast;
	FrameParser &reference = parsers.reference;

	const std::string_view frame(reinterpret_cast<const char *>(data), size);
	std::vector<Event> a;
	std::vector<Event> b;
	// Events already in the vector stay: parse appends.
	a.emplace_back();
	b.emplace_back();
	const ParseResult ra = fast.parse(frame, a);
	const ParseResult rb = reference.parse(frame, b);
	check(ra.frameOk == rb.frameOk, "the fast path and nlohmann disagree on accepting the frame");
	check(ra.repairedUtf8 == rb.repairedUtf8, "the fast path and nlohmann disagree on repairing UTF-8");
	check(ra.errors.size() == rb.errors.size(), "the fast path and nlohmann report a different number of errors");
	for (std::size_t i = 0; i < ra.errors.size(); ++i) {
		check(ra.errors[i].message == rb.errors[i].message,
		      "the fast path and nlohmann report different errors");
		check(!ra.errors[i].message.empty(), "an error without a message");
		check(isValidUtf8(ra.errors[i].message), "an error message that is not UTF-8");
	}
	check(a.size() == b.size(), "the fast path and nlohmann give a different number of events");
	for (std::size_t i = 0; i < a.size(); ++i) {
		check(sameEvent(a[i], b[i]), "the fast path and nlohmann give different events");
	}
	check(!ra.frameOk ? a.size() == 1 : true, "a rejected frame left events behind");
	check(!ra.frameOk ? !ra.errors.empty() : true, "a rejected frame without a reason");
	for (std::size_t i = 1; i < a.size(); ++i) {
		const Event &e = a[i];
		check(isValidUtf8(e.wireName) && isValidUtf8(e.msgId) && isValidUtf8(e.user.id) &&
			  isValidUtf8(e.user.nickname) && isValidUtf8(e.giftName) && isValidUtf8(e.groupId),
		      "an event text that is not UTF-8");
	}
	return 0;
}
