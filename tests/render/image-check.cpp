#include "image-check.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace render_host {

namespace {

// The number of pixels whose largest channel difference exceeds tolerance; diff marks them red.
long long compare(const QImage &actual, const QImage &golden, int tolerance, QImage &diff)
{
	diff = QImage(actual.size(), QImage::Format_RGB32);
	long long bad = 0;
	for (int y = 0; y < actual.height(); ++y) {
		const auto *a = reinterpret_cast<const QRgb *>(actual.constScanLine(y));
		const auto *g = reinterpret_cast<const QRgb *>(golden.constScanLine(y));
		auto *d = reinterpret_cast<QRgb *>(diff.scanLine(y));
		for (int x = 0; x < actual.width(); ++x) {
			const int delta =
			    std::max({std::abs(qRed(a[x]) - qRed(g[x])), std::abs(qGreen(a[x]) - qGreen(g[x])),
				      std::abs(qBlue(a[x]) - qBlue(g[x]))});
			if (delta > tolerance) {
				++bad;
				d[x] = qRgb(255, 0, 0);
			} else {
				const int grey = qGray(a[x]) / 3;
				d[x] = qRgb(grey, grey, grey);
			}
		}
	}
	return bad;
}

} // namespace

bool checkProbes(const nlohmann::json &spec, const QImage &actual)
{
	bool ok = true;
	for (const auto &probe : spec.value("probes", nlohmann::json::array())) {
		const int x = probe.at("x");
		const int y = probe.at("y");
		const QRgb pixel = actual.pixel(x, y);
		const int tol = probe.value("tolerance", 24);
		const bool wantEqual = probe.contains("rgb");
		const auto &rgb = wantEqual ? probe.at("rgb") : probe.at("not_rgb");
		const int delta =
		    std::max({std::abs(qRed(pixel) - rgb[0].get<int>()), std::abs(qGreen(pixel) - rgb[1].get<int>()),
			      std::abs(qBlue(pixel) - rgb[2].get<int>())});
		const bool good = wantEqual ? delta <= tol : delta > tol;
		std::printf("render-host: probe %s (%d,%d) = (%d,%d,%d) %s (%d,%d,%d): %s\n",
			    probe.value("what", "").c_str(), x, y, qRed(pixel), qGreen(pixel), qBlue(pixel),
			    wantEqual ? "want" : "must differ from", rgb[0].get<int>(), rgb[1].get<int>(),
			    rgb[2].get<int>(), good ? "ok" : "FAILED");
		ok = ok && good;
	}
	return ok;
}

bool checkGolden(const Options &options, const QImage &actual)
{
	if (options.golden.empty()) {
		return true;
	}
	if (qEnvironmentVariableIntValue("LIVE_GIFTS_BLESS") == 1) {
		actual.save(QString::fromStdString(options.golden));
		std::printf("render-host: blessed %s\n", options.golden.c_str());
		return true;
	}
	QImage golden(QString::fromStdString(options.golden));
	if (golden.isNull()) {
		std::fprintf(stderr, "render-host: golden %s missing; actual is %s (LIVE_GIFTS_BLESS=1 to create)\n",
			     options.golden.c_str(), options.out.c_str());
		return false;
	}
	if (golden.size() != actual.size()) {
		std::fprintf(stderr, "render-host: size differs from golden %s\n", options.golden.c_str());
		return false;
	}
	golden = golden.convertToFormat(QImage::Format_RGB32);
	QImage diff;
	const long long bad = compare(actual, golden, options.tolerance, diff);
	const double fraction = static_cast<double>(bad) / (static_cast<double>(actual.width()) * actual.height());
	std::printf("render-host: %lld pixels differ by more than %d (%.5f%%, limit %.5f%%)\n", bad, options.tolerance,
		    fraction * 100.0, options.maxBadFraction * 100.0);
	if (fraction <= options.maxBadFraction) {
		return true;
	}
	const std::string diffPath = options.diff.empty() ? options.out + ".diff.png" : options.diff;
	diff.save(QString::fromStdString(diffPath));
	std::fprintf(stderr, "render-host: FAILED against %s\n  actual: %s\n  diff:   %s\n", options.golden.c_str(),
		     options.out.c_str(), diffPath.c_str());
	return false;
}

} // namespace render_host
