// Talks to our "live-gifts" vendor of a running OBS over obs-websocket (protocol v5, loopback) as
// another tool would: subscribes to vendor events, sends CallVendorRequest PushEvent with a bad request (must
// be refused with a clear error) and then one gift twice under the same msgId, reads GetSummary back until the
// gift is in the tally, and checks the tally counts it exactly once and that a GiftCounted vendor event for it
// arrived (and only one). Then the other requests, with bad input refused clearly: SetGoal, ResetGoal (the goal
// counts from zero, then counts the whole room), TestAlert, PauseAlerts, ResumeAlerts, SkipAlert, StartVersus. Then a
// burst of resets (run-obs-vendor.sh checks their log lines are rate-limited) and what a flood of summaries of 100
// supporters costs against as many cheap requests.
//
//   obs-ws-vendor-probe --port N [--password P] [--timeout S]

#include "obs-ws-client.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace {

using livegifts::smoke::Json;
using livegifts::smoke::ObsWsAnswer;
using livegifts::smoke::ObsWsClient;
using livegifts::smoke::ObsWsOptions;

constexpr std::uint32_t kVendorsSubscription = 1u << 9; // obs-websocket 5 EventSubscription::Vendors
constexpr long long kGiftCoins = 4321;
const std::string kUser = "vendor.probe";
const std::string kVendor = "live-gifts";

// A field of a JSON object, or the fallback when the object lacks it or it has another type.
long long integer(const Json &object, const char *key)
{
	if (!object.is_object() || !object.contains(key) || !object[key].is_number()) {
		return -1;
	}
	return static_cast<long long>(object[key].get<double>());
}

bool flag(const Json &object, const char *key, bool fallback)
{
	return object.is_object() && object.contains(key) && object[key].is_boolean() ? object[key].get<bool>()
										      : fallback;
}

std::string text(const Json &object, const char *key)
{
	return object.is_object() && object.contains(key) && object[key].is_string() ? object[key].get<std::string>()
										     : std::string();
}

Json member(const Json &object, const char *key)
{
	return object.is_object() && object.contains(key) ? object[key] : Json();
}

Json giftEnvelope()
{
	const Json data{{"giftId", 9001},
			{"giftName", "Probe Gift"},
			{"giftType", 2},
			{"repeatCount", 1},
			{"repeatEnd", true},
			{"diamondCount", kGiftCoins},
			{"userId", "68000000042"},
			{"uniqueId", kUser},
			{"nickname", "Vendor Probe"},
			{"msgId", "7999000000000000001"}};
	return Json{{"event", "gift"}, {"data", data}};
}

// One of the further requests, its answer checked by `check` (empty: as expected, else what is wrong).
struct Step {
	std::string type;
	Json data;
	std::function<std::string(const Json &answer)> check;
	bool poll = false; // asked again (for up to 5 s) until as expected: a change reaches the tally later
};

std::function<std::string(const Json &)> refused(const std::string &code)
{
	return [code](const Json &a) {
		return !flag(a, "ok", true) && text(a, "error") == code && !text(a, "message").empty()
			   ? std::string()
			   : "not refused with " + code;
	};
}

std::string accepted(const Json &a)
{
	return flag(a, "ok", false) ? std::string() : std::string("refused");
}

std::string oneSource(const Json &a)
{
	return flag(a, "ok", false) && integer(a, "sources") == 1 ? std::string()
								  : std::string("the Gift Alerts source not reached");
}

Json goalOf(const Json &a)
{
	for (const Json &goal : member(a, "goals")) {
		if (text(goal, "sourceName") == "Goal") {
			return goal;
		}
	}
	return Json::object();
}

// Our supporter in a GetSummary answer's top list; null when not there.
Json ourSupporter(const Json &a)
{
	for (const Json &supporter : member(a, "top")) {
		if (text(supporter, "userId") == kUser) {
			return supporter;
		}
	}
	return Json();
}

