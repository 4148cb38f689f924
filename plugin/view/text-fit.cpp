#include "view/text-fit.hpp"

#include <algorithm>

namespace livegifts::view {

bool fitRightText(TextItem &left, TextItem &right, int rightWidth)
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
	return shrinkToFit(right, rightWidth);
}

bool shrinkToFit(TextItem &item, int textWidth)
{
	if (textWidth <= item.width || textWidth <= 0) {
		return true;
	}
	if (item.width <= 0) {
		return false;
	}
	const int size = item.font.pixelSize;
	const int least = std::min(size, std::max(8, size * kLeastFitPercent / 100));
	// Widths grow with the font's size; one pixel less for rounding in hinting.
	const auto fitting = static_cast<int>(static_cast<long long>(size) * item.width / textWidth) - 1;
	item.font.pixelSize = std::clamp(fitting, least, size);
	return fitting >= least;
}

void fitWhole(TextItem *left, TextItem &right, const MeasureText &measure)
{
	const TextItem leftAsLaid = left ? *left : TextItem{};
	const TextItem rightAsLaid = right;
	const auto attempt = [&](const std::string &text, bool wholeLine) {
		right = rightAsLaid;
		right.text = text;
		if (left == nullptr) {
			return shrinkToFit(right, measure(right));
		}
		*left = leftAsLaid;
		if (wholeLine) {
			right.width = right.x + right.width - left->x;
			right.x = left->x;
			left->text.clear();
			left->width = 0;
			return shrinkToFit(right, measure(right));
		}
		return fitRightText(*left, right, measure(right));
	};
	if (attempt(rightAsLaid.text, false)) {
		return;
	}
	const std::string &shorter = rightAsLaid.shorter.empty() ? rightAsLaid.text : rightAsLaid.shorter;
	if (!rightAsLaid.shorter.empty() && attempt(shorter, false)) {
		return;
	}
	if (left != nullptr) {
		attempt(shorter, true);
	}
}

} // namespace livegifts::view
