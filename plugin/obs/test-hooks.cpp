#include "obs/test-hooks.hpp"

#include "obs/plugin-support.hpp"

#include "core/utf8-path.hpp"

#include <util/bmem.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace livegifts::obs {

namespace {

std::atomic<bool> enabled{false}; // written once at module load, read by source constructors

std::filesystem::path normalFolder(const std::string &text, std::error_code &ec)
{
	std::filesystem::path path = std::filesystem::weakly_canonical(pathFromUtf8(text), ec).lexically_normal();
	if (!path.has_filename() && path.has_parent_path() && path != path.root_path()) {
		path = path.parent_path(); // "/tmp/x/" is "/tmp/x"
	}
	return path;
}

} // namespace

bool testHooksAllowed(const std::string &switchValue, const std::string &configFolder)
{
	if (switchValue.empty() || configFolder.empty() || !pathFromUtf8(switchValue).is_absolute()) {
		return false;
	}
	std::error_code ec;
	const std::filesystem::path root = normalFolder(switchValue, ec);
	if (ec || root == root.root_path() || !std::filesystem::is_directory(root, ec)) {
		return false;
	}
	const std::filesystem::path folder = normalFolder(configFolder, ec);
	if (ec) {
		return false;
	}
	const auto [inRoot, inFolder] = std::mismatch(root.begin(), root.end(), folder.begin(), folder.end());
	return inRoot == root.end() && inFolder != folder.end();
}

void readTestHooksSwitch()
{
	const char *value = std::getenv("LIVE_GIFTS_TEST_HOOKS");
	if (value == nullptr || *value == '\0') {
		enabled = false;
		return;
	}
	char *config = obs_module_config_path("");
	const std::string folder = config ? config : "";
	bfree(config);
	enabled = testHooksAllowed(value, folder);
	if (enabled) {
		LG_LOG(LOG_WARNING, "test procedures enabled (LIVE_GIFTS_TEST_HOOKS): frames may be fed by automation");
	} else {
		LG_LOG(LOG_WARNING,
		       "LIVE_GIFTS_TEST_HOOKS ignored: it must name the test's folder holding the module's "
		       "config folder");
	}
}

bool testHooksEnabled()
{
	return enabled.load();
}

} // namespace livegifts::obs
