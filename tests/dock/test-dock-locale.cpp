// The dock in other languages: its numbers in the module's digits (spin boxes and times follow OBS's language,
// dockLocale, and a locale writing other digits than the module's, Arabic's, gives way to Western ones, as the
// overlays and the dock's own lines write them); a path reads left to right inside a right-to-left line.

#include "obs/dock/dock-widgets.hpp"
#include "obs/dock/rule-dialog.hpp"
#include "obs/dock/status-text.hpp"

#include <catch2/catch.hpp>

#include <QDoubleSpinBox>
#include <QSpinBox>

namespace livegifts::obs::dock {

// OBS's language is not known here (status-text.cpp asks libobs): the default locale, which a test sets.
QLocale dockLocale()
{
	return withModuleDigits(QLocale());
}

} // namespace livegifts::obs::dock

using livegifts::obs::dock::withModuleDigits;

namespace {

bool hasArabicIndicDigits(const QString &text)
{
	for (const QChar c : text) {
		if ((c.unicode() >= 0x0660 && c.unicode() <= 0x0669) ||
		    (c.unicode() >= 0x06F0 && c.unicode() <= 0x06F9)) {
			return true;
		}
	}
	return false;
}

// Sets the default locale for one test and puts the one before back.
class DefaultLocale {
public:
	explicit DefaultLocale(const QLocale &locale) { QLocale::setDefault(locale); }
	~DefaultLocale() { QLocale::setDefault(previous_); }
	DefaultLocale(const DefaultLocale &) = delete;
	DefaultLocale &operator=(const DefaultLocale &) = delete;

private:
	QLocale previous_;
};

} // namespace

TEST_CASE("The dock's locale keeps the module's digits: Arabic's give way, German's decimal comma stays", "[dock]")
{
	const QLocale arabic(QLocale::Arabic, QLocale::SaudiArabia);
	REQUIRE(hasArabicIndicDigits(arabic.toString(1234))); // what Qt writes there on its own
	CHECK(withModuleDigits(arabic).toString(1234567).remove(QLatin1Char(',')) == QStringLiteral("1234567"));
	CHECK_FALSE(hasArabicIndicDigits(withModuleDigits(arabic).toString(0.5)));

	const QLocale german(QLocale::German, QLocale::Germany);
	CHECK(withModuleDigits(german).toString(1.5) == QStringLiteral("1,5"));
	CHECK(withModuleDigits(german).name() == german.name());
	const QLocale english(QLocale::English, QLocale::UnitedStates);
	CHECK(withModuleDigits(english).toString(1.5) == QStringLiteral("1.5"));

	// A spin box as the dock makes one shows "42", not "٤٢".
	QSpinBox box;
	box.setLocale(withModuleDigits(arabic));
	box.setRange(0, 100);
	box.setValue(42);
	CHECK(box.text() == QStringLiteral("42"));
	QSpinBox plain;
	plain.setLocale(arabic);
	plain.setValue(42);
	CHECK(hasArabicIndicDigits(plain.text())); // the same box without it
}

TEST_CASE("The rule dialog's number boxes write the module's digits on an Arabic system", "[dock]")
{
	const DefaultLocale arabic(QLocale(QLocale::Arabic, QLocale::SaudiArabia));
	livegifts::view::Rule rule;
	rule.id = "rule-1";
	rule.trigger.kind = livegifts::view::TriggerKind::Streak;
	rule.trigger.giftId = 5655;
	rule.trigger.amount = 25;
	livegifts::view::GiftChoice rose;
	rose.giftId = 5655;
	rose.name = "Rose";
	rose.coins = 1;
	livegifts::obs::dock::RuleDialog dialog(rule, {rose}, nullptr);
	const auto boxes = dialog.findChildren<QSpinBox *>();
	REQUIRE_FALSE(boxes.isEmpty());
	bool sawAmount = false;
	for (const QSpinBox *box : boxes) {
		INFO("box " << box->objectName().toStdString() << ": " << box->text().toStdString());
		CHECK_FALSE(hasArabicIndicDigits(box->text()));
		sawAmount = sawAmount || box->text().contains(QStringLiteral("25"));
	}
	CHECK(sawAmount);
}

TEST_CASE("A path inside a line of the dock goes in as a left-to-right isolate", "[dock]")
{
	// Seen in Debian's OBS in Arabic: the ledger line's path had its leading slash beside the Arabic word, at
	// the line's start, where the status line's isolated address read right.
	CHECK(livegifts::obs::dock::leftToRightPart(QStringLiteral("/tmp/ledger.sqlite")) ==
	      QChar(0x2066) + QStringLiteral("/tmp/ledger.sqlite") + QChar(0x2069));
}
