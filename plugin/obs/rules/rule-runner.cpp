#include "obs/rules/rule-runner.hpp"

#include "obs/module-singleton.hpp"
#include "obs/plugin-support.hpp"
#include "obs/runtime.hpp"

#include "core/checked.hpp"
#include "core/private-files.hpp"
#include "core/utf8-path.hpp"

#include <util/bmem.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace livegifts::obs {

namespace {

ModuleSingleton<RuleRunner> runner;
constexpr std::size_t kProblemsKept = 20;
// Rounds come at most this often. While firings wait for their turn or timed actions are to be undone, they
// come this often; otherwise only when the engine publishes, when asked, and for the file's check.
constexpr auto kRoundEvery = std::chrono::milliseconds(50);
// How often the rules file is looked at for changes made by another program (an editor, a sync tool).
constexpr Millis kFileCheckEvery = 1000;
constexpr auto kIdleRoundEvery = std::chrono::milliseconds(kFileCheckEvery);

const char *loadStateName(view::RulesLoadState state)
{
	switch (state) {
	case view::RulesLoadState::Ok:
		return "ok";
	case view::RulesLoadState::Missing:
		return "missing";
	case view::RulesLoadState::FutureVersion:
		return "futureVersion";
	case view::RulesLoadState::Invalid:
		return "invalid";
	}
	return "invalid";
}

} // namespace

RuleRunner &RuleRunner::instance()
{
	return runner.get();
}

RuleRunner *RuleRunner::existing()
{
	return runner.find();
}

void RuleRunner::ifAlive(const std::function<void(RuleRunner &)> &act)
{
	runner.ifAlive(act);
}

void RuleRunner::shutdown()
{
	if (RuleRunner *found = runner.find()) {
		found->stop();
	}
	runner.reset();
}

namespace {

// The rules file's text ("" when there is none); nullopt for a file over kMaxRulesFileBytes, which is not read
// (`size` says how large it is).
std::optional<std::string> readRulesText(const std::string &path, std::uintmax_t &size)
{
	size = 0;
	if (path.empty()) {
		return std::string();
	}
	const std::filesystem::path file = pathFromUtf8(path);
	std::error_code ec;
	size = std::filesystem::file_size(file, ec);
	if (!ec && size > view::kMaxRulesFileBytes) {
		return std::nullopt;
	}
	std::ifstream in(file, std::ios::binary);
	std::ostringstream read;
	read << in.rdbuf();
	return read.str();
}

// What that text holds (readRulesText's nullopt: a file refused for its size).
view::RulesLoad rulesOf(const std::optional<std::string> &text, std::uintmax_t size)
{
	if (text) {
		return view::parseRules(*text);
	}
	view::RulesLoad load;
	load.state = view::RulesLoadState::Invalid;
	load.error =
	    "the file is " + std::to_string(size) + " bytes (at most " + std::to_string(view::kMaxRulesFileBytes) + ")";
	return load;
}

// `text` as the whole of a user-only file. False with a reason when it cannot.
bool writeWhole(const std::filesystem::path &file, const std::string &text, std::string &error)
{
	{
		std::ofstream out(file, std::ios::binary | std::ios::trunc);
		out << text;
		out.flush();
		if (!out) {
			error = "cannot write " + pathToUtf8(file);
			return false;
		}
	}
	return restrictFile(file, error);
}

} // namespace

RuleRunner::RuleRunner()
{
	char *path = obs_module_config_path("rules.json");
	path_ = path ? path : "";
	bfree(path);
	std::uintmax_t size = 0;
	fileStamp_ = stampOf(path_); // before reading: a change in between is seen by the first look
	diskText_ = readRulesText(path_, size);
	adopt(rulesOf(diskText_, size));
	Runtime::addPublishListener(this, [this](const SnapshotPtr &, connect::ImageFetcher &) {
		{
			std::lock_guard lock(mutex_);
			++published_;
		}
		wake_.notify_all();
	});
}

RuleRunner::~RuleRunner()
{
	Runtime::removePublishListener(this); // waits for a call in progress
	stop();
}

