#include "ready-poller.hpp"

#include <chrono>
#include <cstdio>

namespace render_host {

ReadyPoller::ReadyPoller(const std::vector<obs_source_t *> &sources)
{
	for (obs_source_t *source : sources) {
		sources_.emplace_back(obs_source_get_ref(source));
	}
	if (!sources_.empty()) {
		thread_ = std::thread([this] { run(); });
	}
}

ReadyPoller::~ReadyPoller()
{
	stop();
}

uint64_t ReadyPoller::stop()
{
	stopping_.store(true);
	if (thread_.joinable()) {
		thread_.join();
		std::printf("render-host: asked ready and settled %llu times from another thread\n",
			    static_cast<unsigned long long>(answers_.load()));
	}
	return answers_.load();
}

void ReadyPoller::run()
{
	while (!stopping_.load()) {
		for (const auto &source : sources_) {
			proc_handler_t *handler = obs_source_get_proc_handler(source);
			for (const char *proc : {"live_gifts_ready", "live_gifts_settled"}) {
				calldata_t data = {};
				if (proc_handler_call(handler, proc, &data)) {
					answers_.fetch_add(1);
				}
				calldata_free(&data);
			}
		}
		// Thousands of answers a second, and room for the threads being asked (two cores, sanitizers).
		std::this_thread::sleep_for(std::chrono::microseconds(100));
	}
}

} // namespace render_host
