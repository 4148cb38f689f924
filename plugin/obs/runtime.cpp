#include "obs/runtime.hpp"

#include "obs/plugin-support.hpp"

#include <obs-module.h>
#include <util/bmem.h>
#include <util/platform.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace livegifts::obs {

namespace {

std::mutex instanceMutex;
std::unique_ptr<Runtime> instancePtr;

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

ConnectionConfig loadConnection(const std::string &path)
{
	ConnectionConfig config;
	if (path.empty() || !std::filesystem::exists(path)) {
		return config;
	}
	try {
		std::ifstream in(path);
		const nlohmann::json j = nlohmann::json::parse(in);
		config.kind = j.value("kind", config.kind);
		config.url = j.value("url", "");
		config.uniqueId = j.value("uniqueId", "");
		config.apiKey = j.value("apiKey", "");
		config.replayFile = j.value("replayFile", "");
		config.speed = j.value("speed", 1.0);
		config.record = j.value("record", false);
	} catch (const std::exception &e) {
		LG_LOG(LOG_WARNING, "connection settings %s unreadable (%s); using the demo stream", path.c_str(),
		       e.what());
		config = ConnectionConfig{};
	}
	return config;
}

void saveConnection(const std::string &path, const ConnectionConfig &config)
{
	if (path.empty()) {
		return;
	}
	const nlohmann::json j = {{"kind", config.kind},
				  {"url", config.url},
				  {"uniqueId", config.uniqueId},
				  {"apiKey", config.apiKey},
				  {"replayFile", config.replayFile},
				  {"speed", config.speed},
				  {"record", config.record}};
	const std::string dir = std::filesystem::path(path).parent_path().string();
	os_mkdirs(dir.c_str());
	if (!os_quick_write_utf8_file_safe(path.c_str(), j.dump(2).c_str(), j.dump(2).size(), false, "tmp", "bak")) {
		LG_LOG(LOG_WARNING, "cannot save connection settings to %s", path.c_str());
	}
}

const char *kindLabel(const std::string &kind)
{
	if (kind == "demo") {
		return "Demo stream";
	}
	if (kind == "replay") {
		return "Replay";
	}
	if (kind == "tikfinity") {
		return "TikFinity";
	}
	if (kind == "websocket-url") {
		return "WebSocket";
	}
	if (kind == "euler") {
		return "Euler Stream";
	}
	return "Off";
}

} // namespace

Runtime &Runtime::instance()
{
	std::lock_guard lock(instanceMutex);
	if (!instancePtr) {
		instancePtr = std::make_unique<Runtime>();
	}
	return *instancePtr;
}

void Runtime::shutdown()
{
	std::lock_guard lock(instanceMutex);
	instancePtr.reset();
}

Runtime::Runtime() : logger_(std::make_unique<ObsLogger>())
{
	connect::ImageFetcherSettings imageSettings;
	const std::string cache = configPath("image-cache");
	if (!cache.empty()) {
		imageSettings.cacheDir = cache;
	}
	images_ = std::make_unique<connect::ImageFetcher>(imageSettings, *logger_);

	EngineOptions demoOptions;
	demoOptions.logger = logger_.get();
	demoEngine_ = std::make_shared<Engine>(demoOptions);

	const ConnectionConfig initial = loadConnection(configPath("connection.json"));
	config_ = initial; // sources created before the control thread applies it already see it
	// The engine in use is known before any source can submit to it.
	engine_.store(engineFor(initial));
	control_ = std::thread([this] { controlLoop(); });
	post([this, initial] { applyConnection(initial); });
}

Runtime::~Runtime()
{
	{
		std::lock_guard lock(taskMutex_);
		stop_ = true;
	}
	taskWake_.notify_all();
	control_.join();
	std::unique_ptr<connect::Connector> connector;
	{
		std::lock_guard lock(mutex_);
		connector = std::move(connector_);
	}
	if (connector) {
		connector->stop();
	}
}