void RuleRunner::ensureRunning()
{
	std::lock_guard guard(threadMutex_);
	if (thread_.joinable()) {
		bool stopped = false;
		{
			std::lock_guard lock(mutex_);
			stopped = stopping_;
		}
		if (!stopped || thread_.get_id() == std::this_thread::get_id()) {
			return;
		}
		thread_.join(); // it stopped itself (below): start it again
		actions_.reset();
	}
	{
		std::lock_guard lock(mutex_);
		stopping_ = false;
		rulesChanged_ = true;
		timed_ = false;
		++roundsAsked_; // a round at once: where the engine starts is set before the next gift
	}
	engine_ = view::RuleEngine();
	actions_ = std::make_unique<ActionRunner>([this](RuleProblem problem) { report(std::move(problem)); });
	thread_ = std::thread([this] { loop(); });
}

void RuleRunner::stop()
{
	std::lock_guard guard(threadMutex_);
	if (!thread_.joinable()) {
		return;
	}
	{
		std::lock_guard lock(mutex_);
		stopping_ = true;
	}
	wake_.notify_all();
	if (thread_.get_id() == std::this_thread::get_id()) {
		return; // a release on the rules thread destroyed our last source: it ends after this round
	}
	thread_.join();
	actions_.reset(); // undoes what is shown for a time
	done_.notify_all();
}

Millis RuleRunner::now() const
{
	return manualTime_.load() ? manualClock_.nowMs() : steadyClock().nowMs();
}

void RuleRunner::loop()
{
	using Clock = std::chrono::steady_clock;
	std::unique_lock lock(mutex_);
	auto lastRound = Clock::now();
	while (!stopping_) {
		const auto asked = [this] { return stopping_ || roundsAsked_ > roundsDone_; };
		// Nothing timed waits: the thread sleeps until a snapshot, a request, or the file's check.
		const auto latest = lastRound + (timed_ ? kRoundEvery : kIdleRoundEvery);
		wake_.wait_until(lock, latest, [&] { return asked() || published_ != publishedSeen_; });
		if (!asked() && Clock::now() < lastRound + kRoundEvery) {
			// A snapshot soon after a round: taken with whatever else arrives in the rest of the spacing.
			wake_.wait_until(lock, lastRound + kRoundEvery, asked);
		}
		if (stopping_) {
			break;
		}
		const std::uint64_t askedUpTo = roundsAsked_;
		publishedSeen_ = published_;
		lock.unlock();
		guarded("rules round", [this] { round(); });
		lastRound = Clock::now();
		lock.lock();
		roundsDone_ = std::max(roundsDone_, askedUpTo);
		++roundsRun_;
		done_.notify_all();
	}
	roundsDone_ = roundsAsked_;
}

void RuleRunner::round()
{
	std::vector<view::Rule> rules;
	bool changed = false;
	std::vector<view::Rule> toSave;
	bool saving = false;
	std::vector<std::string> tests;
	{
		std::lock_guard lock(mutex_);
		if (saveWaiting_) {
			toSave = std::move(toSave_);
			saving = true;
			saveWaiting_ = false;
		}
		tests.swap(tests_);
	}
	// Saved first: a file changed by another program is read again instead (save), and the engine then takes
	// the file's rules without ever dropping the counts of rules the dock's set had left out.
	if (saving) {
		save(toSave);
	}
	const Millis at = now();
	watchFile(at);
	{
		std::lock_guard lock(mutex_);
		if (rulesChanged_) {
			rules = view_.rules;
			changed = true;
			rulesChanged_ = false;
		}
	}
	if (changed) {
		engine_.setRules(std::move(rules));
	}
	std::vector<view::RuleFiring> firings;
	if (const Runtime::Lease runtime = Runtime::lease()) {
		firings = engine_.update(*runtime->snapshot(), at);
	} else {
		firings = engine_.tick(at);
	}
	for (const std::string &id : tests) {
		firings.push_back(engine_.test(id, at));
	}
	// A firing whose timed actions failed (a scene that does not exist) frees its rule at once: its queue
	// goes on in this round, not after the durations of actions that never happened.
	while (!firings.empty()) {
		for (const view::RuleFiring &firing : firings) {
			const Millis held = actions_->run(firing, at);
			if (!firing.test) {
				engine_.settle(firing.ruleId, saturatingAdd(at, held));
			}
		}
		firings = engine_.tick(at);
	}
	actions_->due(at);

	std::map<std::string, view::RuleStats> stats;
	for (const view::Rule &rule : engine_.rules()) {
		stats[rule.id] = engine_.stats(rule.id);
	}
	std::lock_guard lock(mutex_);
	timed_ = engine_.waiting() || actions_->pending() > 0;
	if (stats != view_.stats || actions_->counters() != view_.counters) {
		view_.stats = std::move(stats);
		view_.counters = actions_->counters();
		++view_.revision;
	}
}

