#include "core/ledger-keeper.hpp"

#include "core/ledger.hpp"
#include "core/tally.hpp"

namespace livegifts {

namespace {

constexpr int maxBusyFailures = 1200; // about 5 minutes of 250 ms waits
constexpr int finalAttempts = 20;

} // namespace

LedgerKeeper::LedgerKeeper(std::string path, std::size_t recentMsgIds, Logger &logger)
    : path_(std::move(path)), recentMsgIds_(recentMsgIds), logger_(logger)
{
}

LedgerKeeper::~LedgerKeeper() = default;

void LedgerKeeper::memoryOnly(Tally &tally, const std::string &why)
{
	ledger_.reset();
	unwritten_.clear();
	tally.setLedgerLookup({});
	tally.stopRecordingWrites();
	ok_ = false;
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
	error_ = "ledger '" + path_ + "' is damaged (" + error + "); moved to '" + aside + "', starting a new ledger";
	logger_.log(LogLevel::Error, error_);
	error.clear();
	std::string notice;
	ledger_ = Ledger::open(path_, logger_, notice, error);
	if (!ledger_ || !ledger_->load(tally, now, recentMsgIds_, error)) {
		freshTally();
		memoryOnly(tally, error);
		return false;
	}
	return true;
}

void LedgerKeeper::open(Tally &tally, Millis now, const std::function<void()> &freshTally)
{
	if (path_.empty()) {
		tally.stopRecordingWrites();
		return;
	}
	std::string notice;
	std::string error;
	ledger_ = Ledger::open(path_, logger_, notice, error);
	if (!notice.empty()) {
		error_ = notice; // moved aside: the engine still has a ledger
	}
	if (!ledger_) {
		memoryOnly(tally, error);
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
	Ledger *raw = ledger_.get();
	tally.setLedgerLookup([raw](std::string_view msgId) { return raw->containsMsgId(msgId); });
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
	tally.writeJournal(unwritten_);
	if (unwritten_.empty()) {
		return;
	}
	std::string error;
	if (ledger_->commit(unwritten_, error)) {
		unwritten_.clear();
		if (busyFailures_ > 0) {
			logger_.log(LogLevel::Info, "ledger writable again");
			busyFailures_ = 0;
		}
		return;
	}
	if (ledger_->failedTransiently() && ++busyFailures_ < maxBusyFailures) {
		if (busyFailures_ == 1) {
			logger_.log(LogLevel::Warning, "ledger busy (" + error + "), will retry");
		}
		return;
	}
	ok_ = false;
	error_ = "ledger write failed, counting in memory only: " + error;
	logger_.log(LogLevel::Error, error_);
	tally.setLedgerLookup({});
	ledger_.reset();
	unwritten_.clear();
	tally.stopRecordingWrites();
	tally.noteChange();
}

void LedgerKeeper::finish(Tally &tally)
{
	commit(tally);
	for (int attempt = 0; attempt < finalAttempts && ledger_ && !unwritten_.empty(); ++attempt) {
		commit(tally);
	}
}

} // namespace livegifts
