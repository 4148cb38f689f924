#pragma once

// Text rasterising: QPainter on a QImage (never QPixmap: this runs on the raster worker, not the UI
// thread). The result is premultiplied RGBA cropped to what was painted, placed in source coordinates.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace livegifts::obs {

struct FontSpec {
	std::string family = "Sans Serif";
	std::string style;
	int pixelSize = 32;
	bool bold = true;
	bool italic = false;
	bool operator==(const FontSpec &) const = default;
};

enum class HAlign { Left, Center, Right };

struct Rgba {
	uint8_t r = 255, g = 255, b = 255, a = 255;
	// From OBS's colour property layout 0xAABBGGRR.
	static Rgba fromObs(uint32_t abgr);
	bool operator==(const Rgba &) const = default;
};

// One line of text in a box; elided with "…" when it does not fit (bidi-aware, so RTL names keep their
// order and lose their logical end).
struct TextItem {
	std::string text; // UTF-8; invalid sequences show as U+FFFD
	FontSpec font;
	Rgba color;
	int x = 0, y = 0, width = 0, height = 0;
	HAlign align = HAlign::Left;
	bool shadow = true;
	bool operator==(const TextItem &) const = default;
};

// Pixels ready for gs_texture_create(GS_RGBA): premultiplied, rows of width*4 bytes.
struct RasterImage {
	int x = 0, y = 0; // top-left in source coordinates
	int width = 0, height = 0;
	std::vector<uint8_t> rgba;
	bool empty() const { return width <= 0 || height <= 0; }
};

// Lays out and paints the items on a transparent canvas of canvasWidth x canvasHeight, then crops to the
// painted bounds. Needs a Qt application object to exist (OBS's GUI has one; hosts create one).
std::shared_ptr<const RasterImage> rasterizeText(const std::vector<TextItem> &items, int canvasWidth, int canvasHeight);

} // namespace livegifts::obs
