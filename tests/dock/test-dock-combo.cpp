// A combo box of the dock in Arabic: its drop-down list's items start at the right edge, as the rest of the dock
// does, though the application stays left to right (OBS leaves it so in every language).

#include "obs/dock/dock-widgets.hpp"
#include "ink-columns.hpp"

#include <catch2/catch.hpp>

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QHelpEvent>
#include <QImage>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cstdlib>
#include <utility>

using livegifts::obs::dock::newComboBox;

namespace {

// Where the words of the second item of a combo box made in a window of `direction` are drawn in its open list.
std::pair<int, int> secondItemInk(Qt::LayoutDirection direction, int *rowWidth)
{
	QWidget window;
	window.setLayoutDirection(direction);
	auto *layout = new QVBoxLayout(&window);
	QComboBox *box = newComboBox(&window);
	box->addItems({QStringLiteral("Demo"), QStringLiteral("Off")});
	layout->addWidget(box);
	window.resize(300, 80);
	window.show();
	box->showPopup();
	QAbstractItemView *view = box->view();
	const QRect row = view->visualRect(view->model()->index(1, 0));
	*rowWidth = row.width();
	const QImage image = view->viewport()->grab(row).toImage();
	box->hidePopup();
	return dock_test::inkColumns(image, dock_test::commonColour(image));
}

} // namespace

TEST_CASE("A combo box's list reads in the box's direction, not the application's", "[dock]")
{
	// Seen in Debian's OBS in Arabic: the connection's "Events from" list had its items at the left edge.
	REQUIRE(QApplication::layoutDirection() == Qt::LeftToRight); // as OBS keeps it in every language
	int width = 0;
	const auto [rightFirst, rightLast] = secondItemInk(Qt::RightToLeft, &width);
	REQUIRE(width > 100);
	REQUIRE(rightLast >= rightFirst);
	INFO("right to left: ink from " << rightFirst << " to " << rightLast << " in " << width);
	CHECK(rightFirst > width / 2);
	const auto [leftFirst, leftLast] = secondItemInk(Qt::LeftToRight, &width);
	INFO("left to right: ink from " << leftFirst << " to " << leftLast << " in " << width);
	CHECK(leftLast < width / 2);
}

namespace {

// Where the words of a closed combo box made in a window of `direction` are drawn (the columns where the box
// with its choice differs from the box with an empty one), under a style sheet shaped as OBS's themes shape
// combo boxes (a padded box, its arrow in a drop-down part), or none.
std::pair<int, int> closedInk(Qt::LayoutDirection direction, bool themed, const QString &text, int *boxWidth)
{
	QWidget window;
	window.setLayoutDirection(direction);
	if (themed) {
		window.setStyleSheet(QStringLiteral(
		    "QComboBox { background-color: rgb(60,64,75); border: 1px solid rgb(60,64,75); border-radius: 4px;"
		    " padding: 4px; padding-left: 10px; color: white; }"
		    "QComboBox::drop-down { border: none; border-left: 1px solid rgb(25,28,34); width: 20px; }"));
	}
	auto *layout = new QVBoxLayout(&window);
	QComboBox *box = newComboBox(&window);
	box->addItems({text, QString()});
	box->setMinimumWidth(260);
	box->setMaximumWidth(260);
	layout->addWidget(box);
	window.resize(300, 80);
	window.show();
	*boxWidth = box->width();
	const QImage shown = box->grab().toImage();
	box->setCurrentIndex(1);
	const QImage empty = box->grab().toImage();
	int first = shown.width();
	int last = -1;
	for (int y = 0; y < shown.height(); ++y) {
		for (int x = 0; x < shown.width(); ++x) {
			if (shown.pixel(x, y) != empty.pixel(x, y)) {
				first = std::min(first, x);
				last = std::max(last, x);
			}
		}
	}
	return {first, last};
}

} // namespace

TEST_CASE("A closed combo box shows its choice at the start of its direction, themed or not", "[dock]")
{
	// Seen in Debian's OBS in Arabic: a closed picker drew its choice at its left, beside the arrow.
	for (const bool themed : {false, true}) {
		int width = 0;
		const auto [rightFirst, rightLast] = closedInk(Qt::RightToLeft, themed, QStringLiteral("Off"), &width);
		INFO("themed " << themed << ", right to left: ink from " << rightFirst << " to " << rightLast << " in "
			       << width);
		REQUIRE(rightLast >= rightFirst);
		CHECK(rightFirst > width / 2);
		const auto [leftFirst, leftLast] = closedInk(Qt::LeftToRight, themed, QStringLiteral("Off"), &width);
		INFO("themed " << themed << ", left to right: ink from " << leftFirst << " to " << leftLast);
		REQUIRE(leftLast >= leftFirst);
		CHECK(leftLast < width / 2);
		// As far from the leading edge either way (a theme that pads only the left of a box, as OBS's do).
		CHECK(std::abs((width - 1 - rightLast) - leftFirst) <= 2);
	}
}

namespace {

// The tooltip a combo box of `width` px showing `text` gives when the pointer rests on it ("" for none).
QString restingTip(const QString &text, int width, const QString &ownTip = QString())
{
	QWidget window;
	auto *layout = new QVBoxLayout(&window);
	QComboBox *box = newComboBox(&window);
	box->addItems({text});
	box->setToolTip(ownTip);
	box->setMinimumWidth(width);
	box->setMaximumWidth(width);
	layout->addWidget(box);
	window.show();
	box->grab(); // painted once, as on screen
	QToolTip::hideText();
	QHelpEvent rest(QEvent::ToolTip, QPoint(5, 5), box->mapToGlobal(QPoint(5, 5)));
	QApplication::sendEvent(box, &rest);
	const QString tip = QToolTip::isVisible() ? QToolTip::text() : QString();
	QToolTip::hideText();
	return tip;
}

} // namespace

TEST_CASE("A combo box's choice cut with an ellipsis shows whole in its tooltip", "[dock]")
{
	const QString longChoice = QStringLiteral("Switch to a scene (and back after N seconds) with a long name");
	CHECK(restingTip(longChoice, 120) == longChoice);
	CHECK(restingTip(longChoice, 120, QStringLiteral("Where events come from")) ==
	      longChoice + QStringLiteral("\n\nWhere events come from"));
	CHECK(restingTip(QStringLiteral("Off"), 200).isEmpty());
	CHECK(restingTip(QStringLiteral("Off"), 200, QStringLiteral("Own")) == QStringLiteral("Own"));
}
