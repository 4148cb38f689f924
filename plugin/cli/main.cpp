// live-gifts: command-line tools built on the core engine.
#include <cstdio>
#include <span>
#include <string_view>

#include "cli/commands.hpp"
#include "live-gifts-version.h"

namespace {

struct Subcommand {
	std::string_view name;
	livegifts::cli::CommandFunction run;
	std::string_view usage;
};

// One line per subcommand.
constexpr Subcommand subcommands[] = {
    {"replay", livegifts::cli::runReplay,
     "replay FILE.jsonl|- [--csv] [--db LEDGER] [--scope all|stream] [--timeout MS] [--verbose]"},
#ifdef LIVE_GIFTS_HAVE_LISTEN
    {"listen", livegifts::cli::runListen, "listen URL [--until-stream-end] [--max-seconds N] [options]"},
#endif
};

void usage(std::FILE *to)
{
	std::fprintf(to, "live-gifts %s\nusage:\n", LIVE_GIFTS_VERSION);
	for (const auto &command : subcommands) {
		std::fprintf(to, "  live-gifts %.*s\n", static_cast<int>(command.usage.size()), command.usage.data());
	}
}

} // namespace

int main(int argc, char **argv)
{
	const std::span<char *const> args(argv, static_cast<std::size_t>(argc));
	if (args.size() < 2) {
		usage(stderr);
		return 2;
	}
	const std::string_view name = args[1];
	if (name == "--help" || name == "-h" || name == "help") {
		usage(stdout);
		return 0;
	}
	if (name == "--version") {
		std::printf("%s\n", LIVE_GIFTS_VERSION);
		return 0;
	}
	for (const auto &command : subcommands) {
		if (command.name == name) {
			return command.run(args.subspan(2));
		}
	}
	std::fprintf(stderr, "live-gifts: unknown command '%.*s'\n", static_cast<int>(name.size()), name.data());
	usage(stderr);
	return 2;
}
