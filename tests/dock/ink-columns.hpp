#pragma once

// Where something is drawn in a grabbed image: its first and last columns unlike the background.

#include <QImage>

#include <algorithm>
#include <map>
#include <utility>

namespace dock_test {

// The most common colour of `image` (a row's or a widget's background).
inline QRgb commonColour(const QImage &image)
{
	std::map<QRgb, int> counts;
	for (int y = 0; y < image.height(); ++y) {
		for (int x = 0; x < image.width(); ++x) {
			++counts[image.pixel(x, y)];
		}
	}
	QRgb colour = 0;
	int most = 0;
	for (const auto &[candidate, count] : counts) {
		if (count > most) {
			most = count;
			colour = candidate;
		}
	}
	return colour;
}

// The first and last columns of `image` with a pixel other than `background` ({width, -1}: none).
inline std::pair<int, int> inkColumns(const QImage &image, QRgb background)
{
	int first = image.width();
	int last = -1;
	for (int y = 0; y < image.height(); ++y) {
		for (int x = 0; x < image.width(); ++x) {
			if (image.pixel(x, y) != background) {
				first = std::min(first, x);
				last = std::max(last, x);
			}
		}
	}
	return {first, last};
}

} // namespace dock_test
