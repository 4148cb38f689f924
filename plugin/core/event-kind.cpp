#include "core/event.hpp"

#include <array>

namespace livegifts {

EventKind eventKindFromWireName(std::string_view name)
{
	struct Entry {
		std::string_view name;
		EventKind kind;
	};
	static constexpr std::array<Entry, 37> table{{
	    {"gift", EventKind::Gift},
	    {"WebcastGiftMessage", EventKind::Gift},
	    {"like", EventKind::Like},
	    {"WebcastLikeMessage", EventKind::Like},
	    {"follow", EventKind::Follow},
	    {"share", EventKind::Share},
	    {"social", EventKind::Social},
	    {"WebcastSocialMessage", EventKind::Social},
	    {"subscribe", EventKind::Subscribe},
	    {"subNotify", EventKind::Subscribe},
	    {"WebcastSubNotifyMessage", EventKind::Subscribe},
	    {"member", EventKind::Member},
	    {"WebcastMemberMessage", EventKind::Member},
	    {"join", EventKind::Member},
	    {"roomUser", EventKind::RoomUser},
	    {"WebcastRoomUserSeqMessage", EventKind::RoomUser},
	    {"viewerCount", EventKind::RoomUser},
	    {"chat", EventKind::Chat},
	    {"comment", EventKind::Chat},
	    {"WebcastChatMessage", EventKind::Chat},
	    {"streamEnd", EventKind::StreamEnd},
	    {"liveEnd", EventKind::StreamEnd},
	    {"controlMessage", EventKind::Control},
	    {"WebcastControlMessage", EventKind::Control},
	    {"control", EventKind::Control},
	    {"subscription", EventKind::Subscribe},
	    {"sub", EventKind::Subscribe},
	    {"end", EventKind::StreamEnd},
	    {"linkMicBattle", EventKind::Battle},
	    {"WebcastLinkMicBattle", EventKind::Battle},
	    {"linkMicArmies", EventKind::BattleScore},
	    {"WebcastLinkMicArmies", EventKind::BattleScore},
	    {"superFan", EventKind::SuperFan},
	    {"superFanJoin", EventKind::SuperFan},
	    {"superFanBox", EventKind::SuperFan},
	    {"goalUpdate", EventKind::GoalUpdate},
	    {"WebcastGoalUpdateMessage", EventKind::GoalUpdate},
	}};
	for (const auto &entry : table) {
		if (entry.name == name) {
			return entry.kind;
		}
	}
	return EventKind::Unknown;
}

std::string_view eventKindName(EventKind kind)
{
	switch (kind) {
	case EventKind::Gift:
		return "gift";
	case EventKind::Like:
		return "like";
	case EventKind::Follow:
		return "follow";
	case EventKind::Share:
		return "share";
	case EventKind::Social:
		return "social";
	case EventKind::Subscribe:
		return "subscribe";
	case EventKind::Member:
		return "member";
	case EventKind::RoomUser:
		return "roomUser";
	case EventKind::Chat:
		return "chat";
	case EventKind::StreamEnd:
		return "streamEnd";
	case EventKind::Control:
		return "control";
	case EventKind::Battle:
		return "battle";
	case EventKind::BattleScore:
		return "battleScore";
	case EventKind::SuperFan:
		return "superFan";
	case EventKind::GoalUpdate:
		return "goalUpdate";
	case EventKind::Unknown:
		return "unknown";
	}
	return "unknown";
}

} // namespace livegifts
