#include "core/journal-spill.hpp"

#include "core/private-files.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <stdexcept>
#include <system_error>
#include <unordered_set>

#include <nlohmann/json.hpp>

#ifdef _WIN32
#include <io.h>
#else
#include <unistd.h>
#endif

#include "core/clock.hpp"
#include "core/goal-json.hpp"
#include "core/record-fields.hpp"
#include "core/utf8-path.hpp"

namespace livegifts {

namespace {

using nlohmann::json;

// A field's value in a spill line, and back (record-fields.hpp says which fields, in which order).
template <typename T>
json toJson(const T &value)
{
	return value;
}
json toJson(EventKind kind)
{
	return static_cast<int>(kind);
}
json toJson(RecipientKind kind)
{
	return std::string(recipientKindName(kind));
}
json toJson(const GoalSpec &spec)
{
	return goalSpecToJson(spec);
}

template <typename T>
void fromJson(const json &j, T &value)
{
	value = j.get<T>();
}
void fromJson(const json &j, EventKind &kind)
{
	kind = static_cast<EventKind>(j.get<int>());
}
void fromJson(const json &j, RecipientKind &kind)
{
	kind = recipientKindFromName(j.get<std::string>());
}
void fromJson(const json &j, GoalSpec &spec)
{
	if (!goalSpecFromJson(j.get<std::string>(), spec)) {
		throw std::runtime_error("unreadable goal");
	}
}

// Whether a goal has reset points, adjustments or an origin to carry (a line without them reads as none).
bool hasGoalProgress(const GoalRecord &g)
{
	return g.origin != GoalCounters{} || g.progress != GoalProgress{} || !g.undo.empty();
}

// Appends the fields of `record` to the array `out`.
template <typename Table, typename Record>
void appendFields(json &out, const Table &table, const Record &record)
{
	fields::forEach(table, [&](const auto &field, std::size_t) { out.push_back(toJson(record.*field.member)); });
}

// Reads the first `limit` fields of `record` from `in`, from its element `first` on. Throws when one is
// missing or of another type.
template <typename Table, typename Record>
void readFields(const json &in, std::size_t first, const Table &table, Record &record,
		std::size_t limit = fields::count<Table>)
{
	fields::forEach(table, [&](const auto &field, std::size_t i) {
		if (i < limit) {
			fromJson(in.at(first + i), record.*field.member);
		}
	});
}

// Reads the fields of `record` whose element (`at(i)`: the element of field i) is in `in`; the others keep
// their defaults (fields a line of an older build does not have).
template <typename Table, typename Record, typename At>
void readPresentFields(const json &in, const Table &table, Record &record, At at)
{
	fields::forEach(table, [&](const auto &field, std::size_t i) {
		if (at(i) < in.size()) {
			fromJson(in.at(at(i)), record.*field.member);
		}
	});
}

// Keeps the last entry of each key, in the order of those last entries.
template <typename T, typename Key>
void keepLast(std::vector<T> &entries, Key key)
{
	std::unordered_set<std::string> seen;
	std::vector<T> kept;
	for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
		if (seen.insert(key(*it)).second) {
			kept.push_back(std::move(*it));
		}
	}
	entries.assign(std::make_move_iterator(kept.rbegin()), std::make_move_iterator(kept.rend()));
}

template <typename T>
void append(std::vector<T> &to, std::vector<T> &&from)
{
	if (to.empty()) {
		to = std::move(from);
		return;
	}
	to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

struct FileCloser {
	void operator()(std::FILE *f) const { std::fclose(f); }
};

bool syncFile(std::FILE *f)
{
	if (std::fflush(f) != 0) {
		return false;
	}
#ifdef _WIN32
	return _commit(_fileno(f)) == 0;
#else
	return fsync(fileno(f)) == 0;
#endif
}

std::string newSpillId()
{
	static std::uint64_t counter = 0;
	return std::to_string(wallClockMs()) + "-" + std::to_string(++counter) + "-" +
	       std::to_string(reinterpret_cast<std::uintptr_t>(&counter) & 0xffff);
}

} // namespace

std::int64_t batchRows(const JournalBatch &b)
{
	return static_cast<std::int64_t>(b.messages.size() + b.changes.size() + (b.hasEpoch ? 1 : 0) + b.users.size() +
					 b.standings.size() + b.gifts.size() + b.totals.size() + b.streaks.size() +
					 b.goals.size() + b.battles.size() + b.recipients.size() + b.streams.size() +
					 (b.hasHost ? 1 : 0));
}

void appendBatch(JournalBatch &batch, JournalBatch &&more)
{
	append(batch.messages, std::move(more.messages));
	append(batch.changes, std::move(more.changes));
	if (more.hasEpoch) {
		batch.hasEpoch = true;
		batch.epoch = more.epoch;
	}
	append(batch.users, std::move(more.users));
	append(batch.standings, std::move(more.standings));
	append(batch.gifts, std::move(more.gifts));
	append(batch.totals, std::move(more.totals));
	append(batch.streaks, std::move(more.streaks));
	append(batch.goals, std::move(more.goals));
	append(batch.battles, std::move(more.battles));
	append(batch.recipients, std::move(more.recipients));
	append(batch.streams, std::move(more.streams));
	if (more.hasHost) {
		batch.hasHost = true;
		batch.host = std::move(more.host);
		batch.hostRounded = more.hostRounded;
	}
	more.clear();
}

void compactBatch(JournalBatch &b)
{
	keepLast(b.users, [](const UserRecord &u) { return u.id; });
	keepLast(b.standings,
		 [](const JournalBatch::Standing &s) { return std::to_string(s.scope) + '|' + s.standing.id; });
	keepLast(b.gifts, [](const JournalBatch::Gift &g) {
		return std::to_string(g.scope) + '|' + std::to_string(g.gift.giftId);
	});
	keepLast(b.totals, [](const JournalBatch::Totals &t) { return std::to_string(t.scope); });
	keepLast(b.streaks, [](const JournalBatch::Streak &s) { return s.record.key; });
	keepLast(b.goals, [](const GoalRecord &g) { return g.spec.id; });
	keepLast(b.battles, [](const BattleState &battle) { return std::to_string(battle.seq); });
	keepLast(b.recipients, [](const JournalBatch::Recipient &r) {
		return std::to_string(r.scope) + '|' + std::string(recipientKindName(r.total.kind)) + '|' + r.total.id;
	});
	keepLast(b.streams, [](const StreamRecord &stream) { return std::to_string(stream.id); });
}

std::string toSpillLine(const JournalBatch &b)
{
	json out = json::object();
	json messages = json::array();
	for (const auto &m : b.messages) {
		json &message = messages.emplace_back(json::array());
		appendFields(message, fields::message, m);
		// Messages without a recipient (not gifts) keep the line form of builds before recipients.
		if (m.recipient.empty() && m.recipientId.empty()) {
			message.erase(message.begin() + static_cast<std::ptrdiff_t>(fields::messageBeforeRecipient),
				      message.end());
		}
	}
	json changes = json::array();
	for (const auto &c : b.changes) {
		json &change = changes.emplace_back(
		    json::array({static_cast<int>(c.type), c.streamId, c.epoch, static_cast<int>(c.reset), c.target}));
		if (c.action != GoalAction::Adjust || c.amount != 0) {
			change.push_back(static_cast<int>(c.action));
			change.push_back(c.amount);
		}
	}
	json users = json::array();
	for (const auto &u : b.users) {
		appendFields(users.emplace_back(json::array()), fields::user, u);
	}
	json standings = json::array();
	for (const auto &s : b.standings) {
		appendFields(standings.emplace_back(json::array({s.scope})), fields::standing, s.standing);
	}
	json gifts = json::array();
	for (const auto &g : b.gifts) {
		appendFields(gifts.emplace_back(json::array({g.scope})), fields::gift, g.gift);
	}
	json totals = json::array();
	for (const auto &t : b.totals) {
		json values = json::array();
		appendFields(values, fields::totals, t.totals);
		// Superfan counts only when there are some: lines without them read and are written as before.
		if (t.totals.superFanJoins == 0 && t.totals.superFanBoxes == 0 && t.totals.superFanOther == 0) {
			values.erase(values.begin() + static_cast<std::ptrdiff_t>(fields::totalsBeforeSuperfans),
				     values.end());
		}
		totals.push_back(json::array({t.scope, std::move(values)}));
	}
	json streaks = json::array();
	for (const auto &s : b.streaks) {
		json &streak = streaks.emplace_back(json::array());
		appendFields(streak, fields::streak, s.record);
		streak.insert(streak.begin() + static_cast<std::ptrdiff_t>(fields::streakBeforeRecipient), s.gone);
		// Streaks without a recipient keep the line form of builds before recipients.
		if (s.record.recipient.empty() && s.record.recipientId.empty()) {
			streak.erase(streak.begin() + static_cast<std::ptrdiff_t>(fields::streakBeforeRecipient) + 1,
				     streak.end());
		}
	}
	json goals = json::array();
	for (const auto &g : b.goals) {
		json &goal = goals.emplace_back(json::array());
		appendFields(goal, fields::goal, g);
		if (hasGoalProgress(g)) {
			goal.push_back(goalProgressToJson(g));
		}
	}
	out["m"] = std::move(messages);
	out["c"] = std::move(changes);
	if (b.hasEpoch) {
		out["e"] = b.epoch;
	}
	out["u"] = std::move(users);
	out["s"] = std::move(standings);
	out["g"] = std::move(gifts);
	out["t"] = std::move(totals);
	out["k"] = std::move(streaks);
	out["o"] = std::move(goals);
	if (!b.battles.empty()) {
		json battles = json::array();
		for (const auto &battle : b.battles) {
			battles.push_back(battleToJson(battle));
		}
		out["b"] = std::move(battles);
	}
	if (!b.recipients.empty()) {
		json recipients = json::array();
		for (const auto &r : b.recipients) {
			json &recipient = recipients.emplace_back(json::array({r.scope}));
			appendFields(recipient, fields::recipientTotal, r.total);
			// A guest's units per gift, [[gift id, units], ...], after the fields: only when it has some
			// (the host's and nobody named's, and lines of earlier builds, end with the fields).
			if (!r.total.giftUnits.empty()) {
				json units = json::array();
				for (const auto &[giftId, count] : r.total.giftUnits) {
					units.push_back(json::array({giftId, count}));
				}
				recipient.push_back(std::move(units));
			}
		}
		out["r"] = std::move(recipients);
	}
	// Stream boundaries: [id, room id, started by, ended by] (lines of earlier builds have no "w").
	if (!b.streams.empty()) {
		json streams = json::array();
		for (const auto &stream : b.streams) {
			streams.push_back(json::array({stream.id, stream.roomId, streamCauseName(stream.startedBy),
						       streamCauseName(stream.endedBy)}));
		}
		out["w"] = std::move(streams);
	}
	// The host id the gifts taught: [id, rounded] (lines of earlier builds have no "h").
	if (b.hasHost) {
		out["h"] = json::array({b.host, b.hostRounded});
	}
	return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool fromSpillLine(const std::string &line, JournalBatch &b)
{
	try {
		const json in = json::parse(line);
		b.clear();
		for (const auto &m : in.at("m")) {
			// Lines of builds before recipients (and messages without one) end before the recipient.
			readFields(m, 0, fields::message, b.messages.emplace_back(),
				   std::max(fields::messageBeforeRecipient,
					    std::min(m.size(), fields::count<decltype(fields::message)>)));
		}
		for (const auto &c : in.at("c")) {
			JournalBatch::Change change;
			change.type = static_cast<JournalBatch::Change::Type>(c.at(0).get<int>());
			change.streamId = c.at(1).get<std::int64_t>();
			change.epoch = c.at(2).get<std::int64_t>();
			change.reset = static_cast<ResetKind>(c.at(3).get<int>());
			change.target = c.at(4).get<std::string>();
			if (c.size() > fields::changeGoalAction) {
				change.action = static_cast<GoalAction>(c.at(fields::changeGoalAction).get<int>());
				change.amount = c.at(fields::changeGoalAction + 1).get<std::int64_t>();
			}
			b.changes.push_back(std::move(change));
		}
		if (in.contains("e")) {
			b.hasEpoch = true;
			b.epoch = in.at("e").get<std::int64_t>();
		}
		for (const auto &u : in.at("u")) {
			readFields(
			    u, 0, fields::user, b.users.emplace_back(),
			    std::clamp(u.size(), fields::userBeforeNumeric, fields::count<decltype(fields::user)>));
		}
		for (const auto &s : in.at("s")) {
			auto &entry = b.standings.emplace_back();
			entry.scope = s.at(0).get<std::int64_t>();
			if (s.size() > fields::count<decltype(fields::standing)>) {
				readFields(s, 1, fields::standing, entry.standing);
			} else {
				// A line of a build that ranked by coins only: gifts ranked from the same moment, no
				// likes.
				readFields(s, 1, fields::standing, entry.standing, fields::standingCoinsOnly);
				entry.standing.giftReach = entry.standing.reach;
			}
		}
		for (const auto &g : in.at("g")) {
			auto &entry = b.gifts.emplace_back();
			entry.scope = g.at(0).get<std::int64_t>();
			readFields(g, 1, fields::gift, entry.gift);
		}
		for (const auto &t : in.at("t")) {
			auto &entry = b.totals.emplace_back();
			entry.scope = t.at(0).get<std::int64_t>();
			// Superfans (the last three) are absent from lines written before they were counted.
			readFields(t.at(1), 0, fields::totals, entry.totals,
				   std::min(t.at(1).size(), fields::count<decltype(fields::totals)>));
		}
		for (const auto &s : in.at("k")) {
			auto &entry = b.streaks.emplace_back();
			readFields(s, 0, fields::streak, entry.record, fields::streakBeforeRecipient);
			entry.gone = s.at(fields::streakBeforeRecipient).get<bool>();
			// then the recipient's fields, after `gone` (absent from lines of builds before recipients)
			readPresentFields(s, fields::streak, entry.record, [](std::size_t i) {
				return i < fields::streakBeforeRecipient ? std::numeric_limits<std::size_t>::max()
									 : i + 1;
			});
		}
		for (const auto &g : in.at("o")) {
			GoalRecord &goal = b.goals.emplace_back();
			readFields(g, 0, fields::goal, goal);
			if (g.size() > fields::count<decltype(fields::goal)> &&
			    !goalProgressFromJson(g.at(fields::count<decltype(fields::goal)>).get<std::string>(),
						  goal)) {
				throw std::runtime_error("unreadable goal progress");
			}
		}
		if (const auto streams = in.find("w"); streams != in.end()) {
			for (const auto &s : *streams) {
				b.streams.push_back(StreamRecord{s.at(0).get<std::int64_t>(),
								 s.at(1).get<std::string>(),
								 streamCauseFromName(s.at(2).get<std::string>()),
								 streamCauseFromName(s.at(3).get<std::string>())});
			}
		}
		if (const auto host = in.find("h"); host != in.end()) {
			b.hasHost = true;
			b.host = host->at(0).get<std::string>();
			b.hostRounded = host->at(1).get<bool>();
		}
		if (const auto battles = in.find("b"); battles != in.end()) {
			for (const auto &battle : *battles) {
				b.battles.push_back(battleFromJson(battle));
			}
		}
		if (const auto recipients = in.find("r"); recipients != in.end()) {
			for (const auto &r : *recipients) {
				auto &entry = b.recipients.emplace_back();
				entry.scope = r.at(0).get<std::int64_t>();
				readFields(r, 1, fields::recipientTotal, entry.total);
				constexpr std::size_t unitsAt = 1 + fields::count<decltype(fields::recipientTotal)>;
				if (r.size() > unitsAt) {
					for (const auto &pair : r.at(unitsAt)) {
						entry.total.giftUnits[pair.at(0).get<std::int64_t>()] =
						    pair.at(1).get<std::int64_t>();
					}
				}
			}
		}
		return true;
	} catch (const std::exception &) {
		return false;
	}
}

std::string SpillFile::pathFor(const std::string &ledgerPath)
{
	return ledgerPath + ".spill";
}

bool SpillFile::exists() const
{
	std::error_code ec;
	return std::filesystem::exists(pathFromUtf8(path_), ec);
}

std::string SpillFile::readId() const
{
	std::ifstream in(pathFromUtf8(path_), std::ios::binary);
	std::string header;
	if (!in || !std::getline(in, header)) {
		return {};
	}
	try {
		const json j = json::parse(header);
		return j.at("id").get<std::string>();
	} catch (const std::exception &) {
		return {};
	}
}

bool SpillFile::append(const JournalBatch &batch, std::string &error)
{
	std::error_code ec;
	const auto fsPath = pathFromUtf8(path_);
	const bool existed = std::filesystem::exists(fsPath, ec);
	const std::uintmax_t before = existed ? std::filesystem::file_size(fsPath, ec) : 0;
	std::string text;
	if (!existed) {
		text = json{{"spill", 1}, {"id", newSpillId()}}.dump() + "\n";
	}
	text += toSpillLine(batch);
	text += '\n';
	bool ok = false;
	{
		// The streamer's data: created for the user alone (0600) before anything is written to it.
		std::string privateError;
		std::unique_ptr<std::FILE, FileCloser> file(
		    preparePrivateFile(fsPath, privateError) ? openFile(fsPath, "ab") : nullptr);
		if (file) {
			ok =
			    std::fwrite(text.data(), 1, text.size(), file.get()) == text.size() && syncFile(file.get());
		}
	}
	if (!ok) {
		error = "cannot write the spill file '" + path_ + "'";
		std::error_code ignored;
		if (existed) {
			std::filesystem::resize_file(fsPath, before, ignored);
		} else {
			std::filesystem::remove(fsPath, ignored);
		}
		return false;
	}
	rows_ += batchRows(batch);
	messages_ += static_cast<std::int64_t>(batch.messages.size());
	return true;
}

bool SpillFile::read(const std::function<void(JournalBatch &&)> &each, std::string &error) const
{
	Skipped skipped;
	return read(each, error, skipped, false);
}

bool SpillFile::read(const std::function<void(JournalBatch &&)> &each, std::string &error, Skipped &skipped,
		     bool skipUnreadable) const
{
	std::ifstream in(pathFromUtf8(path_), std::ios::binary);
	if (!in) {
		error = "cannot read the spill file '" + path_ + "'";
		return false;
	}
	std::string line;
	std::getline(in, line); // header
	std::uint64_t number = 1;
	while (std::getline(in, line)) {
		++number;
		JournalBatch batch;
		if (!fromSpillLine(line, batch)) {
			if (in.eof()) {
				skipped.cutLastLine = true; // cut short by a crash while it was appended (no newline)
				break;
			}
			if (skipUnreadable) {
				++skipped.unreadableLines;
				continue;
			}
			error = "spill file '" + path_ + "' line " + std::to_string(number) + " is unreadable";
			return false;
		}
		each(std::move(batch));
	}
	return true;
}

std::string SpillFile::moveAside()
{
	const std::string target = path_ + ".damaged-" + std::to_string(wallClockMs());
	std::error_code ec;
	std::filesystem::rename(pathFromUtf8(path_), pathFromUtf8(target), ec);
	if (ec) {
		return {};
	}
	rows_ = 0;
	messages_ = 0;
	return target;
}

bool SpillFile::remove(std::string &error)
{
	std::error_code ec;
	std::filesystem::remove(pathFromUtf8(path_), ec);
	if (ec) {
		error = "cannot remove the spill file '" + path_ + "': " + ec.message();
		return false;
	}
	rows_ = 0;
	messages_ = 0;
	return true;
}

std::int64_t SpillFile::bytes() const
{
	std::error_code ec;
	const auto size = std::filesystem::file_size(pathFromUtf8(path_), ec);
	return ec ? 0 : static_cast<std::int64_t>(size);
}

} // namespace livegifts
