// rasterizeText paints only the part of the canvas its text is expected to reach; what it hands over must
// be, pixel for pixel and place for place, what painting every layer over the whole canvas gives
// (rasterizeTextWhole), for every script, every effect, text at the canvas's edges and marks stacked far
// outside the line.

#include "obs/render/avatar.hpp"
#include "obs/render/font-family.hpp"
#include "obs/render/raster.hpp"
#include "obs/render/raster-worker.hpp"
#include "view/goal-bar.hpp"
#include "view/top-supporters.hpp"

#include <catch2/catch.hpp>

#include <QFont>
#include <QFontDatabase>
#include <QGlyphRun>
#include <QGuiApplication>
#include <QRawFont>
#include <QTextLayout>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using livegifts::obs::paintFamilies;
using livegifts::obs::RasterImage;
using livegifts::obs::rasterizeText;
using livegifts::obs::rasterizeTextWhole;
using livegifts::view::HAlign;
using livegifts::view::TextItem;

namespace {

// Fonts need a GUI application object (offscreen).
void ensureApp()
{
	if (QGuiApplication::instance() == nullptr) {
		static int argc = 1;
		static char name[] = "live_gifts_raster_tests";
		static char *argv[] = {name, nullptr};
		static QGuiApplication app(argc, argv);
	}
}

TextItem item(std::string text, int x, int y, int width, int height, int pixelSize)
{
	TextItem t;
	t.text = std::move(text);
	t.font.pixelSize = pixelSize;
	t.color = {255, 255, 255, 255};
	t.x = x;
	t.y = y;
	t.width = width;
	t.height = height;
	return t;
}

// The same image in the same place, byte for byte.
void requireSame(const RasterImage &part, const RasterImage &whole)
{
	REQUIRE_FALSE(whole.empty());
	CHECK(part.x == whole.x);
	CHECK(part.y == whole.y);
	CHECK(part.width == whole.width);
	CHECK(part.height == whole.height);
	CHECK(part.rgba == whole.rgba);
}

std::string zalgo(const std::string &base, int marks)
{
	std::string text;
	for (const char c : base) {
		text += c;
		for (int i = 0; i < marks; ++i) {
			text += (i % 2 == 0) ? "\xCC\x8D" : "\xCD\xA1"; // U+030D above, U+0361 above (double)
		}
	}
	return text;
}

bool hasEmojiFont()
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 0, 0)
	return QFontDatabase::hasFamily(QStringLiteral("Noto Color Emoji"));
#else
	return QFontDatabase().hasFamily(QStringLiteral("Noto Color Emoji"));
#endif
}

// The families of the fonts that paint `text` in `font`, run by run.
std::vector<QString> familiesUsed(const QFont &font, const QString &text)
{
	QTextLayout layout(text, font);
	layout.beginLayout();
	layout.createLine();
	layout.endLayout();
	std::vector<QString> families;
	for (const QGlyphRun &run : layout.glyphRuns()) {
		families.push_back(run.rawFont().familyName());
	}
	return families;
}

} // namespace

TEST_CASE("paintFamilies: a family known only by an alias or missing paints digits and spaces in a text font",
	  "[raster-text]")
{
	ensureApp();
	if (!hasEmojiFont()) {
		WARN("Noto Color Emoji is not installed: nothing to mix up");
		return;
	}
	// Aliases and families Linux lacks (a scene collection made on Windows or macOS), one it has, and none.
	for (const char *family : {"Sans Serif", "sans-serif", "Arial", "Segoe UI", "Helvetica", "Monospace",
				   "No Such Font 12345", "Noto Sans", ""}) {
		CAPTURE(family);
		const QStringList families = paintFamilies(family);
		REQUIRE(families.size() == 2);
		CHECK(families.back() == QStringLiteral("Noto Color Emoji"));
		QFont font;
		font.setFamilies(families);
		font.setPixelSize(36);
		font.setBold(true);
		for (const QString &used : familiesUsed(font, QStringLiteral("x12 # * 1,000 coins"))) {
			CHECK(used != QStringLiteral("Noto Color Emoji"));
		}
		// Emoji still come in colour.
		const std::vector<QString> emoji = familiesUsed(font, QString::fromUtf8("\xF0\x9F\x8C\xB9"));
		REQUIRE(emoji.size() == 1);
		CHECK(emoji.front() == QStringLiteral("Noto Color Emoji"));
	}
	// An installed family is kept as it is.
	CHECK(paintFamilies("Noto Sans").front() == QStringLiteral("Noto Sans"));
}

