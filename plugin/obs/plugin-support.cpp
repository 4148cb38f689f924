#include "obs/plugin-support.hpp"

namespace livegifts::obs {

void ObsLogger::log(LogLevel level, std::string_view message)
{
	int obsLevel = LOG_INFO;
	switch (level) {
	case LogLevel::Debug:
		obsLevel = LOG_DEBUG;
		break;
	case LogLevel::Info:
		obsLevel = LOG_INFO;
		break;
	case LogLevel::Warning:
		obsLevel = LOG_WARNING;
		break;
	case LogLevel::Error:
		obsLevel = LOG_ERROR;
		break;
	}
	const std::string line = printableLogLine(message);
	const int length = static_cast<int>(line.size());
	if (speaker_.empty()) {
		blog(obsLevel, "%s %.*s", kLogPrefix, length, line.data());
	} else {
		blog(obsLevel, "%s '%s': %.*s", kLogPrefix, speaker_.c_str(), length, line.data());
	}
}

Logger &limitedLog()
{
	// Never destroyed: a line logged while the module's statics go away must still find it.
	static ObsLogger *const obsLog = new ObsLogger();
	static RateLimitedLogger *const log = new RateLimitedLogger(*obsLog);
	return *log;
}

} // namespace livegifts::obs
