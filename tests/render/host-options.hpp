#pragma once

// The render host's command line, and the one way it gives up.

#include <functional>
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

// An argument only the calling program knows (the benchmark's): true when it took `arg`, reading its value
// (if it has one) with value().
using ExtraArgument = std::function<bool(const std::string &arg, const std::function<std::string()> &value)>;

// The render host's command line. Exits with a usage line on unknown or incomplete arguments.
Options parseOptions(int argc, char **argv);
// The same for another program on the render host's session: `extra` takes its own arguments; --module,
// --data and --spec are needed, --out only when needsOut; `usage` is printed when something is missing.
Options parseOptions(int argc, char **argv, const ExtraArgument &extra, bool needsOut, const std::string &usage);

// Prints "render-host: message" and exits with 1 at once (no static destructors: OBS may still be running).
[[noreturn]] void fail(const std::string &message);

} // namespace render_host