TEST_CASE("rasterizeText: a card's lines in every script and every effect equal the whole canvas's", "[raster-text]")
{
	ensureApp();
	const std::vector<std::string> names = {"Layla Haddad", "ليلى حداد", "小龍包の配信 응원단",
						"👩‍👩‍👧‍👦 Fam 🏳️‍🌈🧑🏽‍🚀",
						std::string(120, 'W')};
	for (const std::string &name : names) {
		for (int look = 0; look < 4; ++look) {
			CAPTURE(name, look);
			std::vector<TextItem> items = {item(name, 150, 20, 330, 44, 30),
						       item("sent Galaxy x3", 150, 66, 330, 36, 22),
						       item("x12", 500, 90, 120, 60, 36)};
			items[2].align = HAlign::Right;
			for (TextItem &t : items) {
				t.shadow = look != 0;
				t.effects.outlineWidth = look >= 2 ? (look == 3 ? 10 : 2) : 0;
				t.effects.plate = look == 1 || look == 3;
			}
			items[1].align = look == 3 ? HAlign::Center : HAlign::Left;
			const auto part = rasterizeText(items, 640, 160);
			const auto whole = rasterizeTextWhole(items, 640, 160);
			requireSame(*part, *whole);
			// What was painted lies well inside the canvas: the saving is real.
			CHECK(part->width < 640);
		}
	}
}

TEST_CASE("rasterizeText: text at the canvas's edges keeps its plate, outline and shadow as on the whole canvas",
	  "[raster-text]")
{
	ensureApp();
	std::vector<TextItem> items = {item("Edge of the world", 0, 0, 200, 30, 28),
				       item("bottom right corner", 440, 130, 200, 30, 28)};
	items[1].align = HAlign::Right;
	for (TextItem &t : items) {
		t.effects.outlineWidth = 6;
		t.effects.plate = true;
	}
	requireSame(*rasterizeText(items, 640, 160), *rasterizeTextWhole(items, 640, 160));
}

TEST_CASE("rasterizeText: marks stacked far above and below a line are painted as on the whole canvas", "[raster-text]")
{
	ensureApp();
	// A small line in the middle of a tall canvas whose marks reach several font sizes away from it.
	std::vector<TextItem> items = {item(zalgo("Zalgo", 40), 200, 180, 240, 24, 16)};
	const auto whole = rasterizeTextWhole(items, 640, 400);
	// The marks do reach beyond the line's box and a font size around it (else this case checks nothing).
	REQUIRE(whole->y < 180 - 16);
	requireSame(*rasterizeText(items, 640, 400), *whole);
	items[0].effects.outlineWidth = 3;
	requireSame(*rasterizeText(items, 640, 400), *rasterizeTextWhole(items, 640, 400));
}

TEST_CASE("rasterizeText: nothing to paint gives an empty image", "[raster-text]")
{
	ensureApp();
	CHECK(rasterizeText({}, 640, 160)->empty());
	CHECK(rasterizeText({item("", 0, 0, 100, 30, 20)}, 640, 160)->empty());
	CHECK(rasterizeText({item("text", 0, 0, 100, 30, 20)}, 0, 160)->empty());
	// A box entirely off the canvas paints nothing on it.
	CHECK(rasterizeText({item("text", 700, 0, 100, 30, 20)}, 640, 160)->empty());
}

TEST_CASE("textWidth: a list row's long amount is given its width, not cut, the name giving way", "[raster-text]")
{
	ensureApp();
	livegifts::view::TopStyle style; // the defaults a streamer starts with
	style.coinsFormat = "{coins} coins";
	const livegifts::view::RowLayout layout = livegifts::view::layOut(style);
	for (const long long coins : {200004LL, 2999999970LL}) {
		std::vector<TextItem> texts =
		    livegifts::view::rowTexts(style, layout, livegifts::view::RowContent{1, "Layla Haddad", "", coins});
		const int wanted = livegifts::obs::textWidth(texts.back());
		CAPTURE(coins, wanted, texts.back().width);
		CHECK(wanted > texts.back().width); // its box as laid out would cut it ("200,004 coi…")
		livegifts::view::fitAmount(texts, [](const TextItem &one) { return livegifts::obs::textWidth(one); });
		CHECK(livegifts::obs::textWidth(texts.back()) <= texts.back().width);
		CHECK(texts[1].width > 0);
	}
}

