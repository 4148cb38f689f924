#pragma once

// The render host's command line, and the one way it gives up.

#include <string>

namespace render_host {

struct Options {
	std::string module;       // our module file
	std::string data;         // its data folder
	std::string spec;         // the scene and steps (JSON)
	std::string out;          // where the captured frame is written (PNG)
	std::string golden;       // the PNG to compare with (none: no comparison)
	std::string diff;         // where a failed comparison's diff goes (default: OUT.diff.png)
	std::string recordOut;    // MP4 path when the spec has "record"
	double recordSeconds = 0; // overrides the spec's record.seconds when > 0
	double benchSeconds = 0;  // measure CPU time for this long after the steps (a benchmark, not a test)
	std::string contactSheet; // PNG path for the moments of a recording
	std::string state; // a config folder kept after the run (ledger, saved scene): a later run restarts on it
	std::string obsPlugins = LIVE_GIFTS_OBS_PLUGINS_DIR;
	std::string obsPluginData = LIVE_GIFTS_OBS_PLUGIN_DATA_DIR;
	int tolerance = 8;
	double maxBadFraction = 0.0005;
};

// Exits with a usage line on unknown or incomplete arguments.
Options parseOptions(int argc, char **argv);

// Prints "render-host: message" and exits with 1.
[[noreturn]] void fail(const std::string &message);

} // namespace render_host
