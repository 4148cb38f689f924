#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/battle.hpp"
#include "core/event.hpp"
#include "core/goal-types.hpp"
#include "core/recipient.hpp"
#include "core/shared-list.hpp"
#include "core/stream-cause.hpp"

namespace livegifts {

// Room totals of one scope (this stream or all time).
struct RoomTotals {
	std::int64_t coins = 0;         // sum of diamondCount x count of counted gifts
	std::int64_t gifts = 0;         // counted gift units
	std::int64_t likesReceived = 0; // sum of likeCount
	std::int64_t roomLikeTotal = 0; // largest totalLikeCount seen
	std::int64_t follows = 0;
	std::int64_t shares = 0;
	std::int64_t subscribers = 0;
	std::int64_t joins = 0;
	std::int64_t chats = 0;
	std::int64_t viewersLast = 0;
	std::int64_t viewersPeak = 0;
	// Superfan messages (superFanJoin, superFanBox, other superFan ones), deduplicated
	std::int64_t superFanJoins = 0;
	std::int64_t superFanBoxes = 0;
	std::int64_t superFanOther = 0;

	bool operator==(const RoomTotals &) const = default;
};

// What supporters are ranked by: coins sent, gift units sent, likes sent.
enum class RankBy { Coins, Gifts, Likes };
constexpr std::size_t kRankByCount = 3;

// Which supporters: this stream, all time (since the last "reset all"), since the last explicit reset of the
// ranking (Engine::resetSupporters; before any, the same as all time).
enum class SupporterScope { Stream, AllTime, SinceReset };

// One ranked supporter. Rank 1 is the top; ties break by who reached the amount first.
struct SupporterEntry {
	std::size_t rank = 0;
	std::string id;     // @handle: the one the supporter was first seen with (the ledger's key)
	std::string handle; // the @handle the account sent last, when it has been renamed since (else empty)
	std::string nickname;
	std::string avatarUrl;
	std::int64_t coins = 0;
	std::int64_t gifts = 0;
	std::int64_t likes = 0; // likes sent
	std::uint64_t reachOrder =
	    0; // when they reached the amount ranked by, as an engine-wide order (smaller: earlier)

	// The name to show: the nickname, else the newest @handle.
	const std::string &shownName() const { return !nickname.empty() ? nickname : !handle.empty() ? handle : id; }

	// The amount `by` reads.
	std::int64_t amount(RankBy by) const
	{
		return by == RankBy::Gifts ? gifts : by == RankBy::Likes ? likes : coins;
	}
};

// Totals of one gift.
struct GiftTotal {
	std::int64_t giftId = 0;
	std::string name;
	std::string imageUrl;
	std::int64_t diamondCount = 0; // unit price
	std::int64_t count = 0;        // units
	std::int64_t coins = 0;
};

// The gifts one recipient got in one scope: the host (named as such), nobody named (Unknown) or a guest.
struct RecipientTotal {
	RecipientKind kind = RecipientKind::Unknown;
	std::string id;       // the guest's numeric id (empty for the host and Unknown)
	std::string uniqueId; // the guest's @handle when a message told it (without '@')
	std::string nickname; // the guest's display name when a message told it
	std::int64_t coins = 0;
	std::int64_t gifts = 0; // units
	// A guest's units by gift id (GoalKind::GiftCount with GoalSpec::wholeRoom); empty for the host and nobody
	// named, whose units per gift are the scope's gift totals. (Initialised, so a brace list of the fields
	// before it needs none for it.)
	std::map<std::int64_t, std::int64_t> giftUnits = {};
	bool operator==(const RecipientTotal &) const = default;
};

// Gifts by recipient in one scope. The host's totals (RoomTotals coins/gifts, goals, Top Supporters) are
// host + unknown; guests are counted apart; the room is all of them.
struct RecipientsView {
	RecipientTotal host;
	RecipientTotal unknown;
	std::vector<RecipientTotal> guests; // by coins descending, then id
	std::int64_t roomCoins = 0;         // host + unknown + every guest
	std::int64_t roomGifts = 0;
};

// Everything about one scope.
struct ScopeView {
	RecipientsView recipients; // gifts by recipient
	RoomTotals totals;
	// Rankings, shared with the last snapshot while they do not change.
	SharedVector<SupporterEntry> top;      // the first Engine options' topN supporters, ranked by coins
	SharedVector<SupporterEntry> topGifts; // ... ranked by gift units sent
	SharedVector<SupporterEntry> topLikes; // ... ranked by likes sent
	std::size_t supporterCount = 0;        // all supporters of the scope who sent a gift
	std::size_t likerCount = 0;            // all who sent likes
	std::vector<GiftTotal> gifts;          // every gift, by coins descending then gift id