TEST_CASE("textWidth: a goal's ten-digit progress is given its width beside the title, not cut", "[raster-text]")
{
	ensureApp();
	livegifts::view::GoalBarStyle style; // the defaults a streamer starts with
	style.valueFormat = "{current} / {target}";
	livegifts::view::GoalValues values;
	values.title = "New camera";
	values.current = 1234567890;
	values.target = 5000000000;
	values.fraction = 0.25;
	std::vector<TextItem> texts = livegifts::view::layOut(style, values).texts;
	REQUIRE(texts.size() >= 2);
	const int wanted = livegifts::obs::textWidth(texts[1]);
	CAPTURE(texts[1].text, wanted, texts[1].width);
	CHECK(wanted > texts[1].width); // its box as laid out would cut it
	livegifts::view::fitValue(texts, [](const TextItem &one) { return livegifts::obs::textWidth(one); });
	CHECK(livegifts::obs::textWidth(texts[1]) <= texts[1].width);
	CHECK(texts[0].width > 0);
}

TEST_CASE("textWidth: a narrow goal bar's progress is whole, in fewer characters, horizontal and vertical",
	  "[raster-text]")
{
	ensureApp();
	const auto measure = [](const TextItem &one) { return livegifts::obs::textWidth(one); };
	livegifts::view::GoalValues values;
	values.title = "Ring light";
	values.current = 26641;
	values.target = 2000000000;
	values.fraction = 0.0;
	for (const auto orientation :
	     {livegifts::view::Orientation::Horizontal, livegifts::view::Orientation::Vertical}) {
		for (const int width : {100, 160, 250, 300, 325, 350}) {
			for (const long long current : {26641LL, 1900026641LL}) {
				livegifts::view::GoalBarStyle style; // the defaults a streamer starts with, narrower
				style.valueFormat = "{current} / {target}";
				style.orientation = orientation;
				style.width = width;
				style.height = orientation == livegifts::view::Orientation::Vertical ? 600 : 100;
				values.current = current;
				std::vector<TextItem> texts = livegifts::view::layOut(style, values).texts;
				REQUIRE(texts.size() >= 2);
				livegifts::view::fitValue(texts, measure);
				CAPTURE(width, current, texts[1].text, texts[1].width, texts[1].font.pixelSize);
				// Whole, in its font: no "…" in place of digits.
				CHECK(measure(texts[1]) <= texts[1].width);
				const bool target = texts[1].text.find("2,000,000,000") != std::string::npos ||
						    texts[1].text.find("2B") != std::string::npos;
				CHECK(target);
			}
		}
	}
}

TEST_CASE("initialsOf: a name's first letter keeps a few of its marks, not a pile, and no override", "[raster-text]")
{
	ensureApp();
	std::string pile = "z";
	for (int i = 0; i < 30; ++i) {
		pile += "\u0336";
	}
	CHECK(livegifts::obs::initialsOf(pile + " y") == "Z\u0336\u0336\u0336Y");
	CHECK(livegifts::obs::initialsOf("\u202eLayla Haddad") == "LH");
	CHECK(livegifts::obs::initialsOf("Nguyê\u0303n") == "N");
}

TEST_CASE("initialsOf: a keycap or another emoji first is the initial, alone; an emoji is never paired",
	  "[raster-text]")
{
	ensureApp();
	// A keycap starts with "#", "*" or a digit: it was skipped for the next word's letter ("K"), or paired.
	CHECK(livegifts::obs::initialsOf("#\uFE0F\u20E3 keycap") == "#\uFE0F\u20E3");
	CHECK(livegifts::obs::initialsOf("*\uFE0F\u20E3") == "*\uFE0F\u20E3");
	CHECK(livegifts::obs::initialsOf("1\uFE0F\u20E3 fan") == "1\uFE0F\u20E3");
	CHECK(livegifts::obs::initialsOf("Zoe 7\uFE0F\u20E3") == "Z");
	CHECK(livegifts::obs::initialsOf("_@#\uFE0F\u20E3") == "#\uFE0F\u20E3");
	CHECK(livegifts::obs::initialsOf("\U0001F338 Sakura") == "\U0001F338");
	// A plain "#" or digit is what it was: no emoji.
	CHECK(livegifts::obs::initialsOf("# hashtag") == "H");
	CHECK(livegifts::obs::initialsOf("7 Seas") == "7S");
}