void RuleRunner::save(const std::vector<view::Rule> &rules)
{
	if (path_.empty()) {
		return;
	}
	const std::filesystem::path file = pathFromUtf8(path_);
	std::string error;
	if (!makePrivateFolders(file.parent_path(), ExistingFolder::Restrict, error)) {
		LG_LOG(LOG_WARNING, "rules not saved: %s", error.c_str());
		return;
	}
	const std::string text = view::rulesToJson(rules, fileExtra_).dump(1) + '\n';
	std::uintmax_t size = 0;
	std::optional<std::string> onDisk = readRulesText(path_, size);
	if (onDisk != diskText_) {
		view::RulesLoad load = rulesOf(onDisk, size);
		if (load.state != view::RulesLoadState::Missing) {
			// Changed by another program (an editor, a sync tool) since we read or wrote it: never written
			// over. Its rules are read again (the dock shows them) and the dock's are kept beside it. (A
			// file removed or emptied holds nothing to keep: the dock's set is written.)
			std::filesystem::path kept = file;
			kept += ".dock-unsaved";
			const bool keptOk = writeWhole(kept, text, error);
			LG_LOG(
			    LOG_WARNING,
			    "rules: %s was changed by another program since it was read: it is read again, not written "
			    "over; %s%s",
			    path_.c_str(),
			    keptOk ? "the dock's rules are kept in " : "the dock's rules could not be kept: ",
			    keptOk ? pathToUtf8(kept).c_str() : error.c_str());
			diskText_ = std::move(onDisk);
			adopt(std::move(load));
			return;
		}
	}
	std::filesystem::path temporary = file;
	temporary += ".tmp";
	if (!writeWhole(temporary, text, error)) {
		LG_LOG(LOG_WARNING, "rules not saved: %s", error.c_str());
		return;
	}
	std::error_code ec;
	std::filesystem::rename(temporary, file, ec);
	if (ec) {
		LG_LOG(LOG_WARNING, "rules not saved: %s", ec.message().c_str());
		return;
	}
	diskText_ = text;
}

RuleRunner::FileStamp RuleRunner::stampOf(const std::string &path)
{
	const std::filesystem::path file = pathFromUtf8(path);
	std::error_code sizeError;
	std::error_code timeError;
	RuleRunner::FileStamp stamp;
	stamp.size = std::filesystem::file_size(file, sizeError);
	stamp.time = std::filesystem::last_write_time(file, timeError);
	stamp.exists = !sizeError && !timeError;
	if (!stamp.exists) {
		stamp = {};
	}
	return stamp;
}

void RuleRunner::watchFile(Millis at)
{
	// The rules' clock (set by hand in tests) may also go back: a check then, and the spell starts again.
	if (path_.empty() || (lastFileCheck_ && at >= *lastFileCheck_ && at - *lastFileCheck_ < kFileCheckEvery)) {
		return;
	}
	lastFileCheck_ = at;
	const FileStamp stamp = stampOf(path_);
	if (stamp == fileStamp_) {
		return;
	}
	fileStamp_ = stamp;
	std::uintmax_t size = 0;
	std::optional<std::string> onDisk = readRulesText(path_, size);
	if (onDisk == diskText_) {
		return; // as we read or wrote it (our own save, or only its time changed)
	}
	view::RulesLoad load = rulesOf(onDisk, size);
	if (load.state == view::RulesLoadState::Missing) {
		// Removed or emptied: the rules in use stay (a file moved away by a sync tool or an editor's save is
		// not a reset); the next edit from the dock writes them, also when the file before could not be read.
		LG_LOG(LOG_INFO,
		       "rules: %s was removed or emptied; the rules in use stay and are written at the next edit",
		       path_.c_str());
		std::lock_guard lock(mutex_);
		if (!view_.writable) {
			view_.writable = true;
			view_.loadState = view::RulesLoadState::Ok;
			view_.loadError.clear();
			++view_.revision;
		}
		return;
	}
	LG_LOG(LOG_INFO, "rules: %s was changed by another program: read again", path_.c_str());
	diskText_ = std::move(onDisk);
	adopt(std::move(load));
}

