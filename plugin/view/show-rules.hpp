#pragma once

// Show rules: "when this happens, do these things in OBS". A rule is a trigger (a gift, a minimum of coins
// per gift, a streak reaching N, coins within a time window, a follow, share or subscriber, a like
// milestone, a goal reached, a new top supporter, a supporter's first gift of the stream), an optional
// supporter filter, a cooldown (for the rule, for each supporter), what happens while its actions still
// run (queue or skip), and the actions (carried out by plugin/obs/rules). Pure data and JSON here; the
// decisions are in view/rule-engine.hpp.

#include "core/clock.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace livegifts::view {

enum class TriggerKind {
	Gift,          // a gift (giftId, 0: any) once counted: a streak when it ends
	MinCoins,      // a gift (a whole streak) worth at least `amount` coins
	Streak,        // a streak of giftId (0: any) reaching `amount` units: once per streak
	CoinsInWindow, // `amount` coins within `windowMs` (the window starts again after it fires)
	Follow,
	Share,
	Subscribe,
	LikeMilestone,   // the room's like total passing each multiple of `amount`
	GoalReached,     // a goal (goalId, empty: any) reaching its target
	NewTopSupporter, // a new first supporter of this stream by coins
	FirstGift,       // a supporter's first gift of this stream
};

enum class ActionKind {
	ShowSource,   // make `source` visible in `scene` for durationMs (0: stays shown), then hide it
	SwitchScene,  // switch to `scene`; after durationMs (0: stay) back to the scene before
	RestartMedia, // restart the media source `source` (a video or a sound)
	EnableFilter, // enable `filter` of `source` for durationMs (0: stays on), then disable it
	Hotkey,       // press and release the OBS hotkey named `hotkey`
	PlaySound,    // play `sound` (one of ours by name: "chime", "coin", "fanfare", or a file) at `volume`
	AddCounter,   // add `amount` to the counter `counter` (a text source of that name shows it)
	// Queue a card with `text` (a template: {nickname}, {gift}, {coins}...; up to three lines split by '|')
	// on the Gift Alerts source `source`, through its alert queue (its pacing; never over the alert on
	// screen).
	ShowAlert,
};

// Whom the gifts of a gift trigger (Gift, MinCoins, Streak, CoinsInWindow) must be for. Host: the host's
// gifts and gifts naming no one (as the host's totals count them); Guests: gifts to a guest (co-host,
// multi-guest seat); Anyone: both.
enum class GiftRecipients { Host, Guests, Anyone };

// What a rule does while its earlier actions still run.
enum class BusyMode { Queue, Skip };

struct RuleAction {
	ActionKind kind = ActionKind::ShowSource;
	std::string scene;
	std::string source;
	std::string filter;
	std::string hotkey;
	std::string sound;
	std::string counter;
	std::string text;        // ShowAlert: the card's text, a template
	std::int64_t amount = 1; // AddCounter
	int volume = 100;        // PlaySound, percent
	Millis durationMs = 0;   // ShowSource, SwitchScene, EnableFilter
	// Keys of the action's object this build does not read: kept and written back as they were (as Rule::extra).
	nlohmann::json extra = nlohmann::json::object();

	bool operator==(const RuleAction &) const = default;
};

struct RuleTrigger {
	TriggerKind kind = TriggerKind::Gift;
	std::int64_t giftId = 0; // Gift, MinCoins, Streak: 0 any gift
	std::int64_t amount = 0; // MinCoins coins, Streak units, CoinsInWindow coins, LikeMilestone likes
	Millis windowMs = 60000; // CoinsInWindow
	std::string goalId;      // GoalReached: empty any goal
	GiftRecipients giftsTo = GiftRecipients::Host; // Gift, MinCoins, Streak, CoinsInWindow
	// Keys of the trigger's object this build does not read: kept and written back (as Rule::extra).
	nlohmann::json extra = nlohmann::json::object();

	bool operator==(const RuleTrigger &) const = default;
};

struct Rule {
	std::string id; // stable, unique in the set (kept across edits: cooldowns and queues follow it)
	std::string name;
	bool enabled = true;
	RuleTrigger trigger;
	// Only these supporters (@handles, case and a leading '@' ignored); empty: everyone. A rule with a
	// supporter list never fires on what has no supporter (a goal reached).
	std::vector<std::string> supporters;
	Millis cooldownMs = 0;          // after firing, the rule waits this long
	Millis supporterCooldownMs = 0; // after firing for a supporter, the rule waits this long for them
	BusyMode busy = BusyMode::Queue;
	std::vector<RuleAction> actions;
	// Keys of the rule's object this build does not read (a note by hand, a later build's field): kept and
	// written back as they were.
	nlohmann::json extra = nlohmann::json::object();

