// Show rules in the module config: versioned JSON, read back exactly; a later version is refused.
#include <catch2/catch.hpp>

#include "view/show-rules.hpp"

using namespace livegifts::view;

namespace {

RuleAction actionOf(ActionKind kind)
{
	RuleAction action;
	action.kind = kind;
	return action;
}

Rule fullRule()
{
	Rule rule;
	rule.id = "lion";
	rule.name = "Lion: dance cam";
	rule.enabled = false;
	rule.trigger.kind = TriggerKind::CoinsInWindow;
	rule.trigger.giftId = 6369;
	rule.trigger.amount = 500;
	rule.trigger.windowMs = 30000;
	rule.trigger.giftsTo = GiftRecipients::Guests;
	rule.supporters = {"ann", "bob"};
	rule.cooldownMs = 1000;
	rule.supporterCooldownMs = 2000;
	rule.busy = BusyMode::Skip;
	RuleAction scene = actionOf(ActionKind::SwitchScene);
	scene.scene = "Dance";
	scene.durationMs = 10000;
	RuleAction sound = actionOf(ActionKind::PlaySound);
	sound.sound = "fanfare";
	sound.volume = 40;
	RuleAction counter = actionOf(ActionKind::AddCounter);
	counter.counter = "Lions";
	counter.amount = 3;
	RuleAction filter = actionOf(ActionKind::EnableFilter);
	filter.source = "Cam";
	filter.filter = "Glow";
	filter.durationMs = 500;
	RuleAction hotkey = actionOf(ActionKind::Hotkey);
	hotkey.hotkey = "OBSBasic.StartRecording";
	RuleAction media = actionOf(ActionKind::RestartMedia);
	media.source = "Confetti";
	RuleAction show = actionOf(ActionKind::ShowSource);
	show.scene = "Main";
	show.source = "Cam";
	show.durationMs = 2000;
	RuleAction card = actionOf(ActionKind::ShowAlert);
	card.source = "Gift Alerts";
	card.text = "{nickname} sent a {gift}!";
	rule.actions = {scene, sound, counter, filter, hotkey, media, show, card};
	return rule;
}

} // namespace

TEST_CASE("rules json: a rule set is written and read back exactly", "[rulesjson]")
{
	Rule plain;
	plain.id = "rose";
	plain.trigger.giftId = 5655;
	const std::vector<Rule> rules = {fullRule(), plain};
	const nlohmann::json json = rulesToJson(rules);
	CHECK(json.at("version") == kRulesVersion);
	const RulesLoad load = parseRules(json.dump());
	REQUIRE(load.state == RulesLoadState::Ok);
	CHECK(load.writable());
	CHECK(load.rules == rules);
}

TEST_CASE("rules json: every trigger and action kind has a name that reads back", "[rulesjson]")
{
	for (TriggerKind kind : kTriggerKinds) {
		TriggerKind back = TriggerKind::Gift;
		CHECK(triggerFromName(triggerName(kind), back));
		CHECK(back == kind);
	}
	for (ActionKind kind : kActionKinds) {
		ActionKind back = ActionKind::Hotkey;
		CHECK(actionFromName(actionName(kind), back));
		CHECK(back == kind);
	}
	TriggerKind t;
	CHECK_FALSE(triggerFromName("nope", t));
}

TEST_CASE("rules json: a later version is refused, and not writable", "[rulesjson]")
{
	const RulesLoad load = parseRules(R"({"version": 3, "rules": [{"id": "x", "trigger": {"kind": "gift"}}]})");
	CHECK(load.state == RulesLoadState::FutureVersion);
	CHECK(load.version == 3);
	CHECK(load.rules.empty());
	CHECK_FALSE(load.writable());
	CHECK(load.error.find("version 3") != std::string::npos);
}

