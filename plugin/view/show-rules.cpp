#include "view/show-rules.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace livegifts::view {

namespace {

struct TriggerNameOf {
	TriggerKind kind;
	const char *name;
};
constexpr TriggerNameOf triggerNames[] = {
    {TriggerKind::Gift, "gift"},
    {TriggerKind::MinCoins, "minCoins"},
    {TriggerKind::Streak, "streak"},
    {TriggerKind::CoinsInWindow, "coinsInWindow"},
    {TriggerKind::Follow, "follow"},
    {TriggerKind::Share, "share"},
    {TriggerKind::Subscribe, "subscribe"},
    {TriggerKind::LikeMilestone, "likeMilestone"},
    {TriggerKind::GoalReached, "goalReached"},
    {TriggerKind::NewTopSupporter, "newTopSupporter"},
    {TriggerKind::FirstGift, "firstGift"},
};

struct ActionNameOf {
	ActionKind kind;
	const char *name;
};
constexpr ActionNameOf actionNames[] = {
    {ActionKind::ShowSource, "showSource"},
    {ActionKind::SwitchScene, "switchScene"},
    {ActionKind::RestartMedia, "restartMedia"},
    {ActionKind::EnableFilter, "enableFilter"},
    {ActionKind::Hotkey, "hotkey"},
    {ActionKind::PlaySound, "playSound"},
    {ActionKind::AddCounter, "addCounter"},
    {ActionKind::ShowAlert, "showAlert"},
};

// `json[key]` (or `fallback` when absent) kept within [least, most]; a fraction or a number past int64's range
// is clamped too, never cast out of range. A value that is not a number is refused (the file is malformed).
std::int64_t clampedNumber(const nlohmann::json &json, const char *key, std::int64_t fallback, std::int64_t least,
			   std::int64_t most)
{
	const auto it = json.find(key);
	if (it == json.end()) {
		return std::clamp(fallback, least, most);
	}
	if (it->is_number_unsigned()) {
		const auto value = it->get<std::uint64_t>();
		return value > static_cast<std::uint64_t>(most) ? most
								: std::max(least, static_cast<std::int64_t>(value));
	}
	if (it->is_number_integer()) {
		return std::clamp(it->get<std::int64_t>(), least, most);
	}
	if (it->is_number_float()) {
		const double value = it->get<double>();
		if (!(value >= static_cast<double>(least))) { // NaN too
			return least;
		}
		return value >= static_cast<double>(most) ? most : static_cast<std::int64_t>(value);
	}
	throw std::invalid_argument(std::string(key) + " is not a number");
}

// The keys of `json` not in `known`, as an object (what Rule::extra and the like keep).
nlohmann::json unknownKeys(const nlohmann::json &json, const std::set<std::string> &known)
{
	nlohmann::json extra = nlohmann::json::object();
	for (const auto &[key, value] : json.items()) {
		if (known.count(key) == 0) {
			extra[key] = value;
		}
	}
	return extra;
}

// `extra` (an object, or anything else read as none) as the start of an object we write, without the keys we
// write ourselves (even those we leave out: a gift id of 0 is never an id from the extra keys).
nlohmann::json startingWith(const nlohmann::json &extra, const std::set<std::string> &known)
{
	return extra.is_object() ? unknownKeys(extra, known) : nlohmann::json::object();
}

const std::set<std::string> &actionKeys()
{
	static const std::set<std::string> keys = {"kind",    "scene", "source", "filter", "hotkey",    "sound",
						   "counter", "text",  "amount", "volume", "durationMs"};
	return keys;
}

const std::set<std::string> &triggerKeys()
{
	static const std::set<std::string> keys = {"kind", "giftId", "amount", "windowMs", "goalId", "giftsTo"};
	return keys;
}

RuleAction actionFromJson(const nlohmann::json &json)
{
	RuleAction action;
	if (!actionFromName(json.at("kind").get<std::string>(), action.kind)) {
		throw std::invalid_argument("unknown action kind " + json.at("kind").get<std::string>());
	}
	action.scene = json.value("scene", std::string());
	action.source = json.value("source", std::string());
	action.filter = json.value("filter", std::string());
	action.hotkey = json.value("hotkey", std::string());
	action.sound = json.value("sound", std::string());
	action.counter = json.value("counter", std::string());
	action.text = json.value("text", std::string());
	action.amount = clampedNumber(json, "amount", 1, -kMaxRuleAmount, kMaxRuleAmount);
	action.volume = static_cast<int>(clampedNumber(json, "volume", 100, 0, 100));
	action.durationMs = clampedNumber(json, "durationMs", 0, 0, kMaxRuleTimeMs);
	action.extra = unknownKeys(json, actionKeys());
	return action;
}

nlohmann::json actionToJson(const RuleAction &action)
{
	nlohmann::json json = startingWith(action.extra, actionKeys());
	json["kind"] = actionName(action.kind);
	const auto put = [&json](const char *key, const std::string &value) {
		if (!value.empty()) {
			json[key] = value;
		}
	};
	put("scene", action.scene);
	put("source", action.source);
	put("filter", action.filter);
	put("hotkey", action.hotkey);
	put("sound", action.sound);
	put("counter", action.counter);
	put("text", action.text);
	if (action.kind == ActionKind::AddCounter) {
		json["amount"] = action.amount;
	}
	if (action.kind == ActionKind::PlaySound) {
		json["volume"] = action.volume;
	}
	if (action.durationMs > 0) {
		json["durationMs"] = action.durationMs;
	}
	return json;
}

} // namespace

