#pragma once

// A Journal that keeps what it is told, in order, until the ledger has written it: one transaction's worth,
// kept for the next try while the database is busy.

#include <vector>

#include "core/journal.hpp"

namespace livegifts {

class JournalBatch final : public Journal {
public:
	// A stream change or a reset, in order.
	struct Change {
		enum class Type { StreamStart, StreamEnd, Reset, GoalAction };
		Type type = Type::StreamStart;
		std::int64_t streamId = 0; // StreamStart, StreamEnd
		std::int64_t epoch = 0;    // StreamStart
		ResetKind reset = ResetKind::Goal;
		std::string target; // Reset; GoalAction: the goal id
		GoalAction action = GoalAction::Adjust;
		std::int64_t amount = 0; // GoalAction
	};
	struct Standing {
		ScopeKey scope = 0;
		StandingRecord standing;
	};
	struct Gift {
		ScopeKey scope = 0;
		GiftTotal gift;
	};
	struct Totals {
		ScopeKey scope = 0;
		RoomTotals totals;
	};
	struct Recipient {
		ScopeKey scope = 0;
		RecipientTotal total;
	};
	// A streak to keep, or (gone) the key of one to forget.
	struct Streak {
		StreakRecord record;
		bool gone = false;
	};

	void message(MessageRecord message) override { messages.push_back(std::move(message)); }
	void streamStarted(std::int64_t streamId, std::int64_t streamEpoch) override
	{
		changes.push_back(
		    {Change::Type::StreamStart, streamId, streamEpoch, ResetKind::Goal, {}, GoalAction::Adjust, 0});
	}
	void streamEnded(std::int64_t streamId) override
	{
		changes.push_back({Change::Type::StreamEnd, streamId, 0, ResetKind::Goal, {}, GoalAction::Adjust, 0});
	}
	void reset(ResetKind kind, std::string target) override
	{
		changes.push_back({Change::Type::Reset, 0, 0, kind, std::move(target), GoalAction::Adjust, 0});
	}
	void goalAction(std::string goalId, GoalAction action, std::int64_t amount) override
	{
		changes.push_back({Change::Type::GoalAction, 0, 0, ResetKind::Goal, std::move(goalId), action, amount});
	}
	void epochChanged(std::int64_t value) override
	{
		epoch = value;
		hasEpoch = true;
	}
	void user(UserRecord record) override { users.push_back(std::move(record)); }
	void standing(ScopeKey scope, StandingRecord record) override
	{
		standings.push_back({scope, std::move(record)});
	}
	void giftTotal(ScopeKey scope, GiftTotal gift) override { gifts.push_back({scope, std::move(gift)}); }
	void roomTotals(ScopeKey scope, RoomTotals value) override { totals.push_back({scope, value}); }
	void streak(StreakRecord record) override { streaks.push_back({std::move(record), false}); }
	void streakGone(std::string key) override
	{
		Streak gone;
		gone.record.key = std::move(key);
		gone.gone = true;
		streaks.push_back(std::move(gone));
	}
	void goal(GoalRecord record) override { goals.push_back(std::move(record)); }
	void battle(BattleState record) override { battles.push_back(std::move(record)); }
	void recipientTotal(ScopeKey scope, RecipientTotal total) override
	{
		recipients.push_back({scope, std::move(total)});
	}
	void streamInfo(StreamRecord record) override { streams.push_back(std::move(record)); }
	void hostId(std::string id, bool rounded) override
	{
		hasHost = true;
		host = std::move(id);
		hostRounded = rounded;
	}

	bool empty() const
	{
		return messages.empty() && changes.empty() && !hasEpoch && users.empty() && standings.empty() &&
		       gifts.empty() && totals.empty() && streaks.empty() && goals.empty() && battles.empty() &&
		       recipients.empty() && streams.empty() && !hasHost;
	}
	void clear() { *this = JournalBatch{}; }

	// Tells `journal` everything kept, by kind: stream changes and resets, stream boundaries, the epoch,
	// messages, users, standings, gift totals, room totals, streaks, goals, battles, recipient totals (each
	// kind in the order it was told), the host id.
	void sendTo(Journal &journal) const;

	std::vector<MessageRecord> messages;
	std::vector<Change> changes;
	bool hasEpoch = false;
	std::int64_t epoch = 0;
	std::vector<UserRecord> users;
	std::vector<Standing> standings;
	std::vector<Gift> gifts;
	std::vector<Totals> totals;
	std::vector<Streak> streaks;
	std::vector<GoalRecord> goals;
	std::vector<BattleState> battles;
	std::vector<Recipient> recipients;
	std::vector<StreamRecord> streams; // stream boundaries (rooms, causes), in order
	bool hasHost = false;              // the host id the gifts taught (the last told)
	std::string host;
	bool hostRounded = false;
};

} // namespace livegifts
