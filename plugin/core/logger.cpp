#include "core/logger.hpp"

namespace livegifts {

namespace {
class NullLogger final : public Logger {
public:
	void log(LogLevel, std::string_view) override {}
};
} // namespace

Logger &nullLogger()
{
	static NullLogger logger;
	return logger;
}

} // namespace livegifts
