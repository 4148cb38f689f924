// The dock keeps every button reachable and long names cut at any width: FlowRow wraps, ElidedLabel and
// ElidedGroup never ask for a long text's width.

#include "obs/dock/dock-widgets.hpp"
#include "obs/dock/goal-row-words.hpp"
#include "obs/dock/status-text.hpp"
#include "ink-columns.hpp"

#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QApplication>
#include <QCheckBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QImage>
#include <QLineEdit>
#include <QStackedWidget>
#include <QKeyEvent>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPushButton>
#include <QTextLayout>
#include <QTimer>
#include <QVBoxLayout>

#include <fstream>
#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

using livegifts::obs::dock::CheckLabel;
using livegifts::obs::dock::ElidedGroup;
using livegifts::obs::dock::ElidedLabel;
using livegifts::obs::dock::FlowRow;
using livegifts::obs::dock::SwitchedPages;
using livegifts::obs::dock::userText;

namespace {

QString repeated(const QString &part, int times)
{
	QString text;
	for (int i = 0; i < times; ++i) {
		text += part;
	}
	return text;
}

// Lays `host` out at `width` (its height what the width asks for).
void layOut(QWidget &host, int width)
{
	host.resize(width, host.layout()->heightForWidth(width));
	host.layout()->activate();
}

} // namespace

TEST_CASE("A row of buttons wraps inside any width and keeps one line when there is room", "[dock]")
{
	QWidget host;
	auto *row = new FlowRow(&host);
	std::vector<QPushButton *> buttons;
	for (const char *text : {"Export CSV…", "Copy thank-you list", "Reset ranking", "Replay last"}) {
		buttons.push_back(new QPushButton(QString::fromUtf8(text), &host));
		row->addWidget(buttons.back());
	}
	int widest = 0;
	int together = 0;
	for (const QPushButton *button : buttons) {
		widest = std::max(widest, button->minimumSizeHint().width());
		together += button->sizeHint().width();
	}
	CHECK(row->minimumSize().width() == widest);
	CHECK(row->sizeHint().width() >= together);
	host.show();

	for (const int width : {widest, 300, 420, 1000}) {
		layOut(host, width);
		std::set<int> lines;
		for (const QPushButton *button : buttons) {
			INFO("width " << width << ", " << button->text().toStdString());
			CHECK(button->geometry().left() >= 0);
			CHECK(button->geometry().right() < width);
			CHECK(button->width() > 0);
			lines.insert(button->y());
		}
		if (width >= row->sizeHint().width()) {
			CHECK(lines.size() == 1);
		} else {
			CHECK(lines.size() > 1);
			CHECK(row->heightForWidth(width) > row->heightForWidth(row->sizeHint().width()));
		}
	}
	layOut(host, widest);
	CHECK(host.height() >= static_cast<int>(buttons.size()) * buttons[0]->sizeHint().height());
}

TEST_CASE("A hidden button takes no place in its row", "[dock]")
{
	QWidget host;
	auto *row = new FlowRow(&host);
	auto *first = new QPushButton(QStringLiteral("Reconnect"), &host);
	auto *hidden = new QPushButton(QStringLiteral("Clear the problems"), &host);
	auto *last = new QPushButton(QStringLiteral("Disconnect"), &host);
	row->addWidget(first);
	row->addWidget(hidden);
	row->addWidget(last);
	hidden->hide();
	host.show();
	layOut(host, 1000);
	CHECK(last->y() == first->y());
	CHECK(last->x() < first->x() + first->width() + hidden->sizeHint().width());
}

