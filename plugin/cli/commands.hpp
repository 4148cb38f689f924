#pragma once

#include <span>
#include <string_view>

#include "core/logger.hpp"

namespace livegifts::cli {

// A subcommand: `args` are the arguments after its name. Returns the process exit code.
using CommandFunction = int (*)(std::span<char *const> args);

int runReplay(std::span<char *const> args);
#ifdef LIVE_GIFTS_HAVE_LISTEN
int runListen(std::span<char *const> args);
#endif

// Writes warnings and errors (and info with verbose) to stderr as "live-gifts: ...".
class StderrLogger final : public Logger {
public:
	explicit StderrLogger(bool verbose = false) : verbose_(verbose) {}
	void log(LogLevel level, std::string_view message) override;

private:
	bool verbose_;
};

} // namespace livegifts::cli