TEST_CASE("rules json: whom gifts are for, and the version a set needs", "[rulesjson]")
{
	// A version 1 file (before recipients): its gift rules watch the host's gifts, and it is written
	// back as version 1, the same.
	const std::string old =
	    R"({"version": 1, "rules": [{"id": "rose", "name": "Rose", "enabled": true, "trigger": {"kind": "gift", "giftId": 5655}, "supporters": [], "cooldownMs": 0, "supporterCooldownMs": 0, "busy": "queue", "actions": [{"kind": "playSound", "sound": "chime", "volume": 80}]}]})";
	const RulesLoad load = parseRules(old);
	REQUIRE(load.state == RulesLoadState::Ok);
	REQUIRE(load.rules.size() == 1);
	CHECK(load.rules[0].trigger.giftsTo == GiftRecipients::Host);
	CHECK(rulesToJson(load.rules) == nlohmann::json::parse(old));

	for (const GiftRecipients to : {GiftRecipients::Host, GiftRecipients::Guests, GiftRecipients::Anyone}) {
		CHECK(giftRecipientsFromName(giftRecipientsName(to)) == to);
		std::vector<Rule> rules = load.rules;
		rules[0].trigger.giftsTo = to;
		const nlohmann::json json = rulesToJson(rules);
		CHECK(json.at("version") == (to == GiftRecipients::Host ? 1 : 2));
		CHECK(json.at("rules").at(0).at("trigger").contains("giftsTo") == (to != GiftRecipients::Host));
		CHECK(parseRules(json.dump()).rules == rules);
	}
	CHECK(giftRecipientsFromName("someone") == GiftRecipients::Host);

	std::vector<Rule> withCard = load.rules;
	withCard[0].actions.push_back(actionOf(ActionKind::ShowAlert));
	CHECK(rulesVersionOf(withCard) == 2);
	CHECK(rulesVersionOf({}) == 1);
}

TEST_CASE("rules json: missing, broken and malformed files", "[rulesjson]")
{
	CHECK(parseRules("").state == RulesLoadState::Missing);
	CHECK(parseRules("  \n").writable());
	CHECK(parseRules("{not json").state == RulesLoadState::Invalid);
	CHECK(parseRules("[]").state == RulesLoadState::Invalid);
	// The log says which: a file cut short by an editor's save is not "a document without a version".
	CHECK(parseRules(R"({"version": 1, "rules": [ {)").error == "not JSON (cut short, or broken by an edit)");
	CHECK(parseRules(R"({"rules": []})").error == "not a rules document (no version)");
	CHECK_FALSE(parseRules("[]").writable());
	const RulesLoad bad = parseRules(R"({"version": 1, "rules": [{"id": "x", "trigger": {"kind": "dance"}}]})");
	CHECK(bad.state == RulesLoadState::Invalid);
	CHECK(bad.rules.empty());
	const RulesLoad badAction = parseRules(
	    R"({"version": 1, "rules": [{"id": "x", "trigger": {"kind": "gift"}, "actions": [{"kind": "fly"}]}]})");
	CHECK(badAction.state == RulesLoadState::Invalid);
}

TEST_CASE("rules json: ids are made unique, values kept in range, unknown keys ignored", "[rulesjson]")
{
	const RulesLoad load = parseRules(R"({"version": 1, "future": true, "rules": [
		{"trigger": {"kind": "follow"}, "cooldownMs": -5, "supporters": ["@Ann", " "]},
		{"id": "a", "trigger": {"kind": "gift"}, "actions": [{"kind": "playSound", "volume": 400, "durationMs": -1}]},
		{"id": "a", "trigger": {"kind": "share", "windowMs": 0}}]})");
	REQUIRE(load.state == RulesLoadState::Ok);
	REQUIRE(load.rules.size() == 3);
	CHECK(load.rules[0].id == "rule-1");
	CHECK(load.rules[0].cooldownMs == 0);
	CHECK(load.rules[0].supporters == std::vector<std::string>{"ann"});
	CHECK(load.rules[1].id == "a");
	CHECK(load.rules[1].actions.at(0).volume == 100);
	CHECK(load.rules[1].actions.at(0).durationMs == 0);
	CHECK(load.rules[2].id == "a-1");
	CHECK(load.rules[2].trigger.windowMs == 1);
	CHECK(load.rules[2].busy == BusyMode::Queue);
}

