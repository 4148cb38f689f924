#pragma once

// Reading OBS settings into plain structs (called from update/create; no I/O).

#include <obs-data.h>

#include "raster.hpp"

#include <string>

namespace livegifts::obs {

inline std::string getString(obs_data_t *settings, const char *name)
{
	const char *value = obs_data_get_string(settings, name);
	return value ? value : "";
}

inline Rgba getColor(obs_data_t *settings, const char *name)
{
	return Rgba::fromObs(static_cast<uint32_t>(obs_data_get_int(settings, name)));
}

// The OBS font property object {face, style, size, flags}.
FontSpec getFont(obs_data_t *settings, const char *name);
// Sets a font property's default.
void setFontDefault(obs_data_t *settings, const char *name, const char *face, int size, bool bold);

// 1234567 -> "1,234,567".
std::string groupThousands(long long value);

} // namespace livegifts::obs
