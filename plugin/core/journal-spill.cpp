#include "core/journal-spill.hpp"

#include "core/private-files.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
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
#include "core/utf8-path.hpp"

namespace livegifts {

namespace {

using nlohmann::json;

json messageJson(const MessageRecord &m)
{
	return json::array({m.msgId, static_cast<int>(m.kind), m.streamId, m.userId, m.giftId, m.units, m.coins,
			    m.likes, m.streakKey, m.createTimeMs});
}

MessageRecord messageFrom(const json &j)
{
	MessageRecord m;
	m.msgId = j.at(0).get<std::string>();
	m.kind = static_cast<EventKind>(j.at(1).get<int>());
	m.streamId = j.at(2).get<std::int64_t>();
	m.userId = j.at(3).get<std::string>();
	m.giftId = j.at(4).get<std::int64_t>();
	m.units = j.at(5).get<std::int64_t>();
	m.coins = j.at(6).get<std::int64_t>();
	m.likes = j.at(7).get<std::int64_t>();
	m.streakKey = j.at(8).get<std::string>();
	m.createTimeMs = j.at(9).get<std::int64_t>();
	return m;
}

json totalsJson(const RoomTotals &t)
{
	return json::array({t.coins, t.gifts, t.likesReceived, t.roomLikeTotal, t.follows, t.shares, t.subscribers,
			    t.joins, t.chats, t.viewersLast, t.viewersPeak, t.superFanJoins, t.superFanBoxes,
			    t.superFanOther});
}

RoomTotals totalsFrom(const json &j)
{
	RoomTotals t;
	std::int64_t *fields[] = {&t.coins,   &t.gifts,       &t.likesReceived, &t.roomLikeTotal,
				  &t.follows, &t.shares,      &t.subscribers,   &t.joins,
				  &t.chats,   &t.viewersLast, &t.viewersPeak};
	for (std::size_t i = 0; i < std::size(fields); ++i) {
		*fields[i] = j.at(i).get<std::int64_t>();
	}
	// Superfans: absent from lines written before they were counted.
	std::int64_t *superFans[] = {&t.superFanJoins, &t.superFanBoxes, &t.superFanOther};
	for (std::size_t i = 0; i < std::size(superFans) && std::size(fields) + i < j.size(); ++i) {
		*superFans[i] = j.at(std::size(fields) + i).get<std::int64_t>();
	}
	return t;
}

json streakJson(const JournalBatch::Streak &s)
{
	const StreakRecord &r = s.record;
	return json::array(
	    {r.key, r.userId, r.giftId, r.diamondCount, r.lastCount, r.counted, r.open, r.ended, s.gone});
}

JournalBatch::Streak streakFrom(const json &j)
{
	JournalBatch::Streak s;
	StreakRecord &r = s.record;
	r.key = j.at(0).get<std::string>();
	r.userId = j.at(1).get<std::string>();
	r.giftId = j.at(2).get<std::int64_t>();
	r.diamondCount = j.at(3).get<std::int64_t>();
	r.lastCount = j.at(4).get<std::int64_t>();
	r.counted = j.at(5).get<std::int64_t>();
	r.open = j.at(6).get<bool>();
	r.ended = j.at(7).get<bool>();
	s.gone = j.at(8).get<bool>();
	return s;
}

json goalJson(const GoalRecord &g)
{
	return json::array({goalSpecToJson(g.spec), g.base, g.target, static_cast<std::int64_t>(g.stage),
			    g.timesReached, g.reached, g.streamId});
}

GoalRecord goalFrom(const json &j)
{
	GoalRecord g;
	if (!goalSpecFromJson(j.at(0).get<std::string>(), g.spec)) {
		throw std::runtime_error("unreadable goal");
	}
	g.base = j.at(1).get<std::int64_t>();
	g.target = j.at(2).get<std::int64_t>();
	g.stage = static_cast<std::size_t>(j.at(3).get<std::int64_t>());
	g.timesReached = j.at(4).get<std::int64_t>();
	g.reached = j.at(5).get<bool>();
	g.streamId = j.at(6).get<std::int64_t>();
	return g;
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
					 b.goals.size() + b.battles.size());
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
}

std::string toSpillLine(const JournalBatch &b)
{
	json out = json::object();
	json messages = json::array();
	for (const auto &m : b.messages) {
		messages.push_back(messageJson(m));
	}
	json changes = json::array();
	for (const auto &c : b.changes) {
		changes.push_back(
		    json::array({static_cast<int>(c.type), c.streamId, c.epoch, static_cast<int>(c.reset), c.target}));
	}
	json users = json::array();
	for (const auto &u : b.users) {
		users.push_back(json::array({u.id, u.nickname, u.avatarUrl}));
	}
	json standings = json::array();
	for (const auto &s : b.standings) {
		standings.push_back(
		    json::array({s.scope, s.standing.id, s.standing.coins, s.standing.gifts, s.standing.reach,
				 s.standing.likes, s.standing.giftReach, s.standing.likeReach}));
	}
	json gifts = json::array();
	for (const auto &g : b.gifts) {
		gifts.push_back(json::array({g.scope, g.gift.giftId, g.gift.name, g.gift.imageUrl, g.gift.diamondCount,
					     g.gift.count, g.gift.coins}));
	}
	json totals = json::array();
	for (const auto &t : b.totals) {
		totals.push_back(json::array({t.scope, totalsJson(t.totals)}));
	}
	json streaks = json::array();
	for (const auto &s : b.streaks) {
		streaks.push_back(streakJson(s));
	}
	json goals = json::array();
	for (const auto &g : b.goals) {
		goals.push_back(goalJson(g));
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
	return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool fromSpillLine(const std::string &line, JournalBatch &b)
{
	try {
		const json in = json::parse(line);
		b.clear();
		for (const auto &m : in.at("m")) {
			b.messages.push_back(messageFrom(m));
		}
		for (const auto &c : in.at("c")) {
			JournalBatch::Change change;
			change.type = static_cast<JournalBatch::Change::Type>(c.at(0).get<int>());
			change.streamId = c.at(1).get<std::int64_t>();
			change.epoch = c.at(2).get<std::int64_t>();
			change.reset = static_cast<ResetKind>(c.at(3).get<int>());
			change.target = c.at(4).get<std::string>();
			b.changes.push_back(std::move(change));
		}
		if (in.contains("e")) {
			b.hasEpoch = true;
			b.epoch = in.at("e").get<std::int64_t>();
		}
		for (const auto &u : in.at("u")) {
			b.users.push_back(
			    {u.at(0).get<std::string>(), u.at(1).get<std::string>(), u.at(2).get<std::string>()});
		}
		for (const auto &s : in.at("s")) {
			StandingRecord standing{s.at(1).get<std::string>(), s.at(2).get<std::int64_t>(),
						s.at(3).get<std::int64_t>(), s.at(4).get<std::uint64_t>()};
			// A line of a build that ranked by coins only: gifts ranked from the same moment, no likes.
			standing.giftReach = standing.reach;
			if (s.size() >= 8) {
				standing.likes = s.at(5).get<std::int64_t>();
				standing.giftReach = s.at(6).get<std::uint64_t>();
				standing.likeReach = s.at(7).get<std::uint64_t>();
			}
			b.standings.push_back({s.at(0).get<std::int64_t>(), std::move(standing)});
		}
		for (const auto &g : in.at("g")) {
			GiftTotal gift{g.at(1).get<std::int64_t>(), g.at(2).get<std::string>(),
				       g.at(3).get<std::string>(),  g.at(4).get<std::int64_t>(),
				       g.at(5).get<std::int64_t>(), g.at(6).get<std::int64_t>()};
			b.gifts.push_back({g.at(0).get<std::int64_t>(), std::move(gift)});
		}
		for (const auto &t : in.at("t")) {
			b.totals.push_back({t.at(0).get<std::int64_t>(), totalsFrom(t.at(1))});
		}
		for (const auto &s : in.at("k")) {
			b.streaks.push_back(streakFrom(s));
		}
		for (const auto &g : in.at("o")) {
			b.goals.push_back(goalFrom(g));
		}
		if (const auto battles = in.find("b"); battles != in.end()) {
			for (const auto &battle : *battles) {
				b.battles.push_back(battleFromJson(battle));
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
		    preparePrivateFile(fsPath, privateError) ? std::fopen(fsPath.string().c_str(), "ab") : nullptr);
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
				break; // cut short by a crash while it was appended (no newline)
			}
			error = "spill file '" + path_ + "' line " + std::to_string(number) + " is unreadable";
			return false;
		}
		each(std::move(batch));
	}
	return true;
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
