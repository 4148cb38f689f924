#include "obs/runtime.hpp"

#include "obs/module-singleton.hpp"
#include "obs/plugin-support.hpp"

#include <obs-module.h>
#include <util/bmem.h>
#include <util/platform.h>

#include "core/private-files.hpp"
#include "core/summary.hpp"
#include "core/utf8-path.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <random>
#include <sstream>

namespace livegifts::obs {

namespace {

ModuleSingleton<Runtime> runtime;

// A path in the module's config folder, or empty when OBS gives none (a bare libobs host).
std::string configPath(const char *file)
{
	char *path = obs_module_config_path(file);
	std::string result = path ? path : "";
	bfree(path);
	return result;
}

std::string moduleFile(const char *file)
{
	char *path = obs_module_file(file);
	std::string result = path ? path : "";
	bfree(path);
	return result;
}

std::int64_t wallClockMs()
{
	using namespace std::chrono;
	return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace

void Runtime::ifAlive(const std::function<void(Runtime &)> &act)
{
	runtime.ifAlive(act);
}

Runtime &Runtime::instance()
{
	// Found without a lock once created: the video thread never waits for a runtime being created.
	return runtime.get();
}

Runtime::Lease Runtime::lease()
{
	return runtime.lease();
}

void Runtime::shutdown()
{
	runtime.reset();
}

Runtime::Runtime()
    : obsLogger_(std::make_unique<ObsLogger>()), logger_(std::make_unique<RateLimitedLogger>(*obsLogger_)),
      store_(pathFromUtf8(configPath("connection.json")), *logger_)
{
	connect::ImageFetcherSettings imageSettings;
	const std::string cache = configPath("image-cache");
	if (!cache.empty()) {
		imageSettings.cacheDir = pathFromUtf8(cache);
	}
	images_ = std::make_unique<connect::ImageFetcher>(imageSettings, *logger_);

	EngineOptions demoOptions;
	demoOptions.logger = logger_.get();
	demoOptions.onPublish = [this] { notifyPublished(); };
	demoEngine_ = std::make_shared<Engine>(demoOptions);

	store_.load();
	// The engine in use is known before any source can submit to it.
	engine_.store(engineFor(store_.settings()));
	control_ = std::thread([this] { controlLoop(); });
	post([this] { applyNewest(true); });
	LG_LOG(LOG_INFO, "runtime started");
}

Runtime::~Runtime()
{
	{
		// The engines publish until they stop, when the members go: from here on they call no listener,
		// and no listener sees anything being torn down.
		std::lock_guard lock(notifyMutex_);
		closing_ = true;
	}
	tasks_.close();
	control_.join();
	std::shared_ptr<connect::Connector> connector;
	{
		std::lock_guard lock(mutex_);
		connector = std::move(connector_);
	}
	if (connector) {
		connector->stop();
	}
	store_.save(); // a change the control thread had no turn left to write
	// The engines finish here, on this thread, while the logger and everything else they use still exist:
	// a thread still holding one (a snapshot() or flush() in progress) would otherwise end it, with its last
	// ledger write and log lines, after those members are gone. Later calls on them do nothing.
	for (const std::shared_ptr<Engine> &engine : {demoEngine_, liveEngine_}) {
		if (engine) {
			engine->close();
		}
	}
}

SnapshotPtr Runtime::snapshot() const
{
	return engine()->snapshot();
}

namespace {

// The publish listeners, kept apart from the runtime so that a source adds and removes its own without
// Runtime::instance() (which would wait for, or even re-create, a runtime going away at module unload).
struct PublishListeners {
	std::mutex mutex; // held while listeners are called, added or removed; never by the video thread
	std::vector<std::pair<const void *, Runtime::PublishListener>> entries;
};

PublishListeners &publishListeners()
{
	// Never destroyed: a module singleton made before it (the rules) may still leave it from its destructor when
	// the process exits without unloading the module.
	static PublishListeners *const listeners = new PublishListeners;
	return *listeners;
}

} // namespace

void Runtime::addPublishListener(const void *owner, PublishListener listener)
{
	PublishListeners &listeners = publishListeners();
	std::lock_guard lock(listeners.mutex);
	listeners.entries.emplace_back(owner, std::move(listener));
}

void Runtime::removePublishListener(const void *owner)
{
	PublishListeners &listeners = publishListeners();
	std::lock_guard lock(listeners.mutex);
	std::erase_if(listeners.entries, [owner](const auto &entry) { return entry.first == owner; });
}

void Runtime::notifyPublished()
{
	std::lock_guard lock(notifyMutex_);
	if (closing_) {
		return;
	}
	const std::shared_ptr<Engine> inUse = engine(); // null while the runtime is being made
	if (!inUse) {
		return;
	}
	const SnapshotPtr current = inUse->snapshot();
	PublishListeners &listeners = publishListeners();
	std::lock_guard listenersLock(listeners.mutex);
	for (const auto &entry : listeners.entries) {
		entry.second(current, *images_);
	}
}

void Runtime::submitFrame(std::string frame)
{
	engine()->submitFrame(std::move(frame));
}

void Runtime::flush()
{
	engine()->flush();
}

void Runtime::setConnection(const connect::ConnectionSettings &settings)
{
	if (store_.set(settings)) {
		post([this] { applyNewest(false); });
	}
}

std::string Runtime::describeConnection() const
{
	const connect::ConnectionStore::Current current = store_.current();
	std::uint64_t applied = 0;
	std::uint64_t connects = 0;
	{
		std::lock_guard lock(mutex_);
		applied = appliedRevision_;
		connects = connects_;
	}
	const nlohmann::json description = {{"connection", connect::connectionToJson(current.settings, true)},
					    {"revision", current.revision},
					    {"applied", applied},
					    {"connects", connects},
					    {"status", statusLine()}};
	return description.dump();
}

std::string Runtime::statusLine() const
{
	std::shared_ptr<connect::Connector> connector;
	{
		std::lock_guard lock(mutex_);
		connector = connector_;
	}
	std::string line = kindLogName(store_.settings().kind);
	if (connector) {
		line += ": " + connect::describeStatus(connector->status());
	}
	return line;
}

LiveStatus Runtime::liveStatus() const
{
	std::shared_ptr<connect::Connector> connector;
	LiveStatus live;
	{
		std::lock_guard lock(mutex_);
		connector = connector_;
		live.disconnected = disconnected_ && !connector;
		if (live.disconnected) {
			// What the connection received before Disconnect stays shown until the next one starts.
			live.framesReceived = framesBeforeDisconnect_;
		}
	}
	live.kind = store_.settings().kind;
	if (!connector) {
		live.lastFrameMs = live.framesReceived > 0 ? lastFrameMs_.load() : 0;
		return live;
	}
	fillLiveStatus(connector->status(), lastFrameMs_.load(), live);
	return live;
}

void Runtime::reconnect()
{
	post([this] {
		{
			std::lock_guard lock(mutex_);
			disconnected_ = false;
		}
		LG_LOG(LOG_INFO, "reconnect asked");
		applyNewest(true);
	});
}

void Runtime::disconnect()
{
	post([this] {
		std::shared_ptr<connect::Connector> old;
		{
			std::lock_guard lock(mutex_);
			old = std::move(connector_);
			disconnected_ = true;
		}
		if (old) {
			// Read outside mutex_, before the stop (which may wait for a close handshake) and after it.
			const auto keepFrames = [&] {
				const std::uint64_t frames = old->status().framesReceived;
				std::lock_guard lock(mutex_);
				framesBeforeDisconnect_ = frames;
			};
			keepFrames();
			old->stop();
			keepFrames();
		}
		LG_LOG(LOG_INFO, "disconnected by hand");
	});
}

void Runtime::startStream()
{
	engine()->startStream();
}

void Runtime::endStream()
{
	engine()->endStream();
}

std::string Runtime::ledgerPath() const
{
	std::lock_guard lock(mutex_);
	return ledgerPath_;
}

void Runtime::exportSupportersCsv(std::string path, std::function<void(std::string error)> done)
{
	post([this, path = std::move(path), done = std::move(done)] {
		std::string error;
		{
			std::ofstream out(pathFromUtf8(path), std::ios::binary | std::ios::trunc);
			if (out) {
				writeSupportersCsvFile(*engine(), out, SummaryScope::Stream);
			}
			out.close();
			if (!out) {
				error = "cannot write " + path;
			}
		}
		LG_LOG(error.empty() ? LOG_INFO : LOG_WARNING, "supporters CSV: %s",
		       error.empty() ? path.c_str() : error.c_str());
		done(error);
	});
}

void Runtime::setGoal(const GoalSpec &spec)
{
	{
		std::lock_guard lock(mutex_);
		auto found = goals_.find(spec.id);
		if (found != goals_.end() && found->second == spec) {
			return;
		}
		goals_[spec.id] = spec;
	}
	engine()->setGoal(spec);
}

void Runtime::removeGoal(const std::string &id)
{
	{
		std::lock_guard lock(mutex_);
		goals_.erase(id);
	}
	engine()->removeGoal(id);
}

void Runtime::resetGoal(const std::string &id)
{
	engine()->resetGoal(id);
}

void Runtime::resetSupporters()
{
	engine()->resetSupporters();
}

void Runtime::sendTestEvent(TestEventKind kind)
{
	std::uint64_t number = 0;
	{
		std::lock_guard lock(mutex_);
		number = ++testNumber_;
	}
	std::vector<TestStep> steps = testEventSteps(kind, text("LiveGifts.Alerts.TestName"), number);
	post([this, steps = std::move(steps)]() mutable {
		const TimePoint now = std::chrono::steady_clock::now();
		for (TestStep &step : steps) {
			dueTests_.emplace(now + std::chrono::milliseconds(step.delayMs), std::move(step.entry));
		}
		runDueTests();
	});
}

void Runtime::runDueTests()
{
	const TimePoint now = std::chrono::steady_clock::now();
	while (!dueTests_.empty() && dueTests_.begin()->first <= now) {
		engine()->showTest(std::move(dueTests_.begin()->second));
		dueTests_.erase(dueTests_.begin());
	}
}

void Runtime::adjustGoal(const std::string &id, std::int64_t delta)
{
	engine()->adjustGoal(id, delta);
}

void Runtime::undoGoalReset(const std::string &id)
{
	engine()->undoGoalReset(id);
}

std::string Runtime::claimGoal(const void *owner, const std::string &wanted)
{
	// A fresh id in case it is needed, made before the lock (the random device may read a file).
	std::ostringstream fresh;
	{
		std::random_device random;
		fresh << "goal-" << std::hex << random() << random();
	}
	std::lock_guard lock(mutex_);
	for (auto it = goalOwners_.begin(); it != goalOwners_.end();) {
		// One id per owner: a claim replaces what the owner held before.
		it = it->second == owner && it->first != wanted ? goalOwners_.erase(it) : std::next(it);
	}
	std::string id = wanted;
	const auto found = goalOwners_.find(id);
	if (id.empty() || (found != goalOwners_.end() && found->second != owner)) {
		id = fresh.str();
		for (int n = 2; goalOwners_.count(id) != 0; ++n) {
			id = fresh.str() + "-" + std::to_string(n);
		}
	}
	goalOwners_[id] = owner;
	return id;
}

void Runtime::releaseGoal(const void *owner)
{
	std::string id;
	{
		std::lock_guard lock(mutex_);
		for (auto it = goalOwners_.begin(); it != goalOwners_.end(); ++it) {
			if (it->second == owner) {
				id = it->first;
				goalOwners_.erase(it);
				break;
			}
		}
		if (id.empty()) {
			return;
		}
		goals_.erase(id);
	}
	engine()->removeGoal(id);
}

void Runtime::post(std::function<void()> task)
{
	tasks_.push(std::move(task));
}

void Runtime::controlLoop()
{
	// Every task runs guarded: an exception is logged and the loop goes on with the next one.
	// Test entries due later wake the loop at their time.
	for (;;) {
		std::optional<std::function<void()>> task =
		    dueTests_.empty() ? tasks_.pop() : tasks_.popUntil(dueTests_.begin()->first);
		if (task) {
			guarded("runtime task", *task);
		} else if (tasks_.closed()) {
			break;
		}
		guarded("test events", [this] { runDueTests(); });
	}
	LG_LOG(LOG_DEBUG, "runtime control thread stopped");
}

void Runtime::applyNewest(bool force)
{
	const connect::ConnectionStore::Current current = store_.current();
	std::uint64_t applied = 0;
	{
		std::lock_guard lock(mutex_);
		applied = appliedRevision_;
	}
	if (force || current.revision != applied) {
		applyConnection(current.settings, force);
		std::lock_guard lock(mutex_);
		appliedRevision_ = current.revision;
	}
	store_.save();
}

std::shared_ptr<Engine> Runtime::engineFor(const connect::ConnectionSettings &config)
{
	// The demo counts in its own memory-only engine; everything else in the ledger-backed one.
	if (config.kind == "demo") {
		return demoEngine_;
	}
	if (!liveEngine_) {
		EngineOptions options;
		options.logger = logger_.get();
		options.ledgerPath = configPath("ledger.sqlite");
		options.onPublish = [this] { notifyPublished(); };
		std::string error;
		if (!options.ledgerPath.empty() && !makePrivateFolders(pathFromUtf8(options.ledgerPath).parent_path(),
								       ExistingFolder::Restrict, error)) {
			logger_->log(LogLevel::Warning, "ledger folder: " + error);
		}
		liveEngine_ = std::make_shared<Engine>(options);
	}
	return liveEngine_;
}

void Runtime::applyRecording(bool record)
{
	if (!record) {
		if (recorder_.load()) {
			LG_LOG(LOG_INFO, "recording stopped");
		}
		recorder_.store(nullptr);
		return;
	}
	if (recorder_.load()) {
		return;
	}
	std::string error;
	if (!makePrivateFolders(pathFromUtf8(configPath("recordings")), ExistingFolder::Restrict, error)) {
		logger_->log(LogLevel::Warning, "recordings folder: " + error);
	}
	const connect::ConnectorSettings defaults;
	recorder_.store(std::make_shared<connect::Recorder>(pathFromUtf8(configPath("recordings/stream.jsonl")),
							    defaults.recorderMaxBytes, defaults.recorderKeepFiles,
							    *logger_));
	LG_LOG(LOG_INFO, "recording every frame to recordings/stream.jsonl");
}

void Runtime::applyConnection(const connect::ConnectionSettings &config, bool force)
{
	// Only "Record every event" changed: the connection goes on (a reconnect would start the demo stream over,
	// its repeated events dropped as duplicates, and drop a live connection for nothing).
	connect::ConnectionSettings sameRecord = config;
	sameRecord.record = applied_ ? applied_->record : config.record;
	const bool running = [this] {
		std::lock_guard lock(mutex_);
		return connector_ != nullptr;
	}();
	if (!force && applied_ && *applied_ == sameRecord && running) {
		applyRecording(config.record);
		applied_ = config;
		return;
	}
	applied_ = config;
	applyRecording(config.record);
	std::shared_ptr<connect::Connector> old;
	{
		std::lock_guard lock(mutex_);
		old = std::move(connector_);
	}
	if (old) {
		old->stop();
	}

	std::shared_ptr<Engine> engine = engineFor(config);
	{
		std::lock_guard lock(mutex_);
		ledgerPath_ = config.kind == "demo" ? std::string() : engine->options().ledgerPath;
		disconnected_ = false;
	}
	lastFrameMs_.store(0);
	// The engine goes in use first, then the goals are copied into it: a goal set meanwhile either is in
	// the copy or reaches the new engine through engine().
	engine_.store(engine);
	std::map<std::string, GoalSpec> goals;
	{
		std::lock_guard lock(mutex_);
		goals = goals_;
	}
	for (const auto &[id, spec] : goals) {
		engine->setGoal(spec);
	}

	connect::ConnectorSettings settings;
	if (!connect::connectorSettingsFor(config, pathFromUtf8(moduleFile("demo/demo-stream.jsonl")), settings)) {
		LG_LOG(LOG_INFO, "connection off");
		return;
	}
	std::shared_ptr<connect::Connector> connector = connect::makeConnector(
	    settings,
	    [engine, last = &lastFrameMs_, recorder = &recorder_](connect::ReceivedFrame frame) {
		    last->store(wallClockMs());
		    if (const std::shared_ptr<connect::Recorder> to = recorder->load()) {
			    to->write(frame.text);
		    }
		    engine->submitParsed(std::move(frame.parsed));
	    },
	    *logger_);
	connector->start();
	const std::string target = connect::maskedUrl(settings);
	const std::string where = target.empty() ? std::string() : " (" + target + ")";
	LG_LOG(LOG_INFO, "connection: %s%s", kindLogName(config.kind), where.c_str());
	std::lock_guard lock(mutex_);
	connector_ = std::move(connector);
	++connects_;
}

} // namespace livegifts::obs
