#pragma once

// A rule's actions carried out on OBS: scene items shown for a time, a scene switched to and back, a
// media source restarted, a filter enabled for a time, a hotkey pressed, one of our sounds played, a
// counter added to, a card queued on a Gift Alerts source. Sources, scenes and filters are looked up by name each time
// (and their references released at once), so a deleted one is a problem reported, never a dangling pointer or a crash.
//
// Threads: owned by the rules thread (rule-runner.hpp), which is never OBS's video thread. Scene item
// visibility, filters, media and hotkeys are set there through libobs (which locks what it changes);
// scene switches go to OBS's UI thread through obs_queue_task without waiting for it.

#include "core/clock.hpp"
#include "view/rule-engine.hpp"

#include <functional>
#include <map>
#include <string>

namespace livegifts::obs {

// Something a rule could not do: its kind ("missingScene", "missingSource", "missingFilter",
// "missingHotkey", "notMedia", "noFrontend", "missingSound", "noSoundPlayer", "notAlerts", "notText") and the name
// asked for.
struct RuleProblem {
	std::string ruleId;
	std::string ruleName;
	std::string kind;
	std::string name;
	std::int64_t times = 1; // how often it happened (the same problem again counts here)
};

class ActionRunner {
public:
	using Report = std::function<void(RuleProblem)>;
	explicit ActionRunner(Report report) : report_(std::move(report)) {}
	~ActionRunner();
	ActionRunner(const ActionRunner &) = delete;
	ActionRunner &operator=(const ActionRunner &) = delete;

	// Carries out a firing's actions now; timed ones are undone by due(). Returns how long the timed actions that
	// took effect keep the rule busy (view::busyTimeOf of those): one that failed (a scene, source or filter
	// not found) holds nothing, so a rule whose every timed action failed is free at once.
	Millis run(const view::RuleFiring &firing, Millis now);
	// Undoes what is due (hides shown items, disables filters, switches back).
	void due(Millis now);
	// Undoes every pending visibility and filter change at once (the rules stop); scene switches stay.
	void undoAll();
	const std::map<std::string, std::int64_t> &counters() const { return counters_; }
	std::size_t pending() const { return undo_.size(); }

private:
	struct Undo {
		std::string ruleId;
		std::string ruleName;
		std::function<void(ActionRunner &, const Undo &)> act;
		bool atStop = true; // undone by undoAll
	};
	// Whether the action took effect (false: a problem reported; a sound or a card: true, their problems are
	// reported by them).
	bool runOne(const view::RuleFiring &firing, const view::RuleAction &action, Millis now);
	void problem(const std::string &ruleId, const std::string &ruleName, const char *kind, const std::string &name);
	// Both give what the item or filter was before (`before`, when not null).
	bool setItemVisible(const std::string &ruleId, const std::string &ruleName, const std::string &scene,
			    const std::string &source, bool visible, bool *before = nullptr);
	bool setFilterEnabled(const std::string &ruleId, const std::string &ruleName, const std::string &source,
			      const std::string &filter, bool enabled, bool *before = nullptr);
	// A timed show or enable: held while any of its firings lasts; the last to end puts back what the
	// streamer had (an item visible before stays visible, a filter enabled before stays enabled).
	struct Held {
		bool before = false;
		int holds = 0;
	};
	using HeldMap = std::map<std::string, Held>;
	// Holds `key` in `held` (what the streamer had: `before`) and at `until` lets go of it: `off` runs then
	// when no other firing holds it and it was off before.
	void holdUntil(HeldMap ActionRunner::*held, const std::string &key, bool before, Millis until,
		       const std::string &ruleId, const std::string &ruleName,
		       std::function<void(ActionRunner &, const Undo &)> off);
	// True when the last hold on `key` ended and the streamer had it off before (so it goes off again).
	static bool release(HeldMap &held, const std::string &key);
	void playSound(const view::RuleFiring &firing, const view::RuleAction &action);
	void showAlert(const view::RuleFiring &firing, const view::RuleAction &action);

	Report report_;
	std::multimap<Millis, Undo> undo_;             // rules thread
	std::map<std::string, std::int64_t> counters_; // rules thread
	HeldMap heldItems_;                            // rules thread; scene, U+001F, source
	HeldMap heldFilters_;                          // rules thread; source, U+001F, filter
};

} // namespace livegifts::obs