SnapshotPtr Runtime::snapshot() const
{
	return engine()->snapshot();
}

void Runtime::submitFrame(std::string frame)
{
	engine()->submitFrame(std::move(frame));
}

void Runtime::flush()
{
	engine()->flush();
}

ConnectionConfig Runtime::connection() const
{
	std::lock_guard lock(mutex_);
	return config_;
}

void Runtime::setConnection(const ConnectionConfig &config)
{
	post([this, config] {
		if (config == connection() && (connector_ || config.kind == "off")) {
			return;
		}
		applyConnection(config);
		saveConnection(configPath("connection.json"), config);
	});
}

std::string Runtime::statusLine() const
{
	std::lock_guard lock(mutex_);
	std::string line = kindLabel(config_.kind);
	if (connector_) {
		line += ": " + connect::describeStatus(connector_->status());
	}
	return line;
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

void Runtime::post(std::function<void()> task)
{
	{
		std::lock_guard lock(taskMutex_);
		tasks_.push_back(std::move(task));
	}
	taskWake_.notify_one();
}

void Runtime::controlLoop()
{
	for (;;) {
		std::function<void()> task;
		{
			std::unique_lock lock(taskMutex_);
			taskWake_.wait(lock, [this] { return stop_ || !tasks_.empty(); });
			if (stop_) {
				return;
			}
			task = std::move(tasks_.front());
			tasks_.pop_front();
		}
		guarded("runtime task", task);
	}
}

std::shared_ptr<Engine> Runtime::engineFor(const ConnectionConfig &config)
{
	// The demo counts in its own memory-only engine; everything else in the ledger-backed one.
	if (config.kind == "demo") {
		return demoEngine_;
	}
	if (!liveEngine_) {
		EngineOptions options;
		options.logger = logger_.get();
		options.ledgerPath = configPath("ledger.sqlite");
		if (!options.ledgerPath.empty()) {
			os_mkdirs(std::filesystem::path(options.ledgerPath).parent_path().string().c_str());
		}
		liveEngine_ = std::make_shared<Engine>(options);
	}
	return liveEngine_;
}

void Runtime::applyConnection(const ConnectionConfig &config)
{
	std::unique_ptr<connect::Connector> old;
	{
		std::lock_guard lock(mutex_);
		old = std::move(connector_);
		config_ = config;
	}
	if (old) {
		old->stop();
	}

	const bool demo = config.kind == "demo";
	std::shared_ptr<Engine> engine = engineFor(config);
	{
		std::lock_guard lock(mutex_);
		for (const auto &[id, spec] : goals_) {
			engine->setGoal(spec);
		}
	}
	engine_.store(engine);

	connect::ConnectorSettings settings;
	if (demo || config.kind == "replay") {
		settings.kind = connect::ConnectorKind::Replay;
		settings.replayFile = demo ? moduleFile("demo/demo-stream.jsonl") : config.replayFile;
		settings.loop = demo;
		settings.speed = config.speed;
	} else if (config.kind == "off" || !connect::kindFromName(config.kind, settings.kind)) {
		LG_LOG(LOG_INFO, "connection off");
		return;
	}
	settings.url = config.url;
	settings.uniqueId = config.uniqueId;
	settings.apiKey = config.apiKey;
	if (config.record) {
		settings.recorderPath = configPath("recordings/stream.jsonl");
		os_mkdirs(configPath("recordings").c_str());
	}
	auto connector = connect::makeConnector(
	    settings, [engine](connect::ReceivedFrame frame) { engine->submitParsed(std::move(frame.parsed)); },
	    *logger_);
	connector->start();
	LG_LOG(LOG_INFO, "connection: %s (%s)", kindLabel(config.kind), connect::maskedUrl(settings).c_str());
	std::lock_guard lock(mutex_);
	connector_ = std::move(connector);
}

} // namespace livegifts::obs