TEST_CASE("A long name is cut with an ellipsis, whole in the tooltip, and never widens its column", "[dock]")
{
	const QString arabic = repeated(QStringLiteral("عبدالرحمن_"), 12);
	const QString cjk = repeated(QStringLiteral("非常感谢大家的支持和礼物"), 10);
	const QString emoji = repeated(QStringLiteral("🎁🌹💎🦁"), 30);
	const QString latin = repeated(QStringLiteral("Supporter_"), 12);
	const QString text = QStringLiteral("1. %1\n2. %2\n3. %3\n4. %4").arg(arabic, cjk, emoji, latin);

	QWidget host;
	auto *column = new QVBoxLayout(&host);
	auto *label = new ElidedLabel(&host);
	column->addWidget(label);
	label->setFullText(text);
	CHECK(label->sizeHint().width() > 600); // what it would take whole
	CHECK(label->minimumSizeHint().width() < 100);
	CHECK(host.minimumSizeHint().width() < 120);

	host.show();
	host.resize(300, 200);
	column->activate();
	CHECK(label->width() <= 300);
	const QStringList shown = label->text().split(QLatin1Char('\n'));
	REQUIRE(shown.size() == 4);
	const QFontMetrics metrics(label->font());
	for (const QString &line : shown) {
		INFO(line.toStdString());
		CHECK(line.endsWith(QChar(0x2026)));
		CHECK(metrics.horizontalAdvance(line) <= label->contentsRect().width());
	}
	CHECK(label->toolTip() == text);

	// Room enough: the whole text, no tooltip; the label's own tooltip stays.
	label->setFullText(QStringLiteral("1. Ana"), QStringLiteral("own tip"));
	CHECK(label->text() == QStringLiteral("1. Ana"));
	CHECK(label->toolTip() == QStringLiteral("own tip"));

	// Lines whose names were cut before they came, with the whole lines as the tip: cut at the edge too, the
	// tooltip is the whole lines alone (seen: the cut lines, then the whole ones, in one tooltip).
	label->setFullText(QStringLiteral("Supporter_Su…: %1").arg(latin), QStringLiteral("%1: %1").arg(latin), true);
	CHECK(label->text().endsWith(QChar(0x2026)));
	CHECK(label->toolTip() == QStringLiteral("%1: %1").arg(latin));
}

TEST_CASE("The supporters' lines cut a long name in its middle and keep the amount at their end", "[dock]")
{
	// As the supporters panel makes its list: ElideMiddle.
	QWidget host;
	auto *column = new QVBoxLayout(&host);
	auto *label = new ElidedLabel(&host, Qt::ElideMiddle);
	column->addWidget(label);
	label->setFullText(
	    QStringLiteral("7. Ana: 1,900 coins\n8. Bartholomew Maximilian Featherstonehaugh-Cholmondeley the "
			   "Third of Long Names: 1,700 coins"));
	host.show();
	host.resize(300, 120);
	column->activate();
	const QStringList shown = label->text().split(QLatin1Char('\n'));
	REQUIRE(shown.size() == 2);
	CHECK(shown[0] == QStringLiteral("7. Ana: 1,900 coins"));
	CHECK(shown[1].startsWith(QStringLiteral("8. Barth")));
	CHECK(shown[1].contains(QChar(0x2026)));
	CHECK(shown[1].endsWith(QStringLiteral("1,700 coins")));
}

TEST_CASE("A group's long title is cut rather than widen the group", "[dock]")
{
	const QString title =
	    QStringLiteral("Connection (one for all Live Gifts sources) ") + repeated(QStringLiteral("x"), 80);
	ElidedGroup group(title);
	auto *inside = new QVBoxLayout(&group);
	inside->addWidget(new QPushButton(QStringLiteral("Apply"), &group));
	CHECK(group.minimumSizeHint().width() < 150);
	group.show();
	group.resize(260, group.sizeHint().height());
	CHECK(group.title() != title);
	CHECK(group.title().endsWith(QChar(0x2026)));
	CHECK(group.toolTip() == title);
	group.resize(2000, group.sizeHint().height());
	CHECK(group.title() == title);
	CHECK(group.toolTip().isEmpty());
}

TEST_CASE("A click on a check box's wrapping words toggles it", "[dock]")
{
	QWidget host;
	auto *box = new QCheckBox(&host);
	auto *words = new CheckLabel(QStringLiteral("Record every event to the config folder"), box, &host);
	CHECK(words->wordWrap());
	CHECK_FALSE(box->isChecked());
	QMouseEvent press(QEvent::MouseButtonRelease, QPointF(2, 2), words->mapToGlobal(QPoint(2, 2)), Qt::LeftButton,
			  Qt::NoButton, Qt::NoModifier);
	QApplication::sendEvent(words, &press);
	CHECK(box->isChecked());
	box->setEnabled(false);
	QApplication::sendEvent(words, &press);
	CHECK(box->isChecked());
}