const char *triggerName(TriggerKind kind)
{
	for (const auto &entry : triggerNames) {
		if (entry.kind == kind) {
			return entry.name;
		}
	}
	return "gift";
}

const char *actionName(ActionKind kind)
{
	for (const auto &entry : actionNames) {
		if (entry.kind == kind) {
			return entry.name;
		}
	}
	return "showSource";
}

bool triggerFromName(const std::string &name, TriggerKind &kind)
{
	for (const auto &entry : triggerNames) {
		if (name == entry.name) {
			kind = entry.kind;
			return true;
		}
	}
	return false;
}

bool actionFromName(const std::string &name, ActionKind &kind)
{
	for (const auto &entry : actionNames) {
		if (name == entry.name) {
			kind = entry.kind;
			return true;
		}
	}
	return false;
}

const char *giftRecipientsName(GiftRecipients recipients)
{
	switch (recipients) {
	case GiftRecipients::Guests:
		return "guests";
	case GiftRecipients::Anyone:
		return "anyone";
	case GiftRecipients::Host:
		break;
	}
	return "host";
}

GiftRecipients giftRecipientsFromName(const std::string &name)
{
	if (name == "guests") {
		return GiftRecipients::Guests;
	}
	return name == "anyone" ? GiftRecipients::Anyone : GiftRecipients::Host;
}

bool giftTrigger(TriggerKind kind)
{
	return kind == TriggerKind::Gift || kind == TriggerKind::MinCoins || kind == TriggerKind::Streak ||
	       kind == TriggerKind::CoinsInWindow;
}

bool countingTrigger(TriggerKind kind)
{
	return kind == TriggerKind::MinCoins || kind == TriggerKind::Streak || kind == TriggerKind::CoinsInWindow ||
	       kind == TriggerKind::LikeMilestone;
}

int rulesVersionOf(const std::vector<Rule> &rules)
{
	for (const Rule &rule : rules) {
		if (rule.trigger.giftsTo != GiftRecipients::Host) {
			return 2;
		}
		for (const RuleAction &action : rule.actions) {
			if (action.kind == ActionKind::ShowAlert) {
				return 2;
			}
		}
	}
	return 1;
}