void RuleRunner::adopt(view::RulesLoad load)
{
	if (!load.writable()) {
		LG_LOG(LOG_WARNING, "rules: %s; the file is kept as it is and rules are not saved", load.error.c_str());
	} else if (load.state == view::RulesLoadState::Ok) {
		LG_LOG(LOG_INFO, "rules: %zu read", load.rules.size());
	}
	std::lock_guard lock(mutex_);
	view_.loadState = load.state;
	view_.writable = load.writable();
	view_.loadError = load.error;
	if (load.writable()) {
		view_.rules = std::move(load.rules);
		fileExtra_ = std::move(load.extra);
	}
	rulesChanged_ = true;
	++view_.revision;
}

RulesView RuleRunner::view() const
{
	std::lock_guard lock(mutex_);
	return view_;
}

std::uint64_t RuleRunner::revision() const
{
	std::lock_guard lock(mutex_);
	return view_.revision;
}

bool RuleRunner::setRules(std::vector<view::Rule> rules)
{
	{
		std::lock_guard lock(mutex_);
		if (!view_.writable) {
			return false;
		}
		view_.rules = rules;
		view_.loadState = view::RulesLoadState::Ok;
		toSave_ = std::move(rules);
		saveWaiting_ = true;
		rulesChanged_ = true;
		++view_.revision;
	}
	wake_.notify_all();
	return true;
}

void RuleRunner::testRule(const std::string &id)
{
	{
		std::lock_guard lock(mutex_);
		tests_.push_back(id);
		++roundsAsked_;
	}
	wake_.notify_all();
}

void RuleRunner::clearProblems()
{
	std::lock_guard lock(mutex_);
	view_.problems.clear();
	++view_.revision;
}

void RuleRunner::report(RuleProblem problem)
{
	std::lock_guard lock(mutex_);
	auto &list = view_.problems;
	for (auto it = list.begin(); it != list.end(); ++it) {
		if (it->ruleId == problem.ruleId && it->kind == problem.kind && it->name == problem.name) {
			problem.times = it->times + 1;
			list.erase(it);
			break;
		}
	}
	list.insert(list.begin(), std::move(problem));
	if (list.size() > kProblemsKept) {
		list.resize(kProblemsKept);
	}
	++view_.revision;
}

void RuleRunner::setManualTime(Millis ms)
{
	manualClock_.set(ms);
	manualTime_ = true;
}

void RuleRunner::sync()
{
	ensureRunning();
	std::unique_lock lock(mutex_);
	const std::uint64_t target = ++roundsAsked_;
	wake_.notify_all();
	done_.wait(lock, [&] { return roundsDone_ >= target || stopping_; });
}

std::string RuleRunner::describe() const
{
	const RulesView v = view();
	nlohmann::json json = view::rulesToJson(v.rules);
	json["state"] = loadStateName(v.loadState);
	json["writable"] = v.writable;
	nlohmann::json stats = nlohmann::json::object();
	for (const auto &[id, s] : v.stats) {
		stats[id] = {{"fired", s.fired},
			     {"cooldownSkips", s.cooldownSkips},
			     {"busySkips", s.busySkips},
			     {"queued", s.queued}};
	}
	json["stats"] = std::move(stats);
	nlohmann::json problems = nlohmann::json::array();
	for (const RuleProblem &p : v.problems) {
		problems.push_back({{"rule", p.ruleId}, {"kind", p.kind}, {"name", p.name}, {"times", p.times}});
	}
	json["problems"] = std::move(problems);
	json["counters"] = v.counters;
	{
		std::lock_guard lock(mutex_);
		json["rounds"] = roundsRun_;
	}
	return json.dump();
}

} // namespace livegifts::obs
