#include "obs/dock/dock-widgets.hpp"

#include "obs/dock/status-text.hpp"
#include "obs/render/text-line.hpp"
#include "view/template.hpp"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QMessageBox>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QMouseEvent>
#include <QPainter>
#include <QPalette>
#include <QStyle>
#include <QStyleOptionComboBox>
#include <QStylePainter>
#include <QStyledItemDelegate>
#include <QToolTip>
#include <QHelpEvent>
#include <QStringList>
#include <QVBoxLayout>
#include <QWidget>

#include <algorithm>

namespace livegifts::obs::dock {

QString userText(const std::string &text)
{
	return QString::fromStdString(view::isolatedUserText(text));
}

QLocale withModuleDigits(const QLocale &locale)
{
	// Every digit of a locale comes from the same set: 9 written "9" is Western digits throughout.
	return locale.toString(9) == QStringLiteral("9") ? locale : QLocale::c();
}

QString leftToRightPart(const QString &text)
{
	return QChar(0x2066) + text + QChar(0x2069);
}

Qt::LayoutDirection directionNamed(const QString &name)
{
	return name.trimmed() == QStringLiteral("RightToLeft") ? Qt::RightToLeft : Qt::LeftToRight;
}

Qt::LayoutDirection moduleDirection()
{
	return directionNamed(loc("LiveGifts.LayoutDirection"));
}

namespace {

// Paints a combo box's items in the list's direction, as tall as `sized` (the box's own delegate) makes them.
// Qt 5's own delegate for a list drawn as a menu (Fusion's, OBS's) paints every item in the application's
// direction whatever the list's (its menu item's style option never takes the list's), and OBS leaves its
// application left to right in Arabic: the items stayed at the left edge of a right-to-left list.
class DirectedItems : public QStyledItemDelegate {
public:
	DirectedItems(QAbstractItemDelegate *sized, QObject *parent) : QStyledItemDelegate(parent), sized_(sized) {}

	QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
	{
		return sized_->sizeHint(option, index);
	}

private:
	QAbstractItemDelegate *sized_; // the view's first delegate, still a child of the view
};

// A combo box that paints its closed face as QComboBox does, with three differences. Its painter takes the box's
// direction: Qt's painter takes the application's (OBS keeps it left to right), and a style sheet's box (OBS's
// themes) draws its choice by the painter's, so in Arabic the choice sat at the left beside the arrow and mixed
// text read left to right. Right to left, the choice keeps from the leading edge the room it has from it left to
// right: OBS's themes pad a combo box on its left only (they never meet a right-to-left box), which put an Arabic
// choice flush against the right edge. And a choice too long for the box ends with an ellipsis instead of being
// cut.
class DirectedComboBox : public QComboBox {
public:
	using QComboBox::QComboBox;

protected:
	void paintEvent(QPaintEvent *) override
	{
		QStylePainter painter(this);
		painter.setLayoutDirection(layoutDirection());
		painter.setPen(palette().color(QPalette::Text));
		QStyleOptionComboBox option;
		initStyleOption(&option);
		painter.drawComplexControl(QStyle::CC_ComboBox, option);
		elided_ = false;
		if (currentIndex() < 0 && !placeholderText().isEmpty()) {
			option.palette.setBrush(QPalette::ButtonText, option.palette.placeholderText());
			option.currentText = placeholderText();
		}
		if (!isEditable()) {
			const int shift = leadingShift(option);
			int room = field(option).width() - shift;
			if (!option.currentIcon.isNull()) {
				room -= option.iconSize.width() + 4;
			}
			const QString whole = option.currentText;
			option.currentText = fontMetrics().elidedText(whole, Qt::ElideRight, std::max(room, 0));
			elided_ = option.currentText != whole;
			painter.translate(-shift, 0);
		}
		painter.drawControl(QStyle::CE_ComboBoxLabel, option);
	}

