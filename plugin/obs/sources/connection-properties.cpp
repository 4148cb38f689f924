#include "obs/sources/connection-properties.hpp"

#include "obs/plugin-support.hpp"
#include "obs/runtime.hpp"
#include "obs/sources/settings-util.hpp"

namespace livegifts::obs {

namespace {

bool kindModified(obs_properties_t *props, obs_property_t *, obs_data_t *settings)
{
	const std::string kind = getString(settings, "connection_kind");
	const bool websocket = kind == "websocket-url" || kind == "tikfinity";
	obs_property_set_visible(obs_properties_get(props, "connection_url"), websocket);
	obs_property_set_visible(obs_properties_get(props, "connection_unique_id"), kind == "euler");
	obs_property_set_visible(obs_properties_get(props, "connection_api_key"), kind == "euler");
	obs_property_set_visible(obs_properties_get(props, "connection_replay_file"), kind == "replay");
	obs_property_set_visible(obs_properties_get(props, "connection_speed"), kind == "replay" || kind == "demo");
	return true;
}

} // namespace

void addConnectionProperties(obs_properties_t *props)
{
	obs_properties_t *group = obs_properties_create();
	obs_property_t *kind = obs_properties_add_list(group, "connection_kind", text("LiveGifts.Connection.Kind"),
						       OBS_COMBO_TYPE_LIST, OBS_COMBO_FORMAT_STRING);
	obs_property_list_add_string(kind, text("LiveGifts.Connection.Demo"), "demo");
	obs_property_list_add_string(kind, text("LiveGifts.Connection.TikFinity"), "tikfinity");
	obs_property_list_add_string(kind, text("LiveGifts.Connection.WebSocket"), "websocket-url");
	obs_property_list_add_string(kind, text("LiveGifts.Connection.Euler"), "euler");
	obs_property_list_add_string(kind, text("LiveGifts.Connection.Replay"), "replay");
	obs_property_list_add_string(kind, text("LiveGifts.Connection.Off"), "off");
	obs_property_set_modified_callback(kind, kindModified);
	obs_properties_add_text(group, "connection_url", text("LiveGifts.Connection.Url"), OBS_TEXT_DEFAULT);
	obs_properties_add_text(group, "connection_unique_id", text("LiveGifts.Connection.UniqueId"), OBS_TEXT_DEFAULT);
	obs_properties_add_text(group, "connection_api_key", text("LiveGifts.Connection.ApiKey"), OBS_TEXT_PASSWORD);
	obs_properties_add_path(group, "connection_replay_file", text("LiveGifts.Connection.ReplayFile"), OBS_PATH_FILE,
				"JSONL (*.jsonl);;All files (*)", nullptr);
	obs_properties_add_float_slider(group, "connection_speed", text("LiveGifts.Connection.Speed"), 0.25, 20.0,
					0.25);
	obs_properties_add_bool(group, "connection_record", text("LiveGifts.Connection.Record"));
	const std::string status = Runtime::instance().statusLine();
	obs_properties_add_text(group, "connection_status", status.c_str(), OBS_TEXT_INFO);
	obs_properties_add_group(props, "connection", text("LiveGifts.Connection"), OBS_GROUP_NORMAL, group);
}

void setConnectionDefaults(obs_data_t *settings)
{
	obs_data_set_default_string(settings, "connection_kind", "demo");
	obs_data_set_default_double(settings, "connection_speed", 1.0);
}

void loadConnectionIntoSettings(obs_data_t *settings)
{
	const ConnectionConfig config = Runtime::instance().connection();
	obs_data_set_string(settings, "connection_kind", config.kind.c_str());
	obs_data_set_string(settings, "connection_url", config.url.c_str());
	obs_data_set_string(settings, "connection_unique_id", config.uniqueId.c_str());
	obs_data_set_string(settings, "connection_api_key", config.apiKey.c_str());
	obs_data_set_string(settings, "connection_replay_file", config.replayFile.c_str());
	obs_data_set_double(settings, "connection_speed", config.speed);
	obs_data_set_bool(settings, "connection_record", config.record);
}

void applyConnectionFromSettings(obs_data_t *settings)
{
	ConnectionConfig config;
	config.kind = getString(settings, "connection_kind");
	config.url = getString(settings, "connection_url");
	config.uniqueId = getString(settings, "connection_unique_id");
	config.apiKey = getString(settings, "connection_api_key");
	config.replayFile = getString(settings, "connection_replay_file");
	config.speed = obs_data_get_double(settings, "connection_speed");
	config.record = obs_data_get_bool(settings, "connection_record");
	Runtime &runtime = Runtime::instance();
	if (!(config == runtime.connection())) {
		runtime.setConnection(config);
	}
}

} // namespace livegifts::obs
