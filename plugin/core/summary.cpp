#include "core/summary.hpp"

namespace livegifts {

namespace {

std::string csvField(std::string_view text)
{
	std::string value(text);
	// A cell that a spreadsheet would run as a formula gets a leading apostrophe.
	if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
			       value[0] == '\t' || value[0] == '\r')) {
		value.insert(value.begin(), '\'');
	}
	if (value.find_first_of(",\"\r\n") == std::string::npos) {
		return value;
	}
	std::string quoted = "\"";
	for (char c : value) {
		if (c == '"') {
			quoted += '"';
		}
		quoted += c;
	}
	quoted += '"';
	return quoted;
}

} // namespace

nlohmann::ordered_json makeSummary(Engine &engine, SummaryScope scope)
{
	engine.flush();
	const bool allTime = scope == SummaryScope::AllTime;
	const auto snapshot = engine.snapshot();
	const std::vector<SupporterEntry> supporters = engine.supporters(allTime, 0);
	const ScopeView &view = allTime ? snapshot->allTime : snapshot->stream;
	const RoomTotals &t = view.totals;

	nlohmann::ordered_json out;
	out["coins"] = t.coins;
	out["gifts"] = t.gifts;
	out["likes"] = {{"received", t.likesReceived}, {"room_total", t.roomLikeTotal}};
	out["follows"] = t.follows;
	out["shares"] = t.shares;
	out["subscribers"] = t.subscribers;
	out["joins"] = t.joins;
	out["viewers"] = {{"last", t.viewersLast}, {"peak", t.viewersPeak}};
	nlohmann::ordered_json list = nlohmann::ordered_json::array();
	for (const auto &s : supporters) {
		list.push_back(
		    {{"rank", s.rank}, {"id", s.id}, {"nickname", s.nickname}, {"coins", s.coins}, {"gifts", s.gifts}});
	}
	out["supporters"] = std::move(list);
	nlohmann::ordered_json perGift = nlohmann::ordered_json::object();
	for (const auto &gift : view.gifts) {
		perGift[std::to_string(gift.giftId)] = {{"name", gift.name},
							{"diamond_count", gift.diamondCount},
							{"count", gift.count},
							{"coins", gift.coins}};
	}
	out["per_gift"] = std::move(perGift);
	nlohmann::ordered_json events = nlohmann::ordered_json::object();
	for (int k = 0; k < eventKindCount; ++k) {
		const auto count = snapshot->stats.events[static_cast<std::size_t>(k)];
		if (count != 0) {
			events[std::string(eventKindName(static_cast<EventKind>(k)))] = count;
		}
	}
	out["events"] = std::move(events);
	out["duplicates"] = snapshot->stats.duplicates;
	out["unidentified"] = snapshot->stats.unidentified;
	out["errors"] = snapshot->stats.errors;
	out["stream_ended"] = snapshot->stats.streamEnds > 0;
	out["chats"] = t.chats;
	out["repaired_utf8"] = snapshot->stats.repairedUtf8;
	out["streaks_closed_by_timeout"] = snapshot->stats.streaksClosedByTimeout;
	nlohmann::ordered_json unknown = nlohmann::ordered_json::object();
	for (const auto &[name, count] : snapshot->unknownEvents) {
		unknown[name] = count;
	}
	out["unknown_events"] = std::move(unknown);
	addRecipientsSection(out, view.recipients);
	addRoomSections(out, *snapshot, t);
	addStreamSection(out, *snapshot);
	if (!snapshot->ledgerError.empty()) {
		out["ledger_error"] = snapshot->ledgerError;
	}
	if (!snapshot->ledgerOk) {
		out["ledger_state"] = ledgerStateName(snapshot->ledger.state);
		out["ledger_waiting_rows"] = snapshot->ledger.waitingRows;
	}
	return out;
}

void writeSupportersCsv(Engine &engine, std::ostream &out, SummaryScope scope)
{
	engine.flush();
	out << "rank,id,nickname,coins,gifts\r\n";
	for (const auto &s : engine.supporters(scope == SummaryScope::AllTime, 0)) {
		out << s.rank << ',' << csvField(s.id) << ',' << csvField(s.nickname) << ',' << s.coins << ','
		    << s.gifts << "\r\n";
	}
}

} // namespace livegifts