// Where the character at `index` of `line` is drawn, laid out on one line as the dock's labels do.
qreal xOf(const QString &line, qsizetype index)
{
	QTextLayout layout(line);
	layout.beginLayout();
	QTextLine row = layout.createLine();
	row.setLineWidth(2000);
	layout.endLayout();
	return row.cursorToX(static_cast<int>(index));
}

TEST_CASE("A right-to-left name in a dock line leaves the figures after it in their place", "[dock]")
{
	const std::string arabic = "\u0623\u062d\u0645\u062f \u0627\u0644\u0634\u0645\u0631\u064a";
	const std::string hebrew = "\u05e9\u05e8\u05d4 \u05dc\u05d5\u05d9";
	for (const std::string &name : {arabic, hebrew}) {
		// "%1. %2: %3" (LiveGifts.Dock.ThanksLine), as the supporters list builds it
		const QString plain = QStringLiteral("5. %1: 3,136 coins").arg(QString::fromStdString(name));
		const QString isolated = QStringLiteral("5. %1: 3,136 coins").arg(userText(name));
		const auto namePlain = plain.indexOf(QString::fromStdString(name).left(1));
		const auto nameIsolated = isolated.indexOf(QString::fromStdString(name).left(1));
		// Without isolates the figures join the name's right-to-left run and are drawn left of it.
		CHECK(xOf(plain, plain.indexOf(QStringLiteral("3,136"))) < xOf(plain, namePlain));
		// Isolated, they stay right of it, as the line reads.
		CHECK(xOf(isolated, isolated.indexOf(QStringLiteral("3,136"))) > xOf(isolated, nameIsolated));
		CHECK(xOf(isolated, isolated.indexOf(QStringLiteral("3,136"))) >
		      xOf(isolated, isolated.indexOf(QStringLiteral("5."))));
	}
	// The name's own isolate marks cannot end the isolate early; controls become spaces.
	CHECK(userText("a\u2069b\u202e\n") == QStringLiteral("\u2068ab \u2069"));
}

TEST_CASE("A dock line draws a viewer's emoji sequence as one colour picture, as the overlays do", "[dock]")
{
	if (!QFontDatabase().hasFamily(QStringLiteral("Noto Color Emoji"))) {
		WARN("Noto Color Emoji is not installed: skipped");
		return;
	}
	// The width of what the label paints over its background.
	const auto paintedWidth = [](const QString &text) {
		QWidget host;
		host.resize(400, 60);
		auto *label = new ElidedLabel(&host);
		label->setFont(QFont(QStringLiteral("DejaVu Sans"), 24)); // a font with a monochrome heart and flag
		label->setGeometry(0, 0, 400, 60);
		label->setFullText(text);
		const QImage image = label->grab().toImage().convertToFormat(QImage::Format_ARGB32);
		const QRgb background = image.pixel(image.width() - 1, image.height() - 1);
		int left = image.width(), right = -1;
		for (int y = 0; y < image.height(); ++y) {
			for (int x = 0; x < image.width(); ++x) {
				if (image.pixel(x, y) != background) {
					left = std::min(left, x);
					right = std::max(right, x);
				}
			}
		}
		return right - left + 1;
	};
	const int one = paintedWidth(QStringLiteral("\U0001F525")); // a flame alone
	REQUIRE(one > 10);
	for (const char *sequence :
	     {"\u2764\uFE0F\u200D\U0001F525", "\U0001F3F3\uFE0F\u200D\U0001F308", "\U0001F44D\U0001F3FD"}) {
		CAPTURE(sequence);
		const int width = paintedWidth(QString::fromUtf8(sequence));
		CHECK(width < one * 3 / 2); // one picture, not its parts side by side
	}
}

// Widgets need a QApplication for all the tests, made and ended in main (not at static destruction, after Qt's
// own globals are gone).
int main(int argc, char **argv)
{
	QApplication app(argc, argv);
	return Catch::Session().run(argc, argv);
}

