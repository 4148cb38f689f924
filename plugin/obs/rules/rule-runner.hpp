#pragma once

// The module's show rules at work: the rules from the module config (rules.json, versioned), a rule
// engine (view/rule-engine.hpp) fed with the runtime's snapshots, and the actions on OBS
// (rule-actions.hpp), on a thread of their own (the rules thread: never OBS's video thread, never waits
// on the UI thread). The thread runs while any source of ours exists or the dock is open, and stops
// before OBS frees its scenes (the frontend's exit, the last source of ours destroyed).
//
// Threads: every public member may be called from any thread except the rules thread; none waits on
// I/O except setRules' caller, which only hands the save to the rules thread. sync() waits for one round
// of the rules thread (tests; never from the video thread).

#include "core/clock.hpp"
#include "obs/rules/rule-actions.hpp"
#include "view/rule-engine.hpp"
#include "view/show-rules.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace livegifts::obs {

// What the dock and automation read about the rules at one moment (a copy).
struct RulesView {
	view::RulesLoadState loadState = view::RulesLoadState::Missing;
	bool writable = true;
	std::string loadError;
	std::vector<view::Rule> rules;
	std::map<std::string, view::RuleStats> stats;
	std::vector<RuleProblem> problems; // newest first, bounded
	std::map<std::string, std::int64_t> counters;
	std::uint64_t revision = 0; // changes with rules, stats, problems or counters
};

class RuleRunner {
public:
	static RuleRunner &instance(); // created (rules read from the module config) on first use
	static RuleRunner *existing();
	static void shutdown(); // module unload
	// Runs act on the runner unless it was never created or is gone, waiting while it is being destroyed (never
	// creates it): for sources' destructors, which OBS may run on its destroy thread while the module unloads.
	static void ifAlive(const std::function<void(RuleRunner &)> &act);

	RuleRunner();
	~RuleRunner();
	RuleRunner(const RuleRunner &) = delete;
	RuleRunner &operator=(const RuleRunner &) = delete;

	// Starts the rules thread when it is not running.
	void ensureRunning();
	// Stops it: shown items are hidden and filters disabled again, queued firings dropped.
	void stop();

	RulesView view() const;
	// view().revision alone (any thread): a caller showing the rules copies them only when it changed.
	std::uint64_t revision() const;
	// Replaces the rules and saves them (on the rules thread). False, with nothing changed, when the file
	// holds rules this build cannot read (a later version, or broken): it is kept as it is.
	bool setRules(std::vector<view::Rule> rules);
	// The Test button: the rule's actions now (no cooldown, no queue).
	void testRule(const std::string &id);
	// Forgets the problems shown.
	void clearProblems();

	// Tests: the rules' clock is set by hand from now on; one round of the rules thread, waited for.
	void setManualTime(Millis ms);
	void sync();

	// The view as JSON (automation, tests).
	std::string describe() const;

private:
	void loop();
	void round();
	void save(const std::vector<view::Rule> &rules); // rules thread
	// Every kFileCheckEvery of the rules' clock (rules thread): a file changed by another program since we read
	// or wrote it is read again, as at the next edit from the dock.
	void watchFile(Millis at);
	// Takes what the file holds now (the constructor, then the rules thread): its rules when readable;
	// otherwise the rules in use stay and nothing is saved over the file.
	void adopt(view::RulesLoad load);
	Millis now() const;
	void report(RuleProblem problem);

	std::string path_; // the rules file (constructor)
	// The file's text as we last read or wrote it, nullopt when it was too large to read (the constructor, then
	// the rules thread).
	std::optional<std::string> diskText_;
	nlohmann::json fileExtra_ = nlohmann::json::object(); // the file's keys besides version and rules (same)
	// The file's size and time when watchFile last looked (rules thread).
	struct FileStamp {
		bool exists = false;
		std::uintmax_t size = 0;
		std::filesystem::file_time_type time{};
		bool operator==(const FileStamp &other) const
		{
			return exists == other.exists && size == other.size && time == other.time;
		}
	};
	static FileStamp stampOf(const std::string &path);
	FileStamp fileStamp_;
	std::optional<Millis> lastFileCheck_; // rules thread
	ManualClock manualClock_;
	std::atomic<bool> manualTime_{false};

	mutable std::mutex mutex_; // guards what follows up to thread_; never held during I/O or libobs calls
	RulesView view_;
	bool rulesChanged_ = false;      // the engine takes view_.rules at the next round
	std::vector<view::Rule> toSave_; // waiting to be saved
	bool saveWaiting_ = false;
	std::vector<std::string> tests_; // rules to test at the next round
	std::uint64_t roundsAsked_ = 0;
	std::uint64_t roundsDone_ = 0;
	std::uint64_t roundsRun_ = 0;     // rounds the thread ran (describe(): how often it woke)
	std::uint64_t published_ = 0;     // snapshots the engine published (any engine thread, under mutex_)
	std::uint64_t publishedSeen_ = 0; // those a round has taken
	bool timed_ = false;              // firings wait their turn or timed actions are to be undone (last round)
	bool stopping_ = false;
	std::condition_variable wake_;
	std::condition_variable done_;

	view::RuleEngine engine_;               // rules thread
	std::unique_ptr<ActionRunner> actions_; // rules thread (created and destroyed with it)
	std::mutex threadMutex_;                // guards starting and stopping thread_
	std::thread thread_;
};

} // namespace livegifts::obs
