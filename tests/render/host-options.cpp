#include "host-options.hpp"

#include <cstdio>
#include <cstdlib>

namespace render_host {

void fail(const std::string &message)
{
	std::fprintf(stderr, "render-host: %s\n", message.c_str());
	// Without running static destructors: OBS's threads still run our sources, and the module's runtime and
	// workers must not be torn down under them (a failed check would end in a crash, not a failure).
	std::fflush(nullptr);
	std::_Exit(1);
}

Options parseOptions(int argc, char **argv)
{
	return parseOptions(argc, argv, {}, true,
			    "render-host --module FILE --data DIR --spec SPEC.json --out ACTUAL.png [--golden G.png]");
}

Options parseOptions(int argc, char **argv, const ExtraArgument &extra, bool needsOut, const std::string &usage)
{
	Options options;
	for (int i = 1; i < argc; ++i) {
		const std::string arg = argv[i];
		auto value = [&]() -> std::string {
			if (i + 1 >= argc) {
				fail("missing value for " + arg);
			}
			return argv[++i];
		};
		if (arg == "--module") {
			options.module = value();
		} else if (arg == "--data") {
			options.data = value();
		} else if (arg == "--spec") {
			options.spec = value();
		} else if (arg == "--out") {
			options.out = value();
		} else if (arg == "--golden") {
			options.golden = value();
		} else if (arg == "--diff") {
			options.diff = value();
		} else if (arg == "--tolerance") {
			options.tolerance = std::stoi(value());
		} else if (arg == "--max-bad-fraction") {
			options.maxBadFraction = std::stod(value());
		} else if (arg == "--record-out") {
			options.recordOut = value();
		} else if (arg == "--bench-seconds") {
			options.benchSeconds = std::stod(value());
		} else if (arg == "--record-seconds") {
			options.recordSeconds = std::stod(value());
		} else if (arg == "--contact-sheet") {
			options.contactSheet = value();
		} else if (arg == "--state") {
			options.state = value();
		} else if (arg == "--obs-plugins") {
			options.obsPlugins = value();
		} else if (!extra || !extra(arg, value)) {
			fail("unknown argument " + arg);
		}
	}
	if (options.module.empty() || options.data.empty() || options.spec.empty() ||
	    (needsOut && options.out.empty())) {
		fail("usage: " + usage);
	}
	return options;
}

} // namespace render_host
