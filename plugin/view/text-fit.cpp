#include "view/text-fit.hpp"

#include <algorithm>

namespace livegifts::view {

void fitRightText(TextItem &left, TextItem &right, int rightWidth)
{
	if (rightWidth > right.width) {
		const int end = right.x + right.width;
		const int gap = std::max(0, right.x - (left.x + left.width));
		const int shared = end - left.x;
		const int leftLeast = std::min(left.width, std::max(8, shared / 3));
		right.x = std::max(left.x + leftLeast + gap, end - rightWidth);
		right.width = end - right.x;
		left.width = std::max(1, right.x - gap - left.x);
	}
	shrinkToFit(right, rightWidth);
}

void shrinkToFit(TextItem &item, int textWidth)
{
	if (textWidth <= item.width || textWidth <= 0 || item.width <= 0) {
		return;
	}
	const int size = item.font.pixelSize;
	const int least = std::min(size, std::max(8, size * kLeastFitPercent / 100));
	// Widths grow with the font's size; one pixel less for rounding in hinting.
	const auto fitting = static_cast<int>(static_cast<long long>(size) * item.width / textWidth) - 1;
	item.font.pixelSize = std::clamp(fitting, least, size);
}

} // namespace livegifts::view
