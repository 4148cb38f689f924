#include "log-check.hpp"

#include <util/base.h>

#include <cstdarg>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

namespace render_host {
namespace {

std::mutex logMutex;
std::vector<std::string> logLines; // under logMutex: written by every thread that logs

void handler(int level, const char *format, va_list args, void *)
{
	char line[4096];
	vsnprintf(line, sizeof(line), format, args);
	std::fprintf(stderr, "%s\n", line);
	std::lock_guard lock(logMutex);
	logLines.emplace_back(line);
	(void)level;
}

} // namespace

void captureLog()
{
	base_set_log_handler(handler, nullptr);
}

bool checkLog(const nlohmann::json &spec)
{
	bool ok = true;
	std::lock_guard lock(logMutex);
	for (const auto &expected : spec.value("expect_log", nlohmann::json::array())) {
		// "text" (in one line) or {"text": "...", "lines": N} (in N lines).
		const std::string text =
		    expected.is_object() ? expected.value("text", std::string()) : expected.get<std::string>();
		int count = 0;
		for (const auto &line : logLines) {
			count += line.find(text) != std::string::npos ? 1 : 0;
		}
		const int wanted = expected.is_object() ? expected.value("lines", 1) : 1;
		if (count != wanted) {
			std::fprintf(stderr, "render-host: FAIL log: \"%s\" in %d lines (want %d)\n", text.c_str(),
				     count, wanted);
			ok = false;
		} else {
			std::printf("render-host: log holds \"%s\"\n", text.c_str());
		}
	}
	return ok;
}

} // namespace render_host