const std::vector<Step> &steps()
{
	static const std::vector<Step> all = {
	    {"GetSummary",
	     {{"top", 100}},
	     [](const Json &a) {
		     // Both pushes applied by now: still counted once, the second one a duplicate.
		     const Json supporter = ourSupporter(a);
		     return integer(supporter, "coins") == kGiftCoins && integer(supporter, "gifts") == 1 &&
				    integer(a, "duplicates") >= 1
				? std::string()
				: std::string("the gift is not counted exactly once");
	     }},
	    {"GetSummary", {{"scope", "today"}}, refused("bad-scope")},
	    // A frame as a connector hands it over, with a lone surrogate escape (JavaScript's string cut inside a
	    // character): queued, as the connectors' frames are (the engine repairs it to U+FFFD and counts it).
	    {"PushEvent",
	     {{"frame", "{\"event\":\"gift\",\"data\":{\"giftId\":5655,\"giftName\":\"Rose\",\"diamondCount\":1,"
			"\"repeatCount\":1,\"repeatEnd\":true,\"uniqueId\":\"lone\",\"nickname\":\"Lone\\ud800Half\","
			"\"userId\":\"lone-surrogate\",\"msgId\":\"vendor-lone-surrogate\"}}"}},
	     accepted},
	    {"PushEvent", {{"frame", "[1, 2]"}}, refused("bad-event")},
	    // A name of the wrong type is refused with words, never an empty answer.
	    {"GetSummary", {{"scope", 5}}, refused("bad-scope")},
	    {"SetGoal", {{"goalId", 5}}, refused("bad-name")},
	    {"ResetGoal", {{"sourceName", true}}, refused("bad-name")},
	    {"SkipAlert", {{"sourceName", 1}}, refused("bad-name")},
	    {"StartVersus", {{"sourceName", {{"x", 1}}}}, refused("bad-name")},
	    {"SetGoal", {{"sourceName", "Goal"}}, refused("bad-goal")},
	    {"ResetGoal", {{"sourceName", "Goal"}, {"undo", true}}, refused("nothing-to-undo")},
	    {"SetGoal", {{"sourceName", "Goal"}, {"target", 0}}, refused("bad-goal")},
	    {"SetGoal", {{"sourceName", "No such source"}, {"target", 10}}, refused("unknown-goal")},
	    // "Count the whole room" is for coin and gift goals; battle goals mirror TikTok and have no reset.
	    {"SetGoal", {{"sourceName", "Likes"}, {"wholeRoom", true}}, refused("no-whole-room")},
	    {"ResetGoal", {{"sourceName", "Battle"}}, refused("not-resettable")},
	    {"SetGoal", {{"sourceName", "Battle"}, {"start", 50}}, refused("no-head-start")},
	    // Titles and names beyond the bounds a frame's fields keep (core/limits.hpp) are refused.
	    {"SetGoal", {{"sourceName", "Goal"}, {"title", std::string(5000, 't')}}, refused("too-long")},
	    {"SetGoal", {{"sourceName", std::string(5000, 's')}, {"target", 10}}, refused("too-long")},
	    {"ResetGoal", {{"goalId", std::string(300, 'g')}}, refused("too-long")},
	    {"SetGoal", {{"sourceName", "Goal"}, {"target", 5000}, {"title", "API goal"}}, accepted},
	    {"GetSummary", Json::object(),
	     [](const Json &a) {
		     const Json goal = goalOf(a);
		     return text(goal, "title") == "API goal" && integer(goal, "target") == 5000 &&
				    integer(goal, "current") >= kGiftCoins && !flag(goal, "wholeRoom", true)
				? std::string()
				: "goal not set: " + goal.dump();
	     },
	     true},
	    {"SetGoal", {{"sourceName", "Goal"}, {"wholeRoom", true}}, accepted},
	    {"GetSummary", Json::object(),
	     [](const Json &a) {
		     // Only the room switch changed: the title and target stay.
		     const Json goal = goalOf(a);
		     return flag(goal, "wholeRoom", false) && text(goal, "title") == "API goal" &&
				    integer(goal, "target") == 5000
				? std::string()
				: "goal not counting the whole room: " + goal.dump();
	     },
	     true},
	    {"ResetGoal", {{"sourceName", "Goal"}}, accepted},
	    {"GetSummary", Json::object(),
	     [](const Json &a) {
		     // Counts from zero from the reset (a demo gift may have come since).
		     const Json goal = goalOf(a);
		     return !goal.empty() && integer(goal, "current") < kGiftCoins ? std::string()
										   : "goal not reset: " + goal.dump();
	     },
	     true},
	    {"ResetGoal",
	     {{"sourceName", "Goal"}, {"undo", true}},
	     [](const Json &a) {
		     return flag(a, "ok", false) && flag(a, "undone", false) ? std::string()
									     : "reset not undone: " + a.dump();
	     }},
	    {"TestAlert", {{"kind", "confetti"}}, refused("bad-kind")},
	    {"TestAlert", {{"kind", "follow"}}, accepted},
	    {"PauseAlerts", Json::object(), oneSource},
	    {"ResumeAlerts", Json::object(), oneSource},
	    {"SkipAlert", {{"sourceName", "Gift Alerts"}}, oneSource},
	    {"SkipAlert", {{"sourceName", "No such source"}}, refused("unknown-source")},
	    {"StartVersus", {{"sourceName", "No such source"}}, refused("unknown-source")},
	    // The round run-obs-vendor.sh then expects back after OBS is killed.
	    {"StartVersus",
	     {{"sourceName", "Versus"}},
	     [](const Json &a) {
		     return flag(a, "ok", false) && integer(a, "sources") == 1
				? std::string()
				: std::string("the Gift vs Gift source not reached");
	     }},
	};
	return all;
}

