#pragma once

// Pieces that keep the dock usable at any width OBS gives it (UI thread only):
// - FlowRow: a layout of buttons side by side that wraps onto further lines when the dock is narrow, so no
//   button ends up past the dock's edge; the first button at the leading edge (the right one, right to left);
// - CheckLabel: the words of a check box as a label that wraps (a QCheckBox's own text never does); a click
//   on it toggles the box;
// - ElidedGroup: a QGroupBox whose title is cut with "…" (the whole title in its tooltip) rather than setting
//   the box's least width;
// - ElidedLabel: a label whose lines end in "…" when they do not fit (the whole text in its tooltip), so a long
//   name (a nickname, a source's or a goal's name, a path) never widens the dock;
// - SwitchedPages: pages of which one shows, the widget as tall as that page alone (a QStackedWidget is as
//   tall as its tallest page for a given width, whatever size policies its hidden pages have).

#include <QGroupBox>
#include <QLabel>
#include <QLayout>
#include <QLocale>
#include <QWidget>

#include <string>
#include <vector>

class QCheckBox;
class QComboBox;

namespace livegifts::obs::dock {

// A user's text (nickname, goal title, rule or source name) to place inside a line of the dock: sanitised and
// isolated (view::isolatedUserText), so a right-to-left name does not reorder the figures beside it.
QString userText(const std::string &text);

// The direction the module's words read in: "RightToLeft" as the locale's LiveGifts.LayoutDirection says (any
// other value, or none, left to right). OBS leaves its whole window left to right in Arabic (Qt's own
// translations, which would turn it, are not loaded), so the dock and its dialogs take their direction from
// the module's language: every line starts at the leading edge, and rows and forms mirror.
Qt::LayoutDirection directionNamed(const QString &name);
Qt::LayoutDirection moduleDirection();

// A combo box for the dock and its dialogs: its drop-down list reads in the box's direction (in Arabic each item
// starts at the right edge). Every combo box the module makes comes from here.
QComboBox *newComboBox(QWidget *parent);

// Asks a yes-or-no question in a modal box whose buttons speak the module's language (Qt's own "Yes" and
// "No" are English where OBS ships no Qt translation); No is the default, so Enter never confirms a reset.
// True when Yes was chosen.
bool askYesNo(QWidget *parent, const QString &title, const QString &question);

// `locale` as the dock formats numbers and times with it (spin boxes, a time of day, a file's size): the module
// writes Western digits in every language, as its overlays and the dock's own lines do, so a locale that writes
// other digits (Arabic's) gives way to QLocale::c(); any other locale is kept (German's "1,5").
QLocale withModuleDigits(const QLocale &locale);

class FlowRow : public QLayout {
public:
	explicit FlowRow(QWidget *parent = nullptr);
	~FlowRow() override;
	FlowRow(const FlowRow &) = delete;
	FlowRow &operator=(const FlowRow &) = delete;

	void addItem(QLayoutItem *item) override;
	int count() const override;
	QLayoutItem *itemAt(int index) const override;
	QLayoutItem *takeAt(int index) override;
	Qt::Orientations expandingDirections() const override;
	bool hasHeightForWidth() const override;
	int heightForWidth(int width) const override;
	QSize minimumSize() const override;
	QSize sizeHint() const override;
	void setGeometry(const QRect &rect) override;

private:
	// Places the items in `rect` (only measures when !apply); returns the height used.
	int arrange(const QRect &rect, bool apply) const;
	int gap() const;

	std::vector<QLayoutItem *> items_; // owned
};

// An address or a path inside a line of any direction: it reads left to right as it is (isolated: in Arabic a
// path's leading slash stayed at the line's start, away from the rest of the path).
QString leftToRightPart(const QString &text);

class ElidedGroup : public QGroupBox {
public:
	ElidedGroup(const QString &title, QWidget *parent = nullptr);

	QSize minimumSizeHint() const override;

protected:
	void resizeEvent(QResizeEvent *event) override;

private:
	QString full_;
};

class CheckLabel : public QLabel {
public:
	CheckLabel(const QString &text, QCheckBox *box, QWidget *parent = nullptr);

protected:
	void mouseReleaseEvent(QMouseEvent *event) override;

private:
	QCheckBox *box_;
};

class ElidedLabel : public QLabel {
public:
	explicit ElidedLabel(QWidget *parent = nullptr, Qt::TextElideMode mode = Qt::ElideRight);

	// The text (one or more lines) and a tooltip of its own; the tooltip also shows the whole text when a
	// line is cut, unless `tipIsWhole` says the tip already is the whole text (lines cut before they came).
	void setFullText(const QString &text, const QString &tip = QString(), bool tipIsWhole = false);
	const QString &fullText() const { return full_; }
	QSize sizeHint() const override;
	QSize minimumSizeHint() const override;

protected:
	void resizeEvent(QResizeEvent *event) override;
	// Each line in the dock's direction (a line of Arabic does not turn the lines below it around).
	void paintEvent(QPaintEvent *event) override;

private:
	void elide();

	Qt::TextElideMode mode_;
	QString full_;
	QString tip_;
	bool tipIsWhole_ = false;
};

class SwitchedPages : public QWidget {
public:
	explicit SwitchedPages(QWidget *parent = nullptr);

	// A new page at the end (hidden until shown).
	QWidget *addPage();
	// Shows page `index` alone; an index out of range, or a page with nothing in its layout, hides the widget.
	void showPage(int index);
	int count() const { return static_cast<int>(pages_.size()); }

private:
	std::vector<QWidget *> pages_;
};

} // namespace livegifts::obs::dock
