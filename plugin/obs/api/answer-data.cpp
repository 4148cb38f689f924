#include "obs/api/answer-data.hpp"

#include "core/utf8.hpp"

#include <climits>
#include <string>

namespace livegifts::obs::api {

namespace {

// `text` as valid UTF-8 (repaired only when it is not).
std::string validText(const std::string &text)
{
	return isValidUtf8(text) ? text : repairUtf8(text);
}

obs_data_array_t *arrayOf(const nlohmann::json &array)
{
	obs_data_array_t *out = obs_data_array_create();
	for (const nlohmann::json &element : array) {
		if (!element.is_object()) {
			continue;
		}
		obs_data_t *item = obs_data_create();
		writeAnswer(item, element);
		obs_data_array_push_back(out, item);
		obs_data_release(item);
	}
	return out;
}

} // namespace

void writeAnswer(obs_data_t *out, const nlohmann::json &object)
{
	if (!object.is_object()) {
		return;
	}
	for (auto it = object.begin(); it != object.end(); ++it) {
		const std::string key = validText(it.key());
		const nlohmann::json &value = it.value();
		switch (value.type()) {
		case nlohmann::json::value_t::string:
			obs_data_set_string(out, key.c_str(), validText(value.get_ref<const std::string &>()).c_str());
			break;
		case nlohmann::json::value_t::boolean:
			obs_data_set_bool(out, key.c_str(), value.get<bool>());
			break;
		case nlohmann::json::value_t::number_integer:
			obs_data_set_int(out, key.c_str(), value.get<long long>());
			break;
		case nlohmann::json::value_t::number_unsigned:
			// OBS settings hold signed 64-bit integers: a larger one is kept as a double, as jansson read
			// it.
			if (value.get<unsigned long long>() > static_cast<unsigned long long>(LLONG_MAX)) {
				obs_data_set_double(out, key.c_str(), value.get<double>());
			} else {
				obs_data_set_int(out, key.c_str(), value.get<long long>());
			}
			break;
		case nlohmann::json::value_t::number_float:
			obs_data_set_double(out, key.c_str(), value.get<double>());
			break;
		case nlohmann::json::value_t::object: {
			obs_data_t *child = obs_data_create();
			writeAnswer(child, value);
			obs_data_set_obj(out, key.c_str(), child);
			obs_data_release(child);
			break;
		}
		case nlohmann::json::value_t::array: {
			obs_data_array_t *array = arrayOf(value);
			obs_data_set_array(out, key.c_str(), array);
			obs_data_array_release(array);
			break;
		}
		default:
			break; // null, binary: nothing OBS settings hold
		}
	}
}

} // namespace livegifts::obs::api
