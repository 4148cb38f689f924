#pragma once

// Automation asking our sources "ready?" and "settled?" from a thread of its own, over and over, while the steps
// run (a spec's "poll_ready": true): a source must answer from any thread while its video thread changes what
// it shows, as obs-websocket or a script may ask at any moment (render.alerts-ready-poll).

#include <obs.hpp>

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace render_host {

class ReadyPoller {
public:
	// Starts asking `sources` (each held until the poller stops); none: no thread.
	explicit ReadyPoller(const std::vector<obs_source_t *> &sources);
	// Stops and joins the thread.
	~ReadyPoller();
	ReadyPoller(const ReadyPoller &) = delete;
	ReadyPoller &operator=(const ReadyPoller &) = delete;

	// Stops asking (idempotent) and says how many answers it had.
	uint64_t stop();

private:
	void run();

	std::vector<OBSSourceAutoRelease> sources_; // held from the constructor to the destructor
	std::atomic<bool> stopping_{false};
	std::atomic<uint64_t> answers_{0}; // written by the poller thread
	std::thread thread_;               // last: started once the members above exist
};

} // namespace render_host