TEST_CASE("initialsOf: a number is never the second initial; a word after it may be", "[raster-text]")
{
	ensureApp();
	CHECK(livegifts::obs::initialsOf("Anna 15") == "A");
	CHECK(livegifts::obs::initialsOf("Sara 2007 \u2728") == "S");
	CHECK(livegifts::obs::initialsOf("Ali 2k") == "A");
	CHECK(livegifts::obs::initialsOf("Anna 15 Smith") == "AS");
	CHECK(livegifts::obs::initialsOf("Omar \u0663\u0664") == "O"); // Arabic-Indic digits too
	// A name that starts with a number keeps it; so does a name that is only numbers.
	CHECK(livegifts::obs::initialsOf("7 Seas") == "7S");
	CHECK(livegifts::obs::initialsOf("2007") == "2");
	CHECK(livegifts::obs::initialsOf("99 88") == "9");
}

TEST_CASE("rasterizeText: emoji sequences are painted from the colour emoji font, whole", "[raster-text]")
{
	ensureApp();
	if (!hasEmojiFont()) {
		WARN("Noto Color Emoji is not installed: skipped");
		return;
	}
	// Pixels far from the text's white and grey: a colour picture's.
	const auto coloured = [](const RasterImage &image) {
		int count = 0;
		for (std::size_t i = 0; i + 3 < image.rgba.size(); i += 4) {
			const int r = image.rgba[i], g = image.rgba[i + 1], b = image.rgba[i + 2],
				  a = image.rgba[i + 3];
			count += a > 128 && std::max({r, g, b}) - std::min({r, g, b}) > 80 ? 1 : 0;
		}
		return count;
	};
	const auto painted = [](const std::string &text) {
		TextItem one = item(text, 0, 0, 600, 80, 48);
		one.shadow = false;
		return rasterizeText({one}, 640, 100);
	};
	// A text font's monochrome heart or flag would take the text's white: these are red, rainbow, flame.
	for (const char *text : {"\u2764\uFE0F", "\u2764\uFE0F\u200D\U0001F525", "\U0001F3F3\uFE0F\u200D\U0001F308",
				 "\u263A\uFE0F", "\u2B50", "#\uFE0F\u20E3"}) {
		const auto image = painted(text);
		CAPTURE(text);
		REQUIRE_FALSE(image->empty());
		if (std::string(text)[0] != '#') { // the font's keycaps are grey boxes
			CHECK(coloured(*image) > 200);
		}
		// One picture, not its parts side by side: about an em wide (two would be twice that).
		CHECK(image->width < 48 * 3 / 2);
	}
	// Around words, in a name.
	const auto name = painted("Layla \u2764\uFE0F\u200D\U0001F525 fan");
	CHECK(coloured(*name) > 200);
	CHECK(name->width < painted("Layla \u2764\uFE0F \U0001F525 fan")->width);
	// Text style asked: the white of the text, from a text font, though the line's own font lacks the heart and
	// the colour emoji font comes next in its list; the same character with the emoji selector stays red.
	for (const char *text : {"\u2764\uFE0E", "Layla \u2764\uFE0E fan", "\u263A\uFE0E", "\u2B50\uFE0E"}) {
		const auto image = painted(text);
		CAPTURE(text);
		REQUIRE_FALSE(image->empty());
		CHECK(coloured(*image) == 0);
	}
	CHECK(coloured(*painted("\u2764\uFE0E \u2764\uFE0F")) > 200);
}

