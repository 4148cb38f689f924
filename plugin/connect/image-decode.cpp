#include "connect/image-fetcher.hpp"

#include <cstring>

#include <QBuffer>
#include <QByteArray>
#include <QImage>
#include <QImageReader>

#include <webp/decode.h>

namespace livegifts::connect {

ImageFormat sniffImageFormat(const std::uint8_t *data, std::size_t size)
{
	static const std::uint8_t png[] = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
	if (size >= sizeof(png) && std::memcmp(data, png, sizeof(png)) == 0) {
		return ImageFormat::Png;
	}
	if (size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff) {
		return ImageFormat::Jpeg;
	}
	if (size >= 12 && std::memcmp(data, "RIFF", 4) == 0 && std::memcmp(data + 8, "WEBP", 4) == 0) {
		return ImageFormat::Webp;
	}
	return ImageFormat::Unknown;
}

namespace {

bool decodeWebp(const std::uint8_t *data, std::size_t size, ImagePixels &out, std::string &error, int maxDimension)
{
	WebPDecoderConfig config;
	if (!WebPInitDecoderConfig(&config)) {
		error = "the WebP decoder does not match its library";
		return false;
	}
	if (WebPGetFeatures(data, size, &config.input) != VP8_STATUS_OK) {
		error = "not a readable WebP image";
		return false;
	}
	const int width = config.input.width;
	const int height = config.input.height;
	if (width <= 0 || height <= 0 || width > maxDimension || height > maxDimension) {
		error = "the image is too large (" + std::to_string(width) + "x" + std::to_string(height) + ")";
		return false;
	}
	ImagePixels pixels;
	pixels.width = width;
	pixels.height = height;
	pixels.stride = width * 4;
	pixels.bytes.resize(static_cast<std::size_t>(pixels.stride) * static_cast<std::size_t>(height));

	// Decode straight into our buffer, premultiplied (MODE_rgbA); an animated WebP yields its first frame.
	config.output.colorspace = MODE_rgbA;
	config.output.is_external_memory = 1;
	config.output.u.RGBA.rgba = pixels.bytes.data();
	config.output.u.RGBA.stride = pixels.stride;
	config.output.u.RGBA.size = pixels.bytes.size();
	const VP8StatusCode status = WebPDecode(data, size, &config);
	WebPFreeDecBuffer(&config.output);
	if (status != VP8_STATUS_OK) {
		error = "the WebP image is damaged (status " + std::to_string(static_cast<int>(status)) + ")";
		return false;
	}
	out = std::move(pixels);
	return true;
}

bool decodeWithQt(const std::uint8_t *data, std::size_t size, ImagePixels &out, std::string &error, int maxDimension)
{
	QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), static_cast<int>(size));
	QBuffer buffer(&bytes);
	buffer.open(QIODevice::ReadOnly);
	QImageReader reader(&buffer);
	reader.setDecideFormatFromContent(true);
	const QSize dimensions = reader.size();
	if (dimensions.isValid() && (dimensions.width() > maxDimension || dimensions.height() > maxDimension)) {
		error = "the image is too large (" + std::to_string(dimensions.width()) + "x" +
			std::to_string(dimensions.height()) + ")";
		return false;
	}
	QImage image = reader.read();
	if (image.isNull()) {
		error = "the image is damaged (" + reader.errorString().toStdString() + ")";
		return false;
	}
	if (image.width() > maxDimension || image.height() > maxDimension) {
		error = "the image is too large";
		return false;
	}
	image = image.convertToFormat(QImage::Format_RGBA8888_Premultiplied);
	ImagePixels pixels;
	pixels.width = image.width();
	pixels.height = image.height();
	pixels.stride = image.width() * 4;
	pixels.bytes.resize(static_cast<std::size_t>(pixels.stride) * static_cast<std::size_t>(pixels.height));
	for (int y = 0; y < pixels.height; ++y) {
		std::memcpy(pixels.bytes.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(pixels.stride),
			    image.constScanLine(y), static_cast<std::size_t>(pixels.stride));
	}
	out = std::move(pixels);
	return true;
}

} // namespace

bool decodeImage(const std::uint8_t *data, std::size_t size, ImagePixels &out, std::string &error, int maxDimension)
{
	switch (sniffImageFormat(data, size)) {
	case ImageFormat::Webp:
		return decodeWebp(data, size, out, error, maxDimension);
	case ImageFormat::Png:
	case ImageFormat::Jpeg:
		return decodeWithQt(data, size, out, error, maxDimension);
	case ImageFormat::Unknown:
		break;
	}
	error = "not a PNG, JPEG or WebP image";
	return false;
}

} // namespace livegifts::connect
