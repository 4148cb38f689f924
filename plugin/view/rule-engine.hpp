#pragma once

// The rule engine: which rules fire, from the counting engine's snapshots. It reads what each snapshot
// adds (activity entries after the last seen seq, goals reached, this stream's first supporter), so it
// fires only on what the engine counted: a duplicate message never reaches the activity, test entries are
// ignored, a streak fires a gift rule once when it ends and a streak rule once when it passes its
// threshold. A gift trigger reads only the gifts its rule's recipient filter lets through (the host's and
// those naming no one by default; a guest's gift fires nothing then). Cooldowns and busy rules (queue or skip) are
// decided here against the caller's clock.
//
// Not thread-safe: owned by one thread (plugin/obs: the rules thread).

#include "core/clock.hpp"
#include "core/snapshot.hpp"
#include "view/show-rules.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace livegifts::view {

// One firing of a rule: the actions to carry out now and what made it fire.
struct RuleFiring {
	std::string ruleId;
	std::string ruleName;
	std::vector<RuleAction> actions;
	std::string userId; // empty when nobody (a goal reached, a test)
	std::string nickname;
	std::string avatarUrl;
	std::int64_t giftId = 0;
	std::string giftName;
	std::string giftImageUrl;
	std::string recipient; // a gift to a guest: "@handle" (else the guest's name, else id); empty otherwise
	std::int64_t count = 0;
	std::int64_t coins = 0;
	Millis matchedMs = 0; // when it matched (a queued firing starts later)
	bool test = false;    // the Test button: fired by hand, no cooldown, no queue
};

// What happened to a rule so far (the dock and the tests read it).
struct RuleStats {
	std::int64_t fired = 0;         // firings started
	std::int64_t cooldownSkips = 0; // matches dropped by a cooldown
	std::int64_t busySkips = 0;     // matches dropped while busy ("skip"), or past the queue's cap
	std::size_t queued = 0;         // waiting now
	Millis busyUntilMs = 0;         // its current firing's actions run until then

	bool operator==(const RuleStats &) const = default;
};

// How long a firing of `actions` keeps its rule busy: the longest timed action.
Millis busyTimeOf(const std::vector<RuleAction> &actions);

class RuleEngine {
public:
	// The most firings one rule keeps waiting ("queue"); more are dropped (counted as busySkips).
	static constexpr std::size_t kQueueCap = 32;

	// Replaces the rules. State (cooldowns, queue, busy time, counts) follows a rule by its id; a rule's
	// window and streak progress start again when its trigger changes.
	void setRules(std::vector<Rule> rules);
	const std::vector<Rule> &rules() const { return rules_; }

	// What `snapshot` adds since the last one, then the queued firings now due. The first snapshot (and
	// one of another engine, whose numbers start again) only sets where to start: nothing before fires.
	std::vector<RuleFiring> update(const Snapshot &snapshot, Millis now);
	// Only the queued firings now due (no new snapshot).
	std::vector<RuleFiring> tick(Millis now);
	// The Test button: the rule's actions now, as a firing by "test" (no cooldown, no queue, not counted as
	// fired). Empty actions when no rule has that id.
	RuleFiring test(const std::string &ruleId, Millis now);

	// What a firing's actions did: those that took effect keep its rule busy until `busyUntilMs` (a timed action
	// that failed holds nothing), never longer than begun. Called after a firing of update() or tick() ran; the
	// rule's queued firings then start at the next tick() from that time.
	void settle(const std::string &ruleId, Millis busyUntilMs);

	RuleStats stats(const std::string &ruleId) const;
	// Whether any rule has firings waiting for their turn (tick() must then be called as time passes).
	bool waiting() const;

private:
	struct Happening; // one thing that may fire rules
	struct RuleState {
		Rule rule;
		RuleStats stats;
		Millis lastFiredMs = 0;
		bool hasFired = false;
		std::map<std::string, Millis> supporterLast;        // supporter key -> when last fired for them
		std::deque<std::pair<Millis, std::int64_t>> window; // CoinsInWindow: (when, coins)
		std::int64_t windowCoins = 0;
		std::deque<RuleFiring> queue;
	};

	void start(const Snapshot &snapshot);
	void consider(RuleState &state, const Happening &happening, Millis now, std::vector<RuleFiring> &out);
	bool matches(RuleState &state, const Happening &happening, Millis now);
	void accept(RuleState &state, RuleFiring firing, Millis now, std::vector<RuleFiring> &out);
	void begin(RuleState &state, RuleFiring firing, Millis now, std::vector<RuleFiring> &out);
	void newStream(std::int64_t streamId, const Snapshot &snapshot);

	std::vector<Rule> rules_;
	std::vector<RuleState> states_;
	bool started_ = false;
	std::uint64_t activitySeq_ = 0;
	std::uint64_t goalSeq_ = 0;
	std::string topId_;
	std::int64_t streamId_ = -1;
	std::int64_t likeTotal_ = 0;
	std::map<std::string, std::int64_t> streakCounts_; // streakKey -> units seen (open streaks only)
	std::set<std::string> gifted_;                     // supporters who sent a gift this stream
};

} // namespace livegifts::view
