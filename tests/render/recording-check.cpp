// Checks a recording made by the demo: decodes stills from the MP4 with ffmpeg, then asserts that the
// frames are not blank and that every source of the scene spec moves (its area differs between stills).
//
//   recording-check --video FILE.mp4 --spec SCENE.json [--every SECONDS] [--stills DIR]

#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace {

struct Region {
	std::string name;
	QRect rect;
};

// Mean absolute difference of two images inside a rectangle, 0..255.
double meanDifference(const QImage &a, const QImage &b, const QRect &rect)
{
	double sum = 0.0;
	long long count = 0;
	for (int y = rect.top(); y <= rect.bottom(); y += 2) {
		for (int x = rect.left(); x <= rect.right(); x += 2) {
			const QRgb p = a.pixel(x, y);
			const QRgb q = b.pixel(x, y);
			sum += std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q)) +
			       std::abs(qBlue(p) - qBlue(q));
			count += 3;
		}
	}
	return count ? sum / static_cast<double>(count) : 0.0;
}

// Standard deviation of the grey level: a blank (single-colour) frame has about 0.
double greyDeviation(const QImage &image)
{
	double sum = 0.0, sumSq = 0.0;
	long long n = 0;
	for (int y = 0; y < image.height(); y += 4) {
		for (int x = 0; x < image.width(); x += 4) {
			const double g = qGray(image.pixel(x, y));
			sum += g;
			sumSq += g * g;
			++n;
		}
	}
	const double mean = sum / static_cast<double>(n);
	return std::sqrt(std::max(0.0, sumSq / static_cast<double>(n) - mean * mean));
}

} // namespace

int main(int argc, char **argv)
{
	QCoreApplication app(argc, argv);
	QString video, specPath, stillsDir;
	double every = 2.0;
	const QStringList args = app.arguments();
	for (int i = 1; i + 1 < args.size(); i += 2) {
		if (args[i] == "--video") {
			video = args[i + 1];
		} else if (args[i] == "--spec") {
			specPath = args[i + 1];
		} else if (args[i] == "--every") {
			every = args[i + 1].toDouble();
		} else if (args[i] == "--stills") {
			stillsDir = args[i + 1];
		}
	}
	std::ifstream specFile(specPath.toStdString());
	if (video.isEmpty() || !specFile) {
		std::fprintf(stderr, "usage: recording-check --video FILE.mp4 --spec SCENE.json [--every S]\n");
		return 2;
	}
	const nlohmann::json spec = nlohmann::json::parse(specFile);
	std::vector<Region> regions;
	for (const auto &source : spec.at("sources")) {
		// The area a source covers: "region": [x, y, w, h] when given, else its position and size settings.
		const auto &settings = source.value("settings", nlohmann::json::object());
		QRect rect(source.value("x", 0), source.value("y", 0), settings.value("width", 100),
			   settings.value("height", 100));
		if (source.contains("region")) {
			const auto &r = source.at("region");
			rect = QRect(r[0].get<int>(), r[1].get<int>(), r[2].get<int>(), r[3].get<int>());
		}
		regions.push_back({source.value("name", source.at("id").get<std::string>()), rect});
	}

	QTemporaryDir temp;
	const QString dir = stillsDir.isEmpty() ? temp.path() : stillsDir;
	QDir().mkpath(dir);
	QProcess ffmpeg;
	ffmpeg.start("ffmpeg", {"-loglevel", "error", "-y", "-i", video, "-vf", QStringLiteral("fps=1/%1").arg(every),
				dir + "/still-%03d.png"});
	if (!ffmpeg.waitForFinished(300000) || ffmpeg.exitCode() != 0) {
		std::fprintf(stderr, "recording-check: ffmpeg could not decode %s: %s\n", video.toUtf8().constData(),
			     ffmpeg.readAllStandardError().constData());
		return 1;
	}
	std::vector<QImage> stills;
	for (const QString &file : QDir(dir).entryList({"still-*.png"}, QDir::Files, QDir::Name)) {
		stills.push_back(QImage(dir + "/" + file).convertToFormat(QImage::Format_RGB32));
	}
	std::printf("recording-check: %zu stills, one every %.1f s\n", stills.size(), every);
	int failures = 0;
	if (stills.size() < 4) {
		std::fprintf(stderr, "recording-check: FAILED: too few stills (%zu)\n", stills.size());
		return 1;
	}
	int blank = 0;
	for (const QImage &still : stills) {
		if (greyDeviation(still) < 2.0) {
			++blank;
		}
	}
	std::printf("recording-check: %d blank stills\n", blank);
	if (blank > 0) {
		++failures;
	}
	for (const Region &region : regions) {
		int moving = 0;
		double largest = 0.0;
		for (size_t i = 1; i < stills.size(); ++i) {
			const double diff = meanDifference(stills[i - 1], stills[i], region.rect);
			largest = std::max(largest, diff);
			if (diff > 0.5) {
				++moving;
			}
		}
		const bool ok = moving >= 2;
		std::printf("recording-check: %s changed between %d of %zu pairs of stills (largest mean difference "
			    "%.2f): %s\n",
			    region.name.c_str(), moving, stills.size() - 1, largest, ok ? "ok" : "FAILED");
		if (!ok) {
			++failures;
		}
	}
	return failures == 0 ? 0 : 1;
}
