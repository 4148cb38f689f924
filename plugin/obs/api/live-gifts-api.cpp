#include "obs/api/live-gifts-api.hpp"

#include "obs/api/answer-data.hpp"
#include "obs/api/goal-change.hpp"
#include "obs/api/vendor-api.hpp"
#include "obs/api/vendor-events.hpp"
#include "obs/api/vendor-requests.hpp"
#include "obs/plugin-support.hpp"
#include "obs/runtime.hpp"

#include <obs-frontend-api.h>
#include <obs.hpp>

#include <atomic>
#include <exception>
#include <string>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace livegifts::obs::api {

namespace {

constexpr const char *kVendorName = "live-gifts";
constexpr auto kEventPoll = std::chrono::milliseconds(100);

using Handler = Json (*)(const Json &);

// The event thread: reads the engine's published snapshots (never waits for the engine) and emits what
// changed. Started and stopped on the UI thread.
class EventThread {
public:
	explicit EventThread(WebsocketVendor &vendor) : vendor_(vendor), thread_([this] { run(); }) {}
	~EventThread()
	{
		{
			std::lock_guard lock(mutex_);
			stop_ = true;
		}
		wake_.notify_all();
		thread_.join();
	}
	EventThread(const EventThread &) = delete;
	EventThread &operator=(const EventThread &) = delete;

private:
	void run()
	{
		// Created here, off obs-websocket's and the UI thread: creating it reads files.
		Runtime *runtime =
		    guarded("api runtime", static_cast<Runtime *>(nullptr), [] { return &Runtime::instance(); });
		if (runtime == nullptr) {
			return;
		}
		EventDiff diff;
		std::uint64_t version = 0;
		bool first = true;
		std::unique_lock lock(mutex_);
		while (!wake_.wait_for(lock, kEventPoll, [this] { return stop_; })) {
			lock.unlock();
			guarded("api events", [&] {
				const SnapshotPtr snapshot = runtime->snapshot();
				if (!first && snapshot->version == version) {
					return;
				}
				first = false;
				version = snapshot->version;
				for (const VendorEvent &event : diff.next(*snapshot)) {
					OBSDataAutoRelease data(obs_data_create_from_json(event.data.dump().c_str()));
					vendor_.emit(event.type.c_str(), data);
				}
			});
			lock.lock();
		}
	}

	WebsocketVendor &vendor_;
	std::mutex mutex_;             // guards stop_
	std::condition_variable wake_; // stop_ set
	bool stop_ = false;
	std::thread thread_; // last: started once everything above exists
};

// UI thread only (post-load, frontend exit, unload).
std::unique_ptr<WebsocketVendor> vendor;
std::unique_ptr<EventThread> events;
// Set once the requests may run; obs-websocket's threads read it.
std::atomic<bool> serving{false};
bool exitWatched = false; // UI thread
// Requests running now (obs-websocket's threads). obs-websocket calls a request without holding anything its
// unregistering waits for: stopApi waits for these before the module goes on unloading.
std::atomic<int> running{0};
constexpr auto kRunningWait = std::chrono::seconds(5);

// Counts one request as running for its whole call, the writing of its answer too.
class RunningRequest {
public:
	RunningRequest() { running.fetch_add(1, std::memory_order_seq_cst); }
	~RunningRequest() { running.fetch_sub(1, std::memory_order_seq_cst); }
	RunningRequest(const RunningRequest &) = delete;
	RunningRequest &operator=(const RunningRequest &) = delete;
};

// The answer to one request: whatever goes wrong inside, an answer with "ok" (a failure is logged, rate-limited:
// a client can repeat a request at will).
template <Handler handler>
Json answerOf(obs_data_t *request)
{
	try {
		if (!serving.load(std::memory_order_seq_cst)) {
			return refuse("not-ready", "LiveGifts.Api.NotReady");
		}
		const char *text = request ? obs_data_get_json(request) : nullptr;
		const Json in = text ? Json::parse(text, nullptr, false) : Json::object();
		if (!in.is_object()) {
			return refuse("bad-request", "LiveGifts.Api.BadRequest");
		}
		// A title or name beyond the bounds a frame's fields keep is refused before anything reads it.
		if (overlongField(in) != nullptr) {
			return refuse("too-long", "LiveGifts.Api.TooLong");
		}
		return handler(in);
	} catch (const std::exception &e) {
		limitedLog().log(LogLevel::Error, std::string("api request failed: ") + e.what());
	} catch (...) {
		limitedLog().log(LogLevel::Error, "api request failed: unknown exception");
	}
	return refuse("internal", "LiveGifts.Api.Internal");
}

template <Handler handler>
void onRequest(obs_data_t *request, obs_data_t *response, void *)
{
	// Counted before `serving` is read (both sequentially consistent): stopApi either waits for this request
	// or this request sees it stopped.
	const RunningRequest counted;
	guarded("api request", [&] {
		// Written into the response directly: no text, no parse by OBS, no copy (answer-data.hpp).
		writeAnswer(response, answerOf<handler>(request));
	});
}

void onFrontendEvent(enum obs_frontend_event event, void *)
{
	if (event == OBS_FRONTEND_EVENT_EXIT) {
		guarded("api exit", [] { stopApi(true); });
	}
}

} // namespace

