#include "view/placeholder-color.hpp"

#include <array>
#include <cstdint>

namespace livegifts::view {

Rgba placeholderColor(const std::string &seed)
{
	// Saturated mid-tones that keep white initials readable.
	static constexpr std::array<Rgba, 8> palette{{{0xE9, 0x4B, 0x6A, 255},
						      {0xF2, 0x8C, 0x28, 255},
						      {0x2F, 0xA8, 0x6B, 255},
						      {0x1E, 0x9B, 0xD7, 255},
						      {0x6C, 0x5C, 0xE7, 255},
						      {0xB1, 0x4E, 0xD8, 255},
						      {0x00, 0x9E, 0x9A, 255},
						      {0xD6, 0x4F, 0x2E, 255}}};
	uint32_t hash = 2166136261u;
	for (const char c : seed) {
		hash = (hash ^ static_cast<uint8_t>(c)) * 16777619u;
	}
	return palette[hash % palette.size()];
}

} // namespace livegifts::view
