#include "obs/sources/connection-properties.hpp"

#include "obs/plugin-support.hpp"
#include "obs/runtime.hpp"
#include "obs/sources/settings-util.hpp"

#include <algorithm>
#include <cstddef>

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

namespace {

constexpr const char *kFieldKeys[] = {"connection_kind",    "connection_url",         "connection_unique_id",
				      "connection_api_key", "connection_replay_file", "connection_speed",
				      "connection_record"};
constexpr std::size_t kKnownMax = 8;

// The connection fields of the settings; nothing when the settings carry none (a new source, or one saved
// without them): only a dialog or automation puts them there.
std::optional<connect::ConnectionSettings> readFields(obs_data_t *settings)
{
	if (!obs_data_has_user_value(settings, "connection_kind")) {
		return std::nullopt;
	}
	connect::ConnectionSettings values;
	values.kind = getString(settings, "connection_kind");
	values.url = getString(settings, "connection_url");
	values.uniqueId = getString(settings, "connection_unique_id");
	values.apiKey = getString(settings, "connection_api_key");
	values.replayFile = getString(settings, "connection_replay_file");
	values.speed = obs_data_get_double(settings, "connection_speed");
	values.record = obs_data_get_bool(settings, "connection_record");
	return values;
}

void writeFields(obs_data_t *settings, const connect::ConnectionSettings &values)
{
	obs_data_set_string(settings, "connection_kind", values.kind.c_str());
	obs_data_set_string(settings, "connection_url", values.url.c_str());
	obs_data_set_string(settings, "connection_unique_id", values.uniqueId.c_str());
	obs_data_set_string(settings, "connection_api_key", values.apiKey.c_str());
	obs_data_set_string(settings, "connection_replay_file", values.replayFile.c_str());
	obs_data_set_double(settings, "connection_speed", values.speed);
	obs_data_set_bool(settings, "connection_record", values.record);
}

} // namespace

void ConnectionFields::remember(const connect::ConnectionSettings &values)
{
	if (std::find(known_.begin(), known_.end(), values) != known_.end()) {
		return;
	}
	if (known_.size() >= kKnownMax) {
		known_.erase(known_.begin());
	}
	known_.push_back(values);
}

void ConnectionFields::saw(obs_data_t *settings)
{
	const auto values = readFields(settings);
	if (values) {
		std::lock_guard lock(mutex_);
		remember(*values);
	}
}

void ConnectionFields::show(obs_data_t *settings)
{
	const connect::ConnectionSettings current = Runtime::instance().connection();
	writeFields(settings, current);
	std::lock_guard lock(mutex_);
	remember(current);
}

void ConnectionFields::update(obs_data_t *settings)
{
	const auto values = readFields(settings);
	if (!values) {
		return;
	}
	{
		std::lock_guard lock(mutex_);
		// Values this source showed or saw are no edit (a look change, Cancel restoring older settings,
		// stale keys of a duplicate or an old scene collection). With nothing shown or seen yet there is
		// nothing the user could have edited.
		const bool known = std::find(known_.begin(), known_.end(), *values) != known_.end();
		if (known || known_.empty()) {
			remember(*values);
			return;
		}
		known_.assign(1, *values);
	}
	Runtime::instance().setConnection(*values);
}

void ConnectionFields::strip(obs_data_t *settings)
{
	for (const char *key : kFieldKeys) {
		obs_data_erase(settings, key);
	}
}

} // namespace livegifts::obs