	// The ranking `by`.
	const SharedVector<SupporterEntry> &rankedList(RankBy by) const
	{
		return by == RankBy::Gifts ? topGifts : by == RankBy::Likes ? topLikes : top;
	}
	const std::vector<SupporterEntry> &ranked(RankBy by) const { return rankedList(by).items(); }
};

// What an activity entry is about.
enum class ActivityKind {
	Gift,
	Follow,
	Share,
	Subscribe,
	Like,
	SuperFanJoin,  // someone became a Super Fan (superFanJoin)
	SuperFanBox,   // a Super Fan box (superFanBox)
	SuperFanOther, // another superFan message
	BattleResult,  // a battle ended (`battle` holds it as it ended)
};

// One event as it happens, for Gift Alert sources. A streak produces one entry per update (in progress,
// then final) sharing the same streakKey; a non-streak gift produces one final entry. Follows, shares and
// subscribers produce one entry each; likes one entry per like message (a run of like messages with
// nothing in between is kept as its latest entry), carrying the room's running like total. A `test`
// entry was made by a Test button: shown by every source, never counted anywhere.
struct GiftActivity {
	std::uint64_t seq = 0; // increasing, never reused within an Engine
	ActivityKind kind = ActivityKind::Gift;
	bool test = false;     // a test event: shown, never counted
	std::string streakKey; // same for every update of one combo (each other entry has its own)
	std::string userId;    // @handle
	std::string nickname;
	std::string avatarUrl;
	std::int64_t giftId = 0;
	std::string giftName;
	std::string giftImageUrl;
	std::int64_t diamondCount = 0; // unit price
	std::int64_t count = 0;        // running count of the combo (final count when final); 1 for other kinds
	bool streakable = false;
	bool final = true;          // false while a streak is in progress
	std::int64_t coins = 0;     // count x diamondCount
	std::int64_t likes = 0;     // Like: likes in this message (or the run it stands for)
	std::int64_t likeTotal = 0; // Like: the room's like total after it (this stream)
	std::int64_t timeMs = 0;    // engine clock when it happened
	BattleState battle;         // BattleResult: the battle as it ended (points, never coins)
	// BattleResult: the side (its host id) of the host the gifts taught, when the battle has it; else empty.
	std::string battleHostSide;
	// Gift: who it is for. A gift to a guest is not the host's (alerts skip it unless told to show it).
	RecipientKind recipient = RecipientKind::Unknown;
	std::string recipientId;       // Guest: the guest's numeric id
	std::string recipientUniqueId; // Guest: @handle (without '@') when known
	std::string recipientNickname; // Guest: display name when known
};

// Counters about the input itself.
struct InputStats {
	std::array<std::int64_t, eventKindCount> events{}; // messages received by wire kind (duplicates too)
	std::int64_t frames = 0;                           // submitted frames
	std::int64_t duplicates = 0;                       // messages dropped because their msgId was seen
	std::int64_t unidentified = 0;           // counted with neither msgId nor createTime: a re-send counts again
	std::int64_t errors = 0;                 // frames or messages rejected (malformed JSON, wrong types, ...)
	std::int64_t repairedUtf8 = 0;           // frames whose invalid UTF-8 was replaced by U+FFFD
	std::int64_t streaksClosedByTimeout = 0; // streaks closed without their end message
	std::int64_t streamEnds = 0;             // streamEnd messages seen (duplicates too)
};

// How the ledger is doing.
struct LedgerStatus {
	enum class State {
		None,       // no ledger (memory only by choice)
		Ok,         // everything counted is written
		Retrying,   // writes fail (disk full, read-only, locked, ...): kept and retried with backoff
		MemoryOnly, // no ledger could be used at all: counting in memory only
	};
	State state = State::None;
	std::string error;             // the last failure while not Ok
	std::int64_t waitingRows = 0;  // rows counted but not yet in the ledger (memory and spill file)
	std::int64_t spilledRows = 0;  // of those, kept in the spill file
	std::string spillPath;         // the spill file while it holds rows
	std::int64_t heldMessages = 0; // messages not applied yet because a msgId lookup failed
	// The ledger file (or its folder) cannot be written: it is open for reading only, its history is
	// shown, new counts are kept (state Retrying) and written when it can be written again.
	bool readOnly = false;
	// Another program writes the ledger (state MemoryOnly): its history is shown, nothing is written here.
	bool inUse = false;

