#include "obs/render/avatar.hpp"

#include "obs/render/compose.hpp"
#include "obs/render/font-family.hpp"
#include "obs/render/raster-image.hpp"
#include "obs/render/text-line.hpp"

#include "view/emoji-runs.hpp"
#include "view/gift-emoji.hpp"
#include "view/template.hpp"

#include <QChar>
#include <QFont>
#include <QImage>
#include <QPainter>
#include <QString>
#include <QStringList>
#include <QTextBoundaryFinder>

#include <algorithm>
#include <array>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace livegifts::obs {

namespace {

// All of image, placed at (x, y).
std::shared_ptr<const RasterImage> whole(const QImage &image, int x, int y)
{
	return toRasterImage(image, image.rect(), x, y);
}

// Wraps the fetcher's pixels without copying (valid while `pixels` lives).
QImage wrap(const connect::ImagePixels &pixels)
{
	if (pixels.width <= 0 || pixels.height <= 0 || pixels.bytes.empty()) {
		return {};
	}
	return QImage(pixels.bytes.data(), pixels.width, pixels.height, pixels.stride,
		      QImage::Format_RGBA8888_Premultiplied);
}

// The last few pictures painted from text alone (an emoji glyph, an initials disc), by everything their
// pixels depend on: a colour emoji as large as a gift's picture is past Qt's glyph cache, so each paint
// would decode its bitmap and scale it again. Pictures are immutable once made; any thread may ask.
class TextPictureCache {
public:
	template <typename Paint>
	std::shared_ptr<const RasterImage> get(const std::string &key, Paint paint)
	{
		{
			const std::lock_guard<std::mutex> lock(mutex_);
			for (auto it = entries_.begin(); it != entries_.end(); ++it) {
				if (it->first == key) {
					entries_.splice(entries_.begin(), entries_, it); // most recent first
					return it->second;
				}
			}
		}
		std::shared_ptr<const RasterImage> image = paint();
		const std::lock_guard<std::mutex> lock(mutex_);
		entries_.emplace_front(key, image);
		if (entries_.size() > kEntries) {
			entries_.pop_back();
		}
		return image;
	}

private:
	static constexpr size_t kEntries = 24;
	std::mutex mutex_; // guards entries_ (any thread)
	std::list<std::pair<std::string, std::shared_ptr<const RasterImage>>> entries_;
};

TextPictureCache &textPictures()
{
	static TextPictureCache cache;
	return cache;
}

// True when `grapheme` is an emoji sequence in colour ("#️⃣", "1️⃣", "❤️", "👩‍💻"), not a letter or a
// digit.
bool isEmoji(const QString &grapheme)
{
	const std::u16string_view units(reinterpret_cast<const char16_t *>(grapheme.utf16()),
					static_cast<std::size_t>(grapheme.size()));
	const std::vector<view::EmojiRun> runs = view::emojiRuns(units);
	return !runs.empty() && runs.front().start == 0 && !runs.front().textStyle;
}

// Latin, Greek and Cyrillic initials read well side by side; other scripts and emoji show one.
bool pairable(const QString &grapheme)
{
	return !grapheme.isEmpty() && grapheme.at(0).unicode() < 0x0530 && grapheme.at(0).isLetterOrNumber() &&
	       !isEmoji(grapheme);
}

// The first grapheme of a word that is a letter, digit or emoji, a keycap included (skipping "@", "_", dots
// ...).
QString firstGrapheme(const QString &word)
{
	QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, word);
	using Index = decltype(word.size()); // int in Qt 5, qsizetype in Qt 6
	Index start = 0;
	while (start < word.size()) {
		finder.setPosition(start);
		Index end = finder.toNextBoundary();
		if (end < 0) {
			end = word.size();
		}
		const QString grapheme = word.mid(start, end - start);
		const QChar first = grapheme.at(0);
		if (first.isLetterOrNumber() || first.isSurrogate() || first.unicode() >= 0x2600 || isEmoji(grapheme)) {
			return grapheme;
		}
		start = end;
	}
	return {};
}

} // namespace

std::string initialsOf(const std::string &name)
{
	// As the name shows elsewhere: a pile of marks on its first letter is cut to a few, and no override turns it.
	const QStringList words = QString::fromStdString(view::viewerName(name)).split(QChar(' '), Qt::SkipEmptyParts);
	QString initials;
	for (const QString &word : words) {
		const QString grapheme = firstGrapheme(word);
		if (grapheme.isEmpty()) {
			continue;
		}
		if (initials.isEmpty()) {
			initials = grapheme.toUpper();
			if (!pairable(grapheme)) {
				break;
			}
		} else {
			if (grapheme.at(0).isNumber()) {
				continue; // "Anna 15", "Sara 2007 ✨": a number is not a second initial ("A", not "A1")
			}
			if (pairable(grapheme)) {
				initials += grapheme.toUpper();
			}
			break;
		}
	}
	return initials.isEmpty() ? std::string("?") : initials.toStdString();
}

