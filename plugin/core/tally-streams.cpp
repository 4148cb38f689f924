// The stream lifecycle and resets: start, end, reset of a stream, of the supporter ranking or of everything;
// stream boundaries (a new room id, a long silence, streamEnd) and why each stream started and ended.
#include "core/tally.hpp"

#include <algorithm>

namespace livegifts {

void Tally::ensureStream(Millis now)
{
	if (!streamOpen_) {
		startStream(now, StreamCause::FirstEvent);
	}
}

void Tally::noteStreamBoundary(const Event &event, Millis now, bool opens)
{
	const bool timed = now != unknownTime && lastEventAt_ != unknownTime;
	if (streamOpen_) {
		if (!event.roomId.empty() && !streamRoom_.empty() && event.roomId != streamRoom_) {
			startStream(now, StreamCause::NewRoom, event.roomId);
		} else if (timed && now - lastEventAt_ > options_.streamSilenceMs) {
			startStream(now, StreamCause::Silence, event.roomId.empty() ? streamRoom_ : event.roomId);
		} else if (streamRoom_.empty() && !event.roomId.empty()) {
			// the first message that names the room (a TLC 1.x stream may start with a gift without it)
			streamRoom_ = event.roomId;
			if (!streamLog_.empty() && streamLog_.back().id == streamId_) {
				streamLog_.back().roomId = streamRoom_;
			}
			logStream();
			++changes_;
		}
	} else if (opens) {
		startStream(now, StreamCause::FirstEvent, event.roomId);
	}
	if (now != unknownTime) {
		lastEventAt_ = now;
	}
}

StreamRecord Tally::streamRecord() const
{
	return StreamRecord{streamId_, streamRoom_, startedBy_, streamOpen_ ? StreamCause::None : endedBy_};
}

void Tally::logStream()
{
	if (recording() && streamId_ > 0) {
		log_.streamInfo(streamRecord());
	}
}

void Tally::startStream(Millis now, StreamCause cause, std::string roomId)
{
	if (streamOpen_) {
		endStream(now, cause);
	}
	flushScope(false);
	streamId_ = ++lastStreamId_;
	streamOpen_ = true;
	stream_.clear();
	streamRoom_ = std::move(roomId);
	startedBy_ = cause;
	endedBy_ = StreamCause::None;
	streamLog_.push_back(StreamSummary{streamId_, streamRoom_, cause, StreamCause::None, true, 0, 0});
	while (streamLog_.size() > kStreamHistory) {
		streamLog_.pop_front();
	}
	if (recording()) {
		log_.streamStarted(streamId_, epoch_);
		logStream();
		dirty_.streamTotals = true;
	}
	onStreamChanged();
	++changes_;
	logger_->log(LogLevel::Info, "stream " + std::to_string(streamId_) + " started (" +
					 std::string(streamCauseName(cause)) +
					 (streamRoom_.empty() ? std::string() : ", room " + streamRoom_) + ")");
}

void Tally::endStream(Millis now, StreamCause cause)
{
	closeOpenStreaks(now);
	if (!streamOpen_) {
		return;
	}
	streamOpen_ = false;
	endedBy_ = cause;
	if (!streamLog_.empty() && streamLog_.back().id == streamId_) {
		StreamSummary &ended = streamLog_.back();
		ended.open = false;
		ended.endedBy = cause;
		ended.coins = stream_.totals.coins;
		ended.gifts = stream_.totals.gifts;
	}
	if (recording()) {
		log_.streamEnded(streamId_);
		logStream();
	}
	++changes_;
	logger_->log(LogLevel::Info,
		     "stream " + std::to_string(streamId_) + " ended (" + std::string(streamCauseName(cause)) + ")");
}

void Tally::anchorRestoredStream(bool eventTime, Millis now, Millis wallNow)
{
	if (eventTime) {
		lastEventAt_ = restoredCreatedAt_ > 0 ? restoredCreatedAt_ : unknownTime;
	} else if (restoredStoredAt_ > 0 && now != unknownTime) {
		lastEventAt_ = now - std::max<Millis>(0, wallNow - restoredStoredAt_);
	} else {
		lastEventAt_ = unknownTime;
	}
}

void Tally::restoreStream(const StreamRecord &record, Millis lastCreatedAt, Millis lastStoredAt)
{
	if (record.id != streamId_ || record.id <= 0) {
		return;
	}
	streamRoom_ = record.roomId;
	startedBy_ = record.startedBy;
	endedBy_ = record.endedBy;
	restoredCreatedAt_ = lastCreatedAt;
	restoredStoredAt_ = lastStoredAt;
	streamLog_.clear();
	streamLog_.push_back(StreamSummary{record.id, record.roomId, record.startedBy,
					   streamOpen_ ? StreamCause::None : record.endedBy, streamOpen_, 0, 0});
}

void Tally::resetStream(Millis now)
{
	if (recording()) {
		log_.reset(ResetKind::Stream, std::to_string(streamId_));
	}
	startStream(now, StreamCause::Reset);
}

void Tally::resetAll(Millis now)
{
	if (recording()) {
		log_.reset(ResetKind::All, std::to_string(epoch_));
	}
	endStream(now, StreamCause::ResetAll);
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
	startStream(now, StreamCause::ResetAll);
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