	bool operator==(const LedgerStatus &) const = default;
};

// "none", "ok", "retrying", "memory-only".
const char *ledgerStateName(LedgerStatus::State state);

// Stream boundaries: one stream as the summary and the dock show it. Coins and gifts are the stream's
// totals (the open stream's as they are now).
struct StreamSummary {
	std::int64_t id = 0;
	std::string roomId;                        // empty when no message named the room
	StreamCause startedBy = StreamCause::None; // None: started before causes were recorded
	StreamCause endedBy = StreamCause::None;   // None while open
	bool open = false;
	std::int64_t coins = 0;
	std::int64_t gifts = 0;
};

// An immutable picture of the engine, published by the worker with an atomic swap. Cheap to hold;
// never changes after publication. Read it from any thread.
struct Snapshot {
	std::uint64_t version = 0; // changes whenever the content changes
	bool streamLive = false;   // a stream is open
	std::int64_t streamId = 0; // ledger id of the open (or last) stream, 0 before the first
	ScopeView stream;          // this stream
	ScopeView allTime;         // since the last "reset all"
	// Supporters since the last explicit reset of the ranking (rankings only: no totals or gifts). While
	// no reset was made since the last "reset all" (sinceResetActive false) it is empty and
	// supporters(SinceReset) reads allTime.
	ScopeView sinceReset;
	bool sinceResetActive = false;
	std::int64_t supporterResets = 0;       // explicit resets of the ranking made (ever)
	std::map<std::string, GoalState> goals; // by goal id
	// Recent activity (gifts, follows, ...), oldest first, bounded; each entry shared with the snapshots
	// before and after it that list it too.
	SharedItems<GiftActivity> activity;
	std::vector<GoalReached> goalEvents; // recent goal reached events, oldest first, bounded
	std::vector<std::pair<std::string, std::int64_t>> unknownEvents; // unknown wire names and counts
	InputStats stats;
	std::vector<BattleState> battles;     // in order of first sight (core/battle.hpp); points, never coins
	std::optional<TikTokGoal> tiktokGoal; // the last goalUpdate seen
	// Stream boundaries: the streams of this run, oldest first (the ledger's last one first after a
	// restart; at most kStreamHistory), the open one last.
	std::vector<StreamSummary> streams;
	bool ledgerOk = true;    // false while counted rows are not written (ledger.state Retrying, MemoryOnly)
	std::string ledgerError; // last ledger problem, empty when none
	LedgerStatus ledger;     // the details
	// The engine's names (supporters', gifts') as they were when this snapshot was made: the next snapshot
	// shares this one's unchanged entries without comparing their names again when it is the same.
	std::uint64_t namesRevision = 0;
	std::uint64_t madeBy = 0; // the Tally that made it (Tally::id): only its own snapshots lend it entries

	// The scope whose rankings a Top Supporters source shows.
	const ScopeView &supporters(SupporterScope scope) const
	{
		if (scope == SupporterScope::Stream) {
			return stream;
		}
		return scope == SupporterScope::SinceReset && sinceResetActive ? sinceReset : allTime;
	}

	// The activity entries after `seq` (for consumers that remember the last one they saw).
	std::vector<const GiftActivity *> activitySince(std::uint64_t seq) const;
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;

} // namespace livegifts