TEST_CASE("Switched pages are as tall as the shown page, whatever the others hold", "[dock]")
{
	// Seen in the real OBS: a one-field connection page left a gap of a field's height under it (a
	// QStackedWidget takes its tallest page's height for a width, size policies or not).
	const auto fillPage = [](QWidget *page, int fields) {
		auto *form = new QFormLayout(page);
		form->setRowWrapPolicy(QFormLayout::WrapLongRows);
		form->setContentsMargins(0, 0, 0, 0);
		for (int i = 0; i < fields; ++i) {
			form->addRow(QStringLiteral("Field"), new QLineEdit(page));
		}
	};
	const auto heights = [&](auto &&addPage, auto &&showPage) {
		QWidget host;
		auto *layout = new QVBoxLayout(&host);
		QWidget *pages = addPage(&host, layout);
		auto *below = new QPushButton(QStringLiteral("Below"), &host);
		layout->addWidget(below);
		std::vector<int> result;
		for (int shown = 0; shown < 3; ++shown) {
			showPage(pages, shown);
			QApplication::sendPostedEvents(); // the layout requests the event loop would deliver
			layOut(host, 300);
			result.push_back(pages->isVisibleTo(&host) ? pages->height() : 0);
		}
		return result;
	};
	const std::vector<int> switched = heights(
	    [&](QWidget *host, QVBoxLayout *layout) {
		    auto *pages = new SwitchedPages(host);
		    for (int fields : {1, 3, 0}) {
			    fillPage(pages->addPage(), fields);
		    }
		    layout->addWidget(pages);
		    return static_cast<QWidget *>(pages);
	    },
	    [](QWidget *pages, int index) { static_cast<SwitchedPages *>(pages)->showPage(index); });
	QLineEdit field;
	const int fieldHeight = field.sizeHint().height();
	INFO("one field " << switched[0] << ", three " << switched[1] << ", none " << switched[2]);
	CHECK(switched[0] >= fieldHeight);
	CHECK(switched[0] < 2 * fieldHeight);
	CHECK(switched[1] >= 3 * fieldHeight);
	CHECK(switched[2] == 0);

	// What the stack did: the one-field page as tall as the three-field one.
	const std::vector<int> stacked = heights(
	    [&](QWidget *host, QVBoxLayout *layout) {
		    auto *pages = new QStackedWidget(host);
		    for (int fields : {1, 3, 0}) {
			    auto *page = new QWidget(pages);
			    fillPage(page, fields);
			    pages->addWidget(page);
		    }
		    layout->addWidget(pages);
		    return static_cast<QWidget *>(pages);
	    },
	    [](QWidget *pages, int index) {
		    auto *stack = static_cast<QStackedWidget *>(pages);
		    for (int i = 0; i < stack->count(); ++i) {
			    const auto policy = i == index ? QSizePolicy::Preferred : QSizePolicy::Ignored;
			    stack->widget(i)->setSizePolicy(policy, policy);
		    }
		    stack->setCurrentIndex(index);
	    });
	INFO("stacked: one field " << stacked[0] << ", three " << stacked[1]);
	CHECK(stacked[0] >= 3 * fieldHeight);
}

