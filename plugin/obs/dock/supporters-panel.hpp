#pragma once

// This stream's supporters (the first ten, and how many in all), "Export CSV" (written on the runtime's
// control thread), "Copy thank-you list" (clipboard), "Reset ranking" (the "since reset" ranking of Top
// Supporters, after asking), and the ledger's health: where it is, its size and any error.

#include "core/snapshot.hpp"

#include <QString>
#include <QWidget>

class QLabel;

namespace livegifts::obs::dock {

class ElidedLabel;

// The thank-you list of a snapshot's stream supporters, one line each, localised.
QString thankYouText(const Snapshot &snapshot);

class SupportersPanel : public QWidget {
public:
	explicit SupportersPanel(QWidget *parent = nullptr);

	// The dock's timer (UI thread).
	void refresh(const Snapshot &snapshot);

private:
	void exportCsv();
	void copyThanks();
	// Asks, then starts the "since reset" ranking from zero.
	void resetRanking();
	void showLedger(const Snapshot &snapshot);

	ElidedLabel *list_; // one line each, a long nickname cut
	QLabel *note_;
	ElidedLabel *ledger_;            // a long path cut in its middle
	QLabel *ledgerProblem_;          // the ledger's trouble, wrapped (never cut: it says what to do)
	std::uint64_t shownVersion_ = 0; // UI thread
	int ledgerTicks_ = 0;            // UI thread: the file's size is looked at every few seconds
};

} // namespace livegifts::obs::dock
