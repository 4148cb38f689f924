#include "obs/sources/settings-util.hpp"

#include <obs-module.h>
#include <obs.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace livegifts::obs {

long long getInt(obs_data_t *settings, const char *name)
{
	obs_data_item_t *item = obs_data_item_byname(settings, name);
	const bool fraction = item != nullptr && obs_data_item_numtype(item) == OBS_DATA_NUM_DOUBLE;
	obs_data_item_release(&item);
	if (!fraction) {
		return obs_data_get_int(settings, name);
	}
	const double value = obs_data_get_double(settings, name);
	constexpr double limit = 9.2e18; // below 2^63, so the cast below is defined
	if (std::isnan(value)) {
		return 0;
	}
	return static_cast<long long>(std::clamp(value, -limit, limit));
}

FontSpec getFont(obs_data_t *settings, const char *name)
{
	FontSpec spec;
	obs_data_t *font = obs_data_get_obj(settings, name);
	if (!font) {
		return spec;
	}
	const std::string face = getString(font, "face");
	if (!face.empty()) {
		spec.family = face;
	}
	spec.style = getString(font, "style");
	const long long size = getInt(font, "size");
	if (size > 0) {
		spec.pixelSize = static_cast<int>(std::min<long long>(size, 4096));
	}
	const long long flags = getInt(font, "flags");
	spec.bold = (flags & OBS_FONT_BOLD) != 0;
	spec.italic = (flags & OBS_FONT_ITALIC) != 0;
	obs_data_release(font);
	return spec;
}

void setFontDefault(obs_data_t *settings, const char *name, const char *face, int size, bool bold)
{
	obs_data_t *font = obs_data_create();
	obs_data_set_string(font, "face", face);
	obs_data_set_string(font, "style", bold ? "Bold" : "Regular");
	obs_data_set_int(font, "size", size);
	obs_data_set_int(font, "flags", bold ? OBS_FONT_BOLD : 0);
	obs_data_set_default_obj(settings, name, font);
	obs_data_release(font);
}

void setColorDefault(obs_data_t *settings, const char *name, uint32_t rgb, uint8_t alpha)
{
	const uint32_t abgr =
	    (static_cast<uint32_t>(alpha) << 24) | ((rgb & 0xFF) << 16) | (rgb & 0xFF00) | ((rgb >> 16) & 0xFF);
	obs_data_set_default_int(settings, name, abgr);
}

obs_property_t *addStringList(obs_properties_t *props, const char *name, const char *labelKey,
			      std::initializer_list<std::pair<const char *, const char *>> items)
{
	obs_property_t *list = obs_properties_add_list(props, name, obs_module_text(labelKey), OBS_COMBO_TYPE_LIST,
						       OBS_COMBO_FORMAT_STRING);
	for (const auto &[key, value] : items) {
		obs_property_list_add_string(list, obs_module_text(key), value);
	}
	return list;
}

} // namespace livegifts::obs