TEST_CASE("rules json: huge times and amounts are kept to what the rule dialog allows", "[rulesjson]")
{
	const RulesLoad load = parseRules(R"({"version": 1, "rules": [
		{"id": "a", "cooldownMs": 9223372036854775807, "supporterCooldownMs": 1e300,
		 "trigger": {"kind": "coinsInWindow", "amount": 18446744073709551615, "windowMs": 9223372036854775807},
		 "actions": [{"kind": "showSource", "durationMs": 9223372036854775807},
			     {"kind": "addCounter", "amount": 9223372036854775807},
			     {"kind": "addCounter", "amount": -9223372036854775807},
			     {"kind": "playSound", "volume": 1e300}]}]})");
	REQUIRE(load.state == RulesLoadState::Ok);
	REQUIRE(load.rules.size() == 1);
	const auto &rule = load.rules[0];
	CHECK(rule.cooldownMs == livegifts::view::kMaxRuleTimeMs);
	CHECK(rule.supporterCooldownMs == livegifts::view::kMaxRuleTimeMs);
	CHECK(rule.trigger.amount == livegifts::view::kMaxRuleAmount);
	CHECK(rule.trigger.windowMs == livegifts::view::kMaxRuleTimeMs);
	REQUIRE(rule.actions.size() == 4);
	CHECK(rule.actions[0].durationMs == 86400000);
	CHECK(rule.actions[1].amount == livegifts::view::kMaxRuleAmount);
	CHECK(rule.actions[2].amount == -livegifts::view::kMaxRuleAmount);
	CHECK(rule.actions[3].volume == 100);
}

TEST_CASE("rules json: rule problems are told in words for the log", "[rulesjson]")
{
	CHECK(ruleProblemWords("missingScene", "Main") == "scene 'Main' not found");
	CHECK(ruleProblemWords("missingSource", "Cam") == "source 'Cam' not found");
	CHECK(ruleProblemWords("notText", "Goal") == "source 'Goal' is not a text source");
	CHECK(ruleProblemWords("somethingNew", "x") == "somethingNew 'x'");
}

TEST_CASE("rules json: a rule with a text past the limit is refused whole, and not writable", "[rulesjson]")
{
	// Seen: one rule named with 30 MB of text made OBS load for 85 s and froze its window at every firing.
	const auto withName = [](std::size_t bytes) {
		nlohmann::json json = {
		    {"version", 1},
		    {"rules",
		     {{{"id", "ok"}, {"name", "Rose"}, {"trigger", {{"kind", "gift"}}}},
		      {{"id", "big"}, {"name", std::string(bytes, 'n')}, {"trigger", {{"kind", "gift"}}}}}}};
		return json.dump();
	};
	const RulesLoad atLimit = parseRules(withName(kMaxRuleTextBytes));
	CHECK(atLimit.state == RulesLoadState::Ok);
	CHECK(atLimit.rules.size() == 2);
	const RulesLoad past = parseRules(withName(kMaxRuleTextBytes + 1));
	CHECK(past.state == RulesLoadState::Invalid);
	CHECK_FALSE(past.writable());
	CHECK(past.rules.empty());
	CHECK(past.error == "rule 2 has a text of 4097 bytes (at most 4096)");
	// Anywhere in the rule: an action's source name, a key.
	nlohmann::json deep = nlohmann::json::parse(withName(4));
	deep["rules"][0]["actions"] = {{{"kind", "showSource"}, {"scene", "Main"}, {"source", std::string(5000, 's')}}};
	CHECK(parseRules(deep.dump()).error == "rule 1 has a text of 5000 bytes (at most 4096)");
	deep["rules"][0]["actions"] = nlohmann::json::array();
	deep["rules"][0][std::string(4100, 'k')] = 1;
	CHECK(parseRules(deep.dump()).state == RulesLoadState::Invalid);
}