TEST_CASE("A goal's row says what its bar says: a finished list is all reached, not its last stage", "[dock]")
{
	using livegifts::GoalState;
	using livegifts::obs::dock::goalRowName;
	using livegifts::obs::dock::goalRowWords;
	const livegifts::view::Wording english; // the module's words before a locale is read: English
	GoalState going;
	going.title = "New camera";
	going.current = 1234;
	going.target = 5000;
	going.fraction = 0.2468;
	going.percent = 24.68;
	GoalState finished;
	finished.title = "Studio desk"; // the last stage of its list
	finished.current = 61234;
	finished.target = 60000;
	finished.fraction = 1.0;
	finished.percent = 102.05;
	finished.reached = true;
	finished.done = true;
	std::map<QString, int> names;
	for (const auto &[id, goal] :
	     {std::pair{std::string("cam"), going}, std::pair{std::string("desk"), finished}}) {
		++names[goalRowName(id, goal)];
	}
	const auto cam = goalRowWords("cam", going, names, english);
	CHECK(cam.title == QString::fromUtf8("\u2068New camera\u2069: 1,234 / 5,000")); // a user's words isolated
	CHECK(cam.percent == QString("24%"));                                           // as the Goal Bar draws it
	CHECK(cam.name == QString::fromUtf8("\u2068New camera\u2069")); // the name the reset question uses
	const auto desk = goalRowWords("desk", finished, names, english);
	CHECK(desk.title == QString("All goals reached: 61,234"));
	CHECK(desk.percent == QString::fromUtf8("\u2713 100%"));
	// Two finished lists are told apart by their ids, as two bars with one title are.
	++names[goalRowName("desk2", finished)];
	CHECK(goalRowWords("desk2", finished, names, english).title ==
	      QString::fromUtf8("All goals reached (\u2068desk2\u2069): 61,234"));
	CHECK(goalRowWords("desk2", finished, names, english).name ==
	      QString::fromUtf8("All goals reached (\u2068desk2\u2069)"));
	// A twin shown by a Goal Bar is told apart by that source's name, as the streamer named it.
	const std::map<std::string, std::string> sources{{"desk2", "Second goal"}, {"desk", ""}};
	CHECK(goalRowWords("desk2", finished, names, english, sources).name ==
	      QString::fromUtf8("All goals reached (\u2068Second goal\u2069)"));
	CHECK(goalRowWords("desk", finished, names, english, sources).name ==
	      QString::fromUtf8("All goals reached (\u2068desk\u2069)"));            // a source without a name: the id
	CHECK(goalRowWords("cam", going, names, english, sources).name == cam.name); // no twin: no source name
	// Numbers as the module's language writes them (its overlays and the supporters list), not the system's.
	const auto german = livegifts::view::Wording::fromLocale([](const std::string &key) -> const char * {
		return key == "LiveGifts.Number.GroupSeparator" ? "." : nullptr;
	});
	CHECK(goalRowWords("cam", going, names, german).title ==
	      QString::fromUtf8("\u2068New camera\u2069: 1.234 / 5.000"));
	// Seen in OBS: a goal passed almost three times showed 288% on its bar and 100 % in the dock.
	GoalState passed = going;
	passed.current = 14400;
	passed.fraction = 1.0;
	passed.percent = 100.0;
	passed.reached = true;
	CHECK(goalRowWords("cam", passed, names, english).percent == QString("288%"));
	passed.current = 617250;
	CHECK(goalRowWords("cam", passed, names, german).percent == QString("12.345%"));
}

namespace {

// Runs askYesNo with `act` done on the open box (the buttons it has, then a click or a key).
bool askWith(const std::function<void(QMessageBox &)> &act)
{
	bool seen = false;
	QTimer::singleShot(0, [&] {
		for (QWidget *widget : QApplication::topLevelWidgets()) {
			if (auto *box = dynamic_cast<QMessageBox *>(widget); box != nullptr && box->isVisible()) {
				seen = true;
				act(*box);
			}
		}
	});
	// A box that `act` left open is closed after 5 s, so a broken test fails instead of waiting for ever.
	QTimer guard;
	guard.setSingleShot(true);
	QObject::connect(&guard, &QTimer::timeout, [] {
		for (QWidget *widget : QApplication::topLevelWidgets()) {
			if (auto *box = dynamic_cast<QMessageBox *>(widget); box != nullptr && box->isVisible()) {
				box->done(-1);
			}
		}
	});
	guard.start(5000);
	const bool yes = livegifts::obs::dock::askYesNo(nullptr, QStringLiteral("Reset"), QStringLiteral("Reset it?"));
	CHECK(guard.isActive()); // answered by `act`, not closed by the guard
	CHECK(seen);
	return yes;
}

} // namespace

TEST_CASE("A dock question speaks the module's words and says No unless Yes is chosen", "[dock]")
{
	// Seen in OBS in Arabic: the questions' buttons were Qt's English "Yes" and "No".
	const auto words = [](QMessageBox &box) {
		REQUIRE(box.button(QMessageBox::Yes) != nullptr);
		REQUIRE(box.button(QMessageBox::No) != nullptr);
		CHECK(box.button(QMessageBox::Yes)->text() == livegifts::obs::dock::loc("LiveGifts.Dock.Yes"));
		CHECK(box.button(QMessageBox::No)->text() == livegifts::obs::dock::loc("LiveGifts.Dock.No"));
		CHECK(box.button(QMessageBox::Yes)->text() == QStringLiteral("Yes")); // not Qt's "&Yes"
		CHECK(box.defaultButton() == box.button(QMessageBox::No));
	};
	CHECK(askWith([&](QMessageBox &box) {
		words(box);
		box.button(QMessageBox::Yes)->click();
	}));
	CHECK_FALSE(askWith([&](QMessageBox &box) {
		words(box);
		box.button(QMessageBox::No)->click();
	}));
	// Enter takes the default (No); Escape says No.
	CHECK_FALSE(askWith([](QMessageBox &box) {
		QKeyEvent enter(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier);
		QApplication::sendEvent(box.focusWidget() != nullptr ? box.focusWidget() : &box, &enter);
	}));
	CHECK_FALSE(askWith([](QMessageBox &box) {
		QKeyEvent escape(QEvent::KeyPress, Qt::Key_Escape, Qt::NoModifier);
		QApplication::sendEvent(&box, &escape);
	}));
}

