// Headless render host: starts the real libobs on an X display (Xvfb) with Mesa, loads our module from
// the build tree, builds a scene from a JSON spec, runs its steps, captures what encoders get once every
// source of ours says it has settled, and checks it with pixel probes and a golden PNG.
//
//   render-host --module FILE --data DIR --spec SPEC.json --out ACTUAL.png [--golden GOLDEN.png]
//               [--diff DIFF.png] [--tolerance N] [--max-bad-fraction F]
//               [--record-out MP4 [--record-seconds S] [--contact-sheet PNG]] [--bench-seconds S]
//               [--state DIR]
// --state keeps the config folder (ledger, connection, a saved scene) for a later run: a restart.
// With LIVE_GIFTS_BLESS=1 the actual image replaces the golden (re-blessing on purpose). A spec with
// "golden": false checks state only (its steps' expectations and probes), never an image.
//
// host-options: the command line; obs-session: libobs set up and torn down; spec-scene: the scene and the
// steps; connection-checks: steps that check the connection store; capture: the frames; image-check:
// probes and goldens; recording: recording, contact sheet, benchmark; log-check: lines OBS's log must hold;
// ready-poller: automation asking ready and settled from another thread.

#include "capture.hpp"
#include "host-options.hpp"
#include "image-check.hpp"
#include "log-check.hpp"
#include "obs-session.hpp"
#include "ready-poller.hpp"
#include "recording.hpp"
#include "spec-scene.hpp"

#include <QGuiApplication>

#include <cstdio>
#include <filesystem>
#include <fstream>

using namespace render_host;

int main(int argc, char **argv)
{
	Options options = parseOptions(argc, argv);
	std::ifstream specFile(options.spec);
	if (!specFile) {
		fail("cannot read spec " + options.spec);
	}
	const nlohmann::json spec = nlohmann::json::parse(specFile);
	if (!spec.value("golden", true)) {
		options.golden.clear();
	}
	qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
	QGuiApplication app(argc, argv);
	captureLog();

	const bool recording = spec.contains("record") && !options.recordOut.empty();
	ObsSession session(options, spec, recording);
	bool ok = true;
	{
		SpecScene scene(spec, session);
		Capture capture(session.width(), session.height());
		// "poll_ready": true asks our sources ready and settled from another thread all along
		// (ready-poller.hpp).
		const bool poll = spec.value("poll_ready", false);
		ReadyPoller poller(poll ? scene.ours() : std::vector<obs_source_t *>());
		ok = scene.runSteps(spec, std::filesystem::path(options.spec).parent_path(), session, capture);
		scene.waitUntilSettled(spec, capture);
		if (poller.stop() == 0 && poll) {
			std::fprintf(stderr,
				     "render-host: FAIL: no source answered ready or settled from another thread\n");
			ok = false;
		}
		if (options.benchSeconds > 0) {
			bench(capture, options.benchSeconds);
		}
		if (recording) {
			const auto &rec = spec.at("record");
			const double seconds =
			    options.recordSeconds > 0 ? options.recordSeconds : rec.value("seconds", 30.0);
			// "frames_at": [{"seconds": S, "frames": [...]}]: gifts fed while recording, at known times; an
			// entry with "call" instead calls that procedure then (as a "call" step does).
			std::vector<TimedAction> actions;
			for (const auto &timed : rec.value("frames_at", nlohmann::json::array())) {
				actions.push_back({timed.at("seconds").get<double>(), [&scene, timed] {
							   if (timed.contains("frames")) {
								   scene.submit(timed.at("frames"));
							   }
							   if (timed.contains("call")) {
								   scene.call(timed);
							   }
						   }});
			}
			const auto moments =
			    record(options, capture, seconds, rec.value("moment_every_ms", 5000), std::move(actions));
			if (!options.contactSheet.empty()) {
				contactSheet(moments).save(QString::fromStdString(options.contactSheet));
				std::printf("render-host: contact sheet of %zu moments: %s\n", moments.size(),
					    options.contactSheet.c_str());
			}
		}
		capture.stop();
		const QImage actual = capture.image();
		std::filesystem::create_directories(std::filesystem::path(options.out).parent_path());
		if (!actual.save(QString::fromStdString(options.out))) {
			fail("cannot write " + options.out);
		}
		std::printf("render-host: wrote %s (%ux%u)\n", options.out.c_str(), session.width(), session.height());
		ok = checkProbes(spec, actual) && ok;
		ok = checkGolden(options, actual) && ok;
		ok = checkLog(spec) && ok;
	}
	return ok ? 0 : 1;
}
