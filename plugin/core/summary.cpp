#include "core/summary.hpp"

#include <string_view>
#include <vector>

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

nlohmann::ordered_json supporterJson(const SupporterEntry &s)
{
	return {{"rank", s.rank}, {"id", s.id}, {"nickname", s.nickname}, {"coins", s.coins}, {"gifts", s.gifts}};
}

// The summary with an empty `supporters` list in its place; the list itself in `supporters`.
nlohmann::ordered_json summaryWithoutSupporters(Engine &engine, SummaryScope scope,
						std::vector<SupporterEntry> &supporters)
{
	engine.flush();
	const bool allTime = scope == SummaryScope::AllTime;
	const auto snapshot = engine.snapshot();
	supporters = engine.supporters(allTime, 0);
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
	out["supporters"] = nlohmann::ordered_json::array();
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

} // namespace

nlohmann::ordered_json makeSummary(Engine &engine, SummaryScope scope)
{
	std::vector<SupporterEntry> supporters;
	nlohmann::ordered_json out = summaryWithoutSupporters(engine, scope, supporters);
	nlohmann::ordered_json &list = out["supporters"];
	for (const SupporterEntry &s : supporters) {
		list.push_back(supporterJson(s));
	}
	return out;
}

void writeSummary(Engine &engine, std::ostream &out, SummaryScope scope,
		  const std::function<void(nlohmann::ordered_json &summary)> &amend)
{
	std::vector<SupporterEntry> supporters;
	nlohmann::ordered_json summary = summaryWithoutSupporters(engine, scope, supporters);
	if (amend) {
		amend(summary);
	}
	constexpr auto replace = nlohmann::json::error_handler_t::replace;
	const std::string text = summary.dump(2, ' ', false, replace);
	// The empty list's place; a key at the top level (a string's quotes inside the JSON are escaped).
	const std::string_view placeholder = "\n  \"supporters\": []";
	const std::size_t at = text.find(placeholder);
	if (supporters.empty() || at == std::string::npos) {
		out << text << '\n';
		return;
	}
	const std::size_t listStart = at + placeholder.size() - 1; // at the ']'
	out.write(text.data(), static_cast<std::streamsize>(listStart));
	// Each supporter as dump() would indent it inside the list (its newlines are structure only: a newline in
	// a string is written as \n).
	std::string entry;
	for (std::size_t i = 0; i < supporters.size(); ++i) {
		entry = supporterJson(supporters[i]).dump(2, ' ', false, replace);
		out << (i == 0 ? "\n    " : ",\n    ");
		for (const char c : entry) {
			out << c;
			if (c == '\n') {
				out << "    ";
			}
		}
	}
	out << "\n  ";
	out.write(text.data() + listStart, static_cast<std::streamsize>(text.size() - listStart));
	out << '\n';
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

void writeSupportersCsvFile(Engine &engine, std::ostream &out, SummaryScope scope)
{
	out << "\xEF\xBB\xBF";
	writeSupportersCsv(engine, out, scope);
}

} // namespace livegifts
