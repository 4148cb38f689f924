#include "draw-checks.hpp"

#include <cstdio>
#include <vector>

namespace render_host {
namespace {

long long cacheRenders(obs_source_t *source)
{
	calldata_t data = {};
	long long renders = -1;
	if (proc_handler_call(obs_source_get_proc_handler(source), "live_gifts_cache_renders", &data)) {
		renders = calldata_int(&data, "renders");
	}
	calldata_free(&data);
	return renders;
}

} // namespace

bool checkDrawStep(const nlohmann::json &step, const std::function<obs_source_t *(const std::string &)> &sourceNamed,
		   const Capture &capture)
{
	if (!step.contains("expect_still")) {
		return true;
	}
	std::vector<std::string> names = step.at("expect_still").get<std::vector<std::string>>();
	std::vector<long long> before;
	for (const auto &name : names) {
		before.push_back(cacheRenders(sourceNamed(name)));
	}
	const unsigned frames = step.value("still_frames", 30u);
	capture.waitFrames(frames);
	bool ok = true;
	for (std::size_t i = 0; i < names.size(); ++i) {
		const long long after = cacheRenders(sourceNamed(names[i]));
		const bool still = before[i] > 0 && after == before[i];
		std::printf(
		    "render-host: '%s' drew its parts into its cache %lld times, %lld over %u more frames: %s\n",
		    names[i].c_str(), before[i], after - before[i], frames, still ? "ok" : "FAILED");
		ok = ok && still;
	}
	return ok;
}

} // namespace render_host
