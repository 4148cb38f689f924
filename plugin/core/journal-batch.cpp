#include "core/journal-batch.hpp"

namespace livegifts {

void JournalBatch::sendTo(Journal &journal) const
{
	for (const Change &change : changes) {
		switch (change.type) {
		case Change::Type::StreamStart:
			journal.streamStarted(change.streamId, change.epoch);
			break;
		case Change::Type::StreamEnd:
			journal.streamEnded(change.streamId);
			break;
		case Change::Type::Reset:
			journal.reset(change.reset, change.target);
			break;
		case Change::Type::GoalAction:
			journal.goalAction(change.target, change.action, change.amount);
			break;
		}
	}
	for (const StreamRecord &stream : streams) {
		journal.streamInfo(stream);
	}
	if (hasEpoch) {
		journal.epochChanged(epoch);
	}
	for (const MessageRecord &message : messages) {
		journal.message(message);
	}
	for (const UserRecord &user : users) {
		journal.user(user);
	}
	for (const Standing &entry : standings) {
		journal.standing(entry.scope, entry.standing);
	}
	for (const Gift &entry : gifts) {
		journal.giftTotal(entry.scope, entry.gift);
	}
	for (const Totals &entry : totals) {
		journal.roomTotals(entry.scope, entry.totals);
	}
	for (const Streak &entry : streaks) {
		if (entry.gone) {
			journal.streakGone(entry.record.key);
		} else {
			journal.streak(entry.record);
		}
	}
	for (const GoalRecord &goal : goals) {
		journal.goal(goal);
	}
	for (const BattleState &battle : battles) {
		journal.battle(battle);
	}
	for (const Recipient &entry : recipients) {
		journal.recipientTotal(entry.scope, entry.total);
	}
	if (hasHost) {
		journal.hostId(host, hostRounded);
	}
}

} // namespace livegifts