	// A choice cut with "…" shows whole in the tooltip (above the box's own tooltip, when it has one).
	bool event(QEvent *event) override
	{
		if (event->type() == QEvent::ToolTip && elided_) {
			const QString own = toolTip();
			QToolTip::showText(static_cast<QHelpEvent *>(event)->globalPos(),
					   own.isEmpty() ? currentText() : currentText() + QStringLiteral("\n\n") + own,
					   this);
			return true;
		}
		return QComboBox::event(event);
	}

private:
	QRect field(const QStyleOptionComboBox &option) const
	{
		return style()->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, this);
	}

	// How much further from the right edge a right-to-left choice goes to have the room left to right gives it
	// from the left edge (0 left to right, or when the style mirrors its own room).
	int leadingShift(const QStyleOptionComboBox &option) const
	{
		if (option.direction != Qt::RightToLeft) {
			return 0;
		}
		QStyleOptionComboBox leftToRight = option;
		leftToRight.direction = Qt::LeftToRight;
		const int leading = field(leftToRight).left() - option.rect.left();
		const int trailing = option.rect.right() - field(option).right();
		return std::clamp(leading - trailing, 0, option.rect.width() / 4);
	}

	bool elided_ = false; // the last paint cut the choice (UI thread)
};

} // namespace

QComboBox *newComboBox(QWidget *parent)
{
	auto *box = new DirectedComboBox(parent);
	QAbstractItemView *view = box->view();
	// On the view, not with QComboBox::setItemDelegate, which would delete the delegate that sizes the rows.
	view->setItemDelegate(new DirectedItems(view->itemDelegate(), view));
	return box;
}

bool askYesNo(QWidget *parent, const QString &title, const QString &question)
{
	QMessageBox box(QMessageBox::Question, title, question, QMessageBox::Yes | QMessageBox::No, parent);
	box.setLayoutDirection(moduleDirection()); // a window of its own: it would take OBS's direction
	box.button(QMessageBox::Yes)->setText(loc("LiveGifts.Dock.Yes"));
	box.button(QMessageBox::No)->setText(loc("LiveGifts.Dock.No"));
	box.setDefaultButton(QMessageBox::No);
	box.setEscapeButton(QMessageBox::No);
	return box.exec() == QMessageBox::Yes;
}

FlowRow::FlowRow(QWidget *parent) : QLayout(parent)
{
	setContentsMargins(0, 0, 0, 0);
}

FlowRow::~FlowRow()
{
	for (QLayoutItem *item : items_) {
		delete item;
	}
}

void FlowRow::addItem(QLayoutItem *item)
{
	items_.push_back(item);
	invalidate();
}

int FlowRow::count() const
{
	return static_cast<int>(items_.size());
}

QLayoutItem *FlowRow::itemAt(int index) const
{
	if (index < 0 || index >= count()) {
		return nullptr;
	}
	return items_[static_cast<std::size_t>(index)];
}

QLayoutItem *FlowRow::takeAt(int index)
{
	if (index < 0 || index >= count()) {
		return nullptr;
	}
	QLayoutItem *item = items_[static_cast<std::size_t>(index)];
	items_.erase(items_.begin() + index);
	invalidate();
	return item;
}

Qt::Orientations FlowRow::expandingDirections() const
{
	return {};
}

bool FlowRow::hasHeightForWidth() const
{
	return true;
}

int FlowRow::heightForWidth(int width) const
{
	return arrange(QRect(0, 0, width, 0), false);
}

QSize FlowRow::minimumSize() const
{
	// As narrow as the widest item (each item on its own line), as high as one line.
	QSize size;
	for (const QLayoutItem *item : items_) {
		if (!item->isEmpty()) {
			size = size.expandedTo(item->minimumSize());
		}
	}
	const QMargins margins = contentsMargins();
	return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom());
}

QSize FlowRow::sizeHint() const
{
	// Everything on one line.
	int width = 0;
	int height = 0;
	int shown = 0;
	for (const QLayoutItem *item : items_) {
		if (item->isEmpty()) {
			continue;
		}
		const QSize hint = item->sizeHint();
		width += hint.width();
		height = std::max(height, hint.height());
		++shown;
	}
	width += std::max(0, shown - 1) * gap();
	const QMargins margins = contentsMargins();
	return {width + margins.left() + margins.right(), height + margins.top() + margins.bottom()};
}