class VendorProbe {
public:
	explicit VendorProbe(ObsWsClient &client) : client_(client)
	{
		client_.onEvent([this](const std::string &type, const Json &data) { event(type, data); });
	}

	// A bad request first: no "data" in the envelope.
	void start()
	{
		call("PushEvent", {{"event", "gift"}}, [this](const Json &answer) {
			if (flag(answer, "ok", true) || text(answer, "error") != "bad-event" ||
			    text(answer, "message").empty()) {
				client_.finish(1, "a PushEvent without data was not refused clearly: " + answer.dump());
				return;
			}
			client_.say("bad PushEvent refused: " + answer.dump());
			// The same gift twice (one msgId): counted once.
			call("PushEvent", giftEnvelope(), [this](const Json &first) { pushed("push1", first); });
			call("PushEvent", giftEnvelope(), [this](const Json &second) {
				if (pushed("push2", second)) {
					summary();
				}
			});
		});
	}

private:
	// CallVendorRequest to our vendor; `done` gets the vendor's answer. A failure in obs-websocket ends the run.
	void call(const std::string &type, const Json &data, std::function<void(const Json &)> done)
	{
		client_.vendorRequest(kVendor, type, data, [this, type, done = std::move(done)](const ObsWsAnswer &a) {
			if (!a.ok) {
				client_.finish(1, type + " failed in obs-websocket: " + a.comment + " (code " +
						      std::to_string(a.code) + ")");
				return;
			}
			done(a.data);
		});
	}

	bool pushed(const char *id, const Json &answer)
	{
		if (!flag(answer, "ok", false)) {
			client_.finish(1, std::string(id) + " refused: " + answer.dump());
			return false;
		}
		return true;
	}

	// Reads GetSummary until the gift is in the tally (again every 300 ms).
	void summary()
	{
		call("GetSummary", {{"top", 100}}, [this](const Json &answer) {
			++summaries_;
			if (!flag(answer, "ok", false)) {
				client_.finish(1, "GetSummary refused: " + answer.dump());
				return;
			}
			const Json supporter = ourSupporter(answer);
			if (supporter.is_null()) {
				client_.after(300, [this] { summary(); });
				return;
			}
			if (integer(supporter, "coins") != kGiftCoins || integer(supporter, "gifts") != 1) {
				client_.finish(1, "the gift sent twice under one msgId is not counted once: " +
						      supporter.dump());
				return;
			}
			if (!tallied_) {
				client_.say("GetSummary after " + std::to_string(summaries_) + " reads: " +
					    supporter.dump() + "; totals " + member(answer, "totals").dump() +
					    ", duplicates " + std::to_string(integer(answer, "duplicates")));
			}
			tallied_ = true;
			checkDone();
		});
	}

	void event(const std::string &type, const Json &event)
	{
		if (type != "VendorEvent") {
			return;
		}
		client_.say("vendor event " + event.dump());
		const Json data = member(event, "eventData");
		if (text(event, "vendorName") == kVendor && text(event, "eventType") == "GiftCounted" &&
		    text(data, "userId") == kUser) {
			if (integer(data, "coins") != kGiftCoins) {
				client_.finish(1, "GiftCounted with the wrong coins: " + data.dump());
				return;
			}
			++giftEvents_;
			checkDone();
		}
	}

	void checkDone()
	{
		if (!tallied_ || giftEvents_ != 1 || waiting_) {
			return;
		}
		waiting_ = true;
		// A second GiftCounted (the duplicate counted) would have come with the same batch; wait a little for
		// a late one all the same.
		client_.after(1500, [this] {
			if (giftEvents_ != 1) {
				client_.finish(1, std::to_string(giftEvents_) + " GiftCounted events for one gift");
				return;
			}
			client_.say("PushEvent counted once; GetSummary tally and GiftCounted event agree");
			nextStep();
		});
	}

	// Then the other requests, one after another: each answer checked by its step.
	void nextStep()
	{
		if (step_ == steps().size()) {
			client_.say("vendor API: all " + std::to_string(steps().size()) +
				    " further requests answered as expected");
			resetBurst();
			return;
		}
		const Step &step = steps()[step_];
		call(step.type, step.data, [this, &step](const Json &answer) {
			const std::string wrong = step.check(answer);
			if (!wrong.empty() && step.poll && ++polls_ < 25) {
				client_.after(200, [this] { nextStep(); });
				return;
			}
			polls_ = 0;
			if (!wrong.empty()) {
				client_.finish(1, step.type + " " + step.data.dump() + ": " + wrong + ": " +
						      answer.dump());
				return;
			}
			client_.say(step.type + " " + step.data.dump() + " -> " + answer.dump());
			++step_;
			nextStep();
		});
	}

