#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <ostream>
#include <string>

#include "core/engine.hpp"

namespace livegifts {

// Which totals a summary reports.
enum class SummaryScope { AllTime, Stream };

// The JSON summary printed by `live-gifts replay` (and `listen`): totals, every supporter ranked,
// per-gift totals, event counts, duplicates, errors, stream_ended. Calls engine.flush() first.
nlohmann::ordered_json makeSummary(Engine &engine, SummaryScope scope = SummaryScope::AllTime);

// The same summary written to `out` as indented JSON (dump(2), invalid UTF-8 replaced) and a newline, the
// supporters list written one supporter at a time: a run with a million supporters does not build its whole
// text twice in memory first. `amend` may change or add fields (not `supporters`) before it is written.
void writeSummary(Engine &engine, std::ostream &out, SummaryScope scope = SummaryScope::AllTime,
		  const std::function<void(nlohmann::ordered_json &summary)> &amend = {});

// The summary's `battles`, `subscriptions`, `superfans` and `tiktok_goal` sections (summary-room.cpp).
void addRoomSections(nlohmann::ordered_json &out, const Snapshot &snapshot, const RoomTotals &totals);

// The summary's `recipients` section (summary-recipients.cpp): gifts to the host, to nobody named, to each
// guest, and the whole room.
void addRecipientsSection(nlohmann::ordered_json &out, const RecipientsView &recipients);
// The summary's `streams` section (summary-streams.cpp): every stream of the run, oldest first, with its
// room id, why it started and ended (null: open, or not recorded) and its coins and gifts.
void addStreamSection(nlohmann::ordered_json &out, const Snapshot &snapshot);

// The ranked supporters as CSV (rank,id,nickname,coins,gifts), RFC 4180 quoting. Calls flush() first.
void writeSupportersCsv(Engine &engine, std::ostream &out, SummaryScope scope = SummaryScope::AllTime);
// The same as a file for spreadsheets: a UTF-8 byte order mark first, without which Excel on Windows reads the
// file in the computer's code page and garbles every name outside it (Arabic, CJK, emoji).
void writeSupportersCsvFile(Engine &engine, std::ostream &out, SummaryScope scope = SummaryScope::AllTime);

} // namespace livegifts
