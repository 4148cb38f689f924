#pragma once

// The pieces that keep text readable on a bright scene, painted on the raster worker: an outline grown
// from the text's own coverage (so colour emoji, Arabic and CJK get one too) and a rounded plate behind
// a line of text.

#include "view/draw-types.hpp"

#include <QImage>
#include <QPainter>
#include <QRect>

namespace livegifts::obs {

// How far an outline of `width` reaches beyond the coverage it grows from, in pixels (its disc's last,
// anti-aliased pixel included).
int outlineReach(int width);

// Every pixel within `width` pixels of what `coverage` (premultiplied ARGB) covers, in `color`, with an
// anti-aliased edge; the same size as `coverage`. Transparent for a width <= 0.
QImage outlineOf(const QImage &coverage, int width, view::Rgba color);

// How far a plate reaches beyond the text it is behind: its padding, at most this many pixels on each side.
int plateReach(int pixelSize);

// A rounded, see-through plate behind text that occupies `textRect`, padded by the font's size and kept
// within `within` (the whole canvas, in the painter's coordinates).
void paintPlate(QPainter &painter, const QRect &textRect, int pixelSize, view::Rgba color, const QRectF &within);

} // namespace livegifts::obs
