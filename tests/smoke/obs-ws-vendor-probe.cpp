// Talks to our "live-gifts" vendor of a running OBS over obs-websocket (protocol v5, loopback, no auth) as
// another tool would: subscribes to vendor events, sends CallVendorRequest PushEvent with a bad request (must
// be refused with a clear error) and then one gift twice under the same msgId, reads GetSummary back until the
// gift is in the tally, and checks the tally counts it exactly once and that a GiftCounted vendor event for it
// arrived (and only one). Then the other requests, with bad input refused clearly: SetGoal, ResetGoal (the goal
// counts from zero), TestAlert, PauseAlerts, ResumeAlerts, SkipAlert.
//
//   obs-ws-vendor-probe --port N [--timeout S]

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <cstdio>
#include <functional>
#include <vector>

namespace {

constexpr int kVendorsSubscription = 1 << 9; // obs-websocket 5 EventSubscription::Vendors
constexpr qint64 kGiftCoins = 4321;
const QString kUser = QStringLiteral("vendor.probe");

int finish(int code, const QString &message)
{
	std::fprintf(code == 0 ? stdout : stderr, "obs-ws-vendor-probe: %s\n", message.toUtf8().constData());
	QCoreApplication::exit(code);
	return code;
}

void say(const QString &message)
{
	std::printf("obs-ws-vendor-probe: %s\n", message.toUtf8().constData());
	std::fflush(stdout);
}

// A JSON number as an integer (Qt 5 has no QJsonValue::toInteger).
qint64 integer(const QJsonValue &value)
{
	return static_cast<qint64>(value.toDouble(-1));
}

QString compact(const QJsonObject &object)
{
	return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject giftEnvelope()
{
	const QJsonObject data{{"giftId", 9001},
			       {"giftName", "Probe Gift"},
			       {"giftType", 2},
			       {"repeatCount", 1},
			       {"repeatEnd", true},
			       {"diamondCount", kGiftCoins},
			       {"userId", "68000000042"},
			       {"uniqueId", kUser},
			       {"nickname", "Vendor Probe"},
			       {"msgId", "7999000000000000001"}};
	return QJsonObject{{"event", "gift"}, {"data", data}};
}

} // namespace

int main(int argc, char **argv)
{
	QCoreApplication app(argc, argv);
	int port = 4455;
	int timeoutSeconds = 90;
	const QStringList args = app.arguments();
	for (int i = 1; i + 1 < args.size(); i += 2) {
		if (args[i] == "--port") {
			port = args[i + 1].toInt();
		} else if (args[i] == "--timeout") {
			timeoutSeconds = args[i + 1].toInt();
		}
	}

	QWebSocket socket;
	const QUrl url(QStringLiteral("ws://127.0.0.1:%1").arg(port));
	QTimer retry;
	retry.setInterval(500);
	retry.setSingleShot(true);
	QObject::connect(&retry, &QTimer::timeout, [&] { socket.open(url); });
	QObject::connect(&socket, &QWebSocket::stateChanged, [&](QAbstractSocket::SocketState state) {
		if (state == QAbstractSocket::UnconnectedState && !retry.isActive()) {
			retry.start(); // OBS is still starting
		}
	});
	QTimer::singleShot(timeoutSeconds * 1000, [&] { finish(1, "timed out talking to OBS"); });

	auto send = [&](int op, const QJsonObject &d) {
		socket.sendTextMessage(QString::fromUtf8(QJsonDocument(QJsonObject{{"op", op}, {"d", d}}).toJson()));
	};
	auto vendorRequest = [&](const QString &id, const QString &type, const QJsonObject &data) {
		QJsonObject call{{"vendorName", "live-gifts"}, {"requestType", type}};
		if (!data.isEmpty()) {
			call["requestData"] = data; // obs-websocket refuses an empty object
		}
		send(6, QJsonObject{{"requestType", "CallVendorRequest"}, {"requestId", id}, {"requestData", call}});
	};

	bool waiting = false;           // the check of the gift is scheduled
	std::function<void()> nextStep; // the further requests, once the gift is checked
	int giftEvents = 0;             // GiftCounted events for our gift
	bool tallied = false;           // GetSummary showed our gift
	int summaries = 0;              // GetSummary answers read
	QTimer poll;                    // asks GetSummary again while the gift is not in the tally yet
	poll.setInterval(300);
	poll.setSingleShot(true);
	QObject::connect(&poll, &QTimer::timeout, [&] { vendorRequest("summary", "GetSummary", {{"top", 100}}); });
	// Then the other requests, one after another: each answer checked by its step.
	struct Step {
		QString type;
		QJsonObject data;
		std::function<QString(const QJsonObject &)> check; // empty: as expected, else what is wrong
		bool poll = false; // asked again (for up to 5 s) until as expected: a change reaches the tally later
	};
	auto refused = [](const QString &code) {
		return [code](const QJsonObject &a) {
			return !a.value("ok").toBool(true) && a.value("error").toString() == code &&
				       !a.value("message").toString().isEmpty()
				   ? QString()
				   : "not refused with " + code;
		};
	};
	auto accepted = [](const QJsonObject &a) { return a.value("ok").toBool() ? QString() : QString("refused"); };
	auto oneSource = [](const QJsonObject &a) {
		return a.value("ok").toBool() && integer(a.value("sources")) == 1
			   ? QString()
			   : QString("the Gift Alerts source not reached");
	};
	auto goalOf = [](const QJsonObject &a) {
		for (const auto &goal : a.value("goals").toArray()) {
			if (goal.toObject().value("sourceName").toString() == "Goal") {
				return goal.toObject();
			}
		}
		return QJsonObject();
	};
	const std::vector<Step> steps = {
	    {"GetSummary",
	     {{"top", 100}},
	     [&](const QJsonObject &a) {
		     // Both pushes applied by now: still counted once, the second one a duplicate.
		     for (const auto &value : a.value("top").toArray()) {
			     const QJsonObject supporter = value.toObject();
			     if (supporter.value("userId").toString() == kUser &&
				 integer(supporter.value("coins")) == kGiftCoins &&
				 integer(supporter.value("gifts")) == 1 && integer(a.value("duplicates")) >= 1) {
				     return QString();
			     }
		     }
		     return QString("the gift is not counted exactly once");
	     }},
	    {"GetSummary", {{"scope", "today"}}, refused("bad-scope")},
	    {"SetGoal", {{"sourceName", "Goal"}, {"target", 0}}, refused("bad-goal")},
	    {"SetGoal", {{"sourceName", "No such source"}, {"target", 10}}, refused("unknown-goal")},
	    {"SetGoal", {{"sourceName", "Goal"}, {"target", 5000}, {"title", "API goal"}}, accepted},
	    {"GetSummary",
	     {},
	     [&](const QJsonObject &a) {
		     const QJsonObject goal = goalOf(a);
		     return goal.value("title").toString() == "API goal" && integer(goal.value("target")) == 5000 &&
				    integer(goal.value("current")) >= kGiftCoins
				? QString()
				: "goal not set: " + compact(goal);
	     },
	     true},
	    {"ResetGoal", {{"sourceName", "Goal"}}, accepted},
	    {"GetSummary",
	     {},
	     [&](const QJsonObject &a) {
		     // Counts from zero from the reset (a demo gift may have come since).
		     const QJsonObject goal = goalOf(a);
		     return !goal.isEmpty() && integer(goal.value("current")) < kGiftCoins
				? QString()
				: "goal not reset: " + compact(goal);
	     },
	     true},
	    {"TestAlert", {{"kind", "confetti"}}, refused("bad-kind")},
	    {"TestAlert", {{"kind", "follow"}}, accepted},
	    {"PauseAlerts", {}, oneSource},
	    {"ResumeAlerts", {}, oneSource},
	    {"SkipAlert", {{"sourceName", "Gift Alerts"}}, oneSource},
	    {"SkipAlert", {{"sourceName", "No such source"}}, refused("unknown-source")},
	};
	std::size_t step = 0;
	int polls = 0; // times the current step was asked again
	nextStep = [&] {
		if (step == steps.size()) {
			finish(0, QStringLiteral("vendor API: all %1 further requests answered as expected")
				      .arg(steps.size()));
			return;
		}
		vendorRequest(QStringLiteral("step%1").arg(step), steps[step].type, steps[step].data);
	};

	auto checkDone = [&] {
		if (tallied && giftEvents == 1 && !waiting) {
			waiting = true;
			// A second GiftCounted (the duplicate counted) would have come with the same batch; wait a
			// little for a late one all the same.
			QTimer::singleShot(1500, [&] {
				if (giftEvents != 1) {
					finish(1, QStringLiteral("%1 GiftCounted events for one gift").arg(giftEvents));
				} else {
					say("PushEvent counted once; GetSummary tally and GiftCounted event agree");
					nextStep();
				}
			});
		}
	};

	QObject::connect(&socket, &QWebSocket::textMessageReceived, [&](const QString &text) {
		const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
		const int op = message.value("op").toInt(-1);
		const QJsonObject d = message.value("d").toObject();
		if (op == 0) {
			send(1, QJsonObject{{"rpcVersion", 1}, {"eventSubscriptions", kVendorsSubscription}});
		} else if (op == 2) {
			// A bad request first: no "data" in the envelope.
			vendorRequest("bad", "PushEvent", {{"event", "gift"}});
		} else if (op == 5 && d.value("eventType").toString() == "VendorEvent") {
			const QJsonObject event = d.value("eventData").toObject();
			say("vendor event " + compact(event));
			const QJsonObject data = event.value("eventData").toObject();
			if (event.value("vendorName").toString() == "live-gifts" &&
			    event.value("eventType").toString() == "GiftCounted" &&
			    data.value("userId").toString() == kUser) {
				if (integer(data.value("coins")) != kGiftCoins) {
					finish(1, "GiftCounted with the wrong coins: " + compact(data));
					return;
				}
				++giftEvents;
				checkDone();
			}
		} else if (op == 7) {
			const QString id = d.value("requestId").toString();
			const QJsonObject status = d.value("requestStatus").toObject();
			if (!status.value("result").toBool()) {
				finish(1, id + " failed in obs-websocket: " + status.value("comment").toString() +
					      " (code " + QString::number(status.value("code").toInt()) + ")");
				return;
			}
			const QJsonObject answer = d.value("responseData").toObject().value("responseData").toObject();
			if (id == "bad") {
				if (answer.value("ok").toBool(true) ||
				    answer.value("error").toString() != "bad-event" ||
				    answer.value("message").toString().isEmpty()) {
					finish(1,
					       "a PushEvent without data was not refused clearly: " + compact(answer));
					return;
				}
				say("bad PushEvent refused: " + compact(answer));
				// The same gift twice (one msgId): counted once.
				vendorRequest("push1", "PushEvent", giftEnvelope());
				vendorRequest("push2", "PushEvent", giftEnvelope());
			} else if (id == "push1" || id == "push2") {
				if (!answer.value("ok").toBool()) {
					finish(1, id + " refused: " + compact(answer));
					return;
				}
				if (id == "push2") {
					vendorRequest("summary", "GetSummary", {{"top", 100}});
				}
			} else if (id.startsWith("step")) {
				const QString wrong = steps[step].check(answer);
				if (!wrong.isEmpty() && steps[step].poll && ++polls < 25) {
					QTimer::singleShot(200, [&] { nextStep(); });
					return;
				}
				polls = 0;
				if (!wrong.isEmpty()) {
					finish(1, steps[step].type + " " + compact(steps[step].data) + ": " + wrong +
						      ": " + compact(answer));
					return;
				}
				say(steps[step].type + " " + compact(steps[step].data) + " -> " + compact(answer));
				++step;
				nextStep();
			} else if (id == "summary") {
				++summaries;
				if (!answer.value("ok").toBool()) {
					finish(1, "GetSummary refused: " + compact(answer));
					return;
				}
				for (const auto &value : answer.value("top").toArray()) {
					const QJsonObject supporter = value.toObject();
					if (supporter.value("userId").toString() != kUser) {
						continue;
					}
					if (integer(supporter.value("coins")) != kGiftCoins ||
					    integer(supporter.value("gifts")) != 1) {
						finish(1, "the gift sent twice under one msgId is not counted once: " +
							      compact(supporter));
						return;
					}
					if (!tallied) {
						say(QStringLiteral(
							"GetSummary after %1 reads: %2; totals %3, duplicates %4")
							.arg(summaries)
							.arg(compact(supporter),
							     compact(answer.value("totals").toObject()))
							.arg(integer(answer.value("duplicates"))));
					}
					tallied = true;
					checkDone();
					return;
				}
				poll.start();
			}
		}
	});
	socket.open(url);
	const int code = app.exec();
	QObject::disconnect(&socket, nullptr, nullptr, nullptr);
	return code;
}