TEST_CASE("An avatar's initials disc draws an emoji sequence as the name does: one picture", "[raster-text]")
{
	ensureApp();
	if (!hasEmojiFont()) {
		WARN("Noto Color Emoji is not installed: skipped");
		return;
	}
	livegifts::view::FontSpec font;
	font.family = "Noto Sans";
	const livegifts::view::Rgba disc{90, 60, 200, 255};
	const auto avatar = [&](const std::string &name) {
		return livegifts::obs::rasterizeAvatar(nullptr, name, disc, font, 0, 0, 96);
	};
	// The width of what is painted over the disc: one picture is about the font's size (48 px here: an emoji
	// initial is drawn at half the disc, larger than letters, to look as large as they do), two side by side
	// ("🏳" and "🌈", "❤" and "🔥") twice that.
	const auto pictureWidth = [&](const RasterImage &image) {
		int left = image.width, right = -1;
		for (int y = 0; y < image.height; ++y) {
			for (int x = 0; x < image.width; ++x) {
				const uint8_t *p = &image.rgba[static_cast<std::size_t>((y * image.width + x) * 4)];
				const int off =
				    std::abs(p[0] - disc.r) + std::abs(p[1] - disc.g) + std::abs(p[2] - disc.b);
				if (p[3] > 250 && off > 60) {
					left = std::min(left, x);
					right = std::max(right, x);
				}
			}
		}
		return right - left + 1;
	};
	int sum = 0;
	for (const char *name :
	     {"\U0001F3F3\uFE0F\u200D\U0001F308 pride", "\u2764\uFE0F\u200D\U0001F525 fire",
	      "\U0001F441\uFE0F\u200D\U0001F5E8\uFE0F eye", "\U0001F468\u200D\U0001F469\u200D\U0001F467 family"}) {
		CAPTURE(name);
		const auto image = avatar(name);
		REQUIRE(image->width == 96);
		const int width = pictureWidth(*image);
		CHECK(width > 30);
		CHECK(width < 72);
		sum += width;
	}
	// As large as letters look: 44 px on average (36 px at the letters' size, which looked a size smaller).
	CHECK(sum / 4 >= 40);
}

TEST_CASE("rasterizeText: a box too narrow for any of its text shows nothing, not a lone ellipsis", "[raster-text]")
{
	ensureApp();
	TextItem narrow = item("Layla Haddad", 0, 0, 22, 40, 24); // room for "…" and not one letter more
	narrow.shadow = false;
	CHECK(rasterizeText({narrow}, 100, 60)->empty());
	TextItem isolated = narrow;
	isolated.text = "\u2068Layla Haddad\u2069"; // as templates put a name
	CHECK(rasterizeText({isolated}, 100, 60)->empty());
	TextItem wider = narrow;
	wider.width = 60;
	CHECK_FALSE(rasterizeText({wider}, 100, 60)->empty()); // "La…": still shown
	TextItem dots = narrow;
	dots.text = "\u2026"; // a text that is an ellipsis is shown
	CHECK_FALSE(rasterizeText({dots}, 100, 60)->empty());
}

namespace {
std::atomic<int> timerWarnings{0};
void countTimerWarnings(QtMsgType type, const QMessageLogContext &, const QString &message)
{
	if (type == QtWarningMsg && message.contains(QStringLiteral("startTimer"))) {
		timerWarnings.fetch_add(1);
	}
}
} // namespace

TEST_CASE("The raster worker paints on a thread Qt's font cache can start its timer on: no warning in OBS's log",
	  "[raster-text]")
{
	ensureApp();
	// Qt 5's font cache starts a timer once it has grown past a few megabytes; a plain thread refuses it with
	// "QObject::startTimer: Timers can only be used with threads started with QThread". Large emoji grow it fast.
	const QtMessageHandler previous = qInstallMessageHandler(countTimerWarnings);
	{
		livegifts::obs::RasterWorker worker;
		auto slot = std::make_shared<livegifts::obs::RasterSlot>();
		for (uint64_t i = 1; i <= 150; ++i) {
			std::string text;
			for (char32_t c = 0x1F400 + static_cast<char32_t>(i * 6 % 0x200), end = c + 6; c < end; ++c) {
				text += QString::fromUcs4(&c, 1).toStdString();
			}
			TextItem big = item(text, 0, 0, 1200, 200, 60 + static_cast<int>(i % 60));
			worker.post(slot, [big] { return rasterizeText({big}, 1240, 220); });
			while (slot->imageVersion() != i) {
				std::this_thread::sleep_for(std::chrono::milliseconds(1));
			}
		}
	}
	qInstallMessageHandler(previous);
	CHECK(timerWarnings.load() == 0);
}