TEST_CASE("rules json: keys this build does not read are kept, in the file and in each rule", "[rulesjson]")
{
	// Seen: a note at the top of a hand-written file and a comment in a rule were gone after a dock edit.
	const nlohmann::json file = nlohmann::json::parse(
	    R"({"version": 1, "note": "kept by hand", "rules": [{"id": "a", "name": "A", "comment": "mine", "later": {"x": [1, 2]}, "trigger": {"kind": "gift", "giftId": 5655}, "actions": []}]})");
	const RulesLoad load = parseRules(file.dump());
	REQUIRE(load.state == RulesLoadState::Ok);
	CHECK(load.extra == nlohmann::json{{"note", "kept by hand"}});
	REQUIRE(load.rules.size() == 1);
	CHECK(load.rules[0].extra == nlohmann::json{{"comment", "mine"}, {"later", {{"x", {1, 2}}}}});
	const nlohmann::json written = rulesToJson(load.rules, load.extra);
	CHECK(written.at("note") == "kept by hand");
	CHECK(written.at("rules").at(0).at("comment") == "mine");
	CHECK(written.at("rules").at(0).at("later") == file.at("rules").at(0).at("later"));
	CHECK(parseRules(written.dump()).rules == load.rules);
	// A key of ours is never taken from the extra keys.
	std::vector<Rule> rules = load.rules;
	rules[0].extra["name"] = "not this";
	CHECK(ruleToJson(rules[0]).at("name") == "A");
}

TEST_CASE("rules json: keys this build does not read are kept in a trigger and in each action", "[rulesjson]")
{
	// A later build's field or a note inside a trigger or an action was dropped at the next save.
	const nlohmann::json file = nlohmann::json::parse(
	    R"({"version": 1, "rules": [{"id": "a", "name": "A", "trigger": {"kind": "gift", "giftId": 5655, "note": "roses only", "minLevel": 3}, "actions": [{"kind": "showSource", "scene": "Main", "source": "Cam", "fadeMs": 250}, {"kind": "playSound", "sound": "chime", "volume": 80}, {"kind": "addCounter", "counter": "n", "amount": 2, "later": {"x": [1, 2]}}]}]})");
	const RulesLoad load = parseRules(file.dump());
	REQUIRE(load.state == RulesLoadState::Ok);
	REQUIRE(load.rules.size() == 1);
	const Rule &rule = load.rules[0];
	CHECK(rule.extra.empty());
	CHECK(rule.trigger.extra == nlohmann::json{{"note", "roses only"}, {"minLevel", 3}});
	REQUIRE(rule.actions.size() == 3);
	CHECK(rule.actions[0].extra == nlohmann::json{{"fadeMs", 250}});
	CHECK(rule.actions[1].extra.empty());
	CHECK(rule.actions[2].extra == nlohmann::json{{"later", {{"x", {1, 2}}}}});
	// Written back as they were read, and read again the same.
	const nlohmann::json written = rulesToJson(load.rules);
	CHECK(written.at("rules").at(0).at("trigger") == file.at("rules").at(0).at("trigger"));
	CHECK(written.at("rules").at(0).at("actions") == file.at("rules").at(0).at("actions"));
	CHECK(parseRules(written.dump()).rules == load.rules);
	// Keys of ours, also those left out when they hold their default, are never taken from the extra keys.
	Rule changed = rule;
	changed.trigger.extra["giftId"] = 1;
	changed.trigger.giftId = 0;
	changed.actions[0].extra["source"] = "not this";
	changed.actions[0].source.clear();
	changed.actions[0].extra["kind"] = "hotkey";
	const nlohmann::json json = ruleToJson(changed);
	CHECK_FALSE(json.at("trigger").contains("giftId"));
	CHECK_FALSE(json.at("actions").at(0).contains("source"));
	CHECK(json.at("actions").at(0).at("kind") == "showSource");
	CHECK(json.at("actions").at(0).at("fadeMs") == 250);
}