void FlowRow::setGeometry(const QRect &rect)
{
	QLayout::setGeometry(rect);
	arrange(rect, true);
}

int FlowRow::gap() const
{
	const int set = spacing();
	return set >= 0 ? set : 6;
}

int FlowRow::arrange(const QRect &rect, bool apply) const
{
	const QRect area = rect.marginsRemoved(contentsMargins());
	// Laid out from the left, then mirrored inside the row when the row reads right to left (as Qt's own
	// layouts do): the first button at the leading edge.
	const QWidget *owner = parentWidget();
	const Qt::LayoutDirection direction = owner ? owner->layoutDirection() : QGuiApplication::layoutDirection();
	const int spacing = gap();
	int x = area.x();
	int y = area.y();
	int lineHeight = 0;
	for (QLayoutItem *item : items_) {
		if (item->isEmpty()) {
			continue;
		}
		const QSize hint = item->sizeHint();
		// An item wider than the whole row is given the row's width (never less than its minimum).
		const int width = std::min(hint.width(), std::max(item->minimumSize().width(), area.width()));
		if (x > area.x() && x + width > area.x() + area.width()) {
			x = area.x();
			y += lineHeight + spacing;
			lineHeight = 0;
		}
		if (apply) {
			item->setGeometry(QStyle::visualRect(direction, area, QRect(x, y, width, hint.height())));
		}
		x += width + spacing;
		lineHeight = std::max(lineHeight, hint.height());
	}
	const QMargins margins = contentsMargins();
	return y + lineHeight - rect.y() + margins.bottom();
}

ElidedGroup::ElidedGroup(const QString &title, QWidget *parent) : QGroupBox(title, parent), full_(title) {}

QSize ElidedGroup::minimumSizeHint() const
{
	// What the contents need, whatever the title's width.
	QSize size = QGroupBox::minimumSizeHint();
	if (layout()) {
		size.setWidth(layout()->totalMinimumSize().width());
	}
	return size;
}

void ElidedGroup::resizeEvent(QResizeEvent *event)
{
	QGroupBox::resizeEvent(event);
	// Room for the frame and the title's padding on both sides.
	const QFontMetrics metrics(font());
	const int room = std::max(0, width() - 4 * metrics.averageCharWidth() - 12);
	const QString shown = metrics.elidedText(full_, Qt::ElideRight, room);
	if (shown != title()) {
		setTitle(shown);
		setToolTip(shown == full_ ? QString() : full_);
	}
}

CheckLabel::CheckLabel(const QString &text, QCheckBox *box, QWidget *parent) : QLabel(text, parent), box_(box)
{
	setWordWrap(true);
	setBuddy(box);
	box->setAccessibleName(text);
}

void CheckLabel::mouseReleaseEvent(QMouseEvent *event)
{
	QLabel::mouseReleaseEvent(event);
#if QT_VERSION >= QT_VERSION_CHECK(6, 0, 0)
	const QPoint at = event->position().toPoint();
#else
	const QPoint at = event->pos();
#endif
	if (event->button() == Qt::LeftButton && rect().contains(at) && box_->isEnabled()) {
		box_->toggle();
	}
}

