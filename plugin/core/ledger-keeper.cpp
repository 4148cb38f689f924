#include "core/ledger-keeper.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "core/ledger.hpp"
#include "core/tally.hpp"

namespace livegifts {

namespace {

// How long open() waits for a busy ledger to take the spill file left by the last run.
constexpr int spillAtOpenAttempts = 8;

std::string readOnlyError(const std::string &why)
{
	return "the ledger cannot be written (" + why +
	       "); it is open for reading only: its history is shown, new counts are kept and written when it can "
	       "be written again";
}

} // namespace

LedgerKeeper::LedgerKeeper(std::string path, std::size_t recentMsgIds, Logger &logger, const Clock &clock,
			   LedgerKeeperOptions options)
    : path_(std::move(path)), recentMsgIds_(recentMsgIds), logger_(logger), clock_(clock), options_(std::move(options)),
      spill_(path_.empty() ? std::string() : SpillFile::pathFor(path_))
{
	options_.firstRetryMs = std::max<Millis>(options_.firstRetryMs, 1);
	options_.longestRetryMs = std::max(options_.longestRetryMs, options_.firstRetryMs);
}

LedgerKeeper::~LedgerKeeper() = default;

bool LedgerKeeper::ok() const
{
	return (state_ == LedgerStatus::State::Ok || state_ == LedgerStatus::State::None) && lookupError_.empty();
}

std::string LedgerKeeper::error() const
{
	std::string text;
	if (state_ == LedgerStatus::State::Retrying) {
		text = "ledger write failed, " + std::to_string(pendingRows_ + spill_.rows()) +
		       " rows kept and retried: " + error_;
		if (spillPending_) {
			text += " (spill file '" + spill_.path() + "')";
		}
		if (!spillError_.empty()) {
			text += "; " + spillError_;
		}
	} else if (state_ == LedgerStatus::State::MemoryOnly) {
		text = error_;
	}
	if (!lookupError_.empty()) {
		text += text.empty() ? "" : "; ";
		text += lookupError_ + " (messages held until the ledger answers)";
	}
	if (text.empty()) {
		text = notice_;
	}
	return text;
}

LedgerStatus LedgerKeeper::status() const
{
	LedgerStatus status;
	status.state = state_;
	status.error =
	    state_ == LedgerStatus::State::Ok || state_ == LedgerStatus::State::None ? lookupError_ : error();
	status.waitingRows = pendingRows_ + (spillPending_ ? spill_.rows() : 0);
	status.spilledRows = spillPending_ ? spill_.rows() : 0;
	status.spillPath = spillPending_ ? spill_.path() : std::string();
	status.readOnly = readOnly_;
	status.inUse = inUse_;
	return status;
}

void LedgerKeeper::noteLookupError(const std::string &error)
{
	if (error != lookupError_) {
		if (!error.empty()) {
			logger_.log(LogLevel::Error, error + " (messages held until the ledger answers)");
		} else {
			logger_.log(LogLevel::Info, "ledger answers msgId lookups again");
		}
		lookupError_ = error;
	}
}

void LedgerKeeper::memoryOnly(Tally &tally, const std::string &why)
{
	ledger_.reset();
	pending_.clear();
	pendingRows_ = 0;
	tally.setLedgerLookup({});
	tally.stopRecordingWrites();
	state_ = LedgerStatus::State::MemoryOnly;
	error_ = "ledger unusable, counting in memory only: " + why;
	logger_.log(LogLevel::Error, error_);
}

// Damage found while reading: keep the file for the streamer, start a new ledger.
bool LedgerKeeper::replaceDamaged(Tally &tally, Millis now, const std::function<void()> &freshTally, std::string error)
{
	ledger_.reset();
	const std::string aside = Ledger::moveAside(path_);
	if (aside.empty()) {
		memoryOnly(tally, error + " (and it could not be moved aside)");
		return false;
	}
	notice_ = "ledger '" + path_ + "' is damaged (" + error + "); moved to '" + aside + "', starting a new ledger";
	replaced_ = notice_;
	logger_.log(LogLevel::Error, notice_);
	error.clear();
	std::string notice;
	ledger_ = Ledger::open(path_, logger_, notice, error);
	if (!ledger_ || !writeLeftSpill() || !ledger_->load(tally, now, recentMsgIds_, error)) {
		freshTally();
		memoryOnly(tally, error.empty() ? error_ : error);
		return false;
	}
	return true;
}

// A spill file left by the last run holds its newest rows: they go into the ledger before it is read. Damage
// does not stop the ledger: lines that are not a batch are passed over and the file is kept aside for the
// streamer (its other batches written); a file without a readable header (whether it was written cannot be
// told) is kept aside unwritten.
bool LedgerKeeper::writeLeftSpill()
{
	if (!spill_.exists()) {
		return true;
	}
	const std::string id = spill_.readId();
	std::string error;
	if (id.empty()) {
		const std::string aside = spill_.moveAside();
		notice_ = "ledger: the spill file '" + spill_.path() +
			  "' left by the last run has no readable header, so whether it was written cannot be told; " +
			  (aside.empty() ? "it could not be moved aside either" : "it is kept as '" + aside + "'");
		logger_.log(LogLevel::Error, notice_);
		return !aside.empty();
	}
	if (ledger_->spillWritten(id)) {
		spill_.remove(error); // written before its removal was interrupted
		return true;
	}
	const std::int64_t before = ledger_->storedRows();
	for (int attempt = 0; attempt < spillAtOpenAttempts; ++attempt) {
		error.clear();
		SpillFile::Skipped skipped;
		if (ledger_->commit(JournalBatch{}, spill_, error, &skipped, true)) {
			const std::string written = std::to_string(ledger_->storedRows() - before) + " messages";
			if (skipped.unreadableLines > 0) {
				const std::string aside = spill_.moveAside();
				notice_ = "ledger: the spill file '" + spill_.path() + "' left by the last run has " +
					  std::to_string(skipped.unreadableLines) +
					  " damaged lines, passed over; the rest is written (" + written + "); " +
					  (aside.empty() ? "it could not be moved aside"
							 : "the file is kept as '" + aside + "'");
				logger_.log(LogLevel::Error, notice_);
				return true; // recorded as written: never written twice, even where it stays
			}
			logger_.log(LogLevel::Info, "ledger: the spill file '" + spill_.path() +
							"' left by the last run is written (" + written + ")");
			if (skipped.cutLastLine) {
				logger_.log(
				    LogLevel::Warning,
				    "ledger: the last line of the spill file '" + spill_.path() +
					"' was cut short (the program stopped while writing it); that batch is lost");
			}
			std::string removeError;
			if (!spill_.remove(removeError)) {
				logger_.log(LogLevel::Warning, removeError);
			}
			return true;
		}
		if (!ledger_->failedTransiently()) {
			break;
		}
	}
	error_ = "the spill file '" + spill_.path() + "' left by the last run cannot be written (" + error +
		 "); it is kept for the next start";
	ledger_.reset();
	return false;
}

void LedgerKeeper::open(Tally &tally, Millis now, const std::function<void()> &freshTally)
{
	if (path_.empty()) {
		tally.stopRecordingWrites();
		return;
	}
	std::string notice;
	std::string error;
	// Without a lock file (a folder that cannot be written) no program can write the ledger either.
	if (FileLock::take(path_ + ".lock", lock_, error) == FileLock::Result::HeldElsewhere) {
		openInUse(tally, now, freshTally,
			  "ledger '" + path_ + "' is in use by another program (another OBS, or a live-gifts run)");
		return;
	}
	error.clear();
	ledger_ = Ledger::open(path_, logger_, notice, error);
	notice_ = notice; // moved aside: the engine still has a ledger
	if (!notice.empty()) {
		replaced_ = notice;
	}
	if (!ledger_) {
		if (!openReadOnly(tally, now, freshTally, error)) {
			memoryOnly(tally, error);
		}
		return;
	}
	std::string report;
	switch (ledger_->checkAndRepair(report)) {
	case Ledger::Check::Ok:
		if (!report.empty()) {
			logger_.log(LogLevel::Warning, report);
		}
		break;
	case Ledger::Check::Repaired:
		notice_ = report;
		logger_.log(LogLevel::Warning, report);
		break;
	case Ledger::Check::Damaged:
		freshTally();
		if (replaceDamaged(tally, now, freshTally, report)) {
			ready(tally);
		}
		return;
	}
	if (!writeLeftSpill()) {
		memoryOnly(tally, error_);
		return;
	}
	if (!ledger_->load(tally, now, recentMsgIds_, error)) {
		freshTally();
		if (!ledger_->damaged()) {
			memoryOnly(tally, error);
			return;
		}
		if (!replaceDamaged(tally, now, freshTally, error)) {
			return;
		}
	}
	ready(tally);
}

// The ledger cannot be opened for writing (a write-protected file or folder, read-only media): show its
// history all the same, keep what is counted as for any failing write, and try to write it at each retry.
bool LedgerKeeper::openReadOnly(Tally &tally, Millis now, const std::function<void()> &freshTally,
				const std::string &why)
{
	std::string error;
	auto ledger = Ledger::openReadOnly(path_, logger_, error);
	if (!ledger) {
		return false;
	}
	ledger_ = std::move(ledger);
	if (!ledger_->load(tally, now, recentMsgIds_, error)) {
		logger_.log(LogLevel::Warning, "ledger '" + path_ + "' cannot be read either: " + error);
		freshTally();
		ledger_.reset();
		return false;
	}
	ready(tally);
	readOnly_ = true;
	// A spill file left by the last run is written first once the ledger can be written.
	spillPending_ = spill_.exists();
	state_ = LedgerStatus::State::Retrying;
	error_ = readOnlyError(why);
	if (spillPending_) {
		error_ += " (after the spill file '" + spill_.path() + "' left by the last run)";
	}
	failingSince_ = now;
	backoff_ = options_.firstRetryMs;
	nextTry_ = now + backoff_;
	logger_.log(LogLevel::Warning, "ledger '" + path_ + "': " + error_);
	return true;
}

// Another program writes the ledger: its history is shown and its msgIds keep a gift from counting twice, but
// nothing is written (not even later: the totals counted here start from the history as it was now).
void LedgerKeeper::openInUse(Tally &tally, Millis now, const std::function<void()> &freshTally, const std::string &why)
{
	std::string error;
	auto ledger = Ledger::openReadOnly(path_, logger_, error);
	if (ledger && ledger->load(tally, now, recentMsgIds_, error)) {
		ledger_ = std::move(ledger);
		ready(tally);
	} else {
		freshTally();
	}
	tally.stopRecordingWrites();
	state_ = LedgerStatus::State::MemoryOnly;
	inUse_ = true;
	error_ = why + ": only one program may write a ledger, so this one counts in memory only and writes nothing" +
		 (ledger_ ? " (its history is shown)" : "");
	logger_.log(LogLevel::Error, error_);
}

// Each retry of a ledger opened for reading only: open it for writing instead, when that works now.
bool LedgerKeeper::reopenWritable(std::string &error)
{
	std::string notice;
	auto writable = Ledger::open(path_, logger_, notice, error);
	if (!writable) {
		return false;
	}
	if (!notice.empty()) {
		notice_ = notice;
		replaced_ = notice;
	}
	ledger_ = std::move(writable);
	readOnly_ = false;
	logger_.log(LogLevel::Info, "ledger '" + path_ + "' can be written again");
	return true;
}

void LedgerKeeper::ready(Tally &tally)
{
	state_ = LedgerStatus::State::Ok;
	// Through ledger_ at each call: a ledger opened for reading only is replaced when it can be written.
	tally.setLedgerLookup([this](std::string_view msgId) {
		std::string lookupError;
		if (!ledger_) {
			noteLookupError("the ledger is closed");
			return Tally::Lookup::Failed;
		}
		switch (ledger_->findMsgId(msgId, lookupError)) {
		case Ledger::Lookup::Seen:
			return Tally::Lookup::Seen;
		case Ledger::Lookup::Unseen:
			return Tally::Lookup::Unseen;
		case Ledger::Lookup::Failed:
			break;
		}
		noteLookupError(lookupError);
		return Tally::Lookup::Failed;
	});
}

Millis LedgerKeeper::retryAt() const
{
	if (state_ != LedgerStatus::State::Retrying) {
		return INT64_MAX;
	}
	return nextTry_;
}

void LedgerKeeper::commit(Tally &tally)
{
	if (!ledger_) {
		if (tally.hasUnwritten()) {
			JournalBatch dropped;
			tally.writeJournal(dropped);
		}
		return;
	}
	JournalBatch fresh;
	tally.writeJournal(fresh);
	const bool told = !fresh.empty();
	if (told) {
		pendingRows_ += batchRows(fresh);
		appendBatch(pending_, std::move(fresh));
	}
	if (pending_.empty() && !spillPending_ && !readOnly_) {
		return;
	}
	if (state_ == LedgerStatus::State::Retrying && clock_.nowMs() < nextTry_) {
		if (told) {
			boundMemory();
		}
		return;
	}
	if (!tryWrite()) {
		boundMemory();
	}
}

// One transaction: the spill file's rows, then the ones in memory. All or nothing, so a retry after a
// failure stores each row once (and the msgId UNIQUE constraint would refuse a second one anyway).
bool LedgerKeeper::tryWrite()
{
	std::string error;
	const bool writable = !readOnly_ || reopenWritable(error);
	if (writable && options_.beforeWrite) {
		options_.beforeWrite(*ledger_);
	}
	if (writable && ledger_->commit(pending_, spillPending_ ? spill_ : SpillFile({}), error)) {
		const std::int64_t written = pendingRows_ + (spillPending_ ? spill_.rows() : 0);
		pending_.clear();
		pendingRows_ = 0;
		if (spillPending_) {
			spillPending_ = false;
			std::string removeError;
			if (!spill_.remove(removeError)) {
				logger_.log(LogLevel::Warning,
					    removeError + " (it is written; the next start removes it)");
			}
		}
		if (state_ == LedgerStatus::State::Retrying) {
			logger_.log(LogLevel::Info, "ledger writable again: " + std::to_string(written) +
							" kept rows written after " +
							std::to_string(clock_.nowMs() - failingSince_) + " ms");
		}
		state_ = LedgerStatus::State::Ok;
		error_.clear();
		spillError_.clear();
		backoff_ = 0;
		return true;
	}
	const Millis now = clock_.nowMs();
	if (readOnly_) {
		error = readOnlyError(error);
	}
	if (state_ != LedgerStatus::State::Retrying || error != error_) {
		logger_.log(LogLevel::Warning, "ledger write failed (" + error + "); " +
						   std::to_string(pendingRows_ + (spillPending_ ? spill_.rows() : 0)) +
						   " rows kept, retrying");
	}
	if (state_ != LedgerStatus::State::Retrying) {
		failingSince_ = now;
	}
	state_ = LedgerStatus::State::Retrying;
	error_ = error;
	backoff_ = backoff_ == 0 ? options_.firstRetryMs : std::min(backoff_ * 2, options_.longestRetryMs);
	nextTry_ = now + backoff_;
	return false;
}

bool LedgerKeeper::spillAll(std::string &error)
{
	if (pending_.empty()) {
		return true;
	}
	if (!spillPending_ && spill_.exists()) {
		// A file already written whose removal failed: its id is recorded, so it cannot take new rows.
		if (!spill_.remove(error)) {
			return false;
		}
	}
	compactBatch(pending_);
	pendingRows_ = batchRows(pending_);
	if (!spill_.append(pending_, error)) {
		return false;
	}
	spillPending_ = true;
	pending_.clear();
	pendingRows_ = 0;
	return true;
}

// Memory is the limit: the oldest rows in memory go to the spill file (after the ones already there).
void LedgerKeeper::boundMemory()
{
	if (pendingRows_ <= options_.memoryRows) {
		return;
	}
	compactBatch(pending_); // an aggregate told in every batch needs only its latest value
	pendingRows_ = batchRows(pending_);
	if (pendingRows_ <= options_.memoryRows / 2) {
		return;
	}
	std::string error;
	if (spillAll(error)) {
		if (!spillError_.empty()) {
			spillError_.clear();
		}
		return;
	}
	if (spillError_.empty()) {
		logger_.log(LogLevel::Error, error + "; the rows stay in memory");
	}
	spillError_ = error + ", the rows stay in memory";
}

LedgerExit LedgerKeeper::finish(Tally &tally, Millis waitMs, std::int64_t heldMessages)
{
	LedgerExit exit;
	exit.heldMessages = heldMessages;
	exit.replaced = replaced_;
	commit(tally);
	const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(std::max<Millis>(waitMs, 0));
	while (ledger_ && (!pending_.empty() || spillPending_) && state_ == LedgerStatus::State::Retrying) {
		if (std::chrono::steady_clock::now() >= deadline) {
			break;
		}
		std::this_thread::sleep_for(std::chrono::milliseconds(std::clamp<Millis>(backoff_, 1, 100)));
		tryWrite();
	}
	if (ledger_ && (!pending_.empty() || spillPending_)) {
		std::string spillError;
		const std::string why = "could not be written to '" + path_ + "' (" + error_ + ")";
		if (spillAll(spillError)) {
			exit.unwrittenRows = spill_.rows();
			exit.keptIn = spill_.path();
			exit.message = "ledger: " + std::to_string(spill_.rows()) + " rows (" +
				       std::to_string(spill_.messages()) + " messages) " + why +
				       "; they are kept in '" + spill_.path() +
				       "' and will be written into the ledger at the next start";
		} else {
			exit.unwrittenRows = pendingRows_ + (spillPending_ ? spill_.rows() : 0);
			exit.message = "ledger: " + std::to_string(exit.unwrittenRows) + " rows " + why +
				       " and could not be kept (" + spillError + "): they are lost";
			if (spillPending_) {
				exit.keptIn = spill_.path();
				exit.message +=
				    " except " + std::to_string(spill_.rows()) + " kept in '" + spill_.path() + "'";
			}
		}
	}
	if (state_ == LedgerStatus::State::MemoryOnly) {
		exit.memoryOnly = true;
		exit.message = "ledger: nothing was written to '" + path_ + "' (" + error_ + ")";
	}
	if (!exit.replaced.empty() && !exit.memoryOnly) {
		exit.message += exit.message.empty() ? "" : "; ";
		exit.message += "ledger: '" + path_ + "' holds only what was counted since it was started anew (" +
				exit.replaced + ")";
	}
	if (heldMessages > 0) {
		exit.message += exit.message.empty() ? "" : "; ";
		exit.message += "ledger: " + std::to_string(heldMessages) +
				" messages were not counted because the ledger could not say whether they were seen (" +
				lookupError_ + ")";
	}
	if (!exit.message.empty()) {
		logger_.log(LogLevel::Error, exit.message);
	}
	return exit;
}

} // namespace livegifts