	// kBurst resets at once: every one answered, and OBS's log holds at most the rate limiter's burst of their
	// lines (run-obs-vendor.sh counts them).
	void resetBurst()
	{
		auto left = std::make_shared<int>(kBurst);
		for (int i = 0; i < kBurst; ++i) {
			call("ResetGoal", {{"sourceName", "Goal"}}, [this, left](const Json &answer) {
				if (!flag(answer, "ok", false)) {
					client_.finish(1, "a ResetGoal of the burst refused: " + answer.dump());
					return;
				}
				if (--*left == 0) {
					client_.say(std::to_string(kBurst) + " ResetGoal answered");
					summaryCost();
				}
			});
		}
	}

	// A flood of summaries of 100 supporters holds obs-websocket's threads (which every client shares) little
	// longer than as many cheap requests: kSupporters fans first, then kCostRuns pipelined GetSummary top=100
	// (past the budget answered "busy" at once) against as many PushEvent (a duplicate: dropped at once) on this
	// one connection.
	void summaryCost()
	{
		auto left = std::make_shared<int>(kSupporters);
		for (int i = 0; i < kSupporters; ++i) {
			Json fan = giftEnvelope();
			fan["data"]["uniqueId"] = "fan." + std::to_string(i);
			fan["data"]["userId"] = std::to_string(68100000000 + i);
			fan["data"]["msgId"] = std::to_string(7999100000000000000 + i);
			fan["data"]["diamondCount"] = 1;
			call("PushEvent", fan, [this, left](const Json &) {
				if (--*left == 0) {
					fullTop();
				}
			});
		}
	}

	void fullTop()
	{
		call("GetSummary", {{"top", 100}}, [this](const Json &answer) {
			if (member(answer, "top").size() < 100) {
				client_.after(200, [this] { fullTop(); });
				return;
			}
			timeBurst("GetSummary", {{"top", 100}}, [this](double summaries) {
				timeBurst("PushEvent", giftEnvelope(), [this, summaries](double pushes) {
					const double ratio = summaries / pushes;
					char figures[200];
					std::snprintf(
					    figures, sizeof figures,
					    "%d pipelined GetSummary top=100: %.0f ms, %d PushEvent: %.0f ms (%.1fx)",
					    kCostRuns, summaries, kCostRuns, pushes, ratio);
					if (ratio > kMaxSummaryCost) {
						client_.finish(1,
							       std::string(figures) + ": a summary costs more than " +
								   std::to_string(kMaxSummaryCost) + " cheap requests");
						return;
					}
					client_.finish(0, figures);
				});
			});
		});
	}

	// Sends kCostRuns `type` requests at once; `done` gets the milliseconds until the last answer.
	void timeBurst(const std::string &type, const Json &data, std::function<void(double)> done)
	{
		auto left = std::make_shared<int>(kCostRuns);
		const auto start = std::chrono::steady_clock::now();
		auto finished = std::make_shared<std::function<void(double)>>(std::move(done));
		for (int i = 0; i < kCostRuns; ++i) {
			call(type, data, [left, start, finished](const Json &) {
				if (--*left == 0) {
					(*finished)(std::chrono::duration<double, std::milli>(
							std::chrono::steady_clock::now() - start)
							.count());
				}
			});
		}
	}

	static constexpr int kBurst = 40;
	static constexpr int kSupporters = 150;
	static constexpr int kCostRuns = 1000;
	static constexpr int kMaxSummaryCost = 8;

	ObsWsClient &client_;
	bool waiting_ = false; // the check of the gift is scheduled
	int giftEvents_ = 0;   // GiftCounted events for our gift
	bool tallied_ = false; // GetSummary showed our gift
	int summaries_ = 0;    // GetSummary answers read
	std::size_t step_ = 0; // the further request asked now
	int polls_ = 0;        // times the current step was asked again
};

} // namespace

int main(int argc, char **argv)
{
	ObsWsOptions connection;
	connection.name = "obs-ws-vendor-probe";
	connection.eventSubscriptions = kVendorsSubscription;
	for (int i = 1; i + 1 < argc; i += 2) {
		const std::string arg = argv[i];
		if (arg == "--port") {
			connection.port = std::stoi(argv[i + 1]);
		} else if (arg == "--password") {
			connection.password = argv[i + 1];
		} else if (arg == "--timeout") {
			connection.timeoutSeconds = std::stoi(argv[i + 1]);
		}
	}
	ObsWsClient client(connection);
	VendorProbe probe(client);
	return client.run([&probe] { probe.start(); });
}
