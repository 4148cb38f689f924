#pragma once

// The dock's words and colours for the connection's live status, localised through obs_module_text.

#include "obs/runtime.hpp"
#include "view/plural.hpp"

#include <QColor>
#include <QLocale>
#include <QString>

namespace livegifts::obs::dock {

// A locale string of the module as a QString (not QObject::tr: Qt's own translations are not ours).
QString loc(const char *key);
// Numbers and nouns in the module's language, as the overlays write them (the dock's numbers follow OBS's
// language, as its words do, not the system's locale).
const view::Wording &numberWords();
// OBS's language as Qt formats numbers and times in it, with the module's digits (withModuleDigits): for the
// dock's spin boxes and times, which would otherwise follow the system's locale and its digits.
QLocale dockLocale();
// The name of a connection kind as the combo shows it ("TikFinity (local API)").
QString kindLabel(const std::string &kind);
// A connector's problem in the locale's words (LiveGifts.Problem.<name>, %1 the detail); the English words
// when the problem has no code (a system's or server's own words).
QString problemText(connect::Problem problem, const std::string &detail, const std::string &english);
// One line: "Connected: ws://127.0.0.1:21213/", "Reconnecting in 4 s: Could not connect (Connection refused)", ...
QString statusText(const LiveStatus &status);
// The ledger's trouble in the locale's words, from its state (the English details go to a tooltip and the log):
// counting in memory only, open for reading only, or writes failing and retried.
QString ledgerProblemText(const LedgerStatus &ledger, const std::string &english);
// The light's colour: green connected, amber connecting or reconnecting, red error, grey off.
QColor statusColour(LiveState state);

} // namespace livegifts::obs::dock