namespace {

// The columns of `widget` drawn in something other than its background: first and last.
std::pair<int, int> inkColumns(QWidget &widget)
{
	const QImage image = widget.grab().toImage();
	return dock_test::inkColumns(image, image.pixel(0, 0));
}

// LiveGifts.LayoutDirection as `file` (in locale/) says it.
QString directionIn(const std::string &file)
{
	std::ifstream in(std::string(LIVE_GIFTS_LOCALE_DIR) + "/" + file);
	const std::string key = "LiveGifts.LayoutDirection=\"";
	std::string line;
	while (std::getline(in, line)) {
		if (line.rfind(key, 0) == 0 && line.size() > key.size() && line.back() == '"') {
			return QString::fromStdString(line.substr(key.size(), line.size() - key.size() - 1));
		}
	}
	return {};
}

} // namespace

TEST_CASE("Right to left, a dock line and a row of buttons start at the right edge; left to right, at the left",
	  "[dock]")
{
	// Seen in OBS 29 in Arabic: the goal and supporter lines and the rows of buttons sat at the left edge while
	// the status lines sat at the right. OBS leaves its window left to right; the dock turns itself.
	for (const Qt::LayoutDirection direction : {Qt::LeftToRight, Qt::RightToLeft}) {
		INFO((direction == Qt::RightToLeft ? "right to left" : "left to right"));
		QWidget host;
		host.setLayoutDirection(direction);
		auto *layout = new QVBoxLayout(&host);
		auto *line = new ElidedLabel(&host);
		line->setFullText(QStringLiteral("\u200F\u0627\u0644\u0647\u062f\u0641: 1,229 / 1,000"));
		layout->addWidget(line);
		auto *row = new FlowRow();
		auto *first = new QPushButton(QStringLiteral("Reset"), &host);
		auto *second = new QPushButton(QStringLiteral("Undo the reset"), &host);
		row->addWidget(first);
		row->addWidget(second);
		layout->addLayout(row);
		host.show();
		layOut(host, 400);
		const QRect area = host.contentsRect().marginsRemoved(layout->contentsMargins());

		CHECK(line->isRightToLeft() == (direction == Qt::RightToLeft));
		const auto [inkFirst, inkLast] = inkColumns(*line);
		REQUIRE(inkLast >= 0);
		CHECK(inkLast - inkFirst < line->width() / 2); // the line is short: where it starts shows
		CHECK(first->y() == second->y());
		if (direction == Qt::RightToLeft) {
			CHECK(inkLast > line->width() - 12);
			CHECK(first->geometry().right() == area.right());
			CHECK(second->geometry().right() < first->geometry().left());
		} else {
			CHECK(inkFirst < 12);
			CHECK(first->geometry().left() == area.left());
			CHECK(second->geometry().left() > first->geometry().right());
		}
		for (const QPushButton *button : {first, second}) {
			CHECK(button->geometry().left() >= area.left());
			CHECK(button->geometry().right() <= area.right());
		}
	}
}

TEST_CASE("The dock reads in its language's direction: Arabic right to left, the others left to right", "[dock]")
{
	using livegifts::obs::dock::directionNamed;
	CHECK(directionNamed(directionIn("ar-SA.ini")) == Qt::RightToLeft);
	for (const char *file : {"en-US.ini", "de-DE.ini", "es-ES.ini", "fr-FR.ini", "id-ID.ini", "ja-JP.ini",
				 "ko-KR.ini", "pt-BR.ini", "tr-TR.ini", "vi-VN.ini", "zh-CN.ini"}) {
		INFO(file);
		CHECK(directionIn(file) == QStringLiteral("LeftToRight"));
	}
	CHECK(directionNamed(QString()) == Qt::LeftToRight);               // a locale without the key: left to right
	CHECK(livegifts::obs::dock::moduleDirection() == Qt::LeftToRight); // the English words these tests read
}
