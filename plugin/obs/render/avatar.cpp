#include "obs/render/avatar.hpp"

#include "obs/render/compose.hpp"
#include "obs/render/raster-image.hpp"

#include "obs/runtime.hpp"

#include "view/gift-emoji.hpp"

#include <QChar>
#include <QFont>
#include <QImage>
#include <QPainter>
#include <QString>
#include <QStringList>
#include <QTextBoundaryFinder>

#include <algorithm>
#include <array>

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

// Latin, Greek and Cyrillic initials read well side by side; other scripts show one.
bool pairable(const QString &grapheme)
{
	return !grapheme.isEmpty() && grapheme.at(0).unicode() < 0x0530 && grapheme.at(0).isLetterOrNumber();
}

// The first grapheme of a word that starts with a letter, digit or emoji (skipping "@", "_", dots ...).
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
		if (first.isLetterOrNumber() || first.isSurrogate() || first.unicode() >= 0x2600) {
			return grapheme;
		}
		start = end;
	}
	return {};
}

} // namespace

void RemotePicture::follow(const std::string &url, bool allowLocal)
{
	if (url == url_ && allowLocal == allowLocal_ && !url.empty()) {
		return;
	}
	url_ = url;
	allowLocal_ = allowLocal;
	pixels_.reset();
	state_ = connect::ImageState::Failed;
	if (!url_.empty()) {
		state_ = connect::ImageState::Loading;
		poll();
	}
}

bool RemotePicture::poll()
{
	if (state_ != connect::ImageState::Loading) {
		return false;
	}
	connect::ImageLookup lookup = Runtime::instance().images().get(url_, allowLocal_);
	if (lookup.state == connect::ImageState::Loading) {
		return false;
	}
	state_ = lookup.state;
	pixels_ = std::move(lookup.pixels);
	return true;
}

std::string initialsOf(const std::string &name)
{
	const QStringList words = QString::fromStdString(name).split(QChar(' '), Qt::SkipEmptyParts);
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
			if (pairable(grapheme)) {
				initials += grapheme.toUpper();
			}
			break;
		}
	}
	return initials.isEmpty() ? std::string("?") : initials.toStdString();
}

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
		qfont.setFamilies({QString::fromStdString(font.family), QStringLiteral("Noto Color Emoji")});
		qfont.setPixelSize(std::max(6, size * 2 / 5));
		qfont.setBold(true);
		painter.setFont(qfont);
		painter.setPen(QColor(255, 255, 255));
		painter.drawText(QRect(0, 0, size, size), Qt::AlignCenter | Qt::TextSingleLine,
				 QString::fromStdString(initialsOf(name)));
	}
	return whole(canvas, x, y);
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
	auto image = rasterizeText({item}, width, height);
	auto placed = std::make_shared<RasterImage>(*image);
	placed->x += x;
	placed->y += y;
	return placed;
}

} // namespace livegifts::obs