std::string supporterKey(const std::string &handle)
{
	std::string key = handle;
	const auto trim = [&key] {
		key.erase(key.begin(),
			  std::find_if(key.begin(), key.end(), [](unsigned char c) { return !std::isspace(c); }));
		while (!key.empty() && std::isspace(static_cast<unsigned char>(key.back()))) {
			key.pop_back();
		}
	};
	trim();
	if (!key.empty() && key.front() == '@') {
		key.erase(0, 1);
		trim(); // "@ name" is @name (a handle has no spaces)
	}
	std::transform(key.begin(), key.end(), key.begin(),
		       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
	return key;
}

namespace {

const std::set<std::string> &ruleKeys()
{
	static const std::set<std::string> keys = {
	    "id", "name", "enabled", "trigger", "supporters", "cooldownMs", "supporterCooldownMs", "busy", "actions"};
	return keys;
}

} // namespace

Rule ruleFromJson(const nlohmann::json &json)
{
	Rule rule;
	rule.id = json.value("id", std::string());
	rule.name = json.value("name", std::string());
	rule.enabled = json.value("enabled", true);
	const nlohmann::json &trigger = json.at("trigger");
	if (!triggerFromName(trigger.at("kind").get<std::string>(), rule.trigger.kind)) {
		throw std::invalid_argument("unknown trigger kind " + trigger.at("kind").get<std::string>());
	}
	rule.trigger.giftId = trigger.value("giftId", std::int64_t{0});
	rule.trigger.amount = clampedNumber(trigger, "amount", 0, 0, kMaxRuleAmount);
	rule.trigger.windowMs = clampedNumber(trigger, "windowMs", 60000, 1, kMaxRuleTimeMs);
	rule.trigger.goalId = trigger.value("goalId", std::string());
	rule.trigger.giftsTo = giftRecipientsFromName(trigger.value("giftsTo", std::string("host")));
	rule.trigger.extra = unknownKeys(trigger, triggerKeys());
	for (const auto &supporter : json.value("supporters", nlohmann::json::array())) {
		const std::string key = supporterKey(supporter.get<std::string>());
		if (!key.empty()) {
			rule.supporters.push_back(key);
		}
	}
	rule.cooldownMs = clampedNumber(json, "cooldownMs", 0, 0, kMaxRuleTimeMs);
	rule.supporterCooldownMs = clampedNumber(json, "supporterCooldownMs", 0, 0, kMaxRuleTimeMs);
	rule.busy = json.value("busy", std::string("queue")) == "skip" ? BusyMode::Skip : BusyMode::Queue;
	for (const auto &action : json.value("actions", nlohmann::json::array())) {
		rule.actions.push_back(actionFromJson(action));
	}
	rule.extra = unknownKeys(json, ruleKeys());
	return rule;
}

nlohmann::json ruleToJson(const Rule &rule)
{
	nlohmann::json trigger = startingWith(rule.trigger.extra, triggerKeys());
	trigger["kind"] = triggerName(rule.trigger.kind);
	if (rule.trigger.giftId != 0) {
		trigger["giftId"] = rule.trigger.giftId;
	}
	if (rule.trigger.amount != 0) {
		trigger["amount"] = rule.trigger.amount;
	}
	if (rule.trigger.kind == TriggerKind::CoinsInWindow) {
		trigger["windowMs"] = rule.trigger.windowMs;
	}
	if (!rule.trigger.goalId.empty()) {
		trigger["goalId"] = rule.trigger.goalId;
	}
	if (rule.trigger.giftsTo != GiftRecipients::Host) {
		trigger["giftsTo"] = giftRecipientsName(rule.trigger.giftsTo);
	}
	nlohmann::json actions = nlohmann::json::array();
	for (const RuleAction &action : rule.actions) {
		actions.push_back(actionToJson(action));
	}
	nlohmann::json json = startingWith(rule.extra, ruleKeys());
	json["id"] = rule.id;
	json["name"] = rule.name;
	json["enabled"] = rule.enabled;
	json["trigger"] = std::move(trigger);
	json["supporters"] = rule.supporters;
	json["cooldownMs"] = rule.cooldownMs;
	json["supporterCooldownMs"] = rule.supporterCooldownMs;
	json["busy"] = rule.busy == BusyMode::Skip ? "skip" : "queue";
	json["actions"] = std::move(actions);
	return json;
}

nlohmann::json rulesToJson(const std::vector<Rule> &rules, const nlohmann::json &extra)
{
	nlohmann::json list = nlohmann::json::array();
	for (const Rule &rule : rules) {
		list.push_back(ruleToJson(rule));
	}
	nlohmann::json json = extra.is_object() ? extra : nlohmann::json::object();
	json["version"] = rulesVersionOf(rules);
	json["rules"] = std::move(list);
	return json;
}

namespace {

// The longest text anywhere in `json` (keys too), in bytes.
std::size_t longestText(const nlohmann::json &json)
{
	std::size_t longest = 0;
	if (json.is_string()) {
		return json.get_ref<const std::string &>().size();
	}
	if (json.is_object()) {
		for (const auto &[key, value] : json.items()) {
			longest = std::max({longest, key.size(), longestText(value)});
		}
	} else if (json.is_array()) {
		for (const auto &value : json) {
			longest = std::max(longest, longestText(value));
		}
	}
	return longest;
}

} // namespace

RulesLoad parseRules(const std::string &text)
{
	RulesLoad load;
	if (std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); })) {
		return load; // Missing
	}
	const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
	if (json.is_discarded()) {
		load.state = RulesLoadState::Invalid;
		load.error = "not JSON (cut short, or broken by an edit)";
		return load;
	}
	if (!json.is_object() || !json.contains("version") || !json.at("version").is_number_integer()) {
		load.state = RulesLoadState::Invalid;
		load.error = "not a rules document (no version)";
		return load;
	}
	load.version = json.at("version").get<int>();
	if (load.version > kRulesVersion) {
		load.state = RulesLoadState::FutureVersion;
		load.error = "rules of version " + std::to_string(load.version) + " are newer than this build reads (" +
			     std::to_string(kRulesVersion) + ")";
		return load;
	}
	try {
		std::set<std::string> ids;
		std::size_t index = 0;
		for (const auto &entry : json.value("rules", nlohmann::json::array())) {
			++index;
			// Every text of a rule is a name, a path or a short template: one of megabytes is not a rule
			// (and would cost the dock and every firing its size).
			if (const std::size_t longest = longestText(entry); longest > kMaxRuleTextBytes) {
				load.rules.clear();
				load.state = RulesLoadState::Invalid;
				load.error = "rule " + std::to_string(index) + " has a text of " +
					     std::to_string(longest) + " bytes (at most " +
					     std::to_string(kMaxRuleTextBytes) + ")";
				return load;
			}
			Rule rule = ruleFromJson(entry);
			if (rule.id.empty() || ids.count(rule.id) != 0) {
				const std::string base = rule.id.empty() ? std::string("rule") : rule.id;
				for (std::size_t n = 1;; ++n) {
					rule.id = base + "-" + std::to_string(n);
					if (ids.count(rule.id) == 0) {
						break;
					}
				}
			}
			ids.insert(rule.id);
			load.rules.push_back(std::move(rule));
		}
	} catch (const std::exception &e) {
		load.rules.clear();
		load.state = RulesLoadState::Invalid;
		load.error = std::string("a rule cannot be read: ") + e.what();
		return load;
	}
	for (const auto &[key, value] : json.items()) {
		if (key != "version" && key != "rules") {
			load.extra[key] = value;
		}
	}
	load.state = RulesLoadState::Ok;
	return load;
}

std::string ruleProblemWords(std::string_view kind, std::string_view name)
{
	struct Words {
		std::string_view kind;
		const char *before;
		const char *after;
	};
	static constexpr Words words[] = {
	    {"missingScene", "scene", "not found"},
	    {"missingSource", "source", "not found"},
	    {"missingFilter", "filter", "not found"},
	    {"missingHotkey", "hotkey", "not found"},
	    {"notMedia", "source", "is not a media source"},
	    {"noFrontend", "scene", "cannot be switched to without OBS's main window"},
	    {"missingSound", "sound", "not found"},
	    {"noSoundPlayer", "sound", "cannot be played (no media source available)"},
	    {"notAlerts", "source", "is not a Gift Alerts source"},
	    {"notText", "source", "is not a text source"},
	};
	const std::string quoted = "'" + std::string(name) + "'";
	for (const Words &w : words) {
		if (w.kind == kind) {
			return std::string(w.before) + " " + quoted + " " + w.after;
		}
	}
	return std::string(kind) + " " + quoted;
}

} // namespace livegifts::view
