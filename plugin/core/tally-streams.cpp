// The stream lifecycle and resets: start, end, reset of a stream, of the supporter ranking or of everything.
#include "core/tally.hpp"

namespace livegifts {

void Tally::ensureStream(Millis now)
{
	if (!streamOpen_) {
		startStream(now);
	}
}

void Tally::startStream(Millis now)
{
	if (streamOpen_) {
		endStream(now);
	}
	flushScope(false);
	streamId_ = ++lastStreamId_;
	streamOpen_ = true;
	stream_.clear();
	if (recording()) {
		log_.streamStarted(streamId_, epoch_);
		dirty_.streamTotals = true;
	}
	onStreamChanged();
	++changes_;
	logger_->log(LogLevel::Info, "stream " + std::to_string(streamId_) + " started");
}

void Tally::endStream(Millis now)
{
	closeOpenStreaks(now);
	if (!streamOpen_) {
		return;
	}
	streamOpen_ = false;
	if (recording()) {
		log_.streamEnded(streamId_);
	}
	++changes_;
	logger_->log(LogLevel::Info, "stream " + std::to_string(streamId_) + " ended");
}

void Tally::resetStream(Millis now)
{
	if (recording()) {
		log_.reset(ResetKind::Stream, std::to_string(streamId_));
	}
	startStream(now);
}

void Tally::resetAll(Millis now)
{
	if (recording()) {
		log_.reset(ResetKind::All, std::to_string(epoch_));
	}
	endStream(now);
	flushScope(true);
	++epoch_;
	if (recording()) {
		log_.epochChanged(epoch_);
		dirty_.allTimeTotals = true;
	}
	allTime_.clear();
	// Everything ranks from zero: "since reset" is all time again until the next explicit reset.
	emitSinceReset(log_);
	sinceReset_.clear();
	sinceResetActive_ = false;
	startStream(now);
	// Everything counts from zero: so does every goal (reset points of the old epoch mean nothing now).
	for (auto *goals : {&goals_, &dormant_}) {
		for (auto &[id, goal] : *goals) {
			goal.origin = GoalCounters{};
			goal.progress = GoalProgress{};
			goal.undo.clear();
			settleGoal(goal);
			markGoal(id);
		}
	}
}

void Tally::resetSupporters()
{
	emitSinceReset(log_); // the final standings of the ranking before
	++supporterResets_;
	sinceResetActive_ = true;
	sinceReset_.clear();
	if (recording()) {
		log_.reset(ResetKind::Supporters, std::to_string(supporterResets_));
	}
	++changes_;
	logger_->log(LogLevel::Info, "supporter ranking reset (" + std::to_string(supporterResets_) + ")");
}

void Tally::flushScope(bool allTime)
{
	if (recording()) {
		emitScope(log_, allTime);
	}
}

} // namespace livegifts