ElidedLabel::ElidedLabel(QWidget *parent, Qt::TextElideMode mode) : QLabel(parent), mode_(mode)
{
	setTextFormat(Qt::PlainText);
	setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void ElidedLabel::setFullText(const QString &text, const QString &tip, bool tipIsWhole)
{
	if (text == full_ && tip == tip_ && tipIsWhole == tipIsWhole_) {
		return;
	}
	full_ = text;
	tip_ = tip;
	tipIsWhole_ = tipIsWhole;
	updateGeometry();
	elide();
}

QSize ElidedLabel::sizeHint() const
{
	const QFontMetrics metrics(font());
	const QStringList lines = full_.split(QLatin1Char('\n'));
	int width = 0;
	for (const QString &line : lines) {
		width = std::max(width, metrics.horizontalAdvance(line));
	}
	const QMargins margins = contentsMargins();
	return {width + margins.left() + margins.right() + 2 * margin(),
		static_cast<int>(lines.size()) * metrics.lineSpacing() + margins.top() + margins.bottom() +
		    2 * margin()};
}

QSize ElidedLabel::minimumSizeHint() const
{
	// A few letters and the "…": whatever the text, the label never asks for more width than that.
	const QFontMetrics metrics(font());
	return {metrics.averageCharWidth() * 6, sizeHint().height()};
}

void ElidedLabel::resizeEvent(QResizeEvent *event)
{
	QLabel::resizeEvent(event);
	elide();
}

void ElidedLabel::paintEvent(QPaintEvent *)
{
	QPainter painter(this);
	drawFrame(&painter);
	const QRect area = contentsRect().marginsRemoved(QMargins(margin(), margin(), margin(), margin()));
	const int lineHeight = QFontMetrics(font()).lineSpacing();
	const int direction = isRightToLeft() ? Qt::TextForceRightToLeft : Qt::TextForceLeftToRight;
	const int flags = static_cast<int>(QStyle::visualAlignment(layoutDirection(), Qt::AlignLeading)) |
			  Qt::AlignVCenter | Qt::TextSingleLine | direction;
	painter.setPen(palette().color(isEnabled() ? QPalette::Active : QPalette::Disabled, foregroundRole()));
	const QStringList lines = text().split(QLatin1Char('\n'));
	for (int i = 0; i < lines.size(); ++i) {
		const QRect line(area.x(), area.y() + i * lineHeight, area.width(), lineHeight);
		// A viewer's "❤️‍🔥" or "🏳️‍🌈" as one colour picture, as the overlays draw it.
		drawTextLine(painter, font(), emojiLine(lines[i]), line, flags);
	}
}

void ElidedLabel::elide()
{
	const QFontMetrics metrics(font());
	const int width = std::max(0, contentsRect().width() - 2 * margin());
	QStringList lines = full_.split(QLatin1Char('\n'));
	bool cut = false;
	for (QString &line : lines) {
		QString shown = metrics.elidedText(line, mode_, width);
		// Qt 6 can return a cut line a pixel wider than asked (joining marks before the "…" in Arabic).
		for (int less = 1; less < 8 && metrics.horizontalAdvance(shown) > width; ++less) {
			shown = metrics.elidedText(line, mode_, width - less);
		}
		cut = cut || shown != line;
		line = shown;
	}
	const QString text = lines.join(QLatin1Char('\n'));
	if (text != QLabel::text()) {
		setText(text);
	}
	QString tooltip = tip_;
	if (cut && !tipIsWhole_) {
		tooltip = tip_.isEmpty() ? full_ : full_ + QLatin1Char('\n') + tip_;
	}
	if (tooltip != toolTip()) {
		setToolTip(tooltip);
	}
}

SwitchedPages::SwitchedPages(QWidget *parent) : QWidget(parent)
{
	auto *layout = new QVBoxLayout(this);
	layout->setContentsMargins(0, 0, 0, 0);
	layout->setSpacing(0);
}

QWidget *SwitchedPages::addPage()
{
	auto *page = new QWidget(this);
	page->hide();
	layout()->addWidget(page);
	pages_.push_back(page);
	return page;
}

void SwitchedPages::showPage(int index)
{
	// A hidden widget takes no place in a box layout: only the shown page counts for the height, and a page
	// with nothing in it (or none) hides the whole widget (no spacing left for it either).
	QWidget *shown = index >= 0 && index < count() ? pages_[static_cast<std::size_t>(index)] : nullptr;
	for (QWidget *page : pages_) {
		if (page != shown) {
			page->hide();
		}
	}
	const bool empty = !shown || !shown->layout() || shown->layout()->count() == 0;
	if (shown) {
		shown->show();
	}
	setVisible(!empty);
	layout()->invalidate(); // the shown page's height, not the one cached for the page before
	updateGeometry();
}

} // namespace livegifts::obs::dock
