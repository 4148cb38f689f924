#include "connect/settings-json.hpp"

#include "core/utf8-path.hpp"

namespace livegifts::connect {

using json = nlohmann::json;

ConnectorSettings demoSettings(const std::filesystem::path &demoFile)
{
	ConnectorSettings settings;
	settings.kind = ConnectorKind::Replay;
	settings.replayFile = demoFile;
	settings.speed = 1.0;
	settings.loop = true;
	return settings;
}

json settingsToJson(const ConnectorSettings &s)
{
	return json{
	    {"kind", kindName(s.kind)},
	    {"url", s.url},
	    {"uniqueId", s.uniqueId},
	    {"apiKey", s.apiKey},
	    {"replayFile", pathToUtf8(s.replayFile)},
	    {"speed", s.speed},
	    {"loop", s.loop},
	    {"maxGapSeconds", s.maxGapSeconds},
	    {"recorderPath", pathToUtf8(s.recorderPath)},
	    {"recorderMaxBytes", s.recorderMaxBytes},
	    {"recorderKeepFiles", s.recorderKeepFiles},
	    {"handshakeTimeoutMs", s.handshakeTimeoutMs},
	    {"idleTimeoutMs", s.idleTimeoutMs},
	    {"backoffInitialMs", s.backoffInitialMs},
	    {"backoffMaxMs", s.backoffMaxMs},
	    {"slowRetryMs", s.slowRetryMs},
	    {"maxFrameBytes", s.maxFrameBytes},
	};
}

namespace {

template <typename T>
void take(const json &from, const char *key, T &into)
{
	const auto it = from.find(key);
	if (it == from.end() || it->is_null()) {
		return;
	}
	if constexpr (std::is_same_v<T, bool>) {
		if (it->is_boolean()) {
			into = it->get<bool>();
		}
	} else if constexpr (std::is_arithmetic_v<T>) {
		if (it->is_number()) {
			into = it->get<T>();
		}
	} else {
		if (it->is_string()) {
			into = it->get<std::string>();
		}
	}
}

void takePath(const json &from, const char *key, std::filesystem::path &into)
{
	std::string text;
	bool present = false;
	if (const auto it = from.find(key); it != from.end() && it->is_string()) {
		text = it->get<std::string>();
		present = true;
	}
	if (present) {
		into = pathFromUtf8(text);
	}
}

} // namespace

ConnectorSettings settingsFromJson(const json &from, ConnectorSettings s)
{
	if (!from.is_object()) {
		return s;
	}
	if (const auto it = from.find("kind"); it != from.end() && it->is_string()) {
		kindFromName(it->get<std::string>(), s.kind);
	}
	take(from, "url", s.url);
	take(from, "uniqueId", s.uniqueId);
	take(from, "apiKey", s.apiKey);
	takePath(from, "replayFile", s.replayFile);
	take(from, "speed", s.speed);
	take(from, "loop", s.loop);
	take(from, "maxGapSeconds", s.maxGapSeconds);
	takePath(from, "recorderPath", s.recorderPath);
	take(from, "recorderMaxBytes", s.recorderMaxBytes);
	take(from, "recorderKeepFiles", s.recorderKeepFiles);
	take(from, "handshakeTimeoutMs", s.handshakeTimeoutMs);
	take(from, "idleTimeoutMs", s.idleTimeoutMs);
	take(from, "backoffInitialMs", s.backoffInitialMs);
	take(from, "backoffMaxMs", s.backoffMaxMs);
	take(from, "slowRetryMs", s.slowRetryMs);
	take(from, "maxFrameBytes", s.maxFrameBytes);
	return s;
}

} // namespace livegifts::connect
