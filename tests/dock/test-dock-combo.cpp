// A combo box of the dock in Arabic: its drop-down list's items start at the right edge, as the rest of the dock
// does, though the application stays left to right (OBS leaves it so in every language).

#include "obs/dock/dock-widgets.hpp"
#include "ink-columns.hpp"

#include <catch2/catch.hpp>

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QImage>
#include <QVBoxLayout>

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