namespace {

// A disc of `disc` colour with the initials in white, at (0, 0).
std::shared_ptr<const RasterImage> initialsDisc(const QString &initials, Rgba disc, const FontSpec &font, int size)
{
	QImage canvas(size, size, QImage::Format_ARGB32_Premultiplied);
	canvas.fill(Qt::transparent);
	{
		QPainter painter(&canvas);
		painter.setRenderHint(QPainter::Antialiasing);
		painter.setRenderHint(QPainter::TextAntialiasing);
		painter.setPen(Qt::NoPen);
		painter.setBrush(QColor(disc.r, disc.g, disc.b, disc.a));
		painter.drawEllipse(QRectF(0, 0, size, size));
		QFont qfont;
		qfont.setFamilies(paintFamilies(font.family));
		// A colour emoji fills less of its em than a bold capital: it is drawn larger to look as large.
		qfont.setPixelSize(std::max(6, isEmoji(initials) ? size / 2 : size * 2 / 5));
		qfont.setBold(true);
		painter.setFont(qfont);
		painter.setPen(QColor(255, 255, 255));
		// An emoji sequence as the first "letter" is one picture, as in the name beside it.
		drawTextLine(painter, qfont, emojiLine(initials), QRect(0, 0, size, size),
			     Qt::AlignCenter | Qt::TextSingleLine);
	}
	return whole(canvas, 0, 0);
}

} // namespace

std::shared_ptr<const RasterImage> rasterizeAvatar(const std::shared_ptr<const connect::ImagePixels> &pixels,
						   const std::string &name, Rgba disc, const FontSpec &font, int x,
						   int y, int size)
{
	if (size <= 0) {
		return std::make_shared<RasterImage>();
	}
	const QImage source = pixels ? wrap(*pixels) : QImage();
	if (!source.isNull()) {
		const int side = std::min(source.width(), source.height());
		const QImage square =
		    source.copy((source.width() - side) / 2, (source.height() - side) / 2, side, side);
		return whole(square.scaled(size, size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation), x, y);
	}
	const QString initials = QString::fromStdString(initialsOf(name));
	const std::string key = "initials " + std::to_string(size) + " " + std::to_string(disc.r) + "," +
				std::to_string(disc.g) + "," + std::to_string(disc.b) + "," + std::to_string(disc.a) +
				" " + font.family + "\n" + initials.toStdString();
	auto image = textPictures().get(key, [&] { return initialsDisc(initials, disc, font, size); });
	auto placed = std::make_shared<RasterImage>(*image);
	placed->x = x;
	placed->y = y;
	return placed;
}

std::shared_ptr<const RasterImage> rasterizePicture(const connect::ImagePixels &pixels, int x, int y, int width,
						    int height)
{
	const QImage source = wrap(pixels);
	if (source.isNull() || width <= 0 || height <= 0) {
		return std::make_shared<RasterImage>();
	}
	const QImage scaled = source.scaled(width, height, Qt::KeepAspectRatio, Qt::SmoothTransformation);
	return whole(scaled, x + (width - scaled.width()) / 2, y + (height - scaled.height()) / 2);
}

std::shared_ptr<const RasterImage> rasterizeGiftBadge(const std::shared_ptr<const connect::ImagePixels> &pixels,
						      const std::string &name, int size)
{
	if (pixels) {
		return rasterizePicture(*pixels, 0, 0, size, size);
	}
	Composer composer(0, 0, size, size);
	const auto side = static_cast<float>(size);
	composer.roundedRect(0.0f, 0.0f, side, side, side / 2.0f, Rgba{255, 214, 107, 255}, Rgba{255, 150, 40, 255});
	const int inset = size / 6;
	composer.image(*rasterizeGlyph(view::giftEmoji(name), inset, inset, size - 2 * inset, size - 2 * inset));
	return composer.finish(false);
}

std::shared_ptr<const RasterImage> rasterizeGlyph(const std::string &glyph, int x, int y, int width, int height)
{
	const std::string key = "glyph " + std::to_string(width) + "x" + std::to_string(height) + " " + glyph;
	auto image = textPictures().get(key, [&] {
		TextItem item;
		item.text = glyph;
		item.font.family = "Noto Color Emoji";
		item.font.bold = false;
		item.font.pixelSize = std::max(6, std::min(width, height) * 3 / 4);
		item.x = 0;
		item.y = 0;
		item.width = width;
		item.height = height;
		item.align = HAlign::Center;
		return rasterizeText({item}, width, height);
	});
	auto placed = std::make_shared<RasterImage>(*image);
	placed->x += x;
	placed->y += y;
	return placed;
}

} // namespace livegifts::obs
