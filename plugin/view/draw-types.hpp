#pragma once

// What the raster worker paints and the GPU draws, as plain values: colours, fonts, lines of text in
// boxes, bar looks. The view decides them; plugin/obs/render turns them into pixels.

#include <cstdint>
#include <optional>
#include <string>

namespace livegifts::view {

struct FontSpec {
	std::string family = "Sans Serif";
	std::string style;
	int pixelSize = 32;
	bool bold = true;
	bool italic = false;
	bool operator==(const FontSpec &) const = default;
};

enum class HAlign { Left, Center, Right };

// A straight (not premultiplied) gamma-space colour.
struct Rgba {
	uint8_t r = 255, g = 255, b = 255, a = 255;
	// From a packed 0xAABBGGRR (the layout of OBS's colour properties).
	static Rgba fromAbgr(uint32_t abgr);
	bool operator==(const Rgba &) const = default;
};

// a to b by t (0..1), each channel rounded.
Rgba mix(Rgba a, Rgba b, float t);
// The colour with its alpha scaled by opacity (clamped to 0..1).
Rgba faded(Rgba color, float opacity);

// What keeps text readable on any scene: an outline around the glyphs and a rounded, see-through plate
// behind the text. A width of 0 or an off plate: not drawn.
struct TextEffects {
	int outlineWidth = 0; // pixels around each glyph
	Rgba outlineColor{0, 0, 0, 200};
	bool plate = false;
	Rgba plateColor{0, 0, 0, 140};
	bool operator==(const TextEffects &) const = default;
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
	TextEffects effects{};
	// The same in fewer characters ("26.6K / 2B" for "26,641 / 2,000,000,000"), for a text that must not be cut
	// and does not fit its box even in a smaller font (view/text-fit); empty: none.
	std::string shorter{};
	bool operator==(const TextItem &) const = default;
};

// A rounded box with a left-to-right gradient, in source coordinates (radius at most half the shorter side).
struct PlateBox {
	float x = 0.0f, y = 0.0f, w = 0.0f, h = 0.0f, radius = 0.0f;
	Rgba start, end;
};

// A rounded bar: corner radius and a gradient along its length.
struct BarStyle {
	float radius = 12.0f;
	Rgba start;
	Rgba end;
	bool operator==(const BarStyle &) const = default;
};

// Where a bar's fill goes, for `fraction` (clamped to 0..1) of a track of (w, h) at (x, y): the quad to draw
// (x, y, w, h), where that quad lies inside the track (originX, originY), and the rounded box the fill is
// (fillW by fillH, never shorter than the track is thick, so that a small fill stays round and its visible
// part grows from the track's start). Horizontal fills run left to right, vertical ones bottom to top.
// Nothing when fraction is 0 or less.
struct FillQuad {
	float x = 0.0f, y = 0.0f, w = 0.0f, h = 0.0f;
	float originX = 0.0f, originY = 0.0f;
	float fillW = 0.0f, fillH = 0.0f;
};
std::optional<FillQuad> fillQuadOf(float x, float y, float w, float h, float fraction, bool vertical);

} // namespace livegifts::view
