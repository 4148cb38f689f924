#pragma once

// Connection settings as JSON, for the module's config folder (one engine, one connector per OBS process).
// Unknown keys are ignored and missing ones keep the given defaults, so older and newer files both load.

#include <filesystem>

#include <nlohmann/json.hpp>

#include "connect/connector.hpp"

namespace livegifts::connect {

// What a fresh install runs: the bundled demo stream, in real time, looping.
ConnectorSettings demoSettings(const std::filesystem::path &demoFile);

nlohmann::json settingsToJson(const ConnectorSettings &settings);
ConnectorSettings settingsFromJson(const nlohmann::json &json, ConnectorSettings defaults = {});

} // namespace livegifts::connect
