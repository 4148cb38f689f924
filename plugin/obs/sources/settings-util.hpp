#pragma once

// Reading OBS settings into plain structs (called from update/create; no I/O).

#include <obs-data.h>
#include <obs-properties.h>

#include "obs/render/raster.hpp"

#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>

namespace livegifts::obs {

inline std::string getString(obs_data_t *settings, const char *name)
{
	const char *value = obs_data_get_string(settings, name);
	return value ? value : "";
}

// `text` without the spaces and tabs around it.
inline std::string trimmed(const std::string &text)
{
	const auto first = text.find_first_not_of(" \t");
	return first == std::string::npos ? std::string()
					  : text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// An integer setting. A scene collection edited by hand or a SetInputSettings request can hold a number with
// a fraction or an exponent (1e30), which obs_data_get_int casts to an integer without a range check (a
// target of 1e30 became -9.2e18, then 1): such a value is saturated into long long's range (NaN reads 0), so
// the caller's clamp to its own range does the rest.
long long getInt(obs_data_t *settings, const char *name);

inline Rgba getColor(obs_data_t *settings, const char *name)
{
	return Rgba::fromAbgr(static_cast<uint32_t>(getInt(settings, name)));
}

// The OBS font property object {face, style, size, flags}.
FontSpec getFont(obs_data_t *settings, const char *name);
// Sets a font property's default.
void setFontDefault(obs_data_t *settings, const char *name, const char *face, int size, bool bold);

// A colour default written as in CSS (0xRRGGBB plus alpha), stored in OBS's 0xAABBGGRR layout.
void setColorDefault(obs_data_t *settings, const char *name, uint32_t rgb, uint8_t alpha = 0xFF);

// A drop-down list of localised labels (locale key, value) for a string setting.
obs_property_t *addStringList(obs_properties_t *props, const char *name, const char *labelKey,
			      std::initializer_list<std::pair<const char *, const char *>> items);

} // namespace livegifts::obs