	bool operator==(const Rule &) const = default;
};

// The latest version of the rules' JSON this build reads. A file of a later version is refused (read
// nothing, write nothing: the file stays as it is for the build that wrote it). Version 2 adds whom gifts
// are for ("giftsTo") and the "showAlert" action; a set using neither is still written as version 1, so
// a build that reads only version 1 keeps reading it, and one that uses them is refused there (never
// misread as rules for the host's gifts, never saved over).
inline constexpr int kRulesVersion = 2;

// The ranges a rules file's numbers are kept in when read (what the rule dialog allows): times (durations,
// cooldowns, windows) up to 86400 s, counts and coins up to 999999999, a counter step of at most that either way.
inline constexpr Millis kMaxRuleTimeMs = 86400LL * 1000;
inline constexpr std::int64_t kMaxRuleAmount = 999999999;
// The longest text a rule may hold (a name, a scene, source, filter or hotkey name, a sound path, a card's
// words), and the largest rules file read: a file past either is refused (read nothing, write nothing).
inline constexpr std::size_t kMaxRuleTextBytes = 4096;
inline constexpr std::uintmax_t kMaxRulesFileBytes = 16u * 1024 * 1024;

// A rule problem (kind "missingScene", "missingSource", ... as the rules' status reports it) in plain English
// words for the log: "scene 'Main' not found".
std::string ruleProblemWords(std::string_view kind, std::string_view name);

enum class RulesLoadState { Ok, Missing, FutureVersion, Invalid };

struct RulesLoad {
	RulesLoadState state = RulesLoadState::Missing;
	int version = 0;
	std::vector<Rule> rules;
	std::string error;                               // English, for the log
	nlohmann::json extra = nlohmann::json::object(); // the document's keys besides "version" and "rules"
	// Whether saving may replace the file: only when it was read (or there was none).
	bool writable() const { return state == RulesLoadState::Ok || state == RulesLoadState::Missing; }
};

// Stable names ("gift", "minCoins", ..., "showSource", ...; "queue", "skip").
const char *triggerName(TriggerKind kind);
const char *actionName(ActionKind kind);
bool triggerFromName(const std::string &name, TriggerKind &kind);
bool actionFromName(const std::string &name, ActionKind &kind);
inline constexpr TriggerKind kTriggerKinds[] = {
    TriggerKind::Gift,        TriggerKind::MinCoins,        TriggerKind::Streak,    TriggerKind::CoinsInWindow,
    TriggerKind::Follow,      TriggerKind::Share,           TriggerKind::Subscribe, TriggerKind::LikeMilestone,
    TriggerKind::GoalReached, TriggerKind::NewTopSupporter, TriggerKind::FirstGift};
inline constexpr ActionKind kActionKinds[] = {
    ActionKind::ShowSource, ActionKind::SwitchScene, ActionKind::RestartMedia, ActionKind::EnableFilter,
    ActionKind::Hotkey,     ActionKind::PlaySound,   ActionKind::AddCounter,   ActionKind::ShowAlert};

// Stable names of GiftRecipients ("host", "guests", "anyone"); an unknown name reads as Host.
const char *giftRecipientsName(GiftRecipients recipients);
GiftRecipients giftRecipientsFromName(const std::string &name);
// Whether `kind` reads gifts (and so whom they are for): Gift, MinCoins, Streak, CoinsInWindow.
bool giftTrigger(TriggerKind kind);
// True for the triggers that wait for an amount (MinCoins, Streak, CoinsInWindow, LikeMilestone).
bool countingTrigger(TriggerKind kind);
// The version `rules` need: 2 when one names whom gifts are for (not the host) or shows an alert card,
// else 1.
int rulesVersionOf(const std::vector<Rule> &rules);

// The whole set as {"version": rulesVersionOf(rules), "rules": [...]}, with `extra`'s keys beside them.
nlohmann::json rulesToJson(const std::vector<Rule> &rules, const nlohmann::json &extra = nlohmann::json::object());
// One rule (throws nlohmann::json::exception on wrong types; unknown keys of the rule are kept in `extra`,
// those of its trigger and actions are not read).
Rule ruleFromJson(const nlohmann::json &json);
nlohmann::json ruleToJson(const Rule &rule);
// A file's text: Missing when empty; FutureVersion when its version is later than this build's; Invalid
// when it is not a rules document (or a rule in it is malformed). Rules without an id get one ("rule-N");
// duplicate ids are made unique.
RulesLoad parseRules(const std::string &text);

// "@Ann" and "ann" are one supporter.
std::string supporterKey(const std::string &handle);

} // namespace livegifts::view