void startApi()
{
	vendor = WebsocketVendor::registerVendor(kVendorName);
	if (!vendor) {
		LG_LOG(LOG_INFO, "obs-websocket not available: the '%s' vendor API is off", kVendorName);
		return;
	}
	const struct {
		const char *type;
		VendorRequestFn fn;
	} requests[] = {
	    {"PushEvent", onRequest<pushEvent>},     {"GetSummary", onRequest<getSummary>},
	    {"SetGoal", onRequest<setGoal>},         {"ResetGoal", onRequest<resetGoal>},
	    {"TestAlert", onRequest<testAlert>},     {"SkipAlert", onRequest<skipAlert>},
	    {"PauseAlerts", onRequest<pauseAlerts>}, {"ResumeAlerts", onRequest<resumeAlerts>},
	    {"StartVersus", onRequest<startVersus>}, {"StopVersus", onRequest<stopVersus>},
	    {"ResetVersus", onRequest<resetVersus>},
	};
	for (const auto &request : requests) {
		if (!vendor->addRequest(request.type, request.fn, nullptr)) {
			LG_LOG(LOG_WARNING, "obs-websocket refused the request %s", request.type);
		}
	}
	events = std::make_unique<EventThread>(*vendor);
	serving = true;
	obs_frontend_add_event_callback(onFrontendEvent, nullptr);
	exitWatched = true;
	LG_LOG(LOG_INFO, "obs-websocket vendor '%s' registered (API version %lld)", kVendorName, vendor->apiVersion());
}

void stopApi(bool websocketLoaded)
{
	serving.store(false, std::memory_order_seq_cst);
	// Requests already running finish (they never wait on I/O or on this thread); later ones answer not-ready.
	const auto until = std::chrono::steady_clock::now() + kRunningWait;
	while (running.load(std::memory_order_seq_cst) > 0 && std::chrono::steady_clock::now() < until) {
		std::this_thread::sleep_for(std::chrono::milliseconds(1));
	}
	if (running.load() > 0) {
		LG_LOG(LOG_WARNING, "obs-websocket requests still running %lld s after the API stopped",
		       static_cast<long long>(kRunningWait.count()));
	}
	events.reset();
	if (vendor && !websocketLoaded) {
		vendor->forget(); // obs-websocket may be gone: no call into it
	}
	const bool unregistering = vendor && websocketLoaded;
	vendor.reset(); // unregisters the requests (unless forgotten)
	if (unregistering) {
		LG_LOG(LOG_INFO, "obs-websocket vendor '%s': requests unregistered", kVendorName);
	}
	if (!websocketLoaded && exitWatched) {
		obs_frontend_remove_event_callback(onFrontendEvent, nullptr);
		exitWatched = false;
	}
}

} // namespace livegifts::obs::api
